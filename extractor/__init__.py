"""kh-extract: Vietnamese government plans ("Kế hoạch") into tables.

    >>> from extractor import extract
    >>> rec = extract("corpus/text/002_337e30c1cff994e8.txt")
    >>> rec.doc.code, [c.code for c in rec.citations][:2]
"""
from __future__ import annotations

from functools import lru_cache

from .errors import ExtractError
from .records import PlanRecord

__all__ = ["extract", "ExtractError", "PlanRecord"]


@lru_cache(maxsize=1)
def _nlp():
    from .nlp.pipeline import make_nlp

    return make_nlp()


def extract(path: str, nlp=None) -> PlanRecord:
    """One file to one plan record. Raises `ExtractError` naming the stage that failed."""
    from .build import file_hash, to_record
    from .ingest import load
    from .nlp.pipeline import annotate

    src = load(path)
    try:
        doc = annotate(src, nlp or _nlp())
    except ExtractError:
        raise
    except Exception as e:  # a bug or an input we did not foresee: one row, not a crashed batch
        raise ExtractError(path, "nlp", f"{type(e).__name__}: {e}") from e
    return to_record(doc, path, file_hash(path))
