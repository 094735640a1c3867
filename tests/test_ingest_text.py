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
