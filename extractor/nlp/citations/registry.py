"""Check citations against the registry of central documents (extractor/data/registry.tsv).

The registry holds facts checked against a public page: code, date, issuer,
official title. A citation found there carries the official title
(`registry_title`), and one whose cited date disagrees with the registry gets
`registry_conflict` — the plan most likely copies a wrong date.
"""
from __future__ import annotations

import re

from ...records import Citation

_YEAR_IN_CODE = re.compile(r"/(?:19|20)\d\d/")


def _default() -> dict[str, dict[str, str]]:
    from ...data import registry

    return registry()  # a broken data file is a broken install: `DataError`, not a silently empty registry


def lookup(code: str | None, reg: dict[str, dict[str, str]] | None = None) -> dict[str, str] | None:
    if not code:
        return None
    return (_default() if reg is None else reg).get(code.casefold())


_LAW_TYPES = ("L", "BL", "PL", "HP")


def lookup_law(name: str | None, date: str | None, reg: dict[str, dict[str, str]] | None = None) -> dict[str, str] | None:
    """A law cited by name: the registry row with that title passed in the cited year.

    Laws are re-enacted under the same name (Luật Đất đai 2003, 2013, 2024), so
    a name alone is not enough: the year must agree; the day may not (that is
    the conflict an auditor wants to see).
    """
    if not name or not date:
        return None
    want = " ".join(name.split()).casefold()
    rows = [r for r in (_default() if reg is None else reg).values()
            if r.get("doc_type") in _LAW_TYPES and " ".join((r.get("title") or "").split()).casefold() == want
            and (r.get("date") or "")[:4] == date[:4]]
    return rows[0] if len(rows) == 1 else None


def check_registry(c: Citation, reg: dict[str, dict[str, str]] | None = None) -> Citation:
    """Fill `registry_title`; add `registry_conflict` when a cited date disagrees with the registry."""
    row = lookup(c.code, reg) or (lookup_law(c.name, c.date, reg) if c.name else None)
    if row is None:
        return c
    known = row.get("date") or ""
    cited = c.dates or ([c.date] if c.date else [])
    if c.code and not _YEAR_IN_CODE.search(c.code) and known and cited and all(d[:4] != known[:4] for d in cited):
        return c  # numbers without a year are reused every year (76/NQ-CP of 2013 and of 2021): another document
    c.registry_title = row.get("title") or None
    if known and any(d != known[: len(d)] for d in cited) and "registry_conflict" not in c.issues:
        c.issues.append("registry_conflict")
    return c
