"""What a text says of its own plan when the header is not there.

A site that strips the header, and a news item that reports a plan, still say
who made it: "Ủy ban nhân dân tỉnh Cao Bằng ban hành Kế hoạch …" closes the
preamble of most plans; "Ngày 13/5/2011, Ủy ban nhân dân huyện ban hành Kế
hoạch số 42/KH-UBND về …" opens a report of one; "Theo đó, UBND tỉnh yêu cầu:"
introduces a digest of its tasks. The body that is the subject of such a
statement is the plan's issuer; the number and date the report gives are the
plan's own.
"""
from __future__ import annotations

import re
from dataclasses import dataclass

from .orgs import HEADS, find_orgs

_TYPES = (r"(?:[Kk]ế hoạch|KẾ HOẠCH|[Cc]hương trình(?: hành động)?|[Đđ]ề án|[Pp]hương án|[Hh]ướng dẫn"
          r"|[Cc]ông văn|[Vv]ăn bản)")
_DATE = (r"(?P<d>\d{1,2})\s*/\s*(?P<m>\d{1,2})\s*/\s*(?P<y>\d{4})"
         r"|ngày\s+(?P<d2>\d{1,2})\s+tháng\s+(?P<m2>\d{1,2})\s+năm\s+(?P<y2>\d{4})")
# "<body> (đã|vừa) ban hành Kế hoạch (số <code>) (ngày <date>)"
_ISSUES = re.compile(
    r"(?<!\s)\s+(?:(?:mới đây|vừa qua|gần đây|hôm nay)\s*,?\s*)?(?:đã\s+|vừa\s+|cũng\s+|mới\s+)*(?:tổ chức hội nghị\s+)?"
    r"(?:ban hành|xây dựng|triển khai|thống nhất(?: với [^,.;]{3,80}?)?|phê duyệt|có)\s+"
    rf"(?:(?:và\s+)?(?:ban hành\s+)?)(?P<type>{_TYPES})\b"
    rf"(?P<tail>(?:\s+(?:số|liên tịch))?\s*(?P<code>\d[\w.&]*(?:\s?[-/]\s?[\w.&]+)+)?(?:\s*,?\s*ngày\s+(?:{_DATE}))?)"
)
# "Theo đó, UBND tỉnh yêu cầu:", "Trong đó, Thường trực HĐND huyện đề nghị …"
_DIGEST = re.compile(r"^(?:Theo đó|Trong đó|Theo [Kk]ế hoạch|Kế hoạch (?:nêu rõ|yêu cầu))\s*,\s*(?P<rest>.{5,200})")
_DIGEST_VERB = re.compile(r"\s+(?:đã\s+|cũng\s+)*(?:yêu cầu|đề nghị|giao|chỉ đạo)\b")
# a body that speaks at the start of a clause, when no sentence says it issued the text: "UBND tỉnh có ý kiến
# như sau:", "Chủ tịch UBND tỉnh giao Sở …", "Văn phòng Bộ xin thông báo và đề nghị …"
_SPEAKS = re.compile(r"(?:^|(?<=[.;:])\s+)(?:(?:đồng chí\s+)?(?:Phó\s+)?"
                     r"(?:Chủ tịch|Giám đốc|Thủ trưởng|Chánh Văn phòng|Bí thư Thường trực|Bí thư)\s+)?"
                     r"(?P<org>[A-ZĐÀ-Ỹ][^.;:\n]{2,90}?)\s+(?:đã\s+|cũng\s+|xin thông báo và\s+)?"
                     r"(?:có ý kiến(?: chỉ đạo)?(?: như sau)?\s*:|yêu cầu\b|giao(?: cho)?\s+(?=[A-ZĐ]|các\b)|đề nghị\b)", re.M)
# "Kế hoạch do Phó Chủ tịch UBND tỉnh Lê Trường Sơn ký ban hành": the signer's body issues it
_SIGNED = re.compile(rf"{_TYPES}[^.;:\n]{{0,120}}?\bdo\s+(?P<by>[^.;:\n]{{3,120}}?)\s+ký(?:\s+ban hành)?\b")
_AS_FOLLOWS = re.compile(r"như sau|nội dung sau|cụ thể như|sau đây|(?<![\wà-ỹ])(?:số|ngày)\s+\d")
_GIVEN = re.compile(r"(?i:yêu cầu|đề nghị|giao|chỉ đạo)\s*:[^\n]*$")
_LEAD_DATE = re.compile(rf"(?:^|[\s(])(?:[Nn]gày\s+)?(?:{_DATE})\s*,+\s*$")
_PAREN = re.compile(r"\s*\([^()]{0,80}\)\s*$")


@dataclass
class Statement:
    """The plan's identity as the text states it."""

    issuer: str | None  # the body as the text names it ("Ủy ban nhân dân huyện")
    issuer_span: tuple[int, int] | None
    doc_type: str | None = None
    number: str | None = None
    code: str | None = None
    date: str | None = None
    span: tuple[int, int] | None = None


def stated(text: str, start: int = 0, end: int | None = None) -> Statement | None:
    """The statement in `text[start:end]` of who issues the plan: the first that gives its number
    (a headline that only names the body yields to the lead that gives number and date)."""
    found = list(_statements(text, start, end))
    return next((st for st in found if st.code), None) or next((st for st in found if st.date), None) or \
        _digest(text, start, end) or (found[0] if found else None) or _signed(text, start, end) or _speaker(text, start, end)


def _statements(text: str, start: int, end: int | None):
    seg = text[start:end]
    for m in _issues(seg):
        before = seg[max(0, m.start() - 300):m.start()]
        org = _subject(before)
        if org is None:
            continue
        name, a, b = org
        off = start + max(0, m.start() - 300)
        st = Statement(name, (off + a, off + b), span=(start + m.start(), start + m.end()))
        st.doc_type = _type_code(m.group("type"))
        code = m.group("code")
        if code and re.search(r"[/-]\s?[A-ZĐ]", code):
            st.code = re.sub(r"\s+", "", code.rstrip(".,;"))
            num = re.match(r"\d+", st.code)
            st.number = num.group(0) if num else None
        st.date = _iso(m) or _lead_date(before[:a])
        yield st


def _issues(seg: str):
    """The matches of `_ISSUES` that state an issue, not work given: "… yêu cầu: Ban Tuyên giáo Tỉnh ủy chủ động
    xây dựng kế hoạch …" follows an instruction, "Văn phòng Tỉnh ủy xây dựng kế hoạch đảm bảo …" (present tense, no
    number, no "như sau") is work to do."""
    for m in _ISSUES.finditer(seg):
        if _GIVEN.search(seg[max(0, m.start() - 300):m.start()]):
            continue
        follows = _AS_FOLLOWS.search(seg[m.end():m.end() + 400].split("\n")[0])
        if re.match(r"\s+(?:xây dựng|triển khai)\s", m.group(0)) and not follows:
            continue
        yield m


def _digest(text: str, start: int, end: int | None) -> Statement | None:
    seg = text[start:end]
    for line_start, line in _lines(seg):
        m = _DIGEST.match(line)
        if not m:
            continue
        rest = m.group("rest")
        v = _DIGEST_VERB.search(rest)
        if not v:
            continue
        org = _subject(rest[:v.start()])
        if org:
            name, a, b = org
            off = start + line_start + m.start("rest")
            return Statement(name, (off + a, off + b))
    return None


def _signed(text: str, start: int, end: int | None) -> Statement | None:
    seg = text[start:end]
    m = _SIGNED.search(seg)
    if not m:
        return None
    orgs = [o for o in find_orgs(m.group("by"), start + m.start("by")) if not o.group]
    return Statement(orgs[-1].text, (orgs[-1].start, orgs[-1].end), doc_type=_type_code(m.group(0).split()[0])) if orgs else None


def _speaker(text: str, start: int, end: int | None) -> Statement | None:
    """The first body that gives work as the subject of a clause ("UBND tỉnh giao …"): a text that reports
    an instruction and never says it issued one. A group ("UBND các huyện") never speaks for the text."""
    seg = text[start:end]
    for m in _SPEAKS.finditer(seg):
        org = _subject(m.group("org"))
        if org is None:
            continue
        name, a, b = org
        off = start + m.start("org")
        return Statement(name, (off + a, off + b))
    return None


_HEAD_AT = re.compile(r"(?<![\wà-ỹ])(?:" + "|".join(sorted(map(re.escape, HEADS), key=len, reverse=True)) + r")(?![\wà-ỹ])",
                      re.I)  # "Tỉnh Ủy" as some sites write it
# what may stand inside a name up to the verb: words, field lists "Văn hóa, Thể thao và Du lịch", no digits or quotes
_NOT_IN_NAME = re.compile(r"(?<![\wà-ỹ])(?:về|việc|của|theo|tại|để|đã|sẽ|đang|vừa|xin thông báo|được|nhằm|cho|chủ trì|"
                          r"chủ động|phối hợp|giao)"
                          r"(?![\wà-ỹ])")
# (a disease's code may stand in a name: "Ban Chỉ đạo phòng, chống dịch COVID-19 tỉnh")
_NAME_TAIL = re.compile(r"^(?:[A-Z][A-Z0-9]+\s?-\s?\d{1,2}(?![\w])|[A-Z]+\d[A-Z\d]*(?![\w])|[^\W\d_][\w’'&-]*+"
                        r"|,(?=\s+(?:[A-ZĐ]|chống\b))|\s++)*$")


def _subject(before: str) -> tuple[str, int, int] | None:
    """The body named right before the verb: "Ban Chỉ đạo … (sau đây gọi tắt là Ban Chỉ đạo)" counts."""
    trimmed = _PAREN.sub("", before).rstrip(" ,")
    found = None
    orgs = find_orgs(trimmed)
    if orgs and not trimmed[orgs[-1].end:].strip(" ,") and not orgs[-1].group:
        found = (orgs[-1].start, orgs[-1].end)
    for m in _HEAD_AT.finditer(trimmed):  # a name the org grammar does not know: head noun … verb
        tail = trimmed[m.start():]
        if len(tail.split()) <= 14 and _NAME_TAIL.match(tail) and m.group(0)[:1].isupper() \
                and not _NOT_IN_NAME.search(tail):
            if found is None or (m.start() < found[0] and "," not in trimmed[m.start():found[0]]):
                found = (m.start(), len(trimmed))  # the grammar missed the name, or cut it short
            break
    if found is None:
        return None
    a, b = found
    if re.search(r"\bcủa\s*$", trimmed[:a]):
        return None  # "… của UBND tỉnh ban hành Kế hoạch …": the issuer of a cited document
    return trimmed[a:b], a, b


def _lines(seg: str) -> list[tuple[int, str]]:
    out, pos = [], 0
    for line in seg.split("\n"):
        out.append((pos, line))
        pos += len(line) + 1
    return out


def _type_code(word: str) -> str:
    from .title import type_names

    if word.lower() in ("công văn", "văn bản"):
        return "CV"
    return type_names().get(word.lower(), "KH")


def _iso(m: re.Match) -> str | None:
    d, mo, y = m.group("d") or m.group("d2"), m.group("m") or m.group("m2"), m.group("y") or m.group("y2")
    if not y:
        return None
    return f"{y}-{int(mo):02d}-{int(d):02d}"


def _lead_date(before: str) -> str | None:
    """"Ngày 24/8/2018, UBND huyện ban hành …": the date that opens the sentence."""
    m = _LEAD_DATE.search(before)
    return _iso(m) if m else None


def statement_end(text: str) -> int | None:
    """Where the sentence that states the plan's issue ends ("… đã ban hành Kế hoạch số 107/KH-HĐND …. Theo đó,
    …"): what follows it is the plan's content, what precedes it its grounds and its issuer."""
    for m in _issues(text):
        if _subject(text[max(0, m.start() - 300):m.start()]) is None:
            continue
        if re.match(r"\s*,?\s*(?:yêu cầu|đề nghị|giao|chỉ đạo)\s", text[m.end():]):
            return m.end()  # "… đã có Công văn số 3015/UBND-TN ngày 23/8/2018 yêu cầu …:": the instruction is the content
        stop = re.compile(r"\.(?=\s+[A-ZĐÀ-Ỹ])|:\s|$").search(text, m.end())
        return stop.end() if stop else len(text)
    return None
