"""Plain-text plans: paragraphs, table rows and site chrome told apart.

Text exported from Word or scraped from portals keeps traces of its origin:
markdown emphasis (`**28**`), table rows with one cell per tab (cells holding
HTML) or cells separated by `|`, paragraphs broken by a page break, lines
hard-wrapped in mid-sentence or one paragraph per line without blank lines,
line breaks written as the escapes `\\r\\n`, and the site's own lines around the
plan. This reader turns all of that into blocks with style hints, tables, and
offsets back into the decoded source; the site's lines are kept aside in
`SourceDocument.chrome`.
"""
from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass

from ..normalize import all_caps, clean_text, squash
from . import linebreaks, pipe_cells
from .chrome_lines import is_byline, is_chrome, is_meta_line, site_lines
from .model import Block, Cell, SourceDocument, Style, Table, assemble

_BULLET = re.compile(r"^\s*[-+•·–]\s+")
_END_PUNCT = re.compile(r"[.:;!?…)\"”]\s*$")
_ITEM_MARKER = re.compile(r"^(?:[a-zđ]|[ivx]+)[).]\s")  # "a) …", "b. …": an item, not a broken line
_ESCAPED_BREAK = re.compile(r"(?:\\r)?\\n|\\r")
_PIPE_ROW = re.compile(r"\S\s*\|\s*\S")  # a cell boundary inside the line
_META_ZONE = 30  # metadata tables of portals stand before the document, within its first lines


@dataclass
class _Line:
    text: str
    start: int  # offset in the decoded source
    end: int
    site: bool = False  # the site's by where it stands (a related-documents list, other news after the article)


@dataclass
class _Para:
    raw: str
    start: int
    end: int


def parse_text(source: str, path: str, fmt: str = "text", encoding: str | None = None) -> SourceDocument:
    """Split decoded text into blocks."""
    source = source.replace("\r\n", "\n").replace("\r", "\n")
    text, where = _unescape_breaks(source)
    lines = _unflatten(_lines(text, where))
    site = site_lines([ln.text for ln in lines])
    for i in site:
        lines[i].site = True
    chrome: list[Block] = []
    width = linebreaks.wrap_width([ln.text for ln in lines])
    blocks: list[Block] = []
    seen = 0
    table: Block | None = None
    for run in _runs(lines):
        kept: list[_Line] = []
        for ln in run:
            seen += 1
            empty_cell = re.fullmatch(r"[\s|]*\|[\s|]*", ln.text) is not None and bool(kept) \
                and kept[-1].text.rstrip().endswith("|")  # "|" among cell lines: an empty cell, not a rule
            if not empty_cell and (ln.site or is_chrome(ln.text) or (seen <= _META_ZONE and is_meta_line(ln.text))):
                chrome.append(_chrome_block(ln))
                new, table = _run_blocks(kept, width, None)
                blocks.extend(new)
                kept = []
            else:
                kept.append(ln)
        new, table = _run_blocks(kept, width, table)
        blocks.extend(new)
    blocks = _join_broken(blocks)
    while blocks and blocks[-1].table is None and is_byline(blocks[-1].text) and not _after_post(blocks):
        chrome.append(blocks.pop())
    doc = assemble(path, fmt, blocks, encoding=encoding)
    doc.chrome = chrome
    return doc


def _unescape_breaks(source: str) -> tuple[str, Sequence[int]]:
    """A dump that wrote its line breaks as the escapes "\\r\\n" gets them back.

    Returns the text and, per character, its offset in `source` (a range when they are the same).
    """
    if "\\" not in source or len(_ESCAPED_BREAK.findall(source)) < 3:  # each escape holds a backslash
        return source, range(len(source))
    out: list[str] = []
    where: list[int] = []
    pos = 0
    for m in _ESCAPED_BREAK.finditer(source):
        out.append(source[pos:m.start()])
        where.extend(range(pos, m.start()))
        out.append("\n")
        where.append(m.start())
        pos = m.end()
    out.append(source[pos:])
    where.extend(range(pos, len(source)))
    return "".join(out), where


def _lines(text: str, where: Sequence[int]) -> list[_Line]:
    out: list[_Line] = []
    pos = 0
    for raw in text.split("\n"):
        a, b = pos, pos + len(raw)
        sa = where[a] if a < len(where) else (where[-1] + 1 if where else 0)
        sb = where[b - 1] + 1 if b > a else sa
        out.append(_Line(raw, sa, sb))
        pos = b + 1
    return out


# a PDF's text layer put on one line by a document-sharing site: the lines it had are runs of 2+ spaces apart,
# its first page opens with the viewer's page number and the header ("1. BỘ Y TẾ CỘNG HÒA XÃ HỘI … Số: …")
_FLAT_GAP = re.compile(r"[ \t\u00a0]{2,}")
_FLAT_HEAD = re.compile(r"CỘNG\s*H[OÒÓ]\S{0,2}\s*X\S{1,2}\s*H[ỘO]I|Độc lập|ĐỘC LẬP")
_FLAT_MOTTO = re.compile(r"Độc lập\s*[-–—]?\s*Tự do\s*[-–—]?\s*Hạnh phúc", re.I)
_PAGE_NO = re.compile(r"^\d{1,3}\.\s+(?=[A-ZĐÀ-Ỹ]{2})")


def _unflatten(lines: list[_Line]) -> list[_Line]:
    """A whole page flattened into one line gets its lines back (a header block, a title over lines, the
    preamble's wrapped lines); other long lines, with a double space here and there, stay as they are."""
    out: list[_Line] = []
    for ln in lines:
        t = ln.text
        gaps = list(_FLAT_GAP.finditer(t))
        if len(t) < 300 or len(gaps) < 4 or not _FLAT_HEAD.search(t[:400]) or not re.search(r"Số\s*:?\s*\d", t[:600]):
            out.append(ln)
            continue
        motto = [m.span() for m in _FLAT_MOTTO.finditer(t)]  # its dashes lost, the motto's words stay together
        gaps = [g for g in gaps if not any(a <= g.start() < b for a, b in motto)]
        linear = ln.end - ln.start == len(t)  # offsets map one to one (no escaped breaks inside)
        bounds = [0] + [x for m in gaps for x in (m.start(), m.end())] + [len(t)]
        first = True
        for k in range(0, len(bounds), 2):
            a, b = bounds[k], bounds[k + 1]
            a += len(t[a:b]) - len(t[a:b].lstrip())
            if first and t[a:b].strip():
                drop = _PAGE_NO.match(t[a:b])  # the viewer's "1." before the first page
                a += drop.end() if drop else 0
                first = False
            if t[a:b].strip():
                out.append(_Line(t[a:b], ln.start + a, ln.start + b) if linear else _Line(t[a:b], ln.start, ln.end))
    return out


def _runs(lines: list[_Line]) -> list[list[_Line]]:
    """Runs of non-blank lines (what blank lines separate)."""
    runs: list[list[_Line]] = [[]]
    for ln in lines:
        if ln.text.strip():
            runs[-1].append(ln)
        elif runs[-1]:
            runs.append([])
    return [r for r in runs if r]


def _run_blocks(run: list[_Line], width: int | None, prev_table: Block | None) -> tuple[list[Block], Block | None]:
    """Blocks of one run: tab or `|` table rows, else paragraphs; and the tab table it ends with
    (which the next run's rows continue)."""
    out: list[Block] = []
    rows: list[tuple[list[str], int, int]] = []
    para: list[_Line] = []

    def flush_rows() -> None:
        if rows:
            out.append(_table_block(rows))
            rows.clear()

    def flush_para() -> None:
        if para:
            texts = [ln.text for ln in para]
            for group in linebreaks.paragraphs(texts, width):
                cells = [_strip_pipes(texts[i]) for i in group]
                cells = [c for c in cells if c.strip()]
                if cells:
                    out.append(_text_block(_Para(linebreaks.join(cells), para[group[0]].start, para[group[-1]].end)))
            para.clear()

    if prev_table is not None and run and "\t" in run[0].text:  # rows of one table with blank lines between them
        k = 0
        while k < len(run) and "\t" in run[k].text:
            prev_table.table.rows.append([Cell(text=_cell_text(c)) for c in run[k].text.split("\t")])
            k += 1
        _pad(prev_table.table)
        prev_table.source_end = run[k - 1].end
        if k == len(run):
            return [], prev_table
        return _run_blocks(run[k:], width, None)
    texts = [ln.text for ln in run]
    k = 0
    while k < len(run):
        ln = run[k]
        n = pipe_cells.header_at(texts, k)
        if n:  # a table flattened to one cell per line
            flush_para()
            flush_rows()
            header = [pipe_cells.cells_of(t)[0] for t in texts[k:k + n]]
            body, end = pipe_cells.rows(texts, k + n, header)
            out.append(_table_block([(header, ln.start, run[k + n - 1].end)] +
                                    [(r, ln.start, run[end - 1].end) for r in body]))
            k = end
            continue
        k += 1
        cells = _row_cells(ln.text)
        if cells is not None:
            flush_para()
            rows.append((cells, ln.start, ln.end))
        else:
            flush_rows()
            para.append(ln)
    flush_para()
    flush_rows()
    last = out[-1] if out and out[-1].table is not None and run and "\t" in run[-1].text else None
    return out, last


def _row_cells(line: str) -> list[str] | None:
    """The cells of a table row: tab-separated, or `|`-separated ("A | B |")."""
    if "\t" in line:
        return line.split("\t")
    core = _strip_pipes(line)
    if _PIPE_ROW.search(core):
        return [c.strip() for c in core.split("|")]
    return None


_EDGE_PIPES = re.compile(r"^\s*\|\s*|\s*\|\s*$")


def _strip_pipes(line: str) -> str:
    return _EDGE_PIPES.sub("", line) if "|" in line else line  # most lines have none: no scan


def _text_block(p: _Para) -> Block:
    raw = p.raw
    stripped = raw.strip()
    bold = stripped.startswith("**") and stripped.endswith("**") and len(stripped) > 4
    text = squash(clean_text(raw))
    upper = all_caps(text)
    kind = "list_item" if _BULLET.match(text) else "paragraph"
    return Block(
        kind=kind,
        text=text,
        style=Style(bold=bold, upper=upper),
        source_start=p.start,
        source_end=p.end,
    )


def _chrome_block(ln: _Line) -> Block:
    return Block(kind="paragraph", text=squash(clean_text(ln.text)), source_start=ln.start, source_end=ln.end)


def _table_block(rows: list[tuple[list[str], int, int]]) -> Block:
    table = Table()
    for cells, _, _ in rows:
        table.rows.append([Cell(text=_cell_text(c)) for c in cells])
    _pad(table)
    return Block(kind="table", text="", table=table, source_start=rows[0][1], source_end=rows[-1][2])


def _pad(table: Table) -> None:
    width = max(len(r) for r in table.rows)
    for r in table.rows:  # ragged rows: pad, so columns line up
        r.extend(Cell(text="") for _ in range(width - len(r)))


def _cell_text(raw: str) -> str:
    return squash(clean_text(raw))


def _after_post(blocks: list[Block]) -> bool:
    """The last line follows a signer's post ("PHÓ CHỦ TỊCH"): it is the signer, not a byline."""
    prev = next((b for b in reversed(blocks[:-1]) if sum(c.isalpha() for c in b.text) >= 3), None)
    return prev is not None and bool(prev.style.upper) and len(prev.text) < 80


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
