"""Normalize names of bodies: expand abbreviations, resolve relative names.

SCHEMA §1: names keep the document's spelling of places and persons, expand
abbreviations (UBND → Ủy ban nhân dân), write every dash " - ", and complete
names the text leaves relative ("Văn phòng Sở", "UBND tỉnh") from the plan's
own issuer and province. Acronyms the table does not know are resolved from
the plan's own text ("Trung tâm Dịch vụ hành chính công trực tuyến" gives
DVHCCTT), the way a reader would.
"""
from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass, field
from functools import lru_cache

from ..normalize import fold, strip_accents


@dataclass
class PlanContext:
    """What a reader knows about the plan's author when reading a relative name."""

    issuer: str | None = None  # "Sở Y tế tỉnh Bà Rịa - Vũng Tàu"
    issuer_base: str | None = None  # "Sở Y tế"
    province: str | None = None  # "Bà Rịa - Vũng Tàu"
    locality: str | None = None  # "thành phố Vũng Tàu" when the issuer is below the province
    acronyms: dict[str, str] = field(default_factory=dict)
    # names already normalized in this plan (set by the pipeline's header, which owns the context; a caller's
    # own context has none, so changing its acronyms between calls is always read)
    names: dict | None = field(default=None, repr=False, compare=False)


@lru_cache(maxsize=1)
def _abbrev_table() -> dict[str, str]:
    from ..data import abbreviations

    return dict(abbreviations())


@lru_cache(maxsize=1)
def _province_table() -> dict[str, str]:
    """folded name or abbreviation → official name."""
    from ..data import provinces

    out: dict[str, str] = {}
    for row in provinces():
        name = row["name"]
        out[fold(name)] = name
        out[fold(re.sub(r"\s*-\s*", "-", name))] = name
        for ab in (row.get("abbreviations") or "").split(","):
            ab = ab.strip()
            if ab:
                out[fold(re.sub(r"\s*-\s*", "-", ab))] = name
    return out


def province_name(s: str) -> str | None:
    return _province_table().get(fold(re.sub(r"\s*-\s*", "-", s.strip())))


@lru_cache(maxsize=1)
def _provinces_by_letters() -> dict[str, str | None]:
    """Letters without marks → official name; None where two provinces share them."""
    out: dict[str, str | None] = {}
    for name in set(_province_table().values()):
        key = strip_accents(fold(name)).replace("-", " ")
        out[key] = None if key in out and out[key] != name else name
    return out


def province_by_letters(s: str) -> str | None:
    """The province whose name has these letters whatever their marks ("LẠI CHẦU" → Lai Châu)."""
    key = re.sub(r"\s+", " ", strip_accents(fold(s)).replace("-", " ")).strip()
    return _provinces_by_letters().get(key)


@lru_cache(maxsize=1)
def _city_provinces() -> frozenset[str]:
    """Centrally-run cities (provinces.tsv kind `thành phố`): their party committee is a Thành ủy."""
    from ..data import provinces

    return frozenset(row["name"] for row in provinces() if row["kind"] == "thành phố")


def province_place(province: str) -> str:
    """The province as its bodies' names end: "tỉnh Quảng Nam", but "thành phố Hải Phòng" for a
    centrally-run city (its Sở are "Sở Nội vụ thành phố Hải Phòng")."""
    return f"thành phố {province}" if province in _city_provinces() else f"tỉnh {province}"


def expand_abbreviations(s: str) -> str:
    """Abbreviations of the table written out ("Luật Tổ chức HĐND và UBND" → "… Hội đồng nhân dân và Ủy ban nhân dân")."""
    table = _abbrev_table()
    return "".join(table.get(tok, tok) if _INITIALS_WORD.match(tok) else tok for tok in re.split(r"(\s+|,|\(|\))", s))


def dash(s: str) -> str:
    """Every dash in a name written " - "."""
    return re.sub(r"\s*[-–—]\s*", " - ", s)


_PERSON = re.compile(r"^(?:Thủ trưởng|Lãnh đạo|Giám đốc|Chủ tịch|Trưởng phòng|Trưởng)\s+(?=các\b|Sở\b|Phòng\b|Ban\b)", re.I)
_PAREN = re.compile(r"\s*\((?:b/c|VBĐT|để b/c|đ/b|thực hiện|t/h|p/h)[^)]*\)\s*$", re.I)
_FUNCTION = set("của các được những trong cho với theo về tại là có này để từ đến tục".split())
_INITIALS_WORD = re.compile(r"^[A-ZĐ]{2,}$")


def learn_acronyms(text: str) -> dict[str, str]:
    """Acronyms the plan defines ("Trang Thông tin điện tử (TTĐT)") or spells out somewhere."""
    out: dict[str, str] = {}
    for m in re.finditer(r"\(([A-ZĐ][A-ZĐa-z\-]{1,11})\)", text):
        ab = m.group(1).replace("-", "")
        words = re.findall(r"\w+", text[max(0, m.start() - 120):m.start()])
        n = len(ab)
        for k in range(n, n + 3):  # allow "và"/"," not counted
            cand = words[-k:] if k <= len(words) else None
            if cand and _initials(cand) == _fold_ab(ab):
                out[ab] = " ".join(cand)
                break
    return out


def _initials(words: list[str]) -> str:
    return "".join(strip_accents(w[0]).upper() for w in words if w.lower() not in ("và",))


def _fold_ab(ab: str) -> str:
    return strip_accents(ab).upper()


def _words_at(text: str) -> tuple[tuple[str, int], ...]:
    """The words of a plan's text and where they start: one scan for all the acronyms it uses
    (kept for the last few plans of ordinary length; a huge text is scanned each time)."""
    return _words_kept(text) if len(text) <= 400_000 else _scan_words(text)


@lru_cache(maxsize=4)
def _words_kept(text: str) -> tuple[tuple[str, int], ...]:
    return _scan_words(text)


def _scan_words(text: str) -> tuple[tuple[str, int], ...]:
    return tuple((m.group(0), m.start()) for m in re.finditer(r"\w+", text))


def expand_acronym(ab: str, text: str, ctx: PlanContext) -> str | None:
    """Find a run of words in the text whose initials spell `ab` (DVHCCTT)."""
    if ab in ctx.acronyms:
        return ctx.acronyms[ab]
    key = _fold_ab(ab)
    words = _words_at(text)
    n = len(key)
    for i in range(len(words) - n + 1):
        if not words[i][0][:1].isupper():  # a phrase an acronym stands for starts with a capital
            continue
        cand = [w for w, _ in words[i:i + n]]
        if any(w.lower() in _FUNCTION for w in cand):
            continue
        if all(not w.isupper() or len(w) == 1 for w in cand) and _initials(cand) == key \
                and not re.search(r"[|\n()]", text[words[i][1]:words[i + n - 1][1]]):  # one phrase, not across cells
            exp = " ".join(cand)
            ctx.acronyms[ab] = exp
            return exp
    ctx.acronyms[ab] = ""
    return None


# the Front's committee by any of its names ("Ủy ban MTTQ", "UBMTTQVN", "Ủy ban Mặt trận TQVN", a bare
# "Mặt trận" standing for it), after a post of it ("Ban Thường trực …"); its member bodies are not it
_FRONT = re.compile(r"^(Ban Thường trực |Thường trực |Đảng đoàn |Văn phòng cơ quan )?(?:Ủy ban\s*|UB\s*)?"
                    r"(?:Mặt trận(?:\s+(?:Tổ quốc|TQ))?|MTTQ)(?:\s*(?:Việt Nam|VN))?(?=\s+[a-zà-ỹđ]|$)")


def normalize_name(mention: str, ctx: PlanContext, text: str = "") -> str:
    """The full name of the body a mention refers to (SCHEMA §1).

    A plan names the same bodies again and again: with `ctx.names`, each is normalized once
    per context state. The result depends on the mention, the context's issuer and places,
    whether there is a text to look acronyms up in, and the acronyms looked up already,
    which are kept once found (`expand_acronym`), so a second call finds what the first did.
    """
    if ctx.names is None:
        return _normalize_name(mention, ctx, text)
    key = (mention, bool(text), ctx.issuer, ctx.issuer_base, ctx.province, ctx.locality)
    hit = ctx.names.get(key)
    if hit is None:
        hit = ctx.names[key] = _normalize_name(mention, ctx, text)
    return hit


def _normalize_name(mention: str, ctx: PlanContext, text: str) -> str:
    s = unicodedata.normalize("NFC", mention).strip(" ,;.:-")
    s = _PAREN.sub("", s)
    s = _PERSON.sub("", s)
    s = re.sub(r"^TTr\.\s*", "Thường trực ", s)
    s = re.sub(r"\bHĐND\s*&\s*UBND\b", "HĐND và UBND", s)  # "Văn phòng HĐND&UBND huyện"
    s = re.sub(r"\b([Uu])ỷ ban\b", lambda m: ("Ủ" if m.group(1) == "U" else "ủ") + "y ban", s)  # NĐ 30 spelling
    s = re.sub(r"\b(Tỉnh|Huyện|Thành|Thị|Quận|Đảng) [ỦU][yỷ]\b", r"\1 ủy", s)  # "Tỉnh Ủy" → "Tỉnh ủy"
    s = _expand_tokens(s, ctx, text)
    s = _FRONT.sub(r"\1Ủy ban Mặt trận Tổ quốc Việt Nam", s, count=1)
    s = _resolve_relative(s, ctx)
    s = dash(re.sub(r"\s+", " ", s)).strip()
    s = re.sub(r"^Quốc hội\s+(?:nước\s.*|kh[oó]á?\s+[IVXLC]+)$", "Quốc hội", s)  # one Quốc hội, whatever its term
    if len(s) > 1:  # "Thành phố" inside a name is a common noun: "… thành phố Vũng Tàu"
        s = s[0] + re.sub(r"\bThành phố\b", "thành phố", s[1:])
    return s[:1].upper() + s[1:]


def _expand_tokens(s: str, ctx: PlanContext, text: str) -> str:
    table = _abbrev_table()
    # places written as abbreviations: "tỉnh BR-VT", "TPVT"
    s = re.sub(
        r"\b(tỉnh|Tỉnh)\s+([A-ZĐ]{1,4}\s*-\s*[A-ZĐ]{1,4}|[A-ZĐ]{2,5})\b",
        lambda m: f"{m.group(1)} {province_name(m.group(2)) or m.group(2)}",
        s,
    )
    s = _CITY_ABBR.sub(_city, s)  # "UBND TP.HCM", "Sở Y tế TPHCM": the city by its abbreviation
    out = []
    for tok in re.split(r"(\s+|,|\(|\))", s):
        if tok and (_INITIALS_WORD.match(tok) or tok in table):
            exp = table.get(tok)
            if exp is None and text:
                exp = expand_acronym(tok, text, ctx)
            if exp:
                tok = exp
        out.append(tok)
    s = "".join(out)
    s = re.sub(r"\bSở Sở\b", "Sở", s)
    return s


# a centrally-run city written "TP" + its initials ("TP. HCM", "TP.HCM", "TPHCM"), as provinces.tsv lists them
CITY_ABBR = r"\bTP\.?\s?[A-ZĐ]{2,4}\b"
_CITY_ABBR = re.compile(CITY_ABBR)


def city_by_abbreviation(s: str) -> str | None:
    """"TP.HCM" → "Hồ Chí Minh": a city among the provinces, by one of its listed abbreviations."""
    name = province_name(s)
    return name if name in _city_provinces() else None


def _city(m: re.Match) -> str:
    name = city_by_abbreviation(m.group(0))
    return f"thành phố {name}" if name else m.group(0)


def _resolve_relative(s: str, ctx: PlanContext) -> str:
    base = ctx.issuer_base or ""
    if base.startswith("Sở "):
        s = re.sub(r"\bSở$", base, s)
        s = re.sub(r"\b(thuộc|của) Sở\b(?!\s+[A-ZĐ])", rf"\1 {base}", s)
        s = re.sub(r"^(Văn phòng|Ban Giám đốc|Các phòng|Thanh tra) Sở$", rf"\1 {base}", s)
    if ctx.province:
        s = re.sub(r"\b([Tt])ỉnh$", f"tỉnh {ctx.province}", s)
        s = re.sub(r"\bcủa tỉnh\b(?!\s+[A-ZĐ])", f"của tỉnh {ctx.province}", s)
        s = re.sub(r"\b(Tỉnh ủy)$", rf"\1 {ctx.province}", s)
        if ctx.province in _city_provinces() and not (ctx.locality or "").startswith("thành phố"):
            s = re.sub(r"\b(Thành ủy)$", rf"\1 {ctx.province}", s)
            if not ctx.locality:  # the city itself: "UBND thành phố" in a plan of Hải Phòng
                s = re.sub(r"\b[Tt]hành phố$", f"thành phố {ctx.province}", s)
    if ctx.locality:
        kind, _, name = ctx.locality.partition(" ")
        if ctx.locality.startswith("thành phố"):
            name = ctx.locality[len("thành phố "):]
            s = re.sub(r"\b[Tt]hành phố$", f"thành phố {name}", s)
            s = re.sub(r"\b(Thành ủy)$", rf"\1 {name}", s)
        elif ctx.locality.startswith("huyện"):
            name = ctx.locality[len("huyện "):]
            s = re.sub(r"\bhuyện$", f"huyện {name}", s)
            s = re.sub(r"\b(Huyện ủy)$", rf"\1 {name}", s)
        else:  # "UBND thị trấn" in a plan of the thị trấn, "UBND xã" in one of the xã (not "thị xã")
            for k in _LOWER_KINDS:
                if ctx.locality.startswith(k + " "):
                    s = re.sub(rf"(?<!thị )\b{k}$", ctx.locality, s)
                    break
        s = re.sub(r"(Ủy ban nhân dân)$", rf"\1 {ctx.locality}", s)
    elif ctx.province:
        s = re.sub(r"(Ủy ban nhân dân)$", rf"\1 {province_place(ctx.province)}", s)
    return s


_LOWER_KINDS = ("thị xã", "thị trấn", "quận", "phường", "xã")


# --- issuer lines of the header -------------------------------------------------

_KIND = r"(tỉnh|thành phố|huyện|thị xã|quận|xã(?! hội)|phường|thị trấn)"
_LOC_LINE = re.compile(r"^(?:TỈNH|THÀNH PHỐ|HUYỆN|THỊ XÃ|QUẬN|XÃ|PHƯỜNG|THỊ TRẤN)\s+(?!ỦY\b)\S")
_PARTY_COMMITTEE = re.compile(r"^(tỉnh|huyện|thành|thị|quận|đảng) ủy\b\s*(.*)$")
_YOUTH_COMMITTEE = re.compile(r"^(tỉnh|huyện|thành|thị|quận) đoàn\b\s*(.*)$")  # the Đoàn's committees
# head nouns of organ names: the word after them starts a field name and is capitalized (NĐ 30/2020, Phụ lục II)
_HEADS = ("bộ chỉ huy", "chi cục", "tổng cục", "trung tâm", "văn phòng", "ủy ban", "sở", "ban", "phòng", "cục",
          "bộ", "viện", "đài", "trường", "thanh tra")


_FIELD_HEADS = ("sở", "phòng", "bộ", "cục", "tổng cục", "chi cục")


def issuer_from_lines(lines: list[str], province: str | None = None) -> list[str]:
    """The bodies the header's left column names, top first, each a full cased name.

    A line that only gives the place ("HUYỆN KRÔNG PẮC" under "ỦY BAN NHÂN DÂN")
    or continues a name cut after a comma joins the line above it; a body printed
    without its place ("SỞ Y TẾ" under "UBND TỈNH THANH HÓA") takes the place of
    the body above it, as a reader would complete it.
    """
    merged: list[str] = []
    for line in (x.strip() for x in lines):
        if not line or line == "*":
            continue
        if merged and ((_LOC_LINE.match(line) and not re.search(rf"\b{_KIND}\s", recase_name(merged[-1]).lower()))
                       or merged[-1].endswith((",", " -", " VÀ")) or line.startswith(("VÀ ", "& "))):
            merged[-1] = f"{merged[-1]} {line}"
        else:
            merged.append(line)
    out: list[str] = []
    for name in (recase_name(x) for x in merged):
        if out and not re.search(rf"\b{_KIND}\s+\S", name):
            m = re.search(rf"\b{_KIND}\s+(.+)$", out[-1])
            if m:
                name = f"{name} {m.group(2)}" if _PARTY_COMMITTEE.match(name.lower()) else f"{name} {m.group(1)} {m.group(2)}"
        out.append(name)
    return out


def recase_name(line: str) -> str:
    """'ỦY BAN NHÂN DÂN HUYỆN KRÔNG PẮC' → 'Ủy ban nhân dân huyện Krông Pắc'.

    Abbreviations are expanded from the table, the body part is cased from the
    issuer table when it is a known body (else by the head-noun rule), and the
    place from the provinces table (else each syllable capitalized).
    """
    line = unicodedata.normalize("NFC", line).strip()
    if not line.isupper():
        return dash(line)
    table = _abbrev_table()
    words = []
    for tok in line.split():
        core = tok.strip(",;")
        exp = table.get(core) if core not in ("KH", "TM.", "KT.", "Q.", "TL.") else None
        words.append(tok.replace(core, exp) if exp else tok.lower())
    s = dash(" ".join(words))
    m = _PARTY_COMMITTEE.match(s.lower())
    if m:
        return f"{m.group(1).capitalize()} ủy" + (f" {_case_place(m.group(2))}" if m.group(2) else "")
    m = _YOUTH_COMMITTEE.match(s.lower())
    if m:  # "TỈNH ĐOÀN QUẢNG NAM" → "Tỉnh đoàn Quảng Nam", as the party's committees
        return f"{m.group(1).capitalize()} đoàn" + (f" {_case_place(m.group(2))}" if m.group(2) else "")
    m = re.match(rf"^(.*?)\s*\b{_KIND}\s+(.+)$", s)
    body, kind, place = (m.group(1), m.group(2), m.group(3)) if m and m.group(1) else (s, "", "")
    out = _case_body(body)
    if kind:
        out += f" {kind} {_case_place(place)}"
    return re.sub(r"\bviệt nam\b", "Việt Nam", out)


def _case_place(place: str) -> str:
    official = province_name(place)
    if official:
        return official
    return " ".join(w[:1].upper() + w[1:] for w in dash(place).split(" "))


@lru_cache(maxsize=1)
def _known_bodies() -> dict[str, str]:
    from ..data import issuer_codes

    return {fold(name): name for name, _level in issuer_codes().values()}


def _case_body(body: str) -> str:
    hit = _known_bodies().get(fold(body))
    if hit:
        return hit
    low = body[:1].upper() + body[1:]
    for head in _HEADS:
        h = head[:1].upper() + head[1:]
        if low.startswith(h + " ") and not low.startswith(("Ủy ban nhân dân", "Ủy ban Mặt trận")):
            rest = low[len(h) + 1:]
            rest = rest[:1].upper() + rest[1:]
            if head in _FIELD_HEADS:  # "Phòng Văn hóa và Thông tin": each field capitalized
                rest = re.sub(r"(,\s|\svà\s|\s-\s)(\w)", lambda m: m.group(1) + m.group(2).upper(), rest)
            return f"{h} {rest}"
    return low
