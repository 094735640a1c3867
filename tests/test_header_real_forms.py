"""The ND30 header, type line and title in the forms real pages give them (strings written here,
in the shapes legal portals, province sites and news pages export)."""
from __future__ import annotations

import pytest

from extractor.ingest.text import parse_text
from extractor import extract
from extractor.ingest.chrome_lines import site_lines
from extractor.nlp.header import extract_header
from extractor.nlp.title import plan_year

BODY = """I. MỤC ĐÍCH, YÊU CẦU
1. Mục đích
Bảo đảm an toàn giao thông trong mùa lễ hội năm 2026."""


def _info(text: str):
    return extract_header(parse_text(text, "t.txt")).info


PIPED_NO_PROVINCE = """Kế hoạch 57/KH-UBND năm 2026 bảo đảm an toàn giao thông tỉnh Nghệ An
| Số hiệu | 57/KH-UBND |
| Người ký | Trần Văn Nam |
|
ỦY BAN NHÂN DÂN |
CỘNG HÒA XÃ HỘI
CHỦ NGHĨA VIỆT NAM |
|
Số: 57/KH-UBND |
Nghệ An, ngày 12 tháng 01 năm 2026 |
BẢO ĐẢM AN TOÀN GIAO THÔNG DỊP LỄ HỘI NĂM 2026
- Luật Giao thông đường bộ ngày 13/11/2008;
"""

SPLIT_WORDS = """ỦY
BAN NHÂN DÂN
TỈNH NGHỆ AN
-------
|
CỘNG
HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM
Độc lập - Tự do - Hạnh phúc
---------------
|
Số:
57/KH-UBND
|
Nghệ
An, ngày 12 tháng 01 năm 2026
|
KẾ HOẠCH
TRIỂN KHAI THỰC HIỆN CÔNG TÁC BẢO ĐẢM AN TOÀN GIAO THÔNG
DỊP LỄ HỘI NĂM 2026
Căn cứ Luật Giao thông đường bộ ngày
13/11/2008;
"""

GLUED = """ỦY BAN NHÂN DÂN | CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM |
Số: 57/KH-UBND | Nghệ An, ngày 12 tháng 01 năm 2026 |
KẾ HOẠCH
Triển khai thực hiện công tác bảo đảm an toàn giao thông dịp lễ hội năm 2026
Thực hiện Chỉ thị số 10/CT-TTg ngày 19/4/2023 của Thủ tướng Chính phủ, Ủy ban nhân dân tỉnh ban hành Kế hoạch như sau:
"""

ONE_LINE_COLUMNS = """ỦY BAN NHÂN DÂN TỈNH NGHỆ AN CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM
Độc lập - Tự do - Hạnh phúc
Số: 57/KH-UBND Nghệ An, ngày 12 tháng 01 năm 2026
KẾ HOẠCH
Về việc bảo đảm an toàn giao thông dịp lễ hội năm 2026
"""


@pytest.mark.parametrize("top", [PIPED_NO_PROVINCE, SPLIT_WORDS, GLUED, ONE_LINE_COLUMNS],
                         ids=["piped-no-province", "split-words", "glued-row", "columns-on-one-line"])
def test_header_block_in_real_layouts(top):
    info = _info(f"{top}\n{BODY}\n")
    assert (info.code, info.number, info.date, info.place) == ("57/KH-UBND", "57", "2026-01-12", "Nghệ An")
    assert info.issuer == "Ủy ban nhân dân tỉnh Nghệ An" and info.parent_issuer is None
    assert info.doc_type == "KH" and info.plan_year == 2026
    assert "CỘNG HÒA" not in (info.title or "").upper() and "57/KH" not in (info.title or "")
    assert "an toàn giao thông" in info.title.lower()


def test_signer_in_a_portals_metadata_table_is_not_the_signer():
    assert _info(f"{PIPED_NO_PROVINCE}\n{BODY}\n").signer is None


def test_department_under_its_province_glued_on_one_line():
    top = """ỦY BAN NHÂN DÂN TỈNH KHÁNH HÒA SỞ Y TẾ | CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM |
Số: 12/KH-SYT | Khánh Hòa, ngày 05 tháng 3 năm 2025 |
KẾ HOẠCH
Phòng, chống sốt xuất huyết năm 2025
"""
    info = _info(f"{top}\n{BODY}\n")
    assert info.issuer == "Sở Y tế tỉnh Khánh Hòa"
    assert info.parent_issuer == "Ủy ban nhân dân tỉnh Khánh Hòa"


def test_party_header():
    top = """ĐẢNG BỘ TỈNH QUẢNG NGÃI
TỈNH ỦY
*
ĐẢNG CỘNG SẢN VIỆT NAM
Số 25-KH/TU
Quảng Ngãi, ngày 10 tháng 4 năm 2024
KẾ HOẠCH
tiếp tục thực hiện Nghị quyết số 52-NQ/TW của Bộ Chính trị
"""
    info = _info(f"{top}\n{BODY}\n")
    assert info.code == "25-KH/TU" and info.doc_type == "KH"
    assert info.issuer == "Tỉnh ủy Quảng Ngãi" and info.parent_issuer == "Đảng bộ tỉnh Quảng Ngãi"
    assert "cộng sản" not in info.issuer.lower()


def test_decision_title_stops_at_its_authority_and_type_word_split_over_lines():
    text = """ỦY BAN NHÂN DÂN
TỈNH BÌNH ĐỊNH
|
CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM
|
Số: 636/QĐ-UBND
|
Bình Định, ngày 21
tháng 11 năm 2012
|
QUYẾT
ĐỊNH
VỀ
VIỆC BAN HÀNH QUY ĐỊNH VỀ THEO DÕI CÔNG TÁC CẢI CÁCH HÀNH CHÍNH
ỦY BAN NHÂN DÂN TỈNH
Căn cứ Luật Tổ chức chính quyền địa phương ngày 19/6/2015;
QUYẾT ĐỊNH:
Điều 1. Ban hành kèm theo Quyết định này Quy định về theo dõi công tác cải cách hành chính.
"""
    src = parse_text(text, "t.txt")
    h = extract_header(src)
    assert h.info.doc_type == "QĐ" and h.info.date == "2012-11-21"
    assert h.info.title == "VỀ VIỆC BAN HÀNH QUY ĐỊNH VỀ THEO DÕI CÔNG TÁC CẢI CÁCH HÀNH CHÍNH"
    assert h.outline_start == len(src.blocks)  # the articles only issue the attachment: no outline of its own


def test_page_without_header_takes_what_the_text_states():
    text = """Kế hoạch Cải cách hành chính năm 2025

Thực hiện Kế hoạch số 120/KH-UBND ngày 20/12/2024 của UBND tỉnh Điện Biên, Sở Tư pháp xây dựng Kế hoạch cải cách hành chính năm 2025 với những nội dung sau:
I. MỤC ĐÍCH, YÊU CẦU
"""
    info = _info(text)
    assert info.doc_type == "KH" and info.title == "Cải cách hành chính năm 2025"
    assert info.issuer == "Sở Tư pháp tỉnh Điện Biên"  # "của UBND tỉnh Điện Biên" issued the cited plan, not this one
    assert info.code is None and info.date is None  # not printed, not guessed


def test_news_report_of_a_plan_gives_its_number_and_date_not_the_print_date():
    text = """Hà Tĩnh, ngày 18 tháng 11 năm 2024
    Ngày 13/5/2024, Ủy ban nhân dân huyện ban hành Kế hoạch số 42/KH-UBND về thực hiện cải cách hành chính năm 2024 trên địa bàn huyện Can Lộc.
    Trên cơ sở kế hoạch, đề nghị các phòng chuyên môn triển khai thực hiện.
"""
    info = _info(text)
    assert (info.code, info.number, info.date, info.place) == ("42/KH-UBND", "42", "2024-05-13", None)
    assert info.issuer == "Ủy ban nhân dân huyện Can Lộc" and info.doc_type == "KH"


def test_attached_plan_cut_after_its_title_keeps_the_decision():
    text = """ỦY BAN NHÂN DÂN
TỈNH QUẢNG BÌNH
|
CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM
|
Số: 3104/QĐ-UBND
|
Quảng Bình, ngày 10 tháng 10 năm 2024
|
QUYẾT ĐỊNH
V/V BAN HÀNH KẾ HOẠCH PHÒNG, CHỐNG DỊCH BỆNH GIA SÚC NĂM 2025
CHỦ TỊCH ỦY BAN NHÂN DÂN TỈNH QUẢNG BÌNH
Căn cứ Luật Thú y ngày 19/6/2015;
QUYẾT ĐỊNH:
Điều 1. Ban hành Kế hoạch phòng, chống dịch bệnh gia súc năm 2025 (có Kế hoạch kèm theo).
KẾ HOẠCH
PHÒNG, CHỐNG DỊCH BỆNH GIA SÚC NĂM 2025
(Ban hành kèm theo Quyết định số /QĐ-UBND ngày /10/2024 của UBND tỉnh)
Để chủ động
"""
    info = _info(text)
    assert info.doc_type == "QĐ" and info.code == "3104/QĐ-UBND"
    assert info.title.startswith("V/V BAN HÀNH KẾ HOẠCH") and "CHỦ TỊCH" not in info.title
    assert info.plan_year == 2025


@pytest.mark.parametrize("title, date, year", [
    ("CHUYỂN ĐỔI SỐ TỈNH ĐẮK LẮK NĂM 2026", "2025-12-24", 2026),
    ("Phát triển hạ tầng số giai đoạn 2023 - 2025", "2023-09-18", 2023),
    ("Dạy và học ngoại ngữ giai đoạn 2018-2025, định hướng đến năm 2030", None, 2018),
    ("Kỷ niệm 90 năm ngày thành lập Đảng (3/2/1930 – 3/2/2020)", None, 2020),
    ("Phòng, chống dịch bệnh gia súc", "2017-01-11", 2017),
    (None, "2013-10-07", 2013),
    # a horizon ends the period and a cited document's date is its own: the plan is for its date's year
    ("Chuyển đổi số tỉnh Lào Cai đến năm 2025, định hướng đến năm 2030", "2021-03-02", 2021),
    ("Thực hiện Nghị quyết số 35/NQ-CP ngày 04/6/2019 của Chính phủ", "2020-03-30", 2020),
])
def test_plan_year_from_the_title_else_the_date(title, date, year):
    assert plan_year(title, date) == year


def test_a_portals_ranked_list_of_related_documents_above_the_header_is_the_sites():
    # the list portals print above the document, each rank glued to the type, no heading over it
    text = ("- 1Nghị định 81/2019/NĐ-CP về phòng, chống phổ biến vũ khí hủy diệt hàng loạt\n"
            "- 2Quyết định 122/QĐ-TTg năm 2013 phê duyệt Chiến lược quốc gia về y tế dự phòng giai đoạn 2011 - 2020, "
            "tầm nhìn đến năm 2030 do Thủ tướng Chính phủ ban hành\n"
            "- 3Thông tư 12/2020/TT-BTC hướng dẫn quản lý kinh phí\n"
            "ỦY BAN NHÂN DÂN | CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM |\n"
            "Số: 1471/KH-UBND | Quảng Ngãi, ngày 22 tháng 4 năm 2014 |\n"
            "KẾ HOẠCH\nTHỰC HIỆN QUYẾT ĐỊNH SỐ 122/QĐ-TTG NGÀY 10/01/2013 CỦA THỦ TƯỚNG CHÍNH PHỦ VỀ Y TẾ DỰ PHÒNG\n"
            "Căn cứ Quyết định số 122/QĐ-TTg ngày 10/01/2013 của Thủ tướng Chính phủ;\n")
    r = extract(text=text)
    assert (r.doc.code, r.doc.date, r.doc.place) == ("1471/KH-UBND", "2014-04-22", "Quảng Ngãi")
    assert r.doc.issuer == "Ủy ban nhân dân tỉnh Quảng Ngãi"
    assert not any(c.code == "81/2019/NĐ-CP" for c in r.citations)  # the site's list cites nothing
    lines = text.split("\n")
    assert site_lines(lines) == {0, 1, 2}  # kept aside as the site's lines, up to the document's first


def test_a_title_that_opens_with_phong_chong_under_a_header_without_its_type_line():
    text = ("ỦY BAN NHÂN DÂN | CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM |\n"
            "Số: 2254/KH-UBND | Quảng Bình, ngày 29 tháng 11 năm 2017 |\n"
            "PHÒNG, CHỐNG DỊCH BỆNH TRUYỀN NHIỄM NĂM 2018\n"
            "Căn cứ tình hình dịch bệnh năm 2017, Ủy ban nhân dân tỉnh xây dựng Kế hoạch như sau:\n")
    r = extract(text=text)
    assert (r.doc.title, r.doc.plan_year) == ("PHÒNG, CHỐNG DỊCH BỆNH TRUYỀN NHIỄM NĂM 2018", 2018)


def test_a_news_page_clock_hotline_and_section_label_are_not_its_title():
    text = ("Thứ năm 03/07/2025 21:17\nHotline: 024.355.63.010\nThị trường\n\n"
            "08/09/2023 11:22\n"
            "UBND tỉnh Hà Nam mới đây đã ban hành Kế hoạch số 1679/KH-UBND thực hiện Đề án chống hàng giả "
            "trên địa bàn tỉnh.\n\nTheo đó, UBND tỉnh yêu cầu các sở, ngành triển khai thực hiện.\n")
    r = extract(text=text)
    assert r.doc.title is None and r.doc.code == "1679/KH-UBND"
    assert r.doc.issuer == "Ủy ban nhân dân tỉnh Hà Nam"  # "mới đây" is when, not part of the name
