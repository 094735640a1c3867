"""A side-by-side HTML page of two plans' differences, for a reader rather than a table.

One section per part; each row shows the earlier plan's item on the left and the later
plan's on the right, coloured by change (added, removed, changed, kept), with what
changed in words. Self-contained: no script, no external style sheet.
"""
from __future__ import annotations

from html import escape
from typing import Any

PART_TITLES = {"sections": "Đề mục (sections)", "tasks": "Nhiệm vụ (tasks)", "units": "Đơn vị (units)",
               "citations": "Văn bản viện dẫn (citations)", "targets": "Chỉ tiêu (targets)"}
_STYLE = """
body{font-family:system-ui,sans-serif;margin:1.5em;color:#222}
table{border-collapse:collapse;width:100%;margin-bottom:1.5em;table-layout:fixed}
td,th{border:1px solid #ccc;padding:.35em .5em;vertical-align:top;font-size:.92em}
th{background:#f2f2f2;text-align:left}
tr.added td.b{background:#e6ffec} tr.removed td.a{background:#ffebe9}
tr.changed td{background:#fff8c5} tr.kept td{color:#666}
td.c{width:6em;font-weight:600} td.d{width:22%}
"""


def _cell(v: Any) -> str:
    return "" if v is None else escape(str(v))


def _sides(r: dict[str, Any]) -> tuple[str, str]:
    """What to show left and right: the item's key on the side(s) it exists, values beside it."""
    key, a, b, ch = r.get("key"), r.get("a_value"), r.get("b_value"), r.get("change")
    if r.get("part") in ("sections", "tasks"):
        left = a if ch != "added" else None
        right = b if ch != "removed" else None
        if ch == "removed":
            left = a or key
        if ch == "added":
            right = b or key
        return _cell(left), _cell(right)
    left = "" if ch == "added" else f"{_cell(key)}" + (f" <b>{_cell(a)}</b>" if a else "")
    right = "" if ch == "removed" else f"{_cell(key)}" + (f" <b>{_cell(b)}</b>" if b else "")
    return left, right


def diff_html(rows: list[dict[str, Any]], a_title: str, b_title: str, kept: bool = False) -> str:
    """The page for the `plan_diffs` rows of one pair; `kept` also lists unchanged items."""
    out = ["<!DOCTYPE html><html lang='vi'><head><meta charset='utf-8'>",
           f"<title>{escape(a_title)} → {escape(b_title)}</title><style>{_STYLE}</style></head><body>",
           f"<h1>So sánh kế hoạch</h1><p><b>A:</b> {escape(a_title)}<br><b>B:</b> {escape(b_title)}</p>"]
    for part, title in PART_TITLES.items():
        rs = [r for r in rows if r.get("part") == part and (kept or r.get("change") != "kept")]
        counts = {c: sum(r.get("change") == c for r in rows if r.get("part") == part)
                  for c in ("added", "removed", "changed", "kept")}
        out.append(f"<h2>{escape(title)}</h2><p>" + ", ".join(f"{c}: {n}" for c, n in counts.items()) + "</p>")
        if not rs:
            continue
        out.append("<table><tr><th class='c'>change</th><th>A</th><th>B</th><th class='d'>detail</th></tr>")
        for r in rs:
            left, right = _sides(r)
            out.append(f"<tr class='{escape(str(r.get('change')))}'><td class='c'>{_cell(r.get('change'))}</td>"
                       f"<td class='a'>{left}</td><td class='b'>{right}</td><td class='d'>{_cell(r.get('detail'))}</td></tr>")
        out.append("</table>")
    out.append("</body></html>")
    return "\n".join(out)
