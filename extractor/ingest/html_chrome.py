"""Portal chrome: what to drop around a plan published as a web page.

Kept apart from the HTML flattening so the same predicates serve the reader
and the corpus renderer (which moves a scraped page's menu line and trailing
lines into the page chrome, where the reader must drop them again).
"""
from __future__ import annotations

import re

from lxml import etree

from ..normalize import fold
from .chrome_lines import CUT_MARKERS
from .model import Block

_ALWAYS = {"script", "style", "noscript", "template", "iframe", "object", "embed", "svg", "canvas"}
_CHROME_TAGS = {"nav", "header", "footer", "aside", "form"}
_STRONG = re.compile(
    r"menu|(?<![a-z])nav|breadcrumb|sidebar|side-bar|comment|binh-?luan|share|social|related"
    r"|tin-?khac|other-?news|tin-?lien-?quan|lien-?ket|advert|quang-?cao|banner|popup|cookie",
    re.I,
)
_WEAK = re.compile(r"header|footer", re.I)
_KEEP = re.compile(r"article|content|main|noi-?dung|chi-?tiet|detail|entry|post|story", re.I)
_POSITIVE = re.compile(r"article|content|noi-?dung|chi-?tiet|detail|entry|post|story|body|text", re.I)
_UNITS = {"p", "pre", "li", "blockquote", "dd"}
_INLINE = {"a", "span", "b", "strong", "i", "em", "u", "font", "small", "sup", "sub", "br", "abbr", "label"}
_WS = re.compile(r"\s+")
_VN = re.compile(r"[ăâđêôơưàáảãạằắẳẵặầấẩẫậèéẻẽẹềếểễệìíỉĩịòóỏõọồốổỗộờớởỡợùúủũụừứửữựỳýỷỹỵ]", re.I)

LINE_PREFIXES = ("in trang", "lượt xem", "lượt đọc", "số lượt xem", "chia sẻ", "bản in", "gửi email",
                 "về đầu trang", "lên đầu trang", "quay lại", "trở về")
_NUMBERED = re.compile(r"^(?:[-+•·–*]\s|\d+(?:\.\d+)*[.)]\s|[a-zđ][.)]\s|[IVXLC]+[.)]\s|\(\d+\)\s)")


def starts_numbered(text: str) -> bool:
    """Already starts with a bullet or an outline number, so a list item needs no "- "."""
    return bool(_NUMBERED.match(text))


def is_menu_line(text: str) -> bool:
    """Link texts run together with no separator: "Trang chủTin tứcThông tin chung"."""
    t = text.strip()
    if not t or len(t) > 120 or "\n" in t or re.search(r"[.;:!?,]\s", t):
        return False
    joins = sum(1 for a, b in zip(t, t[1:]) if a.islower() and b.isupper())
    return joins >= 2


def is_chrome_line(text: str) -> bool:
    """A portal's own line: feedback form, other news, print/view counters."""
    f = fold(text).rstrip(" :.")
    if f in CUT_MARKERS:
        return True
    return len(f) < 60 and f.startswith(LINE_PREFIXES)


def trim_chrome_lines(blocks: list[Block]) -> list[Block]:
    """Cut the article at a feedback/other-news marker followed only by short lines,
    drop print/view counters and run-together menu lines."""
    for i, b in enumerate(blocks):
        if b.table is None and fold(b.text).rstrip(" :.") in CUT_MARKERS:
            tail = blocks[i + 1:]
            if len(tail) <= 40 and all(x.table is None and len(x.text) < 200 for x in tail):
                blocks = blocks[:i]
                break
    out = [b for b in blocks if b.table is not None or not (is_menu_line(b.text) or _counter(b.text))]
    while out and out[-1].table is None and is_chrome_line(out[-1].text):
        out.pop()
    return out


def _counter(text: str) -> bool:
    f = fold(text)
    return len(f) < 60 and f.startswith(LINE_PREFIXES)


def _ident(el: etree._Element) -> str:
    return f"{el.get('id') or ''} {el.get('class') or ''}"


def _text_len(el: etree._Element) -> int:
    return len(_WS.sub(" ", el.text_content()).strip())


def _attached(el: etree._Element, root: etree._Element) -> bool:
    while el.getparent() is not None:
        el = el.getparent()
    return el is root


def _in_article(el: etree._Element) -> bool:
    return any(a.tag in ("article", "main") for a in el.iterancestors())


def drop_chrome(root: etree._Element) -> None:
    """Remove chrome by tag and by id/class, unless it holds most of the page's text
    (ASP.NET portals wrap the whole page in one <form>)."""
    total = max(_text_len(root), 1)
    for el in list(root.iter()):
        if not isinstance(el.tag, str) or el.getparent() is None or not _attached(el, root):
            continue
        if el.tag in _ALWAYS:
            el.drop_tree()
            continue
        ident = _ident(el)
        chrome = (
            (el.tag in _CHROME_TAGS and not (el.tag == "header" and _in_article(el)))
            or bool(_STRONG.search(ident))
            or (bool(_WEAK.search(ident)) and not _KEEP.search(ident))
        )
        if chrome and el.tag not in ("body", "html") and _text_len(el) <= 0.5 * total:
            el.drop_tree()


def link_density(el: etree._Element) -> float:
    total = _text_len(el)
    if not total:
        return 0.0
    links = sum(_text_len(a) for a in el.iter("a"))
    return min(links / total, 1.0)


def _is_data_table(t: etree._Element) -> bool:
    if t.find(".//table") is not None:
        return False
    if (t.get("border") or "0") not in ("0", "") or t.find(".//th") is not None:
        return True
    rows = t.findall(".//tr")
    return len(rows) >= 2 and sum(1 for r in rows if len(r.findall("td")) >= 3) >= len(rows) / 2


def _own_text(el: etree._Element) -> str:
    parts = [el.text or ""]
    for c in el:
        if isinstance(c.tag, str) and c.tag in _INLINE:
            parts.append(c.text_content())
        parts.append(c.tail or "")
    return _WS.sub(" ", "".join(parts)).strip()


def _weight(el: etree._Element) -> float:
    w = {"div": 5, "article": 8, "main": 8, "section": 3, "pre": 3, "td": 3, "blockquote": 3,
         "ol": -3, "ul": -3, "li": -3, "dl": -3, "form": -3, "th": -5}.get(el.tag, 0)
    ident = _ident(el)
    if _POSITIVE.search(ident):
        w += 25
    if _STRONG.search(ident):
        w -= 25
    return w


def _units(body: etree._Element) -> list[tuple[etree._Element, str]]:
    """Paragraph-like elements whose text scores their ancestors."""
    out: list[tuple[etree._Element, str]] = []
    skip: set[etree._Element] = set()
    for el in body.iter():
        if not isinstance(el.tag, str) or el in skip:
            continue
        if el.tag == "table" and _is_data_table(el):
            skip.update(el.iter())
            out.append((el, _WS.sub(" ", el.text_content()).strip()))
        elif el.tag in _UNITS:
            out.append((el, _WS.sub(" ", el.text_content()).strip()))
        elif el.tag in ("div", "section", "td", "article", "main"):
            own = _own_text(el)
            if len(own) >= 25:
                out.append((el, own))
    return out


def pick_root(root: etree._Element) -> list[etree._Element]:
    """The element holding the article, chosen as readability does, then widened while
    the parent adds a real share of non-link text (lists and tables sit beside paragraphs)."""
    body = root.find("body")
    if body is None:
        body = root
    scores: dict[etree._Element, float] = {}
    for el, text in _units(body):
        if len(text) < 25:
            continue
        s = 1 + text.count(",") + min(len(text) / 100, 3)
        if len(_VN.findall(text)) > 0.03 * len(text):
            s *= 1.5
        for level, anc in enumerate(el.iterancestors()):
            if level >= 5:
                break
            if anc not in scores:
                scores[anc] = _weight(anc)
            scores[anc] += s if level == 0 else s / 2 if level == 1 else s / (level * 3)
            if anc is body:
                break
    if not scores:
        return [body]
    top = max(scores, key=lambda e: scores[e] * (1 - link_density(e)))
    cur = top
    while cur is not body and cur.getparent() is not None:
        parent = cur.getparent()
        t_cur, l_cur = _stats(cur)
        t_par, l_par = _stats(parent)
        extra_t, extra_l = t_par - t_cur, l_par - l_cur
        if extra_t <= 0 or extra_l > 0.3 * (extra_t + extra_l):
            break
        if extra_t >= 0.1 * t_cur or parent.tag in ("article", "main"):
            cur = parent
            continue
        break
    return [cur]


def _stats(el: etree._Element) -> tuple[int, int]:
    """(non-link text length, link text length)."""
    total = _text_len(el)
    links = sum(_text_len(a) for a in el.iter("a"))
    return total - links, links
