"""Write the workflow notebooks from their cell lists in `notebooks/cells/*.py`.

The notebooks are generated, not edited in Jupyter: the cell lists are plain
Python that reviews and diffs like code, and the `.ipynb` files (nbformat 4.5,
no outputs, stable cell ids) come out byte for byte the same on every build.

    python notebooks/build.py            # rewrite notebooks/*.ipynb
    python notebooks/build.py --check    # exit 1 if a notebook is out of date
"""
from __future__ import annotations

import json
import runpy
import sys
from pathlib import Path

HERE = Path(__file__).resolve().parent
NAMES = ("analyst", "auditor", "researcher")
METADATA = {
    "kernelspec": {"display_name": "Python 3", "language": "python", "name": "python3"},
    "language_info": {"name": "python", "version": "3.11"},
}


def _lines(text: str) -> list[str]:
    """Jupyter's own layout: one string per line, each but the last ending in a newline."""
    lines = text.split("\n")
    return [ln + "\n" for ln in lines[:-1]] + [lines[-1]]


def notebook(name: str, cells: list[tuple]) -> dict:
    """`cells` are `(kind, source)` or `(kind, source, tags)`, kind `"md"` or `"code"`.

    The cell holding a notebook's inputs is tagged `parameters` (papermill's
    convention), so a runner can set them after it and before the rest.
    """
    out = []
    for i, (kind, source, *tags) in enumerate(cells):
        cell = {"cell_type": "markdown" if kind == "md" else "code", "id": f"{name}-{i:02d}",
                "metadata": {"tags": list(tags[0])} if tags else {}, "source": _lines(source.strip("\n"))}
        if kind == "code":
            cell.update(execution_count=None, outputs=[])
        out.append(cell)
    return {"cells": out, "metadata": METADATA, "nbformat": 4, "nbformat_minor": 5}


def render(name: str) -> str:
    """The notebook `name` as the JSON text written to `notebooks/<name>.ipynb`."""
    cells = runpy.run_path(str(HERE / "cells" / f"{name}.py"))["CELLS"]
    return json.dumps(notebook(name, cells), ensure_ascii=False, indent=1, sort_keys=True) + "\n"


def main(argv: list[str]) -> int:
    stale = []
    for name in NAMES:
        path, text = HERE / f"{name}.ipynb", render(name)
        if path.exists() and path.read_text(encoding="utf-8") == text:
            continue
        if "--check" in argv:
            stale.append(path.name)
        else:
            path.write_text(text, encoding="utf-8")
            print(f"wrote {path}")
    if stale:
        print(f"out of date: {', '.join(stale)} (run python notebooks/build.py)", file=sys.stderr)
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
