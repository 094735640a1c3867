"""Web pages: the plan as published on a provincial portal, without the portal.

A plan on a portal sits among menus, breadcrumbs, sidebars, "Các tin khác"
lists and comment forms; their text would pollute units, titles and tasks.
So: drop elements that are chrome by tag or by id/class, pick the article
root the way readability does (paragraph scores propagated to ancestors,
discounted by link density, then widened while the parent adds real text),
flatten it into blocks, and trim the lines portals append to an article
("Phản hồi", "Lượt xem", ...).
"""
from __future__ import annotations

import re

import lxml.html
from lxml import etree

from ..errors import ExtractError
from ..normalize import all_caps, clean_text, squash
from .docx_numbering import format_number
from .html_charset import decode_html
from .html_chrome import drop_chrome, is_chrome_line, is_menu_line, pick_root, starts_numbered, trim_chrome_lines
from .model import Block, Cell, SourceDocument, Style, Table, assemble

__all__ = ["read_html", "decode_html", "is_menu_line", "is_chrome_line", "starts_numbered"]

_BLOCK_TAGS = {
    "p", "div", "section", "article", "main", "li", "ul", "ol", "dl", "dt", "dd", "blockquote",
    "pre", "center", "address", "figure", "figcaption", "hr", "fieldset", "details", "summary",
    "tr", "td", "th", "tbody", "thead", "tfoot", "caption", "body", "html", "header", "footer",
    "nav", "aside", "form", "h1", "h2", "h3", "h4", "h5", "h6", "table",
}
_SKIP_TAGS = {"script", "style", "noscript", "template", "head", "title", "meta", "link", "iframe",
              "object", "embed", "svg", "canvas", "select", "textarea", "button", "input", "option"}
_XML_DECL = re.compile(r"^\s*<\?xml[^>]*\?>")
_WS = re.compile(r"[ \t\r\n\f]+")


def read_html(data: bytes, path: str) -> SourceDocument:
    """Read a web page into blocks (format "html"), keeping only the article."""
    text, encoding = decode_html(data)
    text = _XML_DECL.sub("", text, count=1)
    if not text.strip():
        return assemble(path, "html", [], encoding=encoding, warnings=["html: empty document"])
    # huge_tree: a page nested deeper than libxml2's default limit (256) is read, not cut to nothing
    parser = lxml.html.HTMLParser(remove_comments=True, remove_pis=True, no_network=True, huge_tree=True)
    try:
        root = lxml.html.document_fromstring(text, parser=parser)
    except (etree.ParserError, ValueError):
        return assemble(path, "html", [], encoding=encoding, warnings=["html: unparseable document"])
    try:
        drop_chrome(root)
        roots = pick_root(root)
        flat = _Flattener()
        for r in roots:
            flat.walk(r)
        flat.flush()
    except RecursionError:  # elements nested thousands deep: no page a person reads is built so
        raise ExtractError(path, "ingest", "html nested too deep to read (thousands of levels of elements)") from None
    return assemble(path, "html", trim_chrome_lines(flat.blocks), encoding=encoding)


def _style_of(el: etree._Element) -> str:
    return (el.get("style") or "").lower().replace(" ", "")


def _is_bold(el: etree._Element) -> bool:
    if el.tag in ("b", "strong", "th") or el.tag in ("h1", "h2", "h3", "h4", "h5", "h6"):
        return True
    m = re.search(r"font-weight:(\w+)", _style_of(el))
    return bool(m) and (m.group(1) in ("bold", "bolder") or (m.group(1).isdigit() and int(m.group(1)) >= 600))


def _is_italic(el: etree._Element) -> bool:
    return el.tag in ("i", "em", "cite") or "font-style:italic" in _style_of(el)


def _align(el: etree._Element) -> bool | None:
    """True/False when the element sets its alignment, None when it inherits."""
    if el.tag == "center":
        return True
    m = re.search(r"text-align:(\w+)", _style_of(el))
    val = m.group(1) if m else (el.get("align") or "").lower() or None
    return None if val is None else val == "center"


class _Flattener:
    """Turns a subtree into blocks: one per block-level element, text broken at <br>."""

    def __init__(self) -> None:
        self.blocks: list[Block] = []
        self.buf: list[tuple[str, bool, bool, bool]] = []  # text, bold, italic, in link
        self.stack: list[dict] = [{"tag": "body", "centered": False}]

    def walk(self, el: etree._Element, bold: bool = False, italic: bool = False, link: bool = False) -> None:
        tag = el.tag if isinstance(el.tag, str) else ""
        if not tag or tag in _SKIP_TAGS:
            return
        if tag == "br":
            self.buf.append(("\n", bold, italic, link))
            return
        if tag == "table":
            self.flush()
            self.blocks.append(Block(kind="table", text="", table=self.table(el)))
            return
        bold = bold or _is_bold(el)
        italic = italic or _is_italic(el)
        link = link or tag == "a"
        block = tag in _BLOCK_TAGS
        if block:
            self.flush()
            align = _align(el)
            entry = {"tag": tag, "centered": self.stack[-1]["centered"] if align is None else align}
            if tag == "li":
                entry.update(prefix=self._li_prefix(el), emitted=False)
            self.stack.append(entry)
        if el.text:
            self.buf.append((_WS.sub(" ", el.text), bold, italic, link))
        for child in el:
            self.walk(child, bold, italic, link)
            if child.tail:
                self.buf.append((_WS.sub(" ", child.tail), bold, italic, link))
        if block:
            self.flush()
            self.stack.pop()

    def _li_prefix(self, li: etree._Element) -> str:
        parent = li.getparent()
        if parent is None or parent.tag != "ol":
            return "- "
        items = [c for c in parent if c.tag == "li"]
        start = int(parent.get("start", "1")) if (parent.get("start") or "1").lstrip("-").isdigit() else 1
        n = start + items.index(li)
        kind = parent.get("type") or "1"
        if kind in ("a", "A"):
            s = chr(ord("a") + (n - 1) % 26)
            return f"{s.upper() if kind == 'A' else s}. "
        if kind in ("i", "I"):
            r = format_number(n, "upperRoman")
            return f"{r if kind == 'I' else r.lower()}. "
        return f"{n}. "

    def flush(self) -> None:
        segs, self.buf = self.buf, []
        if not "".join(s[0] for s in segs).strip():
            return
        # <br><br> inside one element is how many portals separate paragraphs
        groups: list[list[tuple[str, bool, bool, bool]]] = [[]]
        for i, seg in enumerate(segs):
            if seg[0] == "\n" and i + 1 < len(segs) and segs[i + 1][0] == "\n":
                groups.append([])
                continue
            if seg[0] == "\n" and groups[-1] and groups[-1][-1][0] == "\n":
                continue
            groups[-1].append(seg)
        for g in groups:
            self._emit(g)

    def _emit(self, segs: list[tuple[str, bool, bool, bool]]) -> None:
        text = squash(clean_text("".join(s[0] for s in segs)))
        text = re.sub(r"\n{2,}", "\n", text)
        if not text:
            return
        inked = [s for s in segs if s[0].strip()]
        links = [s for s in inked if s[3]]
        rest = "".join(s[0] for s in inked if not s[3])
        if len(links) >= 2 and not re.sub(r"[\s›»>|/•·\-–]", "", rest) and len(text) < 150:
            return  # a row of links: menu or breadcrumb
        kind, numbering = "paragraph", None
        li = next((e for e in reversed(self.stack) if e["tag"] == "li"), None)
        heading = any(e["tag"] in ("h1", "h2", "h3", "h4", "h5", "h6") for e in self.stack)
        if li is not None and not li["emitted"]:
            li["emitted"] = True
            kind = "list_item"
            if not starts_numbered(text):
                text = li["prefix"] + text
                numbering = li["prefix"].strip() if li["prefix"] != "- " else "-"
        elif heading:
            kind = "heading"
        elif re.match(r"^[-+•·]\s", text):
            kind = "list_item"
        style = Style(
            bold=all(s[1] for s in inked),
            italic=all(s[2] for s in inked),
            upper=all_caps(text),
            centered=bool(self.stack[-1]["centered"]),
        )
        self.blocks.append(Block(kind=kind, text=text, style=style, numbering=numbering))

    def table(self, el: etree._Element) -> Table:
        """Rows of cells; colspan/rowspan leave empty cells so columns stay aligned."""
        table = Table()
        pending: dict[int, int] = {}
        for tr in _own_rows(el):
            row: list[Cell] = []
            col = 0

            def fill_pending() -> None:
                nonlocal col
                while pending.get(col, 0) > 0:
                    row.append(Cell(""))
                    pending[col] -= 1
                    col += 1

            for cell in tr:
                if not isinstance(cell.tag, str) or cell.tag not in ("td", "th"):
                    continue
                fill_pending()
                colspan = _span(cell.get("colspan"), 50)
                rowspan = _span(cell.get("rowspan"), 500)
                row.append(Cell(self._cell_text(cell)))
                row.extend(Cell("") for _ in range(colspan - 1))
                if rowspan > 1:
                    for k in range(col, col + colspan):
                        pending[k] = rowspan - 1
                col += colspan
            for k in sorted(c for c, n in pending.items() if n > 0 and c >= col):
                row.extend(Cell("") for _ in range(k - col))
                col = k
                fill_pending()
            table.rows.append(row)
        width = max((len(r) for r in table.rows), default=0)
        for r in table.rows:
            r.extend(Cell("") for _ in range(width - len(r)))
        return table

    def _cell_text(self, cell: etree._Element) -> str:
        sub = _Flattener()
        sub.stack = [{"tag": "td", "centered": False}]
        if cell.text:
            sub.buf.append((_WS.sub(" ", cell.text), False, False, False))
        for child in cell:
            sub.walk(child)
            if child.tail:
                sub.buf.append((_WS.sub(" ", child.tail), False, False, False))
        sub.flush()
        lines: list[str] = []
        for b in sub.blocks:
            if b.table is not None:
                lines.extend(c.text for row in b.table.rows for c in row if c.text)
            else:
                lines.append(b.text)
        return "\n".join(lines)


def _span(v: str | None, limit: int) -> int:
    try:
        return max(1, min(int(v or 1), limit))
    except ValueError:
        return 1


def _own_rows(table: etree._Element) -> list[etree._Element]:
    """Rows of this table, not of tables nested in its cells."""
    out = []
    for tr in table.iter("tr"):
        anc = tr.getparent()
        while anc is not None and anc.tag != "table":
            anc = anc.getparent()
        if anc is table:
            out.append(tr)
    return out

