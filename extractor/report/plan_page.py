"""One plan's page: its text with the record's items marked in place, the record beside it.

Items are marked from their provenance offsets (`char_start`, `char_end` index
the text the run read), in the manner of displaCy: a coloured `<mark>` with a
small label. A unit inside a citation is marked inside it (elements may nest);
an item crossing another's edge cannot be an element and is only listed in
the panel. Sections, tasks and header fields get an empty anchor where they
start, so every value in the panel links to its place in the text.
"""
from __future__ import annotations

import json
import os
from dataclasses import dataclass
from html import escape

from .data import Plan, split
from .pages import layout, plan_label

MAX_TEXT = 3_000_000  # characters shown; past that the page would be too heavy to open


@dataclass
class Span:
    start: int
    end: int
    open: str
    close: str
    anchor: str = ""  # its id: a span that cannot be an element still gets an anchor where it starts


def _int(v: object) -> int | None:
    try:
        return int(v)  # type: ignore[arg-type]
    except (TypeError, ValueError):
        return None


def nest(text: str, spans: list[Span], points: list[tuple[int, str]]) -> str:
    """`text` escaped, each kept span's markup around it (nested spans allowed, crossing ones dropped)
    and each point's markup at its offset."""
    kept: list[Span] = []
    stack: list[Span] = []
    points = list(points)
    for s in sorted(spans, key=lambda s: (s.start, -s.end)):
        if s.end <= s.start or s.start < 0 or s.end > len(text):
            continue
        while stack and stack[-1].end <= s.start:
            stack.pop()
        if stack and s.end > stack[-1].end:  # crosses the edge of an open span: an anchor only
            if s.anchor:
                points.append((s.start, f'<a class="anchor" id="{s.anchor}"></a>'))
            continue
        kept.append(s)
        stack.append(s)
    opens: dict[int, list[Span]] = {}
    for s in kept:
        opens.setdefault(s.start, []).append(s)
    at: dict[int, list[str]] = {}
    for pos, markup in points:
        if 0 <= pos <= len(text):
            at.setdefault(pos, []).append(markup)
    cuts = sorted({0, len(text), *opens, *(s.end for s in kept), *at})
    out: list[str] = []
    open_now: list[Span] = []
    for i, pos in enumerate(cuts):
        while open_now and open_now[-1].end == pos:
            out.append(open_now.pop().close)
        out.extend(at.get(pos, []))
        for s in opens.get(pos, []):
            out.append(s.open)
            open_now.append(s)
        if i + 1 < len(cuts):
            out.append(escape(text[pos:cuts[i + 1]], quote=False))
    out.extend(s.close for s in reversed(open_now))
    return "".join(out)


def _fields(pairs: list[tuple[str, object]]) -> dict[str, str]:
    return {k: str(v) for k, v in pairs if v not in (None, "", [])}


def _mark(r: dict, mark_id: str, cls: str, label: str, tip: dict[str, str]) -> Span | None:
    a, b = _int(r.get("char_start")), _int(r.get("char_end"))
    if a is None or b is None:
        return None
    title = "\n".join(f"{k}: {v}" for k, v in tip.items())
    attrs = (f'id="{mark_id}" class="ent {cls}" tabindex="0" data-tip="{escape(json.dumps(tip, ensure_ascii=False))}" '
             f'title="{escape(title)}"')
    return Span(a, b, f"<mark {attrs}>", f'<span class="lbl">{escape(label)}</span></mark>', mark_id)


def citation_tip(r: dict) -> dict[str, str]:
    return _fields([("type", r.get("doc_type")), ("code", r.get("code")), ("name", r.get("name")),
                    ("date", r.get("date")), ("issuer", r.get("issuer")), ("relation", r.get("relation")),
                    ("mentions", r.get("mentions")), ("issues", ", ".join(split(r.get("issues")))),
                    ("registry", r.get("registry_title")), ("key", r.get("key"))])


def _spans(p: Plan) -> tuple[list[Span], list[tuple[int, str]]]:
    spans: list[Span] = []
    for r in p.citations:
        flagged = " flagged" if split(r.get("issues")) else ""
        s = _mark(r, _ids(r, "c"), "cit" + flagged, r.get("doc_type") or "cit", citation_tip(r))
        spans += [s] if s else []
    for r in p.units:
        tip = _fields([("unit", r.get("name")), ("role", r.get("role")), ("as written", r.get("text"))])
        s = _mark(r, _ids(r, "u"), "u-" + str(r.get("role")), r.get("role") or "unit", tip)
        spans += [s] if s else []
    for r in p.deadlines:
        tip = _fields([("deadline", r.get("kind")), ("start", r.get("start")), ("end", r.get("end")),
                       ("every", r.get("freq")), ("task", r.get("task"))])
        s = _mark(r, _ids(r, "d"), "dl", r.get("kind") or "time", tip)
        spans += [s] if s else []
    points = [(_int(r.get("char_start")), f'<a class="anchor" id="{_ids(r, "s")}"></a>') for r in p.sections]
    points += [(_int(r.get("char_start")), f'<a class="anchor" id="{_ids(r, "t")}"></a>') for r in p.tasks]
    for part in split(p.doc.get("prov")):  # "code:0-16@p1"
        name, _, rng = part.partition(":")
        points.append((_int(rng.split("-")[0]), f'<a class="anchor" id="h-{escape(name)}"></a>'))
    return spans, [(a, m) for a, m in points if a is not None]


def _link(anchor: str, text: object, has_text: bool) -> str:
    t = escape(str(text if text not in (None, "") else "—"))
    return f'<a href="#{anchor}">{t}</a>' if has_text else t


HEADER = ("doc_type", "code", "date", "issuer", "parent_issuer", "place", "title", "plan_year", "signer", "signer_title")


def _ids(r: dict, prefix: str) -> str:
    return f"{prefix}-{r['item']}"


def _task_row(r: dict, has_text: bool) -> str:
    who = escape("; ".join(split(r.get("lead"))))
    also = escape("; ".join(split(r.get("cooperate"))))
    what = (r.get("task") or "")[:160]
    return (f"<tr><td>{_link(_ids(r, 't'), r.get('id'), has_text)}</td>"
            f'<td>{who}<div class="muted">{also}</div></td>'
            f"<td>{_link(_ids(r, 't'), what, has_text)}</td><td>{escape(r.get('deadline') or '')}</td></tr>")


def _cit_item(r: dict, has_text: bool) -> str:
    name = r.get("code") or r.get("name") or r.get("text")
    issues = escape(", ".join(split(r.get("issues"))))
    return (f"<li>{_link(_ids(r, 'c'), name, has_text)} <span class=\"muted\">{escape(r.get('relation') or '')}</span> "
            f"<span class=\"issue\">{issues}</span></li>")


def _deadline_item(r: dict, has_text: bool) -> str:
    when = r.get("end") or r.get("start") or ""
    return (f"<li>{_link(_ids(r, 'd'), r.get('text'), has_text)} "
            f"<span class=\"muted\">{escape(r.get('kind') or '')} {escape(when)}</span></li>")


def _panel(p: Plan, has_text: bool, source_href: str | None) -> str:
    prov = {x.partition(":")[0] for x in split(p.doc.get("prov"))}
    head = "".join(f"<dt>{k}</dt><dd>{_link('h-' + k, p.doc.get(k), has_text and k in prov)}</dd>" for k in HEADER)
    src = f'<a href="{escape(source_href)}">{escape(p.doc["file"])}</a>' if source_href else escape(p.doc["file"])
    outline_rows = [r for r in p.sections if r.get("label_source") != "classifier"]
    outline = "".join(
        f'<li style="margin-left:{(int(r.get("level") or 1) - 1) * 0.8}em">'
        + _link(_ids(r, "s"), f"{r.get('path') or ''} {r.get('heading') or ''}", has_text) + "</li>"
        for r in outline_rows)
    tasks = "".join(_task_row(r, has_text) for r in p.tasks)
    cits = "".join(_cit_item(r, has_text) for r in p.citations)
    roles: dict[str, list[dict]] = {}
    for r in p.units:
        roles.setdefault(r.get("role") or "?", []).append(r)
    units = "".join(f"<dt>{escape(role)}</dt><dd>" + ", ".join(_link(_ids(r, "u"), r.get("name"), has_text) for r in rs)
                    + "</dd>" for role, rs in roles.items())
    dls = "".join(_deadline_item(r, has_text) for r in p.deadlines)
    return (f'<aside class="side card"><h2>Record</h2><p>Source: {src}</p><dl id="header">{head}</dl>'
            f'<h2>Outline ({len(outline_rows)})</h2><ul id="outline">{outline}</ul>'
            f'<h2>Tasks ({len(p.tasks)})</h2><table id="tasks"><thead><tr><th>#</th><th>Who</th><th>What</th>'
            f'<th>When</th></tr></thead><tbody>{tasks}</tbody></table>'
            f'<h2>Citations ({len(p.citations)})</h2><ul id="citations">{cits}</ul>'
            f'<h2>Units ({len(p.units)})</h2><dl id="units">{units}</dl>'
            f'<h2>Deadlines ({len(p.deadlines)})</h2><ul id="deadlines">{dls}</ul></aside>')


LEGEND = ('<p class="legend"><mark class="ent cit">citation</mark> <mark class="ent cit flagged">flagged</mark> '
          '<mark class="ent dl">deadline</mark> <mark class="ent u-lead">lead</mark> '
          '<mark class="ent u-cooperate">cooperate</mark> <mark class="ent u-report_to">report to</mark> '
          '<mark class="ent u-requested">requested</mark> <mark class="ent u-recipient">recipient</mark> '
          '<mark class="ent u-issuer">issuer</mark></p>')


def plan_page(p: Plan, text: str | None, why: str, source: str | None, page_dir: str) -> str:
    """The page of plan `p`; `text` is its source text (None: `why` says why it is not shown)."""
    has_text = text is not None
    if has_text:
        note = ""
        if len(text) > MAX_TEXT:
            note = f'<p class="muted">The text is cut at {MAX_TEXT:,} of its {len(text):,} characters.</p>'
            text = text[:MAX_TEXT]
        spans, points = _spans(p)
        body_text = (f'{LEGEND}<div class="find"><input type="search" id="find" placeholder="Tìm trong văn bản / find '
                     f'in text" aria-label="find in text"><button type="button" id="find-next">next</button>'
                     f'<span id="find-count" class="count"></span></div>{note}<pre>{nest(text, spans, points)}</pre>')
    else:
        body_text = f'<p class="muted" id="no-text">The text is not shown: {escape(why)}.</p>'
    href = os.path.relpath(source, page_dir) if source else None
    body = (f'<div class="plan"><section class="card text"><h2>{escape(p.doc.get("title") or p.doc.get("file") or "")}</h2>'
            f'{body_text}</section>{_panel(p, has_text, href)}</div>')
    return layout(f"{plan_label(p.doc)} — {p.doc.get('issuer') or ''}", body, depth=1)
