"""Quantified targets (chỉ tiêu, SCHEMA §6b): what a plan commits to in numbers.

Researchers follow targets across years ("98% hồ sơ đúng hạn" in 2023, "99%" in
2024), so each target keeps its indicator, value as written, unit, comparator and
due year, and where it stands (section path, task id, character span).

What counts as a target, the annotation rule the corpus gold follows:
- a percentage of something ("100% cán bộ … được tập huấn", "Tỷ lệ … đạt 98%");
- a count of a known kind of thing (tin, bài, lớp, lượt, cơ quan, xã …) that the text
  bounds ("ít nhất", "tối thiểu", "đạt", "phấn đấu") or gives as a rate ("02 tin, bài/tháng",
  "01 lần mỗi quý"); a bare count ("sản xuất 06 phóng sự") is an activity, not a target.
Money, dates, codes and counts of what exists are not targets.
"""
from __future__ import annotations

import re
from dataclasses import dataclass

from spacy.language import Language

from ..records import Provenance, Target

# the things plans count; longest first so "tin, bài" wins over "tin"
COUNTERS = sorted([
    "tin, bài", "tin bài", "tin", "bài", "bài viết", "lớp", "buổi", "cuộc", "lần", "lượt", "đợt", "hội nghị",
    "chuyên mục", "chuyên đề", "phóng sự", "tài liệu", "ấn phẩm", "tờ rơi", "pa nô", "băng rôn", "cơ quan, đơn vị",
    "cơ quan", "đơn vị", "xã", "phường", "thôn", "trường", "người", "cán bộ", "hộ", "mô hình", "sản phẩm", "văn bản",
], key=len, reverse=True)
_COUNTER = "|".join(re.escape(c) for c in COUNTERS)
_NUM = r"\d{1,3}(?:\.\d{3})+|\d+(?:,\d+)?"
_GE = r"ít nhất|tối thiểu|không ít hơn|không dưới|không thấp hơn|đạt trên|đạt|trên|phấn đấu(?: đạt)?|từ"
_LE = r"không quá|không vượt quá|tối đa|dưới"
_CMP = rf"(?:(?P<cmp>{_GE}|{_LE})\s+)?"
_PERIOD = {"ngày": "ngày", "tuần": "tuần", "tháng": "tháng", "quý": "quý", "năm": "năm"}
PCT = re.compile(rf"(?<![\w/.,]){_CMP}(?P<val>{_NUM})\s?%", re.I)
COUNT = re.compile(rf"(?<![\w/.,]){_CMP}(?P<val>{_NUM})\s+(?P<unit>{_COUNTER})(?!\w)"
                   rf"(?:\s*/\s*(?P<per>ngày|tuần|tháng|quý|năm)(?!\w))?", re.I)
RATE = re.compile(r"\b(?:mỗi|hàng|hằng)\s+(ngày|tuần|tháng|quý|năm)\b|\b(?:01|1|một)\s+lần\s*/\s*(tuần|tháng|quý|năm)\b", re.I)
BY = re.compile(r"\b(?:vào|đến|trước|trong)?\s*(?:cuối\s+)?năm\s+(20\d\d)\b", re.I)
QUARTER = re.compile(r"\b(?:trong|trước|hết|cuối)\s+quý\s+(I{1,3}|IV)(?:/(20\d\d))?\b")
_QEND = {"I": "03-31", "II": "06-30", "III": "09-30", "IV": "12-31"}
_TRAIL = re.compile(r"[\s,;:.]*(?:(?:vào|đến|trong|trước)\s+)?(?:(?:cuối|đầu)\s+)?(?:năm\s+20\d\d|quý\s+[IV]+(?:/20\d\d)?)"
                    r"[\s.;,]*$|[\s,;:.]*trở lên[\s.;,]*$", re.I)
_LEAD = re.compile(r"^\s*(?:[-+•*]\s*|\d+(?:\.\d+)*[.)]\s+|[a-zđ]\)\s+)")
_MONEY = re.compile(r"^\s*(?:đồng|triệu|tỷ|nghìn|ngàn|USD)\b", re.I)
# "đạt 191% kế hoạch", "bằng 146% so với cùng kỳ": a result measured against a plan, not a target
_RESULT = re.compile(r"^\s*(?:kế hoạch|chỉ tiêu|dự toán|so với|cùng kỳ)\b", re.I)
# where the measured thing begins inside a long clause ("…, góp phần hoàn thành mục tiêu tỷ trọng chăn nuôi đạt …")
_MEASURE = re.compile(r"\b(?:tỷ lệ|tỷ trọng|tốc độ tăng|mức độ hài lòng|chỉ số)\b", re.I)
_YEAR_LEAD = re.compile(r"^\s*(?:(?:đến|trong|vào)\s+)?(?:cuối\s+)?năm\s+20\d\d\s*[:,]?\s*", re.I)
# a clause ends at ";", at a sentence end, at a tab (a table cell) or a line break
_CLAUSE = re.compile(r"[^;\t\n]+?(?:(?<!\d)\.|\.(?!\d)|;|\t|\n|$)")


@dataclass
class _Hit:
    start: int  # in the clause
    end: int
    value: str
    unit: str
    comparator: str


def _comparator(word: str | None) -> str:
    if not word:
        return "="
    return "<=" if re.fullmatch(_LE, word.lower()) else ">="


def _hits(clause: str) -> list[_Hit]:
    """The targets of one clause, in order: percentages, then bounded or rated counts."""
    hits = [_Hit(m.start(), m.end(), m.group("val"), "%", _comparator(m.group("cmp"))) for m in PCT.finditer(clause)
            if not _RESULT.match(clause[m.end():])] if "%" in clause else []  # PCT ends in a "%"
    rate = RATE.search(clause)
    counts = []
    for m in COUNT.finditer(clause):
        if any(h.start <= m.start() < h.end for h in hits) or _MONEY.match(clause[m.end():]):
            continue
        per = m.group("per") or (rate and (rate.group(1) or rate.group(2)))
        unit = m.group("unit") + (f"/{_PERIOD[per.lower()]}" if per else "")
        joined = counts and re.fullmatch(r"[\s,]*(?:và|,)\s*", clause[counts[-1].end:m.start()])
        if m.group("cmp") or per or joined:
            cmp = _comparator(m.group("cmp")) if m.group("cmp") else (counts[-1].comparator if joined else "=")
            counts.append(_Hit(m.start(), m.end(), m.group("val"), unit, cmp))
    out = sorted(hits + counts, key=lambda h: h.start)
    for a, b in zip(out, out[1:]):  # "phấn đấu 92% …, 85% …": one bound for the list
        if b.comparator == "=" and not re.match(rf"\s*(?:{_GE}|{_LE})", clause[b.start:], re.I):
            b.comparator = a.comparator
    return out


def _clean(s: str) -> str:
    s = _YEAR_LEAD.sub("", _LEAD.sub("", s))
    for _ in range(2):
        s = _TRAIL.sub("", s)
    s = re.sub(rf"^\s*(?:{_GE}|{_LE}|bảo đảm|đảm bảo)\s+", "", s, flags=re.I)
    s = re.sub(r"\s+", " ", s).strip(" ,;:.-")
    return s[:1].upper() + s[1:] if s else s


def _indicator(clause: str, hits: list[_Hit], i: int) -> str:
    """What the i-th value measures: the clause without its values (and their bounds), each value
    with its own stretch when one clause sets several ("92% hộ gia đình …, 85% thôn …")."""
    h = hits[i]
    prefix = clause[:hits[0].start]
    m = next(reversed(list(_MEASURE.finditer(prefix))), None)  # the last measure word before the values
    if m is not None and m.start() > 0:  # the measured thing, not the clause's preamble
        prefix = prefix[m.start():]
    stop = len(clause)
    if i + 1 < len(hits):
        nxt = hits[i + 1].start
        cut = max(clause.rfind(",", h.end, nxt), clause.rfind(" và ", h.end, nxt))
        stop = cut if cut >= h.end else nxt
    tail = re.sub(r"^\d{1,2}(?=[\s;,.]|$)", "", clause[h.end:stop])  # a footnote mark after "24%"
    if h.unit != "%":  # the counted thing stays in the indicator ("… tin, bài về CCHC"), a bare "lần" does not
        thing = h.unit.split("/")[0]
        tail = ("" if thing == "lần" else thing) + tail
    text = re.sub(r"\s*(?:đạt|là|ở mức|có)\s*$", "", prefix.rstrip()) + " " + tail.strip()
    text = re.sub(r"(?:\s*,)+\s*,", ",", RATE.sub("", text))
    return _clean(text)


def _by(clause: str, hits: list[_Hit], h: _Hit, year: int | None) -> str | None:
    """The year ("vào cuối năm 2025") or the quarter's last day ("trong quý III" of the plan's year)."""
    m = BY.search(clause, h.end) or BY.search(clause[:hits[0].start])
    if m:
        return m.group(1)
    q = QUARTER.search(clause, h.end)
    y = (q.group(2) or year) if q else None
    return f"{y}-{_QEND[q.group(1)]}" if q and y else None


def find_targets(text: str, start: int, end: int, path: str, year: int | None = None) -> list[Target]:
    """Targets in `text[start:end]` (the plan's body), with provenance into `text`; `year` is the plan's."""
    out: list[Target] = []
    carry = None  # "Đến năm 2025: A dưới 24%; B dưới 15%": the year holds for the list, up to the sentence's end
    for m in _CLAUSE.finditer(text, start, end):
        clause = m.group(0)
        lead = _YEAR_LEAD.match(_LEAD.sub("", clause))
        if lead:
            carry = re.search(r"20\d\d", lead.group(0)).group(0)
        if not re.search(r"\d", clause):
            carry = carry if clause.endswith(";") else None
            continue
        hits = _hits(clause)
        for i, h in enumerate(hits):
            by = _by(clause, hits, h, year) or carry
            ind = _indicator(clause, hits, i)
            if not ind:
                continue
            a = m.start() + len(clause) - len(clause.lstrip())
            out.append(Target(ind, h.value, h.unit, h.comparator, by,
                              _LEAD.sub("", clause.strip().rstrip(";.\t")),
                              prov=Provenance(path, a, m.start() + len(clause.rstrip(" ;.\t\n")))))
        if not clause.endswith(";"):
            carry = None
    return out


REVIEW = "danh_gia"  # "Đánh giá kết quả năm trước": the numbers there are results


def link(targets: list[Target], sections: list[tuple[int, str, list[str]]],
         tasks: list[tuple[int, int, str]]) -> list[Target]:
    """Give each target the outline path it sits under and the task whose text holds it; drop the
    numbers of a section (or its parent) that reviews past results."""
    review = {p for _, p, labels in sections if REVIEW in labels}
    out = []
    for t in targets:
        pos = t.prov.start if t.prov and t.prov.start is not None else -1
        t.section = next((p for a, p, _ in reversed(sections) if a <= pos), None)
        t.task = next((tid for a, e, tid in tasks if a <= pos < e), None)
        path = t.section or ""
        if any(path == r or path.startswith(r + ".") for r in review):
            continue
        out.append(t)
    return out


@Language.component("kh_targets", requires=["doc._.header"], assigns=["doc.spans"])
def targets_component(doc):
    """Targets of the body and appendices, linked to sections and tasks.

    It needs only the header (where the body is); the outline and tasks, when their
    components ran, give each target its section and task.
    """
    src, h = doc._.source, doc._.header
    if doc._.records is None:
        doc._.records = {}
    blocks = src.blocks
    a = blocks[h.body_start].start if h.body_start < len(blocks) else 0
    e = blocks[h.body_end - 1].end if h.body_end else 0
    ranges = [(a, e)]
    if h.appendix_start is not None and h.appendix_start < len(blocks):
        ranges.append((max(e, blocks[h.appendix_start].start), len(src.text)))
    found = [t for s, f in ranges if f > s for t in find_targets(src.text, s, f, src.path, h.info.plan_year)]
    sections = [(blocks[it.block].start, it.path, list(it.labels)) for it in (doc._.outline or [])]
    tasks = [(t.prov.start, t.prov.end, t.id) for t in doc._.records.get("tasks", [])
             if t.prov is not None and t.prov.start is not None and t.prov.end is not None]
    found = link(found, sections, tasks)
    doc._.records["targets"] = found
    doc.spans["targets"] = [sp for t in found if (sp := doc.char_span(t.prov.start, t.prov.end, label="target",
                                                                       alignment_mode="expand")) is not None]
    return doc
