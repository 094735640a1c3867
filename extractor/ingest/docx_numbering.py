"""Word automatic numbering, rendered the way Word shows it.

Plans typed in Word often number their outline ("I.", "1.", "a)") with list
numbering, so the digits are not in the text at all: without rendering them
the outline the NLP stage relies on disappears. This module reads
`word/numbering.xml` and replays Word's counters in document order.

Rules followed (ECMA-376 §17.9 with Word's documented deviations, MS-OI29500):
- counters live per abstract list (`abstractNum`) and level, so two `num`
  instances pointing at one abstract list continue each other;
- a level restarts when a shallower level is used (`lvlRestart` = n limits
  that to levels 0..n-1; 0 means never);
- a `lvlOverride/startOverride` restarts the level the first time its `num`
  instance uses it, and is that level's start value inside the instance;
- `%k` in `lvlText` is level k-1's current value in that level's format
  (decimal for every level when `isLgl` is set); bullets render as "-".
"""
from __future__ import annotations

from dataclasses import dataclass, field

from lxml import etree

W_NS = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"


def w(tag: str) -> str:
    """Clark name of a WordprocessingML element or attribute."""
    return f"{{{W_NS}}}{tag}"


def wval(el: etree._Element | None, default: str | None = None) -> str | None:
    """The `w:val` of an element, or `default` when absent."""
    if el is None:
        return default
    return el.get(w("val"), default)


def _int(s: str | None, default: int) -> int:
    try:
        return int(s) if s is not None else default
    except ValueError:
        return default


@dataclass
class Level:
    fmt: str = "decimal"
    text: str = "%1."
    start: int = 1
    restart: int | None = None  # lvlRestart value; None = Word's default
    is_lgl: bool = False
    pstyle: str | None = None  # style bound to this level (style-linked lists)


@dataclass
class Num:
    abstract: str
    start_override: dict[int, int] = field(default_factory=dict)
    level_override: dict[int, Level] = field(default_factory=dict)


def _parse_level(lvl: etree._Element) -> Level:
    restart = lvl.find(w("lvlRestart"))
    lgl = lvl.find(w("isLgl"))
    return Level(
        fmt=wval(lvl.find(w("numFmt")), "decimal") or "decimal",
        text=wval(lvl.find(w("lvlText")), "") or "",
        start=_int(wval(lvl.find(w("start"))), 1),
        restart=_int(wval(restart), 0) if restart is not None else None,
        is_lgl=lgl is not None and wval(lgl, "1") not in ("0", "false", "off"),
        pstyle=wval(lvl.find(w("pStyle"))),
    )


def to_roman(n: int) -> str:
    """1 → I, 4 → IV; Word falls back to decimal outside 1..3999."""
    if not 0 < n < 4000:
        return str(n)
    out = []
    for value, sym in ((1000, "M"), (900, "CM"), (500, "D"), (400, "CD"), (100, "C"), (90, "XC"),
                       (50, "L"), (40, "XL"), (10, "X"), (9, "IX"), (5, "V"), (4, "IV"), (1, "I")):
        while n >= value:
            out.append(sym)
            n -= value
    return "".join(out)


def to_letter(n: int) -> str:
    """Word's letter sequence: a..z, then aa..zz, aaa.. (letter repeated)."""
    if n <= 0:
        return str(n)
    return chr(ord("a") + (n - 1) % 26) * ((n - 1) // 26 + 1)


def format_number(n: int, fmt: str) -> str:
    """One counter in a `numFmt`; unknown formats render as decimal, as Word's fallback does."""
    if fmt == "upperRoman":
        return to_roman(n)
    if fmt == "lowerRoman":
        return to_roman(n).lower()
    if fmt == "upperLetter":
        return to_letter(n).upper()
    if fmt == "lowerLetter":
        return to_letter(n)
    if fmt == "decimalZero":
        return f"{n:02d}"
    if fmt in ("none", "bullet"):
        return ""
    return str(n)


class Numbering:
    """Numbering definitions of one document plus the running counters."""

    def __init__(self, root: etree._Element | None = None, style_num: dict[str, str] | None = None):
        self.abstracts: dict[str, dict[int, Level]] = {}
        self.nums: dict[str, Num] = {}
        self.links: dict[str, str] = {}  # abstractId → numStyleLink style id
        self.style_num = style_num or {}  # style id → numId, for numStyleLink
        self.counters: dict[str, list[int | None]] = {}
        self.used: set[tuple[str, int]] = set()
        self.warnings: list[str] = []
        if root is not None:
            self._parse(root)

    def _parse(self, root: etree._Element) -> None:
        for an in root.iter(w("abstractNum")):
            aid = an.get(w("abstractNumId"), "")
            self.abstracts[aid] = {_int(lv.get(w("ilvl")), 0): _parse_level(lv) for lv in an.findall(w("lvl"))}
            link = wval(an.find(w("numStyleLink")))
            if link:
                self.links[aid] = link
        for num in root.iter(w("num")):
            nid = num.get(w("numId"), "")
            rec = Num(abstract=wval(num.find(w("abstractNumId")), "") or "")
            for ov in num.findall(w("lvlOverride")):
                ilvl = _int(ov.get(w("ilvl")), 0)
                so = ov.find(w("startOverride"))
                if so is not None:
                    rec.start_override[ilvl] = _int(wval(so), 1)
                lv = ov.find(w("lvl"))
                if lv is not None:
                    rec.level_override[ilvl] = _parse_level(lv)
            self.nums[nid] = rec

    def _abstract_id(self, num_id: str) -> str | None:
        """Follow `numStyleLink` (list defined by a numbering style) to the real definition."""
        num = self.nums.get(num_id)
        seen: set[str] = set()
        while num is not None and num.abstract in self.links and num.abstract not in seen:
            seen.add(num.abstract)
            linked = self.style_num.get(self.links[num.abstract])
            if linked is None or linked not in self.nums:
                break
            num = self.nums[linked]
        return num.abstract if num is not None else None

    def level(self, num_id: str, ilvl: int) -> Level | None:
        num = self.nums.get(num_id)
        if num is None:
            return None
        if ilvl in num.level_override:
            return num.level_override[ilvl]
        aid = self._abstract_id(num_id)
        return self.abstracts.get(aid or "", {}).get(ilvl)

    def level_for_style(self, num_id: str, style_id: str) -> int | None:
        """The level a style-linked list binds to `style_id` (`w:lvl/w:pStyle`)."""
        levels = self.abstracts.get(self._abstract_id(num_id) or "", {})
        for ilvl, lv in levels.items():
            if lv.pstyle == style_id:
                return ilvl
        return None

    def _start(self, num_id: str, ilvl: int) -> int:
        num = self.nums[num_id]
        if ilvl in num.start_override:
            return num.start_override[ilvl]
        lv = self.level(num_id, ilvl)
        return lv.start if lv else 1

    def next(self, num_id: str, ilvl: int) -> str | None:
        """Advance the counters for one paragraph and return its rendered number.

        Returns None when the paragraph is not numbered (numId 0, an unknown
        list, or a level that renders to nothing); bullets return "-".
        """
        if num_id in ("", "0") or num_id not in self.nums:
            if num_id not in ("", "0"):
                self.warnings.append(f"numbering: numId {num_id} not defined")
            return None
        ilvl = max(0, min(ilvl, 8))
        lv = self.level(num_id, ilvl)
        if lv is None:
            return None
        aid = self._abstract_id(num_id) or num_id
        counters = self.counters.setdefault(aid, [None] * 9)
        if (num_id, ilvl) not in self.used:
            self.used.add((num_id, ilvl))
            if ilvl in self.nums[num_id].start_override:
                counters[ilvl] = None
        cur = counters[ilvl]
        counters[ilvl] = self._start(num_id, ilvl) if cur is None else cur + 1
        for deeper in range(ilvl + 1, 9):
            dl = self.level(num_id, deeper)
            limit = deeper if dl is None or dl.restart is None else dl.restart
            if ilvl < limit:
                counters[deeper] = None
        if lv.fmt == "bullet":
            return "-"
        return self._render(num_id, lv, counters) or None

    def _render(self, num_id: str, lv: Level, counters: list[int | None]) -> str:
        out: list[str] = []
        text = lv.text
        i = 0
        while i < len(text):
            ch = text[i]
            if ch == "%" and i + 1 < len(text) and text[i + 1] in "123456789":
                k = int(text[i + 1]) - 1
                other = self.level(num_id, k)
                value = counters[k] if counters[k] is not None else self._start(num_id, k)
                fmt = other.fmt if other else "decimal"
                if lv.is_lgl and fmt not in ("none", "bullet"):
                    fmt = "decimal"
                out.append(format_number(value, fmt))
                i += 2
                continue
            out.append(ch)
            i += 1
        return "".join(out).strip()
