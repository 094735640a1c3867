"""kh-extract: Vietnamese government plans ("Kế hoạch") into tables.

    >>> import extractor
    >>> rec = extractor.extract("corpus/text/002_337e30c1cff994e8.txt")   # a path, bytes, or text=...
    >>> rec.doc.code, [c.code for c in rec.citations][:2]
    >>> extractor.get_citations("Căn cứ Quyết định số 749/QĐ-TTg ngày 03/6/2020 của Thủ tướng Chính phủ")
    >>> html = extractor.annotate(raw_text, extractor.extract(text=raw_text))  # marks over the text as given
    >>> tables = extractor.run(["corpus/text"])          # one pandas DataFrame per table
    >>> tables.citation_edges.head()
"""
from __future__ import annotations

from functools import lru_cache
from typing import TYPE_CHECKING

from .annotate import SourceSpan, annotate, source_spans
from .api import extract, get_citations
from .data import DataError
from .errors import ExtractError
from .records import Citation, Deadline, DocInfo, PlanRecord, Provenance, Section, Target, Task, Unit

if TYPE_CHECKING:
    from .tables.frames import Tables

__version__ = "0.1.0"

__all__ = ["extract", "get_citations", "annotate", "source_spans", "SourceSpan", "run", "compare", "ExtractError", "DataError",
           "PlanRecord", "DocInfo", "Section",
           "Citation", "Unit", "Deadline", "Task", "Target", "Provenance", "__version__"]


def __getattr__(name: str):
    """`extractor.compare` on first use (it imports pandas and scikit-learn): a callable package,
    `extractor.compare(tables)` → series, diffs and targets."""
    if name == "compare":
        import importlib

        return importlib.import_module(".compare", __name__)
    raise AttributeError(name)


@lru_cache(maxsize=1)
def _nlp():
    from .chunked import allow_long_texts
    from .nlp.pipeline import make_nlp

    return allow_long_texts(make_nlp())


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
