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
from .orgs import OrgMention, find_orgs, starts_with_org
from .tasks import TaskDraft, full_name

_REPORT = re.compile(r"(?:báo cáo(?: kết quả)?(?: về)?|gửi(?: về| đến| tới)?|thông qua|tổng hợp báo cáo|trình|đề xuất|"
                     r"\(\s*qua)\s*\(?\s*"
                     r"(?:(?:Giám đốc|Chủ tịch|Bí thư|Trưởng ban|[Ll]ãnh đạo)\b[^,.;:\n]{0,25}?\s+và\s+)?$", re.I)
# "báo cáo … về Sở để tổng hợp": the bare word is the plan's own Sở.
_OWN_SO = re.compile(r"(?i:báo cáo|gửi|về)\s+(Sở)\b(?!\s+[A-ZĐ])")  # case-sensitive: "Sở Y tế" is another Sở
_COOP = re.compile(r"phối hợp(?: chặt chẽ)? với\s*$", re.I)
_CHAIN = re.compile(r"^[ ,]*(?:và)?[ ]*$")  # not across table cells or lines  # "phối hợp với A, B và C": B and C share A's role
_NOT_UNIT = re.compile(
    r"^(Lưu|Đăng|Đảng TTĐT|Như|Như trên|Như Điều|Website|Cổng TTĐT|C, P|CT\b|PCT|Chủ tịch|Phó Chủ tịch|Giám đốc|Phó Giám đốc|"
    r"Các Phó|Lãnh đạo|GĐ|PGĐ|Trưởng|Phó trưởng|Bí thư|Phó Bí thư|Các đồng chí|Đ/c|Thành viên|Các thành viên)", re.I)
# "TT Huyện ủy", "TT HĐND tỉnh": the standing committee (Thường trực) of a party or council body.
_STANDING = re.compile(r"^TT\.?\s+(?=(?:Tỉnh|Huyện|Thành|Thị|Đảng) ủy|HĐND|Hội đồng nhân dân)")


def collect_units(text: str, ranges: list[tuple[int, int]], issuer_text: str | None, ctx: PlanContext,
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
    given: set[int] = set()  # where a task already gave a name its role, with its places completed
    for t in tasks:
        for name, o in t.lead:
            asked = t.requested and (not t.requested_at or o.start in t.requested_at)  # "đề nghị A …; B phối hợp …": B leads
            add(name, "requested" if asked else "lead", o.text, o.start)
            given.add(o.start)
        for name, o in t.cooperate:
            add(name, "cooperate", o.text, o.start)
            given.add(o.start)
    role, prev_end = None, -1
    mentions = [o for a, b in ranges for o in find_orgs(text[a:b], a)]
    if (ctx.issuer_base or "").startswith("Sở "):
        # "báo cáo … của đơn vị về Sở để tổng hợp": the own Sở receives the report
        mentions += [OrgMention(m.group(1), m.start(1), m.end(1), group=True) for a, b in ranges
                     for m in _OWN_SO.finditer(text, a, b)
                     if re.search(r"báo cáo|gửi", text[max(a, m.start() - 150):m.start() + 8])]
        mentions.sort(key=lambda o: o.start)
    for o in mentions:
        before = text[max(0, o.start - 60):o.start]
        if role and prev_end >= 0 and _CHAIN.match(text[prev_end:o.start]):
            pass  # same role as the name before it
        elif _COOP.search(before):
            role = "cooperate"
        elif _REPORT.search(before) or (o.text == "Sở" and o.group):
            role = "report_to"
        else:
            role = None
        prev_end = o.end
        if role and not (role == "cooperate" and o.start in given):  # "… cùng cấp" read again, bare
            add(full_name(o, ctx, text), role, o.text, o.start)
    for line in recipients or []:
        clean = re.sub(r"\s*\([^)]*\)\s*$", "", line).strip()
        if not clean or _NOT_UNIT.match(clean):
            continue
        for part in recipient_parts(clean):
            part = _STANDING.sub("Thường trực ", part)
            add(normalize_name(part, ctx, text), "recipient", part)
    return out


def recipient_parts(line: str) -> list[str]:
    """One "Nơi nhận" line may list several bodies ("Sở TTTT, Báo Thanh Hóa"); a group stays whole."""
    parts = [p.strip() for p in re.split(r"\s*[,;]\s*", line) if p.strip()]
    if len(parts) < 2 or not all(starts_with_org(_STANDING.sub("Thường trực ", p)) for p in parts):
        parts = [line]
    out: list[str] = []
    for p in parts:  # "UBMTTQ và các đoàn thể huyện"
        left, sep, right = p.partition(" và các ")
        if sep and starts_with_org(left):
            out += [left, "các " + right]
        else:
            out.append(p)
    return out
