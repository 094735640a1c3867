"""Ruled tables of a PDF page, and one table out of the pages it runs over.

The appendix task table of a plan is drawn with rules; pdfplumber's "lines"
strategy finds its cells from them. A cell's text wraps over several lines:
wrapped lines are joined with a space, a line that starts a bullet ("- ",
"+ ") starts a new line, as in the source document. A table that continues
on the next page (same columns at the same x positions) is one table; its
repeated header row is dropped, and a row cut by the page break (first cell
empty on the new page) is joined back.
"""
from __future__ import annotations

import re
from dataclasses import dataclass

from ..normalize import clean_text, join_wrapped, squash
from .model import Block, Cell, Table

SETTINGS = {"vertical_strategy": "lines", "horizontal_strategy": "lines", "snap_tolerance": 3,
            "intersection_tolerance": 3}
_BULLET = re.compile(r"^[-+•·–]\s")


@dataclass
class PageTable:
    page: int
    top: float
    bottom: float
    xs: tuple[float, ...]  # left edge of each column
    rows: list[list[str]]
    box: tuple[float, float, float, float] = (0.0, 0.0, 0.0, 0.0)


def cell_text(raw: str | None) -> str:
    """Wrapped lines of a cell joined; bullet lines kept as lines."""
    if not raw:
        return ""
    out: list[str] = []
    for line in raw.split("\n"):
        line = line.strip()
        if not line:
            continue
        if out and not _BULLET.match(line):
            out[-1] = join_wrapped([out[-1], line])
        else:
            out.append(line)
    return squash(clean_text("\n".join(out)))


def find_tables(page, number: int) -> list[PageTable]:
    """Ruled tables of one pdfplumber page (at least 2 rows and 2 columns)."""
    out = []
    for t in page.find_tables(SETTINGS):
        rows = [[cell_text(c) for c in row] for row in t.extract(x_tolerance=1.5, y_tolerance=2)]
        if len(rows) < 2 or max(len(r) for r in rows) < 2:  # a frame or a rule, not a table
            continue
        xs = tuple(round(c[0], 1) for c in _first_full_row(t))
        x0, top, x1, bottom = t.bbox
        out.append(PageTable(number, top, bottom, xs, rows, tuple(t.bbox)))
    return out


def _first_full_row(t) -> list:
    best = max(t.rows, key=lambda r: sum(c is not None for c in r.cells))
    return [c for c in best.cells if c is not None]


def same_columns(a: PageTable, b: PageTable) -> bool:
    return len(a.xs) == len(b.xs) and all(abs(x - y) <= 3 for x, y in zip(a.xs, b.xs))


def join(a: PageTable, b: PageTable) -> None:
    """Append continuation `b` to `a`: drop a repeated header, mend a row cut in two."""
    rows = b.rows
    if rows and a.rows and [c.lower() for c in rows[0]] == [c.lower() for c in a.rows[0]]:
        rows = rows[1:]
    if rows and a.rows and not rows[0][0] and a.rows[-1][0] and len(rows[0]) == len(a.rows[-1]) \
            and any(rows[0]):
        last = a.rows[-1]
        for k, extra in enumerate(rows[0]):
            if extra:
                sep = "\n" if _BULLET.match(extra) or not last[k] else " "
                last[k] = (last[k] + sep + extra).strip()
        rows = rows[1:]
    a.rows.extend(rows)
    a.bottom = b.bottom


def to_block(t: PageTable) -> Block:
    width = max(len(r) for r in t.rows)
    table = Table(rows=[[Cell(text=c) for c in r + [""] * (width - len(r))] for r in t.rows], page=t.page)
    return Block(kind="table", text="", page=t.page, table=table)


def inside(obj: dict, boxes: list[tuple[float, float, float, float]]) -> bool:
    """Is a char/word inside one of the tables' boxes (so not body text)?"""
    cx = (obj["x0"] + obj["x1"]) / 2
    cy = (obj["top"] + obj["bottom"]) / 2
    return any(x0 <= cx <= x1 and top <= cy <= bottom for x0, top, x1, bottom in boxes)
