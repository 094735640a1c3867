"""Per-file outcomes to tables, a part at a time.

A corpus run never builds the rows of every file at once: `tables_in_parts` yields
the tables of `FILES_PER_PART` files (in the order of their `file` column, so the
parts concatenated are the sorted tables), loading each part's outcomes from the
cache only when it is built, and the error rows last. The run hands each part to
`TableWriter`; callers that want DataFrames concatenate the parts.
"""
from __future__ import annotations

from collections.abc import Callable, Iterator
from typing import TYPE_CHECKING

from ..tables import stream
from ..tables.stream import TableWriter, concat_tables
from .worker import Outcome

if TYPE_CHECKING:  # pandas is imported only when tables are built: a cached rerun needs none
    from ..tables.frames import Tables

Loader = Callable[[list[str]], dict[str, Outcome]]


def merge(files: list[str], outcomes: dict[str, Outcome], errors: list[dict], labels: dict[str, str] | None = None) -> Tables:
    """Outcomes in input order to tables; a cached outcome is re-labelled with this run's path
    (an archive member's with `archive.zip!member`)."""
    from ..tables.frames import Tables, frames_from_rows, record_rows

    rows: dict[str, list[dict]] = {n: [] for n in Tables.names()}
    for path in files:
        out = outcomes.get(path)
        if out is None:
            continue
        label = (labels or {}).get(path, path)
        if out.record is not None:
            for name, part in record_rows(out.record, label).items():
                rows[name].extend(part)
        else:
            rows["errors"].append(dict(out.error_row(), file=label))
    rows["errors"].extend(errors)
    return frames_from_rows(rows)


def tables_in_parts(files: list[str], labels: dict[str, str], errors: list[dict], load: Loader,
                    files_per_part: int | None = None) -> Iterator[Tables]:
    """The tables of `files`, part by part in `file` order, then one part with every error row."""
    from ..tables.frames import frames_from_rows

    files_per_part = files_per_part or stream.FILES_PER_PART
    order = sorted(files, key=lambda f: labels.get(f, f))
    failed: list[dict] = []
    for i in range(0, len(order), files_per_part):
        part = order[i:i + files_per_part]
        t = merge(part, load(part), [], labels)
        failed += [{k: (None if v != v else v) for k, v in row.items()} for row in t.errors.to_dict("records")]
        t.errors = t.errors.iloc[0:0]
        yield t
    yield frames_from_rows({"errors": failed + errors})


def whole(parts: Iterator[Tables]) -> Tables:
    return concat_tables(list(parts))


def write_tables(tables: Tables, out: str, fmt: str = "parquet", partitioned: bool = False) -> list[str]:
    """Write the chosen format and, always, the SQLite store `out/plans.sqlite`."""
    with TableWriter(out, fmt, partitioned) as w:
        w.add(tables)
    return w.paths
