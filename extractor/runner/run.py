"""A corpus run: inputs → hash → cache or workers → per-file outcomes → tables → sinks.

Every per-file result is cached (atomically) the moment it arrives and the
tables are built only from the cache's outcomes in file order, so a run killed
at any point and started again produces the same tables as one that was never
interrupted, and redoes only the files it had not finished.
"""
from __future__ import annotations

import hashlib
import json
import os
import time
from dataclasses import asdict, dataclass, field

from ..build import file_hash
from typing import TYPE_CHECKING

from .cache import Cache, code_version
from .inputs import collect
from .progress import Progress
from .worker import Outcome

if TYPE_CHECKING:  # pandas is imported only when tables are built: a cached rerun needs none
    from ..tables.frames import Tables

FORMATS = ("parquet", "csv", "xlsx", "sqlite")


@dataclass
class RunStats:
    files: int = 0
    cached: int = 0
    extracted: int = 0
    errors: int = 0
    skipped: int = 0  # files in the input folders that are not documents
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


@dataclass
class _Batch:
    """What a run found: files in order, error rows so far, cache hits (path → doc_id), outcomes."""

    files: list[str]
    errors: list[dict]
    labels: dict[str, str] = field(default_factory=dict)  # unpacked archive member -> "a.zip!member"
    hits: dict[str, str] = field(default_factory=dict)
    outcomes: dict[str, Outcome] = field(default_factory=dict)


def _execute(todo, batch: _Batch, cache: Cache | None, stats: RunStats, opts: dict) -> None:
    """Run the files in `todo` on the chosen engine, caching each outcome as it arrives."""
    progress = Progress(len(todo), quiet=opts["quiet"])

    def done(out: Outcome) -> None:
        if cache is not None:
            cache.put(out)
        batch.outcomes[out.path] = out
        progress.update(out.record is None)

    try:
        if opts["engine"] == "dask":
            from .dask_engine import run_dask

            run_dask(todo, done, opts["scheduler"], opts["timeout"])
        elif todo:
            from .pool import WorkerPool

            pool = WorkerPool(opts["workers"] or os.cpu_count() or 1, timeout=opts["timeout"],
                              max_memory_mb=opts["max_memory_mb"])
            pool.map(todo, done)
            stats.worker_pids += pool.stats.pids
    finally:
        progress.close()
    stats.extracted += len(todo)


def _collect(inputs, cache: Cache | None, force: bool, skip, stats: RunStats, opts: dict) -> _Batch:
    """List and hash the inputs, then extract what the cache does not hold (hits are not loaded)."""
    unpack = os.path.join(os.path.dirname(cache.dir), "archives") if cache is not None else None  # beside the cache
    found = collect(inputs, skip=skip, unpack_dir=unpack)
    files, errors = found.files, found.errors
    batch = _Batch(files, errors, found.labels)
    stats.files = len(files) + len(errors)
    stats.skipped = len(found.skipped)
    todo: list[tuple[str, str | None]] = []
    for path in files:
        doc_id, err = _hash(path)
        if err:
            errors.append(err)
        elif not force and cache is not None and cache.has(doc_id):
            batch.hits[path] = doc_id
        else:
            todo.append((path, doc_id))
    stats.cached = len(batch.hits)
    _execute(todo, batch, cache, stats, opts)
    return batch


def _load_hits(batch: _Batch, cache: Cache | None, stats: RunStats, opts: dict) -> None:
    """Read the cached outcomes; an entry that cannot be read is extracted again."""
    again = []
    for path, doc_id in batch.hits.items():
        out = cache.get(doc_id) if cache is not None else None
        if out is None:
            again.append((path, doc_id))
        else:
            batch.outcomes[path] = out
    if again:
        stats.cached -= len(again)
        _execute(again, batch, cache, stats, opts)


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
    opts = dict(workers=workers, timeout=timeout, max_memory_mb=max_memory_mb, engine=engine, scheduler=scheduler, quiet=quiet)
    t0 = time.monotonic()
    stats = RunStats()
    cache = Cache(cache_dir) if cache_dir else None
    batch = _collect(inputs, cache, force, skip, stats, opts)
    _load_hits(batch, cache, stats, opts)
    tables = merge(batch.files, batch.outcomes, batch.errors, batch.labels)
    stats.errors = len(tables.errors)
    stats.seconds = time.monotonic() - t0
    return tables, stats


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


def _manifest(batch: _Batch, fmt: str, partitioned: bool) -> str:
    """What the tables are made of: the files, their content hashes, the code, the format."""
    ids = {p: o.doc_id for p, o in batch.outcomes.items()} | batch.hits
    key = [code_version(), fmt, partitioned, [(batch.labels.get(f, f), ids.get(f)) for f in batch.files],
           sorted(map(str, batch.errors))]
    return hashlib.sha256(json.dumps(key, default=str).encode()).hexdigest()[:16]


def input_key(inputs: list[str]) -> list[str]:
    """The inputs of a run as absolute paths (globs kept as patterns), sorted: what `run` compares
    to tell a rerun of the same corpus from another corpus sent to the same --out."""
    return sorted({os.path.abspath(p).rstrip(os.sep) or os.sep for p in inputs})


def run_corpus(inputs: list[str], out: str, fmt: str = "parquet", need_tables: bool = True,
               **kw) -> tuple[Tables | None, RunStats]:
    """`kh-extract run`: extract, cache under `out/.cache`, write the tables and `out/run.json`.

    The tables go into a new generation folder made current when complete
    (`generations.py`), under a lock on `out`. When nothing changed since the last run
    (same files, same contents, same code, same format) and the current generation is
    complete, its tables are already the answer: they are not rebuilt, and with
    `need_tables=False` not even read (the CLI's cached rerun).
    """
    from ..tables.atomic import write_atomic
    from . import generations as gens

    with gens.locked(out):
        gens.cleanup(out)
        t0 = time.monotonic()
        opts = {k: kw.get(k, d) for k, d in (("workers", None), ("timeout", 120.0), ("max_memory_mb", 2048), ("engine", "local"),
                                             ("scheduler", None), ("quiet", True))}
        cache = Cache(kw.get("cache_dir") or os.path.join(out, ".cache"))
        stats = RunStats()
        partitioned = opts["engine"] == "dask"
        batch = _collect(inputs, cache, kw.get("force", False), [out], stats, opts)
        manifest = _manifest(batch, fmt, partitioned)
        done = gens.verify(out, manifest) if stats.extracted == 0 else None
        tables = None
        if done is not None:
            stats.errors = done.get("errors", 0)
            outputs = done["outputs"]
        else:
            _load_hits(batch, cache, stats, opts)
            tables = merge(batch.files, batch.outcomes, batch.errors, batch.labels)
            stats.errors = len(tables.errors)
            gen = gens.new_generation(out)
            write_tables(tables, gen, fmt, partitioned=partitioned)
            outputs = gens.commit(out, gen, manifest, stats.errors)
            gens.cleanup(out)
        if tables is None and need_tables:
            _load_hits(batch, cache, stats, opts)
            tables = merge(batch.files, batch.outcomes, batch.errors, batch.labels)
        stats.seconds = time.monotonic() - t0
        data = json.dumps({**asdict(stats), "inputs": input_key(inputs), "cwd": os.getcwd(), "manifest": manifest,
                           "generation": os.path.basename(gens.current(out) or ""), "outputs": outputs}, indent=1)
        write_atomic(os.path.join(out, "run.json"), lambda tmp: open(tmp, "w").write(data))
    return tables, stats
