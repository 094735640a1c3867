"""Excel sink: `DIR/plans.xlsx`, one sheet per table, header frozen, columns readable."""
from __future__ import annotations

import os

import pandas as pd

from .atomic import write_atomic
from .frames import Tables

MAX_WIDTH = 60
MAX_CELL = 32_767  # Excel refuses longer cells


def _cut(v: str) -> str:
    """A text longer than a cell holds: cut, and says so with its full length."""
    mark = f" … [cut: {len(v):,} characters; Parquet, CSV and plans.sqlite hold the whole text]"
    return v[:MAX_CELL - len(mark)] + mark


def _clip(df: pd.DataFrame) -> pd.DataFrame:
    df = df.copy()
    for c in df.columns:
        if df[c].dtype == object or str(df[c].dtype).startswith("str"):
            df[c] = df[c].map(lambda v: _cut(v) if isinstance(v, str) and len(v) > MAX_CELL else v)
    return df


def _as_text(ws) -> None:
    """Plan text is never a formula: a cell that opens with "=" is typed as a string."""
    for row in ws.iter_rows(min_row=2):
        for cell in row:
            if cell.data_type == "f":
                cell.data_type = "s"


def _write(tables: Tables, path: str) -> None:
    with pd.ExcelWriter(path, engine="openpyxl") as xw:
        for name, df in tables.items():
            _clip(df).to_excel(xw, sheet_name=name, index=False)
            ws = xw.sheets[name]
            _as_text(ws)
            ws.freeze_panes = "A2"
            for i, col in enumerate(df.columns, start=1):
                sample = [len(str(col))] + [len(str(v)) for v in df[col].head(200) if v is not None]
                ws.column_dimensions[ws.cell(1, i).column_letter].width = min(MAX_WIDTH, max(sample) + 2)


def write_excel(tables: Tables, out: str) -> list[str]:
    path = os.path.join(out, "plans.xlsx")
    write_atomic(path, lambda tmp: _write(tables, tmp))
    return [path]


def read_excel(out: str) -> dict[str, pd.DataFrame]:
    return pd.read_excel(os.path.join(out, "plans.xlsx"), sheet_name=None, dtype=str)
