"""PDF plans: the text layer read with pdfplumber, pages without one sent to OCR.

Pages are read one at a time and closed, keeping only light lines and table
cells, so a 300-page file holds no more pdfminer objects than one page does.
Then running headers, footers and page numbers (lines repeated in the page
margins, bare numbers) are dropped, and the pages' lines become paragraphs
and tables (`pdf_layout`, `pdf_tables`), joined across page breaks.

Routing is per page: a page whose text layer is empty (a scan) or garbage (a
broken font map: "(cid:12)", replacement or private-use characters, words that
are no Vietnamese syllables) is rendered at 300 dpi and OCR'd. The document's
format says what happened: "pdf", "ocr" or "pdf+ocr".
"""
from __future__ import annotations

import io
import math
import re
import unicodedata
from collections import Counter

from ..errors import ExtractError
from . import pdf_layout as L
from . import pdf_tables as T
from .encodings import _score as syllable_score
from .linebreaks import is_break
from .model import Block, SourceDocument, assemble
from .ocr_outline import renumber_romans
from .pdf_annots import appearance_words, widget_boxes

OCR_DPI = 300
_PAGE_NUMBER = re.compile(r"^(?:trang\s*)?[-–(]?\s*\d{1,4}\s*[-–)]?(?:\s*(?:/|trên)\s*\d{1,4})?$", re.I)
_MARGIN = 0.09  # share of the page height where running headers and footers sit
_OUTLINE_CURVES = 200  # a page of text has thousands of glyph outlines; a drawing or seal, far fewer
_WORD_FILTER = {"x_tolerance": 1.5, "y_tolerance": 2, "keep_blank_chars": False, "extra_attrs": ["fontname", "size"]}


def read_pdf(path: str) -> SourceDocument:
    """Read a PDF into blocks; every failure is an `ExtractError` naming its stage."""
    pdf = _open(path)
    pages: list[L.PageLayout] = []
    try:
        n_pages = len(pdf.pages)
        if n_pages == 0:
            raise ExtractError(path, "ingest", "PDF has no pages")
        for number, page in enumerate(pdf.pages, 1):
            try:
                pages.append(_read_page(page, number, path))
            except ExtractError:
                raise
            except Exception as e:  # pdfminer raises many types on broken content streams
                raise ExtractError(path, "ingest", f"page {number}: unreadable content ({type(e).__name__}: {e})"[:300]) from None
            finally:
                page.close()
                pdf.pages[number - 1] = None  # let the page's objects go
    finally:
        pdf.close()
    ocr_pages = sum(1 for p in pages if p.ocr is not None)
    text_pages = sum(1 for p in pages if p.ocr is None and (p.items or p.tables))  # blank pages are neither
    fmt = "pdf+ocr" if ocr_pages and text_pages else ("ocr" if ocr_pages else "pdf")
    drop_running_lines(pages)
    blocks = build_blocks(pages)
    renumber_romans(blocks)
    if not blocks:
        raise ExtractError(path, "ingest", "no text in PDF")
    return assemble(path, fmt, blocks, pages=len(pages))


def _open(path: str):
    import pdfplumber
    from pdfplumber.utils.exceptions import PdfminerException

    try:
        pdf = pdfplumber.open(_without_prefix(path))  # an empty user password is tried by default
        pdf.pages  # noqa: B018 - parses the page tree: a truncated file fails here
        return pdf
    except PdfminerException as e:
        inner = e.args[0] if e.args else e
        name = type(inner).__name__
        if name in ("PDFPasswordIncorrect", "PDFEncryptionError"):
            raise ExtractError(path, "ingest", "encrypted PDF (password required)") from None
        raise ExtractError(path, "ingest", f"corrupt or truncated PDF ({name}: {inner})"[:300]) from None
    except ExtractError:
        raise
    except Exception as e:
        raise ExtractError(path, "ingest", f"corrupt or truncated PDF ({type(e).__name__}: {e})"[:300]) from None


def _without_prefix(path: str):
    """The path, or the file's bytes from "%PDF-" on when junk precedes it (offsets in the
    file are the PDF's own, counted from its header)."""
    from .sniff import pdf_offset, read_head

    k = pdf_offset(read_head(path))
    if not k:
        return path
    with open(path, "rb") as f:
        f.seek(k)
        return io.BytesIO(f.read())


def route(text: str, has_images: bool) -> str:
    """"text" when the text layer is usable, "ocr" when it is missing or garbage,
    "blank" for an empty page with nothing to OCR."""
    t = "".join(text.split())
    if not t:
        return "ocr" if has_images else "blank"
    bad = t.count("\ufffd") + 6 * t.count("(cid:")
    bad += sum(1 for c in t if 0xE000 <= ord(c) <= 0xF8FF or unicodedata.category(c) in ("Cc", "Co", "Cn"))
    if bad > 0.1 * len(t):
        return "ocr"
    words = [w for w in text.split() if any(c.isalpha() for c in w)]
    if len(words) >= 20 and syllable_score(text, 0) < 0.5:
        return "ocr"  # a font without a usable ToUnicode map (TCVN3/VNI glyphs as Latin-1)
    if has_images and len(t) < 30:
        return "ocr"  # a scan with a stamp or page number as its only text
    return "text"


def _read_page(page, number: int, path: str) -> L.PageLayout:
    layout = L.PageLayout(number, float(page.width), float(page.height))
    chars = page.chars
    decision = route("".join(c["text"] for c in chars), bool(page.images) or _outlined(page, chars))
    if decision == "blank":
        return layout
    if decision == "ocr":
        layout.ocr = _ocr(page, number, path)
        return layout
    angle = orientation(chars)
    if angle:  # text drawn sideways or upside down (or a /Rotate): read it in its own frame
        from pdfplumber.utils import extract_words

        turned, layout.width, layout.height = turn(chars, angle, layout.width, layout.height)
        words = extract_words(turned, **_WORD_FILTER)
    else:
        layout.tables = T.find_tables(page, number)
        boxes = [t.box for t in layout.tables]
        body = page.filter(lambda o: o.get("object_type") != "char" or not T.inside(o, boxes)) if boxes else page
        words = [w for w in body.extract_words(**_WORD_FILTER) if w.get("upright", True)]
        words += appearance_words(path, number, widget_boxes(page), words)  # a number stamped on signing
    layout.items = L.split_columns(L.rows_of(words))
    return layout


def _outlined(page, chars: list[dict]) -> bool:
    """A page drawn without fonts: printers that turn glyphs into paths ("Microsoft:
    Print To PDF" of some drivers) leave thousands of curves and no characters."""
    return not chars and len(page.curves) >= _OUTLINE_CURVES


def orientation(chars: list[dict]) -> int:
    """The direction most characters run in, as displayed: 0, 90, 180 or 270 degrees."""
    if not chars:
        return 0
    votes = Counter(round(math.degrees(math.atan2(c["matrix"][1], c["matrix"][0])) / 90) % 4 * 90 for c in chars)
    return votes.most_common(1)[0][0]


def turn(chars: list[dict], angle: int, width: float, height: float) -> tuple[list[dict], float, float]:
    """Characters in the frame where their text runs left to right, top to bottom."""
    cos, sin = round(math.cos(math.radians(angle))), round(math.sin(math.radians(angle)))

    def rot(x: float, y: float) -> tuple[float, float]:  # PDF space (y up), turned by -angle
        return x * cos + y * sin, -x * sin + y * cos

    frame = [rot(x, y) for x in (0, width) for y in (0, height)]
    min_x, max_y = min(p[0] for p in frame), max(p[1] for p in frame)
    new_w, new_h = max(p[0] for p in frame) - min_x, max_y - min(p[1] for p in frame)
    out = []
    for c in chars:
        y0, y1 = height - c["bottom"], height - c["top"]
        pts = [rot(x, y) for x in (c["x0"], c["x1"]) for y in (y0, y1)]
        xs, ys = [p[0] - min_x for p in pts], [max_y - p[1] for p in pts]
        out.append({**c, "x0": min(xs), "x1": max(xs), "top": min(ys), "bottom": max(ys),
                    "doctop": min(ys), "upright": True, "matrix": (1, 0, 0, 1, 0, 0),
                    "size": max(ys) - min(ys)})  # pdfminer gives sideways chars their advance as size
    return out, new_w, new_h


def _ocr(page, number: int, path: str) -> list[Block]:
    try:
        from .ocr import ocr_page_image
    except ImportError:
        raise ExtractError(path, "ocr", "OCR not available") from None
    image = page.to_image(resolution=OCR_DPI).original
    blocks = ocr_page_image(image, number)
    for b in blocks:
        b.page = number
    return blocks


def _margin_lines(p: L.PageLayout) -> list[L.Line]:
    """The first two and last two full-width lines of a page, if they sit in its
    top or bottom margin band: where running headers, footers and numbers go."""
    lines = [it for k, it in p.items if k == "line"]
    ends = lines[:2] + [x for x in lines[-2:] if x not in lines[:2]]
    return [x for x in ends if x.bottom < 2 * _MARGIN * p.height or x.top > (1 - _MARGIN) * p.height]


def drop_running_lines(pages: list[L.PageLayout]) -> None:
    """Remove page numbers, and margin lines repeated at the same height on several
    pages (digits aside in short lines: "Trang 3/12")."""
    def key(ln: L.Line, p: L.PageLayout) -> tuple[str, int]:  # footers: height from the bottom edge
        text = ln.text.lower()
        if len(text.split()) <= 6:  # a short line may carry the page number; a sentence does not
            text = re.sub(r"\d+", "#", text)
        return text, round(ln.top if ln.top < p.height / 2 else ln.top - p.height)

    seen = Counter(k for p in pages for k in {key(ln, p) for ln in _margin_lines(p)})
    for p in pages:
        margin = {id(ln) for ln in _margin_lines(p) if _PAGE_NUMBER.match(ln.text.strip()) or seen[key(ln, p)] >= 2}
        if margin:
            p.items = [(k, it) for k, it in p.items if id(it) not in margin]


def _page_items(p: L.PageLayout) -> list[tuple[float, str, object]]:
    out: list[tuple[float, str, object]] = []
    for kind, item in p.items:
        top = item.top if kind == "line" else min(x.top for x in item[0] + item[1])
        out.append((top, kind, item))
    out += [(t.top, "table", t) for t in p.tables]
    return sorted(out, key=lambda x: x[0])


def build_blocks(pages: list[L.PageLayout]) -> list[Block]:
    """Pages' items in reading order as blocks; paragraphs and tables that run on
    over a page break are joined."""
    out: list[object] = []  # L.Para, T.PageTable or Block (OCR)
    bounds = (0.0, 0.0)
    for p in pages:
        if p.ocr is not None:
            blocks = list(p.ocr)
            if blocks and out and isinstance(out[-1], Block) and _runs_on(out[-1], blocks[0]):
                out[-1] = _joined(out[-1], blocks.pop(0))
            out += blocks
            continue
        lines = [it for k, it in p.items if k == "line"]
        if len(lines) >= 5 or bounds == (0.0, 0.0):
            bounds = L.bounds(lines) if lines else bounds
        left, right = bounds
        first = True
        run: list[L.Line] = []

        def flush() -> None:
            nonlocal first
            paras = L.group(run, p.number, left, right)
            run.clear()
            if paras and first and out and isinstance(out[-1], L.Para) and L.continues(out[-1], paras[0], left, right):
                out[-1].lines.extend(paras.pop(0).lines)
            out.extend(paras)
            if paras:
                first = False

        for _, kind, item in _page_items(p):
            if kind == "line":
                run.append(item)
                continue
            flush()
            if kind == "table":
                prev = out[-1] if out else None
                if first and isinstance(prev, T.PageTable) and T.same_columns(prev, item):
                    T.join(prev, item)
                else:
                    out.append(item)
            else:
                left_lines, right_lines, mid = item
                edge = max((x.x1 for x in left_lines), default=mid)  # the left column's wrap width
                out += L.group(left_lines, p.number, left, edge) + L.group(right_lines, p.number, mid, right)
            first = False
        flush()
    blocks = []
    for x in out:
        if isinstance(x, L.Para):
            blocks.append(L.to_block(x))
        elif isinstance(x, T.PageTable):
            blocks.append(T.to_block(x))
        else:
            blocks.append(x)
    return blocks


def _runs_on(a: Block, b: Block) -> bool:
    """Does the first OCR'd paragraph of a page carry on the last one of the page before? Only when
    the text says so: the sentence stops on a comma or a word it cannot end on ("… phối hợp Sở Nông
    nghiệp và" / "Phát triển nông thôn …"), or goes on in lower case."""
    if a.kind != "paragraph" or b.kind != "paragraph" or a.style.centered or b.style.centered:
        return False
    return not is_break(a.text.split("\n")[-1], b.text.split("\n")[0], None)


def _joined(a: Block, b: Block) -> Block:
    confs = [c for c in (a.ocr_conf, b.ocr_conf) if c is not None]
    return Block(a.kind, f"{a.text} {b.text}", page=a.page, style=a.style,
                 ocr_conf=round(sum(confs) / len(confs), 3) if confs else None)
