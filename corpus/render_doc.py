"""Render the seed plans as Word 97 .doc files, the format older portals still publish.

Each .doc is LibreOffice's conversion of the seed's DOCX rendering
(corpus/docx/<stem>-docx.docx, made by render.py), so it carries the same
automatic numbering, bold headings and tables in the binary Word format. Gold:
the seed's, under the .doc's name. The files are committed, so CI needs no
LibreOffice to have them (reading them does need it).

Usage: python corpus/render_doc.py [--docx DIR] [--out DIR] [--gold DIR]
"""
from __future__ import annotations

import argparse
import shutil
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
for p in (ROOT, Path(__file__).resolve().parent):
    if str(p) not in sys.path:
        sys.path.insert(0, str(p))

from render import load_gold, write_rendering_gold  # noqa: E402
from extractor.ingest.office import convert  # noqa: E402


def render_seed_doc(docx: Path, out: Path, gold_dir: Path) -> list[Path]:
    stem = docx.stem.rsplit("-", 1)[0]
    name = f"{stem}-doc.doc"
    target = out / "doc" / name
    target.parent.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory(prefix="kh-render-doc-") as tmp:
        shutil.copyfile(convert(str(docx), "doc", tmp), target)
    written = [target]
    gold = load_gold(stem, gold_dir)
    if gold is not None:
        written.append(write_rendering_gold(gold, name, out / "gold" / f"{stem}-doc.json"))
    return written


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--docx", type=Path, default=ROOT / "corpus" / "docx", help="DOCX renderings (render.py)")
    ap.add_argument("--out", type=Path, default=ROOT / "corpus")
    ap.add_argument("--gold", type=Path, default=None, help="seed gold dir (default OUT/gold)")
    args = ap.parse_args(argv)
    files = sorted(args.docx.glob("*-docx.docx"))
    if not files:
        print(f"no DOCX renderings in {args.docx}: run corpus/render.py first", file=sys.stderr)
        return 1
    for docx in files:
        for p in render_seed_doc(docx, args.out, args.gold or args.out / "gold"):
            print(f"{p.stat().st_size:>8}  {p}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
