"""A plan's text as an HTML page with every citation mention marked (`extract --format html`).

Each mention is a `<mark class="cit">` whose `title` shows the normalized
fields on hover and whose `data-` attributes carry them for scripts.
"""
from __future__ import annotations

import html

from ...markup import Mark, annotate, element
from ...records import Citation

_STYLE = """body{font-family:sans-serif;max-width:60em;margin:2em auto;line-height:1.5}
pre{white-space:pre-wrap;font-family:inherit}
mark.cit{background:#fff3a0;border-bottom:2px solid #c9a400;cursor:help}
mark.cit.flagged{background:#ffd0d0;border-bottom-color:#c00}
mark.cit.ref{background:#eef6ff;border-bottom-color:#69c}"""


def _title(c: Citation) -> str:
    rows = [("type", c.doc_type), ("code", c.code), ("name", c.name), ("date", c.date), ("issuer", c.issuer),
            ("relation", c.relation), ("mentions", c.mentions), ("issues", ", ".join(c.issues) or None),
            ("registry", c.registry_title)]
    return "\n".join(f"{k}: {v}" for k, v in rows if v not in (None, ""))


def attrs(c: Citation) -> dict[str, object]:
    """A citation's fields as a mark's `title` (on hover) and `data-` attributes (for scripts)."""
    return {"title": _title(c), "data-key": c.key, "data-type": c.doc_type, "data-code": c.code, "data-date": c.date,
            "data-issuer": c.issuer, "data-relation": c.relation, "data-issues": ";".join(c.issues) or None}


def marks_for(c: Citation, spans: list[tuple[int, int]], refs: list[tuple[int, int]] = ()) -> list[Mark]:
    data = attrs(c)
    out = []
    for n, (a, b) in enumerate(spans):
        cls = "cit" + (" flagged" if c.issues else "")
        if n == 0 and c.prov is not None and c.prov.start == a and c.prov.end:
            b = max(b, c.prov.end)  # the first mention includes its date and issuer
        out.append(Mark(a, b, *element("mark", data, cls)))
    out += [Mark(a, b, *element("mark", data, "cit ref")) for a, b in refs]
    return out


def page(text: str, marks: list[Mark], title: str) -> str:
    return (f'<!DOCTYPE html>\n<html lang="vi"><head><meta charset="utf-8"><title>{html.escape(title)}</title>'
            f"<style>{_STYLE}</style></head><body><h1>{html.escape(title)}</h1>\n<pre>{annotate(text, marks)}</pre>\n"
            "</body></html>\n")


def highlight_file(path: str) -> str:
    """Extract `path` and return its text as an HTML page with the citations marked."""
    import os

    from ... import _nlp
    from ...errors import ExtractError
    from ...ingest import load
    from ..pipeline import annotate as run_pipeline

    src = load(path)
    try:
        doc = run_pipeline(src, _nlp())
    except Exception as e:
        raise ExtractError(path, "nlp", f"{type(e).__name__}: {e}") from e
    marks: list[Mark] = []
    for cit, spans, refs in (doc._.records or {}).get("citation_mentions", []):
        marks += marks_for(cit, spans, refs)
    return page(src.text, marks, os.path.basename(path))
