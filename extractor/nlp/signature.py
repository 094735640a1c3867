"""The document's tail (SCHEMA §1): "Nơi nhận" and the signature block.

Nghị định 30/2020 puts "Nơi nhận:" (left) beside the signature (right): the
authority prefix (KT./TM./TL./Q.) and the post in capitals, then the name.
Formats flatten the two columns in either order, or keep them as a layout
table; the readers here take each shape the same way.
"""
from __future__ import annotations

import re

from ..ingest.model import Block
from ..normalize import fold, strip_accents


# "Nơi nhận:" as typed, and as OCR reads it in italic ("Nơi nhậm:", "Nởơi nhận:")
NOI_NHAN = re.compile(r"^(?:Nơi\s+nhận\b|N\S{0,2}i\s*nh\S{1,2}[nm]\s*:)", re.I)
_SIGN_PREFIX = re.compile(r"^(KT|TM|TL|TUQ|Q|UQ|T/M|K/T|T/L)(?:\.\s*|\s+)", re.I)
_SIGN_WORDS = ("giám đốc", "chủ tịch", "trưởng", "bí thư", "chánh", "phó", "tm.", "kt.", "tl.", "q.", "t/m",
               "ủy viên", "thủ trưởng")
_NAME = re.compile(r"^(?:(?:Đại tá|Thượng tá|Trung tá|Thiếu tá|TS\.|ThS\.|PGS\.TS\.)\s+)?"
                   r"(?:[A-ZĐÀ-Ỵ][a-zà-ỹđ]*\s+){1,5}[A-ZĐÀ-Ỵ][a-zà-ỹđ]*$")

def _person(t: str) -> bool:
    """A line that is a person's name, as a signature ends."""
    return bool(_NAME.match(t) and len(t) < 40)


def is_signature(b: Block) -> bool:
    t = b.text.strip()
    return (b.style.upper and len(t) < 80 and any(w in fold(t) for w in _SIGN_WORDS)) or _person(t)


def cell_lines(b: Block) -> list[str]:
    """A layout table (the header's two columns, "Nơi nhận" beside the signature) read column by column."""
    rows = b.table.rows
    width = max((len(r) for r in rows), default=0)
    return [x.strip() for k in range(width) for r in rows if k < len(r) for x in r[k].text.split("\n")]


def recipients(blocks, nn_idx, appendix_start) -> list[str]:
    out: list[str] = []
    first = blocks[nn_idx].text
    if blocks[nn_idx].table is not None:  # "Nơi nhận" in the left cell, the signature in the right one
        first = next((c.text for r in blocks[nn_idx].table.rows for c in r if NOI_NHAN.match(c.text.strip())), first)
    lines = first.split("\n")[1:]
    stop = len(blocks) if appendix_start is None else appendix_start
    j = nn_idx + 1
    while j < stop:
        if _item(blocks[j]):
            lines.extend(blocks[j].text.split("\n"))
            j += 1
            continue
        if _wrapped(lines, blocks[j]):  # an item a scan broke over two lines: "… TGĐ Cổng" / "TTĐT, các Vụ: …;"
            lines[-1] += " " + blocks[j].text.strip()
            j += 1
            continue
        k = j
        while k < min(stop, j + 4) and _beside(blocks[k]):
            k += 1
        if k == j or k >= stop or not _item(blocks[k]):
            break
        j = k  # the signature's post, read between two lines of the list beside it
    # two items a page ran together on one line: "- Chủ tịch, các PCT UBND tỉnh (để b/c);- CVP, …"
    lines = [part for line in lines for part in re.split(r"(?<=;)\s*(?=[-+•]\s*\S)", line)]
    for line in lines:
        line = re.sub(r"^\s*[-+•]\s*", "", line).strip()
        line = re.sub(r"[;.,]+$", "", line).strip()
        line = _LUU_VT.sub(r"\1VT", line)
        if line.startswith("Lưu"):  # the copies filed, "(16B)", its digits set apart by a scan: "(1 6B)"
            line = _COPIES.sub(lambda m: m.group(0).replace(" ", ""), line)
        line = _BC_TAG.sub("(b/c)", line)
        if line:
            out.append(line)
    return out


# "(b/c)" (để báo cáo) closing a recipient, its "b" lost in a scan: "Ủy ban Quốc gia … (/c)"
_BC_TAG = re.compile(r"\(\s*/\s*c\s*\)$")
_COPIES = re.compile(r"\(\d(?: \d)+[A-Za-z]?\)")
# every document files a copy with the văn thư: "Lưu: VT, …"; OCR reads the T as I, 1 or l
_LUU_VT = re.compile(r"^(Lưu\s*:\s*)V[I1l|](?=\W|$)")


def _item(b: Block) -> bool:
    return b.text.lstrip().startswith(("-", "+", "•"))


def _beside(b: Block) -> bool:
    """A block of the signature column (a post in capitals, the signer's name, a seal's specks) amid the list."""
    t = b.text.strip()
    return b.table is None and ((t.isupper() and len(t) < 80) or (b.ocr_conf is not None and b.ocr_conf < 0.6)
                                or _person(t))


def _wrapped(lines: list[str], b: Block) -> bool:
    """`b` goes on with the item before it: that item is open (no ";" or "." closes it) and `b` is one
    line that closes it, with no look of the signature column."""
    t = b.text.strip()
    return (b.table is None and bool(lines) and lines[-1].lstrip().startswith(("-", "+", "•"))
            and not re.search(r"[;.]\s*$", lines[-1]) and "\n" not in t and len(t) < 160
            and t.endswith((";", ".")) and not _beside(b))


def signatures(blocks, body_end, appendix_start) -> tuple[list[str], list[str]]:
    """Names and titles of the signers, in order (a joint plan has one per issuer).

    Read line by line, so a signature typed as one paragraph, as several, or in
    the right cell of a layout table reads the same: consecutive upper-case
    lines naming a post, then the name (an "(Đã ký)" line between is skipped).
    """
    stop = appendix_start if appendix_start is not None else len(blocks)
    lines: list[str] = []
    for b in blocks[body_end:stop]:
        if b.table is not None:
            cells = [c.text for r in b.table.rows for c in r if not NOI_NHAN.match(c.text.strip())]
            lines += [x.strip() for c in cells for x in c.split("\n")] + [""]
        else:
            lines += [x.strip() for x in b.text.split("\n")] + [""]
    names: list[str] = []
    titles: list[str] = []
    title_lines: list[str] = []
    prev_upper = False
    inrecipients = False
    for t in lines:
        if NOI_NHAN.match(t):
            inrecipients = True
            continue
        if inrecipients and (t.startswith(("-", "+", "•")) or not t):
            continue
        inrecipients = False
        t = re.sub(r"^[-–—~_.\s]+(?=[A-ZĐ])", "", t) if t.isupper() else t  # a scan's specks before "KT. CHỦ TỊCH"
        upper = t.isupper() and len(t) < 80
        # "KT. CHỦ TỊCH" always has its post below it, even when a scan splits them into two blocks
        held = prev_upper or bool(title_lines and _SIGN_PREFIX.match(title_lines[-1]))
        if upper and (held and title_lines or any(w in fold(t) for w in _SIGN_WORDS)):
            title_lines = (title_lines if held else []) + [t]
            prev_upper = True
            continue
        prev_upper = False
        if title_lines and _NAME.match(t):
            names.append(_NAME_RANK.sub("", t))
            titles.append(" / ".join(_sentence_case(x) for x in _post_lines(title_lines)))
            title_lines = []
    if title_lines and not names:  # the page cut before the name ("KT. CHỦ TỊCH / PHÓ CHỦ TỊCH / Đ"): the post
        titles.append(" / ".join(_sentence_case(x) for x in _post_lines(title_lines)))
    return names, titles


_NAME_RANK = re.compile(r"^(?:Đại tá|Thượng tá|Trung tá|Thiếu tá|TS\.|ThS\.|PGS\.TS\.)\s+")


def _post_lines(lines: list[str]) -> list[str]:
    """Drop a trailing body name under the post ("PHÓ GIÁM ĐỐC / CÔNG AN TỈNH"): it names who, not the post."""
    out = list(lines)
    while len(out) > 1 and not any(w in fold(out[-1]) for w in _SIGN_WORDS):
        out.pop()
    return out


def is_post_cell(text: str) -> bool:
    """A signature column cut before the name ("TM. ỦY BAN NHÂN DÂN", "KT. CHỦ TỊCH / PHÓ CHỦ TỊCH", or a
    post alone, "CHỦ TỊCH"): upper case, and an authority prefix or a post that signs on its first line."""
    t = text.strip()
    first = t.split("\n")[0].strip()
    return t.isupper() and len(t) < 120 and (bool(re.match(r"^(?:KT|TM|TL|Q)\.\s*\S", first))
                                              or _letters(first) in _POSTS)


def _sentence_case(line: str) -> str:
    m = _SIGN_PREFIX.match(line)
    prefix = ""
    if m:
        prefix = m.group(1).upper() + ("." if "/" not in m.group(1) else "") + " "
        line = line[m.end():]
    low = line.lower()
    low = _POSTS.get(_letters(low), low)  # a post OCR read without a mark: "PHO CHỦ TỊCH"
    low = re.sub(r"^phó (\w)", lambda m: "phó " + m.group(1).upper(), low)  # "Phó Chủ tịch"
    low = re.sub(r"\buỷ ban\b", "ủy ban", low)  # "TM. UỶ BAN NHÂN DÂN": the body's name as NĐ 30 spells it
    return prefix + low[:1].upper() + low[1:]


def _letters(s: str) -> str:
    return strip_accents(s.lower())


# the posts that sign (NĐ 30/2020 Phụ lục I), by their letters: a scan's "PHO CHỦ TỊCH" is "Phó Chủ tịch"
_POSTS = {_letters(p): p.lower() for base in ("Chủ tịch", "Chủ tịch thường trực", "Giám đốc", "Thủ tướng", "Bộ trưởng",
                                      "Bí thư", "Trưởng ban", "Chánh Văn phòng", "Tổng Giám đốc", "Cục trưởng",
                                      "Chi cục trưởng", "Trưởng phòng", "Hiệu trưởng", "Viện trưởng", "Chủ nhiệm")
          for p in (base, "Phó " + base)}
