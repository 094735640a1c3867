"""One plan as the comparison reads it, made from the run's tables (one groupby per table).

Comparison reads tables, never records: a run folder, a notebook's DataFrames and two
JSON records (made into tables first) all go the same way.
"""
from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

import pandas as pd

from .issuers import IssuerKey, issuer_key

PARTS = ("sections", "tasks", "units", "citations", "targets")


@dataclass
class Plan:
    doc_id: str
    file: str
    issuer: str | None
    place: str | None
    title: str | None
    plan_year: int | None
    date: str | None
    code: str | None
    key: IssuerKey
    sections: list[dict[str, Any]] = field(default_factory=list)
    tasks: list[dict[str, Any]] = field(default_factory=list)
    units: list[dict[str, Any]] = field(default_factory=list)
    citations: list[dict[str, Any]] = field(default_factory=list)
    targets: list[dict[str, Any]] = field(default_factory=list)


def _val(v: Any) -> Any:
    return None if v is None or (isinstance(v, float) and pd.isna(v)) or v is pd.NA else v


def _year(v: Any) -> int | None:
    v = _val(v)
    try:
        return int(float(v)) if v is not None and str(v).strip() else None
    except ValueError:
        return None


def _rows(df: pd.DataFrame | None) -> dict[tuple[str, str], list[dict[str, Any]]]:
    out: dict[tuple[str, str], list[dict[str, Any]]] = {}
    if df is None or df.empty:
        return out
    if "item" in df.columns:
        df = df.assign(_item=pd.to_numeric(df["item"], errors="coerce")).sort_values(["file", "_item"], kind="stable")
    for rec in df.to_dict("records"):
        out.setdefault((str(rec.get("doc_id")), str(rec.get("file"))), []).append({k: _val(v) for k, v in rec.items()})
    return out


def plans_from_tables(tables: Any) -> list[Plan]:
    """Every document of `tables` (a `Tables`, or a dict of DataFrames) as a `Plan`, in file order."""
    get = (lambda n: tables.get(n)) if isinstance(tables, dict) else (lambda n: getattr(tables, n, None))
    docs = get("documents")
    parts = {p: _rows(get(p)) for p in PARTS}
    out = []
    for d in ([] if docs is None else docs.to_dict("records")):
        d = {k: _val(v) for k, v in d.items()}
        ident = (str(d.get("doc_id")), str(d.get("file")))
        secs = [s for s in parts["sections"].get(ident, []) if s.get("label_source") != "classifier"]
        out.append(Plan(ident[0], ident[1], d.get("issuer"), d.get("place"), d.get("title"), _year(d.get("plan_year")),
                        d.get("date"), d.get("code"), issuer_key(d.get("issuer"), d.get("place")), secs,
                        parts["tasks"].get(ident, []), parts["units"].get(ident, []),
                        parts["citations"].get(ident, []), parts["targets"].get(ident, [])))
    return sorted(out, key=lambda p: p.file)
