"""Corpus runs: many files to tables, in parallel, resumable, limited per file.

`extract_all` (tables in memory) and `run_corpus` (tables written to a
folder) share one path: inputs → content hash → cache or workers (a local
process pool, or Dask) → outcomes → tables.
"""
from .run import FORMATS, RunStats, extract_all, run_corpus, write_tables

__all__ = ["FORMATS", "RunStats", "extract_all", "run_corpus", "write_tables"]
