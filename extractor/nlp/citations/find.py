"""Find citation candidates: type name, number/symbol, dates, issuer.

Vietnamese administrative writing cites a document as
"<Loại> [số] <số/ký hiệu> [ngày dd/mm/yyyy | ngày d tháng m năm y] [của <cơ quan>]",
lists several symbols after one type name ("các Quyết định số 12/QĐ-UBND,
13/QĐ-UBND"), and cites laws by name and date. Party symbols put the type
after the number (02-NQ/TU).
"""
from __future__ import annotations

import bisect
import itertools

import re
from dataclasses import dataclass, field

TYPE_WORDS = {
    "Thông tư liên tịch": "TTLT", "Thông báo kết luận": "TB", "Văn bản hợp nhất": "VBHN", "Chương trình hành động": "CTr",
    "Nghị quyết": "NQ", "Nghị định": "NĐ", "Quyết định": "QĐ", "Chỉ thị": "CT", "Thông tư": "TT",
    "Kế hoạch": "KH", "Chương trình": "CTr", "Công văn": "CV", "Văn bản": "CV", "Hướng dẫn": "HD",
    "Thông báo": "TB", "Kết luận": "KL", "Công điện": "CĐ", "Đề án": "ĐA", "Quy định": "QyĐ",
    "Quy chế": "QC", "Báo cáo": "BC", "Tờ trình": "TTr", "Phương án": "PA", "Dự án": "DA",
    "Bộ luật": "BL", "Luật": "L", "Pháp lệnh": "PL", "Hiến pháp": "HP",
}
_TYPES = "|".join(sorted((re.escape(t) for t in TYPE_WORDS), key=len, reverse=True))
_TYPE_RE = re.compile(rf"(?<![\w])(?P<type>{_TYPES})(?![\w])", re.I)

_PARTY_TYPES = "NQ|CT|KL|TB|KH|CTr|HD|BC|QĐ"
_PARTY_ISSUERS = "(?:TW|TU|HU|ĐU|QU|TĐ|BCS)"
_NO_NGAY = "(?!ng[aà]y)"
# number/symbol; spaces, missing hyphens and OCR-damaged digits tolerated, repaired in clean
_NUM = r"(?:\d[\dOoIl]{0,4}|[OoIl]\d[\dOoIl]{0,3})[a-z]?"
_YEAR = r"[12][\dOoIl]{3}"
CODE = (
    # party: 02-NQ/TU
    # (a space or nothing for its dash before a party type: "298 KH/TWĐTN", "20NQ/TW"; more issuer parts:
    # "183-KH/TWĐTN-TNNT"; a "ngày" glued after it is not part of it: "70-TB/TWngày")
    rf"(?P<code>{_NUM}(?:\s*-\s*|\s*(?=(?:{_PARTY_TYPES})\s*/\s*{_PARTY_ISSUERS}))[A-ZĐ][A-Za-zĐđ]{{0,4}}\s*[/-]\s*"
    rf"[A-ZĐ](?:{_NO_NGAY}[A-ZĐÀ-Ỹa-z]){{0,8}}(?:&[A-ZĐ]{{1,6}})?(?:-[A-ZĐ][A-ZĐ]{{1,8}}(?![\w/&]))*(?!{_NO_NGAY}[\w/&])"
    rf"|{_NUM}(?:\s*/\s*{_YEAR})?\s*/\s*[A-ZĐ](?:{_NO_NGAY}[A-ZĐa-z])*\d*(?:\s*[-–&]\s*[A-ZĐ][A-ZĐa-z&]*\d*)*(?:\s[A-ZĐ]{{2,}}(?![\wà-ỹ]))?"
    r"|\d{1,5}(?![/\d]))"  # short form: Quyết định số 765
)
# a page break inside a citation leaves the page number on a line of its own
_PAGE = r"(?:\s*\n[ \t]*(?:-[ \t]*)?\d{1,3}(?:[ \t]*-)?[ \t]*(?=\n))?"
_LEAD = re.compile(rf"{_PAGE}\s*(?:[sS][ốỐ])?{_PAGE}\s*:?\s*{CODE}")  # "sỐ": OCR's case slip
# "ngày" with its marks misread ("ngãy", "ngảy") still opens a date
_NGAY = r"(?:[Nn]g[aàáảãạăằắẳẵặâầấẩẫậ]y|NGÀY)"
DATE = re.compile(
    rf"(?:{_NGAY})?" r"\s*(?P<d>\d{1,2})\s*(?:[/.-]\s*(?P<m>\d{1,2})\s*[/.-]|\s+(?:tháng|THÁNG)\s+(?P<m2>\d{1,2})\s+(?:năm|NĂM))"
    r"\s*(?P<y>(?:19|20)\d\d)"
)
_NEXT_CODE = re.compile(rf"\s*(?:,|và|hoặc)\s*(?:số\s*)?{CODE}")
# "… được Quốc hội khóa XIII thông qua ngày 19/6/2015": the passage between a law's name and its date
_PASSED = (r"(?:\s*,?\s*(?:đã\s+)?được\s+Quốc hội(?:\s+(?:nước[^,;\n]{0,60}?|khóa\s+[XVILC]+))?(?:\s*,?\s*kỳ họp thứ\s+\w+)?"
           r"\s*,?\s+thông qua)")
# a date with no "ngày" before it ("… và Luật Viên chức 6/12/2019;"), taken after a law's name only
_BARE_DATE = r"\d{1,2}/\d{1,2}/(?:19|20)\d\d(?![\d/])"
# a law's name: capitalized ("Luật Thú y"), or an amending law ("Luật sửa đổi, bổ sung một số điều của Luật …");
# a comma goes on inside it before a lower-case word or an abbreviation ("Luật Ban hành VB QPPL của HĐND, UBND")
_LAW_NAME = re.compile(
    r"(?P<type>Bộ luật|Luật|Pháp lệnh|Hiến pháp)\s+"
    r"(?P<name>(?:[A-ZĐ]|s[ửữủứừụ]a đổi)(?:[^,;.()\n]|,\s(?=[a-zà-ỹđ]|[A-ZĐ]{2,}(?![\wà-ỹ])))+?)"
    r"(?:\s*\((?:sửa đổi|sửa đổi, bổ sung)\))?"  # "Luật Giao dịch điện tử (sửa đổi) ngày …": the name without it
    rf"(?={_PASSED}?\s+(?:ngày\s|năm\s(?:19|20)\d\d|số\s*\d|{_BARE_DATE}))"
    r"|(?P<type2>Hiến pháp)(?P<name2>\s+nước Cộng hòa xã hội chủ nghĩa Việt Nam)?(?=\s+năm\s(?:19|20)\d\d)"
)
# a law's name written in lower case ("Luật cán bộ, công chức ngày 13/11/2008", "Luật viên chức ngày …"): a few
# nouns and the date right after them; words that make a sentence of it ("Luật này có hiệu lực từ ngày …") stop it
_LOWER_WORD = r"(?!(?:này|đó|trên|có|được|đã|sẽ|quy|thi|hiệu|từ|về|theo|tại|của|trong|và|hoặc|cho|với|là)(?![\wà-ỹđ]))[a-zà-ỹđ]+"
_LAW_LOWER = re.compile(rf"(?P<type>Luật|Bộ luật)\s+(?P<name>{_LOWER_WORD}(?:(?:\s+|,\s+){_LOWER_WORD}){{0,5}})(?=\s+ngày\s)")
_PASSED_RE = re.compile(_PASSED)
_BARE_DATE_RE = re.compile(r"\s+(?P<d>\d{1,2})/(?P<m>\d{1,2})/(?P<y>(?:19|20)\d\d)(?![\d/])")
_LAW_TAIL = re.compile(rf"\s+số\s*{CODE}|\s+năm\s+(?P<year>(?:19|20)\d\d)(?![/\d])")
# one or two lower-case words that qualify the type before its number ("thẩm định", "liên tịch")
_QUALIFIER = re.compile(r"(?:[ \t]+[a-zà-ỹđ]{2,7}){1,2}(?=[ \t]+số\b)")
_BARE = re.compile(rf"(?<![\w])(?:số|Số|sỐ)\s*:?\s*{CODE}")
_ABBR_BEFORE = re.compile(r"(?<![\w])(?:QĐ|NQ|NĐ|CT|KH|TT|CV|VB|TB|HD)\s*$")
_BACK_REF = re.compile(r"\s+(?:nêu trên|trên|đã nêu|nói trên)(?![\w])")


@dataclass
class Candidate:
    type_word: str
    code_raw: str | None
    start: int
    end: int
    dates: list[tuple[str, str, str]] = field(default_factory=list)  # (y, m, d) as written
    issuer_text: str | None = None
    issuer_span: tuple[int, int] | None = None
    name: str | None = None
    in_list: bool = False
    list_org: tuple[int, int] | None = None  # "các Thông tư của Bộ NN và PTNT: …": the issuer a list head gives
    short: bool = False  # number only: points back to a full citation
    back_ref: bool = False  # "Kế hoạch nêu trên"


def find(text: str) -> list[Candidate]:
    """All citation candidates in `text`, with offsets into it.

    Short forms ("Quyết định số 765", "Nghị định 61") and back references
    ("Kế hoạch nêu trên") are candidates too; resolve keeps those that point
    back to a full citation.
    """
    out: list[Candidate] = []
    for m in _TYPE_RE.finditer(text):
        tw = m.group("type")
        if out and m.start() < out[-1].end and out[-1].name:
            continue  # "… của Luật Tổ chức Chính phủ" inside the amending law's name: part of its name
        is_law = tw[0].isupper() and tw in ("Bộ luật", "Luật", "Pháp lệnh", "Hiến pháp")
        law = (_LAW_NAME.match(text, m.start()) or _LAW_LOWER.match(text, m.start())) if is_law else None
        if law:
            out.extend(_law(text, law))
            continue
        cm = _LEAD.match(text, m.end())
        if not cm and tw[0].isupper():  # "Báo cáo thẩm định số 18/BCTĐ-STP", "Tờ trình đề nghị số …"
            q = _QUALIFIER.match(text, m.end())
            cm = _LEAD.match(text, q.end()) if q else None
            if cm and "/" not in cm.group("code"):
                cm = None
        if not cm:
            br = _BACK_REF.match(text, m.end())
            if br and tw[0].isupper():
                out.append(Candidate(tw, None, m.start(), br.end(), back_ref=True))
            continue
        if "/" not in cm.group("code") and "-" not in cm.group("code"):
            if not tw[0].isupper():
                continue  # "báo cáo 6 tháng": a number, not a short form
            out.append(Candidate(tw, cm.group("code"), m.start(), cm.end("code"), short=True))
            continue
        c = Candidate(tw, cm.group("code"), m.start(), cm.end("code"))
        _attach_dates(text, c)
        out.append(c)
        pos = c.end
        while True:  # lists sharing one type: "Quyết định số 12/QĐ-UBND, 13/QĐ-UBND và 14/QĐ-UBND"
            nm = _NEXT_CODE.match(text, pos)
            if not nm or "/" not in nm.group("code"):
                break
            n = Candidate(tw, nm.group("code"), nm.start("code"), nm.end("code"), in_list=True)
            _attach_dates(text, n)
            out.append(n)
            pos = n.end
    out += _bare(text, out)
    out.sort(key=lambda c: c.start)
    _list_heads(text, out)
    return out


# "Căn cứ các Quyết định của Thủ tướng Chính phủ: số 1400/QĐ-TTg …; Quyết định số 2080/QĐ-TTg …"
LIST_HEAD = re.compile(
    rf"(?<![\w])(?:các|những)\s+(?P<type>{_TYPES})\s*(?:(?:của|do)\s+(?P<org>[^:;\n]{{2,160}}?)\s*)?:", re.I)


def _list_heads(text: str, cands: list[Candidate]) -> None:
    """Items after a list head take its type (when they name none) and its issuer, up to the paragraph's end."""
    for m in LIST_HEAD.finditer(text):
        end = text.find("\n", m.end())
        end = len(text) if end < 0 else end
        head = TYPE_WORDS.get(_key(m.group("type")))
        for c in cands:
            if m.end() <= c.start < end and (not c.type_word or TYPE_WORDS.get(_key(c.type_word)) == head):
                if not c.type_word:
                    c.type_word = m.group("type")
                if m.group("org"):
                    c.list_org = (m.start("org"), m.end("org"))


def _key(word: str) -> str:
    for k in TYPE_WORDS:
        if k.lower() == word.lower():
            return k
    return word


# a document of another type joined to a law's name: the name stopped before it
_OTHER_DOC = re.compile(r"\s(?:và|hoặc|,)\s+(?:%s)$" % "|".join(
    sorted((re.escape(t) for t, c in TYPE_WORDS.items() if c not in ("L", "BL", "PL", "HP")), key=len, reverse=True)))


def _law(text: str, law: re.Match) -> list[Candidate]:
    """A law or code by name: "Luật Ngân sách nhà nước ngày 25/6/2015", "… số 83/2015/QH13", "… năm 2015"."""
    if "type2" in law.re.groupindex and law.group("type2"):  # "Hiến pháp năm 2013"
        name, end, typ = " ".join(law.group(0).split()), law.end(), "Hiến pháp"
    else:
        typ, end = law.group("type"), law.end()  # past a "(sửa đổi)" after the name
        name = f"{typ} {' '.join(law.group('name').split())}"
    if len(name) > 160 or _OTHER_DOC.search(name):
        return []  # "Luật Hộ tịch và Quyết định số 101/…": the number is the decision's, the law has none
    c = Candidate(typ, None, law.start(), end, name=name)
    passed = _PASSED_RE.match(text, c.end)
    if passed:
        c.end = passed.end()
    tail = _LAW_TAIL.match(text, c.end)
    if tail and tail.group("code"):
        c.code_raw, c.end = tail.group("code"), tail.end("code")
    _attach_dates(text, c)
    bare = None if c.dates else _BARE_DATE_RE.match(text, c.end)
    if bare:
        c.dates.append((bare.group("y"), bare.group("m"), bare.group("d")))
        c.end = bare.end()
    if not c.dates and tail and tail.group("year"):
        c.dates.append((tail.group("year"), "", ""))
        c.end = max(c.end, tail.end())
    return [c] if c.dates or c.code_raw else []


# between the code and its date: a comma, a page break, or a scan's specks (". . - ngày")
_DATE_AT = re.compile(_PAGE + rf"(?:\s*,?\s*{_NGAY}|(?:\s*[.,_~\-–]){{2,}}\s*ngày)" + _PAGE + r"\s*"
                      + DATE.pattern.replace(f"(?:{_NGAY})?\\s*", "", 1))


def dates_at(text: str, pos: int) -> tuple[list[tuple[str, str, str]], int]:
    """Dates written from `pos` on ("ngày 10/05/2019 ngày 21/5/2019" gives both) and where they end."""
    out = []
    while True:
        dm = _DATE_AT.match(text, pos)
        if not dm:
            return out, pos
        out.append((dm.group("y"), dm.group("m") or dm.group("m2"), dm.group("d")))
        pos = dm.end()


def _attach_dates(text: str, c: Candidate) -> None:
    found, c.end = dates_at(text, c.end)
    c.dates += found


def _bare(text: str, taken: list[Candidate]) -> list[Candidate]:
    """Symbols after "số" with no type name before them ("Thông báo kết luận số 12/TB-VPCP", "QĐ số 286/QĐ-UBND").

    Only symbols with a type part or an issuer the data tables know: the symbol alone must say it is one.
    """
    from .clean import known_issuer, repair_code, type_codes

    out = []
    spans = sorted((c.start, c.end) for c in taken)
    starts = [s for s, _ in spans]
    reach = list(itertools.accumulate((e for _, e in spans), max))  # the furthest end of the spans so far
    for m in _BARE.finditer(text):
        i = bisect.bisect_right(starts, m.start("code")) - 1
        if i >= 0 and reach[i] > m.start("code"):  # inside a citation already taken: by span, not by a scan
            continue
        if re.search(r"(?:^|\n)[ \t]*$", text[max(0, m.start() - 40):m.start()]):
            continue  # "Số: 42/KH-BCĐ389" opening a line is a document's own number (header)
        fixed = repair_code(m.group("code"))
        if fixed is None or "/" not in fixed[0]:
            continue
        last = fixed[0].split("/")[-1]
        if not (last.partition("-")[0] in type_codes() or "-" in fixed[0].split("/")[0] or known_issuer(last)):
            continue
        abbr = _ABBR_BEFORE.search(text, max(0, m.start() - 8), m.start())  # "QĐ số 286/QĐ-UBND"
        c = Candidate("", m.group("code"), abbr.start() if abbr else m.start(), m.end("code"))
        _attach_dates(text, c)
        out.append(c)
    return out
