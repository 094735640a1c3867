"""Plain-text plans: paragraphs split by blank lines, tab-separated table rows.

Text exported from Word or scraped from portals keeps traces of its origin:
markdown emphasis (`**28**`), table rows with one cell per tab whose cells
hold HTML (`<ul><li>…`, `<p>`, `<i>`), and paragraphs broken in two by a page
break. This reader turns that into blocks with style hints, tables, and
offsets back into the decoded source.
"""
from __future__ import annotations

import re
from dataclasses import dataclass

from ..normalize import clean, squash
from .model import Block, Cell, SourceDocument, Style, Table, assemble

_BULLET = re.compile(r"^\s*[-+•·–]\s+")
_END_PUNCT = re.compile(r"[.:;!?…)\"”]\s*$")
_ITEM_MARKER = re.compile(r"^(?:[a-zđ]|[ivx]+)[).]\s")  # "a) …", "b. …": an item, not a broken line


@dataclass
class _Para:
    raw: str
    start: int  # offset of raw in the decoded source
    end: int


def parse_text(source: str, path: str, fmt: str = "text", encoding: str | None = None) -> SourceDocument:
    """Split decoded text into blocks."""
    source = source.replace("\r\n", "\n").replace("\r", "\n")
    blocks: list[Block] = []
    table_rows: list[tuple[str, int, int]] = []

    def flush_table() -> None:
        if table_rows:
            blocks.append(_table_block(table_rows))
            table_rows.clear()

    paras = _paragraphs(source)
    for p in paras:
        lines = p.raw.split("\n")
        if any(line.count("\t") >= 2 for line in lines) or (table_rows and "\t" in p.raw):
            off = p.start
            for line in lines:
                if line.strip():
                    table_rows.append((line, off, off + len(line)))
                off += len(line) + 1
            continue
        flush_table()
        blocks.append(_text_block(p))
    flush_table()
    return assemble(path, fmt, _join_broken(blocks), encoding=encoding)


def _paragraphs(source: str) -> list[_Para]:
    out: list[_Para] = []
    for m in re.finditer(r"(?:[^\n]*\S[^\n]*(?:\n|$))+", source):
        raw = m.group(0).rstrip("\n")
        lines = raw.split("\n")
        if sum(1 for line in lines if _BULLET.match(line)) >= 2 and "\t" not in raw:
            off = m.start()  # a list typed without blank lines: one block per item
            for line in lines:
                out.append(_Para(line, off, off + len(line)))
                off += len(line) + 1
            continue
        out.append(_Para(raw, m.start(), m.start() + len(raw)))
    return out


def _text_block(p: _Para) -> Block:
    raw = p.raw
    stripped = raw.strip()
    bold = stripped.startswith("**") and stripped.endswith("**") and len(stripped) > 4
    text = squash(clean(raw)[0])
    letters = [c for c in text if c.isalpha()]
    upper = bool(letters) and all(c.isupper() for c in letters)
    kind = "list_item" if _BULLET.match(text) else "paragraph"
    return Block(
        kind=kind,
        text=text,
        style=Style(bold=bold, upper=upper),
        source_start=p.start,
        source_end=p.end,
    )


def _table_block(rows: list[tuple[str, int, int]]) -> Block:
    table = Table()
    for line, _, _ in rows:
        table.rows.append([Cell(text=_cell_text(c)) for c in line.split("\t")])
    width = max(len(r) for r in table.rows)
    for r in table.rows:  # ragged rows: pad, so columns line up
        r.extend(Cell(text="") for _ in range(width - len(r)))
    return Block(kind="table", text="", table=table, source_start=rows[0][1], source_end=rows[-1][2])


def _cell_text(raw: str) -> str:
    return squash(clean(raw)[0])


def _join_broken(blocks: list[Block]) -> list[Block]:
    """Join a paragraph cut by a page break: no closing punctuation, next starts lower-case."""
    out: list[Block] = []
    for b in blocks:
        prev = out[-1] if out else None
        if (
            prev is not None
            and prev.kind in ("paragraph", "list_item")
            and b.kind == "paragraph"
            and not _END_PUNCT.search(prev.text)
            and b.text[:1].islower()
            and not _ITEM_MARKER.match(b.text)
            and not prev.style.upper
        ):
            prev.text = f"{prev.text} {b.text}"
            prev.source_end = b.source_end
            continue
        out.append(b)
    return out
