"""The plan's own identity (SCHEMA §1) from the thể thức of Nghị định 30/2020.

The header prescribes: issuing body (left, upper case, parent above), "Số:
…/KH-…", "<place>, ngày … tháng … năm …" (right), the type name in capitals
with the title (trích yếu) under it; at the end "Nơi nhận:" and the signature
(KT./TM./TL./Q., title, name). Formats flatten the two columns in any order,
so each element is found by its own shape, not by position.
"""
from __future__ import annotations

import re
from dataclasses import dataclass, field

from ..ingest.model import Block, SourceDocument
from ..normalize import fold
from ..records import DocInfo
from .names import PlanContext, dash, normalize_name, province_name
from .orgs import find_orgs

TYPE_NAMES = {
    "kế hoạch": "KH", "quyết định": "QĐ", "chương trình": "CTr", "hướng dẫn": "HD", "thông báo": "TB",
    "báo cáo": "BC", "chỉ thị": "CT", "nghị quyết": "NQ", "phương án": "PA", "đề án": "ĐA", "công văn": "CV",
    "tờ trình": "TTr", "quy chế": "QC", "quy định": "QyĐ", "kết luận": "KL", "công điện": "CĐ",
}
_SO = re.compile(r"^Số\s*:?\s*(?P<num>[0-9A-Za-z.]*)\s*(?P<sym>[/-]\s*[A-ZĐa-zđ&\- ]+?)\s*$")
_DATE_LINE = re.compile(
    r"^(?P<place>[^,\n]{2,40}),\s*ngày\s*(?P<d>\d{1,2})?\s*tháng\s*(?P<m>\d{1,2})?\s*năm\s*(?P<y>\d{4})\s*$", re.I
)
_MOTTO = ("cộng hòa xã hội chủ nghĩa", "độc lập - tự do", "đảng cộng sản việt nam")
_SIGN_PREFIX = re.compile(r"^(KT|TM|TL|TUQ|Q|UQ)\.\s*", re.I)
_SIGN_WORDS = ("giám đốc", "chủ tịch", "trưởng", "bí thư", "chánh", "phó", "tm.", "kt.", "tl.", "q.", "ủy viên", "thủ trưởng")
_NAME = re.compile(r"^(?:[A-ZĐÀ-Ỵ][a-zà-ỹđ]*\s+){1,5}[A-ZĐÀ-Ỵ][a-zà-ỹđ]*$")
_OPENERS = re.compile(r"^(Căn cứ|Thực hiện|Triển khai|Theo|Nhằm|Để|Trên cơ sở|Qua|Ngày)\b")


@dataclass
class HeaderResult:
    info: DocInfo
    ctx: PlanContext
    body_start: int  # index of the first body block
    body_end: int  # index after the last body block (before "Nơi nhận"/signature)
    appendix_start: int | None
    spans: dict[str, tuple[int, int]] = field(default_factory=dict)


def extract_header(src: SourceDocument) -> HeaderResult:
    blocks = src.blocks
    info = DocInfo()
    spans: dict[str, tuple[int, int]] = {}
    head_lines: list[str] = []
    type_idx = None
    for i, b in enumerate(blocks[:25]):
        first = b.text.split("\n")[0].strip()
        m = _SO.match(first)
        if m and info.code is None:
            num = m.group("num").strip(" .") or None
            sym = re.sub(r"\s+", "", m.group("sym"))
            info.number = num
            info.code = f"{num or ''}{sym}"
            spans["code"] = (b.start, b.end)
            continue
        m = _DATE_LINE.match(first)
        if m and info.date is None:
            info.place = dash(m.group("place").strip())
            y, mo, d = m.group("y"), m.group("m"), m.group("d")
            info.date = y + (f"-{int(mo):02d}" if mo else "") + (f"-{int(d):02d}" if mo and d else "")
            spans["date"] = (b.start, b.end)
            continue
        t = _type_line(b)
        if t and type_idx is None:
            info.doc_type, title = t
            if not title:  # title in the next blocks (DOCX/PDF: one paragraph per line)
                j = i + 1
                parts = []
                while j < len(blocks) and j < i + 4 and _title_like(blocks[j]):
                    parts.append(blocks[j].text)
                    j += 1
                title = " ".join(parts)
            info.title = re.sub(r"\s+", " ", title).strip() or None
            type_idx = i
            spans["title"] = (b.start, b.end)
            continue
        if type_idx is None and b.style.upper and not any(x in fold(first) for x in _MOTTO) and len(first) < 90:
            head_lines.extend(x.strip() for x in b.text.split("\n") if x.strip())

    body_start = _body_start(blocks, type_idx)
    if type_idx is None:  # a web page or a fragment: headline "… Kế hoạch <title>"
        for b in blocks[:5]:
            m = re.search(r"\b[Kk]ế hoạch\s+(.{10,})$", b.text.split("\n")[0])
            if m:
                info.doc_type = "KH"
                info.title = m.group(1)[0].upper() + m.group(1)[1:]
                body_start = blocks.index(b) + 1
                break
    nn_idx, appendix_start = _tail_indices(blocks, body_start)
    body_end = _body_end(blocks, body_start, nn_idx, appendix_start)
    info.recipients = _recipients(blocks, nn_idx, appendix_start) if nn_idx is not None else None
    info.signer_title, info.signer = _signature(blocks, body_end, appendix_start)
    if info.code and info.doc_type is None:
        m = re.match(r"[^/]*/([A-ZĐa-z]+)-", info.code)
        info.doc_type = m.group(1) if m else None
    ctx = _context(src, blocks, info, head_lines, body_start, body_end)
    info.issuer = ctx.issuer
    info.plan_year = _plan_year(info)
    return HeaderResult(info, ctx, body_start, body_end, appendix_start, spans)


def _type_line(b: Block) -> tuple[str, str] | None:
    first, _, rest = b.text.partition("\n")
    for name, code in TYPE_NAMES.items():
        up = name.upper()
        if first.startswith(up) and (len(first) == len(up) or first[len(up)] == " "):
            title = (first[len(up):] + " " + rest.replace("\n", " ")).strip()
            return code, title
    return None


def _title_like(b: Block) -> bool:
    t = b.text
    return len(t) < 200 and not _OPENERS.match(t) and not re.match(r"^[IVX]+\.|^\d+\.", t) and (
        bool(b.style.centered) or bool(b.style.bold) or not t.endswith((".", ":"))
    )


def _body_start(blocks: list[Block], type_idx: int | None) -> int:
    if type_idx is not None:
        j = type_idx + 1
        while j < len(blocks) and _title_like(blocks[j]) and not blocks[type_idx].text.count("\n") and j < type_idx + 4:
            j += 1
        return j
    return 0


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
    while end > start and _is_signature(blocks[end - 1]):
        end -= 1
    return end


def _is_signature(b: Block) -> bool:
    t = b.text.strip()
    return (b.style.upper and len(t) < 80 and any(w in fold(t) for w in _SIGN_WORDS)) or bool(_NAME.match(t) and len(t) < 40)


def _recipients(blocks, nn_idx, appendix_start) -> list[str]:
    out: list[str] = []
    first = blocks[nn_idx].text
    lines = first.split("\n")[1:]
    j = nn_idx + 1
    while j < len(blocks) and (appendix_start is None or j < appendix_start) and blocks[j].text.lstrip().startswith(("-", "+", "•")):
        lines.extend(blocks[j].text.split("\n"))
        j += 1
    for line in lines:
        line = re.sub(r"^\s*[-+•]\s*", "", line).strip()
        line = re.sub(r"[;.,]+$", "", line).strip()
        if line:
            out.append(line)
    return out


def _signature(blocks, body_end, appendix_start) -> tuple[str | None, str | None]:
    stop = appendix_start if appendix_start is not None else len(blocks)
    title_lines: list[str] = []
    name = None
    for b in blocks[body_end:stop]:
        t = b.text.strip()
        if t.startswith(("-", "+", "Nơi nhận")):
            continue
        if b.style.upper and any(w in fold(t) for w in _SIGN_WORDS):
            title_lines = [x.strip() for x in t.split("\n") if x.strip()]
            continue
        if title_lines and _NAME.match(t):
            name = t
            break
    if not title_lines:
        return None, name
    return " / ".join(_sentence_case(x) for x in title_lines), name


def _sentence_case(line: str) -> str:
    m = _SIGN_PREFIX.match(line)
    prefix = ""
    if m:
        prefix = m.group(1).upper() + ". "
        line = line[m.end():]
    low = line.lower()
    low = re.sub(r"^phó (\w)", lambda m: "phó " + m.group(1).upper(), low)  # "Phó Chủ tịch"
    return prefix + low[:1].upper() + low[1:]


def _plan_year(info: DocInfo) -> int | None:
    if info.title:
        years = re.findall(r"năm (\d{4})\b", info.title)
        if years:
            return int(years[-1])
    if info.date:
        return int(info.date[:4])
    return None


_ISSUER_CUE = re.compile(r"\s(?:xây dựng|triển khai|ban hành)\s+(?:[Kk]ế hoạch)\b(?!\s+số)")


def _context(src, blocks, info: DocInfo, head_lines, body_start, body_end) -> PlanContext:
    ctx = PlanContext()
    text = src.text
    ctx.province = _province(info, text)
    issuer = None
    if head_lines:
        orgs = [x for x in head_lines if not x.startswith("Số")]
        if orgs:
            issuer = _unupper(orgs[-1])
            if len(orgs) > 1:
                info.parent_issuer = normalize_name(_unupper(orgs[-2]), ctx)
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
    ctx.issuer_base = normalize_name(issuer, ctx, text)
    base = ctx.issuer_base
    m = re.search(r"\b(thành phố|huyện|thị xã|quận|xã|phường|thị trấn)\s+([A-ZĐ].*)$", base)
    if m and not base.startswith("Sở"):
        ctx.locality = f"{m.group(1)} {m.group(2)}"
    strip = re.sub(r"\s+tỉnh\s+.*$", "", base)
    ctx.issuer_base = strip
    full = base
    if ctx.province and base.startswith(("Sở ", "Ban ", "Văn phòng ", "Ủy ban nhân dân")) and " tỉnh " not in base and not ctx.locality:
        full = f"{base} tỉnh {ctx.province}" if not base.endswith("tỉnh") else f"{base} {ctx.province}"
    ctx.issuer = full
    return ctx


def _province(info: DocInfo, text: str) -> str | None:
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


def _unupper(line: str) -> str:
    """'SỞ THÔNG TIN VÀ TRUYỀN THÔNG' → 'Sở thông tin và truyền thông' (names fixed by the table later)."""
    if not line.isupper():
        return line
    low = line.lower()
    return low[:1].upper() + low[1:]
