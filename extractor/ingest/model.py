"""The document model every ingester produces: pages of blocks, blocks of text.

One shape for every format, so the NLP stage never needs to know where a plan
came from. Offsets (`start`, `end`) index `SourceDocument.text`; every block
also keeps `source_start`/`source_end` into the raw source where the format has
them, so a value can be traced back to the file.
"""
from __future__ import annotations

from dataclasses import dataclass, field
from typing import Literal

BlockKind = Literal["heading", "paragraph", "list_item", "table"]


@dataclass
class Style:
    """What the format says about how a block looks; `None` when it does not say."""

    bold: bool | None = None
    italic: bool | None = None
    upper: bool | None = None
    centered: bool | None = None
    font_size: float | None = None


@dataclass
class Cell:
    text: str
    start: int = -1
    end: int = -1


@dataclass
class Table:
    rows: list[list[Cell]] = field(default_factory=list)
    page: int | None = None

    def texts(self) -> list[list[str]]:
        return [[c.text for c in row] for row in self.rows]


@dataclass
class Block:
    """A heading, paragraph, list item or table, in reading order.

    `text` is normalized (NFC, unified dashes and quotes, no markup); for a
    table it is the rows, cells joined by a tab, one row per line, and `table`
    holds the cells with their own offsets.
    """

    kind: BlockKind
    text: str
    start: int = -1
    end: int = -1
    page: int | None = None
    style: Style = field(default_factory=Style)
    table: Table | None = None
    numbering: str | None = None  # automatic numbering as rendered ("I.", "1.", "a)"), already in text
    source_start: int | None = None
    source_end: int | None = None
    ocr_conf: float | None = None


@dataclass
class SourceDocument:
    """A file read into blocks. `text` is the blocks joined by newlines."""

    path: str
    format: str  # "text", "html", "docx", "pdf", "ocr", ...
    blocks: list[Block] = field(default_factory=list)
    encoding: str | None = None
    pages: int | None = None
    warnings: list[str] = field(default_factory=list)
    text: str = ""
    chrome: list[Block] = field(default_factory=list)  # the site's own lines, dropped from `blocks`, kept here

    @property
    def tables(self) -> list[Table]:
        return [b.table for b in self.blocks if b.table is not None]


def assemble(path: str, fmt: str, blocks: list[Block], **kw) -> SourceDocument:
    """Join blocks into one text, one block per line, and set their offsets.

    Ingesters build blocks with text only and let this set `start`/`end` for
    blocks and table cells, so offsets are computed in one place.
    """
    parts: list[str] = []
    pos = 0
    kept: list[Block] = []
    for b in blocks:
        if b.table is not None:
            row_texts = []
            for row in b.table.rows:
                cells = []
                for c in row:
                    c.text = c.text.replace("\t", " ")
                    cells.append(c.text)
                row_texts.append("\t".join(cells))
            b.text = "\n".join(row_texts)
            cpos = pos
            for row in b.table.rows:
                for c in row:
                    c.start, c.end = cpos, cpos + len(c.text)
                    cpos = c.end + 1
        if not b.text.strip():
            continue
        b.start, b.end = pos, pos + len(b.text)
        parts.append(b.text)
        pos = b.end + 1
        kept.append(b)
    return SourceDocument(path=path, format=fmt, blocks=kept, text="\n".join(parts), **kw)
