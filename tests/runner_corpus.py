"""Small corpora for the runner tests, made in a temp folder (nothing big is committed)."""
from __future__ import annotations

import os
import shutil
import sys

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
SEEDS = sorted(os.path.join(ROOT, "corpus", "text", f) for f in os.listdir(os.path.join(ROOT, "corpus", "text")))


def seeds_copy(dst) -> list[str]:
    """The five seed plans, plus their DOCX renderings in a sub-folder."""
    os.makedirs(dst, exist_ok=True)
    out = [shutil.copy(p, dst) for p in SEEDS]
    sub = os.path.join(dst, "docx")
    os.makedirs(sub, exist_ok=True)
    for p in sorted(os.listdir(os.path.join(ROOT, "corpus", "docx")))[:2]:
        out.append(shutil.copy(os.path.join(ROOT, "corpus", "docx", p), sub))
    return sorted(out)


def generated(dst, n: int, seed: int = 11) -> list[str]:
    sys.path.insert(0, ROOT)
    from bench.gen_corpus import generate

    return generate(str(dst), n, seed)


def sorted_frames(frames: dict) -> dict:
    """Tables in a canonical order, for comparing two runs."""
    out = {}
    for name, df in frames.items():
        cols = [c for c in ("file", "item", "stage") if c in df.columns]
        out[name] = df.sort_values(cols).reset_index(drop=True) if cols and not df.empty else df.reset_index(drop=True)
    return out
