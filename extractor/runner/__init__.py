"""Corpus runs: many files to tables, in parallel, resumable, limited per file.

`extract_all` (tables in memory) and `run_corpus` (tables written to a
folder) share one path: inputs → content hash → cache or workers (a local
process pool, or Dask) → outcomes → tables.
"""
from __future__ import annotations

__all__ = ["FORMATS", "RunStats", "extract_all", "run_corpus", "write_tables"]


def __getattr__(name: str):
    """The runner's parts on first use: `kh-extract extract` needs only `runner.inputs`, not the pool,
    the cache and the table writers that `from .run import …` would load."""
    if name in __all__:
        from . import run

        return getattr(run, name)
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
