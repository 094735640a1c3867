"""A corpus run: inputs → hash → cache or workers → per-file outcomes → tables → sinks.

Every per-file result is cached (atomically) the moment it arrives and the
tables are built only from the cache's outcomes in file order, so a run killed
at any point and started again produces the same tables as one that was never
interrupted, and redoes only the files it had not finished.
"""
from __future__ import annotations

import json
import os
import time
from dataclasses import asdict, dataclass, field

from ..build import file_hash
from ..tables.frames import Tables, frames_from_rows, record_rows
from .cache import Cache
from .inputs import expand
from .progress import Progress
from .worker import Outcome

FORMATS = ("parquet", "csv", "xlsx", "sqlite")


@dataclass
class RunStats:
    files: int = 0
    cached: int = 0
    extracted: int = 0
    errors: int = 0
    seconds: float = 0.0
    worker_pids: list[int] = field(default_factory=list)


def _hash(path: str) -> tuple[str | None, dict | None]:
    try:
        return file_hash(path), None
    except IsADirectoryError:
        reason = "is a directory"
    except FileNotFoundError:
        reason = "no such file"
    except PermissionError:
        reason = "permission denied"
    except OSError as e:
        reason = f"cannot read: {e.strerror or e}"
    return None, {"file": path, "stage": "read", "reason": reason, "doc_id": None}


def extract_all(
    inputs: list[str],
    cache_dir: str | None = None,
    workers: int | None = None,
    force: bool = False,
    timeout: float | None = 120.0,
    max_memory_mb: int | None = 2048,
    engine: str = "local",
    scheduler: str | None = None,
    quiet: bool = True,
    skip: list[str] | None = None,
) -> tuple[Tables, RunStats]:
    """Extract every input file into tables (no writing besides the cache)."""
    t0 = time.monotonic()
    files, errors = expand(inputs, skip=skip)
    stats = RunStats(files=len(files) + len(errors))
    cache = Cache(cache_dir) if cache_dir else None
    outcomes: dict[str, Outcome] = {}
    todo: list[tuple[str, str | None]] = []
    for path in files:
        doc_id, err = _hash(path)
        if err:
            errors.append(err)
            continue
        hit = None if force or cache is None else cache.get(doc_id)
        if hit is not None:
            outcomes[path] = hit
            stats.cached += 1
        else:
            todo.append((path, doc_id))

    progress = Progress(len(todo), quiet=quiet)

    def done(out: Outcome) -> None:
        if cache is not None:
            cache.put(out)
        outcomes[out.path] = out
        progress.update(out.record is None)

    try:
        if engine == "dask":
            from .dask_engine import run_dask

            run_dask(todo, done, scheduler, timeout)
        else:
            from .pool import WorkerPool

            pool = WorkerPool(workers or os.cpu_count() or 1, timeout=timeout, max_memory_mb=max_memory_mb)
            pool.map(todo, done)
            stats.worker_pids = pool.stats.pids
    finally:
        progress.close()
    stats.extracted = len(todo)
    tables = merge(files, outcomes, errors)
    stats.errors = len(tables.errors)
    stats.seconds = time.monotonic() - t0
    return tables, stats


def merge(files: list[str], outcomes: dict[str, Outcome], errors: list[dict]) -> Tables:
    """Outcomes in input order to tables; a cached outcome is re-labelled with this run's path."""
    rows: dict[str, list[dict]] = {n: [] for n in Tables.names()}
    for path in files:
        out = outcomes.get(path)
        if out is None:
            continue
        if out.record is not None:
            for name, part in record_rows(out.record, path).items():
                rows[name].extend(part)
        else:
            rows["errors"].append(dict(out.error_row(), file=path))
    rows["errors"].extend(errors)
    return frames_from_rows(rows)


def write_tables(tables: Tables, out: str, fmt: str = "parquet", partitioned: bool = False) -> list[str]:
    """Write the chosen format and, always, the SQLite store `out/plans.sqlite`."""
    from ..tables.sqlite import write_sqlite

    os.makedirs(out, exist_ok=True)
    written = write_sqlite(tables, out)
    if fmt == "parquet":
        from ..tables.parquet import write_parquet, write_parts

        if partitioned:
            written += [p for name, df in tables.items() for p in write_parts(name, _parts(df), out)]
        else:
            written += write_parquet(tables, out)
    elif fmt == "csv":
        from ..tables.csv import write_csv

        written += write_csv(tables, out)
    elif fmt == "xlsx":
        from ..tables.excel import write_excel

        written += write_excel(tables, out)
    elif fmt != "sqlite":
        raise ValueError(f"unknown format {fmt!r} (one of {', '.join(FORMATS)})")
    return written


def _parts(df, files_per_part: int = 500):
    """Split a table into parts by file, so a document's rows stay in one part."""
    if df.empty:
        return [df]
    files = list(dict.fromkeys(df["file"]))
    parts = []
    for i in range(0, len(files), files_per_part):
        chunk = set(files[i : i + files_per_part])
        parts.append(df[df["file"].isin(chunk)])
    return parts


def run_corpus(inputs: list[str], out: str, fmt: str = "parquet", **kw) -> tuple[Tables, RunStats]:
    """`kh-extract run`: extract, cache under `out/.cache`, write the tables and `out/run.json`."""
    from ..tables.atomic import write_atomic

    kw.setdefault("cache_dir", os.path.join(out, ".cache"))
    tables, stats = extract_all(inputs, skip=[out], **kw)
    write_tables(tables, out, fmt, partitioned=kw.get("engine") == "dask")
    data = json.dumps(asdict(stats), indent=1)
    write_atomic(os.path.join(out, "run.json"), lambda tmp: open(tmp, "w").write(data))
    return tables, stats
