"""Render the seed plans (plain text) as Word documents and portal web pages.

The seeds have hand-written gold; a rendering that reads back to the same text
can share it. So each rendering is built from the blocks `parse_text` reads
from the seed, and puts in the format's way what a real file carries:
- DOCX: outline numbers as real Word automatic numbering (not in the text),
  bold headings, soft line breaks, tables, a page header and a PAGE footer;
- HTML: a provincial portal page with menu, breadcrumb, sidebar, comment form
  and "Các tin khác" list around an <article>.

Usage: python corpus/render.py [--seeds DIR] [--out DIR] [--gold DIR]
Output is byte-for-byte deterministic (fixed core properties, fixed zip dates).

Gold: copied with "file" set to the rendered name. The only text that differs
from the seed is in HTML renderings of scraped pages (seed 003): the seed's
menu line and trailing portal lines ("Phản hồi", ...) move to the page chrome,
where the reader drops them. No gold field refers to those lines, so the gold
is otherwise unchanged.
"""
from __future__ import annotations

import argparse
import datetime as dt
import io
import json
import re
import sys
import unicodedata
import zipfile
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

from docx import Document  # noqa: E402
from docx.enum.text import WD_ALIGN_PARAGRAPH  # noqa: E402
from docx.oxml import parse_xml  # noqa: E402
from docx.oxml.ns import nsdecls, qn  # noqa: E402
from docx.shared import Pt  # noqa: E402

from extractor.ingest.docx_numbering import to_roman  # noqa: E402
from extractor.ingest.encodings import decode  # noqa: E402
from extractor.ingest.model import Block  # noqa: E402
from extractor.ingest.text import parse_text  # noqa: E402
from extractor.normalize import DASHES, SPACES, clean, squash  # noqa: E402

if str(Path(__file__).resolve().parent) not in sys.path:  # for the sibling render_html
    sys.path.insert(0, str(Path(__file__).resolve().parent))

FIXED_TIME = dt.datetime(2024, 1, 1, 8, 0, 0)
OUTLINE_LEVELS = (("upperRoman", "%1."), ("decimal", "%2."), ("lowerLetter", "%3)"))
_OUTLINE = (
    (0, re.compile(r"^([IVXL]+)\.\s+")),
    (1, re.compile(r"^(\d{1,2})\.\s+")),
    (2, re.compile(r"^([a-z])\)\s+")),
)
_RAW_KEEP = set(DASHES) | set(SPACES)
_EMPH = re.compile(r"\*\*(.+?)\*\*|(?<![\w*])\*(?=\S)(.+?)(?<=\S)\*(?![\w*])", re.S)


def outline_number(text: str) -> tuple[int, int, str] | None:
    """(level, value, literal prefix) of an outline item "I. ", "1. ", "a) "; Word's
    lowerLetter cannot write "đ)", so such items are left literal."""
    for level, rx in _OUTLINE:
        m = rx.match(text)
        if not m:
            continue
        tok = m.group(1)
        if level == 0:
            value = next((v for v in range(1, 40) if to_roman(v) == tok), 0)
        elif level == 1:
            value = int(tok)
        else:
            value = ord(tok) - ord("a") + 1
        return (level, value, m.group(0)) if value > 0 else None
    return None


class OutlineNumbering:
    """One abstract list ("I." / "1." / "a)") in a python-docx document.

    `apply` numbers a paragraph; when the seed's number is not the one Word
    would show next, a new list instance with a startOverride restarts there.
    """

    def __init__(self, doc) -> None:
        self.root = doc.part.numbering_part.element
        ids = [int(x) for x in self.root.xpath("./w:abstractNum/@w:abstractNumId")]
        self.abstract_id = max(ids, default=-1) + 1
        levels = "".join(
            f'<w:lvl w:ilvl="{i}"><w:start w:val="1"/><w:numFmt w:val="{fmt}"/>'
            f'<w:suff w:val="space"/><w:lvlText w:val="{text}"/><w:lvlJc w:val="left"/>'
            f'<w:pPr><w:ind w:left="0" w:firstLine="567"/></w:pPr></w:lvl>'
            for i, (fmt, text) in enumerate(OUTLINE_LEVELS)
        )
        an = parse_xml(f'<w:abstractNum {nsdecls("w")} w:abstractNumId="{self.abstract_id}">'
                       f'<w:multiLevelType w:val="multilevel"/>{levels}</w:abstractNum>')
        first_num = self.root.find(qn("w:num"))
        if first_num is not None:
            first_num.addprevious(an)
        else:
            self.root.append(an)
        self.counters: list[int | None] = [None] * len(OUTLINE_LEVELS)
        self.num_id = self._new_num({})

    def _new_num(self, starts: dict[int, int]) -> int:
        ids = [int(x) for x in self.root.xpath("./w:num/@w:numId")]
        nid = max(ids, default=0) + 1
        over = "".join(f'<w:lvlOverride w:ilvl="{i}"><w:startOverride w:val="{v}"/></w:lvlOverride>'
                       for i, v in starts.items())
        self.root.append(parse_xml(f'<w:num {nsdecls("w")} w:numId="{nid}">'
                                   f'<w:abstractNumId w:val="{self.abstract_id}"/>{over}</w:num>'))
        return nid

    def apply(self, paragraph, level: int, value: int) -> None:
        cur = self.counters[level]
        if value != (1 if cur is None else cur + 1):
            self.num_id = self._new_num({level: value})
        self.counters[level] = value
        for deeper in range(level + 1, len(self.counters)):
            self.counters[deeper] = None
        num_pr = paragraph._p.get_or_add_pPr().get_or_add_numPr()
        num_pr.get_or_add_ilvl().val = level
        num_pr.get_or_add_numId().val = self.num_id


# --- what each seed block looks like -------------------------------------

@dataclass
class Para:
    block: Block
    runs: list[tuple[str, bool, bool]]  # text (may hold "\n"), bold, italic
    bold: bool = False
    italic: bool = False
    align: str = "justify"  # justify, center, right
    outline: tuple[int, int, str] | None = None


def _unmarked(raw: str) -> str:
    """Seed text without markup but with its own dashes and odd spaces: the rendering
    keeps what the reader has to normalize, as the seed does."""
    raw = unicodedata.normalize("NFC", raw)
    text, idx = clean(raw)
    return "".join(raw[i] if c in "- " and ord(raw[i]) in _RAW_KEEP else c for c, i in zip(text, idx))


def _runs(raw: str, want: str) -> list[tuple[str, bool, bool]]:
    """Markdown emphasis of the seed as runs; plain text when they would not read back the same."""
    runs: list[tuple[str, bool, bool]] = []
    pos = 0
    for m in _EMPH.finditer(raw):
        runs.append((raw[pos:m.start()], False, False))
        runs.append((m.group(1) or m.group(2), m.group(1) is not None, m.group(2) is not None))
        pos = m.end()
    runs.append((raw[pos:], False, False))
    runs = [(re.sub(r"\n\s*\n", " ", _unmarked(t)), b, i) for t, b, i in runs]
    runs = [(re.sub(r"[ \t]+", " ", t), b, i) for t, b, i in runs if t]
    if not runs or squash(clean("".join(t for t, _, _ in runs))[0]) != want:
        return [(want, False, False)]
    runs[0] = (runs[0][0].lstrip(), runs[0][1], runs[0][2])
    return runs


def _strip_prefix(runs: list[tuple[str, bool, bool]], prefix: str) -> list[tuple[str, bool, bool]]:
    text, b, i = runs[0]
    m = re.match(r"(\S+)\s+", text)  # \s: the seed may put a no-break space after the number
    if m and m.group(1) + " " == prefix:
        return [(text[m.end():], b, i)] + runs[1:]
    joined = squash(clean("".join(t for t, _, _ in runs))[0])
    return [(joined[len(prefix):], False, False)]


def plan_layout(source: str, blocks: list[Block]) -> list[Para]:
    """Decide, per seed block, how a typist would have formatted it."""
    out: list[Para] = []
    after_sign = sign_zone = False
    for idx, b in enumerate(blocks):
        raw = source[b.source_start:b.source_end] if b.source_start is not None else b.text
        p = Para(block=b, runs=_runs(raw, b.text) if b.kind != "table" else [])
        t = b.text
        if b.kind == "table":
            out.append(p)
            continue
        p.outline = outline_number(t)
        if p.outline:
            p.runs = _strip_prefix(p.runs, p.outline[2])
            p.bold = len(t) <= 100
        if t.startswith("KẾ HOẠCH"):
            p.align, p.bold = "center", True
        elif idx < 4 and re.search(r"\bngày\b.*\btháng\b.*\bnăm\b", t) and len(t) < 80:
            p.align, p.italic = "right", True
        elif t.startswith("Số:"):
            p.align = "left"
        elif t.startswith("Nơi nhận"):
            p.bold = p.italic = True
            after_sign = True
        elif after_sign and b.kind != "list_item" and len(t) < 60:
            sign_zone = True
            p.align, p.bold = "center", True
        elif sign_zone and (t.startswith(("Phụ lục", "(Kèm theo")) or b.style.upper):
            p.align, p.bold = "center", not t.startswith("(")
            p.italic = t.startswith("(")
        if after_sign and b.kind != "list_item" and len(t) >= 60:
            after_sign = False
        if b.style.upper or b.style.bold:
            p.bold = True
        if t.startswith("(") and t.endswith(")") and len(t) < 200:
            p.italic = True
        out.append(p)
    return out


# --- DOCX ------------------------------------------------------------------

_ALIGN = {"justify": WD_ALIGN_PARAGRAPH.JUSTIFY, "center": WD_ALIGN_PARAGRAPH.CENTER,
          "right": WD_ALIGN_PARAGRAPH.RIGHT, "left": WD_ALIGN_PARAGRAPH.LEFT}


def _add_runs(par, runs: list[tuple[str, bool, bool]], bold: bool, italic: bool) -> None:
    for text, b, i in runs:
        for k, line in enumerate(text.split("\n")):
            if k:
                par.add_run().add_break()
            if line:
                r = par.add_run(line)
                r.bold = True if (bold or b) else None
                r.italic = True if (italic or i) else None


def _page_number_footer(section) -> None:
    """"Trang N" with a PAGE field: text the reader must not see (footers are skipped)."""
    par = section.footer.paragraphs[0]
    par.alignment = WD_ALIGN_PARAGRAPH.CENTER
    par.add_run("Trang ")
    w = nsdecls("w")
    for xml in (f'<w:fldChar {w} w:fldCharType="begin"/>',
                f'<w:instrText {w} xml:space="preserve"> PAGE </w:instrText>',
                f'<w:fldChar {w} w:fldCharType="separate"/>', f'<w:t {w}>1</w:t>',
                f'<w:fldChar {w} w:fldCharType="end"/>'):
        par.add_run()._r.append(parse_xml(xml))


def _fill_cell(cell, text: str, bold: bool) -> None:
    lines = text.split("\n") if text else [""]
    first = cell.paragraphs[0]
    for extra in cell.paragraphs[1:]:
        extra._p.getparent().remove(extra._p)
    for k, line in enumerate(lines):
        par = first if k == 0 else cell.add_paragraph()
        if line:
            r = par.add_run(line)
            r.bold = True if bold else None


def _docx_table(doc, rows: list[list[str]]) -> None:
    width = max(len(r) for r in rows)
    table = doc.add_table(rows=len(rows), cols=width)
    table.style = "Table Grid"
    for ri, row in enumerate(rows):
        merge = ri > 0 and width > 2 and row[1] and not any(row[2:])
        cells = table.rows[ri].cells
        if merge:
            cells[1].merge(cells[width - 1])
        for ci in range(width):
            if merge and ci > 1:
                continue
            _fill_cell(table.cell(ri, ci), row[ci] if ci < len(row) else "", bold=ri == 0)
    tr_pr = table.rows[0]._tr.get_or_add_trPr()
    tr_pr.append(parse_xml(f'<w:tblHeader {nsdecls("w")}/>'))


def render_docx(source: str, blocks: list[Block], header_text: str, title: str) -> bytes:
    doc = Document()
    cp = doc.core_properties
    cp.author = cp.last_modified_by = "kh-extract corpus"
    cp.title, cp.revision = title[:200], 1
    cp.created = cp.modified = cp.last_printed = FIXED_TIME
    style = doc.styles["Normal"]
    style.font.name, style.font.size = "Times New Roman", Pt(13)
    section = doc.sections[0]
    hp = section.header.paragraphs[0]
    hp.text, hp.alignment = header_text, WD_ALIGN_PARAGRAPH.CENTER
    _page_number_footer(section)
    numbering = OutlineNumbering(doc)
    for p in plan_layout(source, blocks):
        if p.block.table is not None:
            _docx_table(doc, p.block.table.texts())
            continue
        par = doc.add_paragraph()
        par.alignment = _ALIGN[p.align]
        if p.outline:
            numbering.apply(par, p.outline[0], p.outline[1])
        _add_runs(par, p.runs, p.bold, p.italic)
    buf = io.BytesIO()
    doc.save(buf)
    return _fixed_zip(buf.getvalue())


def _fixed_zip(data: bytes) -> bytes:
    """Rewrite the package with fixed entry dates, so the bytes depend on content only."""
    out = io.BytesIO()
    with zipfile.ZipFile(io.BytesIO(data)) as src, zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as dst:
        for info in src.infolist():
            zi = zipfile.ZipInfo(info.filename, date_time=(1980, 1, 1, 0, 0, 0))
            zi.compress_type, zi.create_system, zi.external_attr = zipfile.ZIP_DEFLATED, 0, 0o600 << 16
            dst.writestr(zi, src.read(info.filename))
    return out.getvalue()


# --- corpus ----------------------------------------------------------------

def seed_files(seeds: Path) -> list[Path]:
    """Seeds only: renderings made by others (`<stem>-<kind>.txt`) are skipped."""
    return sorted(p for p in seeds.glob("*.txt") if "-" not in p.stem)


def load_gold(stem: str, gold_dir: Path) -> dict | None:
    p = gold_dir / f"{stem}.json"
    return json.loads(p.read_text(encoding="utf-8")) if p.is_file() else None


def write_rendering_gold(gold: dict, name: str, path: Path) -> Path:
    """A rendering's gold: its seed's gold under the rendered file's name."""
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(json.dumps({**gold, "file": name}, ensure_ascii=False, indent=1), encoding="utf-8")
    return path


def _header_text(blocks: list[Block], gold: dict | None) -> str:
    """The issuer's short name: the code suffix ("KH-SYT" → "SYT"), else the gold issuer."""
    for b in blocks[:3]:
        m = re.search(r"/\s*KH-(\S+)", b.text)
        if b.text.startswith("Số:") and m:
            return m.group(1)
    return ((gold or {}).get("doc") or {}).get("issuer") or "Cơ quan ban hành"


def render_seed(path: Path, out: Path, gold_dir: Path, index: int = 0) -> list[Path]:
    """Write the DOCX and HTML renderings of one seed, and their gold; return the paths."""
    from render_html import render_html  # sibling helper module (corpus/ is on sys.path)

    source = decode(path.read_bytes())[0].replace("\r\n", "\n").replace("\r", "\n")
    doc = parse_text(source, str(path))
    gold = load_gold(path.stem, gold_dir)
    g_doc = (gold or {}).get("doc") or {}
    title = g_doc.get("title") or (doc.blocks[0].text if doc.blocks else path.stem)
    issuer = g_doc.get("issuer") or "Sở Y tế"
    written: list[Path] = []
    renderings = {
        "docx": lambda: render_docx(source, doc.blocks, _header_text(doc.blocks, gold), title),
        "html": lambda: render_html(plan_layout(source, doc.blocks), title, issuer, index).encode("utf-8"),
    }
    for kind, make in renderings.items():
        name = f"{path.stem}-{kind}.{kind}"
        target = out / kind / name
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_bytes(make())
        written.append(target)
        if gold is not None:
            written.append(write_rendering_gold(gold, name, out / "gold" / f"{path.stem}-{kind}.json"))
    return written


def seed_args(description: str, argv: list[str] | None = None) -> tuple[list[Path], Path, Path]:
    """The renderers' common command line: seed files, output root, seed gold dir."""
    ap = argparse.ArgumentParser(description=description)
    ap.add_argument("--seeds", type=Path, default=ROOT / "corpus" / "text", help="seed .txt dir")
    ap.add_argument("--out", type=Path, default=ROOT / "corpus")
    ap.add_argument("--gold", type=Path, default=None, help="seed gold dir (default OUT/gold)")
    args = ap.parse_args(argv)
    files = seed_files(args.seeds)
    if not files:
        raise SystemExit(f"no seeds in {args.seeds}")
    return files, args.out, args.gold or args.out / "gold"


def main(argv: list[str] | None = None) -> int:
    files, out, gold_dir = seed_args(__doc__.split("\n")[0], argv)
    for i, path in enumerate(files):
        num = path.stem.split("_")[0]  # the plan's own number, so adding a plan does not change the others' pages
        for p in render_seed(path, out, gold_dir, int(num) if num.isdigit() else i):
            print(f"{p.stat().st_size:>8}  {p}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
