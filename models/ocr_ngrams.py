"""Syllable counts of the plans in the corpus, for the OCR word repair (`extractor/ingest/ocr_words.py`).

A general word list says "cấp tính" (acute) is a word and "cấp tỉnh" (provincial level) is not,
and "các bạn" (friends) is, where plans write "các Ban của Đảng". Plans have their own
collocations: what follows "cấp", "UBND" or "các" in them is "tỉnh" and "Ban". So the repair
also counts what plans write — adjacent syllables (bigrams) and how often each syllable occurs —
from the corpus texts, and `make models` writes them to `models/ocr_ngrams.tsv`.

    python models/ocr_ngrams.py [--corpus DIR]... [--out models/ocr_ngrams.tsv]
"""
from __future__ import annotations

import argparse
import re
import unicodedata
from collections import Counter
from pathlib import Path

import sys

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))
from extractor.normalize import new_tones  # noqa: E402

ARTIFACT = "ocr_ngrams.tsv"
MIN_COUNT = 2  # a pair seen once may be a typo of the corpus; seen twice, it is how plans write
_SYL = re.compile(r"[^\W\d_]+")


def count(texts: list[str]) -> tuple[Counter, Counter]:
    """Syllable and adjacent-syllable counts; a pair never spans punctuation or a line break."""
    uni: Counter = Counter()
    bi: Counter = Counter()
    for text in texts:
        for line in unicodedata.normalize("NFC", text).lower().splitlines():
            for run in re.split(r"[^\w\s/-]|\s[-–]\s", line):  # "Sở, ban" or "tỉnh. Các" are no pairs
                syls = [new_tones(s) for s in _SYL.findall(run)]
                uni.update(syls)
                bi.update(zip(syls, syls[1:]))
    return uni, bi


def write(uni: Counter, bi: Counter, path: Path) -> None:
    """One row a syllable ("u", s, "", n) or a pair ("b", a, b, n), sorted: rebuilt byte for byte."""
    rows = [("u", s, "", n) for s, n in uni.items() if n >= MIN_COUNT]
    rows += [("b", a, b, n) for (a, b), n in bi.items() if n >= MIN_COUNT]
    rows.sort()
    with open(path, "w", encoding="utf-8") as f:
        f.write("# syllable (u) and adjacent-pair (b) counts of the corpus plans; make models\n")
        f.writelines(f"{k}\t{a}\t{b}\t{n}\n" for k, a, b, n in rows)


def corpus_texts(dirs: list[str]) -> list[str]:
    """The plain-text plans of each corpus dir (its text/ folder): what a plan says, once per plan."""
    return [p.read_text(encoding="utf-8") for d in dirs for p in sorted((Path(d) / "text").glob("*.txt"))]


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--corpus", action="append")
    ap.add_argument("--out", default=str(Path(__file__).resolve().parent / ARTIFACT))
    a = ap.parse_args(argv)
    texts = corpus_texts(a.corpus or [str(Path(__file__).resolve().parents[1] / "corpus")])
    uni, bi = count(texts)
    write(uni, bi, Path(a.out))
    print(f"ocr n-grams: {len(texts)} texts, {sum(n >= MIN_COUNT for n in uni.values())} syllables, "
          f"{sum(n >= MIN_COUNT for n in bi.values())} pairs")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
