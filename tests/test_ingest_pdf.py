"""The PDF reader on the corpus renderings (laid out like Nghị định 30/2020 plans)
and on small PDFs made here: columns, paragraphs, margins, tables, style, pages."""
from __future__ import annotations

import functools
import os

import pdfplumber
import pytest

from extractor.ingest import load
from extractor.ingest.encodings import encode_legacy
from extractor.ingest.pdf import route

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
PDF = os.path.join(ROOT, "corpus", "pdf")
TEXT = os.path.join(ROOT, "corpus", "text")
SEED = "000_13a313f26e079968"
TABLE_SEED = "002_337e30c1cff994e8"


@pytest.fixture(scope="module")
def plan():
    return load(os.path.join(PDF, f"{SEED}-pdf.pdf"))


@pytest.fixture(scope="module")
def table_plan():
    return load(os.path.join(PDF, f"{TABLE_SEED}-pdf.pdf"))


def _texts(doc) -> list[str]:
    return [b.text for b in doc.blocks if b.table is None]


def test_two_column_header_is_read_column_by_column(plan):
    texts = _texts(plan)[:5]
    # left column ("Số: …") first, then the right column: motto, then place and date
    assert texts[0] == "Số: 28 /KH-SYT"
    assert texts[1] == "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM"
    assert texts[2] == "Độc lập - Tự do - Hạnh phúc"
    assert texts[3] == "Bà Rịa-Vũng Tàu, ngày 27 tháng 02 năm 2023"
    assert texts[4].startswith("KẾ HOẠCH\nCông tác thông tin")


def test_wrapped_lines_become_the_seed_paragraphs(plan):
    seed = load(os.path.join(TEXT, f"{SEED}.txt"))
    got = {" ".join(t.split()) for t in _texts(plan)}  # a title's lines may be one block or several lines of one
    body = [" ".join(b.text.split()) for b in seed.blocks if b.table is None and len(b.text) > 80]
    missing = [t for t in body if t not in got and not any(g.endswith(" " + t) for g in got)]  # the title under "KẾ HOẠCH"
    assert len(body) > 30 and not missing, missing[:3]


def test_paragraph_cut_by_a_page_break_is_one_block():
    path = os.path.join(PDF, "001_ba6bf8c8c6accb18-pdf.pdf")
    with pdfplumber.open(path) as pdf:
        first_line = pdf.pages[3].extract_text().split("\n")[1]  # after the page number
    assert first_line.startswith("các nội dung")  # in the file, page 4 starts mid-paragraph
    doc = load(path)
    assert not any(b.text.startswith(first_line) for b in doc.blocks)
    joined = next(b for b in doc.blocks if first_line in b.text)
    assert joined.page == 3 and joined.text.startswith("Xây dựng kế hoạch") and joined.text.endswith(first_line)


def test_running_footer_and_page_numbers_are_dropped(plan):
    texts = _texts(plan)
    assert not any(t.startswith("Kế hoạch 28/KH-SYT") for t in texts)
    assert not any(t.strip().isdigit() for t in texts)
    with pdfplumber.open(os.path.join(PDF, f"{SEED}-pdf.pdf")) as pdf:  # they are in the file
        assert "Kế hoạch 28/KH-SYT" in pdf.pages[1].extract_text() and pdf.pages[1].extract_text().split("\n")[0].strip() == "2"


def test_signature_and_recipients_side_by_side_are_split(plan):
    texts = _texts(plan)
    i = texts.index("Nơi nhận:")
    assert texts[i + 1:i + 9] == ["- Sở Nội vụ;", "- VP Đảng ủy SYT;", "- Công đoàn Ngành SYT;",
                                  "- Các cơ quan, đơn vị trực thuộc Sở;", "- Các Phó Giám đốc SYT;",
                                  "- Các phòng CMNV thuộc Sở;", "- Bộ phận CNTT SYT;", "- Lưu: VT, VP."]
    assert texts[i + 9:] == ["GIÁM ĐỐC", "Phạm Minh An"]


def test_style_hints_and_pages(plan):
    by_text = {b.text: b for b in plan.blocks}
    heading = by_text["I. Mục đích - yêu cầu:"]
    assert heading.style.bold and not heading.style.centered and heading.style.font_size == 13
    title = next(b for b in plan.blocks if b.text.startswith("KẾ HOẠCH"))
    assert title.style.bold and title.style.centered
    assert by_text["CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM"].style.upper
    body = next(b for b in plan.blocks if b.text.startswith("Căn cứ Kế hoạch số 268"))
    assert not body.style.bold and body.kind == "paragraph"
    assert by_text["- Sở Nội vụ;"].kind == "list_item"
    pages = [b.page for b in plan.blocks]
    assert pages == sorted(pages) and pages[0] == 1 and pages[-1] == plan.pages == 5
    assert plan.format == "pdf"


def test_ruled_table_with_wrapped_cells_over_pages_is_one_table(table_plan):
    seed = load(os.path.join(TEXT, f"{TABLE_SEED}.txt")).tables[0].texts()
    with pdfplumber.open(os.path.join(PDF, f"{TABLE_SEED}-pdf.pdf")) as pdf:
        pages_with_rules = sum(1 for p in pdf.pages if p.find_tables())
    assert pages_with_rules >= 3  # the appendix runs over several pages in the file
    assert len(table_plan.tables) == 1
    got = table_plan.tables[0].texts()
    assert len(got) == len(seed) and got[0] == seed[0]  # header row once, no row lost or cut
    assert sum(1 for r in got if r[0] == "TT") == 1
    differ = [(a, b) for ra, rb in zip(got, seed) for a, b in zip(ra, rb) if a != b]
    # one cell: the seed runs two "- " items on one line; the PDF wraps the second to a line start
    assert len(differ) <= 1 and all(a.replace("\n", " ") == b for a, b in differ)
    assert max(len(c) for r in got for c in r) > 300  # cells wrapped over many lines, joined


def test_route_sends_garbage_and_empty_text_layers_to_ocr():
    good = "Căn cứ Kế hoạch số 268/KH-SYT của UBND tỉnh về việc triển khai công tác cải cách hành chính " * 3
    assert route(good, has_images=False) == "text"
    assert route("", has_images=True) == "ocr"
    assert route("  \n", has_images=False) == "blank"
    assert route("(cid:12)(cid:40)(cid:7) " * 20, has_images=False) == "ocr"
    assert route("\ufffd\ufffd ab \ufffd" * 10, has_images=False) == "ocr"
    broken_map = encode_legacy(good, "tcvn3").decode("latin-1")  # TCVN3 glyphs read as Latin-1
    assert route(broken_map, has_images=False) == "ocr"
    assert route("12", has_images=True) == "ocr"  # a scan whose only text is a page number


def _simple_pdf(path, paragraphs: list[str], indent: float = 0.0, space_after: float = 0.0) -> None:
    from reportlab.lib.pagesizes import A4
    from reportlab.lib.styles import ParagraphStyle
    from reportlab.pdfbase import pdfmetrics
    from reportlab.pdfbase.ttfonts import TTFont
    from reportlab.platypus import Paragraph, SimpleDocTemplate

    pdfmetrics.registerFont(TTFont("TSerif", "/usr/share/fonts/truetype/dejavu/DejaVuSerif.ttf"))
    style = ParagraphStyle("p", fontName="TSerif", fontSize=12, leading=14, firstLineIndent=indent, spaceAfter=space_after)
    SimpleDocTemplate(str(path), pagesize=A4, invariant=1).build([Paragraph(p, style) for p in paragraphs])


def test_left_aligned_paragraphs_without_indent_or_spacing(tmp_path):
    """Ragged lines: a paragraph ends where the next line's first word would have fitted."""
    paras = [
        "Tăng cường công tác thông tin, tuyên truyền các chủ trương của Đảng, chính sách pháp luật của Nhà nước "
        "về cải cách hành chính đến cán bộ, công chức và người dân trên địa bàn.",
        "Nâng cao nhận thức, trách nhiệm của người đứng đầu cơ quan, đơn vị trong việc chỉ đạo, triển khai "
        "thực hiện nhiệm vụ cải cách hành chính năm 2024 và những năm tiếp theo.",
        "- Thời gian thực hiện: cả năm.",
    ]
    path = tmp_path / "ragged.pdf"
    _simple_pdf(path, paras)
    assert _texts(load(str(path))) == paras


@functools.lru_cache(maxsize=None)
def _record(path: str) -> dict:
    """A file's plan record, once per session (the seeds serve every rendering kind)."""
    from extractor import extract

    return extract(path).to_json()


def score_rendering(kind: str, ext: str):
    """Extract every corpus/<kind> rendering and the seeds they render; evaluate both."""
    import json

    from extractor.evaluate import evaluate

    gold_dir = os.path.join(ROOT, "corpus", "gold")
    names = sorted(f for f in os.listdir(os.path.join(ROOT, "corpus", kind)) if f.endswith(ext))
    reps = []
    for folder, name_of in ((kind, lambda n: n), ("text", lambda n: n.rsplit("-", 1)[0] + ".txt")):
        pairs = []
        for n in names:
            stem = os.path.splitext(name_of(n))[0]
            gold = json.load(open(os.path.join(gold_dir, f"{stem}.json"), encoding="utf-8"))
            pairs.append((gold, _record(os.path.join(ROOT, "corpus", folder, name_of(n)))))
        reps.append(evaluate(pairs))
    return names, reps[0], reps[1]


def assert_scores_like_text(kind: str, ext: str) -> None:
    """The end-to-end floors of tests/test_end_to_end.py, and every part within 0.02 of the
    same plans read from their text."""
    from test_end_to_end import FLOORS

    names, rendered, text = score_rendering(kind, ext)
    assert len(names) >= 5 and not rendered.no_pred
    assert rendered.doc_accuracy >= 0.90 and rendered.doc_accuracy >= text.doc_accuracy - 0.02
    for part, floor in FLOORS.items():
        assert rendered.parts[part].f1 >= floor, (part, rendered.parts[part].f1)
        assert rendered.parts[part].f1 >= text.parts[part].f1 - 0.02, (part, rendered.parts[part].f1, text.parts[part].f1)


def test_pdf_renderings_score_like_the_text_seeds():
    assert_scores_like_text("pdf", ".pdf")


def test_header_with_issuing_body_lines_beside_the_motto(tmp_path):
    """The decree's header with both columns on the same lines: left column first."""
    from reportlab.lib.enums import TA_CENTER
    from reportlab.lib.pagesizes import A4
    from reportlab.lib.styles import ParagraphStyle
    from reportlab.pdfbase import pdfmetrics
    from reportlab.pdfbase.ttfonts import TTFont
    from reportlab.platypus import Paragraph, SimpleDocTemplate, Table

    pdfmetrics.registerFont(TTFont("TSerif", "/usr/share/fonts/truetype/dejavu/DejaVuSerif.ttf"))
    pdfmetrics.registerFont(TTFont("TSerif-B", "/usr/share/fonts/truetype/dejavu/DejaVuSerif-Bold.ttf"))
    reg = ParagraphStyle("r", fontName="TSerif", fontSize=10, leading=13, alignment=TA_CENTER)
    bold = ParagraphStyle("b", parent=reg, fontName="TSerif-B")
    left = [("UBND TỈNH LẠNG SƠN", reg), ("SỞ Y TẾ", bold), ("Số: 12/KH-SYT", reg)]
    right = [("CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM", bold), ("Độc lập - Tự do - Hạnh phúc", bold),
             ("Lạng Sơn, ngày 05 tháng 3 năm 2023", reg)]
    body = "Thực hiện Kế hoạch số 58/KH-UBND ngày 08/3/2023 của UBND tỉnh về tuyên truyền cải cách hành chính."
    header = Table([[[Paragraph(t, s) for t, s in left], [Paragraph(t, s) for t, s in right]]], colWidths=[170, 280])
    path = tmp_path / "header.pdf"
    SimpleDocTemplate(str(path), pagesize=A4, invariant=1).build(
        [header, Paragraph(body, ParagraphStyle("p", fontName="TSerif", fontSize=12, leading=15, spaceBefore=20))])
    lines = "\n".join(b.text for b in load(str(path)).blocks).split("\n")
    assert lines == [t for t, _ in left] + [t for t, _ in right] + [body]
