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
    r"tăng cường|đẩy mạnh|kiểm tra|căn cứ|là đầu mối|cung cấp|tổng hợp|biên tập|đăng tải|lãnh đạo|chỉ đạo|hướng dẫn|"
    r"vận động|giám sát|đưa|cử|bảo đảm|đảm bảo|theo dõi|rà soát|tuyên truyền|phổ biến|ban hành|xem xét|là cơ quan)\b", re.I)
_COOP = re.compile(r"phối hợp(?: chặt chẽ)?(?: với)?\s*:?\s*$", re.I)
_REQUEST = re.compile(r"^\s*(?i:đề nghị)\s+")
_LEAD_LABEL = re.compile(r"(?:chủ trì|đơn vị chủ trì|thực hiện)\s*:\s*$", re.I)
_NOT_LEAD = re.compile(r"(theo đề nghị của|đề nghị của|gửi|gửi về|về|thông qua|qua|báo cáo|trình|của|cho|hướng dẫn|chỉ đạo|"
                       r"đôn đốc|giúp|hỗ trợ|lãnh đạo|tham mưu)\s*$", re.I)
# Header names of task-table columns, tried in this order on each header cell:
# "Thời gian thực hiện" is a deadline column, "Đơn vị phối hợp" a cooperating one.
_COLS = {
    "no": r"^(s?tt|số tt|số thứ tự)$",
    "deadline": r"tiến độ|thời gian|thời hạn|hoàn thành",
    "note": r"ghi chú",
    "coop": r"^(?!.*(?:chủ trì|phân công)).*phối hợp",
    "lead": r"phân công|chủ trì|đơn vị thực hiện|cơ quan thực hiện|thực hiện|trách nhiệm",
    "form": r"hình thức",
    "task": r"nhiệm vụ|n[ộôo]i dung|hoạt động|công việc",  # "Nôi dung": a mark dropped
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
    requested_at: set[int] = field(default_factory=set)  # the leads "đề nghị" asks, when not all of them are


def split_roles(text: str, base: int, ctx: PlanContext, doc_text: str) -> tuple[list, list]:
    """(leads, cooperating) in one assignment: subjects before the verb lead, "phối hợp với" cooperates."""
    leads, coops = [], []
    prev_end = 0  # where the last name of the piece ended (read only once a mode is set)
    for piece in re.split(r"(?:^|\n|;\s*|\.\s+)[-+•]\s*|\n", text):
        if not piece.strip():
            continue
        off = text.find(piece)
        orgs = find_orgs(piece, base + off)
        # the subject's verb: the first one after the first name ("Căn cứ …, các phòng thuộc Sở có trách nhiệm …")
        v = _VERB.search(piece, orgs[0].end - base - off) if orgs else None
        mode = None
        for o in orgs:
            rel = o.start - base - off
            before = piece[:rel]
            if _LEAD_LABEL.search(before[-25:]) or (mode == "lead" and re.fullmatch(r"[\s,]*(?:và)?\s*", before[prev_end:])):
                mode = "lead"
                leads.append((full_name(o, ctx, doc_text), o))
            elif _COOP.search(before[-25:]) or (mode == "coop" and re.fullmatch(r"[\s,]*(?:và)?\s*", before[prev_end:])):
                mode = "coop"
                coops.append((full_name(o, ctx, doc_text), o))
            elif mode == "other" and re.fullmatch(r"[\s,]*(?:và)?\s*", before[prev_end:]):
                pass  # "báo cáo UBND tỉnh và Sở Nội vụ": the second name is not a lead either
            elif (v is None or rel < v.start()) and not _NOT_LEAD.search(before[-20:]):
                mode = "lead"
                leads.append((full_name(o, ctx, doc_text), o))
            else:
                mode = "other"
            prev_end = o.end - base - off
    return _dedupe(leads), _dedupe(coops)


def full_name(o: OrgMention, ctx: PlanContext, doc_text: str) -> str:
    """A mention's normalized name; a Sở's own groups ("các phòng, đơn vị") are completed with the Sở."""
    name = normalize_name(o.text, ctx, doc_text)
    base = ctx.issuer_base or ""
    own_groups = r"(?i)các (phòng|phòng, đơn vị|phòng chuyên môn|cơ quan, đơn vị trực thuộc)"
    if base.startswith("Sở ") and o.group and re.fullmatch(own_groups, o.text):
        of = "thuộc " if o.text.lower().endswith("đơn vị") else ""
        name = f"{name} {of}{base}" if "trực thuộc" not in o.text else f"{name} {base}"
    return name


def _dedupe(pairs):
    seen, out = set(), []
    for name, o in pairs:
        k = fold(name)
        if k not in seen:
            seen.add(k)
            out.append((name, o))
    return out


def _columns(row) -> dict[str, int]:
    """Which column holds what, from the header cells' names (any order)."""
    found: dict[str, int] = {}
    for j, c in enumerate(row):
        h = fold(c.text).strip()
        for key, pat in _COLS.items():
            if key not in found and re.search(pat, h):
                found[key] = j
                break
    return found


def table_tasks(block: Block, ctx: PlanContext, doc_text: str) -> list[TaskDraft]:
    """Numbered rows of a task table; group rows ("1. Tuyên truyền cho …") are skipped, and a
    row without a number continues the row above it (a cell split by a page break)."""
    t = block.table
    if t is None or not t.rows:
        return []
    cols: dict[str, int] = {}
    head_i = None
    for i, row in enumerate(t.rows[:3]):
        found = _columns(row)
        if "task" in found and len(found) >= 2:
            cols, head_i = found, i
            break
    if head_i is None:
        return []
    out: list[TaskDraft] = []
    group, k_in_group = None, 0  # a table without a number column: rows are numbered within their group ("I-2")
    for row in t.rows[head_i + 1:]:
        cell = lambda k: row[cols[k]] if k in cols and cols[k] < len(row) else None  # noqa: E731
        no = cell("no") or row[0]
        num = no.text.strip().rstrip(".")
        task = cell("task")
        if "no" not in cols:
            g = re.match(r"([IVX]+)\.\s+\S", row[0].text.strip())
            if g and not any(c.text.strip() for c in row[1:]):
                group, k_in_group = g.group(1), 0
                continue
            if not task or not task.text.strip():
                continue
            k_in_group += 1
            d = TaskDraft(f"{group}-{k_in_group}" if group else str(k_in_group), task.text.strip(), task.start, task.end)
            out.append(d)
            _continue_row(d, cell, ctx, doc_text, first=True)
            continue
        if not num and out and any(c.text.strip() for c in row):
            _continue_row(out[-1], cell, ctx, doc_text)
            continue
        if not task or not task.text.strip() or not re.fullmatch(r"\d+(?:\.\d+)*|[IVX]+|[a-z]", num or "x"):
            continue
        others = [c.text for k, c in ((k, cell(k)) for k in ("form", "lead", "coop", "deadline")) if c is not None]
        if "." not in num and not any(x.strip() for x in others):
            continue  # a group row: "1. Tuyên truyền cho …"
        d = TaskDraft(num, re.sub(r"^[-+•]\s*", "", task.text.strip()), task.start, task.end)
        out.append(d)
        _continue_row(d, cell, ctx, doc_text, first=True)
    return out


def _continue_row(d: TaskDraft, cell, ctx: PlanContext, doc_text: str, first: bool = False) -> None:
    """Add one row's cells to a task: its own row, or a row that continues it."""
    def more(old: str | None, new: str) -> str | None:
        new = new.strip()
        return (f"{old} {new}" if old else new) or None

    task = cell("task")
    if not first and task is not None and task.text.strip():
        d.text = more(d.text, task.text)
        d.end = max(d.end, task.end)
    if cell("form") is not None:
        d.form = more(d.form, cell("form").text)
    if cell("lead") is not None:
        lc = cell("lead")
        leads, coops = split_roles(lc.text, lc.start, ctx, doc_text)
        d.lead = _dedupe(d.lead + leads)
        d.cooperate = _dedupe(d.cooperate + coops)
    if cell("coop") is not None:
        cc = cell("coop")
        d.cooperate = _dedupe(d.cooperate + [(full_name(o, ctx, doc_text), o) for o in find_orgs(cc.text, cc.start)])
    if cell("deadline") is not None:
        d.deadline_cell = more(d.deadline_cell, cell("deadline").text)


_TCTH_HEADING = re.compile(r"tổ chức thực hiện|trách nhiệm (?:thực hiện|của)|phân công (?:thực hiện|nhiệm vụ|trách nhiệm)")


def tcth_tasks(blocks: list[Block], items: list[Item], body_end: int, ctx: PlanContext, doc_text: str) -> list[TaskDraft]:
    """Tasks of every "Tổ chức thực hiện"-like section ("Trách nhiệm của mỗi bên", "Phân công thực hiện")."""
    tops = [it for it in items if it.level == 1 and not it.path.startswith("PL")]
    secs = [it for it in tops if ("to_chuc_thuc_hien" in it.labels or _TCTH_HEADING.search(fold(it.heading)))
            and "noi_dung" not in it.labels]
    if not secs:
        secs = [it for it in tops if "to_chuc_thuc_hien" in it.labels][-1:]
    out: list[TaskDraft] = []
    for sec in secs:
        out += _section_tasks(sec, tops, blocks, items, body_end, ctx, doc_text)
    return out


def _section_tasks(sec: Item, tops: list[Item], blocks: list[Block], items: list[Item], body_end: int,
                   ctx: PlanContext, doc_text: str) -> list[TaskDraft]:
    nxt = [it.block for it in tops if it.block > sec.block]
    end = min(nxt) if nxt else body_end
    end = _before_closing(blocks, sec.block + 1, end)
    kids = [it for it in items if it.level == 2 and sec.block < it.block < end and it.path.startswith(sec.path + ".")]
    out: list[TaskDraft] = []
    if not kids:
        leads: list = []
        k = 0
        for b in blocks[sec.block + 1:end]:
            if b.kind == "table" or b.text.rstrip().endswith(":") or re.fullmatch(r"\(.*\)\.?", b.text.strip()):
                continue  # a table, an introduction, or a pointer "(Chi tiết tại Phụ lục)"
            k += 1
            requested = fold(b.text).startswith("đề nghị")
            l2, c2 = split_roles(_REQUEST.sub("", b.text), b.start, ctx, doc_text)
            leads = l2 or leads
            out.append(TaskDraft(f"{sec.path}-{k}", _strip_bullet(b.text), b.start, b.end, leads, c2, section=sec.path,
                                 requested=requested))
        return out
    unit_heads: list = []  # the last unit heading: sub-items under it ("3.1.1. Chủ trì …") are its tasks
    for n, kid in enumerate(kids):
        kend = kids[n + 1].block if n + 1 < len(kids) else end
        head_text = kid.own_text
        requested = fold(head_text).startswith("đề nghị")
        # an item that is itself a sentence ("1. Ban Tuyên giáo chủ trì, …") is one task, not a unit's heading
        long_item = (len(kid.heading.split()) > 14 and _VERB.search(_REQUEST.sub("", kid.heading)) is not None) \
            or len(head_text) > len(kid.heading) + 3
        if long_item:
            l1, c1 = split_roles(_REQUEST.sub("", head_text), blocks[kid.block].end - len(head_text), ctx, doc_text)
            b = blocks[kid.block]
            own = re.match(r"\s*(\d+(?:\.\d+)+)\.?\s", b.text)  # the item's own number, deeper than the outline saw
            path = own.group(1) if own and own.group(1).startswith(kid.path + ".") else kid.path
            if not l1 and path != kid.path:
                l1 = unit_heads
            out.append(TaskDraft(f"{path}-1", head_text, b.end - len(head_text), b.end, l1, c1, section=kid.path,
                                 requested=requested))
            continue
        heads = split_roles(_REQUEST.sub("", head_text), 0, ctx, doc_text)[0] or [
            (full_name(o, ctx, doc_text), o) for o in find_orgs(head_text)]
        unit_heads = heads
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
