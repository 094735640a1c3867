"""CSV sink: `DIR/<table>.csv`, UTF-8 with BOM so Excel opens Vietnamese text right.

A cell that opens with `=`, `+`, `-`, `@`, a tab or a carriage return would run as a
formula in a spreadsheet (CSV injection): it is written with a leading `'`, as OWASP
recommends, and `read_csv` takes that quote off again.

CSV has one empty cell for two things the tables keep apart: no value (null: a header
without "Nơi nhận", no page) and an empty text (a list with no items: a task with no
cooperating unit). So an empty cell is null, and an empty text is written as a lone `'`
(the same mark: "text follows", here none). A text that itself opens with `'` gets one
more, so the mark always comes off exactly once and every cell reads back as written.
"""
from __future__ import annotations

import os

import pandas as pd

from .atomic import write_atomic
from .frames import Tables


_RISKY = ("=", "+", "-", "@", "\t", "\r")
MARK = "'"  # text follows: a formula-like cell, an empty text (alone), a text opening with the mark


def _defuse(v):
    if isinstance(v, str) and (not v or v.startswith(_RISKY) or v.startswith(MARK)):
        return MARK + v
    return v


def _restore(v):
    return v[1:] if isinstance(v, str) and v.startswith(MARK) else v


def _texts(col: pd.Series) -> bool:
    return col.dtype == object or str(col.dtype).startswith("str")


def defuse(df: pd.DataFrame) -> pd.DataFrame:
    """Every text cell as the CSV holds it: formula-safe, an empty text marked (module docstring)."""
    return df if df.empty else df.apply(lambda col: col.map(_defuse) if _texts(col) else col)


def write_csv(tables: Tables, out: str) -> list[str]:
    paths = []
    for name, df in tables.items():
        path = os.path.join(out, f"{name}.csv")
        safe = defuse(df)
        write_atomic(path, lambda tmp, df=safe: df.to_csv(tmp, index=False, encoding="utf-8-sig"))
        paths.append(path)
    return paths


def read_csv(out: str) -> dict[str, pd.DataFrame]:
    out_tables = {}
    for n in Tables.names():
        df = pd.read_csv(os.path.join(out, f"{n}.csv"), encoding="utf-8-sig", dtype=str, keep_default_na=False, na_values=[""])
        out_tables[n] = df if df.empty else df.apply(lambda col: col.map(_restore))
    return out_tables
