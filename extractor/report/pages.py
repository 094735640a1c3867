"""The corpus pages of the report: the overview (index.html) and the citations (citations.html).

Tables are `div.kh-table` blocks whose rows sit beside them as JSON; the
script (assets.py) makes them searchable, sortable, filterable and paged.
"""
from __future__ import annotations

import json
from html import escape

from .charts import bar_chart, by_year, counted
from .data import Corpus, split


def data_block(block_id: str, data: object) -> str:
    """JSON in a `<script>` element; `</` escaped so no text can close the element."""
    text = json.dumps(data, ensure_ascii=False, separators=(",", ":")).replace("</", "<\\/")
    return f'<script type="application/json" id="{block_id}">{text}</script>'


def table(table_id: str, columns: list[dict], rows: list[dict], page: int = 50) -> str:
    """A table the script fills: columns `{k: key, t: title, f: filter?, n: numeric?, h: link key, cut: chars}`."""
    return (f'<div class="kh-table" id="{table_id}" data-src="{table_id}-data" data-page="{page}"></div>'
            + data_block(f"{table_id}-data", {"columns": columns, "rows": rows}))


def layout(title: str, body: str, depth: int = 0, active: str = "") -> str:
    up = "../" * depth
    nav = "".join(f'<a href="{up}{href}"{" aria-current=page" if key == active else ""}>{label}</a>'
                  for key, href, label in (("index", "index.html", "Overview"), ("citations", "citations.html", "Citations")))
    return (f'<!DOCTYPE html>\n<html lang="vi"><head><meta charset="utf-8">'
            f'<meta name="viewport" content="width=device-width, initial-scale=1">'
            f"<title>{escape(title)}</title>"
            f'<link rel="stylesheet" href="{up}assets/report.css"></head><body>'
            f'<header class="top"><h1>{escape(title)}</h1><nav style="display:flex;gap:1em">{nav}</nav></header>'
            f'<main>{body}</main><div id="tip" role="tooltip"></div>'
            f'<script src="{up}assets/report.js"></script></body></html>\n')


def _stat(label: str, n: int, stat_id: str) -> str:
    return f'<div class="stat" id="{stat_id}"><b data-count="{n}">{n}</b>{escape(label)}</div>'


def plan_label(doc: dict) -> str:
    return doc.get("code") or doc.get("title") or doc.get("file") or "?"


def index_page(c: Corpus) -> str:
    docs = [p.doc for p in c.plans]
    missing = [p for p in c.plans if p.missing]
    stats = "".join([
        _stat("plans", len(c.plans), "n-plans"), _stat("citations", len(c.citations), "n-citations"),
        _stat("flagged citations", len(c.flagged), "n-flagged"), _stat("errors", len(c.errors), "n-errors"),
        _stat("headers not read", len(missing), "n-missing"),
        _stat("files skipped (not documents)", int(c.run.get("skipped") or 0), "n-skipped"),
    ])
    charts = "".join([
        bar_chart(by_year([d.get("plan_year") for d in docs]), "Plans by year", "chart-year", "index.html#q={label}"),
        bar_chart(counted([d.get("issuer") for d in docs]), "Plans by issuer", "chart-issuer", "index.html#q={label}"),
        bar_chart(counted([d.get("doc_type") for d in docs]), "Plans by document type", "chart-type"),
    ])
    plan_rows = [{"n": p.n, "code": p.doc.get("code"), "title": p.doc.get("title"), "issuer": p.doc.get("issuer"),
                  "date": p.doc.get("date"), "year": p.doc.get("plan_year"), "type": p.doc.get("doc_type"),
                  "format": p.doc.get("format"), "cits": len(p.citations), "tasks": len(p.tasks),
                  "file": p.doc.get("file"), "href": p.page} for p in c.plans]
    plan_cols = [{"k": "n", "t": "#", "n": 1}, {"k": "code", "t": "Code", "h": "href"},
                 {"k": "title", "t": "Title", "h": "href", "cut": 110}, {"k": "issuer", "t": "Issuer"},
                 {"k": "date", "t": "Date"}, {"k": "year", "t": "Year", "n": 1, "f": 1}, {"k": "type", "t": "Type", "f": 1},
                 {"k": "format", "t": "Format", "f": 1}, {"k": "cits", "t": "Citations", "n": 1},
                 {"k": "tasks", "t": "Tasks", "n": 1}, {"k": "file", "t": "File"}]
    err_cols = [{"k": "file", "t": "File"}, {"k": "stage", "t": "Stage", "f": 1}, {"k": "reason", "t": "Reason"}]
    miss_rows = [{"plan": plan_label(p.doc), "href": p.page, "file": p.doc.get("file"), "missing": ";".join(p.missing),
                  "type": p.doc.get("doc_type")} for p in missing]
    miss_cols = [{"k": "plan", "t": "Plan", "h": "href"}, {"k": "file", "t": "File"},
                 {"k": "missing", "t": "Not read", "f": 1}, {"k": "type", "t": "Type", "f": 1}]
    body = (f'<div class="stats">{stats}</div>'
            f'<section class="card"><h2>The corpus</h2><div class="charts">{charts}</div></section>'
            f'<section class="card"><h2>Plans</h2>{table("plans", plan_cols, plan_rows)}</section>'
            f'<section class="card"><h2>Errors and their reasons</h2>'
            f'{table("errors", err_cols, [{k: e.get(k) for k in ("file", "stage", "reason")} for e in c.errors])}</section>'
            f'<section class="card"><h2>Documents whose header was not read</h2>'
            f'<p class="muted">No type, code, date or issuer read, a partial date, or a field unreadable or OCR-unsure.</p>'
            f'{table("missing", miss_cols, miss_rows)}</section>')
    return layout("kh-extract report", body, active="index")


def _graph(c: Corpus, docs: int = 30, plans: int = 80) -> str:
    """Plans (left) → the most cited documents (right); a plan links to its page, a document filters the table."""
    keys = [t["key"] for t in c.top[:docs]]
    want = set(keys)
    edges = sorted({(r["plan"], r["key"]) for r in c.citations if r.get("key") in want and r.get("plan") is not None})
    deg: dict[int, int] = {}
    for p, _ in edges:
        deg[p] = deg.get(p, 0) + 1
    shown = sorted(sorted(deg, key=lambda p: (-deg[p], p))[:plans])
    edges = [(p, k) for p, k in edges if p in set(shown)]
    if not edges:
        return "<p>(no citations)</p>"
    step, x1, x2 = 16, 210, 640
    ypos = {p: 12 + i * step for i, p in enumerate(shown)}
    kpos = {k: 12 + i * max(step, (len(shown) * step) // max(len(keys), 1)) for i, k in enumerate(keys)}
    h = max(max(ypos.values()), max(kpos.values())) + 14
    out = [f'<svg viewBox="0 0 900 {h}" width="900" height="{h}" role="img" aria-label="citation graph">']
    out += [f'<line x1="{x1}" y1="{ypos[p]}" x2="{x2}" y2="{kpos[k]}"></line>' for p, k in edges]
    for p in shown:
        label = escape(plan_label(c.plans[p].doc)[:32])
        out.append(f'<a href="{c.plans[p].page}"><g class="pn"><title>{escape(c.plans[p].doc.get("file") or "")}</title>'
                   f'<circle cx="{x1}" cy="{ypos[p]}" r="5"></circle>'
                   f'<text x="{x1 - 9}" y="{ypos[p] + 4}" text-anchor="end">{label}</text></g></a>')
    for k in keys:
        out.append(f'<g class="dn" data-key="{escape(k)}" tabindex="0"><title>{escape(k)}</title>'
                   f'<circle cx="{x2}" cy="{kpos[k]}" r="6"></circle>'
                   f'<text x="{x2 + 10}" y="{kpos[k] + 4}">{escape(k[:40])}</text></g>')
    out.append("</svg>")
    return "".join(out)


def citations_page(c: Corpus) -> str:
    top_rows = [{"key": t.get("key"), "type": t.get("doc_type"), "plans": t.get("plans"),
                 "title": t.get("registry_title")} for t in c.top]
    top_cols = [{"k": "key", "t": "Cited document"}, {"k": "type", "t": "Type", "f": 1},
                {"k": "plans", "t": "Plans citing it", "n": 1}, {"k": "title", "t": "Registry title"}]
    rows = [{"plan": plan_label(c.plans[r["plan"]].doc) if r.get("plan") is not None else r.get("file"),
             "href": f'{c.plans[r["plan"]].page}#c-{r["item"]}' if r.get("plan") is not None else None,
             "key": r.get("key"), "code": r.get("code") or r.get("name"), "type": r.get("doc_type"),
             "date": r.get("date"), "issuer": r.get("issuer"), "relation": r.get("relation"),
             "mentions": r.get("mentions"), "issues": r.get("issues") or "", "text": r.get("text")} for r in c.citations]
    cols = [{"k": "plan", "t": "Plan", "h": "href"}, {"k": "code", "t": "Cited"}, {"k": "type", "t": "Type", "f": 1},
            {"k": "date", "t": "Date"}, {"k": "issuer", "t": "Issuer"}, {"k": "relation", "t": "Relation", "f": 1},
            {"k": "mentions", "t": "Mentions", "n": 1}, {"k": "issues", "t": "Issues", "f": 1, "cls": "issue"},
            {"k": "key", "t": "Key"}, {"k": "text", "t": "As written", "cut": 90}]
    flag_rows = [{"plan": plan_label(c.plans[r["plan"]].doc) if r.get("plan") is not None else r.get("file"),
                  "href": c.plans[r["plan"]].page if r.get("plan") is not None else None,
                  "code": r.get("code") or r.get("key"), "issues": r.get("issues"), "date": r.get("date"),
                  "issuer": r.get("issuer"), "mdate": r.get("majority_date"), "missuer": r.get("majority_issuer"),
                  "context": r.get("context")} for r in c.flagged]
    flag_cols = [{"k": "plan", "t": "Plan", "h": "href"}, {"k": "code", "t": "Cited"},
                 {"k": "issues", "t": "Issue", "f": 1, "cls": "issue"}, {"k": "date", "t": "Date"},
                 {"k": "issuer", "t": "Issuer"}, {"k": "mdate", "t": "Other plans' date"},
                 {"k": "missuer", "t": "Other plans' issuer"}, {"k": "context", "t": "Sentence"}]
    issues = counted([i for r in c.flagged for i in split(r.get("issues"))])
    body = (f'<div class="stats">{_stat("citations", len(c.citations), "n-citations")}'
            f'{_stat("cited documents", len({r.get("key") for r in c.citations}), "n-keys")}'
            f'{_stat("flagged", len(c.flagged), "n-flagged")}</div>'
            f'<section class="card"><h2>Most cited documents</h2>{table("top", top_cols, top_rows, 20)}</section>'
            f'<section class="card" id="all"><h2>Every citation</h2>{table("cits", cols, rows)}</section>'
            f'<section class="card"><h2>Flagged citations</h2><div class="charts">'
            f'{bar_chart(issues, "Flags by issue", "chart-issues")}</div>{table("flagged", flag_cols, flag_rows)}</section>'
            f'<section class="card graph"><h2>Citation graph</h2><p class="muted">Plans (left) and the documents '
            f'cited most (right). A plan opens its page; a document shows its citations in the table above.</p>'
            f'{_graph(c)}</section>')
    return layout("Citations", body, active="citations")
