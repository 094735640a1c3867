"""Outlines as portal pages give them (issue 11 item 5), on texts written for the test: a Roman
heading after Arabic items whose own Roman heading the page lost, "I." typed for "1.", a page cut
inside its last item, a parenthesis wrapped before "XII)", "Điều 1." on a line of its own, a byline."""
from __future__ import annotations

from extractor import extract
from extractor.ingest.model import Block
from extractor.nlp.sections import outline

_HEAD = """ỦY BAN NHÂN DÂN
TỈNH HÀ NAM
-------
|
CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM
|
Số: 12/KH-UBND
|
Hà Nam, ngày 10 tháng 3 năm 2024
|
KẾ HOẠCH
PHÒNG, CHỐNG DỊCH BỆNH NĂM 2024
"""


def _paths(*lines: str) -> list[tuple[str, str]]:
    bs = [Block("paragraph", ln) for ln in lines]
    return [(it.path, it.heading) for it in outline(bs, 0, len(bs), None)]


def _sections(text: str) -> list[tuple[str, str]]:
    return _outline_of(extract(text=text))


def _outline_of(record) -> list[tuple[str, str]]:
    """The outline as the JSON record gives it (paragraphs labelled for a text without one are apart)."""
    return [(s.path, s.heading) for s in record.sections if s.label_source != "classifier"]


def test_a_roman_heading_after_arabic_items_is_above_them():
    # the page lost "I. MỤC ĐÍCH, YÊU CẦU": its items come first, then "II." in capitals
    got = _paths("1. Mục đích", "2. Yêu cầu", "II. ĐỐI TƯỢNG, THỜI GIAN", "1. Đối tượng", "2. Thời gian")
    assert [p for p, _ in got] == ["1", "2", "II", "II.1", "II.2"]


def test_a_roman_i_that_would_go_back_is_the_first_item_of_a_list():
    got = _paths("I. MỤC TIÊU CHUNG", "Giảm tỷ lệ mắc bệnh.", "II. MỤC TIÊU CỤ THỂ",
                 "I. Giám sát chặt chẽ, phát hiện sớm các ổ dịch.", "2. Bảo đảm thuốc, vật tư.")
    assert [p for p, _ in got] == ["I", "II", "II.1", "II.2"]


def test_a_page_cut_inside_its_last_item_drops_it():
    text = _HEAD + """Ủy ban nhân dân tỉnh ban hành Kế hoạch như sau:
I. MỤC ĐÍCH, YÊU CẦU
1. Mục đích
Chủ động phòng, chống dịch bệnh trên địa bàn tỉnh.
2. Yêu cầ"""
    assert _sections(text) == [("I", "MỤC ĐÍCH, YÊU CẦU"), ("I.1", "Mục đích")]
    cut_paragraph = _HEAD + """Ủy ban nhân dân tỉnh ban hành Kế hoạch như sau:
I. YÊU CẦU
1. Các hoạt động phải bám sát nhiệm vụ chính trị của địa phương và được tổ chức thiết thực, tiết kiệm.
2. Các cơ quan, đơn vị phải chủ động xây dựng kế hoạch cụ thể và phân công rõ trách nhiệm cho từng cán bộ.
3. Ban Chỉ đạo các cấp do Đại"""
    assert [p for p, _ in _sections(cut_paragraph)] == ["I", "I.1", "I.2"]
    whole = _HEAD + """Ủy ban nhân dân tỉnh ban hành Kế hoạch như sau:
I. MỤC TIÊU
1. Mục tiêu chung
Giảm số mắc và tử vong do dịch bệnh.
2. Mục tiêu cụ thể"""
    assert [p for p, _ in _sections(whole)] == ["I", "I.1", "I.2"]  # a whole heading at the cut stays


def test_a_wrapped_parenthesis_does_not_open_an_item():
    text = _HEAD + """Căn cứ Nghị quyết số 21-NQ/TW ngày 25/10/2017 của Hội nghị lần thứ sáu Ban Chấp hành Trung ương (khóa
XII) về công tác dân số trong tình hình mới;
Ủy ban nhân dân tỉnh ban hành Kế hoạch như sau:
I. MỤC ĐÍCH, YÊU CẦU
Tổ chức tốt công tác dân số trên địa bàn tỉnh.
"""
    assert _sections(text) == [("I", "MỤC ĐÍCH, YÊU CẦU")]


def test_a_decision_with_its_article_numbers_on_lines_of_their_own_has_no_outline():
    text = """ỦY BAN NHÂN DÂN
TỈNH HÀ NAM
-------
|
CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM
|
Số: 120/QĐ-UBND
|
Hà Nam, ngày 10 tháng 3 năm 2024
|
QUYẾT ĐỊNH
BAN HÀNH KẾ HOẠCH PHÒNG, CHỐNG DỊCH BỆNH NĂM 2024
ỦY BAN NHÂN DÂN TỈNH
Căn cứ Luật Tổ chức chính quyền địa phương ngày 19/6/2015;
Theo đề nghị của Sở Y tế
- Hà Nam tại Tờ trình số 92/TTr-SYT ngày 06/3/2024.
QUYẾT ĐỊNH:
Điều 1.
Ban hành kèm theo Quyết định này Kế hoạch phòng, chống dịch bệnh năm 2024.
Điều 2.
Quyết định này có hiệu lực thi hành kể từ ngày ký.
"""
    r = extract(text=text)
    assert _outline_of(r) == []
    assert {c.code: c.relation for c in r.citations}.get("92/TTr-SYT") == "basis"  # the preamble ends at "QUYẾT ĐỊNH:"


def test_a_news_byline_is_not_a_heading():
    assert _paths("UBND thành phố vừa ban hành kế hoạch triển khai Đề án đô thị thông minh.", "HTND") == []


def test_a_cut_last_item_split_over_blocks_by_a_hard_wrap_is_dropped_and_a_heading_with_its_text_kept():
    got = _paths("I. MỤC ĐÍCH, YÊU CẦU", "1. Mục đích",
                 "a) Thực hiện có hiệu quả Quyết định số 213/QĐ-TTg ngày 01/3/2024 của Thủ tướng Chính phủ phê duyệt "
                 "Đề án tổng kiểm kê tài sản công tại cơ quan nhà nước, cơ quan Đảng",
                 "Cộng sản Việt Nam, Mặt trận Tổ quốc Việt Nam, tổ chức")
    assert [p for p, _ in got] == ["I", "I.1"]
    kept = _paths("I. MỤC TIÊU", "1. Đối tượng", "- Các cơ quan, đơn vị, địa phương và đối tượng tham gia thực")
    assert [p for p, _ in kept] == ["I", "I.1"]
    body = _paths("I. MỤC TIÊU", "II. NHIỆM VỤ", "Ngoài công tác lãnh đạo, chỉ đạo, các thành viên tập trung thực hiện")
    assert [p for p, _ in body] == ["I", "II"]
