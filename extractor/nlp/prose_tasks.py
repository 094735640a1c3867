"""Tasks of a plan written as prose (SCHEMA §6: "where the section has no numbered items, each paragraph").

A plan that reaches users as a portal digest, or one written without an
outline, gives its work paragraph by paragraph: each paragraph that gives work
to a unit (assign.py) is a task, id "?-k" (its outline path is not known). A
paragraph that only says what the issuer did ("UBND tỉnh vừa ban hành Kế hoạch
…") is not one; what follows that statement in the paragraph is ("…. Theo đó,
các Tổ đại biểu … thực hiện …"). A paragraph that names no unit but carries the
one before it on with a deadline or a report ("Thời gian hoàn thành …, chậm
nhất ngày 14/5/2021 và báo cáo …") is a task of the same units.
"""
from __future__ import annotations

import re

from ..ingest.model import Block
from .assign import roles
from .names import PlanContext
from .narrative import statement_end
from .tasks import TaskDraft, full_name

_CARRIES_ON = re.compile(r"(?i:chậm nhất|trước ngày|hoàn thành|báo cáo kết quả|thời hạn)")


def prose_tasks(blocks: list[Block], start: int, end: int, ctx: PlanContext, doc_text: str) -> list[TaskDraft]:
    out: list[TaskDraft] = []
    prev: TaskDraft | None = None
    for b in blocks[start:end]:
        if b.kind not in ("paragraph", "list_item") or b.table is not None:
            prev = None
            continue
        text, off = b.text, 0
        cut = statement_end(text)
        if cut is not None:
            off = cut + len(text[cut:]) - len(text[cut:].lstrip())
            text = text[off:]
        if len(text.split()) < 4 or text.rstrip().endswith(":"):
            prev = None if cut is None else prev
            continue
        r = roles(text, b.start + off, ctx)
        leads = [(full_name(o, ctx, doc_text), o) for o in r.lead]
        coops = [(full_name(o, ctx, doc_text), o) for o in r.cooperate]
        if not leads and prev is not None and _CARRIES_ON.search(text):
            leads, requested = prev.lead, prev.requested
        else:
            requested = r.requested
        if not leads:
            prev = None
            continue
        d = TaskDraft(f"?-{len(out) + 1}", text.strip(), b.start + off, b.end, _dedupe(leads), _dedupe(coops),
                      section="?", requested=requested)
        out.append(d)
        prev = d
    return out


def _dedupe(pairs):
    """One entry per body: "các Tổ đại biểu" after "các Tổ đại biểu HĐND huyện" is the same body, said again."""
    out: list = []
    for name, o in pairs:
        k = name.casefold()
        if not any(x.casefold() == k or x.casefold().startswith(k + " ") for x, _ in out):
            out.append((name, o))
    return out
