"""HTML reader: the plan without the portal around it."""
from __future__ import annotations

import unicodedata
from pathlib import Path

import pytest

from extractor.ingest.html import decode_html, read_html
from extractor.ingest.text import parse_text
from extractor.normalize import squash

ROOT = Path(__file__).resolve().parents[1]
SEEDS = ROOT / "corpus" / "text"
TONES = "\u0300\u0301\u0303\u0309\u0323"

PAGE = """<!DOCTYPE html>
<html lang="vi"><head><meta charset="utf-8"><title>Kế hoạch - Cổng TTĐT</title>
<style>.x{color:red}</style><script>var tracking = "Trang chủ";</script></head>
<body>
<header><div class="logo">CỔNG THÔNG TIN ĐIỆN TỬ SỞ Y TẾ</div>
<nav><a href="/">Trang chủ</a><a href="/tin-tuc">Tin tức</a><a href="/ttc">Thông tin chung</a></nav></header>
<div class="breadcrumb"><a href="/">Trang chủ</a> › <a href="/tin-tuc">Tin tức</a></div>
<div id="wrapper">
 <div class="col-left">
  <div class="news-detail">
   <h1>Kế hoạch tuyên truyền cải cách hành chính năm 2024</h1>
   <p>Số: <b>28</b>/KH-SYT</p>
   <p style="text-align: center"><strong>KẾ HOẠCH<br>Tuyên truyền cải cách hành chính</strong></p>
   <p>Căn cứ Kế hoạch số 268/KH-UBND ngày 16/02/2023 của UBND tỉnh, Sở Y tế xây dựng kế hoạch như sau:</p>
   <p><strong>I. MỤC ĐÍCH, YÊU CẦU</strong></p>
   <ul><li>Nâng cao nhận thức của cán bộ, công chức, viên chức về cải cách hành chính.</li>
       <li>- Tăng cường ứng dụng công nghệ thông tin, chuyển đổi số.</li></ul>
   <ol type="a"><li>Đối với cán bộ, công chức</li><li>Đối với người dân, doanh nghiệp</li></ol>
   <table border="1">
    <tr><th>TT</th><th>Nhiệm vụ</th><th>Thời gian</th></tr>
    <tr><td rowspan="2">1</td><td colspan="2">Tuyên truyền cho cán bộ</td></tr>
    <tr><td>Họp giao ban<br>hằng tháng</td><td>Quý I</td></tr>
   </table>
   <div>Đoạn thứ nhất trong một khối.<br><br>Đoạn thứ hai sau hai lần xuống dòng.</div>
   <center>GIÁM ĐỐC</center>
   <p>Trang chủTin tứcThông tin chung</p>
   <p class="tool"><a href="#">In trang</a></p>
   <p>Lượt xem: 1.204</p>
   <p>Phản hồi</p>
   <p>Thông tin người gửi phản hồi</p>
   <p>Các tin khác</p>
   <p><a href="/a">Hội nghị tổng kết năm</a></p>
  </div>
  <div class="box-comment"><h3>Ý kiến bạn đọc</h3><form><label>Họ và tên</label><input></form></div>
  <div class="tin-khac"><h3>Tin khác</h3><ul><li><a href="/b">Tập huấn dịch vụ công trực tuyến cho cán bộ cơ sở</a></li></ul></div>
 </div>
 <aside class="sidebar"><h3>Liên kết website</h3><ul><li><a href="/c">Cổng Dịch vụ công quốc gia</a></li></ul></aside>
</div>
<footer><p>Bản quyền thuộc Sở Y tế. Địa chỉ: số 1 đường Trung tâm, điện thoại 0254 3800 000.</p></footer>
</body></html>
"""


@pytest.fixture(scope="module")
def page():
    return read_html(PAGE.encode("utf-8"), "page.html")


def test_chrome_absent_article_present(page):
    text = page.text
    for chrome in ("CỔNG THÔNG TIN", "Trang chủ", "Tin tức", "Liên kết website", "Bản quyền", "Ý kiến bạn đọc",
                   "Phản hồi", "Thông tin người gửi", "Các tin khác", "Hội nghị tổng kết", "Tập huấn dịch vụ",
                   "In trang", "Lượt xem", "tracking", "color:red", "Họ và tên"):
        assert chrome not in text, chrome
    assert page.format == "html" and page.encoding == "utf-8"
    assert page.blocks[0].kind == "heading"
    assert "Căn cứ Kế hoạch số 268/KH-UBND" in text
    assert page.blocks[-1].text == "GIÁM ĐỐC"


def test_blocks_lists_and_style_hints(page):
    by_text = {b.text: b for b in page.blocks}
    assert "Số: 28/KH-SYT" in by_text
    title = by_text["KẾ HOẠCH\nTuyên truyền cải cách hành chính"]
    assert (title.style.bold, title.style.centered, title.kind) == (True, True, "paragraph")
    assert by_text["Số: 28/KH-SYT"].style.bold is False
    assert by_text["I. MỤC ĐÍCH, YÊU CẦU"].style.bold and by_text["I. MỤC ĐÍCH, YÊU CẦU"].style.upper
    items = [b.text for b in page.blocks if b.kind == "list_item"]
    assert items == [
        "- Nâng cao nhận thức của cán bộ, công chức, viên chức về cải cách hành chính.",
        "- Tăng cường ứng dụng công nghệ thông tin, chuyển đổi số.",
        "a. Đối với cán bộ, công chức",
        "b. Đối với người dân, doanh nghiệp",
    ]
    assert by_text["GIÁM ĐỐC"].style.centered is True
    assert "Đoạn thứ nhất trong một khối." in by_text and "Đoạn thứ hai sau hai lần xuống dòng." in by_text


def test_table_kept_with_spans(page):
    assert len(page.tables) == 1
    assert page.tables[0].texts() == [
        ["TT", "Nhiệm vụ", "Thời gian"],
        ["1", "Tuyên truyền cho cán bộ", ""],
        ["", "Họp giao ban\nhằng tháng", "Quý I"],
    ]
    kinds = [b.kind for b in page.blocks]
    assert kinds.index("table") > kinds.index("list_item")  # in document order


def test_page_wrapped_in_one_form_still_read():
    html = ('<html><body><form id="form1" action="x"><div class="menu"><a href="/">Trang chủ</a>'
            '<a href="/b">Giới thiệu</a></div><div id="content"><p>Kế hoạch tuyên truyền cải cách hành chính, '
            'chuyển đổi số năm 2024 của Ủy ban nhân dân huyện, áp dụng cho các phòng, ban.</p>'
            '<p>Các cơ quan, đơn vị tổ chức thực hiện nghiêm túc, báo cáo kết quả định kỳ hằng quý.</p>'
            '</div></form></body></html>')
    doc = read_html(html.encode("utf-8"), "form.html")
    assert [b.text[:10] for b in doc.blocks] == ["Kế hoạch t", "Các cơ qua"]


def _cp1258(s: str) -> bytes:
    """cp1258 keeps tone marks as combining characters after a precomposed base."""
    out = []
    for ch in s:
        d = unicodedata.normalize("NFD", ch)
        tones = "".join(c for c in d if c in TONES)
        out.append(unicodedata.normalize("NFC", "".join(c for c in d if c not in TONES)) + tones)
    return "".join(out).encode("cp1258")


def test_decoding_meta_bom_utf8_cp1258():
    text = "Kế hoạch tuyên truyền cải cách hành chính năm 2024 của Sở Y tế, các đơn vị thực hiện."
    body = f"<html><head>{{meta}}</head><body><p>{text}</p></body></html>"
    cp = _cp1258(body.format(meta=""))
    doc = read_html(cp, "old.html")
    assert doc.encoding == "cp1258" and doc.blocks[0].text == text  # NFC after decoding
    meta = body.format(meta='<meta http-equiv="Content-Type" content="text/html; charset=windows-1258">')
    assert decode_html(_cp1258(meta))[1] == "cp1258"
    assert read_html(_cp1258(meta), "m.html").blocks[0].text == text
    assert decode_html(b"\xef\xbb\xbf" + body.format(meta="").encode("utf-8"))[1] == "utf-8"
    latin = body.format(meta='<meta charset="iso-8859-1">').encode("utf-8")
    assert read_html(latin, "l.html").blocks[0].text == text  # mis-declared UTF-8 page


def test_empty_page():
    assert read_html(b"", "e.html").blocks == []


# --- corpus renderings read back as the seed -------------------------------

RENDERED = sorted((ROOT / "corpus" / "html").glob("*-html.html"))
# Lines of a scraped seed that the HTML rendering moves into the page chrome (seed 003).
MOVED_TO_CHROME = {"Trang chủTin tứcThông tin chung", "Phản hồi", "Thông tin người gửi phản hồi", "Các tin khác"}


def _seed(stem: str) -> Path:
    return SEEDS / f"{stem}.txt"


@pytest.mark.skipif(not RENDERED, reason="no corpus renderings (run python corpus/render.py)")
@pytest.mark.parametrize("path", RENDERED, ids=lambda p: p.stem)
def test_corpus_html_reads_back_as_seed(path: Path):
    seed = _seed(path.stem.rsplit("-", 1)[0])
    want_doc = parse_text(seed.read_text(encoding="utf-8"), str(seed))
    got_doc = read_html(path.read_bytes(), str(path))
    want = [squash(b.text) for b in want_doc.blocks if b.kind != "table"]
    want = [t for t in want if t not in MOVED_TO_CHROME]
    got = [squash(b.text) for b in got_doc.blocks if b.kind != "table"]
    # the same words in the same order (where a paragraph breaks is each reader's: <p>/<br> versus line shapes)
    assert " ".join(got).split() == " ".join(want).split()
    assert [t.texts() for t in got_doc.tables] == [t.texts() for t in want_doc.tables]


LIES = {  # (how the page's bytes are written, what its <meta charset> says)
    "utf8-says-utf16": ("utf-8", "utf-16"),
    "utf8-says-koi8r": ("utf-8", "koi8-r"),
    "cp1258-says-latin1": ("cp1258", "iso-8859-1"),
    "tcvn3-says-cp1252": ("tcvn3", "windows-1252"),
    "vni-says-latin1": ("vni", "iso-8859-1"),
}


@pytest.mark.parametrize("case", sorted(LIES))
def test_meta_charset_contradicted_by_the_bytes(case):
    """A <meta charset> the bytes refute (a UTF-8 page saying utf-16, an 8-bit Vietnamese page saying
    Latin-1) is decoded as declared, found wrong and read as what the bytes are; an honest one stands."""
    from extractor.ingest.encodings import encode_legacy

    written, said = LIES[case]
    text = "Kế hoạch tuyên truyền cải cách hành chính năm 2024 của Sở Y tế, các đơn vị thực hiện nghiêm túc."
    page = f'<html><head><meta charset="{said}"></head><body><p>{text}</p><p>{text}</p></body></html>'
    data = (_cp1258(page) if written == "cp1258" else encode_legacy(page, written) if written in ("tcvn3", "vni")
            else page.encode(written))
    doc = read_html(data, "lie.html")
    assert [b.text for b in doc.blocks] == [text, text]
    assert doc.encoding == {"utf-8": "utf-8"}.get(written, written)
    honest = page.replace(f'charset="{said}"', 'charset="windows-1258"')
    assert read_html(_cp1258(honest), "h.html").encoding == "cp1258"


def test_a_portal_page_whose_meta_says_utf16_is_the_plan():
    """The fuzzing reproducer: a real UTF-8 page declaring utf-16 was 'not Vietnamese'."""
    from extractor import extract

    path = RENDERED[0]
    data = path.read_bytes().replace(b'<meta charset="utf-8">', b'<meta charset="utf-16">', 1)
    assert b'charset="utf-16"' in data
    got, want = extract(data, name=str(path)).to_json(), extract(str(path)).to_json()
    assert got["doc"] == want["doc"] and got["citations"] == want["citations"] and got["doc"]["code"]
