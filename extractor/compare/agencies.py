"""The 2025 reorganisation of agencies: which old Sở or Bộ a body continues, as data.

From 1 March 2025 the provinces' specialised agencies were merged (Sở Tài nguyên và Môi
trường and Sở Nông nghiệp và Phát triển nông thôn became Sở Nông nghiệp và Môi trường, …)
and so were the ministries (NQ 176/2025/QH15). A researcher following "Sở Nông nghiệp và
Phát triển nông thôn tỉnh X" into 2026 finds it as "Sở Nông nghiệp và Môi trường tỉnh X";
`rename` writes a name as its successor's, so both have one `issuer_key` and a diff reads
the change as a rename. The facts are `data/agency_merge_2025.tsv` (a status and source per
row); a body whose functions only partly moved (`part_to`) keeps its name here.
"""
from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

from ..data import DataError, Table, checked_rows, provinces, read_table
from ..normalize import fold, strip_accents

AGENCY_TABLE = "agency_merge_2025.tsv"
LEVELS = ("province", "central")
RELATIONS = ("merged_into", "continues", "part_to")
STATUSES = ("national", "national_plan", "local")
_DATE = re.compile(r"^20\d\d-[01]\d-[0-3]\d$")
# "Ban Dân tộc" of the provincial People's Council is a council committee, not the agency
_NOT_COUNCIL = r"(?!\s+(?:cua\s+|thuoc\s+)?(?:hoi dong nhan dan|hdnd))"


@dataclass(frozen=True)
class Move:
    level: str
    province: str  # "*" or one pre-merger province
    old_name: str
    new_name: str
    relation: str
    functions: str
    effective: str
    status: str
    aliases: tuple[str, ...]
    source: tuple[str, ...]


def plain(s: str) -> str:
    """The comparison form of a name (as `issuers._plain`): folded, no diacritics, one space."""
    s = strip_accents(fold(s))
    s = re.sub(r"\s*-\s*", " - ", s)
    return re.sub(r"\s+", " ", s).strip(" ,.;:")


def moves_from(table: Table) -> tuple[Move, ...]:
    """The rows of `table` as moves; `DataError` on an unknown level/relation/status/province, a bad date, a
    `part_to` without its functions, or a row without a declared source."""
    names = tuple(p["name"] for p in provinces()) + ("*",)
    rows = checked_rows(table, {"level": LEVELS, "relation": RELATIONS, "status": STATUSES, "province": names},
                        optional=("functions", "aliases"))
    out = []
    for r in rows:
        if not _DATE.match(r["effective"]):
            raise DataError(f"{table.name}: effective {r['effective']!r} is not YYYY-MM-DD: {r}")
        if (r["relation"] == "part_to") != bool(r["functions"]):
            raise DataError(f"{table.name}: `functions` is for part_to rows, and they need it: {r}")
        if r["relation"] == "continues" and r["old_name"] != r["new_name"]:
            raise DataError(f"{table.name}: a `continues` row names one body twice: {r}")
        out.append(Move(r["level"], r["province"], r["old_name"], r["new_name"], r["relation"], r["functions"],
                        r["effective"], r["status"], tuple(a for a in r["aliases"].split(";") if a),
                        tuple(s for s in r["source"].split(";") if s)))
    return tuple(out)


@lru_cache(maxsize=1)
def moves() -> tuple[Move, ...]:
    """Every row of agency_merge_2025.tsv."""
    return moves_from(read_table(AGENCY_TABLE))


@lru_cache(maxsize=1)
def _patterns() -> dict[str, tuple[re.Pattern, dict[str, Move]]]:
    """Scope ("*" or a province, plain) → one pattern of the old names and aliases that were merged, and form → move."""
    forms: dict[str, dict[str, Move]] = {}
    for m in moves():
        if m.relation != "merged_into":
            continue
        scope = forms.setdefault(plain(m.province) if m.province != "*" else "*", {})
        for f in (m.old_name,) + m.aliases:
            scope[plain(f)] = m
    out = {}
    for scope, by_form in forms.items():
        alts = "|".join(re.escape(f) for f in sorted(by_form, key=len, reverse=True))
        out[scope] = (re.compile(rf"(?<!\w)(?:{alts})(?!\w){_NOT_COUNCIL}"), by_form)
    return out


def rename(text: str, province: str | None = None) -> tuple[str, list[Move]]:
    """`text` (plain form) with every merged agency written as its successor, and the moves used.

    A province's own row (TP. Hồ Chí Minh's) comes first when `province` (pre-merger, any form) is that province,
    or, with no `province`, when `text` names it."""
    used: list[Move] = []
    pats = _patterns()
    own = plain(province) if province else None
    scopes = [p for p in pats if p != "*" and (p == own if own else p in text)] + ["*"]
    for scope in scopes:
        if scope not in pats:
            continue
        pat, by_form = pats[scope]

        def sub(m: re.Match, by_form: dict[str, Move] = by_form) -> str:
            move = by_form[m.group(0)]
            used.append(move)
            return plain(move.new_name)

        text = pat.sub(sub, text)
    return text, used


@lru_cache(maxsize=1)
def new_only() -> re.Pattern:
    """The successor names that no body had before the reorganisation (Sở Nông nghiệp và Môi trường, …):
    a plan signed by one is of the merged body even when it carries no date."""
    old = {plain(m.old_name) for m in moves()}
    new = sorted({plain(m.new_name) for m in moves() if m.relation == "merged_into"} - old, key=len, reverse=True)
    return re.compile(rf"(?<!\w)(?:{'|'.join(re.escape(n) for n in new)})(?!\w)")


@lru_cache(maxsize=1)
def _part_patterns() -> tuple[tuple[Move, re.Pattern], ...]:
    """Each `part_to` move with a pattern of its old body's written forms (its own and its merged_into row's aliases)."""
    out = []
    for m in moves():
        if m.relation != "part_to":
            continue
        forms = {plain(m.old_name)} | {plain(a) for o in moves() if o.old_name == m.old_name for a in o.aliases}
        alts = "|".join(re.escape(f) for f in sorted(forms, key=len, reverse=True))
        out.append((m, re.compile(rf"(?<!\w)(?:{alts})(?!\w)")))
    return tuple(out)


def part_successors(text: str) -> list[tuple[Move, str]]:
    """For a name (plain form), each `part_to` move of the body it names, with the name written with that body's
    partial successor instead ("so lao dong - … tinh lang son" → "so y te tinh lang son")."""
    return [(m, pat.sub(plain(m.new_name), text)) for m, pat in _part_patterns() if pat.search(text)]
