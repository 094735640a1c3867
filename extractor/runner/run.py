"""A corpus run: inputs → hash → cache or workers → per-file outcomes → tables → sinks.

Every per-file result is cached (atomically) the moment it arrives and the
tables are built only from the cache's outcomes in file order, so a run killed
at any point and started again produces the same tables as one that was never
interrupted, and redoes only the files it had not finished. An outcome the cache
took is dropped from memory; the tables are built and written a part of 500 files
at a time (`assemble.py`, `tables/stream.py`), so the main process's memory stays
flat however many files the run has.
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
    outcomes: dict[str, Outcome] = field(default_factory=dict)  # held in memory: not (yet) in the cache
    stored: dict[str, str] = field(default_factory=dict)  # extracted by this run and in the cache (path → doc_id)


def _execute(todo, batch: _Batch, cache: Cache | None, stats: RunStats, opts: dict, keep: bool = False) -> None:
    """Run the files in `todo` on the chosen engine, caching each outcome as it arrives; an outcome
    the cache took is not kept in memory (unless `keep`): the tables load it again a part at a time."""
    progress = Progress(len(todo), quiet=opts["quiet"])

    def done(out: Outcome) -> None:
        if cache is not None and cache.put(out) and not keep:
            batch.stored[out.path] = out.doc_id
            batch.outcomes.pop(out.path, None)
        else:
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


def _loader(batch: _Batch, cache: Cache | None, stats: RunStats, opts: dict):
    """Outcomes of a part's files: held in memory, or read from the cache (verified); an entry that
    cannot be read is extracted again."""

    def load(part: list[str]) -> dict[str, Outcome]:
        outs: dict[str, Outcome] = {}
        again = []
        for path in part:
            out = batch.outcomes.get(path)
            doc_id = batch.stored.get(path) or batch.hits.get(path)
            if out is None and doc_id is not None:
                out = cache.get(doc_id) if cache is not None else None
                if out is None:
                    again.append((path, doc_id))
                    stats.cached -= path in batch.hits
            if out is not None:
                outs[path] = out
        if again:
            _execute(again, batch, cache, stats, opts, keep=True)
            outs.update({p: batch.outcomes.pop(p) for p, _ in again if p in batch.outcomes})
        return outs

    return load


def _parts(batch: _Batch, cache: Cache | None, stats: RunStats, opts: dict):
    from .assemble import tables_in_parts

    return tables_in_parts(batch.files, batch.labels, batch.errors, _loader(batch, cache, stats, opts))


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
    from .assemble import whole

    tables = whole(_parts(batch, cache, stats, opts))
    stats.errors = len(tables.errors)
    stats.seconds = time.monotonic() - t0
    return tables, stats


def merge(files, outcomes, errors, labels=None):
    """Outcomes to tables, all at once (`assemble.merge`)."""
    from .assemble import merge as merge_all

    return merge_all(files, outcomes, errors, labels)


def write_tables(tables: Tables, out: str, fmt: str = "parquet", partitioned: bool = False) -> list[str]:
    """Write the chosen format and, always, the SQLite store `out/plans.sqlite`."""
    from .assemble import write_tables as write_all

    return write_all(tables, out, fmt, partitioned)


def _manifest(batch: _Batch, fmt: str, partitioned: bool) -> str:
    """What the tables are made of: the files, their content hashes, the code, the format."""
    ids = {p: o.doc_id for p, o in batch.outcomes.items()} | batch.stored | batch.hits
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
        else:  # the tables built and written a part at a time: memory does not grow with the corpus
            from ..tables.stream import TableWriter

            gen = gens.new_generation(out)
            kept: list[Tables] | None = [] if need_tables else None
            with TableWriter(gen, fmt, partitioned) as writer:
                for part in _parts(batch, cache, stats, opts):
                    writer.add(part)
                    stats.errors += len(part.errors)
                    if kept is not None:
                        kept.append(part)
            outputs = gens.commit(out, gen, manifest, stats.errors)
            gens.cleanup(out)
            if kept is not None:
                from .assemble import whole

                tables = whole(iter(kept))
        if tables is None and need_tables:
            from .assemble import whole

            tables = whole(_parts(batch, cache, stats, opts))
        stats.seconds = time.monotonic() - t0
        data = json.dumps({**asdict(stats), "inputs": input_key(inputs), "cwd": os.getcwd(), "manifest": manifest,
                           "generation": os.path.basename(gens.current(out) or ""), "outputs": outputs}, indent=1)
        write_atomic(os.path.join(out, "run.json"), lambda tmp: open(tmp, "w").write(data))
    return tables, stats
