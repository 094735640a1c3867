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
from dataclasses import replace

from ..ingest.model import Block
from .assign import roles
from .names import PlanContext
from .narrative import statement_end
from .orgs import find_orgs
from .tasks import TaskDraft, full_name

_CARRIES_ON = re.compile(r"(?i:chậm nhất|trước ngày|hoàn thành|báo cáo kết quả|thời hạn)")
# a news item's dated lead: "(QNO) - Ngày 27.8, Huyện ủy … tổ chức hội nghị …", "Chiều ngày 29/7, …" reports what was done
_DATED_LEAD = re.compile(r"^(?:\([A-ZĐ]{2,8}\)\s*[-–]\s*)?(?:(?:Sáng|Chiều|Tối)\s+)?"
                         r"[Nn]gày\s+\d{1,2}\s*[./-]\s*\d{1,2}(?:\s*[./-]\s*\d{2,4})?\s*,")
# a numbered item's number: "1. ", "2) ", "a) "
_NUMBER = re.compile(r"^\s*(?:\d{1,2}(?:\.\d{1,2})*\.?|[a-zđ])[.)]?\s+(?=[A-ZĐÀ-Ỹ])")
# an intro that hands out the items below it: "Theo đó, Ủy ban nhân dân tỉnh giao:", "… yêu cầu:"
_HANDS_OUT = re.compile(r"(?i:giao|yêu cầu|đề nghị|chỉ đạo|phân công)(?:\s+(?:như sau|cụ thể|các nội dung sau))?\s*:\s*$")


def prose_tasks(blocks: list[Block], start: int, end: int, ctx: PlanContext, doc_text: str,
                numbered: bool = False) -> list[TaskDraft]:
    """Tasks of the paragraphs in blocks[start:end]; `numbered`: the paragraphs are handed-out items ("1. Sở X: …"),
    their numbers are not part of the clause."""
    out: list[TaskDraft] = []
    prev: TaskDraft | None = None
    intro: TaskDraft | None = None  # "yêu cầu Thủ trưởng các cơ quan …, Chủ tịch UBND các xã:": the paragraphs below are theirs
    for b in blocks[start:end]:
        if b.kind not in ("paragraph", "list_item") or b.table is not None:
            prev = intro = None
            continue
        text, off = b.text, 0
        cut = statement_end(text)
        if cut is None and _DATED_LEAD.match(text):  # the report's lead sentence says what was done, not what to do
            cut = next((m.end() for m in re.finditer(r"\.(?=\s+[A-ZĐÀ-Ỹ])", text)), len(text))
        if cut is not None:
            off = cut + len(text[cut:]) - len(text[cut:].lstrip())
            text = text[off:]
        num = _NUMBER.match(text) if numbered else None
        if num:
            off, text = off + num.end(), text[num.end():]
        if len(text.split()) < 4 or text.rstrip().endswith(":"):
            r = roles(text, b.start + off, ctx) if text.rstrip().endswith(":") else None
            intro = TaskDraft("", "", 0, 0, [(full_name(o, ctx, doc_text), o) for o in r.lead], [], requested=r.requested,
                              requested_at=r.requested_at) \
                if r is not None and r.lead else None
            prev = None if cut is None else prev
            continue
        r = roles(text, b.start + off, ctx)
        leads = [(full_name(o, ctx, doc_text), o) for o in r.lead]
        coops = [(full_name(o, ctx, doc_text), o) for o in r.cooperate]
        asked = set(r.requested_at)
        if not leads and intro is not None:
            leads, requested, asked = intro.lead, intro.requested, intro.requested_at
        elif not leads and prev is not None and _CARRIES_ON.search(text):
            leads, requested, asked = prev.lead, prev.requested, prev.requested_at
        else:
            requested = r.requested
        if not leads:
            prev = None
            continue
        d = TaskDraft(f"?-{len(out) + 1}", text.strip(), b.start + off, b.end, _dedupe(leads), _dedupe(coops),
                      section="?", requested=requested, requested_at=asked)
        out.append(d)
        prev = d
    return out


def listed_tasks(blocks: list[Block], start: int, end: int, ctx: PlanContext, doc_text: str) -> list[TaskDraft]:
    """Numbered items right after an intro that hands them out ("Theo đó, UBND tỉnh giao:" then "1. Các sở, ban,
    ngành: …", "2. Giao Sở TTTT: …"): each is a task, though no "Tổ chức thực hiện" heads them."""
    out: list[TaskDraft] = []
    k = start
    while k < end:
        hand = _HANDS_OUT.search(blocks[k].text) if blocks[k].kind == "paragraph" else None
        if hand and len(blocks[k].text.split()) >= 4 and find_orgs(blocks[k].text[:hand.start()]):  # not the heading "Yêu cầu:"
            j = k + 1
            while j < end and blocks[j].kind in ("paragraph", "list_item", "heading") and _NUMBER.match(blocks[j].text):
                j += 1
            if j > k + 1:
                found = prose_tasks(blocks, k + 1, j, ctx, doc_text, True)
                out += [replace(d, id=f"?-{len(out) + i + 1}") for i, d in enumerate(found)]
            k = j
        else:
            k += 1
    return out


def _dedupe(pairs):
    """One entry per body: "các Tổ đại biểu" after "các Tổ đại biểu HĐND huyện" is the same body, said again."""
    out: list = []
    for name, o in pairs:
        k = name.casefold()
        if not any(x.casefold() == k or x.casefold().startswith(k + " ") for x, _ in out):
            out.append((name, o))
    return out
