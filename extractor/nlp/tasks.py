"""Who does what by when (SCHEMA §6): appendix task tables and "Tổ chức thực hiện".

Appendix tables are read by their header names, whatever the column order;
numbered rows are tasks, rows with only a number and a title are groups. In
"Tổ chức thực hiện", each unit's item gives its bullets (or paragraphs) as
tasks led by that unit; a section without items gives one task per paragraph.
"""
from __future__ import annotations

import re
from dataclasses import dataclass, field

from ..ingest.model import Block
from ..normalize import fold
from .names import PlanContext, normalize_name
from .orgs import OrgMention, find_orgs
from .sections import Item

_VERB = re.compile(
    r"\b(chủ trì|có trách nhiệm|phối hợp|thực hiện|triển khai|bám sát|chủ động|tổ chức|tham mưu|xây dựng|cập nhật|"
    r"tăng cường|đẩy mạnh|kiểm tra|căn cứ|là đầu mối|cung cấp|tổng hợp|biên tập|đăng tải)\b", re.I)
_COOP = re.compile(r"phối hợp(?: chặt chẽ)?(?: với)?\s*$", re.I)
_NOT_LEAD = re.compile(r"(theo đề nghị của|đề nghị của|gửi|gửi về|về|thông qua|báo cáo|trình|của|cho)\s*$", re.I)
_COLS = {
    "no": r"^(s?tt|số tt|số thứ tự)$",
    "task": r"nhiệm vụ|nội dung|hoạt động|công việc",
    "form": r"hình thức",
    "lead": r"phân công|chủ trì|đơn vị thực hiện|cơ quan thực hiện|thực hiện|trách nhiệm",
    "coop": r"phối hợp",
    "deadline": r"tiến độ|thời gian|thời hạn",
    "note": r"ghi chú",
}


@dataclass
class TaskDraft:
    id: str
    text: str
    start: int
    end: int
    lead: list[tuple[str, OrgMention]] = field(default_factory=list)
    cooperate: list[tuple[str, OrgMention]] = field(default_factory=list)
    form: str | None = None
    deadline_cell: str | None = None
    section: str | None = None
    requested: bool = False


def split_roles(text: str, base: int, ctx: PlanContext, doc_text: str) -> tuple[list, list]:
    """(leads, cooperating) in one assignment: subjects before the verb lead, "phối hợp với" cooperates."""
    leads, coops = [], []
    for piece in re.split(r"(?:^|\n|;\s*|\.\s+)[-+•]\s*|\n", text):
        if not piece.strip():
            continue
        off = text.find(piece)
        v = _VERB.search(piece)
        mode = None
        for o in find_orgs(piece, base + off):
            rel = o.start - base - off
            before = piece[:rel]
            if _COOP.search(before[-25:]) or (mode == "coop" and re.fullmatch(r"[\s,]*(?:và)?\s*", before[prev_end:])):
                mode = "coop"
                coops.append((_full(o, ctx, doc_text), o))
            elif (v is None or rel < v.start()) and not _NOT_LEAD.search(before[-20:]):
                mode = "lead"
                leads.append((_full(o, ctx, doc_text), o))
            else:
                mode = None
            prev_end = o.end - base - off
    return _dedupe(leads), _dedupe(coops)


def _full(o: OrgMention, ctx: PlanContext, doc_text: str) -> str:
    name = normalize_name(o.text, ctx, doc_text)
    base = ctx.issuer_base or ""
    if base.startswith("Sở ") and o.group and re.fullmatch(r"(?i)các (phòng|phòng, đơn vị|phòng chuyên môn|cơ quan, đơn vị trực thuộc)", o.text):
        name = f"{name} {'thuộc ' if o.text.lower().endswith('đơn vị') else ''}{base}" if "trực thuộc" not in o.text else f"{name} {base}"
    return name


def _dedupe(pairs):
    seen, out = set(), []
    for name, o in pairs:
        k = fold(name)
        if k not in seen:
            seen.add(k)
            out.append((name, o))
    return out


def table_tasks(block: Block, ctx: PlanContext, doc_text: str) -> list[TaskDraft]:
    t = block.table
    if t is None or not t.rows:
        return []
    cols: dict[str, int] = {}
    head_i = None
    for i, row in enumerate(t.rows[:3]):
        found = {}
        for j, c in enumerate(row):
            h = fold(c.text)
            for key, pat in _COLS.items():
                if key not in found and re.search(pat, h) and not (key == "lead" and "coop" not in found and re.search(_COLS["coop"], h) and "chủ trì" not in h and "phân công" not in h):
                    found[key] = j
                    break
        if "task" in found:
            cols, head_i = found, i
            break
    if head_i is None:
        return []
    out = []
    for row in t.rows[head_i + 1:]:
        cell = lambda k: row[cols[k]] if k in cols and cols[k] < len(row) else None  # noqa: E731
        no = cell("no") or row[0]
        num = no.text.strip().rstrip(".")
        task = cell("task")
        if not task or not task.text.strip() or not re.fullmatch(r"\d+(?:\.\d+)*|[IVX]+|[a-z]", num or "x"):
            continue
        others = [c.text for k, c in ((k, cell(k)) for k in ("form", "lead", "coop", "deadline")) if c is not None]
        if "." not in num and not any(x.strip() for x in others):
            continue  # a group row: "1. Tuyên truyền cho …"
        d = TaskDraft(num, re.sub(r"^[-+•]\s*", "", task.text.strip()), task.start, task.end)
        if cell("form") is not None:
            d.form = cell("form").text.strip() or None
        if cell("lead") is not None:
            lc = cell("lead")
            d.lead, d.cooperate = split_roles(lc.text, lc.start, ctx, doc_text)
        if cell("coop") is not None:
            cc = cell("coop")
            d.cooperate += [(_full(o, ctx, doc_text), o) for o in find_orgs(cc.text, cc.start)]
        if cell("deadline") is not None:
            d.deadline_cell = cell("deadline").text.strip() or None
        out.append(d)
    return out


def tcth_tasks(blocks: list[Block], items: list[Item], body_end: int, ctx: PlanContext, doc_text: str) -> list[TaskDraft]:
    tops = [it for it in items if it.level == 1 and not it.path.startswith("PL")]
    sec = next((it for it in reversed(tops) if "to_chuc_thuc_hien" in it.labels), None)
    if sec is None:
        return []
    nxt = [it.block for it in tops if it.block > sec.block]
    end = min(nxt) if nxt else body_end
    end = _before_closing(blocks, sec.block + 1, end)
    kids = [it for it in items if it.level == 2 and sec.block < it.block < end and it.path.startswith(sec.path + ".")]
    out: list[TaskDraft] = []
    if not kids:
        leads: list = []
        k = 0
        for b in blocks[sec.block + 1:end]:
            if b.kind == "table" or b.text.rstrip().endswith(":"):
                continue
            k += 1
            l2, c2 = split_roles(b.text, b.start, ctx, doc_text)
            leads = l2 or leads
            out.append(TaskDraft(f"{sec.path}-{k}", _strip_bullet(b.text), b.start, b.end, leads, c2, section=sec.path))
        return out
    for n, kid in enumerate(kids):
        kend = kids[n + 1].block if n + 1 < len(kids) else end
        head_text = kid.own_text
        long_item = len(kid.heading.split()) > 14 or len(head_text) > len(kid.heading) + 3
        requested = fold(head_text).startswith("đề nghị")
        if long_item:
            l1, c1 = split_roles(head_text, blocks[kid.block].end - len(head_text), ctx, doc_text)
            b = blocks[kid.block]
            out.append(TaskDraft(f"{kid.path}-1", head_text, b.end - len(head_text), b.end, l1, c1, section=kid.path))
            continue
        heads = split_roles(re.sub(r"^(?i:đề nghị)\s+", "", head_text), 0, ctx, doc_text)[0] or [
            (_full(o, ctx, doc_text), o) for o in find_orgs(head_text)]
        body = [b for b in blocks[kid.block + 1:kend] if b.kind != "table"]
        bullets = [b for b in body if b.kind == "list_item"]
        chosen = bullets or [b for b in body if not b.text.rstrip().endswith(":")]
        for k, b in enumerate(chosen, 1):
            _, c2 = split_roles(b.text, b.start, ctx, doc_text)
            out.append(TaskDraft(f"{kid.path}-{k}", _strip_bullet(b.text), b.start, b.end, heads, c2,
                                 section=kid.path, requested=requested))
    return out


def _before_closing(blocks: list[Block], start: int, end: int) -> int:
    for i in range(start, end):
        if re.match(r"^(Trên đây là|Trong quá trình (tổ chức )?thực hiện)", blocks[i].text):
            return i
    return end


def _strip_bullet(t: str) -> str:
    return re.sub(r"^\s*[-+•]\s*", "", t).strip()
