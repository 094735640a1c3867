"""What a regex cannot match without, read from the pattern itself: a cheap test before a scan.

The deadline and lunar-date patterns are scanned over every block of a plan, and
most blocks hold none of what a given pattern is built around: half the patterns
cannot match without a digit (a day, a month number, a year), and each needs some
words ("tháng", "ngày", "đến" or "tới", a "/"). `needs` reads the compiled
pattern's syntax tree for both: whether every match consumes a digit, and groups of
strings of which every match holds at least one (in lower case). Where it cannot
tell (a lookaround, a back-reference, a case-insensitive part) it requires nothing,
so skipping a pattern on a text that lacks what it needs never changes what is
found. It is computed from the patterns, so a pattern added later is judged by the
same rule.
"""
from __future__ import annotations

import re
from dataclasses import dataclass

try:  # the standard library's own regex parser (private modules since Python 3.11)
    import re._constants as C  # noqa: N812
    import re._parser as P  # noqa: N812
except ImportError:  # pragma: no cover  (a Python that moved them: no prefilter, same results)
    C = P = None

_DIGITS = frozenset(map(ord, "0123456789"))
HAS_DIGIT = re.compile(r"\d")  # the same class the patterns' \d is
# lower() of a capital sigma depends on the next letter (σ or final ς): no literal test with it
_CONTEXT_CASE = frozenset("Σ")


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


def _char(op, av) -> str | None:
    """The one lower-case character a node matches in any case ("t" for `t` and for `[Tt]`), else None."""
    if op is C.LITERAL:
        chars = {chr(av)}
    elif op is C.IN and av and all(o is C.LITERAL for o, _ in av):  # a NEGATE or a range is not a literal
        chars = {chr(v) for _, v in av}
    else:
        return None
    if chars & _CONTEXT_CASE:
        return None
    low = {c.lower() for c in chars}
    return low.pop() if len(low) == 1 else None


def _strings(seq) -> list[frozenset[str]]:
    """Groups of lower-case strings such that every match of `seq` holds one string of each group."""
    out: list[frozenset[str]] = []
    run = ""
    for op, av in seq:
        c = _char(op, av)
        if c is not None:
            run += c
            continue
        if run:
            out.append(frozenset([run]))
            run = ""
        if op is C.IN and av and all(o is C.LITERAL for o, _ in av) and not _CONTEXT_CASE & {chr(v) for _, v in av}:
            out.append(frozenset(chr(v).lower() for _, v in av))  # "[-–]": one of these characters
        elif op is C.SUBPATTERN and not av[1] & re.IGNORECASE:
            out += _strings(av[3])
        elif op is C.ATOMIC_GROUP:
            out += _strings(av)
        elif op in (C.MAX_REPEAT, C.MIN_REPEAT, C.POSSESSIVE_REPEAT) and av[0] >= 1:
            out += _strings(av[2])
        elif op is C.BRANCH:
            best = [_best(_strings(alt)) for alt in av[1]]
            if all(best):
                out.append(frozenset().union(*best))
        # anything else (a class, \s, a lookaround, a back-reference, an optional part) requires nothing
    if run:
        out.append(frozenset([run]))
    return out


def _best(groups: list[frozenset[str]]) -> frozenset[str] | None:
    """The most telling group (its shortest string the longest): one branch of an alternation."""
    return max(groups, key=lambda g: (min(map(len, g)), -len(g)), default=None)


@dataclass(frozen=True)
class Needs:
    """What every match of a pattern holds: a digit, and one string of each group (in lower case)."""

    digit: bool
    groups: tuple[frozenset[str], ...]

    def __post_init__(self) -> None:
        # the test runs once per pattern and block: plain loops over tuples, the groups of one string first
        one = tuple(sorted((next(iter(g)) for g in self.groups if len(g) == 1), key=len, reverse=True))
        object.__setattr__(self, "_one", one)
        object.__setattr__(self, "_any", tuple(tuple(sorted(g)) for g in self.groups if len(g) > 1))

    def met(self, text: str, lower: str, has_digit: bool) -> bool:
        """Could the pattern match `text` (`lower` is text.lower(), `has_digit` whether it has a digit)?"""
        if self.digit and not has_digit:
            return False
        for s in self._one:
            if s not in lower:
                return False
        for g in self._any:
            for s in g:
                if s in lower:
                    break
            else:
                return False
        return True


NOTHING = Needs(False, ())


def needs(pattern: re.Pattern[str]) -> Needs:
    """What `pattern` cannot match without (nothing, when unsure or when the pattern ignores case)."""
    if P is None:
        return NOTHING
    groups = [] if pattern.flags & re.IGNORECASE else _strings(P.parse(pattern.pattern, pattern.flags & ~re.UNICODE))
    return Needs(needs_digit(pattern), tuple(dict.fromkeys(groups)))
