"""OCR'd text read into paragraphs as the page shows them (issue 12): sizes measured from boxes
jitter, a paragraph runs on over a page break, an article's heading is its first sentence."""
from __future__ import annotations

from extractor.ingest import pdf_layout as L
from extractor.ingest.model import Block
from extractor.ingest.pdf import build_blocks
from extractor.nlp.sections import heading_of


def _line(text: str, x0: float, x1: float, top: float, size: float) -> L.Line:
    return L.Line(text=text, x0=x0, x1=x1, top=top, bottom=top + size, size=size, bold=False, italic=False,
                  first_w=6 * len(text.split()[0]))


def test_a_short_last_line_measured_smaller_stays_in_its_paragraph():
    # justified lines at 16.5, then the last line, with no descender, measured at 11
    lines = [_line("Căn cứ Quyết định số 18/2022/QĐ-TTg ngày 02 tháng 8 năm 2022 của Thủ tướng", 115, 535, 700, 16.5),
             _line("Chính phủ ban hành Quy định điều kiện, trình tự, thủ tục, hồ sơ xét", 88, 535, 722, 16.5),
             _line("Điều 1. Công nhận tỉnh Đồng Tháp hoàn thành nhiệm vụ xây dựng nông", 115, 535, 755, 16.5),
             _line("thôn mới năm 2024.", 88, 200, 777, 11.0)]
    paras = L.group(lines, 1, 88, 550, size_jitter=0.35)
    assert [p.text for p in paras][-1] == "Điều 1. Công nhận tỉnh Đồng Tháp hoàn thành nhiệm vụ xây dựng nông thôn mới năm 2024."
    # a text layer's sizes are exact: there the same difference is a change of font
    assert len(L.group(lines, 1, 88, 550)) == 3


def test_an_ocr_paragraph_cut_by_a_page_break_is_one_block():
    p1 = L.PageLayout(1, 595, 842, ocr=[Block("paragraph", "4. Sở Tài chính bố trí kinh phí.", page=1),
                                        Block("paragraph", "5. Sở Thông tin và Truyền thông phối hợp Sở Nông nghiệp và", page=1)])
    p2 = L.PageLayout(2, 595, 842, ocr=[Block("paragraph", "Phát triển nông thôn cung cấp thông tin dự báo.", page=2),
                                        Block("paragraph", "6. Công an tỉnh phối hợp.", page=2)])
    texts = [b.text for b in build_blocks([p1, p2])]
    assert texts == ["4. Sở Tài chính bố trí kinh phí.",
                     "5. Sở Thông tin và Truyền thông phối hợp Sở Nông nghiệp và Phát triển nông thôn cung cấp thông tin dự báo.",
                     "6. Công an tỉnh phối hợp."]
    # a sentence that ended before the break is not carried on
    p3 = L.PageLayout(3, 595, 842, ocr=[Block("paragraph", "Căn cứ Luật Tổ chức chính quyền địa phương.", page=3)])
    assert len(build_blocks([p2, p3])) == 3


def test_an_articles_heading_is_its_first_sentence_colons_and_all():
    text = "Mức tiền thưởng cho một Chiến sĩ thi đua cấp tỉnh: 2.190.000 đồng. Nguồn tiền thưởng: ngân sách tỉnh."
    assert heading_of(text, sentence=True) == "Mức tiền thưởng cho một Chiến sĩ thi đua cấp tỉnh: 2.190.000 đồng"
    assert heading_of(text) == "Mức tiền thưởng cho một Chiến sĩ thi đua cấp tỉnh"  # a numbered item's stops at ':'


def test_a_mark_read_as_a_word_does_not_pull_the_next_line_into_its_row():
    """A signature's stroke read as a word "SG" 3 lines tall on "- VP Đoàn ĐBQH …": the recipients stay two lines."""
    import numpy as np

    from extractor.ingest.ocr import _to_points

    def w(text, x0, top, bottom, line):
        return {"text": text, "x0": x0, "x1": x0 + 40 * len(text) // 2, "top": top, "bottom": bottom, "conf": 0.9, "line": line}

    words = [w("-", 10, 3086, 3090, (9, 3, 1)), w("VP", 30, 3066, 3099, (9, 3, 1)), w("Đoàn", 90, 3066, 3100, (9, 3, 1)),
             w("ĐBQH", 200, 3066, 3108, (9, 3, 1)), w("tỉnh;", 320, 3067, 3108, (9, 3, 1)), w("SG", 420, 3045, 3160, (9, 3, 1)),
             w("-", 10, 3140, 3144, (9, 3, 2)), w("Sở", 30, 3121, 3154, (9, 3, 2)), w("Nội", 90, 3120, 3161, (9, 3, 2)),
             w("vụ;", 170, 3131, 3161, (9, 3, 2))]
    rows = L.rows_of(_to_points(words, np.zeros((3300, 2500), dtype=bool), 0.24))
    texts = [" ".join(x["text"] for f in r for x in f) for r in rows]
    assert texts == ["- VP Đoàn ĐBQH tỉnh; SG", "- Sở Nội vụ;"]
