"""A synthetic corpus for benchmarks and runner tests: plans made from the seed plans.

Each generated plan is a seed with its names, numbers, dates and sections
varied: the province named in it is swapped for another, short numbers
(document numbers, counts, days) get other digits, years shift together by a
few years, and a few body paragraphs are dropped or repeated. Deterministic for
a given seed, so two runs benchmark the same files.

    python bench/gen_corpus.py OUT_DIR [N] [SEED]
"""
from __future__ import annotations

import glob
import os
import random
import re
import sys

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
SEEDS = sorted(glob.glob(os.path.join(ROOT, "corpus", "text", "*.txt")))

_NUM = re.compile(r"(?<![\d/.,])\d{1,3}(?![\d.,]\d)")
_YEAR = re.compile(r"\b20[0-3]\d\b")


def _provinces() -> list[str]:
    from extractor.data import provinces

    return [p["name"] for p in provinces()]


def vary(text: str, rng: random.Random, names: list[str]) -> str:
    """One variant of a plan's text."""
    present = [n for n in names if n in text]
    if present:
        old, new = rng.choice(present), rng.choice(names)
        text = text.replace(old, new)
    shift = rng.randint(-3, 3)
    text = _YEAR.sub(lambda m: str(int(m.group()) + shift), text)

    def num(m: re.Match) -> str:
        s = m.group()
        if rng.random() < 0.5:
            return s
        if len(s) <= 2:  # days, months, counts: keep them plausible as a day or a month
            return str(rng.randint(1, 12)).zfill(len(s))
        return str(rng.randint(100, 999))

    text = _NUM.sub(num, text)
    paras = text.split("\n\n")
    head, body = paras[:12], paras[12:]
    for _ in range(rng.randint(0, 3)):  # vary the sections: drop or repeat a body paragraph
        if len(body) < 4:
            break
        i = rng.randrange(len(body))
        if rng.random() < 0.5:
            body.pop(i)
        else:
            body.insert(i, body[i])
    return "\n\n".join(head + body)


def generate(out_dir: str, n: int = 1000, seed: int = 7) -> list[str]:
    """Write `n` plans into `out_dir` (nested a little, as real corpora are); return their paths."""
    rng = random.Random(seed)
    names = _provinces()
    texts = [open(p, encoding="utf-8").read() for p in SEEDS]
    paths = []
    for i in range(n):
        k = i % len(texts)
        sub = os.path.join(out_dir, f"batch{i // 250:02d}")
        os.makedirs(sub, exist_ok=True)
        path = os.path.join(sub, f"plan_{i:05d}_{k}.txt")
        with open(path, "w", encoding="utf-8") as f:
            f.write(vary(texts[k], rng, names))
        paths.append(path)
    return paths


if __name__ == "__main__":
    sys.path.insert(0, ROOT)
    out = sys.argv[1]
    n = int(sys.argv[2]) if len(sys.argv) > 2 else 1000
    print(len(generate(out, n, int(sys.argv[3]) if len(sys.argv) > 3 else 7)), "plans in", out)
