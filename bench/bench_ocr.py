"""OCR benchmark: character error rate and speed per scan kind, against bare Tesseract.

For every page of every scan kind (corpus/scan300, corpus/scan200, corpus/tiff)
this times, in the same run and alternating page by page:
- bare:     `tesseract PAGE.png stdout -l vie` (the command line, nothing else);
- pipeline: open the same PNG, `ocr_page_image` (preprocess + OCR + layout).
Both run with OMP_THREAD_LIMIT=1 (as the pipeline does). Scanned PDFs are
rendered at 300 dpi first, as the PDF reader does; that rendering is not timed.

CER: the reference is the body text of the matching page of the text PDF
(corpus/pdf), read with pdfplumber `extract_text`, without the page number and
the running footer (the pipeline drops them; bare Tesseract keeps them, which
costs it about 0.5% in this table). Both texts are NFC-normalized, whitespace-collapsed,
split into words and the words sorted, so that reading order (the two-column
header, table cells read cell by cell vs. across the row) does not count as an
error; CER = Levenshtein distance (rapidfuzz) / reference length, summed over
pages. Sorting can only turn a substitution into a deletion plus an insertion,
so this CER errs high, never low.

Usage: python bench/bench_ocr.py [--kinds scan300,scan200,tiff] [--max-pages N] [--steps gray,deskew,despeckle[,binarize]]
"""
from __future__ import annotations

import argparse
import os
import re
import subprocess
import sys
import tempfile
import time
import unicodedata
from collections import Counter
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

import pdfplumber  # noqa: E402
from PIL import Image, ImageSequence  # noqa: E402
from rapidfuzz.distance import Levenshtein  # noqa: E402

from extractor.ingest.ocr import ocr_page_image  # noqa: E402
from extractor.ingest.preprocess import DEFAULT_STEPS  # noqa: E402

CORPUS = ROOT / "corpus"
KINDS = ("scan300", "scan200", "tiff")


def canon(text: str) -> str:
    words = unicodedata.normalize("NFC", text).replace("\u2013", "-").replace("\u2014", "-").split()
    return " ".join(sorted(words))


_PAGE_NO = re.compile(r"^\W*\d{1,4}\W*$")


def reference_pages(stem: str) -> list[str]:
    """Each page's body text: its lines without the page number and the running
    footer (a first or last line that recurs, digits aside, on other pages)."""
    with pdfplumber.open(CORPUS / "pdf" / f"{stem}-pdf.pdf") as pdf:
        pages = [(p.extract_text() or "").split("\n") for p in pdf.pages]
    key = lambda s: re.sub(r"\d+", "#", s.strip())  # noqa: E731
    ends = Counter(k for lines in pages for k in {key(x) for x in lines[:1] + lines[-1:]})
    out = []
    for lines in pages:
        edge = {0, len(lines) - 1}
        body = [x for i, x in enumerate(lines)
                if not (i in edge and (_PAGE_NO.match(x.strip()) or ends[key(x)] >= 2))]
        out.append(canon("\n".join(body)))
    return out


def page_images(path: Path, out: Path) -> list[Path]:
    """The file's pages as PNGs in `out`, as the pipeline sees them (PDF at 300 dpi)."""
    files = []
    if path.suffix == ".pdf":
        with pdfplumber.open(path) as pdf:
            for i, page in enumerate(pdf.pages, 1):
                f = out / f"{path.stem}-{i}.png"
                page.to_image(resolution=300).original.save(f)
                files.append(f)
    else:
        with Image.open(path) as img:
            for i, frame in enumerate(ImageSequence.Iterator(img), 1):
                f = out / f"{path.stem}-{i}.png"
                frame.save(f, dpi=(300, 300))
                files.append(f)
    return files


def _block_text(b) -> str:
    """A block's text; a table block's cells (its text is only joined later, by `assemble`)."""
    if b.table is not None and not b.text:
        return "\n".join(c.text for row in b.table.rows for c in row)
    return b.text


def run_kind(kind: str, max_pages: int | None, steps: tuple[str, ...], tmp: Path) -> dict:
    env = {**os.environ, "OMP_THREAD_LIMIT": "1"}
    stats = {"pages": 0, "ref": 0, "err": 0, "bare_err": 0, "t_pipe": 0.0, "t_bare": 0.0}
    for path in sorted((CORPUS / kind).iterdir()):
        stem = path.stem.rsplit("-", 1)[0]
        refs = reference_pages(stem)
        for n, png in enumerate(page_images(path, tmp), 1):
            if max_pages is not None and stats["pages"] >= max_pages:
                return stats
            t0 = time.perf_counter()
            bare = subprocess.run(["tesseract", str(png), "stdout", "-l", "vie"], capture_output=True, env=env, check=True).stdout
            t1 = time.perf_counter()
            with Image.open(png) as img:
                blocks = ocr_page_image(img, n, steps)
            t2 = time.perf_counter()
            ref = refs[n - 1] if n <= len(refs) else ""
            stats["pages"] += 1
            stats["t_bare"] += t1 - t0
            stats["t_pipe"] += t2 - t1
            stats["ref"] += len(ref)
            stats["err"] += Levenshtein.distance(ref, canon("\n".join(_block_text(b) for b in blocks)))
            stats["bare_err"] += Levenshtein.distance(ref, canon(bare.decode("utf-8", "replace")))
    return stats


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--kinds", default=",".join(KINDS))
    ap.add_argument("--max-pages", type=int, default=None, help="pages per kind (default: all)")
    ap.add_argument("--steps", default=",".join(DEFAULT_STEPS), help="preprocessing steps (preprocess.py)")
    args = ap.parse_args(argv)
    steps = tuple(s for s in args.steps.split(",") if s)
    print(f"preprocessing steps: {', '.join(steps) or 'none'}")
    print(f"{'kind':<8} {'pages':>5} {'CER':>7} {'bare CER':>9} {'pipe p/s':>9} {'bare p/s':>9} {'pipe/bare':>10}")
    ok = True
    targets = {"scan300": 0.02, "scan200": 0.04, "tiff": 0.02}
    with tempfile.TemporaryDirectory() as d:
        for kind in args.kinds.split(","):
            s = run_kind(kind, args.max_pages, steps, Path(d))
            if not s["pages"]:
                continue
            cer, bare_cer = s["err"] / max(1, s["ref"]), s["bare_err"] / max(1, s["ref"])
            ratio = s["t_pipe"] / s["t_bare"]
            print(f"{kind:<8} {s['pages']:>5} {cer:>7.2%} {bare_cer:>9.2%} {s['pages'] / s['t_pipe']:>9.3f} "
                  f"{s['pages'] / s['t_bare']:>9.3f} {ratio:>10.2f}", flush=True)
            ok &= cer <= targets.get(kind, 0.04) and ratio <= 1.15
    print("targets: CER <= 2% (300 dpi), <= 4% (200 dpi skewed); pipe/bare <= 1.15:", "met" if ok else "NOT met")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
