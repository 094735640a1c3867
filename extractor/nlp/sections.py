"""The outline (SCHEMA §2): numbered items, unnumbered headings, appendices.

Numbering styles get their level from the order in which they first appear
(Roman, then Arabic, then 1.1, then a)), as readers do; "Phần"/"Mục" and
"Điều" count as styles of their own. A numbered paragraph is an item too; its
heading is its text up to the first ":" or the end of its first sentence.
"""
from __future__ import annotations

import re
from dataclasses import dataclass

from ..ingest.model import Block
from ..normalize import fold

_NUM = re.compile(
    r"^(?:(?P<part>(?:Phần|PHẦN|Mục|MỤC|Chương|CHƯƠNG)\s+(?:[IVXLC]+|\d+))\s*[.:\-]?\s+"
    r"|(?P<dieu>(?:Điều|ĐIỀU)\s+\d+)\s*[.:]\s*"
    r"|(?P<roman>[IVXL]{1,5})\s*[.)/]\s+"
    r"|(?P<upper>[A-Đ])\s*[.)/]\s+"
    r"|(?P<multi>\d{1,2}(?:\.\d{1,2}){1,3})\.?\s+"
    r"|(?P<arabic>\d{1,2})\s*[.)/]\s+"
    r"|(?P<letter>[a-zđ])\s*\)\s+)"
)
LABEL_CUES = [
    ("muc_dich", r"mục đích|mục tiêu"),
    ("yeu_cau", r"yêu cầu"),
    ("doi_tuong", r"đối tượng"),
    ("noi_dung", r"nội dung|nhiệm vụ"),
    ("hinh_thuc", r"hình thức"),
    ("giai_phap", r"giải pháp"),
    ("kinh_phi", r"kinh phí"),
    ("thoi_gian", r"thời gian|tiến độ"),
    ("to_chuc_thuc_hien", r"tổ chức thực hiện|trách nhiệm thực hiện|phân công"),
    ("bao_cao", r"chế độ báo cáo|thông tin báo cáo"),
    ("danh_gia", r"đánh giá kết quả"),
    ("phu_luc", r"phụ lục"),
]


@dataclass
class Item:
    path: str
    heading: str
    labels: list[str]
    level: int
    block: int  # index of the block that opens it
    style: str
    number: str
    own_text: str  # the block's text after the number


def outline(blocks: list[Block], start: int, end: int, appendix: int | None) -> list[Item]:
    items: list[Item] = []
    order: list[str] = []  # numbering styles in order of first appearance
    stack: list[tuple[str, str]] = []  # (style, path part)
    h_count = 0
    for i in range(start, end):
        b = blocks[i]
        if b.kind == "table":
            continue
        text = b.text.strip()
        m = _NUM.match(text)
        if m:
            style = next(k for k, v in m.groupdict().items() if v)
            num = m.group(style).strip()
            if style == "roman" and stack and stack[-1][0] == "upper_ambig":
                pass
            if style not in order:
                order.append(style)
            # pop to the level of this style
            while stack and order.index(stack[-1][0]) >= order.index(style):
                stack.pop()
            part = _path_part(style, num)
            stack.append((style, part))
            own = text[m.end():].strip()
            path = ".".join(p for _, p in stack)
            items.append(Item(path, heading_of(own), [], len(stack), i, style, num, own))
            continue
        if _unnumbered_heading(b):
            h_count += 1
            items.append(Item(f"H{h_count}", heading_of(text), [], (len(stack) or 0) + 1, i, "heading", "", text))
    if appendix is not None:
        n_pl = sum(1 for b in blocks[appendix:] if _is_appendix(b))
        k = 0
        for i in range(appendix, len(blocks)):
            if _is_appendix(blocks[i]):
                k += 1
                path = "PL" if n_pl == 1 else f"PL{k}"
                items.append(Item(path, heading_of(blocks[i].text.split("\n")[0]), [], 1, i, "appendix", "", blocks[i].text))
    for it in items:
        it.labels = labels_of(it.heading)
    return items


def _path_part(style: str, num: str) -> str:
    if style == "multi":
        return num.split(".")[-1]
    if style in ("part", "dieu"):
        return num.split()[-1]
    return num


def heading_of(text: str) -> str:
    """Text up to its first ':' or the end of its first sentence."""
    text = text.split("\n")[0].strip()
    m = re.search(r":|\.(?=\s+[A-ZĐÀ-Ỹ])|\.\s*$", text)
    head = text[: m.start()] if m else text
    return head.strip().rstrip(".;,")


def labels_of(heading: str) -> list[str]:
    """Canonical kinds a heading names; a long sentence names none (it is a task, not a title)."""
    h = fold(heading)
    if len(h.split()) > 14:
        return []
    return [lab for lab, cue in LABEL_CUES if re.search(rf"\b(?:{cue})\b", h)]


def _unnumbered_heading(b: Block) -> bool:
    t = b.text.strip()
    if not t or len(t) > 120 or "\n" in t or t.startswith(("-", "+", "(", "*")):
        return False
    if _is_appendix(b):
        return True
    letters = [c for c in t if c.isalpha()]
    upper = len(letters) > 3 and all(c.isupper() for c in letters)
    return (upper or bool(b.style.bold)) and not t.endswith((",", ";"))


def _is_appendix(b: Block) -> bool:
    return bool(re.match(r"^(PHỤ LỤC|Phụ lục)(\s+[IVX\d]+)?\s*[:.]?\s*$", b.text.split("\n")[0].strip()))
