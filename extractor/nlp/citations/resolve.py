"""Turn candidates into citations: normalized code, issuer, one entry per document.

Short forms ("Quyết định số 765", "Nghị định 61") point back to a full
citation and count as its mentions; the plan's own number is not a citation
(nor is the number a news page announces its plan by: "UBND tỉnh vừa ban hành
Kế hoạch số 11/KH-UBND"); `relation.py` tells basis from mention.
"""
from __future__ import annotations

import re
from dataclasses import dataclass, field

from ...normalize import strip_accents
from ...records import Citation, Provenance
from ..names import PlanContext, expand_abbreviations, normalize_name, province_place
from ..orgs import find_orgs
from .clean import cut_by_page_end, repair_code, same_symbol, type_codes
from .find import TYPE_WORDS, Candidate, dates_at
from .relation import PROPOSAL, Grounds, relation, sentence_bounds

_ISSUER_LEAD = re.compile(r"\s*,?\s*(?:của|do)\s+")


@dataclass
class Resolved:
    cit: Citation
    spans: list[tuple[int, int]] = field(default_factory=list)  # every mention, first one first
    raw_codes: list[str] = field(default_factory=list)
    type_word: str | None = None  # the type named in words at the first mention
    named_issuer: str | None = None  # the issuer the text names ("của UBND tỉnh"), if any
    back_refs: list[tuple[int, int]] = field(default_factory=list)  # "Kế hoạch nêu trên"
    names: list[str] = field(default_factory=list)  # a law's name as the text writes it ("Luật Tổ chức HĐND và UBND")


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


def resolve(text: str, cands: list[Candidate], ctx: PlanContext, own_code: str | list[str] | None,
            preamble: Grounds | tuple[int, int | None], file: str) -> list[Resolved]:
    """One entry per cited document; `own_code` is the plan's own number (or numbers: the decision's and its plan's)."""
    grounds = Grounds.of(preamble)
    own = [own_code] if isinstance(own_code, str) else list(own_code or [])
    by_key: dict[str, Resolved] = {}
    full_spans: list[tuple[int, int]] = []
    law_keys: dict[str, str] = {}
    later: list[Candidate] = []
    for c in cands:
        if c.short or c.back_ref:
            later.append(c)
            continue
        if c.code_raw and not c.dates and cut_by_page_end(text, c.end):
            continue  # "Quyết định số 531/Q" where the page is cut: not a document anyone can identify
        if c.name and _law_key(c.name) in law_keys:  # the same law again, by name
            key = law_keys[_law_key(c.name)]
            code, malformed = (normalize_code(c.code_raw) if c.code_raw else (None, False))
        elif c.code_raw:
            code, malformed = normalize_code(c.code_raw)
            key = code.casefold()
        else:
            code, malformed, key = None, False, f"{c.name}|{c.dates[:1]}".casefold()
        if code and not own and not by_key.get(key) and announced(text, c, grounds):
            own.append(code)  # a news page's "… vừa ban hành Kế hoạch số 11/KH-UBND": the plan itself
        if code and any(same_symbol(code, o) for o in own):
            full_spans.append((c.start, c.end))  # the plan itself: "… ban hành Kế hoạch số 120/KH-UBND thực hiện …"
            continue
        num, tpart, ipart = code_parts(code) if code else (None, None, None)
        rel = relation(text, c.start, grounds, full_spans)
        r = by_key.get(key)
        if c.name:
            law_keys.setdefault(_law_key(c.name), key)
        if r is None:
            issuer, end, named = _issuer(text, c, ipart, ctx)
            if issuer is None and (c.name or not tpart):  # laws and codes are passed by the National Assembly
                issuer = _LAWMAKER.get(_type_key(c.type_word))
            dates = [_iso(*d) for d in c.dates]
            a, b = sentence_bounds(text, c.start, end)
            cit = Citation(
                doc_type=tpart or TYPE_WORDS.get(_type_key(c.type_word)) or (None if c.name else "CV"),
                number=num, code=code, date=dates[0] if dates else None, issuer=issuer,
                name=expand_abbreviations(c.name) if c.name else None, relation=rel, mentions=0,
                text=text[c.start:end].strip(), issues=["malformed_code"] if malformed else [],
                dates=dates, prov=Provenance(file, c.start, end),
                context=_context(text, a, b),
            )
            r = by_key[key] = Resolved(cit, type_word=c.type_word, named_issuer=named)
            if c.name:
                r.names.append(c.name)
            full_spans.append((c.start, end))
        else:
            full_spans.append((c.start, c.end))
            if rel == "basis":
                r.cit.relation = "basis"
            if r.named_issuer is None and _ISSUER_LEAD.match(text, c.end):  # named only at a later mention
                issuer, _, named = _issuer(text, c, code_parts(r.cit.code)[2] if r.cit.code else None, ctx)
                if named:
                    r.cit.issuer = r.named_issuer = named
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
        if hit is not None and s.short and relation(text, s.start, grounds, full_spans) == "basis":
            hit.cit.relation = "basis"  # "Thực hiện Nghị định 61, …": grounds by its short name
    return list(by_key.values())


def _context(text: str, a: int, b: int) -> str | None:
    """The sentence text[a:b] on one line, its first 500 characters: read only as far as those need
    (30 000 citations in one long sentence must not each collapse the whole of it)."""
    n = 1024
    while True:
        end = min(b, a + n)
        s = _SPACES.sub(" ", text[a:end]).strip(" -+•\t")
        if end == b or len(s) > 510:
            return s[:500] or None
        n *= 4


_SPACES = re.compile(r"\s+")


# "… (đã|vừa) ban hành Kế hoạch số …", not "Quyết định … về việc ban hành Kế hoạch …"
_ANNOUNCE = re.compile(r"(?<!\bvề )(?<!\bviệc )ban hành\s+$", re.I)
_ANNOUNCE_TITLE = re.compile(
    r"(?<!\bvề )(?<!\bviệc )ban hành\s+(?:kế hoạch|chương trình)\b(?:(?!số\s*\d)[^();])*\(\s*$", re.I)
_PLAN_TYPES = ("KH", "CTr")


def announced(text: str, c: Candidate, grounds: Grounds) -> bool:
    """A page that reports a plan names it by its number where it says it was issued:
    "Ngày 21/11/2022, HĐND huyện ban hành kế hoạch số 06/KH-HĐND về …", or the title
    then the number in brackets ("… vừa ban hành Kế hoạch ra quân … (Kế hoạch số 11/KH-UBND …").
    Only a plan, before the outline starts, when the header gave no number of its own."""
    if TYPE_WORDS.get(_type_key(c.type_word)) not in _PLAN_TYPES:
        return False
    if grounds.end is not None and c.start >= grounds.end:
        return False
    a, _ = sentence_bounds(text, c.start, c.start)
    before = text[a:c.start]
    return bool(_ANNOUNCE.search(before) or _ANNOUNCE_TITLE.search(before))


def _law_mentions(text: str, laws: list[Resolved]) -> None:
    """A law is mentioned again whenever its name recurs ("… quy định của Luật Phòng, chống thiên tai")."""
    for r in laws:
        names = sorted(set(r.names or [r.cit.name]), key=len, reverse=True)
        # in any case: "Luật tổ chức chính quyền địa phương" inside an amending law's name is the same law
        pat = re.compile("|".join(r"\s+".join(re.escape(w) for w in n.split()) for n in names) + r"(?![\w])", re.I)
        for m in pat.finditer(text, r.spans[0][1]):
            if not any(a <= m.start() < b for a, b in r.spans):
                r.cit.mentions += 1
                r.spans.append((m.start(), m.end()))


def _law_key(name: str) -> str:
    return re.sub(r"\s+", " ", name).casefold()


def _point_back(text: str, s: Candidate, found: list[Resolved]) -> Resolved | None:
    """A short form or back reference counts for the latest full citation of that type before it.

    A short form before any full one (a news headline "… thực hiện Nghị quyết số 57" over the
    text that cites "Nghị quyết số 57-NQ/TW") counts for the one full citation of that number after it.
    """
    tcode = TYPE_WORDS.get(_type_key(s.type_word))
    best = None
    ahead = []
    for r in found:
        if r.cit.doc_type != tcode:
            continue
        if s.short and not (r.cit.number and r.cit.number.lstrip("0") == s.code_raw.lstrip("0")):
            continue
        if r.spans[0][0] >= s.start:
            ahead.append(r)
        elif best is None or r.spans[0][0] > best.spans[0][0]:
            best = r
    if best is None and s.short and len(ahead) == 1:
        best = ahead[0]
    if best is None:
        return None
    if s.back_ref:
        best.back_refs.append((s.start, s.end))
    else:  # "(sau đây viết tắt là Quyết định số 765)" refers to it by number too
        best.cit.mentions += 1
        best.spans.append((s.start, s.end))
        best.spans.sort()
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
    r"(?P<name>(?:Ban|Bộ|Ủy ban|Uỷ ban|Hội đồng|Sở|Cục|Tổng cục|Văn phòng|Trung tâm|Đoàn|Hội|Liên đoàn|Tổ đại biểu)"
    r"\s[A-ZĐÀ-Ỹ][^,;.()\n]{1,80}?)"
    r"(?=\s+(?:về|ban hành|tại|triển khai|hướng dẫn|phê duyệt|quy định|V/v)(?![\w])|\s*$)"
)
# SCHEMA §3: `Quốc hội` for a law, code or constitution that names no issuer (a Pháp lệnh is left as the text gives it)
_LAWMAKER = {"Luật": "Quốc hội", "Bộ luật": "Quốc hội", "Hiến pháp": "Quốc hội"}
_TYPES_ALT = "|".join(sorted(TYPE_WORDS, key=len, reverse=True))
# a comma ends the clause unless a name goes on after it ("Sở Văn hóa, Thể thao và Du lịch"); so do "và" before
# the next document and the verb that opens the title ("của Bộ Công an quy định …")
_CLAUSE_END = re.compile(
    r"[\n\t;()]|\s(?=ngày\s*\d)|\.(?:\s|$)|,(?=\s*(?:$|[^A-ZĐÀ-Ỹ\s]|(?:%s)(?![\w])))"
    r"|\s(?=(?:và|cùng)\s+(?:các\s+)?(?:%s)(?![\w]))"
    r"|\s(?=(?:quy định|về|ban hành|hướng dẫn|phê duyệt|V/v)(?![\w]))" % (_TYPES_ALT, _TYPES_ALT))
# the post of the person who proposes for a body ("Theo đề nghị của Giám đốc Công an tỉnh tại Tờ trình số …")
_POST = re.compile(
    r"^(?:Phó\s+)?(?:Bộ trưởng|Thứ trưởng|Chủ tịch|Tổng Giám đốc|Giám đốc|Tổng cục trưởng|Cục trưởng|Vụ trưởng|"
    r"Viện trưởng|Chủ nhiệm|Thủ trưởng|Trưởng ban|Trưởng)\s+"
    r"(?=(?:Bộ|Ủy ban|Uỷ ban|UBND|HĐND|Hội đồng|Sở|Cục|Tổng cục|Vụ|Viện|Ban|Văn phòng|Công an|Trung tâm|Chi cục)(?![\w]))")


def _issuer(text: str, c: Candidate, ipart: str | None, ctx: PlanContext) -> tuple[str | None, int, str | None]:
    """(issuer, end of the citation text, the issuer as the text names it or None).

    The named body is looked for only up to the end of the clause, so a name
    never runs into the next paragraph or the next citation.
    """
    m = _ISSUER_LEAD.match(text, c.end)
    if m:
        stop = _CLAUSE_END.search(text, m.end(), m.end() + 160)
        window = text[m.end():stop.start() if stop else m.end() + 160]
        known = _as_in_table(window, ipart)
        if known:  # the body the code names, in the text's spelling ("Bộ Lao động Thương binh và xã hội")
            return known[0], _dates_after(text, c, m.end() + known[1]), known[0]
        orgs = find_orgs(window, base=m.end())
        post = _POST.match(window)  # "của Chủ tịch UBND tỉnh": the post, then the body
        if orgs and orgs[0].start in (m.end(), m.end() + (post.end() if post else 0)):
            end = orgs[0].end
            joint = len(_joint_issuers(ipart)) if ipart else 0
            for o in orgs[1:]:  # "Ban Thường trực Ủy ban Trung ương …": one body named in parts
                gap = text[end:o.start]
                if joint > 1 and re.fullmatch(r"\s*(?:,|và)\s*", gap):
                    joint -= 1  # a joint text names each of its issuers: "của Bộ Công an và Bộ …"
                elif not re.fullmatch(r"(?:\s+[A-ZĐÀ-Ỹ]\w*)*\s*", gap):
                    break
                end = o.end
            name = normalize_name(text[m.end():end], ctx, text)  # a post kept as named: "Bộ trưởng Bộ Y tế"
            return name, _dates_after(text, c, end), name
        bare = _BARE_BODY.match(window)
        if bare:  # a body the name list does not know: "Ban Chỉ đạo 389 quốc gia"
            end = m.end() + bare.end("name")
            name = normalize_name(bare.group("name"), ctx, text)
            return name, _dates_after(text, c, end), name
    if c.list_org:  # the list head names the issuer of every item: "các Thông tư của Bộ NN và PTNT: …"
        head = text[c.list_org[0]:c.list_org[1]]
        known = _as_in_table(head, ipart)
        name = known[0] if known else normalize_name(head, ctx, text)
        return name, c.end, name
    p = PROPOSAL.search(text, max(0, c.start - 200), c.start)
    if p:  # the body that proposes is the one that wrote the Tờ trình; the proposer is named with the post
        # "Sở Kế hoạch và Đầu tư (Thường trực Ban …)": the aside names the body's other role, not the proposer
        orgs = find_orgs(re.sub(r"\([^()]*\)", lambda a: " " * len(a.group(0)), p.group("org")), base=p.start("org"))
        if orgs:
            post = _POST.match(p.group("org"))
            name = normalize_name(orgs[-1].text, ctx, text)
            if name.startswith("Sở ") and ctx.province and not ctx.locality and not _PLACED.search(name):
                name = f"{name} {province_place(ctx.province)}"  # a Sở proposing to its province's UBND
            if post and not name.startswith(post.group(0).strip()):
                name = f"{post.group(0).strip()} {name}"
            return name, c.end, name
    return (issuer_from_code(ipart, ctx) if ipart else None), c.end, None


_PLACED = re.compile(r"\b(?:tỉnh|thành phố|huyện|quận|thị xã)\s+[A-ZĐÀ-Ỹ]")


def _as_in_table(window: str, ipart: str | None) -> tuple[str, int] | None:
    """(the table's name, length in `window`) when `window` opens with the central body the code's
    issuer part names, in the text's spelling: other case or dashes, words written by their
    initials ("Bộ NN và PTNT", "Bộ NN&PTNT" for Bộ Nông nghiệp và Phát triển nông thôn); else None."""
    if not ipart or len(_joint_issuers(ipart)) > 1:  # a joint text names each of its issuers
        return None
    hit = _issuer_table().get(re.split(r"[-&]", ipart)[0])
    if not hit or len(hit) < 2 or hit[1] != "central":
        return None
    end = _spells(window, [w for w in hit[0].split() if w not in "-–"])
    return (hit[0], end) if end else None


_WORD = re.compile(r"[\s\-–]*(?:(?P<amp>&)|(?P<w>\w+))")


def _spells(window: str, words: list[str]) -> int | None:
    """Where `window` has spelled out all of `words` (a word in full, any case, or a run of them by their
    initials), or None."""
    pos, i = 0, 0
    while i < len(words):
        m = _WORD.match(window, pos)
        if not m:
            return None
        tok = "và" if m.group("amp") else m.group("w")
        if tok.casefold() == words[i].casefold():
            i += 1
        elif tok.isupper() and len(tok) >= 2 and strip_accents("".join(w[0] for w in words[i:i + len(tok)])).upper() \
                == strip_accents(tok) and i + len(tok) <= len(words):
            i += len(tok)
        else:
            return None
        pos = m.end()
    return pos if not re.match(r"\w", window[pos:pos + 1]) else None


def _dates_after(text: str, c: Candidate, end: int) -> int:
    """"… số 61/2018/NĐ-CP của Chính phủ ngày 23/4/2018": a date after the issuer is the citation's too."""
    found, new_end = dates_at(text, end)
    c.dates += found
    return new_end


def _issuer_table() -> dict[str, tuple[str, str]]:
    """The issuer-code table (`DataError` when the package's data file cannot be read)."""
    from ...data import issuer_codes

    return issuer_codes()


def _joint_issuers(ipart: str) -> list[str]:
    """The central bodies of a joint symbol ("BCA-BGDĐT"); [] unless every part is one."""
    table = _issuer_table()
    rows = [table.get(p) or table.get(p.replace("&", "")) for p in ipart.split("-")]  # BNN&PTNT: BNNPTNT
    if all(r and len(r) > 1 and r[1] == "central" for r in rows):
        return [r[0] for r in rows]
    return []


def issuer_from_code(ipart: str, ctx: PlanContext) -> str | None:
    """The body a symbol's issuer part names (TTg → Thủ tướng Chính phủ), completed from the plan."""
    joint = _joint_issuers(ipart)
    if len(joint) > 1:
        return " và ".join(joint)  # a joint text (TTLT-BCA-BGDĐT): every ministry issues it
    head = re.split(r"[-&]", ipart)[0]
    hit = _issuer_table().get(head) or _issuer_table().get(re.sub(r"\d+$", "", head))  # 91/2015/QH13: Quốc hội
    if not hit:
        return None
    name, level = hit[0], (hit[1] if len(hit) > 1 else "")
    if level in ("central",):
        return name
    if head == "UBND" or head == "HĐND":
        return f"{name} {ctx.locality}" if ctx.locality else (f"{name} {province_place(ctx.province)}" if ctx.province else name)
    if ctx.province:
        if head == "TU":
            return f"Tỉnh ủy {ctx.province}"
        if level in ("department", "province"):
            return f"{name} {province_place(ctx.province)}"
    return name
