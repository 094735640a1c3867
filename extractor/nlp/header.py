"""The plan's own identity (SCHEMA §1): header block, type and title, tail.

Nghị định 30/2020 prescribes the header block (`header_zone`), the type name
with the title under it (`title`), and at the end "Nơi nhận:" and the
signature (`signature`). Real pages lose parts of it: a site strips the header
and keeps its own headline, a news item only reports the plan ("Ngày …, UBND
huyện ban hành Kế hoạch số …"). What the page does not print is taken from
what the text itself states (`narrative`), and left null when it states
nothing — never guessed.

A plan issued as an attachment of a Quyết định ("Ban hành kèm theo Quyết định
số …") has no number, date or signature of its own: its identity is the
decision's, its title and body are the plan's.
"""
from __future__ import annotations

import re
from dataclasses import dataclass, field

from ..ingest.model import Block, SourceDocument
from ..records import DocInfo
from . import header_zone, title as titles
from .names import CITY_ABBR, PlanContext, city_by_abbreviation, normalize_name, province_name, province_place, recase_name
from .narrative import Statement, stated
from .orgs import find_orgs
from .signature import NOI_NHAN, is_signature, recipients, signatures

_DECISION_TYPES = ("QĐ", "NQ", "CT")
_LEAD_CHARS = 600  # a news item's lead: its headline, dateline and first sentence
_ARTICLES_ISSUE = re.compile(r"^(?:Điều|ĐIỀU)\s+1\s*[.:]\s*(?:Ban\s+hành|Phê\s+duyệt)\b")
_ARTICLE_ALONE = re.compile(r"^(?:Điều|ĐIỀU)\s+\d+\s*[.:]?$")


@dataclass
class HeaderResult:
    info: DocInfo
    ctx: PlanContext
    body_start: int  # index of the first body block
    body_end: int  # index after the last body block (before "Nơi nhận"/signature)
    appendix_start: int | None
    spans: dict[str, tuple[int, int]] = field(default_factory=dict)
    outline_start: int | None = None  # where the outline starts when it is not the body's (a decision's attachment)
    statement: Statement | None = None


@dataclass
class _Top:
    """What the top of the page says: header block, type line, title."""

    zone: header_zone.Zone
    doc_type: str | None = None
    title: str | None = None
    joint: bool = False
    body_start: int = 0
    title_span: tuple[int, int] | None = None
    headline: str | None = None  # the site's headline the type and title were read from


def extract_header(src: SourceDocument) -> HeaderResult:
    blocks = src.blocks
    info = DocInfo()
    top = _read_top(blocks, 0)
    z = top.zone
    info.doc_type, info.title = top.doc_type, top.title
    info.number, info.code, info.place, info.date = z.number, z.code, z.place, z.date
    info.unreadable = list(z.unreadable)
    spans = dict(z.spans)
    if top.title_span:
        spans["title"] = top.title_span
    body_start = top.body_start
    tail_from, tail_to, outline_start = body_start, None, None
    doc_type = info.doc_type or _code_type(info.code)
    if doc_type in _DECISION_TYPES:
        k = _attached_plan(blocks, body_start) if info.title and re.search(r"\b(?:ban hành|phê duyệt)\b", info.title, re.I) \
            else None
        if k is not None:  # the plan under the decision: its title, the decision's identity
            sub = _read_top(blocks, k)
            if _has_body(blocks, sub.body_start):
                info.doc_type, info.title = sub.doc_type, sub.title
                tail_to, body_start = k, sub.body_start
            else:
                outline_start = len(blocks)  # cut before the plan's body: no outline of its own
        elif _issues_by_article(blocks, body_start):
            outline_start = len(blocks)
    nn_idx, appendix_start = _tail_indices(blocks, body_start)
    body_end = _body_end(blocks, body_start, nn_idx, appendix_start)
    info.recipients = recipients(blocks, nn_idx, appendix_start) if nn_idx is not None else None
    names, post_titles = signatures(blocks, body_end, appendix_start)
    if tail_to is not None and info.recipients is None and not names:  # the decision's tail
        d_nn, _ = _tail_indices(blocks[:tail_to], tail_from)
        d_end = _body_end(blocks, tail_from, d_nn, None)
        info.recipients = recipients(blocks, d_nn, tail_to) if d_nn is not None else None
        names, post_titles = signatures(blocks, d_end, tail_to)
        if not post_titles:
            post_titles = _posts_only(blocks, d_nn, tail_to)
    info.signer = "; ".join(names) if names else None
    info.signer_title = post_titles[0] if post_titles else (_posts_only(blocks, nn_idx, appendix_start) or [None])[0]
    statement = None
    if not z.body_lines or info.code is None or info.date is None:
        statement = stated(src.text, 0 if z.begin is None else (blocks[body_start].start if body_start < len(blocks) else 0),
                           blocks[min(body_end, len(blocks)) - 1].end if body_end else None) if blocks else None
        _from_statement(info, statement, z)
        lead = statement is not None and statement.span is not None and statement.span[0] < _LEAD_CHARS
        if lead and top.headline and titles.by_verb(top.headline) and statement.doc_type \
                and info.doc_type != statement.doc_type and z.begin is None:
            # "Triển khai Đề án …" over a lead "UBND TP vừa ban hành kế hoạch triển khai Đề án …": the page's is
            # the plan that implements the Đề án, its title the whole headline
            info.doc_type, info.title = statement.doc_type, top.headline
    if info.doc_type is None:
        info.doc_type = _code_type(info.code)
    ctx = _context(src, info, top, statement, body_start, body_end)
    info.issuer = info.issuer or ctx.issuer
    info.plan_year = titles.plan_year(info.title, info.date, info.doc_type)
    return HeaderResult(info, ctx, body_start, body_end, appendix_start, spans, outline_start, statement)


def _code_type(code: str | None) -> str | None:
    """The type part of a code: 25/2013/QĐ-UBND → QĐ, 25-KH/TU → KH."""
    if not code:
        return None
    m = re.match(r"^[^/]*(?:/\d{4})?/([A-ZĐa-z]+)-", code) or re.match(r"^\d*-([A-ZĐa-z]+)/", code)
    return m.group(1) if m else None


def _read_top(blocks: list[Block], start: int) -> _Top:
    """The header block, the type line and the title from `blocks[start]` on."""
    z = header_zone.scan(blocks, start)
    top = _Top(z, body_start=z.end)
    k = _type_line_index(blocks, z.end if z.begin is not None else start, headerless=z.begin is None)
    if z.type_rest and titles.type_line(z.type_rest):  # the type line inside the header's last block
        code, rest, joint = titles.type_line(z.type_rest)
        top.doc_type, top.joint = code, joint
        top.title, top.body_start, _ = titles.read_title(blocks, z.end - 1, rest, code in _DECISION_TYPES)
        top.title_span = (blocks[z.end - 1].start, blocks[top.body_start - 1].end)
    elif k is not None:
        code, rest, joint = titles.type_line(blocks[k].text)
        top.doc_type, top.joint = code, joint
        top.title, top.body_start, _ = titles.read_title(blocks, k, rest, code in _DECISION_TYPES)
        top.title_span = (blocks[k].start, blocks[top.body_start - 1].end)
    elif z.begin is not None and z.end < len(blocks) and titles.page_title(blocks[z.end]):
        top.title, top.body_start = titles.page_title(blocks[z.end]), z.end + 1
        top.title_span = (blocks[z.end].start, blocks[z.end].end)
    else:
        found = titles.headline(blocks, z.begin if z.begin is not None else len(blocks))
        if found is not None and start == 0:
            head, k = found
            top.headline = head
            typed = titles.headline_type(head)
            top.doc_type, top.title = typed if typed else (None, head)
            if typed and re.match(r"^\d+[/-]", typed[1]):
                top.title = None  # "Kế hoạch 0155/KH-UBND năm 2025 …": the site's label, not the title
            top.title_span = (blocks[k].start, blocks[k].end)
            top.body_start = max(top.body_start, k + 1)
    while top.body_start < len(blocks) and _authority(blocks[top.body_start]):
        top.body_start += 1
    return top


def _type_line_index(blocks: list[Block], start: int, headerless: bool = False) -> int | None:
    """The type line: right after the header block, or among the first blocks of a page without one
    (a news page may print the plan's full text after its own lead paragraph)."""
    for k in range(start, min(len(blocks), start + (10 if headerless else 6))):
        b = blocks[k]
        if b.table is not None:
            continue
        if titles.type_line(b.text):
            return k
        if len(b.text) > 200 and not headerless:
            return None
        if headerless and (re.match(r"^(?:[IVX]+|\d+)\s*[.)]\s", b.text) or b.text.startswith("Căn cứ")):
            return None  # the body has begun
    return None


def _authority(b: Block) -> bool:
    """"CHỦ TỊCH ỦY BAN NHÂN DÂN TỈNH …", "ỦY BAN NHÂN DÂN TỈNH": who decides, between title and preamble."""
    return b.table is None and titles.is_authority(b.text.split("\n")[0]) and len(b.text) < 200


def _attached_plan(blocks: list[Block], start: int) -> int | None:
    """Index of the plan's own type line under a decision that issues it."""
    for k in range(start, len(blocks)):
        t = titles.type_line(blocks[k].text.split("\n")[0])
        if t and t[0] not in _DECISION_TYPES:
            near = "\n".join(b.text for b in blocks[k:k + 5])
            if re.search(r"[Kk]èm theo\s+(?:Quyết định|Nghị quyết)", near):
                return k
    return None


def _has_body(blocks: list[Block], start: int) -> bool:
    """The attached plan has text of its own (the page is not cut right after its title)."""
    return sum(len(b.text) for b in blocks[start:start + 5]) >= 25


def _issues_by_article(blocks: list[Block], start: int) -> bool:
    """"Điều 1. Ban hành kèm theo …": a decision whose articles only issue an attachment."""
    for i in range(start, len(blocks)):
        t = blocks[i].text.strip()
        if _ARTICLE_ALONE.match(t) and i + 1 < len(blocks):  # "Điều 1." on a line of its own (column exports)
            t += " " + blocks[i + 1].text.strip()
        if _ARTICLES_ISSUE.match(t):
            return True
    return False


def _tail_indices(blocks: list[Block], start: int) -> tuple[int | None, int | None]:
    nn = appendix = None
    for i in range(start, len(blocks)):
        t = blocks[i].text.strip()
        if nn is None and NOI_NHAN.match(t):
            nn = i
        if appendix is None and (re.match(r"^(PHỤ LỤC|Phụ lục)(\s+[IVX\d]+)?\s*:?$", t.split("\n")[0]) and i > start + 3):
            appendix = i
    return nn, appendix


def _body_end(blocks, start, nn_idx, appendix_start) -> int:
    end = nn_idx if nn_idx is not None else (appendix_start if appendix_start is not None else len(blocks))
    # the signature may come before "Nơi nhận" when columns are flattened
    while end > start and is_signature(blocks[end - 1]):
        end -= 1
    return end


def _posts_only(blocks: list[Block], nn_idx: int | None, stop: int | None) -> list[str]:
    """A signature cut before the signer's name ("Nơi nhận: | TM. ỦY BAN NHÂN DÂN |", "Nơi nhận: | CHỦ TỊCH |"):
    the post alone."""
    if nn_idx is None or blocks[nn_idx].table is None:
        return []
    from .signature import _sentence_case, is_post_cell

    for row in blocks[nn_idx].table.rows:
        for c in row:
            t = c.text.strip()
            if is_post_cell(t):
                return [" / ".join(_sentence_case(x) for x in t.split("\n") if x.strip())]
    return []


def _from_statement(info: DocInfo, st: Statement | None, z: header_zone.Zone) -> None:
    """Fill what the page's header does not print from what the text states."""
    if st is None:
        return
    lone_date = z.date is not None and not z.body_lines and z.code is None and not z.motto
    if info.code is None and st.code:
        info.number, info.code = st.number, st.code
    if st.date and (info.date is None or (lone_date and st.code)):
        if lone_date:
            info.place = None  # the line at the top was the site's print date
        info.date = st.date
    # a news item whose lead reports the plan ("UBND TP vừa ban hành kế hoạch triển khai …") is about that plan,
    # numbered or not; further down, an unnumbered mention may be any plan's
    lead = st.span is not None and st.span[0] < _LEAD_CHARS and z.begin is None
    if info.doc_type is None and (st.code or st.date or lead):
        info.doc_type = st.doc_type


def _context(src: SourceDocument, info: DocInfo, top: _Top, st: Statement | None, body_start: int,
             body_end: int) -> PlanContext:
    ctx = PlanContext(names={})
    text = src.text
    org_lines = [x for cell in top.zone.body_lines for x in cell]
    ctx.province = _province(info, text, org_lines, src)
    issuer = None
    names = [recase_name(x) for x in header_zone.bodies(top.zone.body_lines)]
    names = _complete_places(names, ctx.province, info.place, text)
    if names:
        if top.joint or (info.code and re.search(r"/[A-ZĐ]+LT-", info.code)):
            info.issuer = "; ".join(names)
            issuer = names[-1]
        else:
            issuer = names[-1]
            if len(names) > 1:
                info.parent_issuer = names[-2]
        if top.zone.youth and not re.search(r"(?i)đoàn", issuer):
            issuer = f"{issuer} Đoàn TNCS Hồ Chí Minh"  # "BAN CHẤP HÀNH TRUNG ƯƠNG" under the Đoàn's heading
    if issuer is None and st is not None and st.issuer:
        issuer = st.issuer
    if issuer is None and info.title:
        m = re.search(r"\bcủa\s+(.+?)(?:\s+(?:năm|giai đoạn)\s+\d{4}.*)?$", info.title)
        if m:
            found = find_orgs(m.group(1))
            if found:
                issuer = found[0].text
    if issuer is None and info.code:
        m = re.search(r"-([A-ZĐ][A-ZĐa-z&]*)$", info.code)
        if m:
            from ..data import issuer_codes

            hit = issuer_codes().get(m.group(1))
            issuer = hit[0] if hit and hit[1] != "province" else None
    if issuer is None:
        return ctx
    base = normalize_name(issuer, ctx, text)
    base = _complete_level(base, text + "\n" + "\n".join(b.text for b in src.chrome), ctx)
    base = _complete_congress(base, text, ctx)
    m = re.search(r"\b(thành phố|huyện|thị xã|quận|xã|phường|thị trấn)\s+([A-ZĐ].*)$", base)
    if m and not base.startswith("Sở") and province_name(m.group(2)) is None:
        ctx.locality = f"{m.group(1)} {m.group(2)}"
    party = re.search(r"\b(Huyện|Thị|Thành) ủy\s+([A-ZĐ].*)$", base)  # "Ban Thường vụ Huyện ủy Châu Phú": huyện Châu Phú
    if party and not m and province_name(party.group(2)) is None:
        ctx.locality = f"{ {'Huyện': 'huyện', 'Thị': 'thị xã', 'Thành': 'thành phố'}[party.group(1)]} {party.group(2)}"
    ctx.issuer_base = re.sub(r"\s+(?:tỉnh|thành phố)\s+.*$", "", base) if not ctx.locality else base
    full = base
    if ctx.province and base.startswith(("Sở ", "Ban ", "Văn phòng ", "Ủy ban nhân dân", "Hội đồng nhân dân")) \
            and not re.search(r"\b(?:tỉnh|thành phố)\s+[A-ZĐ]", base) and not ctx.locality \
            and not re.search(r"\bTrung ương\b", base) \
            and not base.endswith(ctx.province):
        full = f"{base} {province_place(ctx.province)}" if not base.endswith(("tỉnh", "thành phố")) \
            else f"{base} {ctx.province}"
    ctx.issuer = full
    return ctx



def _complete_places(names: list[str], province: str | None, place: str | None, text: str) -> list[str]:
    """A body printed without its place takes the place of the body above it, or the header's place."""
    out: list[str] = []
    for n in names:
        if not re.search(r"\b(?:tỉnh|thành phố|huyện|thị xã|quận|xã|phường|thị trấn)\s+\S", n) and not n.startswith(
                ("Bộ ", "Tỉnh ủy", "Thành ủy", "Huyện ủy")):
            if out:
                m = re.search(r"\b((?:tỉnh|thành phố|huyện|thị xã|quận|xã|phường|thị trấn)\s+.+)$", out[-1])
                if m:
                    n = f"{n} {m.group(1)}"
            elif place and n.startswith(("Ủy ban nhân dân", "Hội đồng nhân dân")):
                if province_name(place):
                    n = f"{n} {province_place(province_name(place))}"
                else:
                    m = re.search(rf"\b(huyện|thị xã|thành phố|quận|xã|phường|thị trấn)\s+{re.escape(place)}\b", text)
                    if m:
                        n = f"{n} {m.group(1)} {place}"
        out.append(n)
    return out


def _complete_level(name: str, text: str, ctx: PlanContext) -> str:
    """"Ủy ban nhân dân huyện" (the text names no place): the locality the text names most."""
    m = re.search(r"\b(huyện|thị xã|quận|thành phố|xã|phường|thị trấn)$", name)
    if not m:
        return name
    kind = m.group(1)
    if kind == "thành phố" and ctx.province and province_place(ctx.province).startswith("thành phố"):
        return f"{name} {ctx.province}"
    counts: dict[str, int] = {}
    for mm in re.finditer(rf"\b(?i:{kind})[ \t]+((?:[A-ZĐ][\wà-ỹ’']*[ \t]?){{1,3}})", text):
        place = mm.group(1).strip()
        if re.match(r"(?i)khóa|khoá|nhiệm kỳ", place):
            continue  # "HĐND huyện Khóa VI": the council's term, not a place
        if province_name(place) and kind != "thành phố":
            continue
        counts[place] = counts.get(place, 0) + 1
    if counts:
        return f"{name} {max(counts, key=counts.get)}"
    return name


def _complete_congress(name: str, text: str, ctx: PlanContext) -> str:
    """"Tiểu ban Tuyên truyền và Phục vụ Đại hội" (a congress year's subcommittee): the congress the text
    names ("Đại hội đại biểu Đảng bộ tỉnh lần thứ XIV"), in the plan's province."""
    if not re.search(r"\bĐại hội$", name) or not ctx.province:
        return name
    m = re.search(r"\bĐại hội(?: đại biểu)? Đảng bộ (tỉnh|thành phố)\b", text)
    return f"{name} Đảng bộ {m.group(1)} {ctx.province}" if m else name


def _province(info: DocInfo, text: str, org_lines: list[str], src: SourceDocument) -> str | None:
    for line in org_lines:  # "UBND TỈNH NINH BÌNH", "ĐẢNG BỘ TỈNH QUẢNG NGÃI"
        m = re.search(r"\b(?:TỈNH|THÀNH PHỐ)\s+(.+)$", line)
        if m and province_name(m.group(1)):
            return province_name(m.group(1))
    if info.place:
        p = province_name(info.place)
        if p:
            return p
    counts: dict[str, int] = {}
    for m in re.finditer(r"\b(?:tỉnh|thành phố|TỈNH|THÀNH PHỐ)\s+((?:[A-ZĐ][\wà-ỹ]*(?:\s*-\s*|\s+)){0,3}[A-ZĐ][\wà-ỹ]*"
                         r"|[A-ZĐ]{2}\s*-\s*[A-ZĐ]{2})", text):
        cand = m.group(1).strip()
        for k in range(len(cand.split()), 0, -1):  # "tỉnh Điện Biên Sở …": the longest known name
            p = province_name(" ".join(cand.split()[:k]))
            if p:
                counts[p] = counts.get(p, 0) + 1
                break
    for m in re.finditer(CITY_ABBR, text):  # "TPHCM", "TP.HCM": the city by its abbreviation
        p = city_by_abbreviation(m.group(0))
        if p:
            counts[p] = counts.get(p, 0) + 1
    if counts:
        return max(counts, key=counts.get)
    return None
