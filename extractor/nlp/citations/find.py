"""Find citation candidates: type name, number/symbol, dates, issuer.

Vietnamese administrative writing cites a document as
"<Loại> [số] <số/ký hiệu> [ngày dd/mm/yyyy | ngày d tháng m năm y] [của <cơ quan>]",
lists several symbols after one type name ("các Quyết định số 12/QĐ-UBND,
13/QĐ-UBND"), and cites laws by name and date. Party symbols put the type
after the number (02-NQ/TU).
"""
from __future__ import annotations

import re
from dataclasses import dataclass, field

TYPE_WORDS = {
    "Thông tư liên tịch": "TTLT", "Văn bản hợp nhất": "VBHN", "Chương trình hành động": "CTr",
    "Nghị quyết": "NQ", "Nghị định": "NĐ", "Quyết định": "QĐ", "Chỉ thị": "CT", "Thông tư": "TT",
    "Kế hoạch": "KH", "Chương trình": "CTr", "Công văn": "CV", "Văn bản": "CV", "Hướng dẫn": "HD",
    "Thông báo": "TB", "Kết luận": "KL", "Công điện": "CĐ", "Đề án": "ĐA", "Quy định": "QyĐ",
    "Quy chế": "QC", "Báo cáo": "BC", "Tờ trình": "TTr", "Phương án": "PA", "Dự án": "DA",
    "Bộ luật": "BL", "Luật": "L", "Pháp lệnh": "PL", "Hiến pháp": "HP",
}
_TYPES = "|".join(sorted((re.escape(t) for t in TYPE_WORDS), key=len, reverse=True))
_TYPE_RE = re.compile(rf"(?<![\w])(?P<type>{_TYPES})(?![\w])", re.I)

# number/symbol; spaces and missing hyphens tolerated, repaired in resolve
CODE = (
    r"(?P<code>\d{1,5}[a-zA-Z]?\s*-\s*[A-ZĐ][A-Za-zĐđ]{0,4}\s*[/-]\s*[A-ZĐ][A-ZĐa-z]{0,8}"  # party: 02-NQ/TU
    r"|\d{1,5}[a-zA-Z]?(?:\s*/\s*(?:19|20)\d\d)?\s*/\s*[A-ZĐ][A-ZĐa-z]*(?:\s*[-–&]\s*[A-ZĐ][A-ZĐa-z&]*)*(?:\s[A-ZĐ]{2,}(?![a-zà-ỹ]))?"
    r"|\d{1,5}(?![/\d]))"  # short form: Quyết định số 765
)
_LEAD = re.compile(rf"\s*(?:số|Số)?\s*:?\s*{CODE}")
DATE = re.compile(
    r"(?:ngày|Ngày)?\s*(?P<d>\d{1,2})\s*(?:[/.-]\s*(?P<m>\d{1,2})\s*[/.-]|\s+tháng\s+(?P<m2>\d{1,2})\s+năm)\s*(?P<y>(?:19|20)\d\d)"
)
_NEXT_CODE = re.compile(rf"\s*(?:,|và|hoặc)\s*(?:số\s*)?{CODE}")
_LAW_NAME = re.compile(r"(?P<type>Bộ luật|Luật|Pháp lệnh|Hiến pháp)\s+(?P<name>[A-ZĐ][^,;.()\n]{2,80}?)\s+(?:(?:ngày|năm)\s)")


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


def find(text: str) -> list[Candidate]:
    """All citation candidates in `text`, with offsets into it."""
    out: list[Candidate] = []
    for m in _TYPE_RE.finditer(text):
        tw = m.group("type")
        cm = _LEAD.match(text, m.end())
        if not cm:
            law = _LAW_NAME.match(text, m.start())
            if law and tw[0].isupper():
                c = Candidate(law.group("type"), None, m.start(), law.end("name"), name=f"{law.group('type')} {law.group('name').strip()}")
                _attach_dates(text, c)
                if c.dates:
                    out.append(c)
            continue
        if "/" not in cm.group("code") and "-" not in cm.group("code"):
            if not (tw[0].isupper() and "số" in cm.group(0)):
                continue  # "báo cáo 6 tháng": a number, not a short form
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
    return out


_DATE_AT = re.compile(r"\s*,?\s*(?:ngày|Ngày)\s*" + DATE.pattern.replace("(?:ngày|Ngày)?\\s*", "", 1))


def _attach_dates(text: str, c: Candidate) -> None:
    """Dates right after the symbol ("ngày 10/05/2019 ngày 21/5/2019" keeps both)."""
    while True:
        dm = _DATE_AT.match(text, c.end)
        if not dm:
            break
        c.dates.append((dm.group("y"), dm.group("m") or dm.group("m2"), dm.group("d")))
        c.end = dm.end()
