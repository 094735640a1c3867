"""Lunar dates of festival and Tết plans, to solar days (extractor/nlp/lunar.py, lunar_dates.py).

Sources of the expected days:
- real plans that state both calendars: ../shared/real/tasks 208 ("ngày 30/01/2020 (tức
  ngày 6 tháng Giêng năm Canh Tý)") and 212 (a 2010 schedule: "20-25/01/2011 17-22/12 năm
  Canh Dần", "24-25/1/2011 (21-21/12 năm Canh Dần)", "1/19/2001 (16/12 năm CanhDần)");
- the Chinese calendar (UTC+8) month starts of github.com/relatable52/lasotuvi_haha,
  lasotuvi_main/xemlaso/static/lunar.js (Tết 1985 = 20/2, 2007 = 18/2, 2020 = 25/1, 2030 = 3/2, 2053 = 19/2;
  checked there for all 2 461 months of 1912–2110: 4 differ by a day, new moons within minutes of midnight);
- that Vietnam reckons at UTC+7 since 1967 and so keeps Tết a day earlier than China in 2030
  and 2053 (zaidap.com, "Tại sao Tết Việt Nam và Trung Quốc lệch nhau 1 ngày?").
"""

import pytest

from extractor.nlp import lunar
from extractor.nlp.deadlines import find_deadlines


@pytest.mark.parametrize("d, m, y, want", [
    (6, 1, 2020, "2020-01-30"), (16, 12, 2010, "2011-01-19"), (17, 12, 2010, "2011-01-20"),
    (22, 12, 2010, "2011-01-25"), (21, 12, 2010, "2011-01-24"),
])
def test_days_real_plans_state_in_both_calendars(d, m, y, want):
    assert lunar.to_solar(d, m, y).isoformat() == want


@pytest.mark.parametrize("year, china, vietnam", [
    (2030, "2030-02-03", "2030-02-02"), (2053, "2053-02-19", "2053-02-18"), (2014, "2014-01-31", "2014-01-31"),
])
def test_tet_in_the_chinese_and_the_vietnamese_reckoning(year, china, vietnam):
    assert lunar.to_solar(1, 1, year, tz=8.0).isoformat() == china
    assert lunar.to_solar(1, 1, year).isoformat() == vietnam


@pytest.mark.parametrize("year, want", [(1985, "1985-02-20"), (2007, "2007-02-18"), (2020, "2020-01-25")])
def test_the_astronomy_against_the_chinese_table(year, want):
    assert lunar.to_solar(1, 1, year, tz=8.0).isoformat() == want


def test_impossible_days_are_none():
    assert lunar.to_solar(1, 3, 2024, leap=True) is None  # 2024 has no leap month
    assert lunar.to_solar(31, 1, 2024) is None
    months = [lunar.to_solar(1, m, 2023) for m in range(1, 13)] + [lunar.to_solar(1, 2, 2023, leap=True)]
    assert all(months) and len(set(months)) == 13  # 2023 has a leap second month


def test_years_named_by_stem_and_branch():
    assert lunar.year_of("Giáp", "Ngọ", 2013) == 2014
    assert lunar.year_of("Canh", "Dần", 2001) == 2010
    assert lunar.year_of("Canh", "Tý", 2020) == 2020
    assert lunar.year_of("Giáp", "Sửu", 2020) is None  # stems and branches pair by parity


def _found(text, year=None, before=""):
    return [(f.text, f.kind, f.s, f.e) for f in find_deadlines(text, year, before=before)]


def test_festival_days_of_a_tet_plan():
    before = "UBND huyện vừa ban hành Kế hoạch tổ chức các hoạt động mừng Xuân Giáp Ngọ năm 2014.\n"
    text = ("Lễ kỷ niệm tổ chức vào lúc 7h30 ngày mùng 5 tháng Giêng năm Giáp Ngọ tại Khu di tích. "
            "Hội thi đua thuyền tổ chức vào sáng ngày mùng 6 tết âm lịch. "
            "Hội thi võ thuật vào các ngày mùng 7, 8 và 9 Tết âm lịch.")
    assert _found(text, before=before) == [
        ("vào lúc 7h30 ngày mùng 5 tháng Giêng năm Giáp Ngọ", "period", "2014-02-04", "2014-02-04"),
        ("vào sáng ngày mùng 6 tết âm lịch", "period", "2014-02-05", "2014-02-05"),
        ("vào các ngày mùng 7, 8 và 9 Tết âm lịch", "period", "2014-02-06", "2014-02-08")]


def test_a_schedule_with_lunar_days_beside_solar_ones():
    assert _found("Giỗ Tổ Hùng Vương ngày 10 tháng 3 âm lịch; Lễ Vu lan vào Rằm tháng Bảy âm lịch.", 2024) == [
        ("ngày 10 tháng 3 âm lịch", "period", "2024-04-18", "2024-04-18"),
        ("vào Rằm tháng Bảy âm lịch", "period", "2024-08-18", "2024-08-18")]
    # a solar date whose lunar day follows in brackets is one deadline, the solar one
    assert _found("Lễ phát động tổ chức vào ngày 30/01/2020 (tức ngày 6 tháng Giêng năm Canh Tý).") == [
        ("vào ngày 30/01/2020", "period", "2020-01-30", "2020-01-30")]
    # a solar date the text garbles: the lunar day in brackets still dates the row
    assert _found("Họp mặt | 1/19/2001 (16/12 năm CanhDần) | Hội báo xuân") == [
        ("16/12 năm CanhDần", "period", "2011-01-19", "2011-01-19")]


@pytest.mark.parametrize("text", [
    "Kỷ niệm Quốc khánh ngày mùng 2 tháng 9.",  # solar: nothing says lunar
    "Hội nghị tổ chức vào tháng Năm.",
])
def test_solar_days_are_not_read_as_lunar(text):
    assert all(f.kind != "period" or "âm" in f.text for f in find_deadlines(text, 2024))
    assert not any("mùng 2 tháng 9" in f.text for f in find_deadlines(text, 2024))


def test_a_year_nobody_names_leaves_the_day_null():
    assert _found("Lễ hội tổ chức vào ngày mùng 5 tháng Giêng năm Giáp Ngọ.") == [
        ("vào ngày mùng 5 tháng Giêng năm Giáp Ngọ", "period", None, None)]
