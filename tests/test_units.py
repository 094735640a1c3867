"""Units (SCHEMA §4): organization names in prose, recipients, and the roles a plan gives them."""
from __future__ import annotations

import pytest

from extractor import extract
from extractor.nlp.orgs import find_orgs
from extractor.nlp.units import recipient_parts


def names(text: str) -> list[str]:
    return [o.text for o in find_orgs(text)]


@pytest.mark.parametrize("text, want", [
    # a list of bodies is several names; commas inside one name are not a list
    ("phối hợp với Sở Tư pháp, Báo Quảng Trị, Đài Phát thanh - Truyền hình tỉnh tổ chức",
     ["Sở Tư pháp", "Báo Quảng Trị", "Đài Phát thanh - Truyền hình tỉnh"]),
    ("Sở Văn hóa, Thể thao và Du lịch chủ trì", ["Sở Văn hóa, Thể thao và Du lịch"]),
    ("Phòng Thông tin - Báo chí - Xuất bản thực hiện", ["Phòng Thông tin - Báo chí - Xuất bản"]),
    ("Cục Phòng bệnh - Bộ Y tế", ["Cục Phòng bệnh - Bộ Y tế"]),
    # a name repeated for each place of a list
    ("Chỉ đạo UBND các huyện, thị xã, thành phố và Trạm Y tế các xã, phường, thị trấn",
     ["UBND các huyện, thị xã, thành phố", "Trạm Y tế các xã, phường, thị trấn"]),
    # bodies hanging under a council or a committee without "của"
    ("Đảng đoàn HĐND tỉnh lãnh đạo; Ban cán sự đảng UBND tỉnh chỉ đạo",
     ["Đảng đoàn HĐND tỉnh", "Ban cán sự đảng UBND tỉnh"]),
    ("Văn phòng cơ quan Ủy ban MTTQ tỉnh bảo đảm kinh phí", ["Văn phòng cơ quan Ủy ban MTTQ tỉnh"]),
    ("các tổ chức thành viên của Mặt trận tỉnh vận động", ["các tổ chức thành viên của Mặt trận tỉnh"]),
    ("Các huyện ủy, thị ủy, thành ủy, đảng ủy trực thuộc Tỉnh ủy xây dựng",
     ["Các huyện ủy, thị ủy, thành ủy, đảng ủy trực thuộc Tỉnh ủy"]),
    # long lower-case tails belong to the name, verbs end it
    ("Cục Quản lý thị trường tỉnh chủ trì", ["Cục Quản lý thị trường tỉnh"]),
    ("phối hợp với Ban Phong trào giới thiệu gương điển hình", ["Ban Phong trào"]),
    # a name never runs over the end of a sentence
    ("tổng hợp, báo cáo Ủy ban nhân dân tỉnh.\n- Triển khai Kế hoạch", ["Ủy ban nhân dân tỉnh"]),
])
def test_find_orgs(text, want):
    assert names(text) == want


@pytest.mark.parametrize("line, want", [
    ("Sở TTTT, Báo Nam Định, Đài PT-TH tỉnh", ["Sở TTTT", "Báo Nam Định", "Đài PT-TH tỉnh"]),
    ("Các sở, ban, ngành cấp tỉnh", ["Các sở, ban, ngành cấp tỉnh"]),
    ("Văn phòng HĐND và UBND huyện", ["Văn phòng HĐND và UBND huyện"]),
    ("UBMTTQ và các đoàn thể huyện", ["UBMTTQ", "các đoàn thể huyện"]),
    ("Các đơn vị trực thuộc; Trường Cao đẳng Y tế", ["Các đơn vị trực thuộc", "Trường Cao đẳng Y tế"]),
])
def test_recipient_lines_split_into_bodies(line, want):
    assert recipient_parts(line) == want


PLAN = """ỦY BAN NHÂN DÂN
HUYỆN THỌ XUÂN

CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM
Độc lập - Tự do - Hạnh phúc

Số: 41/KH-UBND

Thọ Xuân, ngày 12 tháng 3 năm 2025

KẾ HOẠCH
Phòng, chống thiên tai năm 2025

Ủy ban nhân dân huyện Thọ Xuân ban hành Kế hoạch như sau:

I. MỤC ĐÍCH

Chủ động phòng, chống thiên tai trên địa bàn huyện.

II. TỔ CHỨC THỰC HIỆN

1. Phòng Nông nghiệp và Phát triển nông thôn

- Chủ trì, phối hợp với Phòng Tài chính - Kế hoạch, Trung tâm Dịch vụ nông nghiệp huyện kiểm tra hệ thống đê điều.

- Tổng hợp, báo cáo UBND tỉnh và Sở Nông nghiệp và Phát triển nông thôn trước ngày 15/12/2025.

2. Đề nghị Ủy ban MTTQ Việt Nam huyện, Huyện Đoàn Thọ Xuân

- Vận động nhân dân tham gia gia cố nhà cửa.

Nơi nhận:
- TT Huyện ủy, TT HĐND huyện;
- Chủ tịch, các PCT UBND huyện;
- Phòng Nội vụ, Phòng Tư pháp;
- Lưu: VT.

TM. ỦY BAN NHÂN DÂN
CHỦ TỊCH

Lê Văn Nam
"""


@pytest.fixture()
def units(tmp_path):
    p = tmp_path / "plan.txt"
    p.write_text(PLAN, encoding="utf-8")
    return {(u["name"], u["role"]) for u in extract(str(p)).to_json()["units"]}


def test_lead_and_cooperating_lists(units):
    assert ("Phòng Nông nghiệp và Phát triển nông thôn", "lead") in units
    assert ("Phòng Tài chính - Kế hoạch", "cooperate") in units
    assert any(n.startswith("Trung tâm Dịch vụ nông nghiệp huyện") and r == "cooperate" for n, r in units)


def test_report_to_chain_gives_every_body_its_role(units):
    reported = {n for n, r in units if r == "report_to"}
    assert any(n.startswith("Ủy ban nhân dân tỉnh") for n in reported)
    assert any(n.startswith("Sở Nông nghiệp và Phát triển nông thôn") for n in reported)


def test_requested_bodies_listed_in_an_item(units):
    requested = {n for n, r in units if r == "requested"}
    assert any(n.startswith("Ủy ban Mặt trận Tổ quốc Việt Nam huyện") for n in requested)
    assert any(n.startswith("Huyện Đoàn Thọ Xuân") for n in requested)
    assert not any(n.startswith("Huyện Đoàn") for n, r in units if r == "lead")


def test_recipients_are_bodies_not_persons(units):
    recipients = {n for n, r in units if r == "recipient"}
    assert any(n.startswith("Thường trực Huyện ủy") for n in recipients)
    assert any(n.startswith("Thường trực Hội đồng nhân dân huyện") for n in recipients)
    assert {"Phòng Nội vụ", "Phòng Tư pháp"} <= recipients
    assert not any("Chủ tịch" in n or n.startswith("Lưu") for n in recipients)


SO_PLAN = """UBND TỈNH CAO BẰNG
SỞ TƯ PHÁP

CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM
Độc lập - Tự do - Hạnh phúc

Số: 12/KH-STP

Cao Bằng, ngày 05 tháng 02 năm 2025

KẾ HOẠCH
Kiểm tra văn bản năm 2025

I. TỔ CHỨC THỰC HIỆN

Các phòng chuyên môn thuộc Sở báo cáo kết quả thực hiện của đơn vị về Sở để tổng hợp, báo cáo Giám đốc Sở và UBND tỉnh.

Nơi nhận:
- Lưu: VT.

GIÁM ĐỐC

Hoàng Văn Minh
"""


def test_reports_to_the_plans_own_so_and_past_a_person(tmp_path):
    p = tmp_path / "so.txt"
    p.write_text(SO_PLAN, encoding="utf-8")
    got = {(u["name"], u["role"]) for u in extract(str(p)).to_json()["units"]}
    assert ("Sở Tư pháp", "report_to") in got or ("Sở Tư pháp tỉnh Cao Bằng", "report_to") in got
    assert any(n.startswith("Ủy ban nhân dân tỉnh") and r == "report_to" for n, r in got)


@pytest.mark.parametrize("mention, name", [
    ("Mặt trận", "Ủy ban Mặt trận Tổ quốc Việt Nam"),  # "cấp ủy, Mặt trận và các đoàn thể"
    ("Ủy ban Mặt trận TQVN các xã, thị trấn", "Ủy ban Mặt trận Tổ quốc Việt Nam các xã, thị trấn"),
    ("Ủy ban Mặt trận Tổ quốc huyện", "Ủy ban Mặt trận Tổ quốc Việt Nam huyện"),
    ("Ban Thường trực UBMTTQVN huyện", "Ban Thường trực Ủy ban Mặt trận Tổ quốc Việt Nam huyện"),
    ("Các tổ chức thành viên của Mặt trận tỉnh", "Các tổ chức thành viên của Mặt trận tỉnh"),  # a group, not the Front
    ("Ban Thường trực Ủy ban Trung ương Mặt trận Tổ quốc Việt Nam", "Ban Thường trực Ủy ban Trung ương Mặt trận Tổ quốc Việt Nam"),
])
def test_the_front_by_any_of_its_names(mention, name):
    from extractor.nlp.names import PlanContext, normalize_name

    assert normalize_name(mention, PlanContext()) == name


def test_a_commune_or_town_names_itself_relatively():
    """"UBND thị trấn" in a plan of thị trấn Ngãi Giao is that town's; "UBND thị xã" in a xã's plan is not the xã."""
    from extractor.nlp.names import PlanContext, normalize_name

    town = PlanContext(issuer="Ủy ban nhân dân thị trấn Ngãi Giao", issuer_base="Ủy ban nhân dân",
                       province="Bà Rịa - Vũng Tàu", locality="thị trấn Ngãi Giao")
    assert normalize_name("Ủy ban nhân dân thị trấn", town) == "Ủy ban nhân dân thị trấn Ngãi Giao"
    commune = PlanContext(issuer="Ủy ban nhân dân xã Tân Lập", issuer_base="Ủy ban nhân dân", province="Phú Thọ",
                          locality="xã Tân Lập")
    assert normalize_name("Trạm Y tế xã", commune) == "Trạm Y tế xã Tân Lập"
    assert normalize_name("UBND thị xã", commune) == "Ủy ban nhân dân thị xã"
