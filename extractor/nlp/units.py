"""Who is responsible (SCHEMA §4): each organization with each role it is given.

Roles come from where a name stands: the issuer; the unit an item of "Tổ
chức thực hiện" or a task is given to (lead; "Đề nghị …" → requested);
"phối hợp với …" (cooperate); "báo cáo / gửi / thông qua …" (report_to); the
"Nơi nhận" list (recipient). Persons and filing lines are not units.
"""
from __future__ import annotations

import re

from ..normalize import fold
from ..records import Provenance, Unit
from .names import PlanContext, normalize_name
from .orgs import find_orgs
from .tasks import TaskDraft

_REPORT = re.compile(r"(?:báo cáo(?: kết quả)?(?: về)?|gửi(?: về)?|thông qua|tổng hợp báo cáo|trình)\s*\(?\s*$", re.I)
_COOP = re.compile(r"phối hợp(?: chặt chẽ)? với\s*$", re.I)
_NOT_UNIT = re.compile(
    r"^(Lưu|Đăng|Đảng TTĐT|Như|Như trên|Như Điều|Website|Cổng TTĐT|C, P|CT |PCT|Chủ tịch|Phó Chủ tịch|Giám đốc|Phó Giám đốc|"
    r"Các Phó|Lãnh đạo|GĐ|PGĐ|Trưởng|Phó trưởng|Bí thư|Phó Bí thư|Các đồng chí|Đ/c|TT\b)", re.I)


def collect_units(text: str, body: tuple[int, int], issuer_text: str | None, ctx: PlanContext,
                  tasks: list[TaskDraft], recipients: list[str] | None, file: str) -> list[Unit]:
    out: list[Unit] = []
    seen: set[tuple[str, str]] = set()

    def add(name: str, role: str, mention: str, start: int | None = None) -> None:
        key = (fold(name), role)
        if name and key not in seen:
            seen.add(key)
            out.append(Unit(name, role, mention, Provenance(file, start, None if start is None else start + len(mention))))

    if ctx.issuer:
        add(ctx.issuer, "issuer", issuer_text or ctx.issuer)
    for t in tasks:
        for name, o in t.lead:
            add(name, "requested" if t.requested else "lead", o.text, o.start)
        for name, o in t.cooperate:
            add(name, "cooperate", o.text, o.start)
    a, b = body
    for o in find_orgs(text[a:b], a):
        before = text[max(0, o.start - 30):o.start]
        if _COOP.search(before):
            add(normalize_name(o.text, ctx, text), "cooperate", o.text, o.start)
        elif _REPORT.search(before):
            add(normalize_name(o.text, ctx, text), "report_to", o.text, o.start)
    for line in recipients or []:
        clean = re.sub(r"\s*\([^)]*\)\s*$", "", line).strip()
        if not clean or _NOT_UNIT.match(clean):
            continue
        add(normalize_name(clean, ctx, text), "recipient", clean)
    return out
