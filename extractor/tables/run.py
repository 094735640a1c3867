"""Run many files into tables: every good file in the tables, every bad one an error row."""
from __future__ import annotations

import os
import sys

from ..errors import ExtractError
from .frames import to_frames


def run(paths: list[str]):
    from .. import extract

    records, errors = [], []
    for p in paths:
        try:
            records.append(extract(p))
        except ExtractError as e:
            errors.append({"file": e.path, "stage": e.stage, "reason": e.reason})
            print(f"error: {e.path}: {e.stage}: {e.reason}", file=sys.stderr)
    return to_frames(records, errors), len(records), len(errors)


def run_to_dir(paths: list[str], out: str) -> tuple[int, int]:
    """Write one CSV per table to `out`, each atomically (write then rename)."""
    frames, n_ok, n_err = run(paths)
    os.makedirs(out, exist_ok=True)
    for name, df in frames.items():
        tmp = os.path.join(out, f".{name}.csv.tmp")
        df.to_csv(tmp, index=False)
        os.replace(tmp, os.path.join(out, f"{name}.csv"))
    return n_ok, n_err
