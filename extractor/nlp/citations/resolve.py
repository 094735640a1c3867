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
from .find import TYPE_WORDS, Candidate

# type parts of a symbol, longest first, for repairing "749/QĐTTg"
TYPE_CODES = sorted(set(TYPE_WORDS.values()) - {"CV", "L"} | {"TTLT", "QĐi", "HD"}, key=len, reverse=True)
_BASIS_CUE = re.compile(r"(?:theo tinh thần|căn cứ|căn cứ vào|thực hiện|triển khai)\s*(?:các\s+)?$", re.I)
_ISSUER_LEAD = re.compile(r"\s*,?\s*(?:của|do)\s+")


@dataclass
class Resolved:
    cit: Citation
    spans: list[tuple[int, int]] = field(default_factory=list)
    raw_codes: list[str] = field(default_factory=list)


def normalize_code(raw: str) -> tuple[str, bool]:
    """(normalized số/ký hiệu, whether the written form was malformed)."""
    s = re.sub(r"\s*([/–-])\s*", lambda m: "-" if m.group(1) == "–" else m.group(1), raw.strip())
    malformed = bool(re.search(r"\w\s+\w", s))
    s = re.sub(r"\s+", "", s)
    m = re.fullmatch(r"(\d+[a-zA-Z]?)-([A-Za-zĐđ]+)[/-]([A-ZĐ][A-ZĐa-z]*)", s)
    if m:  # party: 16-NQ-TU → 16-NQ/TU
        fixed = f"{m.group(1)}-{m.group(2)}/{m.group(3)}"
        return fixed, malformed or fixed != s
    parts = s.split("/")
    last = parts[-1]
    if len(parts) >= 2 and "-" not in last:
        for t in TYPE_CODES:
            if last.startswith(t) and len(last) > len(t) and last[len(t)].isupper():
                parts[-1] = f"{t}-{last[len(t):]}"
                return "/".join(parts), True
    return s, malformed


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
        if t in TYPE_CODES or t in ("QĐ", "NĐ"):
            return num, t, iss
        return num, None, last
    return num, None, last or None


def resolve(text: str, cands: list[Candidate], ctx: PlanContext, own_code: str | None,
            preamble: tuple[int, int], file: str) -> list[Resolved]:
    by_key: dict[str, Resolved] = {}
    shorts: list[Candidate] = []
    for c in cands:
        if c.code_raw and "/" not in c.code_raw and "-" not in c.code_raw:
            shorts.append(c)
            continue
        if c.code_raw:
            code, malformed = normalize_code(c.code_raw)
            key = code.casefold()
        else:
            code, malformed, key = None, False, f"{c.name}|{c.dates[:1]}".casefold()
        if own_code and code and code.casefold() == own_code.casefold():
            continue
        num, tpart, ipart = code_parts(code) if code else (None, None, None)
        basis = preamble[0] <= c.start < preamble[1] or bool(_BASIS_CUE.search(text[max(0, c.start - 40):c.start]))
        r = by_key.get(key)
        if r is None:
            issuer, end = _issuer(text, c, ipart, ctx)
            dates = [_iso(*d) for d in c.dates]
            cit = Citation(
                doc_type=tpart or TYPE_WORDS.get(_type_key(c.type_word)),
                number=num, code=code, date=dates[0] if dates else None, issuer=issuer,
                name=c.name, relation="basis" if basis else "mention", mentions=0,
                text=text[c.start:end].strip(), issues=["malformed_code"] if malformed else [],
                dates=dates, prov=Provenance(file, c.start, end),
            )
            r = by_key[key] = Resolved(cit)
        elif basis:
            r.cit.relation = "basis"
        r.cit.mentions += 1
        r.spans.append((c.start, c.end))
        if c.code_raw:
            r.raw_codes.append(c.code_raw)
        for d in c.dates:
            iso = _iso(*d)
            if iso not in r.cit.dates:
                r.cit.dates.append(iso)
    for s in shorts:  # "Quyết định số 765" after the full form
        tcode = TYPE_WORDS.get(_type_key(s.type_word))
        for r in by_key.values():
            if r.cit.number and r.cit.number.lstrip("0") == s.code_raw.lstrip("0") and r.cit.doc_type == tcode and r.spans[0][0] < s.start:
                r.cit.mentions += 1
                r.spans.append((s.start, s.end))
                break
    return list(by_key.values())


def _type_key(word: str) -> str:
    for k in TYPE_WORDS:
        if k.lower() == word.lower():
            return k
    return word


def _iso(y: str, m: str, d: str) -> str:
    return f"{int(y):04d}-{int(m):02d}-{int(d):02d}"


def _issuer(text: str, c: Candidate, ipart: str | None, ctx: PlanContext) -> tuple[str | None, int]:
    m = _ISSUER_LEAD.match(text, c.end)
    if m:
        orgs = find_orgs(text[m.end():m.end() + 120], base=m.end())
        if orgs and orgs[0].start == m.end():
            o = orgs[0]
            return normalize_name(o.text, ctx, text), o.end
    return (issuer_from_code(ipart, ctx) if ipart else None), c.end


def issuer_from_code(ipart: str, ctx: PlanContext) -> str | None:
    """The body a symbol's issuer part names (TTg → Thủ tướng Chính phủ), completed from the plan."""
    head = re.split(r"[-&]", ipart)[0]
    try:
        from ...data import issuer_codes

        hit = issuer_codes().get(head)
    except Exception:
        hit = None
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
