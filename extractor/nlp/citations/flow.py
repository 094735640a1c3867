"""The text as a reader runs through it: soft line breaks read as spaces, offsets kept.

Legal portals hard-wrap plans at ~80 columns, mid-citation ("Quyết định số
476/QĐ-BNN-TY ngày\n17/02/2016", "Ban Chấp\nhành Trung ương"), and some dumps carry
literal "\\r\\n" escapes where the page had line breaks. Citation rules treat a line
end as the end of a clause, so such breaks are turned into spaces first. Every
replacement keeps the length, so offsets into the flowed text are offsets into
the source and verbatim `text` fields are sliced from the original.
"""
from __future__ import annotations

import re

from ...normalize import all_caps

_ESCAPES = re.compile(r"(?:\\r|\\n|\\t)+")
# a line that opens an outline item, a list item, a table row or an article: a hard break before it
_OPENS_ITEM = re.compile(
    r"[ \t]*(?:[-+•*–—|]|\d{1,2}(?:\.\d{1,2})*\s*[.)]?\s+(?=\D)|\d{1,2}(?:\.\d{1,2})*[.)](?=[A-ZĐÀ-Ỹ])"
    r"|[a-zđ][).]\s|[IVXLC]+[.)]\s|Điều\s+\d|Phần\s)")
# a line that opens a paragraph of the preamble ("Căn cứ …", "Theo đề nghị …")
_OPENS_CUE = re.compile(r"[ \t]*(?:Căn cứ|Thực hiện|Triển khai|Theo|Xét|Để|Nhằm)(?![\w])")
_LOWER = re.compile(r"[ \t]*[a-zà-ỹđ0-9]")


def flow(text: str) -> str:
    """`text` with literal escapes and soft line breaks as spaces, same length.

    A break is soft when the next line goes on in lower case (or with a number
    that is not an item's) — no paragraph, item or heading starts so; when the
    line above ends in a word nothing ends with ("của", "và"), or, in a
    hard-wrapped text, without punctuation, and the next line does not open an
    item, a cue paragraph or an upper-case heading. A text is hard-wrapped when a good share of its long lines
    run on into a lower-case next line.
    """
    text = _ESCAPES.sub(lambda m: " " * len(m.group(0)), text)
    breaks = [m.start() for m in re.finditer(r"\n", text)]
    soft = {i for i in breaks if _continues(text, i)}
    # header lines are short, wrapped ones are not
    long_ends = [i for i in breaks if i - (text.rfind("\n", 0, i) + 1) >= 40]
    wrapped = len(soft) >= 3 and len(soft & set(long_ends)) >= 0.3 * len(long_ends)
    soft |= {i for i in breaks if _wraps(text, i, wrapped)}
    if not soft:
        return text
    chars = list(text)
    for i in soft:
        chars[i] = " "
    return "".join(chars)


def _continues(text: str, i: int) -> bool:
    nxt = text[i + 1:i + 40]
    if not _LOWER.match(nxt) or _OPENS_ITEM.match(nxt):
        return False
    prev = text[text.rfind("\n", 0, i) + 1:i].rstrip()
    return bool(prev) and prev[-1] not in ".;:!?|"


# words no sentence, heading or name ends with: a line that ends so runs on into the next
_OPEN_WORDS = ("và", "của", "các", "tại", "với", "cho", "số", "ngày", "về", "theo", "do", "trong", "là", "được", "những",
               "hoặc", "đến", "từ")
_OPEN_END = re.compile(rf"(?<![\w])(?:{'|'.join(_OPEN_WORDS)})$")
_OPEN_LONGEST = max(map(len, _OPEN_WORDS))  # a match starts no further back than this from the line's end


def _wraps(text: str, i: int, wrapped: bool) -> bool:
    line_start = text.rfind("\n", 0, i) + 1
    prev = text[line_start:i].rstrip()
    if not wrapped and not _OPEN_END.search(prev, max(0, len(prev) - _OPEN_LONGEST)):
        return False
    nxt_end = text.find("\n", i + 1)
    nxt = text[i + 1:nxt_end if nxt_end >= 0 else len(text)]
    if not prev or not prev[-1].isalnum() or not nxt.strip():
        return False
    if _OPENS_ITEM.match(nxt) or _OPENS_CUE.match(nxt) or (_OPENS_ITEM.match(prev) and len(prev) < 60):
        return False  # an item, a cue paragraph, or the paragraph under a short heading
    if all_caps(nxt):  # an upper-case heading or title line
        return False
    return not all_caps(prev)
