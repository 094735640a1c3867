"""Scheduling phrases: what kind, which span, how often — and what is not a deadline."""
from __future__ import annotations

import pytest

from extractor.nlp.deadlines import find_deadlines, task_phrase


def one(text: str, year: int | None = 2026):
    found = find_deadlines(text, year)
    assert len(found) == 1, [f.text for f in found]
    f = found[0]
    return f.text, f.kind, f.s, f.e, f.freq


@pytest.mark.parametrize("text, want", [
    ("Hoàn thành việc kiểm kê tài sản trong Quý III/2026.", ("trong Quý III/2026", "period", "2026-07-01", "2026-09-30", None)),
    ("Tổ chức diễn tập vào quý IV.", ("quý IV", "period", "2026-10-01", "2026-12-31", None)),
    ("Lắp đặt biển báo trong tháng 8/2026.", ("trong tháng 8/2026", "period", "2026-08-01", "2026-08-31", None)),
    ("Tổ chức hội thi trong tháng 2.", ("trong tháng 2", "period", "2026-02-01", "2026-02-28", None)),
    ("Rà soát hồ sơ trong 6 tháng cuối năm.", ("trong 6 tháng cuối năm", "period", "2026-07-01", "2026-12-31", None)),
    ("Đào tạo lại đội ngũ trong năm 2027.", ("trong năm 2027", "period", "2027-01-01", "2027-12-31", None)),
    ("Cao điểm từ tháng 9 đến tháng 11/2026.", ("từ tháng 9 đến tháng 11/2026", "period", "2026-09-01", "2026-11-30", None)),
    ("Tập trung vào quý I và quý II/2027.", ("quý I và quý II/2027", "period", "2027-01-01", "2027-06-30", None)),
    ("Mở đợt ra quân từ ngày 20/12 đến ngày 10/01/2027.", ("từ ngày 20/12 đến ngày 10/01/2027", "period", "2026-12-20", "2027-01-10", None)),
    ("Gửi báo cáo trước ngày 05/7/2026.", ("trước ngày 05/7/2026", "due", None, "2026-07-05", None)),
    ("Nộp dự toán chậm nhất ngày 12 tháng 10.", ("chậm nhất ngày 12 tháng 10", "due", None, "2026-10-12", None)),
    ("Tổng kết vào cuối năm 2026.", ("vào cuối năm 2026", "due", None, "2026-12-31", None)),
    ("Họp giao ban hằng tuần.", ("hằng tuần", "recurring", None, None, "weekly")),
    ("Cập nhật số liệu mỗi quý.", ("mỗi quý", "recurring", None, None, "quarterly")),
    ("Báo cáo định kỳ 6 tháng và năm.", ("định kỳ 6 tháng và năm", "recurring", None, None, "half_yearly")),
    ("Báo cáo định kỳ hằng quý về Sở.", ("định kỳ hằng quý", "recurring", None, None, "quarterly")),
    ("Gửi số liệu trước ngày 20 hằng tháng.", ("trước ngày 20 hằng tháng", "recurring", None, None, "monthly")),
    ("Báo cáo trước ngày 18 của tháng cuối quý.", ("trước ngày 18 của tháng cuối quý", "recurring", None, None, "quarterly")),
    ("Tổng kết vào quý IV hằng năm.", ("vào quý IV hằng năm", "recurring", None, None, "yearly")),
    ("Nộp báo cáo trước ngày 10 tháng 3 hằng năm.", ("trước ngày 10 tháng 3 hằng năm", "recurring", None, None, "yearly")),
    ("Hoàn thành trước 30/6/2026.", ("trước 30/6/2026", "due", None, "2026-06-30", None)),
    ("Kiểm tra, giám sát thường xuyên, liên tục.", ("thường xuyên, liên tục", "ongoing", None, None, None)),
    ("Triển khai theo tiến độ của dự án.", ("theo tiến độ của dự án", "unspecified", None, None, None)),
    ("Cung cấp số liệu khi có yêu cầu.", ("khi có yêu cầu", "unspecified", None, None, None)),
])
def test_kinds_and_spans(text, want):
    assert one(text) == want


def test_a_range_start_takes_the_end_year_and_a_missing_year_comes_from_the_plan():
    assert one("Ra quân từ ngày 01/3 đến ngày 15/3/2027.")[2:4] == ("2027-03-01", "2027-03-15")
    assert one("Tổ chức hội thao trong quý II.", year=2031)[2:4] == ("2031-04-01", "2031-06-30")
    assert one("Tổ chức hội thao trong quý II.", year=None)[2:4] == (None, None)


@pytest.mark.parametrize("text", [
    "Căn cứ Luật Thủy lợi ngày 19 tháng 6 năm 2017;",  # a citation's date
    "Thực hiện Kế hoạch phát triển du lịch giai đoạn 2026 - 2030 của tỉnh.",  # a program's name
    "Triển khai Kế hoạch cải cách hành chính năm 2026 của huyện.",
])
def test_dates_that_do_not_schedule_are_not_deadlines(text):
    assert find_deadlines(text, 2026) == []


def test_a_period_after_a_name_still_schedules_when_a_preposition_says_so():
    assert [f.text for f in find_deadlines("Xây dựng kế hoạch của đơn vị trong Quý II/2026.", 2026)] == ["trong Quý II/2026"]


def test_a_report_on_a_plan_tells_dated_facts_but_keeps_how_often():
    text = "Các lớp tập huấn đã được tổ chức trong năm 2019; việc kiểm tra được duy trì hàng tháng."
    assert [f.text for f in find_deadlines(text, 2019, narrative=True)] == ["hàng tháng"]
    assert [f.text for f in find_deadlines(text, 2019)] == ["trong năm 2019", "hàng tháng"]


def test_task_phrase_keeps_connected_phrases_as_written():
    text = "Báo cáo định kỳ hằng tháng hoặc đột xuất; tổng kết trước ngày 10/12/2026."
    found = [(f.start, f.end) for f in find_deadlines(text, 2026)]
    assert task_phrase(text, found) == "định kỳ hằng tháng hoặc đột xuất; trước ngày 10/12/2026"
    text = "Báo cáo định kỳ 6 tháng (trước ngày 10/6/2026) và năm (trước ngày 10/12/2026) về Sở."
    found = [(f.start, f.end) for f in find_deadlines(text, 2026)]
    assert task_phrase(text, found) == "định kỳ 6 tháng (trước ngày 10/6/2026) và năm (trước ngày 10/12/2026)"
    assert task_phrase(text, []) is None


@pytest.mark.parametrize("text, year, want", [
    ("Khử trùng tiêu độc đảm bảo đủ 4 đợt/năm.", 2026, ("4 đợt/năm", "recurring", None, None, "quarterly")),
    ("Kiểm tra 2 lần/năm tại các cơ sở.", 2026, ("2 lần/năm", "recurring", None, None, "half_yearly")),
    ("Công tác tiêm phòng được triển khai theo đợt.", 2026, ("theo đợt", "recurring", None, None, None)),
    # an excerpt with no plan year: the year its sentence names before the months
    ("Tiêm phòng đợt 2 năm 2022 sẽ tiêm đại trà trong tháng 9, 10.", None,
     ("trong tháng 9, 10", "period", "2022-09-01", "2022-10-31", None)),
])
def test_rounds_and_month_lists(text, year, want):
    assert one(text, year) == want


def test_a_yearly_budget_schedules_nothing():
    assert find_deadlines("Xây dựng kế hoạch (dự toán kinh phí hàng năm) và tổ chức triển khai.", 2026) == []
    assert one("Định kỳ hàng năm tổng hợp, báo cáo kết quả.")[1:] == ("recurring", None, None, "yearly")


def test_the_subject_of_a_named_plan_schedules_nothing():
    text = ("Ngày 24/8/2018, UBND huyện ban hành Kế hoạch số 231/KH-UBND về việc rà soát hộ nghèo, "
            "hộ cận nghèo cuối năm 2018.")
    assert [f.text for f in find_deadlines(text, None)] == []
    assert one("Tổng kết, đánh giá vào cuối năm 2018.", None)[1:3] == ("due", None)  # work set for then still is


@pytest.mark.parametrize("text, want", [
    # a target's year: the text gives the year only, so `end` is that year (ISO reduced precision)
    ("Đến năm 2025 đạt trên 85% cán bộ được tập huấn.", [("Đến năm 2025", "due", None, "2025")]),
    ("Phấn đấu đến hết năm 2025 có 100% xã đạt chuẩn.", [("đến hết năm 2025", "due", None, "2025-12-31")]),
    ("Từ năm 2021 đến năm 2025, mỗi năm tổ chức ít nhất 02 lớp.",
     [("Từ năm 2021 đến năm 2025", "period", "2021-01-01", "2025-12-31"), ("mỗi năm", "recurring", None, None)]),
])
def test_years_a_target_is_reached_by(text, want):
    assert [(f.text, f.kind, f.s, f.e) for f in find_deadlines(text, 2024)] == want


@pytest.mark.parametrize("text", [
    "Tuyên truyền Chiến lược quốc gia phát triển kinh tế số và xã hội số đến năm 2025, định hướng đến năm 2030.",
    "Thực hiện Nghị quyết về chuyển đổi số trên địa bàn tỉnh đến năm 2025, tầm nhìn đến năm 2030.",
    "Chương trình chuyển đổi số quốc gia đến năm 2025.",
])
def test_a_horizon_in_a_programs_name_schedules_nothing(text):
    assert find_deadlines(text, 2024) == []


def test_a_session_or_a_round_named_by_its_time_is_not_a_schedule():
    """"kỳ họp HĐND … 6 tháng đầu năm 2024" names a session; "tiêm phòng định kỳ đợt 2" a round."""
    texts = [f.text for f in find_deadlines("Để chuẩn bị cho kỳ họp Hội đồng nhân dân thành phố 6 tháng đầu năm 2024, "
                                            "Ban Thường trực đã thống nhất kế hoạch.", 2024)]
    assert texts == []
    texts = [f.text for f in find_deadlines("Thực hiện tốt việc tiêm phòng cho đàn vật nuôi định kỳ đợt 2 năm 2022.", 2022)]
    assert "định kỳ" not in texts
    # but the time of the work still counts
    assert [f.text for f in find_deadlines("Báo cáo định kỳ 6 tháng về Sở; kỳ họp được tổ chức vào tháng 7/2024.", 2024)] == \
        ["định kỳ 6 tháng", "tháng 7/2024"]
