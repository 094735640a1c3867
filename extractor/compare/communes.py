"""Commune-level units across the 1 July 2025 merger, where a public page gives the list.

"Ủy ban nhân dân phường Thắng Nhì" of the former thành phố Vũng Tàu is, from 1 July 2025,
part of "phường Vũng Tàu" of thành phố Hồ Chí Minh. The facts are
`data/commune_merge_2025.tsv` (a status and source per row), which covers only the
units a cited page names; elsewhere a commune keeps its own name in its key.
A commune name is not unique in the country, so a row applies only when the text (the
issuer or its place) also names the old district the row gives.
"""
from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

from ..data import Table, checked_rows, provinces, read_table
from .agencies import plain

COMMUNE_TABLE = "commune_merge_2025.tsv"
STATUSES = ("enacted", "plan_named", "plan_only")
EFFECTIVE = "2025-07-01"  # the commune-level mergers took effect with the two-level local government
_LEVEL = r"(?:thanh pho|thi xa|huyen|quan)"


@dataclass(frozen=True)
class CommuneMove:
    old_province: str
    old_district: str
    old_name: str
    new_name: str
    status: str
    source: tuple[str, ...]


def moves_from(table: Table) -> tuple[CommuneMove, ...]:
    """The rows of `table`; `DataError` on an unknown province or status, an empty cell, an undeclared source."""
    rows = checked_rows(table, {"old_province": tuple(p["name"] for p in provinces()), "status": STATUSES})
    return tuple(CommuneMove(r["old_province"], r["old_district"], r["old_name"], r["new_name"], r["status"],
                             tuple(s for s in r["source"].split(";") if s)) for r in rows)


@lru_cache(maxsize=1)
def moves() -> tuple[CommuneMove, ...]:
    """Every row of commune_merge_2025.tsv."""
    return moves_from(read_table(COMMUNE_TABLE))


@lru_cache(maxsize=1)
def _by_name() -> dict[str, list[CommuneMove]]:
    out: dict[str, list[CommuneMove]] = {}
    for m in moves():
        out.setdefault(plain(m.old_name), []).append(m)
    return out


@lru_cache(maxsize=1)
def _pattern() -> re.Pattern:
    alts = "|".join(re.escape(n) for n in sorted(_by_name(), key=len, reverse=True))
    return re.compile(rf"(?<!\w)(?:{alts})(?!\w)")


def successor(body: str, place: str | None, province: str | None) -> tuple[str, str, CommuneMove] | None:
    """`body` (plain) with its old commune (and the old district after it) written as the new commune, `body`
    without that district (one old commune, however written), and the row used; None when no row applies: its
    old district must be named in `body` or be `place`, and its province, when `province` is known, must be it."""
    m = _pattern().search(body)
    if not m:
        return None
    rest = body[m.end():]
    for row in _by_name()[m.group(0)]:
        district = plain(row.old_district)
        named = re.match(rf"\s*,?\s*{_LEVEL}\s+{re.escape(district)}(?!\w)", rest)
        if not named and plain(place or "") != district:
            continue
        if province and plain(province) != plain(row.old_province):
            continue
        end = m.end() + (named.end() if named else 0)
        return (body[:m.start()] + plain(row.new_name) + body[end:], body[:m.end()] + body[end:], row)
    return None
