"""Plain-text reader: paragraphs cut by a page break are joined, outline items are not."""
from extractor.ingest.text import parse_text


def _texts(source: str) -> list[str]:
    return [b.text for b in parse_text(source, "plan.txt", encoding="utf-8").blocks]


def test_paragraph_cut_by_a_page_break_is_joined():
    src = "Các đơn vị tổ chức tuyên truyền trên\n\ncác phương tiện thông tin đại chúng."
    assert _texts(src) == ["Các đơn vị tổ chức tuyên truyền trên các phương tiện thông tin đại chúng."]


def test_lettered_item_after_an_unpunctuated_heading_stays_its_own_block():
    src = "2. Nội dung thực hiện\n\na) Tiêm chủng mở rộng cho trẻ em.\n\nb. Phun thuốc diệt muỗi."
    assert _texts(src) == ["2. Nội dung thực hiện", "a) Tiêm chủng mở rộng cho trẻ em.", "b. Phun thuốc diệt muỗi."]


# --- plain text as people paste it -------------------------------------------------------------
from extractor.ingest import linebreaks  # noqa: E402


def _texts(text: str) -> list[str]:
    return [b.text for b in parse_text(text, "t.txt").blocks]


def test_hard_wrapped_paragraphs_are_joined_and_items_kept_apart():
    text = ("Căn cứ Quyết định số 749/QĐ-TTg ngày 03/6/2020 của\nThủ tướng Chính phủ phê duyệt Chương trình chuyển\n"
            "đổi số quốc gia;\nI. MỤC TIÊU\n1. Mục tiêu chung\nĐổi mới toàn diện việc dạy và học ngoại ngữ trong các\n"
            "cơ sở giáo dục của tỉnh.\n2. Mục tiêu cụ thể\n")
    assert _texts(text) == [
        "Căn cứ Quyết định số 749/QĐ-TTg ngày 03/6/2020 của Thủ tướng Chính phủ phê duyệt Chương trình chuyển "
        "đổi số quốc gia;", "I. MỤC TIÊU", "1. Mục tiêu chung",
        "Đổi mới toàn diện việc dạy và học ngoại ngữ trong các cơ sở giáo dục của tỉnh.", "2. Mục tiêu cụ thể"]


def test_one_paragraph_per_line_without_blank_lines():
    text = ("KẾ HOẠCH\nTuyên truyền cải cách hành chính năm 2025\nCăn cứ Kế hoạch số 12/KH-UBND ngày 10/01/2025 của "
            "UBND tỉnh về cải cách hành chính, Sở Nội vụ xây dựng Kế hoạch như sau:\nI. MỤC ĐÍCH\n"
            "Nâng cao nhận thức của cán bộ, công chức về cải cách hành chính trong toàn ngành năm 2025;\n"
            "Phân công rõ trách nhiệm của từng phòng trong triển khai thực hiện nhiệm vụ được giao năm 2025.\n")
    assert len(_texts(text)) == 6


def test_header_cells_place_split_from_its_date_and_number_on_its_own_line():
    text = "Số:\n29/KH-UBND\n|\nThái\nNguyên, ngày 22 tháng 3 năm 2018\n|\nKẾ HOẠCH\n"
    assert _texts(text) == ["Số: 29/KH-UBND", "Thái Nguyên, ngày 22 tháng 3 năm 2018", "KẾ HOẠCH"]


def test_wrap_width_tells_wrapped_text_from_long_lines():
    wrapped = ["x" * n for n in (78, 80, 75, 79, 30, 80, 77)]
    assert linebreaks.wrap_width(wrapped) == 80
    assert linebreaks.wrap_width(["y" * n for n in (400, 80, 250, 600, 90)]) is None


def test_literal_escaped_line_breaks_of_a_dump():
    text = "\\r\\n Số: 54/KH-UBND \\r\\n | \\r\\n Lạng Sơn, ngày 27 tháng 3 năm 2020 \\r\\n | \\r\\n\\r\\n1. Mục tiêu chung\\r\\n"
    assert _texts(text) == ["Số: 54/KH-UBND", "Lạng Sơn, ngày 27 tháng 3 năm 2020", "1. Mục tiêu chung"]


def test_site_chrome_is_kept_aside_not_in_the_plan():
    text = ("Trang chủTin tứcThông tin chung\n  • Cập nhật: 22/11/2022\n  • Lượt xem: 2212 lượt xem\n"
            "| Số hiệu | 06/KH-HĐND |\nThứ năm - 16/04/2020 10:39 841 0\nUntitled.jpg\n\n"
            "Ngày 21/11/2022, HĐND huyện ban hành Kế hoạch số 06/KH-HĐND về tiếp xúc cử tri.\n\n"
            "Tin liên quan\nHuyện tổ chức hội nghị\nKế hoạch số 5/KH-UBND về cải cách hành chính\n\nDoãn Thành\n")
    doc = parse_text(text, "t.txt")
    assert [b.text for b in doc.blocks] == ["Ngày 21/11/2022, HĐND huyện ban hành Kế hoạch số 06/KH-HĐND về tiếp xúc cử tri."]
    assert len(doc.chrome) >= 8 and all(b.source_start is not None for b in doc.chrome)


def test_pipe_rows_become_a_table():
    doc = parse_text("STT | Nội dung | Đơn vị chủ trì |\n1 | Tuyên truyền | Sở Tư pháp |\n", "t.txt")
    assert [t.texts() for t in doc.tables] == [[["STT", "Nội dung", "Đơn vị chủ trì"], ["1", "Tuyên truyền", "Sở Tư pháp"]]]
