"""One call from a text to its checked citations: flow → find → resolve → check → registry.

The pipeline component and library callers go through here, so a citation
is made the same way whether it comes from a whole plan or from a string.
"""
from __future__ import annotations

import re

from ..names import PlanContext
from .check import check
from .find import CODE, find
from .flow import flow
from .registry import check_registry
from .relation import GROUNDS_HEADING, PRACTICAL_HEADING, Grounds
from .resolve import Resolved, normalize_code, resolve

# the number a document gives itself: "Số: 28/KH-UBND" opening a line or a header cell, "Số hiệu | 0155/KH-UBND |"
_OWN_NUMBER = re.compile(rf"(?:^|\n|\|)[ \t]*(?:Số hiệu|Số|SỐ)[ \t]*[:|]?[ \t]*\n?[ \t]*{CODE}")


def collect(text: str, ctx: PlanContext, own_code: str | None, preamble: Grounds | tuple[int, int | None], file: str,
            plan_date: str | None = None) -> list[Resolved]:
    """Every distinct document `text` cites, checked.

    `preamble` is where the plan states its grounds (`Grounds`, or (body start, first
    outline item), None for no outline); `own_code` the plan's number from its header.
    """
    flowed = flow(text)
    own = [c for c in [own_code] + own_numbers(flowed) if c]
    resolved = resolve(flowed, find(flowed), ctx, list(dict.fromkeys(own)), preamble, file)
    for r in resolved:
        if r.cit.prov is not None:  # verbatim, as the source writes it
            r.cit.text = text[r.cit.prov.start:r.cit.prov.end].strip()
        r.cit.mention_spans = _mentions(r)
        r.cit.issues = check(r.cit, r.named_issuer, r.type_word, plan_date)
        check_registry(r.cit)
    return resolved


def _mentions(r: Resolved) -> list[tuple[int, int]]:
    """Each mention's span in text order; the first as far as the citation's text goes (its date, its issuer)."""
    spans = sorted(r.spans)
    p = r.cit.prov
    if spans and p is not None and p.start == spans[0][0] and p.end is not None:
        spans[0] = (p.start, max(p.end, spans[0][1]))
    return spans


def own_numbers(text: str) -> list[str]:
    """Codes the text gives as its own number ("Số: 54/KH-UBND" in the header, a portal's "Số hiệu" row):
    a cited document is never introduced so. Blank numbers ("Số: /KH-UBND") give none."""
    out = []
    for m in _OWN_NUMBER.finditer(text):
        raw = m.group("code")
        if "/" in raw or "-" in raw:
            out.append(normalize_code(raw)[0])
    return out


# an item that is a cited document: "2. Quy chế … ban hành kèm theo Thông tư số 11/2014/TT-BGDĐT …"
_CITES = re.compile(r"(?:Luật|Nghị định|Quyết định|Thông tư|Nghị quyết|Chỉ thị|Kế hoạch|Công văn)\s+(?:số\s*:?\s*)?\d")


def grounds_sections(items: list, starts: list[int], end: int, body_start: int | None = None) -> list[tuple[int, int]]:
    """Spans of the outline items headed "Căn cứ pháp lý", "Căn cứ xây dựng kế hoạch", "Cơ sở pháp lý"…,
    each up to the next item of its level or above. `starts[i]` is where `items[i]` begins.

    A body that opens with a numbered list of documents (`body_start` is where the body begins) is
    such a section whose heading the page lost: the run of those items is the plan's grounds."""
    def span(i: int) -> tuple[int, int]:
        return starts[i], next((starts[j] for j in range(i + 1, len(items)) if items[j].level <= items[i].level), end)

    out = [span(i) for i, it in enumerate(items) if GROUNDS_HEADING.match(it.heading or "")]
    if items and body_start is not None and starts[0] <= body_start:
        run = 0
        while run < len(items) and items[run].level == items[0].level and _CITES.search(items[run].heading or ""):
            run += 1
        if run >= 2:
            out.append((starts[0], starts[run] if run < len(items) else end))
    for i, it in enumerate(items):  # "1. Căn cứ pháp lý / 2. Căn cứ thực tiễn" under "I. CĂN CỨ": the second is not
        if PRACTICAL_HEADING.match(it.heading or ""):
            a, b = span(i)
            out = [p for s, e in out for p in ((s, min(e, a)), (max(s, b), e)) if p[0] < p[1]]
    merged: list[tuple[int, int]] = []
    for s, e in sorted(out):
        if merged and s <= merged[-1][1]:
            merged[-1] = (merged[-1][0], max(e, merged[-1][1]))
        else:
            merged.append((s, e))
    return merged
