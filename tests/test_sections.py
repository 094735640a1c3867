"""The outline (SCHEMA §2): numbering styles, OCR-damaged numbers, run-on headings, unnumbered headings."""
from __future__ import annotations

import pytest

from extractor.ingest.model import Block, Style
from extractor.nlp.sections import heading_of, labels_of, number_of, outline


def _blocks(*lines: str | tuple[str, Style]) -> list[Block]:
    out = []
    for ln in lines:
        text, style = (ln, Style()) if isinstance(ln, str) else ln
        out.append(Block("paragraph", text, style=style))
    return out


def _outline(*lines):
    bs = _blocks(*lines)
    return [(it.path, it.heading, it.level) for it in outline(bs, 0, len(bs), None)]


def test_roman_arabic_letter_levels_follow_first_appearance():
    got = _outline("I. MỤC ĐÍCH, YÊU CẦU", "1. Mục đích", "a) Đối với cán bộ", "b) Đối với người dân",
                   "2. Yêu cầu", "II. NỘI DUNG", "1.1. Tuyên truyền trên báo chí", "1.2. Hội nghị")
    assert got == [("I", "MỤC ĐÍCH, YÊU CẦU", 1), ("I.1", "Mục đích", 2), ("I.1.a", "Đối với cán bộ", 3),
                   ("I.1.b", "Đối với người dân", 3), ("I.2", "Yêu cầu", 2), ("II", "NỘI DUNG", 1),
                   ("II.1", "Tuyên truyền trên báo chí", 2), ("II.2", "Hội nghị", 2)]


def test_phan_muc_dieu_and_ordinal_parts():
    got = _outline("Phần I. KẾT QUẢ NĂM 2023", "1. Đánh giá kết quả", "Phần II: NHIỆM VỤ NĂM 2024",
                   "Mục 1. Nội dung tuyên truyền", "Điều 1. Phạm vi điều chỉnh")
    assert [p for p, _, _ in got] == ["I", "I.1", "II", "II.1", "II.1.1"]
    assert got[0][1] == "KẾT QUẢ NĂM 2023" and got[3][1] == "Nội dung tuyên truyền"
    assert [p for p, _, _ in _outline("PHẦN THỨ NHẤT", "KẾT QUẢ THỰC HIỆN", "PHẦN THỨ HAI", "NHIỆM VỤ")] == ["1", "2"]
    assert _outline("PHẦN THỨ NHẤT", "KẾT QUẢ THỰC HIỆN")[0][1] == "KẾT QUẢ THỰC HIỆN"


def test_upper_letters_are_not_roman_numerals_in_a_letter_list():
    got = _outline("A. KẾT QUẢ", "B. NHIỆM VỤ", "C. TỔ CHỨC THỰC HIỆN", "D. KINH PHÍ")
    assert [p for p, _, _ in got] == ["A", "B", "C", "D"]
    assert [p for p, _, _ in _outline("I. MỤC TIÊU", "II. NỘI DUNG", "III. GIẢI PHÁP", "IV. KINH PHÍ", "V. TIẾN ĐỘ")] == \
        ["I", "II", "III", "IV", "V"]


def test_ocr_damaged_roman_numbers_are_repaired():
    got = _outline("l. MỤC ĐÍCH, YÊU CẦU", "1. Mục đích", "1I. NỘI DUNG", "1. Tuyên truyền", "IlI. TỔ CHỨC THỰC HIỆN",
                   "lV. KINH PHÍ")
    assert [p for p, _, _ in got] == ["I", "I.1", "II", "II.1", "III", "IV"]


@pytest.mark.parametrize("marks, want", [
    (["I", "II", "II", "IV"], ["I", "II", "III", "IV"]),  # bold "III" read as "II"
    (["I", "II", "III", "IV", "IV"], ["I", "II", "III", "IV", "V"]),
    (["I", "I"], ["I", "II"]),
    (["I", "II", "V"], ["I", "II", "V"]),  # two strokes off: left as printed
    (["I", "II", "III", "IV"], ["I", "II", "III", "IV"]),
])
def test_roman_numbers_misread_by_one_stroke_follow_the_sequence(marks, want):
    got = _outline(*(f"{m}. MỤC {k}" for k, m in enumerate(marks)))
    assert [p for p, _, _ in got] == want


def test_roman_sequence_starts_again_under_a_new_part():
    got = _outline("PHẦN I", "KẾT QUẢ", "I. CÔNG TÁC CHỈ ĐẠO", "II. KẾT QUẢ", "PHẦN II", "NHIỆM VỤ", "I. MỤC TIÊU")
    assert [p for p, _, _ in got][-1] == "II.I"


def test_lowercase_l_in_an_arabic_list_is_one():
    n = number_of("l. Tuyên truyền", [("arabic", "3")], ["arabic"])
    assert (n.style, n.num) == ("arabic", "1")


def test_run_on_heading_stops_at_colon_or_first_sentence():
    got = _outline("1. Mục đích: Tăng cường công tác tuyên truyền về cải cách hành chính.",
                   "2. Yêu cầu. Công tác tuyên truyền phải thiết thực.",
                   "3. Kinh phí thực hiện - từ nguồn ngân sách")
    assert [h for _, h, _ in got] == ["Mục đích", "Yêu cầu", "Kinh phí thực hiện - từ nguồn ngân sách"]
    assert heading_of("Đối với cán bộ, công chức: tổ chức hội nghị") == "Đối với cán bộ, công chức"


def test_unnumbered_bold_upper_and_centered_headings_but_not_bullets():
    got = _outline(("Mục tiêu chung", Style(bold=True)), "- Tuyên truyền sâu rộng.", "TỔ CHỨC THỰC HIỆN",
                   ("Kinh phí thực hiện", Style(centered=True)), "+ Hội nghị, tập huấn;",
                   ("Nội dung trong câu dài kết thúc bằng dấu chấm phẩy;", Style(bold=True)))
    assert [(p, h) for p, h, _ in got] == [("H1", "Mục tiêu chung"), ("H2", "TỔ CHỨC THỰC HIỆN"),
                                          ("H3", "Kinh phí thực hiện")]


def test_bullets_and_sentences_are_not_items():
    assert _outline("- Tuyên truyền", "• Hội thảo", "Các đơn vị triển khai thực hiện kế hoạch này.") == []


def test_rule_labels_name_every_kind_a_heading_names():
    assert labels_of("Nội dung, hình thức và đối tượng tuyên truyền") == ["doi_tuong", "noi_dung", "hinh_thuc"]
    assert labels_of("Chế độ thông tin, báo cáo") == ["bao_cao"]
    assert labels_of("Giao Văn phòng Sở chủ trì, phối hợp với các phòng, đơn vị triển khai thực hiện đầy đủ các nội dung") == []


def test_decimal_numbers_nest_by_depth():
    got = _outline("3. Phòng Văn hóa", "3.1. Nhiệm vụ chung", "3.1.1. Tham mưu kiện toàn Ban Chỉ đạo",
                   "3.1.2. Hướng dẫn bình xét", "3.2. Phối hợp", "3.2.1. Xây dựng chuyên mục")
    assert [p for p, _, _ in got] == ["3", "3.1", "3.1.1", "3.1.2", "3.2", "3.2.1"]
    assert [lv for _, _, lv in got] == [1, 2, 3, 3, 2, 3]


def test_title_run_on_into_its_first_lettered_item():
    got = _outline("2. Nội dung thực hiện a) Tiêm phòng vắc xin cho đàn trâu, bò.", "b) Vệ sinh chuồng trại.",
                   "3. Tuyên truyền về a) và b) nêu trên là cần thiết.")
    assert [(p, h) for p, h, _ in got] == [("2", "Nội dung thực hiện"), ("2.a", "Tiêm phòng vắc xin cho đàn trâu, bò"),
                                           ("2.b", "Vệ sinh chuồng trại"), ("3", "Tuyên truyền về a) và b) nêu trên là cần thiết")]
