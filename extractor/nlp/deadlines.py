"""Time expressions that schedule the plan's work (SCHEMA §5).

Not every date is a deadline: citation dates, the plan's own date and periods
inside a program's name ("giai đoạn 2021-2025") are not. The patterns below
are the scheduling phrases of the genre: "Quý I/2022", "trong năm 2022",
"từ tháng 4 đến tháng 6/2024", "trước ngày 10 tháng 3", "trước ngày 25 hằng
tháng", "hàng tháng", "định kỳ 6 tháng", "thường xuyên", "theo tiến độ …".
A pattern earlier in the list owns its characters: a range is read before
the months inside it, a recurring due day before the plain "trước ngày".
"""
from __future__ import annotations

import calendar
import re
from dataclasses import dataclass

from extractor.nlp import lunar_dates
from extractor.nlp.prefilter import HAS_DIGIT, needs

_ROMAN = {"I": 1, "II": 2, "III": 3, "IV": 4}
_PERIOD = r"(?:quý [IV]{1,3}\b|6 tháng|06 tháng|sáu tháng|\d{1,2} tháng|tuần|tháng|quý|năm)"
# day, month and year are parted by "/" or, written without spaces, by a dot or a hyphen ("10.3.2020", "31-12-2019")
_SEP = r"(?:\s*/\s*|[.\-](?=\d))"
_DAY = rf"ngày\s+\d{{1,2}}(?:{_SEP}\d{{1,2}}(?:{_SEP}\d{{4}})?|\s+tháng\s+\d{{1,2}}(?:\s+năm\s+\d{{4}})?)"
_UNIT = r"(?:[Tt]háng\s+\d{1,2}|[Qq]uý\s+(?:IV|I{1,3})\b)"
_YEAR_TAIL = rf"(?:{_SEP}\d{{4}}|\s+năm\s+\d{{4}})"
_BY = r"(?:[Tt]rước|[Cc]hậm nhất(?: (?:là|vào))?(?: trước)?|[Hh]ạn chót)"
_EVERY = r"(?:[Hh][àằ]ng|[Mm]ỗi)"
_WEEKDAY = r"(?:thứ\s+(?:[Hh]ai|[Bb]a|[Tt]ư|[Nn]ăm|[Ss]áu|[Bb]ảy)\b|[Cc]hủ\s+nhật)"
PATTERNS: list[tuple[str, re.Pattern[str]]] = [
    # spans: "từ ngày 01/5/2025 đến ngày 31/5/2025", "từ tháng 4 đến tháng 6/2024", "Quý III và quý IV/2025"
    ("period", re.compile(rf"[Tt]ừ\s+(?:{_DAY}|ngày\s+\d{{1,2}}|nay)\s+(?:đến|tới)\s+(?:hết\s+)?"
                          rf"(?:{_DAY}|\d{{1,2}}/\d{{1,2}}/\d{{4}})")),
    # compact spans: "30/11- 05/12/2021", "25-29/12/2010", "từ ngày 01-10/11/2022"
    ("period", re.compile(r"(?:[Tt]ừ\s+(?:ngày\s+)?)?(?<![\d/])\d{1,2}(?:/\d{1,2})?\s*[-–]\s*\d{1,2}/\d{1,2}/\d{4}")),
    # the day of an event: "vào lúc 8 giờ 00, ngày 21/5/2024 (thứ ba)", "sáng ngày 04/6/2019", "vào ngày 30/01/2020"
    ("period", re.compile(r"(?:[Vv]ào\s+(?:lúc\s+[\dh: ]+(?:giờ(?:\s*\d{1,2})?)?\s*,?\s*)?"
                          r"|(?:[Vv]ào\s+)?lúc\s+[\dh: ]+(?:giờ(?:\s*\d{1,2})?)?\s*,?\s*"
                          r"|(?:[Vv]ào\s+)?(?:buổi\s+)?(?:sáng|chiều|tối)\s+)ngày\s+\d{1,2}/\d{1,2}/\d{4}"
                          r"(?:\s*\((?:[^()]{0,6}thứ|chủ nhật)[^()]{0,10}\))?")),
    ("period", re.compile(rf"(?:(?:[Tt]ừ|[Tt]rong)\s+)?{_UNIT}{_YEAR_TAIL}?\s+(?:đến|tới|và|-)\s+"
                          rf"(?:hết\s+)?{_UNIT}{_YEAR_TAIL}?")),
    # a due day that recurs: "trước ngày 25 hằng tháng", "trước ngày 15/12 hằng năm", "… ngày 20 tháng cuối quý"
    ("recurring", re.compile(rf"(?:{_EVERY}\s+(?:tháng|quý|năm)\s*,\s*)?{_BY}\s+ngày\s+\d{{1,2}}"
                             rf"(?:\s*/\s*\d{{1,2}}|\s+tháng\s+\d{{1,2}})?"
                             rf"\s+(?:(?:của\s+)?tháng cuối (?:quý|kỳ)|{_EVERY}\s+(?:tháng|quý|năm))")),
    ("recurring", re.compile(rf"(?:[Tt]rong\s+|[Vv]ào\s+)?{_UNIT}\s+{_EVERY}\s+năm")),  # "quý I hằng năm"
    # "trước tháng 7.2020": by the end of the month before
    ("due", re.compile(rf"[Tt]rước\s+tháng\s+\d{{1,2}}{_YEAR_TAIL}")),
    ("due", re.compile(rf"{_BY}\s+(?:{_DAY}|\d{{1,2}}{_SEP}\d{{1,2}}{_SEP}\d{{4}})"
                       r"(?:\s+đối với (?:(?!\s+và\s)[^;,.)]){3,40})?")),
    ("period", re.compile(r"(?:[Tt]rong\s+)?6 tháng (?:đầu|cuối) năm(?:\s+\d{4})?")),
    # years: "từ năm 2021 đến năm 2025"; a target's year "Đến năm 2025 đạt trên 85%", "đến hết năm 2025"
    ("period", re.compile(r"[Tt]ừ\s+(?:nay\s+)?(?:năm\s+)?(?:19|20)\d\d\s*(?:đến|tới|-)\s*(?:hết\s+)?năm\s+(?:19|20)\d\d\b")),
    ("due", re.compile(r"[Đđ]ến\s+(?:hết\s+)?năm\s+(?:19|20)\d\d\b(?!\s*[-–/]\s*\d)")),
    ("due", re.compile(r"(?:[Vv]ào\s+)?[Cc]uối\s+"
                       r"(?:năm\s+\d{4}|quý\s+(?:IV|I{1,3})(?:\s*/\s*\d{4})?|tháng\s+\d{1,2}\s*/\s*\d{4})")),
    ("recurring", re.compile(rf"(?:[Tt]heo\s+)?[Đđ]ịnh kỳ(?:\s+(?:{_EVERY}\s+)?{_PERIOD}(?:\s*(?:,|và|hoặc)\s*{_PERIOD})*)?")),
    ("recurring", re.compile(rf"{_EVERY}\s+(?:tuần|tháng|quý|năm)(?:\s*(?:,|và)\s*(?:tuần|tháng|quý|năm)\b)*")),
    ("recurring", re.compile(rf"(?:[Vv]ào\s+)?(?:(?:các|những)\s+)?(?:ngày|buổi|(?:cuối giờ\s+)?(?:sáng|chiều))\s+{_WEEKDAY}"
                             rf"(?:\s*(?:,|và)\s*{_WEEKDAY})*(?:\s+{_EVERY}\s+tuần)?(?!\s*,?\s*(?:ngày\s+)?\d)")),
    ("recurring", re.compile(r"\bthường kỳ\b")),
    ("ongoing", re.compile(r"[Tt]hường xuyên(?:,?\s+liên tục)?")),
    ("period", re.compile(rf"(?:[Tt]rong\s+)?[Qq]uý\s+(?:I{{1,3}}|IV)(?:{_YEAR_TAIL}|\b(?!\s*,))")),
    ("period", re.compile(r"(?:[Tt]rong|[Cc]ả)\s+năm(?:\s+\d{4})?\b")),
    ("period", re.compile(rf"(?:[Tt]rong\s+)?[Tt]háng\s+\d{{1,2}}{_YEAR_TAIL}")),
    ("period", re.compile(r"(?:[Tt]rong|[Vv]ào)\s+tháng\s+\d{1,2}(?:\s*(?:,|và)\s*\d{1,2})*\b(?!\s*/|\s+năm|\s+tháng)")),
    # rounds a year: "đủ 4 đợt/năm", "2 lần/năm"; work done "theo đợt"
    ("recurring", re.compile(r"\b\d{1,2}\s+(?:đợt|lần)\s*/\s*(?:tuần|tháng|quý|năm)\b|\b[Tt]heo đợt\b")),
    ("unspecified", re.compile(r"[Tt]heo tiến độ[^,.;)\t\n]{0,40}|đúng tiến độ(?: đề ra)?|[Đđ]ột xuất|[Kk]hi có yêu cầu"
                               r"|theo yêu cầu của [^,.;)\t\n]{3,40}")),
]
_NEEDS = [needs(p) for _, p in PATTERNS]  # a digit, words: read from the patterns (prefilter.py)
_BUDGET = re.compile(r"\b(?:kinh phí|ngân sách|dự toán)(?:\s+\w+){0,2}\s*$", re.I)
_FREQ_ORDER = ["weekly", "monthly", "quarterly", "half_yearly", "yearly"]
# words right before a time phrase that make it schedule work, whatever name precedes them
_SCHEDULING = re.compile(r"\b(?:trong|vào|trước|đến|từ|hoàn thành|xong|kể từ|cuối|đầu)\s*$", re.I)


@dataclass
class Found:
    text: str
    kind: str
    start: int
    end: int
    s: str | None = None
    e: str | None = None
    freq: str | None = None


def find_deadlines(text: str, year: int | None, base: int = 0, narrative: bool = False,
                   before: str = "") -> list[Found]:
    """Scheduling phrases in `text`; `year` completes dates that omit it; `before`, the
    document's text up to `text`, tells which lunar year a "mùng 6 Tết" is.

    `narrative`: the text reports on a plan (a news page with no number or
    date of its own): the whole year it names is the plan's year told again,
    not a schedule; the days and spans it gives are the plan's schedule.
    """
    out: list[Found] = []
    taken: list[tuple[int, int]] = []
    digits, lower = HAS_DIGIT.search(text) is not None, text.lower()
    for (kind, pat), need in zip(PATTERNS, _NEEDS, strict=True):
        if not need.met(text, lower, digits):  # the text lacks a digit or a word every match holds
            continue
        for m in pat.finditer(text):
            a, b = m.start(), m.end()
            if any(a < y and x < b for x, y in taken):
                continue
            if (kind == "period" or (kind == "due" and m.group(0).lower().lstrip().startswith(("cuối", "vào cuối")))) \
                    and _in_name(text, a):
                continue
            if kind == "due" and m.group(0)[:3].lower() == "đến" and _names_horizon(text, a):
                continue
            if re.search(r"(?i:ngày)\s*\d{0,2}\s*$", text[max(0, a - 12):a]):  # "ngày 19 tháng 6 năm 2015": a date
                continue
            if kind == "recurring" and re.match(r"\s+đợt\b", text[b:b + 6]):
                continue  # "tiêm phòng định kỳ đợt 2": the round's name, not how often
            if kind == "recurring" and _BUDGET.search(text[max(0, a - 30):a]):
                continue  # "dự toán kinh phí hàng năm": the budget is yearly, no work is scheduled
            f = Found(m.group(0).strip(), kind, base + a, base + b)
            if narrative and kind == "period" and re.fullmatch(r"(?:[Tt]rong|[Cc]ả)\s+năm\s+(?:19|20)\d\d", f.text):
                continue  # a report's "trong năm 2018" restates the plan's year; its days and spans are the schedule
            _interpret(f, year or _year_before(text, a) or _dated_year(before))
            taken.append((a, b))
            out.append(f)
    for lf in lunar_dates.find(text, year or None, before):
        if any(lf.start < y and x < lf.end for x, y in taken):
            continue
        if any(y <= lf.start and re.fullmatch(r"[\s(]*(?:tức(?:\s+là)?\s*)?", text[y:lf.start]) for _, y in taken):
            continue  # "ngày 30/01/2020 (tức ngày 6 tháng Giêng năm Canh Tý)": the same day told again
        out.append(Found(lf.text, "period", base + lf.start, base + lf.end, lf.s, lf.e))
        taken.append((lf.start, lf.end))
    out.sort(key=lambda f: f.start)
    return out


def _year_before(text: str, a: int) -> int | None:
    """With no plan year (an excerpt), the year the sentence names before the phrase:
    "tiêm phòng đợt 2 năm 2022 … trong tháng 9, 10"."""
    years = re.findall(r"\b((?:19|20)\d\d)\b", text[max(0, a - 300):a])
    return int(years[-1]) if years else None


def _dated_year(before: str) -> int | None:
    """With neither, the year of the last full date before the block ("THỨ BA, 25/02/2020" over a news item):
    "trước ngày 25.3" two paragraphs down is that year's. A span of years ("2020-2025") is no date."""
    days = re.findall(r"(?<![\d/.-])\d{1,2}\s*[/.-]\s*\d{1,2}\s*[/.-]\s*((?:19|20)\d\d)\b", before[-1500:])
    return int(days[-1]) if days else None


def _in_name(text: str, a: int) -> bool:
    """"năm 2022" inside "Kế hoạch … năm 2022" names a program, it does not schedule."""
    before = text[max(0, a - 60):a]
    if _SCHEDULING.search(before) or re.match(r"(?:trong|từ)\b", text[a:a + 6], re.I):
        return False
    if re.search(r"(kế hoạch|chương trình|giai đoạn|kỳ họp)[^.;,]*$", before.lower()):  # "kỳ họp … 6 tháng đầu năm 2024"
        return True
    # the subject of a plan the sentence names: "ban hành Kế hoạch số 231/KH-UBND về việc rà soát hộ nghèo,
    # hộ cận nghèo cuối năm 2018" — commas may stand inside a title, a sentence's end may not
    sentence = re.split(r"[.;:]\s|\n", text[max(0, a - 200):a])[-1].lower()
    return bool(re.search(r"\b(?:kế hoạch|chương trình)(?:\s+số\s+\S+)?\s+(?:về việc|về|v/v)\s[^()]*$", sentence))


_NAMED = re.compile(r"\b(?:chiến lược|chương trình|đề án|dự án|quy hoạch|kế hoạch|nghị quyết|quyết định|chỉ thị|kết luận"
                    r"|giai đoạn|tầm nhìn|định hướng)\b")


def _names_horizon(text: str, a: int) -> bool:
    """"đến năm 2030" closing a strategy's or a program's name ("Chương trình chuyển đổi số quốc
    gia đến năm 2025, định hướng đến năm 2030"), not a target's year: a name word earlier in
    the clause."""
    clause = re.split(r"[.;:!?]\s|\n", text[max(0, a - 300):a])[-1].lower()
    return bool(_NAMED.search(clause))


def _interpret(f: Found, year: int | None) -> None:
    t = f.text.lower()
    if f.kind == "recurring":
        f.freq = _freq(t)
    elif f.kind == "period":
        compact = _compact(t, year)
        if compact:
            f.s, f.e = compact
            return
        days = _dates(t, year) if "ngày" in t else []
        if len(days) == 1 and t.startswith("từ nay"):  # "từ nay đến ngày 30/12/2015": open at its start
            f.e = days[0]
            return
        if len(days) == 1 and not re.search(r"\bđến\b|\btới\b", t):  # the day of an event
            f.s = f.e = days[0]
            return
        if len(days) >= 2:  # "từ ngày … đến ngày …": the start takes the end's year when it has none
            f.s, f.e = days[0], days[-1]
            return
        months = re.fullmatch(r"(?:trong|vào)\s+tháng\s+(\d{1,2})((?:\s*(?:,|và)\s*\d{1,2})+)", t)
        if months and year:  # "trong tháng 9, 10": the first month's start to the last one's end
            last = int(re.findall(r"\d{1,2}", months.group(2))[-1])
            if 1 <= int(months.group(1)) <= last <= 12:
                f.s, f.e = _bounds("tháng", int(months.group(1)), year)[0], _bounds("tháng", last, year)[1]
                return
        parts = _units(t)
        if parts:
            y0 = _year(t[parts[0][2]:parts[1][2]]) if len(parts) >= 2 else None
            y1 = _year(t[parts[-1][2]:]) or year
            if y1:
                f.s = _bounds(parts[0][0], parts[0][1], y0 or y1)[0]
                f.e = _bounds(parts[-1][0], parts[-1][1], y1)[1]
            return
        years = re.findall(r"\b(?:19|20)\d\d\b", t)
        if len(years) == 2 and t.startswith("từ"):  # "từ năm 2021 đến năm 2025"
            f.s, f.e = f"{years[0]}-01-01", f"{years[1]}-12-31"
            return
        y = _year(t) or year
        if "6 tháng đầu" in t and y:
            f.s, f.e = f"{y}-01-01", f"{y}-06-30"
        elif "6 tháng cuối" in t and y:
            f.s, f.e = f"{y}-07-01", f"{y}-12-31"
        elif y:
            f.s, f.e = f"{y}-01-01", f"{y}-12-31"
    elif f.kind == "due":
        before_month = re.match(r"trước\s+tháng\s+(\d{1,2})\D+((?:19|20)\d\d)$", t)
        if before_month and 1 <= int(before_month.group(1)) <= 12:  # "trước tháng 7.2020": by 30 June
            mo, y = int(before_month.group(1)) - 1, int(before_month.group(2))
            mo, y = (12, y - 1) if mo == 0 else (mo, y)
            f.e = f"{y}-{mo:02d}-{_last(y, mo):02d}"
            return
        days = _dates(t, year)
        horizon = re.fullmatch(r"đến\s+(hết\s+)?năm\s+(\d{4})", t)
        if horizon:  # the year a target is reached: the text gives the year, no day ("hết năm" is its last day)
            f.e = f"{horizon.group(2)}-12-31" if horizon.group(1) else horizon.group(2)
        elif days:
            f.e = days[-1]
        elif "cuối" in t:
            parts = _units(t)
            y = _year(t) or year
            if parts and y:
                f.e = _bounds(parts[-1][0], parts[-1][1], y)[1]
            elif y:
                f.e = f"{y}-12-31"


_COMPACT = re.compile(r"(?<![\d/])(\d{1,2})(?:/(\d{1,2}))?\s*[-–]\s*(\d{1,2})/(\d{1,2})/(\d{4})")


def _compact(t: str, year: int | None) -> tuple[str, str] | None:
    """"30/11- 05/12/2021" → 2021-11-30 … 2021-12-05; "25-29/12/2010" → 2010-12-25 … 2010-12-29."""
    m = _COMPACT.search(t)
    if not m or "đến" in t:
        return None
    d1, m2, y2 = int(m.group(1)), int(m.group(4)), int(m.group(5))
    m1, d2 = int(m.group(2) or m2), int(m.group(3))
    y1 = y2 - 1 if (m1, d1) > (m2, d2) else y2
    if not (1 <= m1 <= 12 and 1 <= m2 <= 12 and 1 <= d1 <= _last(y1, m1) and 1 <= d2 <= _last(y2, m2)):
        return None
    return f"{y1}-{m1:02d}-{d1:02d}", f"{y2}-{m2:02d}-{d2:02d}"


def _units(t: str) -> list[tuple[str, int, int]]:
    """('month'|'quarter', number, position) for each month or quarter named in t."""
    out = []
    for m in re.finditer(r"(tháng|quý)\s+(\d{1,2}|iv|i{1,3})\b", t):
        n = int(m.group(2)) if m.group(2).isdigit() else _ROMAN[m.group(2).upper()]
        if m.group(1) == "quý" or 1 <= n <= 12:
            out.append(("quarter" if m.group(1) == "quý" else "month", n, m.start()))
    return out


def _bounds(unit: str, n: int, y: int) -> tuple[str, str]:
    if unit == "quarter":
        return f"{y}-{3 * n - 2:02d}-01", f"{y}-{3 * n:02d}-{_last(y, 3 * n):02d}"
    return f"{y}-{n:02d}-01", f"{y}-{n:02d}-{_last(y, n):02d}"


def _dates(t: str, year: int | None) -> list[str]:
    """ISO dates of 'ngày D/M[/Y]' or 'ngày D tháng M [năm Y]' in t; a date without a year takes the next one's."""
    raw = []
    for m in re.finditer(r"(?:ngày\s+|(?<=trước )|(?<=nhất )|(?<=đến )|(?<=tới ))(\d{1,2})"
                         r"(?:(?:\s*/\s*|[.-](?=\d))(\d{1,2})(?:(?:\s*/\s*|[.-](?=\d))(\d{4}))?"
                         r"|\s+tháng\s+(\d{1,2})(?:\s+năm\s+(\d{4}))?|(?=\s+(?:đến|tới)\s+ngày))", t):
        d, mo = int(m.group(1)), int(m.group(2) or m.group(4) or 0)
        raw.append((d, mo, int(m.group(3) or m.group(5) or 0) or None))
    # "từ ngày 05 đến ngày 08 tháng 01": a day without its month takes the next one's
    raw = [(d, mo or next((r[1] for r in raw[k + 1:] if r[1]), 0), y) for k, (d, mo, y) in enumerate(raw)]
    out = []
    for k, (d, mo, y) in enumerate(raw):
        if not y:  # the next date's year; the year before when the span crosses new year ("20/12 đến 10/01/2027")
            nxt = next((r for r in raw[k + 1:] if r[2]), None)
            y = (nxt[2] - ((mo, d) > (nxt[1], nxt[0]))) if nxt else year
        if y and 1 <= mo <= 12 and 1 <= d <= _last(y, mo):
            out.append(f"{y}-{mo:02d}-{d:02d}")
    return out


_EVERY_WORD = {"tuần": "weekly", "tháng": "monthly", "quý": "quarterly", "năm": "yearly"}


_PER_YEAR = {1: "yearly", 2: "half_yearly", 4: "quarterly", 12: "monthly", 52: "weekly"}


def _freq(t: str) -> str | None:
    if "tháng cuối quý" in t:
        return "quarterly"
    if re.search(r"\bthứ\s+(?:hai|ba|tư|năm|sáu|bảy)\b|chủ\s+nhật", t):  # a weekday that comes back
        return "weekly"
    rounds = re.match(r"(\d{1,2})\s+(?:đợt|lần)\s*/\s*(tuần|tháng|quý|năm)", t)
    if rounds:  # "4 đợt/năm" is quarterly; "2 lần/tháng" still monthly at the least
        n, per = int(rounds.group(1)), rounds.group(2)
        return _PER_YEAR.get(n) if per == "năm" else _EVERY_WORD[per]
    if t == "theo đợt":
        return None
    m = re.search(r"(?:ngày\s+\d|tháng\s+\d|quý\s+[ivx]).*\b(?:hàng|hằng|mỗi)\s+(tuần|tháng|quý|năm)$", t)
    if m:  # a day, month or quarter that comes back: "ngày 10 tháng 3 hằng năm" is yearly
        return _EVERY_WORD[m.group(1)]
    found = []
    for pat, fr in ((r"tuần", "weekly"), (r"(?<!\d )(?<!\d\d )(?<!sáu )tháng", "monthly"), (r"quý", "quarterly"),
                    (r"(?:6|06|sáu) tháng", "half_yearly"), (r"năm", "yearly")):
        if re.search(pat, t):
            found.append(fr)
    return min(found, key=_FREQ_ORDER.index) if found else None


def _year(t: str) -> int | None:
    m = re.search(r"\b((?:19|20)\d\d)\b", t)
    return int(m.group(1)) if m else None


def _last(y: int, m: int) -> int:
    return calendar.monthrange(y, m)[1]


_CONNECTOR = re.compile(r"^[\s,;()]*(?:(?:hoặc|và)(?:\s+(?:năm|quý|tháng))?[\s,;()]*)?$", re.I)


def task_phrase(text: str, found: list[tuple[int, int]]) -> str | None:
    """A task's deadline as written: phrases joined only by "hoặc", "và", commas or a
    parenthesis stay one span ("định kỳ hoặc đột xuất"); separate phrases are joined by "; "."""
    groups: list[list[int]] = []
    for a, b in sorted(found):
        if groups and _CONNECTOR.match(text[groups[-1][1]:a]):
            groups[-1][1] = max(groups[-1][1], b)
        else:
            groups.append([a, b])
    out = []
    for a, b in groups:
        s = text[a:b]
        if s.count("(") > s.count(")") and text[b:b + 1] == ")":
            s += ")"
        out.append(re.sub(r"\s+", " ", s).strip())
    return "; ".join(out) or None
