"""The library calls: a plan from a path, its bytes or its text; citations from any string.

In the manner of eyecite: a string is text only when the caller says so
(`extract(text=...)`, `get_citations(text)`), never guessed from whether a file
of that name happens to exist.
"""
from __future__ import annotations

import hashlib
import os
from typing import TYPE_CHECKING

from .data import DataError
from .errors import ExtractError
from .records import Citation, PlanRecord

if TYPE_CHECKING:
    from spacy.language import Language

    from .ingest.model import SourceDocument
    from .nlp.names import PlanContext

_NAME_MAX = 255  # no path component is longer (Linux, macOS, Windows)


def extract(source: str | os.PathLike[str] | bytes | None = None, nlp: Language | None = None,
            doc_id: str | None = None, *, text: str | None = None, name: str | None = None) -> PlanRecord:
    """One plan to its record: from a file path, a file's bytes, or `text=` (a plan's text).

    `name` stands for the file name of bytes or text, or of the file a path is a
    copy of (record `file`, provenance, errors). `doc_id` is the content hash when the caller has it already (a corpus
    run does). Raises `ExtractError` naming the stage that failed, ValueError for a
    string that cannot be a path (pass it as `text=`).
    """
    from .build import to_record
    from .ingest import load, load_bytes, load_text
    from .nlp.language import check_vietnamese

    if (source is None) == (text is None):
        raise TypeError("extract() takes a path or bytes, or text=..., exactly one of them")
    if text is not None:
        if not isinstance(text, str):
            raise TypeError(f"extract(text=...) takes a str, not {type(text).__name__}")
        label = name or "<text>"
        src, digest = load_text(text, label), _digest(text.encode("utf-8"))
    elif isinstance(source, (bytes, bytearray, memoryview)):
        label = name or "<bytes>"
        src, digest = load_bytes(bytes(source), label), _digest(bytes(source))
    elif isinstance(source, (str, os.PathLike)):
        path = os.fspath(source)
        label = name or path  # a corpus run reads a private copy of the file and names the original
        _check_path(path)
        try:
            src, digest = load(path), None
        except ExtractError as e:
            if e.reason == "no such file" and any(ch.isspace() for ch in label):  # a sentence, most likely
                raise ExtractError(label, e.stage, f"{e.reason}; a plan's text goes in as extract(text=...)") from None
            if label != path:
                raise ExtractError(label, e.stage, e.reason) from None
            raise
        src.path = label
    else:
        raise TypeError(f"extract() takes a path, bytes or text=..., not {type(source).__name__}")
    check_vietnamese(src.text, label)
    doc = _run(src, nlp, label)
    if doc_id is None:
        from .build import file_hash

        doc_id = digest or file_hash(os.fspath(source))  # digest: of bytes or text; a path is hashed
    return to_record(doc, label, doc_id)


def _check_path(path: str) -> None:
    """A string with line breaks, or longer than any file name, is a text passed where a path goes."""
    if os.path.lexists(path):
        return
    if "\n" in path or max((len(p) for p in path.split(os.sep)), default=0) > _NAME_MAX:
        raise ValueError(f"extract() got a string of {len(path)} characters that is no path of a file; "
                         "to extract a plan from its text, call extract(text=...)")


def _digest(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()[:16]


def _run(src: SourceDocument, nlp: Language | None, label: str):
    from . import _nlp
    from .nlp.pipeline import annotate

    nlp = nlp or _nlp()
    if len(src.text) > nlp.max_length:  # what spaCy would refuse with its raw E088
        raise ExtractError(label, "nlp", f"text of {len(src.text):,} characters is over the limit of "
                           f"{nlp.max_length:,} (README: Limits)")
    try:
        return annotate(src, nlp)
    except (ExtractError, MemoryError, DataError):  # MemoryError: the corpus runner's memory limit; DataError: a broken install
        raise
    except Exception as e:  # a bug or an input we did not foresee: one row, not a crashed batch
        raise ExtractError(label, "nlp", f"{type(e).__name__}: {e}") from e


def get_citations(text: str, plan_context: PlanContext | None = None, *, own_code: str | None = None,
                  plan_date: str | None = None) -> list[Citation]:
    """Every document `text` cites, resolved and checked, as the plan pipeline makes them.

    Works on any string (a sentence, a page from a scraper): no header or outline
    is read, so a citation is `basis` only where the text states grounds ("Căn cứ …").
    `plan_context` says who wrote the text (relative names like "UBND tỉnh" are
    completed from it); `own_code` is the text's own number (never a citation of
    itself); `plan_date` (YYYY-MM-DD) flags citations dated after it. Offsets
    (`prov.start`/`end`) and `text` refer to `text` as given, before normalization.
    """
    from .nlp.citations.collect import collect
    from .nlp.citations.relation import Grounds
    from .nlp.names import PlanContext
    from .normalize import clean_to_source

    if not isinstance(text, str):
        raise TypeError(f"get_citations() takes a str, not {type(text).__name__}")
    norm, where = clean_to_source(text)
    resolved = collect(norm, plan_context or PlanContext(), own_code, Grounds(0, None), "<text>", plan_date)
    out = []
    for r in resolved:
        c, p = r.cit, r.cit.prov
        if p is not None and p.start is not None and p.end is not None and p.end > p.start:
            p.start, p.end = where[p.start], where[p.end - 1] + 1
            c.text = text[p.start:p.end].strip()
        c.mention_spans = [(where[a], where[b - 1] + 1) for a, b in c.mention_spans if b > a]
        out.append(c)
    return out
