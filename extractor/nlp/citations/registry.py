"""Check citations against the registry of central documents (extractor/data/registry.tsv).

The registry holds facts checked against a public page: code, date, issuer,
official title. A citation found there carries the official title
(`registry_title`), and one whose cited date disagrees with the registry gets
`registry_conflict` — the plan most likely copies a wrong date.
"""
from __future__ import annotations

from ...records import Citation


def _default() -> dict[str, dict[str, str]]:
    try:
        from ...data import registry

        return registry()
    except Exception:  # a broken data file must not stop extraction
        return {}


def lookup(code: str | None, reg: dict[str, dict[str, str]] | None = None) -> dict[str, str] | None:
    if not code:
        return None
    return (_default() if reg is None else reg).get(code.casefold())


def check_registry(c: Citation, reg: dict[str, dict[str, str]] | None = None) -> Citation:
    """Fill `registry_title`; add `registry_conflict` when a cited date disagrees with the registry."""
    row = lookup(c.code, reg)
    if row is None:
        return c
    c.registry_title = row.get("title") or None
    known = row.get("date") or ""
    cited = c.dates or ([c.date] if c.date else [])
    if known and any(d != known[: len(d)] for d in cited) and "registry_conflict" not in c.issues:
        c.issues.append("registry_conflict")
    return c
