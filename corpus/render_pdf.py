"""Render the seed plans as text-layer PDFs laid out like real Nghị định 30/2020 plans.

What the PDF reader has to see through is put where a typist puts it:
- the two-column header: (issuing body and) "Số: …" on the left, the national
  motto and "<place>, ngày … tháng … năm …" on the right, on the same lines;
- the bold centered title, bold outline headings, justified paragraphs with a
  first-line indent that wrap over several lines;
- a page number at the top of every page after the first and a running footer
  with the document code (both must be dropped by the reader);
- "Nơi nhận" (left) and the signature block (right) side by side;
- the appendix task table as a ruled table whose cells wrap over several lines,
  with its header row repeated on every page it continues to.

The text is the seed's blocks as `plan_layout` (render.py) formats them, so the
seed's gold holds. The seeds have no issuing-body lines, and none are invented:
a line the seed lacks would change what the gold describes.

Usage: python corpus/render_pdf.py [--seeds DIR] [--out DIR] [--gold DIR]
Output is deterministic (reportlab invariant mode: fixed dates and ids).
"""
from __future__ import annotations

import io
import sys
from pathlib import Path
from xml.sax.saxutils import escape

ROOT = Path(__file__).resolve().parents[1]
for p in (ROOT, Path(__file__).resolve().parent):
    if str(p) not in sys.path:
        sys.path.insert(0, str(p))

from reportlab.lib import colors  # noqa: E402
from reportlab.lib.enums import TA_CENTER, TA_JUSTIFY, TA_LEFT, TA_RIGHT  # noqa: E402
from reportlab.lib.pagesizes import A4, landscape  # noqa: E402
from reportlab.lib.styles import ParagraphStyle  # noqa: E402
from reportlab.lib.units import cm  # noqa: E402
from reportlab.pdfbase import pdfmetrics  # noqa: E402
from reportlab.pdfbase.ttfonts import TTFont  # noqa: E402
from reportlab.platypus import (BaseDocTemplate, Frame, KeepTogether, NextPageTemplate, PageBreak, PageTemplate,  # noqa: E402
                                Paragraph, Spacer, Table, TableStyle)

from render import Para, load_gold, plan_layout, seed_args, write_rendering_gold  # noqa: E402
from extractor.ingest.encodings import decode  # noqa: E402
from extractor.ingest.text import parse_text  # noqa: E402

FONT_DIRS = ("/usr/share/fonts/truetype/liberation2", "/usr/share/fonts/truetype/liberation",
             "/usr/share/fonts/truetype/dejavu")
FACES = {"": "Regular", "-B": "Bold", "-I": "Italic", "-BI": "BoldItalic"}
MOTTO = ("CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM", "Độc lập - Tự do - Hạnh phúc")
BODY_PT, SMALL_PT = 13, 11


def register_fonts() -> str:
    """A Times-metric serif with Vietnamese glyphs (Liberation Serif), else DejaVu Serif."""
    for d in FONT_DIRS:
        base = "LiberationSerif" if "liberation" in d else "DejaVuSerif"
        files = {suffix: Path(d) / f"{base}-{face}.ttf" for suffix, face in FACES.items()}
        if base == "DejaVuSerif":
            files = {"": Path(d) / "DejaVuSerif.ttf", "-B": Path(d) / "DejaVuSerif-Bold.ttf",
                     "-I": Path(d) / "DejaVuSerif-Italic.ttf", "-BI": Path(d) / "DejaVuSerif-BoldItalic.ttf"}
        if all(f.is_file() for f in files.values()):
            for suffix, f in files.items():
                pdfmetrics.registerFont(TTFont(f"Serif{suffix}", str(f)))
            pdfmetrics.registerFontFamily("Serif", normal="Serif", bold="Serif-B", italic="Serif-I", boldItalic="Serif-BI")
            return base
    raise SystemExit("no serif font with Vietnamese glyphs: apt-get install fonts-liberation2")


def _style(name: str, align=TA_JUSTIFY, size: float = BODY_PT, indent: float = 0, before: float = 0,
           after: float = 6) -> ParagraphStyle:
    return ParagraphStyle(name, fontName="Serif", fontSize=size, leading=size * 1.25, alignment=align,
                          firstLineIndent=indent, spaceBefore=before, spaceAfter=after)


BODY = _style("body", indent=1 * cm)
CENTER = _style("center", TA_CENTER, after=2)
LEFT = _style("left", TA_LEFT, after=2)
RIGHT = _style("right", TA_RIGHT, after=2)
SMALL = _style("small", TA_LEFT, SMALL_PT, after=0)
CELL = _style("cell", TA_LEFT, SMALL_PT, after=0)
CELL_HEAD = _style("cellhead", TA_CENTER, SMALL_PT, after=0)


def markup(p: Para, number: bool = True) -> str:
    """The paragraph's runs as reportlab mini-HTML (bold/italic, line breaks)."""
    runs = ([(p.outline[2], False, False)] if (p.outline and number) else []) + p.runs
    out = []
    for text, b, i in runs:
        h = escape(text).replace("\n", "<br/>")
        if i or p.italic:
            h = f"<i>{h}</i>"
        if b or p.bold:
            h = f"<b>{h}</b>"
        out.append(h)
    return "".join(out)


def _is_date(p: Para) -> bool:
    return p.align == "right"


def _split(paras: list[Para]) -> tuple[list[Para], list[Para], list[Para], list[Para], list[Para]]:
    """header, body, recipients ("Nơi nhận" + items), signature, appendix."""
    title = next((i for i, p in enumerate(paras) if p.block.text.startswith("KẾ HOẠCH") and p.align == "center"), None)
    head_end = title if title is not None and title <= 6 else 0
    header = paras[:head_end]
    rest = paras[head_end:]
    nn = next((i for i, p in enumerate(rest) if p.block.text.startswith("Nơi nhận")), None)
    if nn is None:
        return header, rest, [], [], []
    body, tail = rest[:nn], rest[nn:]
    k = 1
    while k < len(tail) and tail[k].block.kind == "list_item":
        k += 1
    recipients, after = tail[:k], tail[k:]
    app = next((i for i, p in enumerate(after) if p.block.table is not None
                or p.block.text.upper().startswith("PHỤ LỤC")), len(after))
    return header, body, recipients, after[:app], after[app:]


def header_table(header: list[Para], width: float) -> Table | None:
    if not header:
        return None
    left = [Paragraph(markup(p), CENTER) for p in header if not _is_date(p)]
    right = [Paragraph(f"<b>{MOTTO[0]}</b>", _style("m", TA_CENTER, 12, after=0)),
             Paragraph(f"<b>{MOTTO[1]}</b>", _style("m2", TA_CENTER, 13, after=8))]
    right += [Paragraph(markup(p), CENTER) for p in header if _is_date(p)]
    if len(left) == 1 and len(right) == 3:  # "Số:" on the date's line, as the decree places them
        left.insert(0, Spacer(1, 2.6 * 13))
    t = Table([[left, right]], colWidths=[width * 0.4, width * 0.6])
    t.setStyle(TableStyle([("VALIGN", (0, 0), (-1, -1), "TOP"), ("LEFTPADDING", (0, 0), (-1, -1), 0),
                           ("RIGHTPADDING", (0, 0), (-1, -1), 0)]))
    return t


def body_flowable(p: Para):
    if p.align == "center":
        return Paragraph(markup(p), _style("c", TA_CENTER, after=4, before=4))
    if p.outline and p.bold:
        return Paragraph(markup(p), _style("h", indent=1 * cm, before=4, after=4))
    return Paragraph(markup(p), BODY)


def signature_table(recipients: list[Para], signature: list[Para], width: float) -> Table:
    left = [Paragraph(markup(p), _style("nn", TA_LEFT, 12, after=1) if k == 0 else SMALL)
            for k, p in enumerate(recipients)]
    right = []
    for k, p in enumerate(signature):
        if k == len(signature) - 1 and len(signature) > 1:
            right.append(Spacer(1, 2.2 * cm))  # where the signature and seal go
        right.append(Paragraph(markup(p), _style("sig", TA_CENTER, after=0)))
    t = Table([[left, right]], colWidths=[width * 0.5, width * 0.5])
    t.setStyle(TableStyle([("VALIGN", (0, 0), (-1, -1), "TOP"), ("LEFTPADDING", (0, 0), (-1, -1), 0)]))
    return KeepTogether([Spacer(1, 6), t])


def ruled_table(rows: list[list[str]], width: float) -> Table:
    """The appendix as a ruled grid; column widths follow how much each column holds,
    so long cells wrap over several lines and the table runs over pages."""
    ncol = max(len(r) for r in rows)
    # no word is cut: a column is at least as wide as its longest word (bold, as in the header)
    floor = [max((pdfmetrics.stringWidth(w, "Serif-B", SMALL_PT) for r in rows if c < len(r) for w in r[c].split()),
                 default=10.0) + 13 for c in range(ncol)]
    weights = [max(4.0, min(60.0, sum(len(r[c]) for r in rows if c < len(r)) / len(rows))) for c in range(ncol)]
    spare = width - sum(floor)
    col_w = [f + spare * w / sum(weights) for f, w in zip(floor, weights)]
    data, spans = [], []
    for ri, row in enumerate(rows):
        row = row + [""] * (ncol - len(row))
        style = CELL_HEAD if ri == 0 else CELL
        cells = []
        for c in row:
            h = escape(c).replace("\n", "<br/>")
            cells.append(Paragraph(f"<b>{h}</b>" if ri == 0 else h, style))
        data.append(cells)
        if ri > 0 and ncol > 2 and row[1] and not any(row[2:]):
            spans.append(("SPAN", (1, ri), (ncol - 1, ri)))
    t = Table(data, colWidths=col_w, repeatRows=1)
    t.setStyle(TableStyle([("GRID", (0, 0), (-1, -1), 0.6, colors.black), ("VALIGN", (0, 0), (-1, -1), "TOP"),
                           *spans]))
    return t


def _page_marks(code: str):
    def draw(canvas, d) -> None:
        w, h = canvas._pagesize
        canvas.saveState()
        if d.page > 1:  # Nghị định 30: page numbers at the top centre, from page 2
            canvas.setFont("Serif", 13)
            canvas.drawCentredString(w / 2, h - 1.2 * cm, str(d.page))
        if code:
            canvas.setFont("Serif-I", 9)
            canvas.drawRightString(w - 2 * cm, 1.2 * cm, f"Kế hoạch {code}")
        canvas.restoreState()
    return draw


def render_pdf(source: str, blocks, code: str, title: str) -> bytes:
    paras = plan_layout(source, blocks)
    header, body, recipients, signature, appendix = _split(paras)
    buf = io.BytesIO()
    doc = BaseDocTemplate(buf, pagesize=A4, title=title[:200], author="kh-extract corpus", creator="kh-extract corpus",
                          producer="reportlab", subject="", invariant=1, pageCompression=1)
    marks = _page_marks(code)
    portrait = Frame(3 * cm, 2 * cm, A4[0] - 5 * cm, A4[1] - 4 * cm, id="p")
    wide = landscape(A4)
    land = Frame(2 * cm, 2 * cm, wide[0] - 4 * cm, wide[1] - 4 * cm, id="l")
    doc.addPageTemplates([PageTemplate("portrait", [portrait], onPage=marks, pagesize=A4),
                          PageTemplate("landscape", [land], onPage=marks, pagesize=wide)])
    width = portrait._width
    story: list = []
    t = header_table(header, width)
    if t is not None:
        story += [t, Spacer(1, 10)]
    story += [body_flowable(p) for p in body]
    if recipients or signature:
        story.append(signature_table(recipients, signature, width))
    if appendix:  # the appendix table on landscape pages, as plans print it
        story += [NextPageTemplate("landscape"), PageBreak()]
        for p in appendix:
            story.append(ruled_table(p.block.table.texts(), land._width) if p.block.table is not None else body_flowable(p))
    doc.build(story)
    return buf.getvalue()


def render_seed_pdf(path: Path, out: Path, gold_dir: Path) -> list[Path]:
    source = decode(path.read_bytes())[0].replace("\r\n", "\n").replace("\r", "\n")
    doc = parse_text(source, str(path))
    gold = load_gold(path.stem, gold_dir)
    g_doc = (gold or {}).get("doc") or {}
    title = g_doc.get("title") or (doc.blocks[0].text if doc.blocks else path.stem)
    so = next((b.text for b in doc.blocks[:4] if b.text.startswith("Số:")), "")
    code = "".join(so[3:].split())  # the running footer names the plan by its "Số:" line
    name = f"{path.stem}-pdf.pdf"
    target = out / "pdf" / name
    target.parent.mkdir(parents=True, exist_ok=True)
    target.write_bytes(render_pdf(source, doc.blocks, code, title))
    written = [target]
    if gold is not None:
        written.append(write_rendering_gold(gold, name, out / "gold" / f"{path.stem}-pdf.json"))
    return written


def main(argv: list[str] | None = None) -> int:
    files, out, gold_dir = seed_args(__doc__.split("\n")[0], argv)
    font = register_fonts()
    for path in files:
        for p in render_seed_pdf(path, out, gold_dir):
            print(f"{p.stat().st_size:>8}  {p}  ({font})")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
