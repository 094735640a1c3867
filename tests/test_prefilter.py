"""The digit prefilter before the deadline patterns (issue 14, speed) skips only scans that could
find nothing: read from each pattern's syntax, and the same deadlines with it as without it."""
from __future__ import annotations

import re
from pathlib import Path

import pytest

from extractor.nlp import deadlines
from extractor.nlp.prefilter import NOTHING, needs, needs_digit

ROOT = Path(__file__).resolve().parent.parent


@pytest.mark.parametrize("pattern, needs", [
    (r"\d", True), (r"ngày\s+\d{1,2}", True), (r"[0-9]{2}", True), (r"(?:x\d|\d{4}y)", True), (r"(?>a\d)", True),
    (r"a|\d", False), (r"\d?", False), (r"\d*", False), (r"[\dA]", False), (r"(?=\d)\w", False),
    (r"[Qq]uý\s+(?:I{1,3}|IV)", False), (r"[Tt]hường xuyên", False), (r"(\d)\1", True),
])
def test_needs_digit_reads_the_pattern(pattern, needs):
    assert needs_digit(re.compile(pattern)) is needs


def test_the_deadline_patterns_that_need_a_digit_find_nothing_without_one():
    digitless = ["Hằng tháng, quý I hằng năm báo cáo; thường xuyên, theo đợt; trong năm; định kỳ 6 tháng",
                 "Quý II và quý III; cuối quý IV; khi có yêu cầu; đột xuất; theo tiến độ của Bộ"]
    digit_only = [n.digit for n in deadlines._NEEDS]
    for (_, pat), only in zip(deadlines.PATTERNS, digit_only, strict=True):
        if only:
            assert not any(pat.search(t.replace("6", "sáu")) for t in digitless), pat.pattern
    assert sum(digit_only) >= 5 and not all(digit_only)


def test_same_deadlines_with_and_without_the_prefilter(monkeypatch):
    texts = [p.read_text(encoding="utf-8") for p in sorted((ROOT / "corpus" / "text").glob("*.txt"))]
    blocks = [b for t in texts for b in t.split("\n") if b.strip()]
    with_it = [[vars(f) for f in deadlines.find_deadlines(b, 2024)] for b in blocks]
    monkeypatch.setattr(deadlines, "_NEEDS", [NOTHING] * len(deadlines.PATTERNS))
    without = [[vars(f) for f in deadlines.find_deadlines(b, 2024)] for b in blocks]
    assert with_it == without
    assert sum(map(len, with_it)) > 100 and sum(not any(c.isdigit() for c in b) for b in blocks) > 50


@pytest.mark.parametrize("pattern, groups", [
    (r"[Tt]háng\s+\d", [{"tháng"}]),
    (r"(?:đến|tới)\s+ngày", [{"đến", "tới"}, {"ngày"}]),
    (r"\d\s*[-–]\s*\d", [{"-", "–"}]),
    (r"(?:[Tt]rong\s+)?năm", [{"năm"}]),                   # an optional part requires nothing
    (r"(?:a|\d)b", [{"b"}]),                               # a branch with an alternative of no string
    (r"(?=tết)\w+", []), (r"(?i:tết)", []), (r"[^x]y", [{"y"}]), (r"[A-Z]y", [{"y"}]),
    (r"(?:ab){2,}", [{"ab"}]), (r"ΣA", [{"a"}]),
])
def test_needs_reads_the_strings_every_match_holds(pattern, groups):
    assert [set(g) for g in needs(re.compile(pattern)).groups] == groups


def test_an_ignore_case_pattern_requires_no_string():
    assert needs(re.compile("tết", re.I)).groups == ()


def _blocks() -> list[str]:
    texts = [p.read_text(encoding="utf-8") for p in sorted((ROOT / "corpus" / "text").glob("*.txt"))]
    seeds = sorted((ROOT.parent / "shared" / "seeds").glob("*.txt"))  # none where ../shared is absent
    return [b for t in texts + [p.read_text(encoding="utf-8") for p in seeds] for b in t.split("\n") if b.strip()]


def test_a_pattern_never_matches_a_text_that_lacks_what_it_needs():
    from extractor.nlp import lunar_dates

    variants = [str.upper, str.lower, str.title, lambda t: t]  # the case of a text does not fool the test
    checked, blocks = 0, _blocks()
    for pat in [p for _, p in deadlines.PATTERNS] + lunar_dates.PATTERNS:
        need = needs(pat)
        for b in blocks:
            for v in variants:
                t = v(b)
                if pat.search(t):
                    checked += 1
                    assert need.met(t, t.lower(), any(c.isdigit() for c in t)), (pat.pattern, t)
    assert checked > 150


def test_the_lunar_month_pattern_is_skipped_only_where_it_keeps_nothing(monkeypatch):
    """Without the words the "tháng" pattern keeps a match by, every match it makes is a solar date."""
    from extractor.nlp import lunar_dates

    texts = _blocks() + ["Rằm tháng Bảy năm Giáp Ngọ", "ngày mùng 5 tháng Giêng", "ngày 10 tháng 3 âm lịch",
                         "ngày 10 tháng 3 (ÂL)", "ngày 23 tháng Chạp", "ngày 15 tháng 8 năm Quý Mão", "ngày 5 tháng 3 năm 2024"]
    with_it = [[vars(f) for f in lunar_dates.find(t, 2024)] for t in texts]
    monkeypatch.setattr(lunar_dates, "_may_keep_month", lambda text, lower: True)
    assert [[vars(f) for f in lunar_dates.find(t, 2024)] for t in texts] == with_it
    assert sum(map(len, with_it)) >= 6
