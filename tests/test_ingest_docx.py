"""DOCX reader: Word numbering rendered, tables in place, chrome and bombs refused.

Documents are built here with python-docx, numbered with the same helper the
corpus renderer uses (`corpus/render.py: OutlineNumbering`).
"""
from __future__ import annotations

import importlib.util
import io
import sys
import zipfile
from pathlib import Path

import pytest
from docx import Document
from docx.enum.style import WD_STYLE_TYPE
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.oxml import parse_xml
from docx.oxml.ns import nsdecls
from lxml import etree

from extractor.errors import ExtractError
from extractor.ingest import docx as docx_reader
from extractor.ingest.docx import read_docx
from extractor.ingest.docx_numbering import Numbering, format_number
from extractor.ingest.text import parse_text
from extractor.normalize import squash

ROOT = Path(__file__).resolve().parents[1]
SEEDS = ROOT / "corpus" / "text"


def _load_render():
    spec = importlib.util.spec_from_file_location("corpus_render", ROOT / "corpus" / "render.py")
    mod = importlib.util.module_from_spec(spec)
    sys.modules.setdefault("corpus_render", mod)
    spec.loader.exec_module(mod)
    return mod


render = _load_render()


def _save(doc, tmp_path: Path, name: str = "t.docx") -> str:
    p = tmp_path / name
    doc.save(str(p))
    return str(p)


def _outline_doc():
    doc = Document()
    num = render.OutlineNumbering(doc)
    for level, value, text in [
        (0, 1, "Mục đích, yêu cầu"), (1, 1, "Mục đích"), (2, 1, "Đối với cán bộ"), (2, 2, "Đối với đơn vị"),
        (1, 2, "Yêu cầu"), (0, 2, "Nội dung"), (1, 1, "Nội dung tuyên truyền"), (2, 1, "Trên báo chí"),
        (0, 3, "Tổ chức thực hiện"), (1, 5, "Phòng Nội vụ"),
    ]:
        par = doc.add_paragraph(text)
        num.apply(par, level, value)
    return doc


def test_outline_numbering_rendered_and_restarted(tmp_path):
    src = read_docx(_save(_outline_doc(), tmp_path))
    assert src.format == "docx"
    assert [b.numbering for b in src.blocks] == ["I.", "1.", "a)", "b)", "2.", "II.", "1.", "a)", "III.", "5."]
    assert src.blocks[0].text == "I. Mục đích, yêu cầu"
    assert src.blocks[2].text == "a) Đối với cán bộ"
    assert src.blocks[6].text == "1. Nội dung tuyên truyền"  # restarted under II.
    assert src.blocks[9].text == "5. Phòng Nội vụ"  # startOverride instance


def test_outline_text_has_no_literal_number(tmp_path):
    path = _save(_outline_doc(), tmp_path)
    with zipfile.ZipFile(path) as z:
        xml = z.read("word/document.xml").decode("utf-8")
    assert "I. Mục đích" not in xml and "numPr" in xml


def test_style_numbering_bullets_and_headings(tmp_path):
    doc = Document()
    doc.add_heading("Kế hoạch", level=1)
    doc.add_paragraph("Sở Nội vụ;", style="List Bullet")
    doc.add_paragraph("Lưu: VT.", style="List Bullet")
    doc.add_paragraph("Bước một", style="List Number")
    doc.add_paragraph("Bước hai", style="List Number")
    blocks = read_docx(_save(doc, tmp_path)).blocks
    assert [(b.kind, b.text) for b in blocks] == [
        ("heading", "Kế hoạch"),
        ("list_item", "- Sở Nội vụ;"),
        ("list_item", "- Lưu: VT."),
        ("paragraph", "1. Bước một"),
        ("paragraph", "2. Bước hai"),
    ]
    assert blocks[1].numbering == "-"


def test_tables_in_body_order_with_merged_cells(tmp_path):
    doc = Document()
    doc.add_paragraph("Trước bảng")
    t = doc.add_table(rows=3, cols=3)
    for r, row in enumerate([["TT", "Nhiệm vụ", "Tiến độ"], ["1", "Tuyên truyền", ""], ["", "Tập huấn", "Quý II"]]):
        for c, text in enumerate(row):
            t.cell(r, c).text = text
    t.cell(1, 1).merge(t.cell(1, 2))  # gridSpan
    t.cell(1, 0).merge(t.cell(2, 0))  # vMerge restart / continue
    t.cell(1, 1).paragraphs[0].text = "Tuyên truyền"
    t.cell(1, 1).add_paragraph("cho cán bộ")
    doc.add_paragraph("Sau bảng")
    blocks = read_docx(_save(doc, tmp_path)).blocks
    assert [b.kind for b in blocks] == ["paragraph", "table", "paragraph"]
    assert blocks[1].table.texts() == [
        ["TT", "Nhiệm vụ", "Tiến độ"],
        ["1", "Tuyên truyền\ncho cán bộ", ""],
        ["", "Tập huấn", "Quý II"],
    ]


def test_numbering_inside_table_cells(tmp_path):
    doc = Document()
    t = doc.add_table(rows=1, cols=1)
    t.cell(0, 0).paragraphs[0].text = "Một"
    t.cell(0, 0).paragraphs[0].style = doc.styles["List Bullet"]
    t.cell(0, 0).add_paragraph("Hai", style="List Bullet")
    assert read_docx(_save(doc, tmp_path)).blocks[0].table.texts() == [["- Một\n- Hai"]]


def test_header_and_footer_not_read(tmp_path):
    doc = Document()
    sec = doc.sections[0]
    sec.header.paragraphs[0].text = "SỞ Y TẾ - ĐẦU TRANG"
    sec.footer.paragraphs[0].text = "Trang 1 - CUỐI TRANG"
    doc.add_paragraph("Nội dung kế hoạch")
    src = read_docx(_save(doc, tmp_path))
    assert src.text == "Nội dung kế hoạch"


def test_style_hints_bold_italic_centered_upper_and_breaks(tmp_path):
    doc = Document()
    p = doc.add_paragraph()
    p.alignment = WD_ALIGN_PARAGRAPH.CENTER
    p.add_run("KẾ HOẠCH").bold = True
    p.add_run().add_break()
    p.add_run("Tuyên truyền cải cách hành chính").bold = True
    mixed = doc.add_paragraph("Số: ")
    mixed.add_run("28").bold = True
    mixed.add_run("/KH-SYT")
    strong = doc.styles.add_style("DamNghieng", WD_STYLE_TYPE.PARAGRAPH)
    strong.font.bold = True
    child = doc.styles.add_style("KeThua", WD_STYLE_TYPE.PARAGRAPH)
    child.base_style = strong
    child.font.italic = True
    child.paragraph_format.alignment = WD_ALIGN_PARAGRAPH.CENTER
    doc.add_paragraph("GIÁM ĐỐC", style="KeThua")
    off = doc.add_paragraph(style="KeThua")
    off.add_run("Không đậm").bold = False
    b = read_docx(_save(doc, tmp_path)).blocks
    assert b[0].text == "KẾ HOẠCH\nTuyên truyền cải cách hành chính"
    assert (b[0].style.bold, b[0].style.centered, b[0].style.upper) == (True, True, False)
    assert b[1].text == "Số: 28/KH-SYT" and b[1].style.bold is False
    assert (b[2].style.bold, b[2].style.italic, b[2].style.upper, b[2].style.centered) == (True, True, True, True)
    assert b[3].style.bold is False and b[3].style.italic is True


def test_deleted_hidden_and_field_code_text_left_out(tmp_path):
    doc = Document()
    p = doc.add_paragraph("Giữ ")
    w = nsdecls("w")
    p._p.append(parse_xml(f'<w:del {w} w:id="1" w:author="a"><w:r><w:delText>xoá </w:delText></w:r></w:del>'))
    p._p.append(parse_xml(f'<w:r {w}><w:rPr><w:vanish/></w:rPr><w:t>ẩn </w:t></w:r>'))
    p._p.append(parse_xml(f'<w:r {w}><w:instrText> PAGE </w:instrText></w:r>'))
    p._p.append(parse_xml(f'<w:ins {w} w:id="2" w:author="a"><w:r><w:t>thêm</w:t></w:r></w:ins>'))
    assert read_docx(_save(doc, tmp_path)).blocks[0].text == "Giữ thêm"


def _rewrite(path: str, name: str, data: bytes) -> None:
    buf = io.BytesIO()
    with zipfile.ZipFile(path) as src, zipfile.ZipFile(buf, "w", zipfile.ZIP_DEFLATED) as dst:
        for info in src.infolist():
            dst.writestr(info.filename, data if info.filename == name else src.read(info.filename))
    Path(path).write_bytes(buf.getvalue())


def test_entity_bomb_refused(tmp_path):
    doc = Document()
    doc.add_paragraph("&lol9;")
    path = _save(doc, tmp_path)
    with zipfile.ZipFile(path) as z:
        xml = z.read("word/document.xml").decode("utf-8")
    ents = '<!ENTITY lol "lol">' + "".join(f'<!ENTITY lol{i} "{("&lol" + str(i - 1) + ";") * 10}">'
                                           for i in range(1, 10)).replace("&lol0;", "&lol;")
    head, rest = xml.split("?>", 1)
    bomb = f"{head}?><!DOCTYPE lolz [{ents}]>{rest.replace('&amp;lol9;', '&lol9;')}"
    _rewrite(path, "word/document.xml", bomb.encode("utf-8"))
    with pytest.raises(ExtractError) as e:
        read_docx(path)
    assert e.value.stage == "ingest" and "ENTITY" in e.value.reason


def test_zip_limits_and_non_zip(tmp_path, monkeypatch):
    doc = Document()
    doc.add_paragraph("x")
    path = _save(doc, tmp_path)
    monkeypatch.setattr(docx_reader, "MAX_ENTRIES", 5)
    with pytest.raises(ExtractError, match="entries"):
        read_docx(path)
    monkeypatch.setattr(docx_reader, "MAX_ENTRIES", 10_000)
    monkeypatch.setattr(docx_reader, "MAX_UNCOMPRESSED", 1000)
    with pytest.raises(ExtractError, match="expands"):
        read_docx(path)
    bad = tmp_path / "bad.docx"
    bad.write_bytes(b"not a zip at all")
    with pytest.raises(ExtractError) as e:
        read_docx(str(bad))
    assert e.value.stage == "ingest"


# --- numbering engine on hand-written numbering.xml -------------------------

def _numbering(body: str) -> Numbering:
    xml = f'<w:numbering {nsdecls("w")}>{body}</w:numbering>'
    return Numbering(etree.fromstring(xml.encode("utf-8")))


def _lvl(i: int, fmt: str, text: str, extra: str = "", start: int = 1) -> str:
    return (f'<w:lvl w:ilvl="{i}"><w:start w:val="{start}"/><w:numFmt w:val="{fmt}"/>{extra}'
            f'<w:lvlText w:val="{text}"/></w:lvl>')


def test_numbering_engine_rules():
    n = _numbering(
        '<w:abstractNum w:abstractNumId="0">'
        + _lvl(0, "decimal", "%1.") + _lvl(1, "decimal", "%1.%2.") + _lvl(2, "lowerRoman", "(%3)")
        + _lvl(3, "upperLetter", "%4.", '<w:lvlRestart w:val="0"/>') + "</w:abstractNum>"
        '<w:abstractNum w:abstractNumId="1">' + _lvl(0, "upperRoman", "%1.")
        + _lvl(1, "decimal", "%1.%2", '<w:isLgl/>') + "</w:abstractNum>"  # legal: I → 1
        '<w:num w:numId="1"><w:abstractNumId w:val="0"/></w:num>'
        '<w:num w:numId="2"><w:abstractNumId w:val="0"/></w:num>'
        '<w:num w:numId="3"><w:abstractNumId w:val="0"/>'
        '<w:lvlOverride w:ilvl="0"><w:startOverride w:val="7"/></w:lvlOverride></w:num>'
        '<w:num w:numId="4"><w:abstractNumId w:val="1"/></w:num>'
    )
    seq = [("1", 0), ("1", 1), ("1", 1), ("1", 2), ("1", 2), ("1", 3), ("1", 0), ("1", 1), ("1", 3),
           ("2", 0), ("3", 0), ("3", 0), ("4", 0), ("4", 1), ("1", 5), ("0", 0), ("9", 0)]
    got = [n.next(num, lvl) for num, lvl in seq]
    assert got == ["1.", "1.1.", "1.2.", "(i)", "(ii)", "A.", "2.", "2.1.", "B.",  # level 3 never restarts
                   "3.", "7.", "8.", "I.", "1.1", None, None, None]
    assert n.warnings == ["numbering: numId 9 not defined"]


def test_number_formats():
    assert [format_number(v, "upperRoman") for v in (1, 4, 9, 14, 40)] == ["I", "IV", "IX", "XIV", "XL"]
    assert [format_number(v, "lowerLetter") for v in (1, 26, 27)] == ["a", "z", "aa"]
    assert format_number(3, "decimalZero") == "03" and format_number(3, "bullet") == ""


# --- corpus renderings read back as the seed -------------------------------

def _seed(stem: str) -> Path:
    return SEEDS / f"{stem}.txt"


RENDERED = sorted((ROOT / "corpus" / "docx").glob("*-docx.docx"))


@pytest.mark.skipif(not RENDERED, reason="no corpus renderings (run python corpus/render.py)")
@pytest.mark.parametrize("path", RENDERED, ids=lambda p: p.stem)
def test_corpus_docx_reads_back_as_seed(path: Path):
    seed = _seed(path.stem.rsplit("-", 1)[0])
    want_doc = parse_text(seed.read_text(encoding="utf-8"), str(seed))
    got_doc = read_docx(str(path))
    want = [squash(b.text) for b in want_doc.blocks if b.kind != "table"]
    chrome = {squash(b.text) for b in want_doc.chrome}  # the site's lines of a scraped seed, kept aside by the text reader
    got = [squash(b.text) for b in got_doc.blocks if b.kind != "table" and squash(b.text) not in chrome]
    # the same words in the same order (where a paragraph breaks is each reader's: Word paragraphs versus line shapes)
    assert " ".join(got).split() == " ".join(want).split()
    assert [t.texts() for t in got_doc.tables] == [t.texts() for t in want_doc.tables]
    assert any(b.numbering for b in got_doc.blocks) or not any(render.outline_number(t) for t in want)


def test_renderer_is_deterministic(tmp_path):
    seed = _seed("002_337e30c1cff994e8")
    gold_dir = ROOT / "corpus" / "gold"
    first = render.render_seed(seed, tmp_path / "a", gold_dir)
    second = render.render_seed(seed, tmp_path / "b", gold_dir)
    assert [p.name for p in first] == [p.name for p in second]
    for a, b in zip(first, second):
        assert a.read_bytes() == b.read_bytes(), a.name
    src = read_docx(str(next(p for p in first if p.suffix == ".docx")))
    assert [b.numbering for b in src.blocks if b.numbering][:5] == ["I.", "1.", "2.", "II.", "III."]


def _box(lines: list[str]) -> str:
    paras = "".join(f"<w:p><w:r><w:t>{t}</w:t></w:r></w:p>" for t in lines)
    return f"<w:txbxContent>{paras}</w:txbxContent>"


def test_header_typed_in_text_boxes_is_read_once(tmp_path):
    """Offices type the ND30 header in two text boxes; Word stores each twice (DrawingML and VML)."""
    doc = Document()
    anchor = doc.add_paragraph()
    left = _box(["ỦY BAN NHÂN DÂN", "HUYỆN AN PHÚ", "Số: 15/KH-UBND"])
    right = _box(["CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM", "Độc lập - Tự do - Hạnh phúc",
                  "An Phú, ngày 10 tháng 3 năm 2024"])
    ns = ('xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main" '
          'xmlns:mc="http://schemas.openxmlformats.org/markup-compatibility/2006" '
          'xmlns:wps="http://schemas.microsoft.com/office/word/2010/wordprocessingShape" '
          'xmlns:v="urn:schemas-microsoft-com:vml"')
    for box in (left, right):
        anchor._p.append(parse_xml(
            f"<w:r {ns}><mc:AlternateContent><mc:Choice Requires=\"wps\"><w:drawing><wps:txbx>{box}</wps:txbx>"
            f"</w:drawing></mc:Choice><mc:Fallback><w:pict><v:shape><v:textbox>{box}</v:textbox></v:shape>"
            f"</w:pict></mc:Fallback></mc:AlternateContent></w:r>"))
    doc.add_paragraph("KẾ HOẠCH")
    doc.add_paragraph("Tuyên truyền cải cách hành chính năm 2024")
    doc.add_paragraph("Căn cứ Quyết định số 12/QĐ-UBND ngày 05/01/2024 của Ủy ban nhân dân huyện;")
    path = _save(doc, tmp_path)
    texts = [b.text for b in read_docx(path).blocks]
    assert texts[:3] == ["ỦY BAN NHÂN DÂN", "HUYỆN AN PHÚ", "Số: 15/KH-UBND"]
    assert texts.count("HUYỆN AN PHÚ") == 1
    from extractor import extract

    d = extract(path).doc
    assert (d.issuer, d.code, d.place, d.date, d.doc_type) == (
        "Ủy ban nhân dân huyện An Phú", "15/KH-UBND", "An Phú", "2024-03-10", "KH")
