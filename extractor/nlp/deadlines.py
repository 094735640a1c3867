"""Time expressions that schedule the plan's work (SCHEMA §5).

Not every date is a deadline: citation dates, the plan's own date and periods
inside a program's name ("giai đoạn 2021-2025") are not. The patterns below
are the scheduling phrases of the genre: "Quý I/2022", "trong năm 2022",
"trước ngày 10 tháng 3", "hàng tháng", "định kỳ 6 tháng", "thường xuyên",
"theo tiến độ …".
"""
from __future__ import annotations

import calendar
import re
from dataclasses import dataclass

_ROMAN = {"I": 1, "II": 2, "III": 3, "IV": 4}
_PERIOD = r"(?:quý [IV]{1,3}\b|6 tháng|06 tháng|sáu tháng|\d{1,2} tháng|tuần|tháng|quý|năm)"
PATTERNS: list[tuple[str, re.Pattern[str]]] = [
    ("due", re.compile(
        r"(?:[Tt]rước|[Cc]hậm nhất(?: (?:là|vào))?(?: trước)?|[Hh]ạn chót|[Hh]oàn thành trước)\s+ngày\s+\d{1,2}"
        r"(?:\s*/\s*\d{1,2}(?:\s*/\s*\d{4})?|\s+tháng\s+\d{1,2}(?:\s+năm\s+\d{4})?)"
        r"(?:\s+đối với (?:(?!\s+và\s)[^;,.)]){3,40})?")),
    ("recurring", re.compile(rf"(?:[Tt]heo\s+)?[Đđ]ịnh kỳ(?:\s+{_PERIOD}(?:\s*(?:,|và|hoặc)\s*{_PERIOD})*)?")),
    ("recurring", re.compile(rf"[Hh][àằ]ng\s+(?:tuần|tháng|quý|năm)(?:\s*(?:,|và)\s*(?:tuần|tháng|quý|năm)\b)*")),
    ("recurring", re.compile(r"\bthường kỳ\b")),
    ("ongoing", re.compile(r"[Tt]hường xuyên(?:,?\s+liên tục)?")),
    ("period", re.compile(r"[Qq]uý\s+(?:I{1,3}|IV)(?:\s*/\s*|\s+năm\s+)\d{4}|[Qq]uý\s+(?:I{1,3}|IV)\b(?!\s*,)")),
    ("period", re.compile(r"(?:[Tt]rong|[Cc]ả)\s+năm(?:\s+\d{4})?\b")),
    ("period", re.compile(r"6 tháng (?:đầu|cuối) năm(?:\s+\d{4})?")),
    ("period", re.compile(r"[Tt]háng\s+\d{1,2}\s*/\s*\d{4}|[Tt]háng\s+\d{1,2}\s+năm\s+\d{4}")),
    ("unspecified", re.compile(r"[Tt]heo tiến độ[^,.;)\t\n]{0,40}|đúng tiến độ(?: đề ra)?|[Đđ]ột xuất|[Kk]hi có yêu cầu|theo yêu cầu của [^,.;)\t\n]{3,40}")),
]
_FREQ_ORDER = ["weekly", "monthly", "quarterly", "half_yearly", "yearly"]


@dataclass
class Found:
    text: str
    kind: str
    start: int
    end: int
    s: str | None = None
    e: str | None = None
    freq: str | None = None


def find_deadlines(text: str, year: int | None, base: int = 0) -> list[Found]:
    out: list[Found] = []
    taken: list[tuple[int, int]] = []
    for kind, pat in PATTERNS:
        for m in pat.finditer(text):
            a, b = m.start(), m.end()
            if any(a < y and x < b for x, y in taken):
                continue
            if kind == "period" and _in_name(text, a):
                continue
            f = Found(m.group(0).strip(), kind, base + a, base + b)
            _interpret(f, year)
            taken.append((a, b))
            out.append(f)
    out.sort(key=lambda f: f.start)
    return out


def _in_name(text: str, a: int) -> bool:
    """"năm 2022" inside "Kế hoạch … năm 2022" names a program, it does not schedule."""
    before = text[max(0, a - 60):a].lower()
    return bool(re.search(r"(kế hoạch|chương trình|giai đoạn)[^.;,]*$", before)) and "trong" not in text[a:a + 6].lower()


def _interpret(f: Found, year: int | None) -> None:
    t = f.text.lower()
    if f.kind == "recurring":
        f.freq = _freq(t)
    elif f.kind == "period":
        y = _year(t) or year
        q = re.search(r"quý\s+(iv|i{1,3})", t)
        if q and y:
            n = _ROMAN[q.group(1).upper()]
            f.s, f.e = f"{y}-{3 * n - 2:02d}-01", f"{y}-{3 * n:02d}-{_last(y, 3 * n):02d}"
        elif "6 tháng đầu" in t and y:
            f.s, f.e = f"{y}-01-01", f"{y}-06-30"
        elif "6 tháng cuối" in t and y:
            f.s, f.e = f"{y}-07-01", f"{y}-12-31"
        elif (mm := re.search(r"tháng\s+(\d{1,2})", t)) and y:
            mo = int(mm.group(1))
            f.s, f.e = f"{y}-{mo:02d}-01", f"{y}-{mo:02d}-{_last(y, mo):02d}"
        elif y:
            f.s, f.e = f"{y}-01-01", f"{y}-12-31"
    elif f.kind == "due":
        m = re.search(r"ngày\s+(\d{1,2})(?:\s*/\s*(\d{1,2})(?:\s*/\s*(\d{4}))?|\s+tháng\s+(\d{1,2})(?:\s+năm\s+(\d{4}))?)", t)
        if m:
            d = int(m.group(1))
            mo = int(m.group(2) or m.group(4))
            y = int(m.group(3) or m.group(5) or year or 0) or None
            if y and 1 <= mo <= 12 and 1 <= d <= _last(y, mo):
                f.e = f"{y}-{mo:02d}-{d:02d}"


def _freq(t: str) -> str | None:
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
