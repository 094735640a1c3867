"""The plan's own identity (SCHEMA §1) from the thể thức of Nghị định 30/2020.

The header prescribes: issuing body (left, upper case, parent above), "Số:
…/KH-…", "<place>, ngày … tháng … năm …" (right), the type name in capitals
with the title (trích yếu) under it; at the end "Nơi nhận:" and the signature
(KT./TM./TL./Q., title, name). Formats flatten the two columns in any order —
and a PDF puts "Số" and the date on one line — so the header is read line by
line and each element is found by its own shape, not by position.

A plan issued as an attachment of a Quyết định ("Ban hành kèm theo Quyết định
số …") has no number, date or signature of its own: its identity is the
decision's, its title and body are the plan's.
"""
from __future__ import annotations

import re
from dataclasses import dataclass, field

from ..ingest.model import Block, SourceDocument
from ..normalize import fold
from ..records import DocInfo
from .names import PlanContext, dash, issuer_from_lines, normalize_name, province_name
from .orgs import find_orgs
from .signature import cell_lines, is_signature, recipients, signatures

TYPE_NAMES = {
    "kế hoạch": "KH", "quyết định": "QĐ", "chương trình": "CTr", "hướng dẫn": "HD", "thông báo": "TB",
    "báo cáo": "BC", "chỉ thị": "CT", "nghị quyết": "NQ", "phương án": "PA", "đề án": "ĐA", "công văn": "CV",
    "tờ trình": "TTr", "quy chế": "QC", "quy định": "QyĐ", "kết luận": "KL", "công điện": "CĐ",
}
# "Số: 28/KH-SYT", "Số:    /KH-UBND", "Số 25-KH/TU"; a PDF may append the date column on the same line
_SO = re.compile(
    r"^(?:Số|SỐ)\s*:?\s*(?P<num>[0-9][0-9A-Za-z.]*)?(?P<yr>/\d{4})?\s*(?P<sym>[/-]\s*[&'‘’.,]?\s*[A-ZĐ][A-ZĐa-zđ0-9&./\-]*(?:\s[A-ZĐ0-9&]+(?![\wà-ỹ]))*)"
    r"\s*(?P<rest>.*)$"
)
# "Số: KH-UBND": no number yet, and the slash before the symbol lost (OCR reads the
# blank number's slash as nothing): still the plan's symbol, type first.
_SO_BARE = re.compile(r"^(?:Số|SỐ)\s*:?\s*(?P<num>)(?P<yr>)(?P<sym>[A-ZĐ][A-ZĐa-z]{1,4}\s*-\s*[A-ZĐ][A-ZĐa-zđ0-9&.\-]*)\s*(?P<rest>.*)$")
_DATE = re.compile(
    r"^(?P<place>[^,\n]{2,40}?),\s*ngày\s*(?P<d>\d{1,2})?\s*tháng\s*(?P<m>\d{1,2})?\s*năm\s*(?P<y>\d{4})\s*$", re.I
)
_MOTTO = ("cộng hòa xã hội chủ nghĩa", "độc lập - tự do", "đảng cộng sản việt nam")
# the quốc hiệu / tiêu ngữ, wherever a flattened line put it ("ỦY BAN NHÂN DÂN CỘNG HÒA XÃ HỘI …")
_MOTTO_RE = re.compile(r"cộng h(?:òa|oà) xã hội chủ nghĩa(?: việt nam)?|độc lập\s*[-–—]\s*tự do\s*[-–—]\s*hạnh phúc"
                       r"|đảng cộng sản việt nam", re.I)
_SEPARATOR = re.compile(r"^[\s\-_=*~.—–]*$")
_ATTACHED = re.compile(r"^\(?\s*(?:Ban hành\s+)?[Kk]èm theo\b")
_OPENERS = re.compile(r"^(Căn cứ|Thực hiện|Triển khai|Theo|Nhằm|Để|Trên cơ sở|Qua|Ngày)\b")


@dataclass
class HeaderResult:
    info: DocInfo
    ctx: PlanContext
    body_start: int  # index of the first body block
    body_end: int  # index after the last body block (before "Nơi nhận"/signature)
    appendix_start: int | None
    spans: dict[str, tuple[int, int]] = field(default_factory=dict)


@dataclass
class _Top:
    """What the lines above the body say: one document's header."""

    org_lines: list[str] = field(default_factory=list)
    type_idx: int | None = None
    title_end: int = 0  # first block after the title
    joint: bool = False


def extract_header(src: SourceDocument) -> HeaderResult:
    blocks = src.blocks
    info = DocInfo()
    spans: dict[str, tuple[int, int]] = {}
    top = _scan_top(blocks, 0, info, spans)
    body_start = top.title_end if top.type_idx is not None else 0
    tail_from = body_start
    tail_to: int | None = None
    if info.doc_type == "QĐ" and info.title and re.search(r"\bban hành\b", info.title, re.I):
        k = _attached_plan(blocks, body_start)
        if k is not None:  # the plan under the decision: its title, the decision's identity
            plan = DocInfo()
            sub = _scan_top(blocks, k, plan, {})
            info.doc_type, info.title = plan.doc_type, plan.title
            tail_to, body_start = k, sub.title_end
    if top.type_idx is None:  # a web page or a fragment: headline "… Kế hoạch <title>"
        for b in blocks[:5]:
            m = re.search(r"\b[Kk]ế hoạch\s+(.{10,})$", b.text.split("\n")[0])
            if m:
                info.doc_type = "KH"
                info.title = m.group(1)[0].upper() + m.group(1)[1:]
                body_start = blocks.index(b) + 1
                break
    nn_idx, appendix_start = _tail_indices(blocks, body_start)
    body_end = _body_end(blocks, body_start, nn_idx, appendix_start)
    info.recipients = recipients(blocks, nn_idx, appendix_start) if nn_idx is not None else None
    names, titles = signatures(blocks, body_end, appendix_start)
    if tail_to is not None and info.recipients is None and not names:  # the decision's tail
        d_nn, _ = _tail_indices(blocks[:tail_to], tail_from)
        d_end = _body_end(blocks, tail_from, d_nn, None)
        info.recipients = recipients(blocks, d_nn, tail_to) if d_nn is not None else None
        names, titles = signatures(blocks, d_end, tail_to)
    info.signer = "; ".join(names) if names else None
    info.signer_title = titles[0] if titles else None
    if info.code and info.doc_type is None:
        m = re.match(r"[^/]*/([A-ZĐa-z]+)-", info.code)
        info.doc_type = m.group(1) if m else None
    ctx = _context(src, blocks, info, top, body_start, body_end)
    info.issuer = info.issuer or ctx.issuer
    info.plan_year = _plan_year(info)
    return HeaderResult(info, ctx, body_start, body_end, appendix_start, spans)


def _scan_top(blocks: list[Block], start: int, info: DocInfo, spans: dict) -> _Top:
    """Read the header lines from `start` to the end of the title (or 25 blocks)."""
    top = _Top()
    for i in range(start, min(len(blocks), start + 25)):
        b = blocks[i]
        if b.table is not None and (top.type_idx is not None or i > start + 6):
            continue
        lines = cell_lines(b) if b.table is not None else [x.strip() for x in b.text.split("\n")]
        lines = [seg.strip() for line in lines for seg in _MOTTO_RE.split(line)]  # keep what shares a line with it
        for n, line in enumerate(lines):
            if not line or _SEPARATOR.match(line) or any(x in fold(line) for x in _MOTTO) or fold(line) == "việt nam":
                continue
            if _read_so(line, info, spans, b) or _read_date(line, info, spans, b):
                continue
            t = _type_name(line)
            if t:
                info.doc_type, rest, top.joint = t
                title_lines = ([rest] if rest else []) + [x for x in lines[n + 1:] if x]
                top.type_idx, top.title_end = i, i + 1
                if not title_lines:  # DOCX/PDF: one paragraph per title line
                    j = i + 1
                    while j < len(blocks) and j < i + 5 and _title_like(blocks[j]):
                        title_lines.append(blocks[j].text)
                        j += 1
                    top.title_end = j
                    while top.title_end < len(blocks) and _ATTACHED.match(blocks[top.title_end].text.strip()):
                        top.title_end += 1
                title = " ".join(x for x in title_lines if not _ATTACHED.match(x))
                info.title = re.sub(r"\s+", " ", title).strip() or None
                spans["title"] = (b.start, b.end)
                return top
            if (line.isupper() or line == "*") and len(line) < 90 and not line.startswith(("-", "+")):
                top.org_lines.append(line)
        if top.org_lines and not b.style.upper and b.kind != "table" and info.code is None and info.date is None:
            if _OPENERS.match(b.text) or len(b.text) > 150:
                break
    top.title_end = start
    return top


def _read_so(line: str, info: DocInfo, spans: dict, b: Block) -> bool:
    m = _SO.match(line) or _SO_BARE.match(line)
    if not m or info.code is not None:
        return False
    rest = m.group("rest").strip()
    if rest and not _read_date(rest, info, spans, b):
        return False
    num = (m.group("num") or "").strip(" .") or None
    sym = re.sub(r"\s+|(?<=[/-])[&'‘’.,]", "", m.group("sym"))  # a speck after the slash: "/&KH-UBND"
    sym = sym if sym[0] in "/-" else "/" + sym
    info.number = num
    info.code = f"{num or ''}{m.group('yr') or ''}{sym}"
    spans["code"] = (b.start, b.end)
    return True


def _read_date(line: str, info: DocInfo, spans: dict, b: Block) -> bool:
    m = _DATE.match(line)
    if not m or info.date is not None:
        return False
    info.place = dash(m.group("place").strip())
    y, mo, d = m.group("y"), m.group("m"), m.group("d")
    info.date = y + (f"-{int(mo):02d}" if mo else "") + (f"-{int(d):02d}" if mo and d else "")
    spans["date"] = (b.start, b.end)
    return True


def _type_name(line: str) -> tuple[str, str, bool] | None:
    """'KẾ HOẠCH', 'KẾ HOẠCH LIÊN TỊCH', 'KẾ HOẠCH Tuyên truyền …' → (code, title part, joint)."""
    for name, code in TYPE_NAMES.items():
        up = name.upper()
        if line.startswith(up) and (len(line) == len(up) or line[len(up)] == " "):
            rest = line[len(up):].strip()
            joint = rest.startswith("LIÊN TỊCH")
            if joint:
                rest = rest[len("LIÊN TỊCH"):].strip()
            if rest.rstrip(":").isupper() and len(rest) < 20 and not joint:
                return None  # "QUYẾT ĐỊNH:" opening the articles, not a type line
            return code, rest, joint
    return None


def _title_like(b: Block) -> bool:
    t = b.text
    return len(t) < 200 and not _OPENERS.match(t) and not re.match(r"^[IVX]+\.|^\d+\.|^\(", t) and (
        bool(b.style.centered) or bool(b.style.bold) or not t.endswith((".", ":"))
    )


def _attached_plan(blocks: list[Block], start: int) -> int | None:
    """Index of the plan's own type line under a decision that issues it."""
    for k in range(start, len(blocks)):
        t = _type_name(blocks[k].text.split("\n")[0].strip())
        if t and t[0] != "QĐ":
            near = "\n".join(b.text for b in blocks[k:k + 5])
            if re.search(r"[Kk]èm theo\s+Quyết định", near):
                return k
    return None


def _tail_indices(blocks: list[Block], start: int) -> tuple[int | None, int | None]:
    nn = appendix = None
    for i in range(start, len(blocks)):
        t = blocks[i].text.strip()
        if nn is None and re.match(r"^Nơi nhận\s*:?", t):
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


def _plan_year(info: DocInfo) -> int | None:
    if info.title:
        years = re.findall(r"năm (\d{4})\b", info.title)
        if years:
            return int(years[-1])
    if info.date:
        return int(info.date[:4])
    return None


_ISSUER_CUE = re.compile(r"\s(?:xây dựng|triển khai|ban hành)\s+(?:[Kk]ế hoạch)\b(?!\s+số)")


def _context(src, blocks, info: DocInfo, top: _Top, body_start, body_end) -> PlanContext:
    ctx = PlanContext()
    text = src.text
    ctx.province = _province(info, text, top.org_lines)
    issuer = None
    names = issuer_from_lines(top.org_lines, ctx.province)
    if names:
        if top.joint or (info.code and re.search(r"/[A-ZĐ]+LT-", info.code)):
            info.issuer = "; ".join(names)
            issuer = names[-1]
        else:
            issuer = names[-1]
            if len(names) > 1:
                info.parent_issuer = names[-2]
    if issuer is None:
        for b in blocks[body_start:body_start + 3]:
            for m in _ISSUER_CUE.finditer(b.text):
                found = [o for o in find_orgs(b.text[:m.start()]) if o.end >= m.start() - 2]
                if found:  # the body named right before "xây dựng Kế hoạch" is the author
                    issuer = found[-1].text
            if issuer:
                break
    if issuer is None and info.title:
        m = re.search(r"\bcủa\s+(.+?)(?:\s+(?:năm|giai đoạn)\s+\d{4}.*)?$", info.title)
        if m:
            found = find_orgs(m.group(1))
            if found:
                issuer = found[0].text
    if issuer is None and info.code:
        m = re.search(r"-([A-ZĐ][A-ZĐa-z&]*)$", info.code)
        if m:
            try:
                from ..data import issuer_codes

                hit = issuer_codes().get(m.group(1))
                issuer = hit[0] if hit else None
            except Exception:
                issuer = None
    if issuer is None:
        return ctx
    base = normalize_name(issuer, ctx, text)
    m = re.search(r"\b(thành phố|huyện|thị xã|quận|xã|phường|thị trấn)\s+([A-ZĐ].*)$", base)
    if m and not base.startswith("Sở"):
        ctx.locality = f"{m.group(1)} {m.group(2)}"
    ctx.issuer_base = re.sub(r"\s+tỉnh\s+.*$", "", base)
    full = base
    if ctx.province and base.startswith(("Sở ", "Ban ", "Văn phòng ", "Ủy ban nhân dân")) and " tỉnh " not in base and not ctx.locality:
        full = f"{base} tỉnh {ctx.province}" if not base.endswith("tỉnh") else f"{base} {ctx.province}"
    ctx.issuer = full
    return ctx


def _province(info: DocInfo, text: str, org_lines: list[str]) -> str | None:
    for line in org_lines:  # "UBND TỈNH NINH BÌNH", "ĐẢNG BỘ TỈNH QUẢNG NGÃI"
        m = re.search(r"\b(?:TỈNH|THÀNH PHỐ)\s+(.+)$", line)
        if m and province_name(m.group(1)):
            return province_name(m.group(1))
    if info.place:
        p = province_name(info.place)
        if p:
            return p
    counts: dict[str, int] = {}
    for m in re.finditer(r"\btỉnh\s+((?:[A-ZĐ][\wà-ỹ]*(?:\s*-\s*|\s+)){0,3}[A-ZĐ][\wà-ỹ]*|[A-ZĐ]{2}\s*-\s*[A-ZĐ]{2})", text):
        cand = dash(m.group(1).strip())
        p = province_name(cand) or cand
        counts[p] = counts.get(p, 0) + 1
    if info.place and info.place in counts:
        return info.place
    if counts:
        return max(counts, key=counts.get)
    return info.place if info.place and len(info.place.split()) <= 4 else None
