"""Who a sentence of prose gives work to: the grammar of assignment in Vietnamese plans.

Plans and the portal digests of them assign work in sentences, not only in a
"Tổ chức thực hiện" laid out by units: "Ban Dân tộc chủ trì, phối hợp với …",
"UBND tỉnh yêu cầu: Sở X …", "giao Giám đốc Sở Nội vụ tham mưu …", "đề nghị
các Tổ đại biểu …", "… do Trung tâm Văn hóa phối hợp Hội Phụ nữ huyện tổ
chức". The unit a task is given to is the subject of its clause, the object
of giao / yêu cầu / đề nghị, or the agent after "do"; "phối hợp (với)" and
"cùng" name cooperating units. The plan's issuer as subject only speaks
("UBND tỉnh yêu cầu …"): it is not a lead. A post ("Giám đốc Sở Nội vụ",
"Trưởng phòng văn hóa và thông tin huyện") stands for its body.
"""
from __future__ import annotations

import re
from dataclasses import dataclass, field

from ..normalize import fold
from .names import PlanContext, normalize_name
from .orgs import STOP, STOP_PHRASES, OrgMention, find_orgs

# words that hand work to the names after them; "đề nghị" asks a body outside the issuer's authority
_ASK = re.compile(r"(?:(?<![\wà-ỹ])(?:giao(?: cho)?|yêu cầu|đề nghị|do|đối với|riêng)(?:\s+(?:các|những))?\s*:?\s*)$", re.I)
_REQUEST = re.compile(r"(?<![\wà-ỹ])đề nghị(?:\s+(?:các|những))?\s*:?\s*$", re.I)
_COOP = re.compile(r"(?<![\wà-ỹ])(?:phối hợp(?:(?:\s+[a-zà-ỹđ]+){1,2}(?:\s*,(?:\s+[a-zà-ỹđ]+){1,2})?\s+với| với)?"
                   r"|cùng(?: với)?|kết hợp với)\s*$", re.I)  # "phối hợp chặt chẽ, kịp thời với Sở GTVT"
# names after these receive, are directed, or are told of the work: never its lead
_NOT_LEAD = re.compile(r"(?<![\wà-ỹ])(?:báo cáo(?: kết quả)?(?: về)?|gửi(?: về)?|về|trình|của|cho|tới|đến|chỉ đạo|giúp|"
                       r"hướng dẫn|đôn đốc|tại|với|hỗ trợ|tham mưu(?: giúp)?|thông qua|qua|theo|từ)\s*$", re.I)
# what may open a clause before its subject: adverbials ending in a comma, linking words
_INTRO_WORD = re.compile(r"(?:Theo đó|Đồng thời|Ngoài ra|Bên cạnh đó|Trong đó|Mặt khác|Đặc biệt|Riêng|Cụ thể|Tiếp đó|Sau đó)",
                         re.I)


def _opens_clause(before: str) -> bool:
    """Only adverbials closed by commas ("Sau khi kết thúc đợt tiếp xúc, ") or a linking word stand before
    the name: it is the clause's subject. Linear in the text (no nested repetition)."""
    s = re.sub(r"(?:^|\s)(?:và|còn|thì)\s*$", "", before).strip()
    if not s or _INTRO_WORD.fullmatch(s.rstrip(",").strip()) or s.endswith("("):  # "(Đảng bộ xã X được chọn …)"
        return True
    if not s.endswith(",") or ";" in s or ":" in s:
        return False
    return all(len(seg) <= 160 for seg in s[:-1].split(","))


# a post in front of a body: the body is meant ("Giám đốc Sở Nội vụ" → "Sở Nội vụ")
_POST = re.compile(r"(?:(?<![\wà-ỹ])(?:Phó\s+)?(?:Giám đốc|Chủ tịch|Thủ trưởng|Bộ trưởng|Cục trưởng|Chi cục trưởng|"
                   r"Chánh Văn phòng|Chánh Thanh tra|Hiệu trưởng|Tổ trưởng|Trưởng|Người đứng đầu|Lãnh đạo)\s+)$", re.I)
# "Trưởng phòng văn hóa và thông tin huyện": a body written in lower case after a post
_LOWER_BODY = re.compile(r"(?<![\wà-ỹ])(?:Trưởng|trưởng)\s+(?P<body>(?P<head>phòng|ban|trạm|trung tâm)\s+[a-zà-ỹđ ,&-]{3,80})")
# "Giám đốc Sở KH&ĐT và thủ trưởng các sở, ngành": a post between listed bodies keeps them one list
_CHAIN = re.compile(r"^\s*(?:,|và|,\s*và)\s*(?:(?:Giám đốc|Thủ trưởng|Chủ tịch|Lãnh đạo)\s+)?$", re.I)
_PLACE_END = re.compile(r"\s(?:huyện|tỉnh|thành phố|thị xã|quận|xã|phường|thị trấn)$")


@dataclass
class Roles:
    """The units one stretch of prose gives work to, with where each is named."""

    lead: list[OrgMention] = field(default_factory=list)
    cooperate: list[OrgMention] = field(default_factory=list)
    requested: bool = False
    requested_at: set[int] = field(default_factory=set)  # where the names "đề nghị" asks are (the others lead)
    issuer_speaks: bool = False  # the issuer is the subject: "UBND tỉnh yêu cầu …"


def sentences(text: str) -> list[tuple[int, int]]:
    """Spans of the sentences of a paragraph (a full stop before a capital, or a semicolon)."""
    out, a = [], 0
    for m in re.finditer(r"\.(?=\s+[A-ZĐÀ-Ỹ])|;(?=\s)|:(?=\s+[A-ZĐ])", text):
        out.append((a, m.end()))
        a = m.end()
    if text[a:].strip():
        out.append((a, len(text)))
    return out


# "phối hợp với đơn vị, địa phương có liên quan": a group without "các"
_BARE_GROUP = re.compile(r"(?<=với )(?:đơn vị|cơ quan|địa phương|ngành)(?:,\s*(?:đơn vị|cơ quan|địa phương|ngành))*"
                         r"\s+(?:có\s+)?liên quan")


def mentions(text: str, base: int = 0) -> list[OrgMention]:
    """Names of bodies in `text`, with bodies written in lower case after a post added."""
    found = find_orgs(text, base)
    for m in _BARE_GROUP.finditer(text):
        if not any(o.start <= base + m.start() < o.end for o in found):
            found.append(OrgMention(m.group(0), base + m.start(), base + m.end(), True))
    for m in _LOWER_BODY.finditer(text):
        body = _cut_body(m.group("body"))
        s = base + m.start("body")
        if body and not any(o.start <= s < o.end or s <= o.start < s + len(body) for o in found):
            found.append(OrgMention(_recase(body), s, s + len(body)))
    return sorted(found, key=lambda o: o.start)


def _cut_body(s: str) -> str:
    """The body's words up to the first verb or preposition ("… huyện chủ trì phối hợp" → "… huyện")."""
    words = s.split()
    out: list[str] = []
    for i, w in enumerate(words):
        pair = f"{w} {words[i + 1]}" if i + 1 < len(words) else ""
        if out and (w.lower() in STOP - {"và"} or pair.lower() in STOP_PHRASES):
            break
        out.append(w)
    while out and out[-1] in (",", "và", "-", "&"):
        out.pop()
    return " ".join(out).rstrip(",")


def _recase(body: str) -> str:
    """"phòng văn hóa và thông tin huyện" → "Phòng Văn hóa và Thông tin huyện"."""
    words = body.split()
    out, cap_next = [], True
    for w in words:
        if w in ("huyện", "tỉnh", "xã", "phường", "quận", "thị"):
            cap_next = False
        out.append(w[:1].upper() + w[1:] if cap_next or not out else w)
        cap_next = len(out) == 1 or w in ("và", ",") or w.endswith(",")
    return " ".join(out)


def is_issuer(o: OrgMention, ctx: PlanContext) -> bool:
    """Is this mention the plan's own issuer ("UBND tỉnh", "Thường trực HĐND huyện", "Ban Thường vụ Huyện ủy")?"""
    name = fold(normalize_name(o.text, ctx))
    issuer, base = fold(ctx.issuer or ""), fold(ctx.issuer_base or "")
    if not issuer:
        return False
    bare = _PLACE_END.sub("", name)
    return name == issuer or issuer.startswith(name) or (bare == name and bool(base) and name == base)


def roles(text: str, base: int, ctx: PlanContext) -> Roles:
    """Leads and cooperating units of one paragraph (or table cell) of prose."""
    r = Roles()
    for a, b in sentences(text):
        _sentence(text, a, b, base, ctx, r)
    return r


def _sentence(text: str, a: int, b: int, base: int, ctx: PlanContext, r: Roles) -> None:
    sent = text[a:b]
    clause_start = 0
    for chain in _chains(sent, mentions(sent, base + a), base + a):
        first, last = chain[0], chain[-1]
        rel, end = first.start - base - a, last.end - base - a
        lead_in = _POST.sub("", sent[:rel])
        role = None
        if _COOP.search(lead_in[-50:]):
            role = "coop"
        elif _CHOSEN.search(lead_in[-20:]) and re.match(r"\s*(?:,\s*)?để\s", sent[end:]):
            role = "lead"  # "đã chọn Đảng bộ xã A và Đảng bộ B để tổ chức đại hội điểm"
        elif _ASK.search(lead_in[-30:]):
            role = "lead"
            if _REQUEST.search(lead_in[-30:]):
                r.requested = True
                r.requested_at.update(o.start for o in chain)
            chain = [o for o in chain if not is_issuer(o, ctx)]  # "Kế hoạch do Phó Chủ tịch UBND tỉnh … ký"
        elif _NOT_LEAD.search(lead_in[-25:]):
            role = None
        elif (_opens_clause(_POST.sub("", sent[clause_start:rel])) and re.match(r"\s*:", sent[end:])
              and not _ASK_AFTER.search(sent[:rel])):
            role = "lead"  # "Các sở, ban, ngành, UBND các huyện: nghiên cứu …": the item's units
        elif _opens_clause(_POST.sub("", sent[clause_start:rel])) and _acts(sent[end:]):  # "Giám đốc Sở X và …"
            if is_issuer(first, ctx) or _SPEAKS.match(sent[end:]):  # "Huyện ủy chỉ đạo, …": it gives the work
                r.issuer_speaks = True
            elif _CHAIRS.match(sent[end:]):  # "… Tổ trưởng Tổ giúp việc chủ trì cuộc họp": a meeting told of, no work
                pass
            elif not _PAST.match(sent[end:]):  # "UBND thành phố đã có văn bản …": told, not assigned
                role = "lead"
        if role == "lead" and chain:
            r.lead.extend(_distribute(chain))
        elif role == "coop":
            r.cooperate.extend(_same_level(_distribute(chain), r.lead))
        clause_start = end


_PAST = re.compile(r"\s*(?:đã|vừa)\s")
_CHOSEN = re.compile(r"(?<![\wà-ỹ])(?:lựa\s+)?chọn\s*$", re.I)
_CHAIRS = re.compile(r"\s*(?:đã\s+)?chủ trì\s+(?:cuộc họp|hội nghị|buổi làm việc|phiên họp)", re.I)
_ASK_AFTER = re.compile(r"(?i:kính gửi|nơi nhận)\s*:?\s*$")
# a subject that hands the work on: it speaks, the names after it lead ("UBND tỉnh yêu cầu …", "Huyện ủy chỉ đạo, …")
_SPEAKS = re.compile(r"\s*(?:đã\s+|cũng\s+)?(?:yêu cầu|giao(?: cho)?|đề nghị|có ý kiến|chỉ đạo\s*[,:]|dự kiến\s*:)"
                     r"(?![\wà-ỹ])", re.I)
_GROUP_PLACE = re.compile(r"\s(?:các|những)\s+(?:xã|phường|huyện|thị trấn|thị xã|quận|thành phố)\b.*$")


def _same_level(coops: list[OrgMention], leads: list[OrgMention]) -> list[OrgMention]:
    """"Thường trực HĐND các xã phối hợp với Ủy ban MTTQ cùng cấp": the lead's places."""
    place = next((m.group(0) for o in leads for m in [_GROUP_PLACE.search(o.text)] if m), None)
    if not place:
        return coops
    return [OrgMention(o.text[:-len(" cùng cấp")] + place, o.start, o.end, True) if o.text.endswith(" cùng cấp") else o
            for o in coops]


def _chains(sent: str, orgs: list[OrgMention], base: int) -> list[list[OrgMention]]:
    """Names listed together ("Bộ Chỉ huy Quân sự tỉnh, Bộ Chỉ huy Bộ đội Biên phòng tỉnh") take one role."""
    out: list[list[OrgMention]] = []
    for o in orgs:
        if out and _CHAIN.match(sent[out[-1][-1].end - base:o.start - base]):
            out[-1].append(o)
        else:
            out.append([o])
    return out


def _distribute(chain: list[OrgMention]) -> list[OrgMention]:
    """"Thường trực HĐND, Ủy ban MTTQVN các xã, thị trấn": the places of the last name are every name's."""
    m = _GROUP_PLACE.search(chain[-1].text)
    if len(chain) < 2 or not m:
        return chain
    tail = m.group(0)  # (a group of kinds, "Các sở, ban, ngành", keeps its own scope)
    return [OrgMention(o.text + tail, o.start, o.end, True) if not _GROUP_PLACE.search(o.text) and
            not o.text.lower().startswith(("các ", "những ")) and
            not re.search(r"\s(?:tỉnh|huyện|xã|phường|thành phố)(?:\s|$)", o.text) else o for o in chain]


def _acts(after: str) -> bool:
    """A verb follows the name (its subject acts), not a preposition or a further name."""
    after = re.sub(r"^\s*(?:cho|trên|tại|ở)\s[^,;.]{1,60},", "", after)  # "Các tổ tiêm phòng cho đàn vật nuôi …, phối hợp"
    if re.match(r"\s*(?:sẽ\s+|cũng\s+)?được\s+(?:giao|chọn|lựa chọn|phân công)\b", after):
        return True  # "Đảng bộ xã Tam Thái được chọn tổ chức đại hội điểm": the work is its
    m = re.match(r"\s*(?:đã|sẽ|cũng|cần|phải|có thể|vừa|thì)?\s*([a-zà-ỹđ]+)(?:\s+([a-zà-ỹđ]+))?", after)
    if not m:
        return False
    w = m.group(1)
    return w not in STOP or w in ("có", "cần", "phải", "làm") or f"{w} {m.group(2) or ''}".strip() in STOP_PHRASES

