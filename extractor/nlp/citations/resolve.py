"""Turn candidates into citations: normalized code, issuer, one entry per document.

Short forms ("Quyết định số 765", "Nghị định 61") point back to a full
citation and count as its mentions; the plan's own number is not a citation;
a citation in the preamble or behind "theo tinh thần"/"căn cứ" is the plan's
basis, anything else a mention.
"""
from __future__ import annotations

import re
from dataclasses import dataclass, field

from ...records import Citation, Provenance
from ..names import PlanContext, normalize_name
from ..orgs import find_orgs
from .clean import repair_code, same_symbol, type_codes
from .find import TYPE_WORDS, Candidate, dates_at

_BASIS_CUE = re.compile(r"(?:theo tinh thần|căn cứ(?: vào)?)\s*(?:các\s+)?$", re.I)
_HEAD_CUE = re.compile(r"(?:căn cứ(?: vào)?|thực hiện|triển khai(?: thực hiện)?|theo tinh thần|theo)(?![\w])", re.I)
# "Theo đề nghị của Giám đốc Sở … tại Tờ trình số …": the proposal a decision rests on
_PROPOSAL = re.compile(r"theo đề nghị của\s+(?P<org>[^.;\n]{3,160}?)\s+(?:tại|theo)\s+$", re.I)
_ISSUER_LEAD = re.compile(r"\s*,?\s*(?:của|do)\s+")
_BULLET = re.compile(r"\s*(?:[-+•*–]|\d+(?:\.\d+)*\.?|[a-zđ]\)|[IVX]+\.)?\s*")
_SENT_END = re.compile(r"\n|\t|\.(?=\s+[A-ZĐÀ-Ỹ\-+•]|\s*$)")


@dataclass
class Resolved:
    cit: Citation
    spans: list[tuple[int, int]] = field(default_factory=list)  # every mention, first one first
    raw_codes: list[str] = field(default_factory=list)
    type_word: str | None = None  # the type named in words at the first mention
    named_issuer: str | None = None  # the issuer the text names ("của UBND tỉnh"), if any
    back_refs: list[tuple[int, int]] = field(default_factory=list)  # "Kế hoạch nêu trên"


def normalize_code(raw: str) -> tuple[str, bool]:
    """(normalized số/ký hiệu, whether the written form was malformed)."""
    fixed = repair_code(raw)
    if fixed is not None:
        return fixed
    return re.sub(r"\s+", "", re.sub(r"\s*([/-])\s*", r"\1", raw.strip())), False


def code_parts(code: str) -> tuple[str | None, str | None, str | None]:
    """(number, type part, issuer part) of a normalized code."""
    m = re.fullmatch(r"(\d+[a-zA-Z]?)-([A-Za-zĐđ]+)/(.+)", code)
    if m:
        return m.group(1), m.group(2), m.group(3)
    parts = code.split("/")
    num = parts[0] or None
    last = parts[-1] if len(parts) > 1 else ""
    if "-" in last:
        t, _, iss = last.partition("-")
        if t in type_codes():
            return num, t, iss
        return num, None, last
    return num, None, last or None


def sentence_bounds(text: str, start: int, end: int) -> tuple[int, int]:
    """The sentence (or table cell, or line) around text[start:end]."""
    a = 0
    for m in _SENT_END.finditer(text, max(0, start - 600), start):
        a = m.end()
    m = _SENT_END.search(text, end)
    b = m.end() if m else len(text)
    return a, b


def relation(text: str, start: int, preamble: tuple[int, int], earlier: list[tuple[int, int]]) -> str:
    """`basis` in the preamble, after "căn cứ"/"theo tinh thần", or under a cue heading the sentence.

    A cue heads its sentence ("Thực hiện Quyết định số …; Kế hoạch số …, Sở …"):
    the citations it governs follow it with nothing but other citations and
    separators in between; "… kết quả thực hiện Kế hoạch số …" is a mention.
    """
    if preamble[0] <= start < preamble[1]:
        return "basis"
    if _BASIS_CUE.search(text[max(0, start - 40):start]) or _PROPOSAL.search(text[max(0, start - 200):start]):
        return "basis"
    a, _ = sentence_bounds(text, start, start)
    lead = _BULLET.match(text, a)
    cue = _HEAD_CUE.match(text, lead.end())
    if not cue or cue.end() > start:
        return "mention"
    gap = list(text[cue.end():start])
    for s, e in earlier:  # earlier citations in the chain are not part of the gap
        for i in range(max(s, cue.end()), min(e, start)):
            gap[i - cue.end()] = " "
    rest = _TITLE_TAIL.sub(" ", "".join(gap))
    return "basis" if _CHAIN_GLUE.fullmatch(rest) else "mention"


_TITLE_TAIL = re.compile(r"(?<![\w])(?:về|V/v|ban hành|phê duyệt|triển khai)(?![\w])[^;]*")
_CHAIN_GLUE = re.compile(r"[\s,;:]*(?:(?:và|các|cùng|hoặc|số)(?![\w])[\s,;:]*)*")


def resolve(text: str, cands: list[Candidate], ctx: PlanContext, own_code: str | None,
            preamble: tuple[int, int], file: str) -> list[Resolved]:
    by_key: dict[str, Resolved] = {}
    full_spans: list[tuple[int, int]] = []
    law_keys: dict[str, str] = {}
    later: list[Candidate] = []
    for c in cands:
        if c.short or c.back_ref:
            later.append(c)
            continue
        if c.name and _law_key(c.name) in law_keys:  # the same law again, by name
            key = law_keys[_law_key(c.name)]
            code, malformed = (normalize_code(c.code_raw) if c.code_raw else (None, False))
        elif c.code_raw:
            code, malformed = normalize_code(c.code_raw)
            key = code.casefold()
        else:
            code, malformed, key = None, False, f"{c.name}|{c.dates[:1]}".casefold()
        if own_code and code and same_symbol(code, own_code):
            continue
        num, tpart, ipart = code_parts(code) if code else (None, None, None)
        rel = relation(text, c.start, preamble, full_spans)
        r = by_key.get(key)
        if c.name:
            law_keys.setdefault(_law_key(c.name), key)
        if r is None:
            issuer, end, named = _issuer(text, c, ipart, ctx)
            if issuer is None and c.name:  # laws and codes are passed by the National Assembly
                issuer = _LAWMAKER.get(c.type_word)
            dates = [_iso(*d) for d in c.dates]
            a, b = sentence_bounds(text, c.start, end)
            cit = Citation(
                doc_type=tpart or TYPE_WORDS.get(_type_key(c.type_word)) or (None if c.name else "CV"),
                number=num, code=code, date=dates[0] if dates else None, issuer=issuer,
                name=c.name, relation=rel, mentions=0,
                text=text[c.start:end].strip(), issues=["malformed_code"] if malformed else [],
                dates=dates, prov=Provenance(file, c.start, end),
                context=re.sub(r"\s+", " ", text[a:b]).strip(" -+•\t")[:500] or None,
            )
            r = by_key[key] = Resolved(cit, type_word=c.type_word, named_issuer=named)
            full_spans.append((c.start, end))
        else:
            full_spans.append((c.start, c.end))
            if rel == "basis":
                r.cit.relation = "basis"
        r.cit.mentions += 1
        r.spans.append((c.start, c.end))
        if code and not r.cit.code:  # a law named first, its number given later
            r.cit.code, r.cit.number = code, code_parts(code)[0]
        if c.code_raw:
            r.raw_codes.append(c.code_raw)
        for d in c.dates:
            iso = _iso(*d)
            if iso not in r.cit.dates:
                r.cit.dates.append(iso)
        if r.cit.date is None and r.cit.dates:  # first named without its date
            r.cit.date = r.cit.dates[0]
    _law_mentions(text, [r for r in by_key.values() if r.cit.name])
    for s in later:
        hit = _point_back(text, s, list(by_key.values()))
        if hit is not None and s.short and relation(text, s.start, preamble, full_spans) == "basis":
            hit.cit.relation = "basis"  # "Thực hiện Nghị định 61, …": grounds by its short name
    return list(by_key.values())


def _law_mentions(text: str, laws: list[Resolved]) -> None:
    """A law is mentioned again whenever its name recurs ("… quy định của Luật Phòng, chống thiên tai")."""
    for r in laws:
        pat = re.compile(r"\s+".join(re.escape(w) for w in r.cit.name.split()) + r"(?![\w])")
        for m in pat.finditer(text, r.spans[0][1]):
            if not any(a <= m.start() < b for a, b in r.spans):
                r.cit.mentions += 1
                r.spans.append((m.start(), m.end()))


def _law_key(name: str) -> str:
    return re.sub(r"\s+", " ", name).casefold()


def _point_back(text: str, s: Candidate, found: list[Resolved]) -> Resolved | None:
    """A short form or back reference counts for the latest full citation of that type before it."""
    tcode = TYPE_WORDS.get(_type_key(s.type_word))
    best = None
    for r in found:
        if r.cit.doc_type != tcode or r.spans[0][0] >= s.start:
            continue
        if s.short and not (r.cit.number and r.cit.number.lstrip("0") == s.code_raw.lstrip("0")):
            continue
        if best is None or r.spans[0][0] > best.spans[0][0]:
            best = r
    if best is None:
        return None
    if s.back_ref:
        best.back_refs.append((s.start, s.end))
    else:  # "(sau đây viết tắt là Quyết định số 765)" refers to it by number too
        best.cit.mentions += 1
        best.spans.append((s.start, s.end))
    return best


def _type_key(word: str) -> str:
    for k in TYPE_WORDS:
        if k.lower() == word.lower():
            return k
    return word


def _iso(y: str, m: str, d: str) -> str:
    """ISO date with what is known: `2015` for "năm 2015"."""
    if not m:
        return f"{int(y):04d}"
    return f"{int(y):04d}-{int(m):02d}-{int(d):02d}"


_BARE_BODY = re.compile(
    r"(?P<name>(?:Ban|Bộ|Ủy ban|Uỷ ban|Hội đồng|Sở|Cục|Tổng cục|Văn phòng|Trung tâm|Đoàn|Hội|Liên đoàn)\s[A-ZĐÀ-Ỹ][^,;.()\n]{1,80}?)"
    r"(?=\s+(?:về|ban hành|tại|triển khai|hướng dẫn|phê duyệt|quy định|V/v)(?![\w])|\s*$)"
)
_LAWMAKER = {"Luật": "Quốc hội", "Bộ luật": "Quốc hội", "Hiến pháp": "Quốc hội", "Pháp lệnh": "Ủy ban Thường vụ Quốc hội"}
# a comma ends the clause unless a name goes on after it ("Sở Văn hóa, Thể thao và Du lịch")
_CLAUSE_END = re.compile(
    r"[\n\t;()]|\s(?=ngày\s*\d)|\.(?:\s|$)|,(?=\s*(?:$|[^A-ZĐÀ-Ỹ\s]|(?:%s)(?![\w])))" % "|".join(sorted(TYPE_WORDS, key=len, reverse=True)))


def _issuer(text: str, c: Candidate, ipart: str | None, ctx: PlanContext) -> tuple[str | None, int, str | None]:
    """(issuer, end of the citation text, the issuer as the text names it or None).

    The named body is looked for only up to the end of the clause, so a name
    never runs into the next paragraph or the next citation.
    """
    m = _ISSUER_LEAD.match(text, c.end)
    if m:
        stop = _CLAUSE_END.search(text, m.end(), m.end() + 160)
        window = text[m.end():stop.start() if stop else m.end() + 160]
        orgs = find_orgs(window, base=m.end())
        if orgs and orgs[0].start == m.end():
            end = orgs[0].end
            joint = len(_joint_issuers(ipart)) if ipart else 0
            for o in orgs[1:]:  # "Ban Thường trực Ủy ban Trung ương …": one body named in parts
                gap = text[end:o.start]
                if joint > 1 and re.fullmatch(r"\s*(?:,|và)\s*", gap):
                    joint -= 1  # a joint text names each of its issuers: "của Bộ Công an và Bộ …"
                elif not re.fullmatch(r"(?:\s+[A-ZĐÀ-Ỹ]\w*)*\s*", gap):
                    break
                end = o.end
            name = normalize_name(text[m.end():end], ctx, text)
            return name, _dates_after(text, c, end), name
        bare = _BARE_BODY.match(window)
        if bare:  # a body the name list does not know: "Ban Chỉ đạo 389 quốc gia"
            end = m.end() + bare.end("name")
            name = normalize_name(bare.group("name"), ctx, text)
            return name, _dates_after(text, c, end), name
    p = _PROPOSAL.search(text, max(0, c.start - 200), c.start)
    if p:  # the body that proposes is the one that wrote the Tờ trình
        orgs = find_orgs(p.group("org"), base=p.start("org"))
        if orgs:
            name = normalize_name(orgs[-1].text, ctx, text)
            return name, c.end, name
    return (issuer_from_code(ipart, ctx) if ipart else None), c.end, None


def _dates_after(text: str, c: Candidate, end: int) -> int:
    """"… số 61/2018/NĐ-CP của Chính phủ ngày 23/4/2018": a date after the issuer is the citation's too."""
    found, new_end = dates_at(text, end)
    c.dates += found
    return new_end


def _issuer_table() -> dict[str, tuple[str, str]]:
    """The issuer-code table; empty when the data file cannot be read (no issuer, no crash)."""
    try:
        from ...data import issuer_codes

        return issuer_codes()
    except Exception:
        return {}


def _joint_issuers(ipart: str) -> list[str]:
    """The central bodies of a joint symbol ("BCA-BGDĐT"); [] unless every part is one."""
    table = _issuer_table()
    rows = [table.get(p) for p in ipart.split("-")]
    if all(r and len(r) > 1 and r[1] == "central" for r in rows):
        return [r[0] for r in rows]
    return []


def issuer_from_code(ipart: str, ctx: PlanContext) -> str | None:
    """The body a symbol's issuer part names (TTg → Thủ tướng Chính phủ), completed from the plan."""
    joint = _joint_issuers(ipart)
    if len(joint) > 1:
        return " và ".join(joint)  # a joint text (TTLT-BCA-BGDĐT): every ministry issues it
    head = re.split(r"[-&]", ipart)[0]
    hit = _issuer_table().get(head)
    if not hit:
        return None
    name, level = hit[0], (hit[1] if len(hit) > 1 else "")
    if level in ("central",):
        return name
    if head == "UBND" or head == "HĐND":
        return f"{name} {ctx.locality}" if ctx.locality else (f"{name} tỉnh {ctx.province}" if ctx.province else name)
    if ctx.province:
        if head == "TU":
            return f"Tỉnh ủy {ctx.province}"
        if level in ("department", "province"):
            return f"{name} tỉnh {ctx.province}"
    return name
