"""What a regex cannot match without, read from the pattern itself: a cheap test before a scan.

The deadline patterns are scanned over every block of a plan; most task paragraphs
hold no digit, and half the patterns cannot match without one (a day, a month
number, a year). `needs_digit` reads the compiled pattern's syntax tree and says
whether every match must consume a digit; where it cannot tell (a lookaround, a
back-reference) it says no, so skipping a pattern that needs one on a text without
one never changes what is found. It is computed from the patterns, so a pattern
added later is judged by the same rule.
"""
from __future__ import annotations

import re

try:  # the standard library's own regex parser (private modules since Python 3.11)
    import re._constants as C  # noqa: N812
    import re._parser as P  # noqa: N812
except ImportError:  # pragma: no cover  (a Python that moved them: no prefilter, same results)
    C = P = None

_DIGITS = frozenset(map(ord, "0123456789"))
HAS_DIGIT = re.compile(r"\d")  # the same class the patterns' \d is


def _in_digits(items) -> bool:
    """A character class every member of which is a digit."""
    for op, av in items:
        if op is C.LITERAL and av in _DIGITS:
            continue
        if op is C.RANGE and av[0] >= ord("0") and av[1] <= ord("9"):
            continue
        if op is C.CATEGORY and av is C.CATEGORY_DIGIT:
            continue
        return False
    return bool(items)


def _must(seq) -> bool:
    """Does every match of this sequence of nodes consume a digit?"""
    for op, av in seq:
        if op is C.LITERAL and av in _DIGITS:
            return True
        if op is C.IN and _in_digits(av):
            return True
        if op in (C.MAX_REPEAT, C.MIN_REPEAT, C.POSSESSIVE_REPEAT) and av[0] >= 1 and _must(av[2]):
            return True
        if op is C.SUBPATTERN and _must(av[3]):
            return True
        if op is C.ATOMIC_GROUP and _must(av):
            return True
        if op is C.BRANCH and all(_must(alt) for alt in av[1]):
            return True
    return False


def needs_digit(pattern: re.Pattern[str]) -> bool:
    """True when no match of `pattern` can be made of a text without a digit (False when unsure)."""
    if P is None:
        return False
    return _must(P.parse(pattern.pattern, pattern.flags & ~re.UNICODE))
