"""Bar charts as inline SVG, drawn here: no chart library, nothing to fetch.

Each bar carries its label and count as text (readable without a mouse, and
by tests), and a `<title>` for the pointer.
"""
from __future__ import annotations

from html import escape
from urllib.parse import quote

BAR_H, GAP, LABEL_W, BAR_W, COUNT_W = 18, 6, 260, 320, 60


def _cut(s: str, n: int = 38) -> str:
    return s if len(s) <= n else s[: n - 1] + "…"


def bar_chart(counts: list[tuple[str, int]], title: str, chart_id: str, href: str | None = None) -> str:
    """Horizontal bars, one per (label, count), largest first as given.

    `href` (with `{label}`) makes each bar a link, e.g. to the plans table filtered by it.
    """
    if not counts:
        return f'<figure class="chart" id="{chart_id}"><figcaption>{escape(title)}</figcaption><p>(none)</p></figure>'
    top = max(c for _, c in counts) or 1
    h = len(counts) * (BAR_H + GAP) + GAP
    w = LABEL_W + BAR_W + COUNT_W
    parts = [f'<svg viewBox="0 0 {w} {h}" width="{w}" height="{h}" role="img" aria-label="{escape(title)}">']
    for i, (label, n) in enumerate(counts):
        y = GAP + i * (BAR_H + GAP)
        bw = max(2, round(BAR_W * n / top))
        bar = (f'<g class="bar" data-label="{escape(label)}" data-count="{n}"><title>{escape(label)}: {n}</title>'
               f'<text x="{LABEL_W - 6}" y="{y + BAR_H - 5}" text-anchor="end">{escape(_cut(label))}</text>'
               f'<rect x="{LABEL_W}" y="{y}" width="{bw}" height="{BAR_H}" rx="2"></rect>'
               f'<text class="n" x="{LABEL_W + bw + 5}" y="{y + BAR_H - 5}">{n}</text></g>')
        if href:
            bar = f'<a href="{escape(href.format(label=quote(label)))}">{bar}</a>'
        parts.append(bar)
    parts.append("</svg>")
    return (f'<figure class="chart" id="{chart_id}"><figcaption>{escape(title)}</figcaption>'
            + "".join(parts) + "</figure>")


def counted(values: list[object], limit: int = 15, missing: str = "(not read)") -> list[tuple[str, int]]:
    """(value, count) pairs, most frequent first, the rest summed as "other"."""
    tally: dict[str, int] = {}
    for v in values:
        k = missing if v in (None, "") else str(v)
        tally[k] = tally.get(k, 0) + 1
    items = sorted(tally.items(), key=lambda kv: (-kv[1], kv[0]))
    if len(items) > limit:
        rest = sum(n for _, n in items[limit - 1:])
        items = items[: limit - 1] + [(f"other ({len(items) - limit + 1})", rest)]
    return items


def by_year(values: list[object]) -> list[tuple[str, int]]:
    """Counts per year in year order (a timeline reads left to right, top to bottom)."""
    tally: dict[str, int] = {}
    for v in values:
        k = "(not read)" if v in (None, "") else str(v)
        tally[k] = tally.get(k, 0) + 1
    return sorted(tally.items(), key=lambda kv: (kv[0] == "(not read)", kv[0]))
