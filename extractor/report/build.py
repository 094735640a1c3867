"""Write the report: assets, the two corpus pages, one page per plan.

The site is written into a temporary folder beside the destination and moved
into place at the end, so a browser never shows half of an old and half of a
new report.
"""
from __future__ import annotations

import os
import shutil
import tempfile
import time
from dataclasses import dataclass

from .assets import CSS, JS
from .data import load_corpus, source_path, source_text
from .pages import citations_page, index_page
from .plan_page import plan_page


@dataclass
class ReportResult:
    index: str
    plans: int
    bytes: int
    seconds: float
    texts: int  # plan pages that show the plan's text


def _write(path: str, text: str) -> int:
    os.makedirs(os.path.dirname(path), exist_ok=True)
    data = text.encode("utf-8")
    with open(path, "wb") as f:
        f.write(data)
    return len(data)


def build_report(out: str, dest: str | None = None, texts: bool = True, ocr: bool = False) -> ReportResult:
    """The report of the run in `out`, written to `dest` (default `out/report`)."""
    t0 = time.monotonic()
    if not os.path.isdir(out):
        raise FileNotFoundError(f"{out}: no such folder (run `kh-extract run INPUT --out {out}` first)")
    corpus = load_corpus(out)
    dest = os.path.abspath(dest or os.path.join(out, "report"))
    parent = os.path.dirname(dest)
    os.makedirs(parent, exist_ok=True)
    tmp = tempfile.mkdtemp(prefix=".tmp-report-", dir=parent)
    os.chmod(tmp, 0o755)
    roots = [r for r in (corpus.run.get("cwd"),) if r]
    size = shown = 0
    try:
        size += _write(os.path.join(tmp, "assets", "report.css"), CSS)
        size += _write(os.path.join(tmp, "assets", "report.js"), JS)
        size += _write(os.path.join(tmp, "index.html"), index_page(corpus))
        size += _write(os.path.join(tmp, "citations.html"), citations_page(corpus))
        final_dir = os.path.join(dest, "plans")
        for p in corpus.plans:
            text, why = source_text(p.doc, roots, ocr) if texts else (None, "left out (--no-text)")
            shown += text is not None
            src = source_path(p.doc["file"], roots)
            size += _write(os.path.join(tmp, p.page), plan_page(p, text, why, src, final_dir))
        if os.path.isdir(dest):
            old = dest + f".old-{os.getpid()}"
            os.replace(dest, old)
            os.replace(tmp, dest)
            shutil.rmtree(old, ignore_errors=True)
        else:
            os.replace(tmp, dest)
    finally:
        shutil.rmtree(tmp, ignore_errors=True)
    return ReportResult(os.path.join(dest, "index.html"), len(corpus.plans), size, time.monotonic() - t0, shown)
