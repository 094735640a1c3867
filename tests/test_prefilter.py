"""The digit prefilter before the deadline patterns (issue 14, speed) skips only scans that could
find nothing: read from each pattern's syntax, and the same deadlines with it as without it."""
from __future__ import annotations

import re
from pathlib import Path

import pytest

from extractor.nlp import deadlines
from extractor.nlp.prefilter import needs_digit

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
    for (_, pat), only in zip(deadlines.PATTERNS, deadlines._DIGIT_ONLY, strict=True):
        if only:
            assert not any(pat.search(t.replace("6", "sáu")) for t in digitless), pat.pattern
    assert sum(deadlines._DIGIT_ONLY) >= 5 and not all(deadlines._DIGIT_ONLY)


def test_same_deadlines_with_and_without_the_prefilter(monkeypatch):
    texts = [p.read_text(encoding="utf-8") for p in sorted((ROOT / "corpus" / "text").glob("*.txt"))]
    blocks = [b for t in texts for b in t.split("\n") if b.strip()]
    with_it = [[vars(f) for f in deadlines.find_deadlines(b, 2024)] for b in blocks]
    monkeypatch.setattr(deadlines, "_DIGIT_ONLY", [False] * len(deadlines.PATTERNS))
    without = [[vars(f) for f in deadlines.find_deadlines(b, 2024)] for b in blocks]
    assert with_it == without
    assert sum(map(len, with_it)) > 100 and sum(not any(c.isdigit() for c in b) for b in blocks) > 50
