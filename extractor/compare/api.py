"""`extractor.compare(tables)` and `kh-extract compare`: series, diffs and targets as tables.

The comparison reads a run's tables and writes three more beside them, in the run's
current generation (so they belong to the run they were made from; a new run starts
a generation without them): `plan_series`, `plan_diffs`, and `targets` when the run
predates it. The generation's manifest is rewritten to list them.
"""
from __future__ import annotations

import os
import sqlite3
from dataclasses import dataclass, fields
from typing import Any

import pandas as pd

from .diffs import COLUMNS as DIFF_COLUMNS
from .diffs import diff_plans
from .plans import Plan, plans_from_tables
from .series import link_series

TABLES = ("documents", "sections", "citations", "units", "tasks", "targets")
TARGET_COLUMNS = ["doc_id", "file", "item", "indicator", "value", "unit", "comparator", "by", "text", "section", "task",
                  "page", "char_start", "char_end", "ocr_conf"]


@dataclass
class Comparison:
    """The comparison's tables; `items()` as the sinks expect of `Tables`."""

    plan_series: pd.DataFrame
    targets: pd.DataFrame
    plan_diffs: pd.DataFrame

    def items(self):
        return [(f.name, getattr(self, f.name)) for f in fields(self)]


def diff_rows(a: Plan, b: Plan, series_id: str | None = None, kept: bool = True) -> list[dict[str, Any]]:
    """`plan_diffs` rows for one pair of plans (`a` the earlier)."""
    return [{"series_id": series_id, "a_doc_id": a.doc_id, "b_doc_id": b.doc_id, "a_file": a.file, "b_file": b.file,
             "part": r.part, "change": r.change, "key": r.key, "a_value": r.a_value, "b_value": r.b_value,
             "detail": r.detail} for r in diff_plans(a, b) if kept or r.change != "kept"]


def compare(tables: Any, kept: bool = True) -> Comparison:
    """Series of the plans in `tables` (a `Tables` or a dict of DataFrames) and the diffs along each.

    `kept=False` leaves unchanged items out of `plan_diffs`.
    """
    plans = plans_from_tables(tables)
    series = link_series(plans)
    by_id = {(p.doc_id, p.file): p for p in plans}
    rows: list[dict[str, Any]] = []
    for r in series.itertuples(index=False):
        if r.prev_doc_id is not None and not pd.isna(r.prev_doc_id):
            rows += diff_rows(by_id[(r.prev_doc_id, r.prev_file)], by_id[(r.doc_id, r.file)], r.series_id, kept)
    get = tables.get if isinstance(tables, dict) else (lambda n: getattr(tables, n, None))
    targets = get("targets")
    if targets is None:
        targets = pd.DataFrame(columns=TARGET_COLUMNS)
    return Comparison(series, targets, pd.DataFrame(rows, columns=DIFF_COLUMNS))


def compare_records(a, b) -> list[dict[str, Any]]:
    """Diff rows of two `PlanRecord`s (whatever their issuers and years), `a` the earlier."""
    from ..tables.frames import to_frames

    pa, pb = plans_from_tables(to_frames([a, b]))
    if pa.file == b.file and pb.file == a.file and a.file != b.file:  # plans come back in file order
        pa, pb = pb, pa
    return diff_rows(pa, pb)


# ---- a run's folder ------------------------------------------------------------------
def read_run(out: str) -> tuple[str, dict[str, pd.DataFrame]]:
    """The current generation of `out` and the tables comparison needs, from its SQLite store
    (written by every run, whatever the table format)."""
    from ..runner.generations import read_dir
    from ..tables.sqlite import DB_NAME

    gen = read_dir(out)
    db = os.path.join(gen, DB_NAME)
    if not os.path.exists(db):
        raise FileNotFoundError(f"{out}: no {DB_NAME} (run `kh-extract run … --out {out}` first)")
    con = sqlite3.connect(f"file:{db}?mode=ro", uri=True)
    try:
        have = {r[0] for r in con.execute("SELECT name FROM sqlite_master WHERE type='table'")}
        tables = {n: pd.read_sql_query(f'SELECT * FROM "{n}"', con) for n in TABLES if n in have}
    finally:
        con.close()
    return gen, tables


def write_run(out: str, result: Comparison) -> list[str]:
    """Write the comparison into `out`'s current generation with the run's own sinks, reseal it."""
    import json

    from ..runner.generations import MANIFEST, commit, current, locked
    from ..tables.atomic import write_atomic
    from ..tables.csv import write_csv
    from ..tables.parquet import write_parquet
    from ..tables.sqlite import DB_NAME, INDEXES

    gen = current(out) or out
    with locked(out):
        written: list[str] = []
        new = Comparison(result.plan_series, result.targets, result.plan_diffs)
        if os.path.exists(os.path.join(gen, "documents.parquet")):
            written += write_parquet(new, gen)
        if os.path.exists(os.path.join(gen, "documents.csv")):
            written += write_csv(new, gen)
        if os.path.exists(os.path.join(gen, "plans.xlsx")):
            written += _write_xlsx(new, gen)
        db = os.path.join(gen, DB_NAME)
        if os.path.exists(db):
            def add(tmp: str) -> None:
                import shutil

                shutil.copyfile(db, tmp)
                con = sqlite3.connect(tmp)
                try:
                    for name, df in new.items():
                        df.to_sql(name, con, index=False, if_exists="replace")
                        for col in INDEXES.get(name, []):
                            con.execute(f'CREATE INDEX IF NOT EXISTS "ix_{name}_{col}" ON "{name}" ("{col}")')
                    con.commit()
                finally:
                    con.close()
            write_atomic(db, add)
            written.append(db)
        if gen != out:
            with open(os.path.join(gen, MANIFEST), encoding="utf-8") as f:
                man = json.load(f)
            commit(out, gen, man.get("manifest", ""), int(man.get("errors") or 0))
            written = [os.path.join(out, os.path.relpath(p, gen)) for p in written]
        return written


def _write_xlsx(tables: Comparison, gen: str) -> list[str]:
    """`compare.xlsx` beside `plans.xlsx` (the Excel sink writes one workbook per call)."""
    import tempfile

    from ..tables.excel import write_excel

    with tempfile.TemporaryDirectory(dir=gen, prefix=".tmp-") as d:
        (path,) = write_excel(tables, d)
        dest = os.path.join(gen, "compare.xlsx")
        os.replace(path, dest)
    return [dest]
