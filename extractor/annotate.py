"""`extractor.annotate(text, record)`: a record's items marked in the text the user has.

In the manner of eyecite's `annotate`: the caller's own string comes back
HTML-escaped with each item wrapped in a `<mark>`, offsets taken through the
normalization map (`source_map`), so a mark sits on the citation's own
characters even where the string has non-breaking spaces, CRLF line ends or
letters with their tone marks written apart. `source_spans` gives the same
spans as data, for a caller with markup of their own.
"""
from __future__ import annotations

from dataclasses import dataclass
from typing import Any, Iterable

from .markup import Mark, element
from .markup import annotate as _markup
from .records import Citation, PlanRecord

PARTS = ("citations", "units", "deadlines", "tasks", "targets", "sections")


@dataclass
class SourceSpan:
    """Where an item of the record stands in the caller's text: `text[start:end]`."""

    start: int
    end: int
    part: str  # "citations", "units", ...
    item: Any  # the record's item (a Citation, a Unit, ...)
    mention: int = 0  # for a citation, which of its mentions (0: the first)


def source_spans(text: str, record: PlanRecord | list[Citation],
                 parts: Iterable[str] = ("citations",)) -> list[SourceSpan]:
    """The spans in `text` of the record's items, in text order; one per mention for a citation.

    `record` is what `extract(text=text)` (or `extract` of the file `text` was read
    from) returned; a list of citations from `get_citations(text)` has its offsets
    in `text` already. Raises ValueError when the record was not made from `text`.
    """
    parts = list(parts)
    unknown = [p for p in parts if p not in PARTS]
    if unknown:
        raise ValueError(f"annotate: unknown part(s) {unknown}; the parts are {list(PARTS)}")
    if isinstance(record, PlanRecord):
        items = {p: getattr(record, p) for p in parts}
        to_raw = _mapper(text, record)
    else:
        items = {"citations": list(record)} if "citations" in parts else {}
        to_raw = None
    out: list[SourceSpan] = []
    for part, its in items.items():
        for it in its:
            for n, (a, b) in enumerate(_spans(it)):
                if to_raw is not None:
                    a, b = to_raw(a, b)
                if 0 <= a < b <= len(text):
                    out.append(SourceSpan(a, b, part, it, n))
    return sorted(out, key=lambda s: (s.start, -(s.end - s.start)))


def annotate(text: str, record: PlanRecord | list[Citation], parts: Iterable[str] = ("citations",)) -> str:
    """`text` as HTML (escaped), each item of `parts` in a `<mark class="kh-PART">` with its fields
    in `title`/`data-` attributes; where marks would cross, the earlier, longer one is kept."""
    marks = []
    for s in source_spans(text, record, parts):
        cls = f"kh-{s.part}"
        if isinstance(s.item, Citation):
            from .nlp.citations.highlight import attrs

            data = attrs(s.item)
            cls += " flagged" if s.item.issues else ""
        else:
            data = {"title": _title(s.item)}
        marks.append(Mark(s.start, s.end, *element("mark", data, cls)))
    return _markup(text, marks)


def _spans(it: Any) -> list[tuple[int, int]]:
    if isinstance(it, Citation) and it.mention_spans:
        return list(it.mention_spans)
    p = getattr(it, "prov", None)
    if p is None or p.start is None or p.end is None:
        return []
    return [(p.start, p.end)]


def _title(it: Any) -> str:
    keys = [k for k in ("name", "role", "task", "kind", "start", "end", "indicator", "value", "unit", "path", "heading")
            if getattr(it, k, None) not in (None, "", [])]
    return "\n".join(f"{k}: {getattr(it, k)}" for k in keys)


def _mapper(text: str, record: PlanRecord):
    """Offsets of the text the pipeline read from `text` (read again, as `extract(text=...)` reads it) into `text`."""
    from .ingest import load_text
    from .source_map import source_map, to_source

    norm = load_text(text, record.file).text
    for c in record.citations[:3]:  # the record's verbatim texts must be where its offsets say
        p = c.prov
        if p is not None and p.start is not None and norm[p.start:p.end].strip() != c.text:
            raise ValueError("annotate: this record was not made from this text (a citation's offsets do not "
                             f"hold its text {c.text[:40]!r}); pass the text it was extracted from")
    m = source_map(text, norm)
    return lambda a, b: to_source(m, text, a, b)
