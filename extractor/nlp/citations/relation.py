"""Is a citation the plan's ground (`basis`) or a passing `mention`? (SCHEMA §3 `relation`)

The grounds of a plan are what its preamble cites ("Căn cứ …;", "Thực hiện …",
"Theo đề nghị của … tại Tờ trình số …"), what a "Căn cứ pháp lý" section lists,
and what the body explicitly gives as grounds ("theo tinh thần Nghị quyết số …").
Everything else — "thực hiện theo quy định tại Thông tư …" for one activity,
"kết quả thực hiện Kế hoạch số …" — is a mention.
"""
from __future__ import annotations

import bisect

import re
from dataclasses import dataclass, field

from .find import LIST_HEAD, TYPE_WORDS

_BASIS_CUE = re.compile(r"(?:theo tinh thần|căn cứ(?: vào)?)\s*(?:các\s+)?$", re.I)
_HEAD_CUE = re.compile(r"(?:(?:theo|xét) đề nghị của\s+[^.;\n]{3,160}?\s+(?:tại|theo)|căn cứ(?: vào)?|thực hiện"
                       r"|triển khai(?: thực hiện)?|theo tinh thần|theo)(?![\w])", re.I)
# "Theo đề nghị của … tại Tờ trình số …": the proposal a decision rests on
PROPOSAL = re.compile(r"(?:theo|xét) đề nghị của\s+(?P<org>[^.;\n]{3,160}?)\s+(?:tại|theo)\s+$", re.I)
_BULLET = re.compile(r"\s*(?:[-+•*–]|\d+(?:\.\d+)*\.?|[a-zđ]\)|[IVX]+\.)?\s*")
_LIST_MARK = re.compile(r"[ \t]*[-+•*–][ \t]*")
_SENT_END = re.compile(r"\n|\t|\.(?=\s+[A-ZĐÀ-Ỹ\-+•]|\s*$)")
# what follows a cited document up to the next one: its title ("về …", "quy định chi tiết …", "phê duyệt …")
_TITLE_TAIL = re.compile(r"(?<![\w])(?:về|V/v|ban hành|phê duyệt|triển khai|quy định|hướng dẫn|sửa đổi|điều chỉnh|"
                         r"thành lập|công bố|thực hiện)(?![\w])[^;]*")
# between the documents a cue governs: separators, "và", "các", and the cue again ("…; Căn cứ Quyết định số …")
_CHAIN_GLUE = re.compile(r"[\s,;:]*(?:(?:và|các|cùng|hoặc|số|căn cứ(?: vào)?)(?![\w])[\s,;:]*)*", re.I)
# a page that reports its plan says what the plan implements: "… vừa ban hành Chương trình hành động thực hiện
# Nghị quyết số 57-NQ/TW", "Theo đó, Kế hoạch nhằm triển khai … tại Quyết định số 905/QĐ-BNV"
_PURPOSE_AFTER = re.compile(r"ban hành\s+(?:(?:kế hoạch|chương trình(?: hành động)?)\b[^.;()]{0,120}?)?\s*"
                            r"(?:nhằm\s+|để\s+)?(?:triển khai|thực hiện|cụ thể hóa)(?:\s+thực hiện)?\s*$", re.I)
_PURPOSE_SENTENCE = re.compile(r"(?:theo đó,?\s*)?(?:kế hoạch|chương trình(?: hành động)?)(?:\s+này)?\s+"
                               r"(?:nhằm|để|được ban hành (?:nhằm|để))\s+(?:triển khai|thực hiện|cụ thể hóa)", re.I)
_TYPES = "|".join(sorted((re.escape(t) for t in TYPE_WORDS), key=len, reverse=True))
_DOC_FIRST = re.compile(rf"(?:{_TYPES})(?![\w])", re.I)


@dataclass
class Grounds:
    """Where the plan states its grounds.

    `start`–`end` is the preamble: from the body's start to the first outline item;
    `end` is None when the text has no outline (a news page, an excerpt), and then
    only lists of documents and cue sentences are grounds. `sections` are the spans
    of "Căn cứ pháp lý" / "Căn cứ xây dựng kế hoạch" sections.
    """

    start: int = 0
    end: int | None = 0
    sections: list[tuple[int, int]] = field(default_factory=list)

    @classmethod
    def of(cls, preamble: "Grounds | tuple[int, int | None]") -> "Grounds":
        return preamble if isinstance(preamble, Grounds) else cls(preamble[0], preamble[1])


def sentence_bounds(text: str, start: int, end: int) -> tuple[int, int]:
    """The sentence (or table cell, or line) around text[start:end]."""
    a = max(text.rfind("\n", 0, start) + 1, start - 5000)  # a paragraph never starts mid-sentence in the flowed text
    for m in _SENT_END.finditer(text, a, start):
        a = m.end()
    stop = min(len(text), end + 5000)  # as far as a sentence reaches back: one with no end must not cost a scan of the text
    m = _SENT_END.search(text, end, stop)
    b = m.end() if m else stop
    return a, b


def relation(text: str, start: int, grounds: Grounds, earlier: list[tuple[int, int]]) -> str:
    """`basis` in the preamble or a grounds section, after "căn cứ"/"theo tinh thần",
    in a list of documents before any outline, or under a cue heading the sentence.

    A cue heads its sentence ("Thực hiện Quyết định số …; Kế hoạch số …, Sở …"):
    the citations it governs follow it with nothing but other citations and
    separators in between; "… kết quả thực hiện Kế hoạch số …" is a mention.
    """
    if grounds.end is not None and grounds.start <= start < grounds.end:
        return "basis"
    if any(a <= start < b for a, b in grounds.sections):
        return "basis"
    if grounds.end is None and start >= grounds.start and _listed(text, start):
        return "basis"
    if _BASIS_CUE.search(text[max(0, start - 40):start]) or PROPOSAL.search(text[max(0, start - 200):start]):
        return "basis"
    a, _ = sentence_bounds(text, start, start)
    lead = _BULLET.match(text, a)
    if grounds.end is None or start < grounds.end:  # before any outline: what the reported plan implements
        if _PURPOSE_SENTENCE.match(text, lead.end()) or _PURPOSE_AFTER.search(_blanked(text, a, start, earlier)):
            return "basis"
    cue = _HEAD_CUE.match(text, lead.end())
    if not cue or cue.end() > start:
        return "mention"
    rest = _TITLE_TAIL.sub(" ", LIST_HEAD.sub(" ", _blanked(text, cue.end(), start, earlier)))
    return "basis" if _CHAIN_GLUE.fullmatch(rest) else "mention"


def _blanked(text: str, a: int, b: int, earlier: list[tuple[int, int]]) -> str:
    """text[a:b] with the earlier citations in it blanked: they are part of the chain, not of the gap."""
    # `earlier` is in text order: look back from the last span starting before b, not over all of them
    # (a text of 20 000 citations made this quadratic); stop at a span ending before the gap.
    cover = []
    i = bisect.bisect_left(earlier, (b,))
    while i > 0:
        i -= 1
        s, e = earlier[i]
        if s < a and e <= a:
            break
        if max(s, a) < min(e, b):
            cover.append((max(s, a), min(e, b)))
    out, pos = [], a
    for lo, hi in sorted(cover):
        if hi > pos:
            lo = max(lo, pos)
            out += (text[pos:lo], " " * (hi - lo))
            pos = hi
    out.append(text[pos:b])
    return "".join(out)


def _listed(text: str, start: int) -> bool:
    """A list item that is a document ("- Luật An toàn thông tin mạng ngày 19/11/2015;"), as bases
    are listed under "Căn cứ:" (or with the cue line lost), with at least one such item beside it."""
    line_a = text.rfind("\n", 0, start) + 1
    mark = _LIST_MARK.match(text, line_a)
    if not mark or mark.end() != start:
        return False
    for nb in (_prev_line(text, line_a), _next_line(text, start)):
        if nb is not None:
            m = _LIST_MARK.match(text, nb)
            if m and _DOC_FIRST.match(text, m.end()):
                return True
    return False


def _prev_line(text: str, line_a: int) -> int | None:
    if line_a == 0:
        return None
    return text.rfind("\n", 0, line_a - 1) + 1


def _next_line(text: str, pos: int) -> int | None:
    nl = text.find("\n", pos)
    return None if nl < 0 else nl + 1


# "CĂN CỨ PHÁP LÝ", "Căn cứ xây dựng kế hoạch", "Cơ sở pháp lý"; not "Căn cứ thực tiễn" (the situation, not grounds)
GROUNDS_HEADING = re.compile(r"^\s*(?:căn cứ|cơ sở)(?!\s+thực tiễn)(?![\w])", re.I)
PRACTICAL_HEADING = re.compile(r"^\s*(?:căn cứ|cơ sở)\s+thực tiễn(?![\w])", re.I)
