"""The outline (SCHEMA §2): numbered items, unnumbered headings, appendices.

Numbering styles get their level from the order in which they first appear
(Roman, then Arabic, then 1.1, then a)), as readers do; "Phần"/"Mục"/"Chương"
and "Điều" count as styles of their own. A numbered paragraph is an item too;
its heading is its text up to the first ":" or the end of its first sentence,
so "1. Mục đích: Tăng cường …" is the item "Mục đích".

OCR misreads Roman numerals ("l." or "1I." for "I."/"II."); such numbers are
repaired from context. Labels come from a caller-given labeller (the trained
heading classifier); the keyword cues here are its rule features and the
fallback when no model is available.
"""
from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Callable

from rapidfuzz.distance import Levenshtein

from ..ingest.model import Block
from ..normalize import all_caps, fold

_ORDINALS = {"nhất": "1", "hai": "2", "ba": "3", "tư": "4", "bốn": "4", "năm": "5", "sáu": "6", "bảy": "7"}
_NUM = re.compile(
    r"^(?:(?P<part>(?:Phần|PHẦN|Mục|MỤC|Chương|CHƯƠNG)\s+(?:[IVXLC]+|\d+|(?:thứ|THỨ)\s+\w+))\s*(?:[.:\-]\s*|\s+|$)"
    r"|(?P<dieu>(?:Điều|ĐIỀU)\s+\d+)\s*[.:]\s*"
    r"|(?P<roman>[IVXL]{1,5})\s*[.)/]\s+"
    r"|(?P<ocr>(?=[IVX1l|]*[l|])[IVX1l|]{1,5}|(?=[IVX1l|]*1)(?=[IVX1l|]*[IVX])[IVX1l|]{1,5})\s*\.\s+"
    r"|(?P<upper>[A-ZĐ])\s*[.)/]\s+"
    r"|(?P<multi>\d{1,2}(?:\.\d{1,2}){1,3})\.?\s+"
    r"|(?P<arabic>\d{1,2})\s*[.)/]\s+"
    r"|(?P<letter>[a-zđ])\s*\)\s+)"
)
# A title whose line break was lost before its first lettered item (no sentence punctuation before it).
_RUN_IN_A = re.compile(r"^[^.;:]*?\s(a)\)\s+(?=[A-ZĐÀ-Ỹ])")
# Letters of Vietnamese (and Latin) enumerations, to tell "C." after "B." from Roman C.
_VI_LETTERS = "ABCDĐEGHIKLMNOPQRSTUVXY"
_LATIN = "ABCDEFGHIJKLMNOPQRSTUVWXYZ"

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
    ("bao_cao", r"chế độ (?:thông tin,? )?báo cáo|thông tin,? báo cáo"),
    ("danh_gia", r"đánh giá kết quả"),
    ("phu_luc", r"phụ lục"),
]
LABELS = [lab for lab, _ in LABEL_CUES]
_CUE_RES = [re.compile(rf"\b(?:{cue})\b") for _, cue in LABEL_CUES]  # compiled once, in LABEL_CUES order
Labeller = Callable[[list[str]], list[list[str]]]


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


@dataclass
class Number:
    style: str
    num: str
    end: int  # where the item's own text starts


def outline(blocks: list[Block], start: int, end: int, appendix: int | None,
            labeller: Labeller | None = None) -> list[Item]:
    """The body's outline items in order; `labeller` maps headings to labels (rules if None)."""
    items: list[Item] = []
    order: list[str] = []  # numbering styles in order of first appearance
    stack: list[tuple[str, str]] = []  # (style, path part)
    h_count = 0
    i = start
    while i < end:
        b = blocks[i]
        i += 1
        if b.kind == "table":
            continue
        text = b.text.strip()
        n = number_of(text, stack, order)
        if n is not None:
            if n.style not in order:
                _rank(order, n.style, text[n.end:])
            while stack and order.index(stack[-1][0]) > order.index(n.style):
                stack.pop()
            if stack and stack[-1][0] == n.style:
                if n.style == "roman":
                    n.num = _in_sequence(n.num, stack[-1][1])
                stack.pop()
            stack.append((n.style, _path_part(n.style, n.num)))
            own = text[n.end:].strip()
            opened = i - 1
            if not own and n.style.startswith("part") and i < end and _title_line(blocks[i]):
                own = blocks[i].text.strip()  # "Phần I" with its title on the next line
                i += 1
            run_in = _RUN_IN_A.search(own)
            if run_in and len(own[:run_in.start(1)].split()) <= 12:  # "2. Nội dung thực hiện a) Tiêm phòng …"
                own, first_sub = own[:run_in.start(1)].strip(), own[run_in.end():].strip()
            else:
                first_sub = None
            path = ".".join(p for _, p in stack)
            items.append(Item(path, heading_of(own, sentence=n.style == "dieu"), [], len(stack), opened, n.style, n.num, own))
            if first_sub is not None:
                if "letter" not in order:
                    order.append("letter")
                while stack and order.index(stack[-1][0]) >= order.index("letter"):
                    stack.pop()
                stack.append(("letter", "a"))
                items.append(Item(".".join(p for _, p in stack), heading_of(first_sub), [], len(stack), opened,
                                  "letter", "a", first_sub))
            continue
        if _unnumbered_heading(b):
            h_count += 1
            items.append(Item(f"H{h_count}", heading_of(text), [], len(stack) + 1, i - 1, "heading", "", text))
    if appendix is not None:
        n_pl = sum(1 for b in blocks[appendix:] if _is_appendix(b))
        k = 0
        for j in range(appendix, len(blocks)):
            if _is_appendix(blocks[j]):
                k += 1
                path = "PL" if n_pl == 1 else f"PL{k}"
                items.append(Item(path, heading_of(blocks[j].text.split("\n")[0]), [], 1, j, "appendix", "", blocks[j].text))
    if items and _cut_at_end(items, blocks, end):
        items.pop()
    labels = (labeller or rule_labeller)([it.heading for it in items]) if items else []
    for it, labs in zip(items, labels):
        it.labels = labs
    return items


def _rank(order: list[str], style: str, own: str) -> None:
    """Give a new numbering style its level: after the styles seen so far, except that a Roman
    heading in capitals met after Arabic items (a page that lost "I. MỤC ĐÍCH, YÊU CẦU" above
    "1. Mục đích") ranks above them, as Roman headings always do."""
    below = [k for k, s in enumerate(order) if s.startswith(("arabic", "multi", "letter"))]
    if style == "roman" and below and _upper_heading(own):
        order.insert(below[0], style)
    else:
        order.append(style)


def _cut_at_end(items: list[Item], blocks: list[Block], end: int) -> bool:
    """The text stops inside the last item's heading (a page cut mid-sentence): not an item a
    reader saw. A long heading with no end, a last word cut short ("2. Yêu cầ"), or a numbered
    paragraph among numbered paragraphs that stops mid-sentence."""
    it = items[-1]
    if end != len(blocks) or it.block >= end or it.style in ("heading", "appendix"):
        return False
    # a numbered paragraph the line breaks split goes on in the blocks after it, without a sentence end
    # (a short heading's next block is its text, not more of it)
    tail = [b.text.strip() for b in blocks[it.block + 1:end]] if len(it.own_text.strip()) > 60 else []
    if len(it.own_text.strip()) <= 60 and it.block != end - 1:
        return False
    if any(b.kind == "table" for b in blocks[it.block + 1:end]) or any(re.search(r"[.:;!?…]", t) for t in tail) \
            or any(t.startswith(("-", "+", "•", "*", "–")) or _NUM.match(t) for t in tail):
        return False  # text under the heading (a bullet, an item) is not the heading going on
    own = " ".join([it.own_text.strip()] + tail)
    if heading_of(own) != own.rstrip(".;,") or re.search(r"[.:;!?…)\"”]$", own):
        return False
    if len(own) > 60 or _word_cut(own, blocks):
        return True
    prev = next((p for p in reversed(items[:-1]) if p.style == it.style and p.level == it.level), None)
    return prev is not None and len(prev.heading) > 60  # its siblings are sentences: so is this one


def _word_cut(own: str, blocks: list[Block]) -> bool:
    """The last word is the start of a longer word of the text and never a word of its own there."""
    last = fold(own.split()[-1]).strip(",;:")
    if not last.isalpha():
        return False
    words = {fold(w).strip(",.;:()\"“”") for b in blocks[:-1] for w in b.text.split()}
    return last not in words and any(w.startswith(last) and len(w) > len(last) for w in words)


def number_of(text: str, stack: list[tuple[str, str]] | None = None, order: list[str] | None = None) -> Number | None:
    """The outline number that opens `text`, with OCR damage and letter/Roman clashes resolved."""
    m = _NUM.match(text)
    if not m:
        return None
    style = next(k for k, v in m.groupdict().items() if v)
    num = m.group(style).strip()
    stack, order = stack or [], order or []
    if style == "part":
        word, rest = num.split(None, 1)
        rest = rest.split()[-1].lower() if rest.lower().startswith("thứ") else rest
        if rest in _ORDINALS or rest.lower() in _ORDINALS:
            rest = _ORDINALS[rest.lower()]
        elif rest.isalpha() and not _roman_value(rest):
            return None
        num = f"{word} {rest}"
        style = f"part_{fold(word)}"  # Phần, Chương and Mục nest: each is a style of its own
    elif style == "ocr":
        roman = re.sub(r"[l|1]", "I", num)
        if "roman" not in order and "arabic" in order and set(num) <= set("l|1"):
            style, num = "arabic", re.sub(r"[l|]", "1", num)  # "l." in an Arabic list is "1."
        elif _roman_value(roman):
            style, num = "roman", roman
        else:
            return None
    elif style == "roman" and len(num) == 1 and _continues_letters(num, stack):
        style = "upper"
    elif style == "roman" and num == "I" and _goes_back(stack) and not _upper_heading(text[m.end():]):
        style, num = "arabic", "1"  # "II. MỤC TIÊU CỤ THỂ" then "I. Giám sát …": the "1." of a list, typed as I
    elif style == "multi":
        style = f"multi{num.count('.')}"  # 1.1 and 1.1.1 are levels of their own
    elif style == "arabic" and "arabic" not in order and _upper_heading(text[m.end():]):
        style = "arabic_upper"  # "1. MỤC ĐÍCH YÊU CẦU" over "2. Mục đích:": capitals outrank the items under them
    return Number(style, num, m.end())


def _goes_back(stack: list[tuple[str, str]]) -> bool:
    """A Roman "I" here would go back: Roman numbering has passed II already."""
    prev = next((p for s, p in reversed(stack) if s == "roman"), None)
    return prev is not None and _roman_value(prev) >= 2


def _upper_heading(text: str) -> bool:
    return all_caps(heading_of(text), 3)


def _continues_letters(letter: str, stack: list[tuple[str, str]]) -> bool:
    """"C." right after "B." (or "I." after "H.") continues a letter list, not Roman numbering."""
    prev = next((p for s, p in reversed(stack) if s == "upper"), None)
    if prev is None:
        return False
    return any(letter in alpha and prev in alpha and alpha.index(letter) == alpha.index(prev) + 1
               for alpha in (_VI_LETTERS, _LATIN))


def _in_sequence(num: str, prev: str) -> str:
    """A Roman number read one stroke off its expected place ("II" after "II", bold
    I's run together) is the next one: outline numbers do not repeat or go back."""
    want = _roman(_roman_value(prev) + 1)
    if not want or _roman_value(num) == _roman_value(want):
        return num
    if Levenshtein.distance(num, want) == 1:
        return want
    return num


def _roman(n: int) -> str:
    """1..39 as a Roman numeral (an outline never runs longer); "" otherwise."""
    if not 0 < n < 40:
        return ""
    tens, ones = divmod(n, 10)
    return "X" * tens + ["", "I", "II", "III", "IV", "V", "VI", "VII", "VIII", "IX"][ones]


def _roman_value(s: str) -> int:
    vals = {"I": 1, "V": 5, "X": 10, "L": 50, "C": 100}
    if not s or any(c not in vals for c in s) or not re.fullmatch(r"X{0,3}(IX|IV|V?I{0,3})|L?X{0,3}(IX|IV|V?I{0,3})", s):
        return 0
    total = 0
    for a, b in zip(s, s[1:] + " "):
        total += -vals[a] if b in vals and vals[b] > vals[a] else vals[a]
    return total


def _path_part(style: str, num: str) -> str:
    if style.startswith("multi"):
        return num.split(".")[-1]
    if style.startswith("part") or style == "dieu":
        return num.split()[-1]
    return num


def heading_of(text: str, sentence: bool = False) -> str:
    """Text up to its first ':' or the end of its first sentence (`sentence`: an article's, whose
    heading is its first sentence whatever colons it holds); a heading in capitals over
    several lines is one heading, and capitals run into the text ("CĂN CỨ LẬP KẾ HOẠCH - Quyết
    định số …") end at the first word in lower case."""
    lines = text.split("\n")
    first = lines[0].strip()
    k = 1
    while k < len(lines) and _is_caps(first) and _is_caps(lines[k]):
        first += " " + lines[k].strip()
        k += 1
    text = first
    caps = _caps_prefix(text)
    if caps:
        return caps
    m = re.search(r"\.(?=\s+[A-ZĐÀ-Ỹ])|\.\s*$" if sentence else r":|\.(?=\s+[A-ZĐÀ-Ỹ])|\.\s*$", text)
    head = text[: m.start()] if m else text
    return head.strip().rstrip(".;,")


def _caps_prefix(text: str) -> str | None:
    """"CĂN CỨ LẬP KẾ HOẠCH - Quyết định …" → "CĂN CỨ LẬP KẾ HOẠCH": words in capitals, then text."""
    words = text.split()
    k = 0
    while k < len(words) and (_is_caps(words[k]) or words[k] in ("-", "–", ":")):
        k += 1
    if k == len(words) or k < 2 or not any(c.islower() for c in words[k]):
        return None
    head = [w for w in words[:k] if w not in ("-", "–", ":")]
    if sum(1 for w in head if len(w.strip(",")) >= 3) < 2:
        return None
    return " ".join(head).rstrip(",:")


def _is_caps(line: str) -> bool:
    return all_caps(line, 2)


def rule_features(heading: str) -> list[int]:
    """One 0/1 per label: does a keyword cue for it occur in the heading."""
    h = fold(heading)
    return [int(c.search(h) is not None) for c in _CUE_RES]


def labels_of(heading: str) -> list[str]:
    """Rule labels: cue words; a long sentence names none (it is a task, not a title)."""
    if len(fold(heading).split()) > 14:
        return []
    return [lab for lab, hit in zip(LABELS, rule_features(heading)) if hit]


def rule_labeller(headings: list[str]) -> list[list[str]]:
    return [labels_of(h) for h in headings]


def _title_line(b: Block) -> bool:
    t = b.text.strip()
    return b.kind != "table" and 0 < len(t) <= 120 and "\n" not in t and _NUM.match(t) is None


ENACTING = re.compile(r"^(?:QUYẾT ĐỊNH|QUYẾT NGHỊ|NGHỊ QUYẾT|CHỈ THỊ|KẾT LUẬN)\s*:?\s*$")


def _unnumbered_heading(b: Block) -> bool:
    t = b.text.strip()
    if not t or len(t) > 120 or "\n" in t or t.startswith(("-", "+", "(", "*", "•")) or ENACTING.match(t):
        return False  # "QUYẾT ĐỊNH:" opens a decision's articles; it names no part of the outline
    if _is_appendix(b):
        return True
    # a heading has words (Vietnamese writes syllables apart): one token in capitals is an
    # acronym — a news item's byline ("HTND"), a code — not a heading
    upper = all_caps(t, 4) and len(t.split()) >= 2
    styled = bool(b.style.bold) or (bool(b.style.centered) and len(t.split()) <= 12 and not t.endswith("."))
    return (upper or styled) and not t.endswith((",", ";"))


def _is_appendix(b: Block) -> bool:
    return bool(re.match(r"^(PHỤ LỤC|Phụ lục)(\s+[IVX\d]+)?\s*[:.]?\s*$", b.text.split("\n")[0].strip()))
