"""Scanned pages and images through Tesseract (`vie`) into blocks with confidences.

One Tesseract pass per page: the page is preprocessed (preprocess.py), the
rules of ruled tables are found and erased (ocr_tables.py), and the words
Tesseract returns are laid out with the same code that lays out a PDF's text
layer (pdf_layout.py: rows, the decree's two-column zones, paragraphs), after
turning pixels into points. Words inside a table grid go to their cells.
A second pass runs only when the first one found little to trust: the page is
then turned by what Tesseract's `osd` model says and read again.

`Block.ocr_conf` is the mean Tesseract word confidence of the block's words,
as a float in 0..1 (Tesseract reports 0..100; we divide by 100).
"""
from __future__ import annotations

import os
import re
import tempfile
import unicodedata

import numpy as np
import pytesseract
from PIL import Image, ImageSequence

from ..errors import ExtractError
from . import pdf_layout
from .model import Block, SourceDocument, assemble
from ..nlp.artifacts import load_joblib
from .ocr_digits import ARTIFACT as DIGITS, fill_blanks
from .ocr_outline import renumber_romans
from .ocr_tables import find_grids, inside, read_cells
from .ocr_words import repair_words
from .preprocess import DEFAULT_STEPS, erase, prepare

LANG = "vie"
DEFAULT_DPI = 300
MAX_PIXELS = 120_000_000  # an A3 page at 600 dpi is 70 Mpx; beyond this it is a bomb, not a scan
LOW_CONF = 0.55  # a first pass below this mean word confidence asks OSD whether the page is turned
# Tesseract's `vie` model confusions that no Vietnamese text can contain:
_ETH = re.compile("Đ?\u00d0")  # Icelandic eth for Đ, sometimes after a correct Đ
_ROMAN_MARK = re.compile(r"^(?:[L|l]|HI|IH|H|I{1,3}|IV|VI{0,3}|IX|X)\.?(?= [A-ZĐÀ-Ỹ])")  # "L Mục", "H. NỘI", "II NỘI"
_MISREAD_ROMAN = {"L": "I", "l": "I", "|": "I", "H": "II", "HI": "III", "IH": "III"}  # bold I's run together
# An outline number with a comma for its period, a speck before it or no space after it:
# "1, Đối tượng", ".2, Nội dung", "-3. Hình thức", "I.MỤC ĐÍCH". A capital must follow.
_OUTLINE_MARK = re.compile(r"^[.,\-–~'‘’]?([IVX]{1,4}|\d{1,2})\s*[.,]\s*(?=[A-ZĐÀ-Ỹ])")


def repair(text: str) -> str:
    """Undo `vie` misreadings that are never right: an eth for Đ; an outline number
    at the start of a block with a comma, a speck or no space, or a Roman numeral
    without its period, or its I's read as L or H."""
    text = _ETH.sub("Đ", text)
    text = _OUTLINE_MARK.sub(r"\1. ", text, count=1)
    m = _ROMAN_MARK.match(text) if len(text) < 150 else None  # headings only
    if m:
        mark = m.group(0).rstrip(".")
        text = _MISREAD_ROMAN.get(mark, mark) + "." + text[m.end():]
    return text


_PAGE_NUMBER = re.compile(r"^(?:[-–—\s]*\d{1,3}[-–—\s]*|Trang\s+\d{1,3}(?:\s*/\s*\d{1,3})?)$", re.I)


def check_size(image: Image.Image, path: str = "<image>") -> None:
    w, h = image.size
    if w * h > MAX_PIXELS:
        raise ExtractError(path, "ocr", f"image too large to OCR: {w}×{h} pixels (limit {MAX_PIXELS // 10**6} Mpx)")


def tesseract_words(image: Image.Image) -> list[dict]:
    """One Tesseract pass; words as dicts in pixels with `conf` in 0..1 and their line key.

    The image goes to Tesseract as an uncompressed PNM file: pytesseract would
    otherwise PNG-compress the page, which costs as much as a tenth of the OCR.
    """
    os.environ.setdefault("OMP_THREAD_LIMIT", "1")  # one core per page; batches parallelise by file
    suffix = ".pbm" if image.mode == "1" else ".pgm"
    with tempfile.NamedTemporaryFile(suffix=suffix, delete=False) as f:
        tmp = f.name
    try:
        image.save(tmp)
        data = pytesseract.image_to_data(tmp, lang=LANG, output_type=pytesseract.Output.DICT)
    finally:
        os.unlink(tmp)
    words = []
    for i, text in enumerate(data["text"]):
        text = unicodedata.normalize("NFC", (text or "").strip())
        conf = float(data["conf"][i])
        if not text or conf < 0:
            continue
        x, y, w, h = data["left"][i], data["top"][i], data["width"][i], data["height"][i]
        words.append({"text": text, "x0": x, "x1": x + w, "top": y, "bottom": y + h, "conf": conf / 100,
                      "line": (data["block_num"][i], data["par_num"][i], data["line_num"][i])})
    return words


def _trust(words: list[dict]) -> float:
    return float(np.mean([w["conf"] for w in words])) if words else 0.0


def _osd_rotation(image: Image.Image) -> int:
    """Degrees (clockwise) Tesseract's `osd` model says the page must turn; 0 if it cannot tell."""
    try:
        osd = pytesseract.image_to_osd(image.convert("L"), output_type=pytesseract.Output.DICT)
    except pytesseract.TesseractError:
        return 0
    return int(osd.get("rotate", 0)) % 360


def _read(image: Image.Image, steps: tuple[str, ...], prep=None):
    prep = prep or prepare(image, steps)
    grids, rules = find_grids(prep.ink)
    if not grids:
        return grids, tesseract_words(prep.image), prep.ink
    return grids, tesseract_words(erase(prep, rules)), prep.ink & ~rules


def _turn(image: Image.Image, degrees: int) -> Image.Image:
    return image.rotate(-degrees, expand=True, fillcolor="white") if degrees % 360 else image


def ocr_page_image(image: Image.Image, page: int, steps: tuple[str, ...] = DEFAULT_STEPS) -> list[Block]:
    """Blocks of one page image in reading order, each with `page` and `ocr_conf` (0..1).

    Turned pages: a page whose lines run vertically (seen in the ink profile,
    no OCR needed) is turned by what `osd` says before the one OCR pass; a page
    read with low confidence (upside down, say) is turned by `osd` and read
    again, keeping the better reading. Empty when the page has no text to read.
    """
    check_size(image)
    dpi = float((image.info.get("dpi") or (DEFAULT_DPI, DEFAULT_DPI))[0]) or DEFAULT_DPI
    prep = prepare(image, steps)
    turned = 0
    if prep.sideways:
        turned = _osd_rotation(prep.image)
        turned = turned if turned in (90, 270) else 90
        prep = prepare(_turn(image, turned), steps)
    grids, words, ink = _read(image, steps, prep)
    if words and _trust(words) < LOW_CONF:  # no words at all: a blank page, nothing to turn
        again = _osd_rotation(prep.image) or 180
        g2, w2, i2 = _read(_turn(image, (turned + again) % 360), steps)
        if _trust(w2) > _trust(words):
            grids, words, ink = g2, w2, i2
    words = fill_blanks(words, ink, load_joblib(DIGITS))  # the header's handwritten number and day
    return layout(words, grids, ink, page, 72.0 / max(dpi, 50.0))


# a line's size read from its box: "thôn mới năm 2024." (no descender) measures a third smaller than
# the line above it in the same font
OCR_SIZE_JITTER = 0.35


def layout(words: list[dict], grids: list, ink: np.ndarray, page: int, scale: float) -> list[Block]:
    """Words (pixels) to blocks: table cells, then the rest through the PDF layout in points."""
    words = repair_words(words)
    free = [w for w in words if not any(inside(g, (w["x0"] + w["x1"]) / 2, (w["top"] + w["bottom"]) / 2) for g in grids)]
    placed: list[tuple[float, Block]] = []
    for g in grids:
        table, confs = read_cells(g, [w for w in words if w not in free])
        if table.rows:
            table.page = page
            placed.append((g.ys[0], Block("table", "", page=page, table=table, ocr_conf=_mean(confs))))
    pts = _to_points(free, ink, scale)
    items = pdf_layout.split_columns(pdf_layout.rows_of(pts))
    lines = [it for k, it in items if k == "line"]
    left, right = pdf_layout.bounds(lines) if lines else (0.0, 0.0)
    paras: list = []
    run: list = []
    for kind, item in items + [("end", None)]:
        if kind == "line":
            run.append(item)
            continue
        paras += pdf_layout.group(run, page, left, right, OCR_SIZE_JITTER)
        run = []
        if kind == "zone":
            left_lines, right_lines, mid = item
            edge = max((x.x1 for x in left_lines), default=mid)
            paras += (pdf_layout.group(left_lines, page, left, edge, OCR_SIZE_JITTER)
                      + pdf_layout.group(right_lines, page, mid, right, OCR_SIZE_JITTER))
    sizes = [x.size for x in lines]
    body = max(set(sizes), key=sizes.count) if sizes else 0.0
    for para in paras:
        if _running(para, ink.shape[0] * scale, body if len(lines) >= 3 or not grids else float("inf")):
            continue
        b = pdf_layout.to_block(para)
        b.text = repair(b.text)
        b.ocr_conf = _mean([w["conf"] for w in pts if any(_on(w, x) for x in para.lines)])
        placed.append((para.lines[0].top / scale, b))
    # a zone's right column is read after its left one: keep that order, tables go by position
    body = [b for _, b in placed if b.kind != "table"]
    tables = sorted(((y, b) for y, b in placed if b.kind == "table"), key=lambda t: t[0])
    out: list[Block] = []
    tops = {id(b): y for y, b in placed}
    for b in body:
        while tables and tables[0][0] <= tops[id(b)]:
            out.append(tables.pop(0)[1])
        out.append(b)
    out.extend(b for _, b in tables)
    return out


def _mean(xs: list[float]) -> float | None:
    return round(float(np.mean(xs)), 3) if xs else None


def _running(para, height_pt: float, body_size: float) -> bool:
    """A page number in the top or bottom tenth of the page, or a lone small-print
    line at its very edge: a running header or footer, not the plan's text. (On a
    page that is all table, any lone line at the edge is.)"""
    top, bottom = para.lines[0].top, para.lines[-1].bottom
    if not (bottom < 0.1 * height_pt or top > 0.9 * height_pt):
        return False
    if all(_PAGE_NUMBER.match(x.text) for x in para.lines):
        return True
    edge = bottom < 0.07 * height_pt or top > 0.93 * height_pt
    return edge and len(para.lines) == 1 and para.lines[0].size < 0.85 * body_size


def _on(w: dict, line) -> bool:
    cx, cy = (w["x0"] + w["x1"]) / 2, (w["top"] + w["bottom"]) / 2
    return line.x0 <= cx <= line.x1 and line.top <= cy <= line.bottom


def _to_points(words: list[dict], ink: np.ndarray, scale: float) -> list[dict]:
    """Tesseract words as pdfplumber-like word dicts in points, one height per Tesseract line.

    Font size: a line's box (accents to descenders) is about 0.95 em high; lines
    whose sizes differ by under 35% are given one size, since a line without
    accents or descenders is merely shorter, not in a smaller font.
    Bold: a line whose strokes (mean horizontal ink run) are much wider than the page's usual.
    """
    by_line: dict[tuple, list[dict]] = {}
    for w in words:
        by_line.setdefault(w["line"], []).append(w)
    dens = {}
    for key, ws in by_line.items():
        ink_sum = runs = 0
        for w in ws:
            box = ink[int(w["top"]):int(w["bottom"]), int(w["x0"]):int(w["x1"])]
            ink_sum += int(np.count_nonzero(box))
            runs += int(np.count_nonzero(box[:, 1:] & ~box[:, :-1]))
        dens[key] = ink_sum / max(1, runs)  # mean horizontal stroke width
    usual = float(np.median(list(dens.values()))) if dens else 0.0
    sizes = _snap({k: (max(w["bottom"] for w in ws) - min(w["top"] for w in ws)) * scale / 0.95 for k, ws in by_line.items()})
    out = []
    for key, ws in by_line.items():
        # where the line stands: its words' middle edges, so that a mark read as one of its words (a
        # signature's stroke, a seal's rim, far taller than the text) does not stretch it over the next line
        top = float(np.median([w["top"] for w in ws]))
        bottom = float(np.median([w["bottom"] for w in ws]))
        size = sizes[key]
        font = "Bold" if usual and dens[key] > 1.3 * usual else "Regular"
        ws = sorted(ws, key=lambda w: w["x0"])
        for w, nxt in zip(ws, ws[1:] + [None]):
            x1 = w["x1"] * scale
            if nxt is not None:  # Tesseract's words are words: keep a gap the layout reads as a space
                x1 = max(w["x0"] * scale, min(x1, nxt["x0"] * scale - 0.15 * size))
            out.append({"text": w["text"], "x0": w["x0"] * scale, "x1": x1, "top": top * scale,
                        "bottom": bottom * scale, "size": size, "fontname": font, "conf": w["conf"]})
    return out


def _snap(sizes: dict) -> dict:
    """Sizes within 35% of each other, from the most common down, share their median."""
    out: dict = {}
    rest = dict(sizes)
    while rest:
        vals = np.array(list(rest.values()))
        centre = float(np.median(vals))
        near = {k: v for k, v in rest.items() if abs(v - centre) <= 0.35 * centre}
        if not near:  # median falls between clusters: take the largest cluster around any value
            k0 = max(rest, key=lambda k: sum(abs(v - rest[k]) <= 0.35 * rest[k] for v in rest.values()))
            near = {k: v for k, v in rest.items() if abs(v - rest[k0]) <= 0.35 * rest[k0]}
        size = round(float(np.median(list(near.values()))) * 2) / 2
        for k in near:
            out[k] = size
            del rest[k]
    return out


def drop_running_blocks(pages: list[list[Block]]) -> list[Block]:
    """All pages' blocks without running headers and footers: short blocks first or
    last on their page whose text (digits aside) recurs so on at least a third of
    the pages (and on two or more)."""
    key = lambda b: re.sub(r"\d+", "#", b.text.lower())  # noqa: E731
    ends = [[b for b in (bs[:1] + bs[-1:]) if b.kind != "table" and len(b.text) < 80] for bs in pages]
    seen: dict[str, int] = {}
    for e in ends:
        for k in {key(b) for b in e}:
            seen[k] = seen.get(k, 0) + 1
    running = {id(b) for e in ends for b in e if seen[key(b)] >= max(2, len(pages) / 3)}
    return [b for bs in pages for b in bs if id(b) not in running]


def read_image(path: str, steps: tuple[str, ...] = DEFAULT_STEPS) -> SourceDocument:
    """A PNG, JPEG or (multi-page) TIFF scan as a document of format "ocr"."""
    try:
        img = Image.open(path)
        check_size(img, path)
    except ExtractError:
        raise
    except Image.DecompressionBombError as e:
        raise ExtractError(path, "ocr", f"image too large to OCR: {e}") from None
    except (OSError, ValueError) as e:
        raise ExtractError(path, "ocr", f"cannot read image: {e}") from None
    per_page: list[list[Block]] = []
    pages = 0
    with img:
        for n, frame in enumerate(ImageSequence.Iterator(img), start=1):
            pages = n
            try:
                frame.load()
            except (OSError, ValueError) as e:
                raise ExtractError(path, "ocr", f"cannot decode page {n}: {e}") from None
            try:
                per_page.append(ocr_page_image(frame.copy(), n, steps))
            except ExtractError as e:
                raise ExtractError(path, e.stage, e.reason) from None
            except pytesseract.TesseractNotFoundError:
                raise ExtractError(path, "ocr",
                                   "tesseract is not installed (apt-get install tesseract-ocr tesseract-ocr-vie)") from None
    blocks = drop_running_blocks(per_page)
    if not blocks:
        raise ExtractError(path, "ocr", f"no text found on any page ({pages} page{'s' if pages != 1 else ''})")
    renumber_romans(blocks)
    return assemble(path, "ocr", blocks, pages=pages)


__all__ = ["ocr_page_image", "read_image", "drop_running_blocks", "tesseract_words", "layout", "MAX_PIXELS"]
