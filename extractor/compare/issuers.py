"""Issuers across the 2025 reorganisation: one key for one body before and after the merger.

From 1 July 2025 the 63 provinces became 34 (Nghị quyết 202/2025/QH15) and the
district level was abolished. "Sở Nội vụ tỉnh Yên Bái" (2024) and "Sở Nội vụ tỉnh
Lào Cai" (2026) are, for a researcher following a series, the same office under
a new province; their `issuer_key` is equal. The mapping is data
(`data/province_merge_2025.tsv`, a status and source per row), not code.

The key also follows the reorganisation of agencies (`agencies`, from 1 March 2025:
"Sở Tài nguyên và Môi trường tỉnh Yên Bái" → "so nong nghiep va moi truong@Lào Cai") and,
where the data has the commune, the commune merger (`communes`). When two old bodies
became one (Sở Tài nguyên và Môi trường and Sở Nông nghiệp và PTNT), both have the
successor's key: a later plan of the successor may continue either (the series picks
the more alike), but before the reorganisation they stay two issuers (`body` differs).
"""
from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass
from functools import lru_cache

from ..data import Table, checked_rows, provinces, read_table
from ..normalize import fold, strip_accents
from . import agencies, communes

MERGE_TABLE = "province_merge_2025.tsv"
# level words of a body below the province; a "thành phố X" that is no province is a district-level city
_DISTRICT = re.compile(r"\b(huyện|quận|thị xã|thành phố)\s+(\S.*?)(?=\s+(?:tỉnh|thành phố)\s|$)")
_COMMUNE = re.compile(r"\b(xã|phường|thị trấn|đặc khu)\s+(?!hội\b)\S")  # "Xã hội" of Sở LĐTBXH is no commune
_CENTRAL = re.compile(r"^(bộ|chính phủ|thủ tướng|quốc hội|ban chấp hành trung ương|văn phòng chính phủ"
                      r"|ủy ban thường vụ quốc hội)\b")
_ABBR = {"UBND": "Ủy ban nhân dân", "HĐND": "Hội đồng nhân dân", "TP.": "thành phố", "TP": "thành phố"}


@dataclass(frozen=True)
class Merge:
    old_name: str
    new_name: str
    new_kind: str
    status: str
    source: list[str]


@dataclass(frozen=True)
class IssuerKey:
    """`key` joins series; the other fields say how it was made (for the tables and for auditors)."""

    key: str
    body: str  # the body as written, folded, without its province (nor a known commune's district): "so tai nguyen va moi truong"
    province: str | None  # the province the text names (old name), e.g. "Yên Bái"
    province_now: str | None  # after 1 July 2025, e.g. "Lào Cai"
    level: str  # central | province | district | commune | unknown
    body_now: str = ""  # after the 2025 reorganisation of agencies and communes: "so nong nghiep va moi truong"
    since: str | None = None  # when `body_now` took over from `body` (YYYY-MM-DD); None when they are one


def _plain(s: str) -> str:
    """Case and diacritics folded, one space: the comparison form of a name."""
    s = strip_accents(fold(unicodedata.normalize("NFC", s)))
    s = re.sub(r"\s*-\s*", " - ", s)
    return re.sub(r"\s+", " ", s).strip(" ,.;:")


def merges_from(table: Table) -> dict[str, Merge]:
    """Old province (plain form) → its merger row; `DataError` on an unknown province or status, or a row whose
    source no `# source:` line declares."""
    out: dict[str, Merge] = {}
    rows = checked_rows(table, {"old_name": tuple(p["name"] for p in provinces()), "new_kind": ("tỉnh", "thành phố"),
                                "status": ("report_nq202", "plan_reported", "unverified")})
    for row in rows:
        out[_plain(row["old_name"])] = Merge(row["old_name"], row["new_name"], row["new_kind"], row["status"],
                                             [s for s in row["source"].split(";") if s])
    return out


@lru_cache(maxsize=1)
def merges() -> dict[str, Merge]:
    """Old province (plain form) → its merger row; every one of the 63."""
    return merges_from(read_table(MERGE_TABLE))


@lru_cache(maxsize=1)
def _names() -> dict[str, str]:
    """Plain form of every old and new province name → its written name, longest first (for searching)."""
    names: dict[str, str] = {}
    for m in merges().values():
        names[_plain(m.old_name)] = m.old_name
        names.setdefault(_plain(m.new_name), m.new_name)
    return dict(sorted(names.items(), key=lambda kv: -len(kv[0])))


def province_now(name: str | None) -> str | None:
    """The 2025 province a province name (old or new) belongs to; None when it is no province."""
    if not name:
        return None
    p = _plain(name)
    m = merges().get(p)
    if m:
        return m.new_name
    return next((x.new_name for x in merges().values() if _plain(x.new_name) == p), None)


def _find_province(text: str) -> tuple[str | None, int]:
    """The province a name ends with ("… tỉnh Yên Bái", "… thành phố Hải Phòng"): its name and where it starts."""
    for plain, name in _names().items():
        m = re.search(rf"(?:\b(?:tinh|thanh pho)\s+)?{re.escape(plain)}$", text)
        if m:
            return name, m.start()
    return None, -1


def _expand(s: str) -> str:
    for ab, full in _ABBR.items():
        s = re.sub(rf"(?<!\w){re.escape(ab)}(?!\w)", full, s)
    return s


def issuer_key(issuer: str | None, place: str | None = None) -> IssuerKey:
    """Key of an issuing body, stable across the 2025 merger: `body@new province`.

    `place` (the plan's địa danh) names the province when the issuer's name does not
    ("Sở Y tế" of a plan dated "Yên Bái, ngày …"). A district or commune keeps its own
    name in `body` (and `level` says so): "Ủy ban nhân dân huyện Văn Yên" of Yên Bái is
    "uy ban nhan dan huyen van yen@Lào Cai".
    """
    if not issuer:
        return IssuerKey("", "", None, None, "unknown")
    text = _plain(_expand(issuer))
    prov, at = _find_province(text)
    body = text[:at].strip(" ,-") if prov else text
    if prov is None and place:
        p = _plain(place)
        prov = _names().get(p)
    level = "unknown"
    if _CENTRAL.match(fold(_expand(issuer))) and prov is None:
        level = "central"
    elif _COMMUNE.search(fold(issuer)):
        level = "commune"
    elif _DISTRICT.search(fold(_expand(issuer))) and not _is_province_city(fold(_expand(issuer)), prov):
        level = "district"
    elif prov is not None:
        level = "province"
    body_now, since = body, None
    if level == "commune":
        hit = communes.successor(body, place, prov)
        if hit:
            body_now, body, row = hit
            since, prov = communes.EFFECTIVE, prov or row.old_province
    body_now, used = agencies.rename(body_now, prov)
    if used:
        since = max([since or ""] + [m.effective for m in used])
    now = province_now(prov)
    return IssuerKey(f"{body_now}@{now}" if now else body_now, body, prov, now, level, body_now, since)


def _is_province_city(folded: str, prov: str | None) -> bool:
    """"thành phố Hải Phòng" is the province itself, not a district-level city."""
    m = _DISTRICT.search(folded)
    return bool(m and m.group(1) == "thành phố" and prov and _plain(m.group(2)) == _plain(prov))


@lru_cache(maxsize=1)
def _old_to_new() -> tuple[re.Pattern, dict[str, str]]:
    """One pattern for every old province that has a new name, and old → new (plain forms)."""
    pairs = {_plain(m.old_name): _plain(m.new_name) for m in merges().values() if _plain(m.old_name) != _plain(m.new_name)}
    alts = "|".join(re.escape(o) for o in sorted(pairs, key=len, reverse=True))
    return re.compile(rf"(?<!\w)(?:{alts})(?!\w)"), pairs


@lru_cache(maxsize=1 << 16)
def canonical_name(name: str | None) -> str:
    """A name in comparison form with every old province written as its 2025 province:
    "Sở Tư pháp tỉnh Yên Bái" and "Sở Tư pháp tỉnh Lào Cai" compare equal."""
    s = _plain(_expand(name or ""))
    s = agencies.rename(s)[0]
    pat, new = _old_to_new()
    return pat.sub(lambda m: new[m.group(0)], s)


def reorganised(old: str, new: str) -> str | None:
    """Why two names that compare equal (`canonical_name`) differ, in a reader's words; None when they do not, or
    when they differ only in how one body is written ("Sở TN&MT" and "Sở Tài nguyên và Môi trường")."""
    a, b = _plain(_expand(old)), _plain(_expand(new))
    if a == b or canonical_name(old) != canonical_name(new):
        return None
    in_b = {m.old_name for m in agencies.rename(b)[1]}
    why = [f"{m.old_name} merged into {m.new_name}" for m in dict.fromkeys(agencies.rename(a)[1])
           if m.old_name not in in_b]
    pat, _ = _old_to_new()
    if pat.search(a) and not pat.search(b):
        why.append("province merged (NQ 202/2025/QH15)")
    return "renamed by the 2025 reorganisation: " + "; ".join(why) if why else None
