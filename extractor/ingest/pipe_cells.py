"""Tables a site flattened to one cell per line ("Thời gian |" / "Nội dung |" / …).

Some portals export an HTML table as text with every cell on its own line,
closed by `|`. The header is the run of lines that name columns ("Thời gian",
"Nội dung", "Đơn vị thực hiện", …); after it, every N cells make a row. A
cell merged over rows (rowspan) is not repeated, so a row whose first cell is
not of the first column's kind lacks it: its cells start at the second
column, and the merged cells come from the row above.
"""
from __future__ import annotations

import re

from ..normalize import fold

# names of columns of plans' task and schedule tables
_COLUMN = re.compile(r"^(?:s?tt|số tt|thời gian|tiến độ|thời hạn|nội dung|nhiệm vụ|hoạt động|công việc|địa điểm|"
                     r"hình thức|đơn vị (?:thực hiện|chủ trì|phối hợp)|cơ quan (?:thực hiện|chủ trì|phối hợp)|"
                     r"chủ trì|phối hợp|ghi chú|kinh phí|sản phẩm|kết quả)$")
_CELL_LINE = re.compile(r"^[^|]*\|(?:\s*\|)*\s*$")  # "text |", "|", "| |"
_TIME = re.compile(r"^(?:\d{1,2}\s*[-/–]|\d{1,2}\s+(?:đến|-)|ngày\s|tháng\s|quý\s|năm\s|từ\s+(?:ngày\s+)?\d|trước\s|trong\s)",
                   re.I)
_GROUP = re.compile(r"^[IVX]+\.\s+\S")


def cells_of(line: str) -> list[str]:
    return [c.strip() for c in line.split("|")[:-1]]


def header_at(lines: list[str], i: int) -> int:
    """How many column-name lines start at i (0 when fewer than three)."""
    n = 0
    while i + n < len(lines) and _CELL_LINE.match(lines[i + n]):
        cs = cells_of(lines[i + n])
        if len(cs) != 1 or not _COLUMN.match(fold(cs[0]).strip().rstrip(":")) and not _COLUMN.match(_typo(cs[0])):
            break
        n += 1
    return n if n >= 3 else 0


def _typo(s: str) -> str:
    """"Nôi dung" (a dropped mark) reads as "nội dung" for the column test."""
    return re.sub(r"^n[oô]i dung$", "nội dung", fold(s).strip())


def rows(lines: list[str], i: int, header: list[str]) -> tuple[list[list[str]], int]:
    """The rows of the cell lines from i (after the header) and the index after the table."""
    width = len(header)
    cells: list[str] = []
    k = i
    while k < len(lines) and _CELL_LINE.match(lines[k]):
        cells += cells_of(lines[k])
        k += 1
    if k == len(lines) - 1 and lines[k].strip() and "|" not in lines[k]:  # the text ends inside a cell
        cells.append(lines[k].strip())
        k += 1
    names = [fold(h) for h in header]
    time_first = bool(re.match(r"thời gian|tiến độ|thời hạn", names[0]))
    merged = [j for j, h in enumerate(names) if re.search(r"thực hiện|chủ trì", h)]  # the unit that carries it out
    out: list[list[str]] = []
    cur: list[str] = []
    for c in cells:
        starts = bool(c) and (_TIME.match(c) is not None or _GROUP.match(c) is not None)
        if cur and (len(cur) >= width or (starts and len(cur) >= 2 and not _GROUP.match(cur[0]))):
            out.append(cur)
            cur = []
        cur.append(c)
    if cur:
        out.append(cur)
    aligned: list[list[str]] = []
    for r in out:
        aligned.append(_align(r, aligned, width, time_first, merged))
    return aligned, k


def _align(row: list[str], above: list[list[str]], width: int, time_first: bool, merged: list[int]) -> list[str]:
    """A row without its first cell (merged with the row above) is shifted right and given it."""
    row = row[:width]
    if time_first and row and row[0] and not _TIME.match(row[0]) and not _GROUP.match(row[0]) and above:
        prev = next((r for r in reversed(above) if r and not _GROUP.match(r[0] or "")), None)
        if prev is not None:
            row = [prev[0]] + row[:width - 1]
            row += [""] * (width - len(row))
            for j in merged:  # the unit that carries it out is merged too when left blank
                if not row[j]:
                    row[j] = prev[j]
    return row + [""] * (width - len(row))
