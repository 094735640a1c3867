"""Insert markup at character spans of a text without breaking it (like eyecite's annotate).

The text is HTML-escaped piece by piece between the spans, so offsets refer
to the original text and no markup ever lands inside an escape sequence.
Overlapping spans are dropped (the earlier, longer one wins), since HTML
elements cannot cross.
"""
from __future__ import annotations

import html
from dataclasses import dataclass


@dataclass
class Mark:
    start: int
    end: int
    before: str  # markup opened at start (already HTML)
    after: str  # markup closed at end


def annotate(text: str, marks: list[Mark]) -> str:
    """`text` escaped for HTML with each mark's markup around its span."""
    out: list[str] = []
    pos = 0
    for m in sorted(marks, key=lambda m: (m.start, -(m.end - m.start))):
        if m.start < pos or m.end <= m.start or m.end > len(text):
            continue  # overlaps a span already marked, or empty, or outside the text
        out.append(html.escape(text[pos:m.start], quote=False))
        out.append(m.before + html.escape(text[m.start:m.end], quote=False) + m.after)
        pos = m.end
    out.append(html.escape(text[pos:], quote=False))
    return "".join(out)


def element(tag: str, attrs: dict[str, object], cls: str | None = None) -> tuple[str, str]:
    """(opening, closing) markup of an element; attribute values escaped, None dropped."""
    parts = [tag] + ([f'class="{html.escape(cls)}"'] if cls else [])
    parts += [f'{k}="{html.escape(str(v), quote=True)}"' for k, v in attrs.items() if v is not None]
    return f"<{' '.join(parts)}>", f"</{tag}>"
