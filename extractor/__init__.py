"""kh-extract: Vietnamese government plans ("Kế hoạch") into tables.

    >>> from extractor import extract, run
    >>> rec = extract("corpus/text/002_337e30c1cff994e8.txt")
    >>> rec.doc.code, [c.code for c in rec.citations][:2]
    >>> tables = run(["corpus/text"])          # one pandas DataFrame per table
    >>> tables.citation_edges.head()
"""
from __future__ import annotations

from functools import lru_cache
from typing import TYPE_CHECKING

from .errors import ExtractError
from .records import PlanRecord

if TYPE_CHECKING:
    from .tables.frames import Tables

__all__ = ["extract", "run", "ExtractError", "PlanRecord"]


@lru_cache(maxsize=1)
def _nlp():
    from .chunked import allow_long_texts
    from .nlp.pipeline import make_nlp

    return allow_long_texts(make_nlp())


def extract(path: str, nlp=None, doc_id: str | None = None) -> PlanRecord:
    """One file to one plan record. Raises `ExtractError` naming the stage that failed.

    `doc_id` is the file's content hash when the caller has it already (a corpus run does).
    """
    from .build import file_hash, to_record
    from .ingest import load
    from .nlp.language import check_vietnamese
    from .nlp.pipeline import annotate

    src = load(path)
    check_vietnamese(src.text, path)
    nlp = nlp or _nlp()
    if len(src.text) > nlp.max_length:  # what spaCy would refuse with its raw E088
        raise ExtractError(path, "nlp", f"text of {len(src.text):,} characters is over the limit of "
                           f"{nlp.max_length:,} (README: Limits)")
    try:
        doc = annotate(src, nlp)
    except (ExtractError, MemoryError):  # MemoryError: the corpus runner's memory limit, reported as such
        raise
    except Exception as e:  # a bug or an input we did not foresee: one row, not a crashed batch
        raise ExtractError(path, "nlp", f"{type(e).__name__}: {e}") from e
    return to_record(doc, path, doc_id or file_hash(path))


def run(paths: list[str] | str, out: str | None = None, fmt: str = "parquet", **kw) -> Tables:
    """Many files (paths, folders, globs) to tables, one DataFrame per table.

    With `out`, also writes them there (and caches per-file results under
    `out/.cache`, so a rerun only does new or changed files); options are
    `kh-extract run`'s: workers, force, timeout, max_memory_mb, engine, scheduler, quiet.
    """
    from .runner import extract_all, run_corpus

    paths = [paths] if isinstance(paths, str) else list(paths)
    if out:
        return run_corpus(paths, out, fmt, **kw)[0]
    return extract_all(paths, **kw)[0]
