"""CSV sink: `DIR/<table>.csv`, UTF-8 with BOM so Excel opens Vietnamese text right."""
from __future__ import annotations

import os

import pandas as pd

from .atomic import write_atomic
from .frames import Tables


def write_csv(tables: Tables, out: str) -> list[str]:
    paths = []
    for name, df in tables.items():
        path = os.path.join(out, f"{name}.csv")
        write_atomic(path, lambda tmp, df=df: df.to_csv(tmp, index=False, encoding="utf-8-sig"))
        paths.append(path)
    return paths


def read_csv(out: str) -> dict[str, pd.DataFrame]:
    return {n: pd.read_csv(os.path.join(out, f"{n}.csv"), encoding="utf-8-sig", dtype=str) for n in Tables.names()}
