"""Text-layer PDF reading speed: the reader (layout, tables, margins) against
pdfplumber's bare `extract_text` on the same pages, in the same run.

Usage: PYTHONPATH=. python bench/bench_pdf.py [PDF ...]   (default: corpus/pdf/*.pdf)
Prints pages/s of both and the time ratio reader/bare; timings on a shared
machine are noisy, the ratio much less so.
"""
from __future__ import annotations

import glob
import os
import sys
import time

import pdfplumber

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
sys.path.insert(0, ROOT)

from extractor.ingest import load  # noqa: E402


def main(argv: list[str]) -> int:
    files = argv or sorted(glob.glob(os.path.join(ROOT, "corpus", "pdf", "*.pdf")))
    t = time.perf_counter()
    pages = 0
    for f in files:
        with pdfplumber.open(f) as pdf:
            for page in pdf.pages:
                page.extract_text()
                page.close()
                pages += 1
    bare = time.perf_counter() - t
    t = time.perf_counter()
    for f in files:
        load(f)
    ours = time.perf_counter() - t
    print(f"{'files':>5} {'pages':>5} {'reader p/s':>10} {'bare p/s':>9} {'ratio':>6}")
    print(f"{len(files):>5} {pages:>5} {pages / ours:>10.1f} {pages / bare:>9.1f} {ours / bare:>6.2f}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))
