"""Word (.docx) plans: body paragraphs and tables in reading order.

Read straight from the package XML with lxml rather than through python-docx
objects, because what matters here is what a reader of the printed plan sees:
automatic numbering rendered into the text (see `docx_numbering`), tables at
their place between paragraphs, text boxes (where offices type the header
block) at their anchor, soft line breaks kept, deleted and hidden text
left out, page headers and footers not read at all (they repeat on every page
and are not part of the plan). Style hints (bold, italic, centered) follow
the run → character style → paragraph style → document defaults chain.

Downloads are untrusted: a zip bomb or an XML entity bomb is refused with an
`ExtractError` before anything is parsed.
"""
from __future__ import annotations

import posixpath
import re
import zipfile
from collections.abc import Iterator

from lxml import etree

from ..errors import ExtractError
from ..normalize import all_caps, clean_text, squash
from .docx_numbering import Numbering, w, wval
from .model import Block, Cell, SourceDocument, Style, Table, assemble

MAX_UNCOMPRESSED = 200 * 1024 * 1024
MAX_ENTRIES = 10_000

_MC = "http://schemas.openxmlformats.org/markup-compatibility/2006"
_REL_NS = "http://schemas.openxmlformats.org/package/2006/relationships"
_DTD = re.compile(rb"<!\s*(?:DOCTYPE|ENTITY)", re.I)
_BULLET_TEXT = re.compile(r"^[-+•·–]\s")
_HEADING_NAME = re.compile(r"^(?:heading\s*\d|title)$", re.I)
_OFF = ("0", "false", "off", "none")
# Inside a paragraph: containers we look through, and content nobody reads.
_SKIP = {w("pPr"), w("del"), w("moveFrom"), w("drawing"), w("pict"), w("object"),
         w("txbxContent"), f"{{{_MC}}}Fallback", w("commentReference"), w("bookmarkStart")}
_WRAPPERS = {w("sdt"), w("sdtContent"), w("customXml"), w("smartTag"), w("ins"), w("moveTo"),
             f"{{{_MC}}}AlternateContent", f"{{{_MC}}}Choice"}


def read_docx(path: str) -> SourceDocument:
    """Read a .docx into blocks (format "docx"); raise ExtractError on unsafe or broken files."""
    with _open_zip(path) as z:
        main = _main_part(z)
        root = _load_xml(z, main, path, required=True)
        rels = _part_rels(z, main)
        styles = _Styles(_load_xml(z, rels.get("styles", "word/styles.xml"), path))
        num_root = _load_xml(z, rels.get("numbering", "word/numbering.xml"), path)
    numbering = Numbering(num_root, style_num=styles.num_ids())
    body = root.find(w("body"))
    if body is None:
        raise ExtractError(path, "ingest", f"{main}: no w:body")
    reader = _Reader(styles, numbering)
    blocks = reader.blocks(body)
    return assemble(path, "docx", blocks, warnings=reader.warnings + numbering.warnings)


# --- package ---------------------------------------------------------------

def _open_zip(path: str) -> zipfile.ZipFile:
    try:
        z = zipfile.ZipFile(path)
    except (zipfile.BadZipFile, OSError, ValueError) as e:
        raise ExtractError(path, "ingest", f"not a readable docx package: {e}") from e
    infos = z.infolist()
    if len(infos) > MAX_ENTRIES:
        z.close()
        raise ExtractError(path, "ingest", f"zip has {len(infos)} entries (limit {MAX_ENTRIES})")
    total = sum(i.file_size for i in infos)
    if total > MAX_UNCOMPRESSED:
        z.close()
        raise ExtractError(path, "ingest", f"zip expands to {total} bytes (limit {MAX_UNCOMPRESSED})")
    return z


def _load_xml(z: zipfile.ZipFile, name: str, path: str, required: bool = False) -> etree._Element | None:
    """Parse one part; entity declarations are refused, never expanded or fetched."""
    try:
        data = z.read(name)
    except KeyError:
        if required:
            raise ExtractError(path, "ingest", f"missing part {name}") from None
        return None
    except (zipfile.BadZipFile, OSError, ValueError, RuntimeError) as e:  # CRC error, encrypted
        raise ExtractError(path, "ingest", f"cannot read {name}: {e}") from e
    probe = data
    if data[:2] in (b"\xff\xfe", b"\xfe\xff"):
        probe = data.decode("utf-16", "replace").encode("utf-8")
    if _DTD.search(probe):
        raise ExtractError(path, "ingest", f"{name} declares a DOCTYPE/ENTITY (possible entity bomb)")
    parser = etree.XMLParser(resolve_entities=False, no_network=True, load_dtd=False,
                             huge_tree=False, remove_comments=True, remove_pis=True)
    try:
        return etree.fromstring(data, parser)
    except etree.XMLSyntaxError as e:
        if required:
            raise ExtractError(path, "ingest", f"{name}: malformed XML: {e}") from e
        return None


def _rels(z: zipfile.ZipFile, rels_name: str, base_dir: str) -> dict[str, str]:
    """Relationship type (last path segment) → part name, resolved against `base_dir`."""
    try:
        data = z.read(rels_name)
    except KeyError:
        return {}
    if _DTD.search(data):
        return {}
    parser = etree.XMLParser(resolve_entities=False, no_network=True, load_dtd=False)
    try:
        root = etree.fromstring(data, parser)
    except etree.XMLSyntaxError:
        return {}
    out: dict[str, str] = {}
    for rel in root.iter(f"{{{_REL_NS}}}Relationship"):
        if rel.get("TargetMode") == "External":
            continue
        kind = (rel.get("Type") or "").rsplit("/", 1)[-1]
        target = rel.get("Target") or ""
        name = target.lstrip("/") if target.startswith("/") else posixpath.normpath(posixpath.join(base_dir, target))
        out.setdefault(kind, name)
    return out


def _main_part(z: zipfile.ZipFile) -> str:
    return _rels(z, "_rels/.rels", "").get("officeDocument", "word/document.xml")


def _part_rels(z: zipfile.ZipFile, part: str) -> dict[str, str]:
    folder, name = posixpath.split(part)
    return _rels(z, posixpath.join(folder, "_rels", name + ".rels"), folder)


# --- styles ----------------------------------------------------------------

def _on(el: etree._Element) -> bool:
    return (el.get(w("val")) or "1").lower() not in _OFF


class _Styles:
    """styles.xml: property lookup along the `basedOn` chain."""

    def __init__(self, root: etree._Element | None):
        self.by_id: dict[str, etree._Element] = {}
        self.default_para: str | None = None
        self.defaults_rpr: etree._Element | None = None
        if root is None:
            return
        for s in root.iter(w("style")):
            sid = s.get(w("styleId"))
            if sid:
                self.by_id[sid] = s
                if s.get(w("type")) == "paragraph" and (s.get(w("default")) or "0") in ("1", "true", "on"):
                    self.default_para = sid
        self.defaults_rpr = root.find(f"{w('docDefaults')}/{w('rPrDefault')}/{w('rPr')}")

    def chain(self, sid: str | None) -> Iterator[etree._Element]:
        seen: set[str] = set()
        while sid and sid in self.by_id and sid not in seen and len(seen) < 32:
            seen.add(sid)
            s = self.by_id[sid]
            yield s
            sid = wval(s.find(w("basedOn")))

    def rprop(self, sid: str | None, tag: str) -> etree._Element | None:
        for s in self.chain(sid):
            el = s.find(f"{w('rPr')}/{w(tag)}")
            if el is not None:
                return el
        return None

    def pprop(self, sid: str | None, tag: str) -> etree._Element | None:
        for s in self.chain(sid):
            el = s.find(f"{w('pPr')}/{w(tag)}")
            if el is not None:
                return el
        return None

    def is_heading(self, sid: str | None) -> bool:
        return any(_HEADING_NAME.match(wval(s.find(w("name")), "") or "") for s in self.chain(sid))

    def num_ids(self) -> dict[str, str]:
        """Style id → numId of numbering styles, for lists defined through `numStyleLink`."""
        out = {}
        for sid, s in self.by_id.items():
            nid = wval(s.find(f"{w('pPr')}/{w('numPr')}/{w('numId')}"))
            if nid:
                out[sid] = nid
        return out


# --- body ------------------------------------------------------------------

def _text_boxes(p: etree._Element) -> list[etree._Element]:
    """The text boxes anchored in paragraph `p`, each once: Word writes a box twice (DrawingML
    in mc:Choice, VML in mc:Fallback), and a box inside a box is read with its outer box."""
    out = []
    for box in p.iter(w("txbxContent")):
        anc = box.getparent()
        nested = False
        while anc is not None and anc is not p:
            if anc.tag == f"{{{_MC}}}Fallback" or anc.tag == w("txbxContent"):
                nested = True
                break
            anc = anc.getparent()
        if not nested:
            out.append(box)
    return out


class _Reader:
    """Walks the body once, so numbering counters advance in document order."""

    def __init__(self, styles: _Styles, numbering: Numbering):
        self.styles = styles
        self.numbering = numbering
        self.warnings: list[str] = []

    def blocks(self, container: etree._Element) -> list[Block]:
        out: list[Block] = []
        for el in self._children(container):
            if el.tag == w("p"):
                for box in _text_boxes(el):  # the header block typed in text boxes, read at their anchor
                    out += self.blocks(box)
                b = self.paragraph(el)
                if b is not None:
                    out.append(b)
            elif el.tag == w("tbl"):
                out.append(Block(kind="table", text="", table=self.table(el)))
            elif el.tag == w("altChunk"):
                self.warnings.append("docx: embedded altChunk content not read")
        return out

    def _children(self, el: etree._Element) -> Iterator[etree._Element]:
        """Child elements, looking through content controls and custom XML wrappers."""
        for child in el:
            if not isinstance(child.tag, str):
                continue
            if child.tag in _WRAPPERS:
                yield from self._children(child)
            else:
                yield child

    # paragraphs

    def paragraph(self, p: etree._Element) -> Block | None:
        ppr = p.find(w("pPr"))
        sid = wval(ppr.find(w("pStyle"))) if ppr is not None else None
        sid = sid or self.styles.default_para
        number = self._number(ppr, sid)
        runs: list[tuple[str, dict[str, bool]]] = []
        self._collect(p, sid, runs)
        body = squash(clean_text("".join(t for t, _ in runs)))
        if not body:
            return None  # an empty numbered paragraph still advanced the counters
        text = f"{number} {body}" if number else body
        inked = [f for t, f in runs if t.strip()]

        def every(flag: str) -> bool:
            return bool(inked) and all(f[flag] for f in inked)

        jc = ppr.find(w("jc")) if ppr is not None else None
        if jc is None:
            jc = self.styles.pprop(sid, "jc")
        style = Style(
            bold=every("b"),
            italic=every("i"),
            upper=all_caps(body) or every("caps"),
            centered=wval(jc) == "center",
        )
        if self.styles.is_heading(sid):
            kind = "heading"
        elif number == "-" or _BULLET_TEXT.match(text):
            kind = "list_item"
        else:
            kind = "paragraph"
        return Block(kind=kind, text=text, style=style, numbering=number)

    def _number(self, ppr: etree._Element | None, sid: str | None) -> str | None:
        num_id: str | None = None
        ilvl: int | None = None
        npr = ppr.find(w("numPr")) if ppr is not None else None
        if npr is not None:
            num_id = wval(npr.find(w("numId")))
            il = wval(npr.find(w("ilvl")))
            ilvl = int(il) if il and il.isdigit() else None
        if num_id is None:
            snp = self.styles.pprop(sid, "numPr")
            if snp is not None:
                num_id = wval(snp.find(w("numId")))
                il = wval(snp.find(w("ilvl")))
                if ilvl is None and il and il.isdigit():
                    ilvl = int(il)
        if num_id is None:
            return None
        if ilvl is None:
            ilvl = self.numbering.level_for_style(num_id, sid or "")
        return self.numbering.next(num_id, ilvl or 0)

    def _collect(self, el: etree._Element, sid: str | None, out: list[tuple[str, dict[str, bool]]]) -> None:
        for child in el:
            tag = child.tag
            if not isinstance(tag, str) or tag in _SKIP:
                continue
            if tag == w("r"):
                self._run(child, sid, out)
            elif tag != w("rPr"):
                self._collect(child, sid, out)  # hyperlink, ins, sdt, fldSimple, smartTag, ...

    def _run(self, r: etree._Element, sid: str | None, out: list[tuple[str, dict[str, bool]]]) -> None:
        rpr = r.find(w("rPr"))
        rstyle = wval(rpr.find(w("rStyle"))) if rpr is not None else None

        def flag(tag: str) -> bool:
            el = rpr.find(w(tag)) if rpr is not None else None
            if el is None:
                el = self.styles.rprop(rstyle, tag)
            if el is None:
                el = self.styles.rprop(sid, tag)
            if el is None and self.styles.defaults_rpr is not None:
                el = self.styles.defaults_rpr.find(w(tag))
            return el is not None and _on(el)

        if flag("vanish"):
            return
        parts: list[str] = []
        for c in r:
            tag = c.tag
            if tag == w("t"):
                parts.append(c.text or "")
            elif tag in (w("tab"), w("ptab")):
                parts.append("\t")
            elif tag in (w("br"), w("cr")):
                parts.append("\n")
            elif tag == w("noBreakHyphen"):
                parts.append("-")
        if parts:
            out.append(("".join(parts), {"b": flag("b"), "i": flag("i"), "caps": flag("caps")}))

    # tables

    def table(self, tbl: etree._Element) -> Table:
        table = Table()
        for tr in self._children(tbl):
            if tr.tag != w("tr"):
                continue
            trpr = tr.find(w("trPr"))
            row: list[Cell] = [Cell("") for _ in range(self._grid(trpr, "gridBefore"))]
            for tc in self._children(tr):
                if tc.tag != w("tc"):
                    continue
                tcpr = tc.find(w("tcPr"))
                span = int(wval(tcpr.find(w("gridSpan")), "1") or 1) if tcpr is not None else 1
                vm = tcpr.find(w("vMerge")) if tcpr is not None else None
                continued = vm is not None and wval(vm, "continue") != "restart"
                row.append(Cell("" if continued else self._cell_text(tc)))
                row.extend(Cell("") for _ in range(max(span, 1) - 1))
            row.extend(Cell("") for _ in range(self._grid(trpr, "gridAfter")))
            table.rows.append(row)
        width = max((len(r) for r in table.rows), default=0)
        for r in table.rows:
            r.extend(Cell("") for _ in range(width - len(r)))
        return table

    @staticmethod
    def _grid(trpr: etree._Element | None, tag: str) -> int:
        el = trpr.find(w(tag)) if trpr is not None else None
        v = wval(el, "0") or "0"
        return int(v) if v.isdigit() else 0

    def _cell_text(self, tc: etree._Element) -> str:
        """Cell paragraphs (numbering rendered) joined by newlines; nested tables flattened."""
        lines: list[str] = []
        for el in self._children(tc):
            if el.tag == w("p"):
                b = self.paragraph(el)
                if b is not None:
                    lines.append(b.text)
            elif el.tag == w("tbl"):
                for row in self.table(el).rows:
                    lines.extend(c.text for c in row if c.text)
        return "\n".join(lines)
