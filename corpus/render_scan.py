"""Render the text PDFs (corpus/pdf) as scans, the way offices publish them.

Three kinds per seed, each with its seed's gold under the rendered name:
- scan300/<stem>-scan300.pdf: a clean black-and-white scan at 300 dpi, each
  page a CCITT Group 4 image (what a document scanner's B/W mode writes);
- scan200/<stem>-scan200.pdf: a worse scan at 200 dpi: every page skewed by up
  to ±2°, a slightly grey, uneven paper background, speckle noise, JPEG;
- tiff/<stem>-tiff.tif: the page images without a PDF around them: one
  multi-page Group 4 TIFF per plan at 300 dpi. (A PNG per page cannot carry
  one plan's gold, which is per document; PNG and JPEG input are covered by
  tests on single pages.)

Deterministic: the skew and noise come from a generator seeded by the page's
position, and the PDFs carry a fixed creation date.

Usage: python corpus/render_scan.py [--pdfs DIR] [--out DIR] [--gold DIR]
"""
from __future__ import annotations

import argparse
import time
import io
import sys
from pathlib import Path

import numpy as np
from PIL import Image

ROOT = Path(__file__).resolve().parents[1]
for p in (ROOT, Path(__file__).resolve().parent):
    if str(p) not in sys.path:
        sys.path.insert(0, str(p))

from render import load_gold, write_rendering_gold  # noqa: E402

KINDS = ("scan300", "scan200", "tiff")
FIXED_TIME = time.gmtime(1704096000)  # 2024-01-01 08:00 UTC


def pages(pdf: Path, dpi: int) -> list[Image.Image]:
    """The PDF's pages as grayscale images at `dpi`."""
    import pypdfium2 as pdfium

    doc = pdfium.PdfDocument(str(pdf))
    try:
        return [doc[i].render(scale=dpi / 72, grayscale=True).to_pil().convert("L") for i in range(len(doc))]
    finally:
        doc.close()


def bilevel(img: Image.Image) -> Image.Image:
    return img.point(lambda v: 255 if v > 160 else 0).convert("1", dither=Image.Dither.NONE)


def degrade(img: Image.Image, rng: np.random.Generator) -> Image.Image:
    """Skew (±2°), grey uneven paper and dark specks, as a cheap flatbed scan gives."""
    angle = float(rng.uniform(0.5, 2.0) * rng.choice([-1, 1]))
    paper = int(rng.integers(214, 228))
    img = img.rotate(angle, resample=Image.BILINEAR, expand=False, fillcolor=255)
    a = np.asarray(img).astype(np.float32) / 255.0
    h, w = a.shape
    shade = np.linspace(0, 1, w, dtype=np.float32)[None, :] * float(rng.uniform(-10, 10))
    bg = paper + shade + rng.normal(0, 3, size=(h, w)).astype(np.float32)
    out = bg * a  # ink stays dark, paper turns grey
    n = int(h * w * 0.0004)
    ys, xs = rng.integers(0, h - 2, n), rng.integers(0, w - 2, n)
    sizes = rng.integers(1, 3, n)
    for y, x, s in zip(ys, xs, sizes):
        out[y:y + s, x:x + s] = rng.uniform(20, 110)
    return Image.fromarray(np.clip(out, 0, 255).astype(np.uint8))


def save_pdf(images: list[Image.Image], path: Path, dpi: int, **kw) -> None:
    buf = io.BytesIO()
    images[0].save(buf, "PDF", save_all=True, append_images=images[1:], resolution=dpi,
                   creationDate=FIXED_TIME, modDate=FIXED_TIME, **kw)
    path.write_bytes(buf.getvalue())


def render_one(pdf: Path, out: Path, gold_dir: Path, index: int) -> list[Path]:
    stem = pdf.stem.rsplit("-", 1)[0]
    gold = load_gold(stem, gold_dir)
    written: list[Path] = []
    p300 = pages(pdf, 300)
    bw = [bilevel(p) for p in p300]
    for kind in KINDS:
        (out / kind).mkdir(parents=True, exist_ok=True)
    target = out / "scan300" / f"{stem}-scan300.pdf"
    save_pdf(bw, target, 300)  # Pillow writes mode "1" pages as CCITT Group 4
    written.append(target)
    rng = np.random.default_rng(1000 + index)
    scans = [degrade(p, rng) for p in pages(pdf, 200)]
    target = out / "scan200" / f"{stem}-scan200.pdf"
    save_pdf(scans, target, 200, quality=55)
    written.append(target)
    target = out / "tiff" / f"{stem}-tiff.tif"
    buf = io.BytesIO()
    bw[0].save(buf, "TIFF", save_all=True, append_images=bw[1:], compression="group4", dpi=(300, 300))
    target.write_bytes(buf.getvalue())
    written.append(target)
    if gold is not None:
        for kind, f in zip(KINDS, written[-3:]):
            written.append(write_rendering_gold(gold, f.name, gold_dir / f"{stem}-{kind}.json"))
    return written


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--pdfs", type=Path, default=ROOT / "corpus" / "pdf", help="text PDFs (render_pdf.py)")
    ap.add_argument("--out", type=Path, default=ROOT / "corpus")
    ap.add_argument("--gold", type=Path, default=None, help="seed gold dir (default OUT/gold)")
    args = ap.parse_args(argv)
    files = sorted(args.pdfs.glob("*-pdf.pdf"))
    if not files:
        print(f"no text PDFs in {args.pdfs}: run corpus/render_pdf.py first", file=sys.stderr)
        return 1
    for i, pdf in enumerate(files):
        for p in render_one(pdf, args.out, args.gold or args.out / "gold", i):
            print(f"{p.stat().st_size:>8}  {p}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
