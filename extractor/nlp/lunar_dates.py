"""Lunar-calendar scheduling phrases: "lúc 7h30 ngày mùng 5 tháng Giêng năm Giáp Ngọ",
"sáng ngày mùng 6 tết âm lịch", "các ngày mùng 7, 8 và 9 Tết", "ngày 10/3 âm lịch",
"16/12 năm Canh Dần", "Rằm tháng Bảy".

A day and month are lunar only when the text says so (the month's lunar name, "âm lịch",
"Tết", a year named by stem and branch): "ngày mùng 2 tháng 9" is the solar National Day.
The lunar year is the one the phrase names, else the last one the text names before it
("Tết Giáp Ngọ", "Xuân Giáp Ngọ 2014"), else the plan's year.
"""
from __future__ import annotations

import re
from dataclasses import dataclass

from extractor.nlp import lunar
from extractor.nlp.prefilter import HAS_DIGIT, needs

_MONTHS = {"giêng": 1, "hai": 2, "ba": 3, "tư": 4, "năm": 5, "sáu": 6, "bảy": 7, "tám": 8, "chín": 9,
           "mười": 10, "mười một": 11, "một": 11, "chạp": 12}
_STEM = "|".join(s.capitalize() for s in lunar.STEMS) + "|" + "|".join(lunar.STEMS)
_BRANCH = "Tý|Tí|Sửu|Dần|Mão|Mẹo|Thìn|Tỵ|Tị|Ngọ|Mùi|Thân|Dậu|Tuất|Hợi"
_CANCHI = rf"(?:năm\s+)?(?P<stem>{_STEM})\s*(?P<branch>{_BRANCH}|{_BRANCH.lower()})\b"
_WHEN = (r"(?!(?<=\s)\s)(?:(?:[Vv]ào\s+)?(?:lúc\s+[\dh: ]+(?:giờ(?:\s*\d{1,2})?)?\s*,?\s*)"
         r"|(?:[Vv]ào\s+)?(?:buổi\s+)?(?:[Ss]áng|[Cc]hiều|[Tt]ối)\s+"
         r"|[Vv]ào\s+)?")
_DAYNO = r"(?:ngày\s+)?(?:mùng|mồng)?\s*"
_MONTH_NAME = r"(?:[Gg]iêng|[Cc]hạp|[Hh]ai|[Bb]a|[Tt]ư|[Nn]ăm|[Ss]áu|[Bb]ảy|[Tt]ám|[Cc]hín|[Mm]ười(?: [Mm]ột)?|[Mm]ột)"
_LUNAR_MARK = r"\s*(?:\(?\s*(?:âm lịch|ÂL|AL)\s*\)?)"

PATTERNS: list[re.Pattern[str]] = [
    # days of Tết: "các ngày mùng 7, 8 và 9 Tết âm lịch", "sáng ngày mùng 6 tết"
    re.compile(rf"{_WHEN}(?:các\s+)?ngày\s+(?:mùng|mồng)\s*(?P<d1>\d{{1,2}})(?P<more>(?:\s*(?:,|và|-|đến)\s*\d{{1,2}})*)"
               rf"\s+[Tt]ết(?:\s+(?:âm lịch|Nguyên [Đđ]án|cổ truyền))?(?:\s+{_CANCHI})?"),
    # "ngày mùng 5 tháng Giêng năm Giáp Ngọ", "ngày 10 tháng 3 âm lịch", "Rằm tháng Bảy"
    re.compile(rf"{_WHEN}(?:{_DAYNO}(?P<d1>\d{{1,2}})|(?P<ram>[Rr]ằm))\s+tháng\s+(?:(?P<mname>{_MONTH_NAME})\b|(?P<mno>\d{{1,2}})\b)"
               rf"(?P<mark>{_LUNAR_MARK})?(?:\s*,?\s*{_CANCHI})?(?P<mark2>{_LUNAR_MARK})?"),
    # "16/12 năm Canh Dần", "17-22/12 năm Canh Dần", "ngày 10/3 âm lịch"
    re.compile(rf"{_WHEN}(?:ngày\s+)?(?P<d1>\d{{1,2}})(?:\s*-\s*(?P<d2>\d{{1,2}}))?/(?P<mno>\d{{1,2}})"
               rf"(?:\s+{_CANCHI}|(?P<mark>{_LUNAR_MARK}))"),
]
# what each pattern cannot match without ("tết", "tháng", the "/" of a date, a digit), read from the
# patterns (prefilter.py): a cheap `in` before its scan, most blocks hold none of it
_NEEDS = [needs(p) for p in PATTERNS]
# the "tháng" pattern keeps a match only with a month of its own name (Giêng, Chạp), a lunar mark, or a year by
# stem and branch (the rest are solar dates, see `find`): a block with none of those words has no match to keep
_OWN_MONTHS = ("giêng", "chạp")
_MARKS = ("âm lịch", "ÂL", "AL")  # as _LUNAR_MARK writes them, case and all
_BRANCHES = tuple(_BRANCH.lower().split("|"))


def _may_keep_month(text: str, lower: str) -> bool:
    return any(w in lower for w in _OWN_MONTHS) or any(w in text for w in _MARKS) \
        or (any(s in lower for s in lunar.STEMS) and any(b in lower for b in _BRANCHES))


_NAMED_YEAR = re.compile(rf"(?:[Tt]ết|[Xx]uân|năm)\s+{_CANCHI}")


@dataclass
class LunarFound:
    text: str
    start: int
    end: int
    s: str | None
    e: str | None


def find(text: str, year: int | None, before: str = "") -> list[LunarFound]:
    """Lunar scheduling phrases in `text` with their solar days (None where the year is unknown);
    `before` is the text that precedes it in the document."""
    out: list[LunarFound] = []
    taken: list[tuple[int, int]] = []
    digits, lower = HAS_DIGIT.search(text) is not None, text.lower()
    for k, (pat, need) in enumerate(zip(PATTERNS, _NEEDS, strict=True)):
        if not need.met(text, lower, digits) or (k == 1 and not _may_keep_month(text, lower)):
            continue
        for m in pat.finditer(text):
            a, b = m.start(), m.end()
            if any(a < y and x < b for x, y in taken):
                continue
            g = m.groupdict()
            if k == 1 and not (g.get("mname") or g.get("mark") or g.get("mark2") or g.get("stem")):
                continue  # "ngày 5 tháng 3": a solar date
            if k == 1 and g.get("mname") and g["mname"].lower() not in ("giêng", "chạp") \
                    and not (g.get("mark") or g.get("mark2") or g.get("stem")):
                continue  # "tháng Năm", "tháng Ba" alone are solar months in prose
            days, month = _days(g, k)
            if not days or not 1 <= month <= 12:
                continue
            y = _year(before + text, len(before) + a, g, year)
            solar = [lunar.to_solar(d, month, y) for d in days] if y else []
            s = e = None
            if solar and all(solar):
                s, e = solar[0].isoformat(), solar[-1].isoformat()
            out.append(LunarFound(m.group(0).strip(), a + (len(m.group(0)) - len(m.group(0).lstrip())), b, s, e))
            taken.append((a, b))
    return sorted(out, key=lambda f: f.start)


def _days(g: dict, k: int) -> tuple[list[int], int]:
    if g.get("ram"):
        first, rest = 15, ""
    else:
        first, rest = int(g["d1"]), g.get("more") or ""
    days = [first] + [int(x) for x in re.findall(r"\d{1,2}", rest)]
    if g.get("d2"):
        days.append(int(g["d2"]))
    if re.search(r"-|đến", rest) and len(days) == 2:  # "mùng 7 - 9": every day between
        days = list(range(days[0], days[1] + 1))
    if k == 0:
        month = 1
    elif g.get("mname"):
        month = _MONTHS[g["mname"].lower()]
    else:
        month = int(g["mno"])
    days = sorted(set(days))
    return (days if all(1 <= d <= 30 for d in days) else []), month


def _year(text: str, a: int, g: dict, plan_year: int | None) -> int | None:
    near = plan_year or _solar_year_before(text, a) or _any_year(text)
    if g.get("stem"):
        return lunar.year_of(g["stem"], g["branch"], near) if near else None
    named = list(_NAMED_YEAR.finditer(text[max(0, a - 3000):a]))
    if named and near:
        return lunar.year_of(named[-1].group("stem"), named[-1].group("branch"), near)
    return near


def _any_year(text: str) -> int | None:
    """Enough to place a year named by stem and branch, which recur every 60 years."""
    years = re.findall(r"\b((?:19|20)\d\d)\b", text)
    return int(years[0]) if years else None


def _solar_year_before(text: str, a: int) -> int | None:
    years = re.findall(r"\b((?:19|20)\d\d)\b", text[max(0, a - 600):a])
    return int(years[-1]) if years else None
