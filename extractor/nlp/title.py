"""The type name and the title (trích yếu) under it, in every real layout.

Nghị định 30/2020 prints the type in capitals ("KẾ HOẠCH") with the title under
it, in capitals or not, over one or several lines, then the preamble. Real
texts also glue type and title on one line ("KẾ HOẠCH PHÁT TRIỂN …"), open the
title with the words that also open a preamble ("TRIỂN KHAI THỰC HIỆN …",
"Thực hiện …", "V/v …"), follow a decision's title with its authority line
("CHỦ TỊCH ỦY BAN NHÂN DÂN TỈNH …"), lose the type line (a site kept only the
title), or keep only the site's headline ("Kế hoạch Cải cách hành chính năm
2022"). Each form is read here; the header decides which one the page has.
"""
from __future__ import annotations

import re
from functools import lru_cache

from ..ingest.chrome_lines import is_chrome
from ..ingest.model import Block
from .header_zone import is_body_line, starts_as_body

# names of types that are printed as a type line (the longest first: "Chương trình hành động" before "Chương trình")
_EXTRA_TYPE_NAMES = {"chương trình hành động": "CTr"}
_AUTHORITY = re.compile(
    r"^(?:CHỦ TỊCH|GIÁM ĐỐC|BỘ TRƯỞNG|THỦ TƯỚNG|TRƯỞNG BAN|CHÁNH|TỔNG CỤC TRƯỞNG|CỤC TRƯỞNG|BAN THƯỜNG VỤ|"
    r"BAN CHẤP HÀNH|HỘI ĐỒNG NHÂN DÂN|ỦY BAN NHÂN DÂN|UỶ BAN NHÂN DÂN|UBND|HĐND|BAN CHỈ ĐẠO)\b"
)
_ATTACHED = re.compile(r"^\(?\s*(?:Ban hành\s+)?[Kk]èm theo\b")
_OPENERS = re.compile(r"^(?:Căn cứ|Thực hiện|Triển khai|Theo|Nhằm|Để|Trên cơ sở|Qua|Ngày\s+\d|Năm\s+\d|Xét)\b")
_MARKER = re.compile(r"^(?:[IVXL]+\s*[.)]|\d{1,2}(?:\.\d{1,2})*\s*[.)]?\s|[a-zđ]\)|[-+•])")
_YEAR = r"(?:19|20)\d{2}"


@lru_cache(maxsize=1)
def type_names() -> dict[str, str]:
    """Type name (lower case) → code, the longest names first."""
    from ..data import doc_type_entries

    names = {row["name"].lower(): row["code"] for row in reversed(doc_type_entries()) if row["kind"] != "normative"}
    names.update(_EXTRA_TYPE_NAMES)
    return dict(sorted(names.items(), key=lambda kv: -len(kv[0])))


def type_line(line: str) -> tuple[str, str, bool] | None:
    """'KẾ HOẠCH', 'KẾ HOẠCH LIÊN TỊCH', 'KẾ HOẠCH PHÁT TRIỂN …' → (code, title part, joint)."""
    line = line.strip()
    for name, code in type_names().items():
        up = name.upper()
        m = re.match(r"\s+".join(map(re.escape, up.split())) + r"(?=[\s:]|$)", line)  # "QUYẾT" / "ĐỊNH": split too
        if m:
            rest = line[m.end():].strip()
            joint = rest.startswith("LIÊN TỊCH")
            if joint:
                rest = rest[len("LIÊN TỊCH"):].strip()
            if rest.startswith(":"):
                return None  # "QUYẾT ĐỊNH:" opening the articles
            return code, rest, joint
    return None


_HEADLINE_VERB = re.compile(r"^(?:Triển khai|Thực hiện|Ban hành|Công bố|Về việc ban hành|Phê duyệt)\s+", re.I)


def by_verb(line: str) -> bool:
    """A headline that opens with what is done to a document ("Triển khai Đề án …", "Thực hiện Chương trình …")."""
    return bool(re.match(r"^(?:Triển khai|Thực hiện)\s", line))


def headline_type(line: str) -> tuple[str, str] | None:
    """A site's headline "Kế hoạch Cải cách hành chính năm 2022" → ("KH", "Cải cách hành chính năm 2022");
    "Triển khai Kế hoạch …" reports the plan by its name too."""
    issued = re.search(r"\b(?:đã\s+|vừa\s+)?ban hành\s+(?=(?:[Kk]ế hoạch|[Cc]hương trình|[Đđ]ề án|[Pp]hương án)\s)", line)
    if issued and not _HEADLINE_VERB.match(line):  # "UBND tỉnh Sóc Trăng ban hành Kế hoạch …"
        line = line[issued.end():]
    verb = _HEADLINE_VERB.match(line)
    core = line[verb.end():] if verb else line
    for name, code in type_names().items():
        for form in (name[:1].upper() + name[1:], name.upper(), name):
            if core.startswith(form + " ") and (not verb or form == name or form[0].isupper()):
                rest = core[len(form):].strip()
                return code, rest[:1].upper() + rest[1:]
    return None


def read_title(blocks: list[Block], i: int, rest: str, decision: bool) -> tuple[str | None, int, bool]:
    """The title under the type line of `blocks[i]` (whose own remaining lines are `rest`).

    Returns the title, the first block after it, and whether an "(Ban hành kèm
    theo …)" line follows it (a plan attached to a decision).
    """
    lines: list[str] = []
    attached = False
    for line in rest.split("\n"):
        if _stop_line(line, lines, decision):
            break
        lines.append(line.strip())
    j = i + 1
    if not lines:
        while j < len(blocks) and j < i + 6:
            b = blocks[j]
            if b.table is not None or not _title_block(b, lines, decision):
                break
            for line in b.text.split("\n"):
                if _stop_line(line, lines, decision):
                    break
                lines.append(line.strip())
            j += 1
            if not b.text.isupper() and not (j < len(blocks) and (blocks[j].text[:1].islower()
                                                                  or _wrapped_before_name(lines, blocks[j]))):
                break  # a title in lower case is one paragraph (its wrapped lines are joined)
    while lines and j < min(len(blocks), i + 6) and _goes_on(blocks[j]):
        lines += [x.strip() for x in blocks[j].text.split("\n") if x.strip()]  # OCR made each title line a block
        j += 1
    while j < len(blocks) and _ATTACHED.match(blocks[j].text.strip()):
        attached = True
        j += 1
    title = re.sub(r"\s+", " ", " ".join(x for x in lines if not _ATTACHED.match(x))).strip()
    title = _MISREAD_VE.sub("Về việc", title)
    return title or None, j, attached


# "Về việc" as OCR reads it in bold type: "và việc", "Vẻ việc", "Vệ việc"
_MISREAD_VE = re.compile(r"^(?:[vV](?:à|ẻ|ệ|ể|ê|e|è|é|ề|ế|ễ))\s+việc\b")


def _wrapped_before_name(lines: list[str], b: Block) -> bool:
    """A mixed-case title wrapped before a proper name ("… tiến tới Đại hội đại biểu" / "Đoàn TNCS Hồ Chí Minh
    thành phố …"): the line above stops inside a phrase (on a lower-case word: no stop, year or quote), and the
    next is a short capitalized line that goes on naming, not a sentence of the preamble."""
    t = b.text.strip()
    if not lines or b.table is not None or "\n" in t or len(t) > 160 or t.isupper() or not t[:1].isupper():
        return False
    if not re.search(r"[a-zà-ỹđ]$", lines[-1]) or _MARKER.match(t) or _OPENERS.match(t) or is_chrome(t):
        return False
    return not (re.search(r"[.;:!?]$", t) or re.search(r"\b(?:ban hành|xây dựng|như sau|triển khai|thực hiện)\b", t, re.I))


def _goes_on(b: Block) -> bool:
    """A block that carries on the title line above it: it opens in lower case."""
    t = b.text.strip()
    return b.table is None and b.ocr_conf is not None and t[:1].islower() and len(t) < 300 and not t.endswith(";")


def is_authority(line: str) -> bool:
    """Who decides, printed between a decision's title and its preamble ("CHỦ TỊCH ỦY BAN NHÂN DÂN TỈNH …",
    "ỦY BAN THƯỜNG VỤ QUỐC HỘI", "HỘI ĐỒNG NHÂN DÂN TỈNH … KHÓA XIII KỲ HỌP THỨ 7")."""
    t = line.strip()
    return t.isupper() and len(t) < 160 and (bool(_AUTHORITY.match(t)) or starts_as_body(t))


def _stop_line(line: str, lines: list[str], decision: bool) -> bool:
    t = line.strip()
    if not t or _ATTACHED.match(t):
        return True
    if re.fullmatch(r"[-_=*~.—–\s]+", t):
        return True
    return bool(lines) and decision and is_authority(t)


def _title_block(b: Block, lines: list[str], decision: bool) -> bool:
    t = b.text.strip()
    if not t or len(t) > 400 or _MARKER.match(t) or _ATTACHED.match(t):
        return False
    if decision and lines and is_authority(t.split("\n")[0]):
        return False
    if t.isupper():
        return True
    if lines:  # a mixed-case continuation after upper-case lines is the preamble
        return t[:1].islower() or _wrapped_before_name(lines, b)
    return not (_OPENERS.match(t) and (len(t) > 150 or re.search(r"[,;]\s*$|\bban hành\b", t))) and not t.endswith(".")


def page_title(b: Block) -> str | None:
    """An upper-case title printed under the header of a page that lost its type line."""
    t = b.text.strip()
    if b.table is not None or not t.isupper() or len(t) > 400 or _MARKER.match(t) or is_body_line(t.split("\n")[0]):
        return None
    if _AUTHORITY.match(t):
        return None
    lines: list[str] = []
    for line in t.split("\n"):
        if lines and is_authority(line):
            break  # a decision's authority under its title
        lines.append(line.strip())
    return re.sub(r"\s+", " ", " ".join(lines))


def headline(blocks: list[Block], before: int) -> tuple[str, int] | None:
    """A site's headline: the first line of the page (past the site's own lines), before the header
    or the body, in mixed case; and its block index."""
    k = next((i for i, b in enumerate(blocks[:3]) if not is_chrome(b.text)), None)
    if k is None or before <= k or not _headline_shape(blocks[k]):
        return None
    if k + 2 < min(len(blocks), before + 1) and _headline_shape(blocks[k + 1]) and len(blocks[k + 2].text) > 150:
        lead = blocks[k + 2].text
        second = _echo(blocks[k + 1].text, lead)
        if second >= 0.6 and second - _echo(blocks[k].text, lead) >= 0.3:
            k += 1  # a section's label above the headline: the lead repeats the headline, not the label
    return blocks[k].text.strip(), k


def _headline_shape(b: Block) -> bool:
    t = b.text.strip()
    if b.table is not None or "\n" in t or len(t) > 300 or t.endswith((".", ":", ";")) or t.isupper():
        return False
    if len(t.split()) < 4:
        return False  # a section label of the site ("Thị trường", "Hoạt động Đảng"), not a headline
    return not (_MARKER.match(t) or (_OPENERS.match(t) and not headline_type(t)))


def _echo(line: str, lead: str) -> float:
    """How much of a line's wording the lead paragraph repeats (share of its words found in the lead)."""
    words = [w for w in re.findall(r"[\wà-ỹđ]+", line.lower()) if len(w) > 1]
    said = set(re.findall(r"[\wà-ỹđ]+", lead.lower()))
    return sum(w in said for w in words) / len(words) if words else 0.0


_PLAN_TYPES = ("KH", "CTr", "PA", "ĐA")
_NAMES_A_PLAN = re.compile(r"\b(?:kế hoạch|chương trình|phương án|đề án)\b", re.I)


# a document named in quotes after its type: "Đề án “Tăng cường … giai đoạn 2017 - 2020”" (an event's name in
# quotes, "“Năm Du lịch quốc gia 2023”", may well be the plan's own year: kept)
_QUOTED = re.compile(r"\b(?:đề án|chương trình|chiến lược|quy hoạch|dự án|kế hoạch|nghị quyết|quyết định)\s*"
                     r"(?:“[^”]{3,200}”|\"[^\"]{3,200}\")")


def plan_year(title: str | None, date: str | None, doc_type: str | None = None) -> int | None:
    """The year the plan is for: the title's "năm YYYY", else the start of its period, else the
    latest year the title names (an anniversary), a horizon ("đến năm 2030"), a cited date and
    the name of a document in quotes ("Đề án “…”") aside; with no such year in the title, the date's.
    A document that neither is nor issues a plan (a decision awarding "năm 2010" titles, a
    Tờ trình on a "nhiệm kỳ 2021 - 2026") is for the year it is issued in."""
    if date and doc_type and doc_type not in _PLAN_TYPES and not _NAMES_A_PLAN.search(title or ""):
        return int(date[:4])
    if title:
        t = title.lower()
        if date:  # a document named in quotes has its own years ("Đề án “… giai đoạn 2017 - 2020”")
            t = _QUOTED.sub(" ", t)
        m = re.search(rf"(?<!đến )(?<!tới )năm\s+({_YEAR})\b", t)
        if m:
            return int(m.group(1))
        m = re.search(rf"(?:giai đoạn|nhiệm kỳ|thời kỳ|năm học|niên độ)\s*({_YEAR})\s*[-–]\s*(?:{_YEAR}|\d{{2}})\b", t)
        if m:
            return int(m.group(1))
        # a horizon ("đến năm 2030", "tầm nhìn 2045") ends the plan's period, a cited date
        # ("ngày 04/6/2019", "…/2019/NĐ-CP") is another document's: neither is the year it is for
        horizon = re.compile(r"(?:đến|tới|tầm nhìn(?: đến)?|định hướng(?: đến)?)\s+(?:năm\s+)?$")
        cited = re.compile(r"ngày\s+\d{1,2}\s*[/.-]\s*\d{1,2}\s*[/.-]\s*$|ngày\s+\d{1,2}\s+tháng\s+\d{1,2}\s+năm\s+$")
        years = [int(m.group(1)) for m in re.finditer(rf"(?<!\d)({_YEAR})(?![/\d])", t)
                 if not horizon.search(t[max(0, m.start() - 25):m.start()])
                 and not cited.search(t[max(0, m.start() - 25):m.start()])]
        if years:
            return max(years)
    if date:
        return int(date[:4])
    return None
