"""Which line breaks of a plain text end a paragraph, and which only wrap a line.

Plans reach users as text in three shapes: paragraphs separated by blank lines,
one paragraph per line with no blank line between (pasted from a web page), and
lines hard-wrapped at a fixed width in mid-sentence (portals that keep the
Word export's line breaks, e-mail). A reader tells them apart from the text
itself: a new paragraph starts with an outline number, a bullet or a preamble
word ("Căn cứ", "Thực hiện"), or follows a line that ends a sentence; a wrapped
line goes on in lower case, or after a comma or a word that cannot end a
sentence ("của", "và"). When neither side says, the shape of the whole text
decides: in a hard-wrapped text an undecided break is a wrap, in a text of long
lines it ends a paragraph.
"""
from __future__ import annotations

import re

# an outline number, a bullet, an article or a part opening the line
MARKER = re.compile(
    r"^\s*(?:[IVXL]{1,5}\s*[.)/]\s|[A-ZĐ]\s*[.)]\s+(?=[A-ZĐ])|\d{1,2}(?:\.\d{1,2}){0,3}\s*[.)/]\s*(?=[^\d\s/.-])|\d{1,2}(?:\.\d{1,2}){1,3}\s+(?=[^\d\s/.-])|[a-zđ]\s*[).]\s"
    r"|[-+•·–*]\s*(?=\S)|(?:Điều|ĐIỀU)\s+\d|(?:Phần|PHẦN|Mục|MỤC|Chương|CHƯƠNG)\s+(?:[IVX]+|\d+|thứ|THỨ)\b)"
)
# words that open a paragraph of a preamble, a decision or a signature block
OPENER = re.compile(
    r"^\s*(?:Căn cứ|Thực hiện|Triển khai|Theo đề nghị|Xét đề nghị|Theo đó|Nơi nhận|QUYẾT ĐỊNH|Quyết định:"
    r"|Nhằm|Để\s|Trên cơ sở|Ngày\s+\d|Qua\s|Tiếp tục|Đồng thời|Ngoài ra|Bên cạnh|Trong đó|Sau khi"
    r"|\(\s*(?:Ban hành\s+)?[Kk]èm theo)"
)
_TERMINAL = re.compile(r"[.;:!?…]['\"”’)]*\s*$|\.\s*/\s*\.?\s*$")
# words a sentence cannot end on: the text goes on after them
_CONNECTORS = frozenset(
    "của và về cho với các những theo tại trong để được là có từ đến năm ngày tháng số thuộc hoặc cùng "
    "nhằm giữa trên dưới khi sau trước đối việc như bằng do vào ra gồm tới hướng phục cấp".split()
)
_RULE = re.compile(r"^\s*[-_=*~.—–]{3,}\s*$")
_LETTERS = re.compile(r"[^\W\d_]")


def is_upper(line: str) -> bool:
    """All letters upper case (two at least, or a short "I)"): a heading, a title or a header line."""
    letters = _LETTERS.findall(line)
    return (len(letters) >= 2 or (len(letters) == 1 and len(line.strip()) <= 4)) and all(c.isupper() for c in letters)


def wrap_width(lines: list[str]) -> int | None:
    """The width a text is hard-wrapped at, or None for a text of long lines.

    Hard-wrapped text has (almost) no line longer than its width, which is an
    e-mail's or a portal's 70-100 columns; a text of one paragraph per line has
    a good share of lines far longer than that. Table rows are left out.
    """
    lengths = sorted(len(x.strip()) for x in lines if len(x.strip()) > 20 and "\t" not in x and "|" not in x)
    if len(lengths) < 3:
        return None
    p95 = lengths[int(0.95 * (len(lengths) - 1))]
    return p95 if p95 <= 110 else None


_SO_LINE = re.compile(r"^(?:Số|SỐ)\s*:?\s*\S*[/-]")
_DATE_LINE = re.compile(r"^[^,]{2,40},\s*ngày\b.*\bnăm\s+\d{4}\b")
_TYPE_START = re.compile(r"^(?:KẾ HOẠCH|QUYẾT ĐỊNH|CHƯƠNG TRÌNH|NGHỊ QUYẾT|CHỈ THỊ|THÔNG BÁO|HƯỚNG DẪN|BÁO CÁO|"
                         r"PHƯƠNG ÁN|ĐỀ ÁN|TỜ TRÌNH)\b")


def is_break(a: str, b: str, width: int | None, a_first: bool = True) -> bool:
    """Does the line break between line `a` and the next line `b` end a paragraph?

    `a_first`: `a` opens its paragraph (a short first line is how some portals
    wrap an indented paragraph, not the end of one)."""
    a_s, b_s = a.strip(), b.strip()
    if not a_s or not b_s:
        return True
    if a_s.endswith("|") or b_s.startswith("|") or _RULE.match(a_s) or _RULE.match(b_s):
        return True
    if a_s == "*" or b_s == "*":
        return True  # the star under a party committee's name
    if re.fullmatch(r"(?:Số|SỐ)\s*:?", a_s):  # "Số:" / "3104/QĐ-UBND": one header field on two lines
        return False
    if re.match(r"^\d", b_s) and re.search(r"\d\s*[-–]$", a_s):  # "2016 -" / "2020": a range wrapped
        return False
    if re.match(r"^[-–]\s*\d{2,4}\b", b_s) and re.search(r"\d$", a_s):  # "2006" / "-2010": wrapped before its dash
        return False
    if is_upper(a_s) and len(b_s) <= 30 and re.search(r"\d", b_s) and not _LETTERS.search(b_s):
        return False  # "… GIAI ĐOẠN" / "2023 - 2025": a title's years wrapped onto a line of their own
    place_start = len(a_s.split()) <= 2 and a_s[:1].isupper() and not re.search(r"[.;:|]", a_s) and not is_upper(a_s)
    if place_start and _DATE_LINE.match(b_s):
        return False  # "Thái" / "Nguyên, ngày …": the place's name cut by a narrow cell
    if _SO_LINE.match(a_s) or _DATE_LINE.match(b_s) \
            or (_TYPE_START.match(b_s) and not MARKER.match(a_s)):
        return True  # the header's "Số" and date, the type line: fields of their own
    if re.match(r"^\w{1,5}\)", b_s) and a_s.count("(") > a_s.count(")"):
        return False  # "… (khóa" / "XII) về …": the parenthesis wrapped, not an item "XII)"
    if MARKER.match(b_s) and not (b_s.startswith(("-", "–")) and a_s[-1:].isdigit()):
        return True
    if b[:1].isspace() and not a[:1].isspace() and width is not None:  # an indented first line
        return True
    a_up, b_up = is_upper(a_s), is_upper(b_s)
    if a_up and b_up:
        return False  # title, heading or header lines over several lines: kept as lines of one block
    if a_up:
        return True  # a heading, then its text
    last = a_s.split()[-1].lower().strip(",;:")
    if b_up:  # a type line, a heading or a title after a line of text
        return last not in _CONNECTORS and not a_s.endswith(",")
    if OPENER.match(b_s) and last not in _CONNECTORS and not a_s.endswith(","):
        return True
    if b_s[:1].islower():
        return bool(_TERMINAL.search(a_s)) and width is None and not a_s.endswith(",")
    if a_s.endswith(",") or last in _CONNECTORS:
        return False
    if _TERMINAL.search(a_s):
        return True
    if width is None:
        return True
    # undecided in a hard-wrapped text: a line that stops before the next word would have fitted
    # ends its paragraph (unless it is a short first line), the rest wraps
    fits = len(a_s) + 1 + len(b_s.split()[0]) <= width
    return fits and (not a_first or bool(MARKER.match(a_s)))


def paragraphs(lines: list[str], width: int | None) -> list[list[int]]:
    """Group line indexes into paragraphs."""
    groups: list[list[int]] = []
    for i, line in enumerate(lines):
        if groups and not is_break(lines[groups[-1][-1]], line, width, len(groups[-1]) == 1):
            groups[-1].append(i)
        else:
            groups.append([i])
    return groups


def join(lines: list[str]) -> str:
    """A paragraph's text: wrapped lines joined by a space; upper-case lines (a title
    or a header column over several lines) stay lines, so their layout can be read."""
    out = lines[0].strip()
    for prev, line in zip(lines, lines[1:]):
        sep = "\n" if is_upper(prev) and is_upper(line) else " "
        out += sep + line.strip()
    return out
