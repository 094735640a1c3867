"""Words of a PDF page into lines, columns and paragraphs.

A PDF has no paragraphs, only positioned words. Nghị định 30/2020 fixes the
layout this has to undo: the header is two columns (issuing body and "Số: …"
left, motto and "<place>, ngày …" right), the end has "Nơi nhận" left and the
signature right, the body is justified paragraphs with a first-line indent.
So: words → rows (same height on the page) → fragments (split at wide gaps)
→ two-column zones read column by column → lines grouped into paragraphs by
line gap, indent, the right edge and the style.
"""
from __future__ import annotations

import re
import statistics
from dataclasses import dataclass, field

from ..normalize import all_caps, clean_text, join_wrapped, squash
from .model import Block, Style

_BULLET = re.compile(r"^[-+•·–]\s")
_END = re.compile(r"[.:;!?…)\"”]$")


@dataclass
class Line:
    """One line of text in one column (light: pages are closed after reading)."""

    text: str
    x0: float
    x1: float
    top: float
    bottom: float
    size: float
    bold: bool
    italic: bool
    first_w: float  # width of the first word: would it have fitted on the line above?


@dataclass
class PageLayout:
    """What a page holds once its pdfplumber objects are gone."""

    number: int
    width: float
    height: float
    items: list[tuple[str, object]] = field(default_factory=list)  # split_columns output
    tables: list = field(default_factory=list)  # pdf_tables.PageTable
    ocr: list[Block] | None = None  # blocks of a page read by OCR instead


def _font_flags(words: list[dict]) -> tuple[bool, bool]:
    n = sum(len(w["text"]) for w in words) or 1
    bold = sum(len(w["text"]) for w in words if re.search(r"bold|black|heavy|semibold", w.get("fontname", ""), re.I))
    ital = sum(len(w["text"]) for w in words if re.search(r"italic|oblique", w.get("fontname", ""), re.I))
    return bold >= 0.8 * n, ital >= 0.8 * n


def make_line(words: list[dict]) -> Line:
    words = sorted(words, key=lambda w: w["x0"])
    bold, italic = _font_flags(words)
    text = words[0]["text"]
    for a, b in zip(words, words[1:]):  # words split only by a font change touch: no space
        text += ("" if b["x0"] - a["x1"] < 0.12 * a.get("size", 10) else " ") + b["text"]
    return Line(
        text=text,
        x0=words[0]["x0"], x1=max(w["x1"] for w in words),
        top=min(w["top"] for w in words), bottom=max(w["bottom"] for w in words),
        size=statistics.median(w.get("size", w["bottom"] - w["top"]) for w in words),
        bold=bold, italic=italic, first_w=words[0]["x1"] - words[0]["x0"],
    )


def rows_of(words: list[dict]) -> list[list[list[dict]]]:
    """Rows of fragments: words whose vertical middles fall in one row, split at gaps
    wider than 2.5 em (the gutter between the decree's two columns)."""
    rows: list[list[dict]] = []
    top = bottom = None
    for w in sorted(words, key=lambda w: (w["top"], w["x0"])):
        mid = (w["top"] + w["bottom"]) / 2
        if rows and top <= mid <= bottom:
            rows[-1].append(w)
            bottom = max(bottom, w["bottom"]) if mid <= bottom else bottom
            continue
        rows.append([w])
        top, bottom = w["top"], w["bottom"]
    out = []
    for row in rows:
        row.sort(key=lambda w: w["x0"])
        frags = [[row[0]]]
        for a, b in zip(row, row[1:]):
            size = max(a.get("size", 10), b.get("size", 10))
            if b["x0"] - a["x1"] > 2.5 * size:
                frags.append([b])
            else:
                frags[-1].append(b)
        out.append(frags)
    return out


def split_columns(rows: list[list[list[dict]]]) -> list[tuple[str, object]]:
    """("line", Line) for full-width rows, ("zone", (left lines, right lines, gutter x)) for the
    runs of rows that share a gutter and hold at least one row with text on both sides."""
    frag_rows = [[make_line(f) for f in r] for r in rows]
    used = [False] * len(frag_rows)
    zones: dict[int, tuple[int, list[Line], list[Line], float]] = {}
    for i, frs in enumerate(frag_rows):
        if used[i] or len(frs) < 2:
            continue
        k = max(range(len(frs) - 1), key=lambda j: frs[j + 1].x0 - frs[j].x1)
        g0, g1 = frs[k].x1, frs[k + 1].x0
        lo = hi = i
        for step in (-1, 1):
            j = i
            while 0 <= j + step < len(frag_rows) and not used[j + step]:
                cand = frag_rows[j + step]
                near = frag_rows[j]
                gap = (cand[0].top - max(x.bottom for x in near)) if step > 0 else (near[0].top - max(x.bottom for x in cand))
                size = max(x.size for x in cand + near)
                if gap > 1.0 * size:
                    break
                ng0, ng1, ok = g0, g1, True
                for f in cand:
                    if f.x1 <= g1:
                        ng0 = max(ng0, f.x1)
                    elif f.x0 >= g0:
                        ng1 = min(ng1, f.x0)
                    else:
                        ok = False
                if not ok or ng1 - ng0 < 0.8 * size:
                    break
                g0, g1 = ng0, ng1
                j += step
            lo, hi = (j, hi) if step < 0 else (lo, j)
        left: list[Line] = []
        right: list[Line] = []
        for j in range(lo, hi + 1):
            used[j] = True
            for f in frag_rows[j]:
                (left if f.x1 <= g1 and f.x0 < g0 + 1 else right).append(f)
        zones[lo] = (hi, sorted(left, key=lambda x: x.top), sorted(right, key=lambda x: x.top), (g0 + g1) / 2)
    out: list[tuple[str, object]] = []
    i = 0
    while i < len(frag_rows):
        if i in zones:
            hi, left, right, mid = zones[i]
            out.append(("zone", (left, right, mid)))
            i = hi + 1
            continue
        frs = frag_rows[i]
        if len(frs) == 1:
            out.append(("line", frs[0]))
        else:
            out.append(("line", _merge(frs)))
        i += 1
    return out


def _merge(frs: list[Line]) -> Line:
    return Line(" ".join(f.text for f in frs), frs[0].x0, frs[-1].x1, min(f.top for f in frs),
                max(f.bottom for f in frs), max(f.size for f in frs), all(f.bold for f in frs),
                all(f.italic for f in frs), frs[0].first_w)


@dataclass
class Para:
    """A paragraph being built; `open_end` when its last line ran to the right edge
    without closing punctuation, so the next page may continue it."""

    lines: list[Line]
    centered: bool
    page: int

    @property
    def text(self) -> str:
        sep = "\n" if self.centered else " "
        return squash(clean_text(join_wrapped([x.text for x in self.lines], sep)))


def bounds(lines: list[Line]) -> tuple[float, float]:
    """Left margin (most common line start) and right edge of a column."""
    if not lines:
        return 0.0, 0.0
    starts = [round(x.x0) for x in lines]
    left = min(statistics.multimode(starts)) if len(lines) >= 3 else min(starts)
    return float(left), max(x.x1 for x in lines)


def is_centered(line: Line, left: float, right: float) -> bool:
    lpad, rpad = line.x0 - left, right - line.x1
    return min(lpad, rpad) > 1.5 * line.size and abs(lpad - rpad) < max(1.5 * line.size, 0.06 * (right - left))


def group(lines: list[Line], page: int, left: float | None = None, right: float | None = None,
          size_jitter: float = 0.0) -> list[Para]:
    """Lines of one column into paragraphs. `size_jitter`: the share of a line's size that
    measuring it may be off by (OCR sizes come from boxes: a short line without accents or
    descenders measures smaller), so a difference within it is no change of font."""
    if not lines:
        return []
    bl, br = bounds(lines)
    left = bl if left is None else left
    right = br if right is None else right
    gaps = [b.top - a.bottom for a, b in zip(lines, lines[1:]) if b.top > a.bottom - 1]
    size = statistics.median(x.size for x in lines)
    usual = min(statistics.median(gaps), 0.6 * size) if len(gaps) >= 3 else 0.25 * size
    out: list[Para] = []
    for ln in lines:
        cen = is_centered(ln, left, right)
        prev = out[-1].lines[-1] if out else None
        if prev is not None and not _starts_new(prev, ln, out[-1].centered, cen, usual, left, right, size_jitter):
            out[-1].lines.append(ln)
            continue
        out.append(Para([ln], cen, page))
    return out


def _starts_new(a: Line, b: Line, a_cen: bool, b_cen: bool, usual: float, left: float, right: float,
               size_jitter: float = 0.0) -> bool:
    size = max(a.size, b.size)
    if b.top - a.bottom > usual + 0.35 * size or abs(a.size - b.size) > max(0.5, size_jitter * size):
        return True
    if a.bold != b.bold or a.italic != b.italic or a_cen != b_cen:
        return True
    if a_cen:  # a centered title's lines stay one block, as a soft-broken Word title does
        return False
    return starts_item(b, left, a) or ends_early(a, b, right)


def starts_item(b: Line, left: float, a: Line | None = None) -> bool:
    """A first-line indent, or a bullet after a line that closed a sentence (a "- "
    at the margin after a full line is a wrapped dash, not a bullet)."""
    if b.x0 > left + 0.6 * b.size:
        return True
    return bool(_BULLET.match(b.text)) and (a is None or bool(_END.search(a.text)))


def ends_early(a: Line, b: Line, right: float) -> bool:
    """Line `a` stopped though `b`'s first word would have fitted after it."""
    return a.x1 + 0.3 * a.size + b.first_w < right - 1


def to_block(p: Para) -> Block:
    text = p.text
    first = p.lines[0]
    return Block(
        kind="list_item" if _BULLET.match(text) else "paragraph",
        text=text,
        page=p.page,
        style=Style(
            bold=all(x.bold for x in p.lines), italic=all(x.italic for x in p.lines),
            upper=all_caps(text),
            centered=p.centered, font_size=round(first.size, 1),
        ),
    )


def continues(prev: Para, nxt: Para, left: float, right: float) -> bool:
    """Does the first paragraph of a page carry on the last one of the page before?"""
    a, b = prev.lines[-1], nxt.lines[0]
    if prev.centered or nxt.centered or a.bold != b.bold or a.italic != b.italic or abs(a.size - b.size) > 0.5:
        return False
    if _END.search(a.text) or starts_item(b, left, a):
        return False
    return not ends_early(a, b, right) or b.text[:1].islower()
