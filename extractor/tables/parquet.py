"""Parquet sink: `DIR/<table>.parquet`, or `DIR/parquet/<table>/part-N.parquet` in parts.

Columns holding only nulls are typed from the record dataclasses' meaning
(text), so every part of a partitioned table has the same schema.
"""
from __future__ import annotations

import glob
import os

import pandas as pd

from .atomic import write_atomic
from .frames import CONF_FIELDS, Tables

INT_COLS = {"item", "page", "char_start", "char_end", "level", "mentions", "plan_year"}
FLOAT_COLS = {"ocr_conf", *(f"{f}_conf" for f in CONF_FIELDS)}
BOOL_COLS = {"header_ok"}


def typed(df: pd.DataFrame) -> pd.DataFrame:
    """One dtype per column whatever the rows: nullable ints, floats, strings."""
    out = {}
    for c in df.columns:
        if c in INT_COLS:
            out[c] = pd.to_numeric(df[c], errors="coerce").astype("Int64")
        elif c in FLOAT_COLS:
            out[c] = pd.to_numeric(df[c], errors="coerce").astype("float64")
        elif c in BOOL_COLS:
            out[c] = df[c].map(_truth).astype("boolean")
        else:
            out[c] = df[c].astype("string")
    return pd.DataFrame(out, columns=df.columns, index=df.index)


def _truth(v: object) -> bool | None:
    """A flag as written by any sink: a bool, or "True"/"False" read back from CSV or Excel."""
    if isinstance(v, str):
        return {"true": True, "false": False, "1": True, "0": False}.get(v.strip().lower())
    return None if v is None or pd.isna(v) else bool(v)


def write_parquet(tables: Tables, out: str) -> list[str]:
    paths = []
    for name, df in tables.items():
        path = os.path.join(out, f"{name}.parquet")
        write_atomic(path, lambda tmp, df=df: typed(df).to_parquet(tmp, index=False))
        paths.append(path)
    return paths


def write_parts(name: str, parts: list[pd.DataFrame], out: str) -> list[str]:
    """A partitioned table: one Parquet file per part, as Dask and Spark read them."""
    d = os.path.join(out, "parquet", name)
    os.makedirs(d, exist_ok=True)
    for old in glob.glob(os.path.join(d, "part-*.parquet")):
        os.unlink(old)
    paths = []
    for i, df in enumerate(parts):
        path = os.path.join(d, f"part-{i:05d}.parquet")
        write_atomic(path, lambda tmp, df=df: typed(df).to_parquet(tmp, index=False))
        paths.append(path)
    return paths


def read_parquet(out: str) -> dict[str, pd.DataFrame]:
    """Read tables back, whole files or partitioned folders."""
    res = {}
    for n in Tables.names():
        d = os.path.join(out, "parquet", n)
        res[n] = pd.read_parquet(d if os.path.isdir(d) else os.path.join(out, f"{n}.parquet"))
    return res
