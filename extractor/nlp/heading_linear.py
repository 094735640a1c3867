"""The trained heading classifier as plain arrays: one matrix product per document.

`heading_classifier` trains a scikit-learn pipeline (character n-gram tf-idf
beside the keyword cues, one logistic regression per label). Calling it costs
~20 ms a plan in scikit-learn's per-call checks, and importing scikit-learn
about a second at start-up. The model is linear, so `export` writes what it
computes with (the n-gram vocabulary, idf, coefficients, intercepts) to
`models/heading_labels.npz`, and `LinearHeadings` scores all of a document's
headings at once with numpy alone: labels identical to the pipeline's
(`tests/test_heading_linear.py` checks every corpus heading).
"""
from __future__ import annotations

import re
from collections import Counter
from functools import lru_cache
from pathlib import Path

import numpy as np

from ..normalize import fold

NPZ = "heading_labels.npz"
_WHITE = re.compile(r"\s\s+")  # scikit-learn's char_wb: runs of whitespace to one space


def export(art: dict, path: Path) -> None:
    """Write the fitted pipeline of `heading_classifier.train` as arrays (`make models`)."""
    model = art["model"]
    chars = model.named_steps["features"].transformer_list[0][1]
    tfidf = chars.named_steps["tfidf"]
    if tfidf.analyzer != "char_wb" or tfidf.norm != "l2" or not tfidf.sublinear_tf or not tfidf.lowercase:
        raise ValueError("heading_linear.export: the vectorizer is not the char_wb, sublinear, l2 one this scorer computes")
    ests = model.named_steps["clf"].estimators_
    coef = np.vstack([e.coef_.ravel() for e in ests])
    intercept = np.array([float(np.ravel(e.intercept_)[0]) for e in ests])
    terms = sorted(tfidf.vocabulary_, key=tfidf.vocabulary_.get)
    np.savez_compressed(path, coef=coef, intercept=intercept, idf=tfidf.idf_, terms=np.array(terms),
                        labels=np.array(art["labels"]), ngram=np.array(tfidf.ngram_range))


def char_wb(text: str, lo: int, hi: int) -> list[str]:
    """The n-grams scikit-learn's `analyzer="char_wb"` makes of `text` (each word padded with spaces)."""
    out: list[str] = []
    for w in _WHITE.sub(" ", text).split():
        w = f" {w} "
        m = len(w)
        for n in range(lo, hi + 1):
            if m <= n:  # a word shorter than n: counted once, whole
                out.append(w)
                break
            out.extend(w[i:i + n] for i in range(m - n + 1))
    return out


class LinearHeadings:
    """Scores headings with the exported arrays; `__call__` is a `sections.Labeller`."""

    def __init__(self, path: Path):
        with np.load(path, allow_pickle=False) as z:
            self.coef_t = np.ascontiguousarray(z["coef"].T)
            self.intercept = z["intercept"]
            self.idf = z["idf"]
            self.labels = [str(x) for x in z["labels"]]
            self.lo, self.hi = (int(x) for x in z["ngram"])
            self.vocab = {str(t): i for i, t in enumerate(z["terms"])}
        self.n_chars = len(self.vocab)
        self._seen: dict[str, tuple[np.ndarray, np.ndarray]] = {}

    def _ngrams(self, heading: str) -> tuple[np.ndarray, np.ndarray]:
        """(columns, tf-idf values) of a heading's n-grams in the vocabulary, l2-normalized.
        Plans repeat their headings ("TỔ CHỨC THỰC HIỆN"), so the last few thousand are kept."""
        hit = self._seen.get(heading)
        if hit is not None:
            return hit
        vocab = self.vocab
        found = [(vocab[g], c) for g, c in Counter(char_wb(fold(heading).lower(), self.lo, self.hi)).items() if g in vocab]
        cols = np.array([j for j, _ in found], dtype=np.intp)
        v = (np.log(np.array([c for _, c in found], dtype=float)) + 1.0) * self.idf[cols]
        out = cols, (v / np.sqrt(v @ v) if len(v) else v)
        if len(self._seen) >= 4096:
            self._seen.clear()
        self._seen[heading] = out
        return out

    def scores(self, headings: list[str]) -> np.ndarray:
        """Each label's probability for each heading (the pipeline's `predict_proba`): the sparse
        n-gram rows and the rule block times the coefficients, all headings at once."""
        from .heading_classifier import rule_rows

        parts = [self._ngrams(h) for h in headings]
        sizes = np.array([len(c) for c, _ in parts])
        cols = np.concatenate([c for c, _ in parts])
        vals = np.concatenate([v for _, v in parts])
        rows = np.repeat(np.arange(len(headings)), sizes)
        d = np.zeros((len(headings), self.coef_t.shape[1]))
        np.add.at(d, rows, vals[:, None] * self.coef_t[cols])
        d += rule_rows(headings) @ self.coef_t[self.n_chars:] + self.intercept
        return 1.0 / (1.0 + np.exp(-d))

    def __call__(self, headings: list[str], threshold: float = 0.5) -> list[list[str]]:
        if not headings:
            return []
        return [[lab for lab, p in zip(self.labels, row) if p >= threshold] for row in self.scores(headings)]


@lru_cache(maxsize=4)
def load(path: Path) -> LinearHeadings | None:
    """The exported model at `path` (read once per process), or None where `make models` wrote none."""
    return LinearHeadings(path) if path.exists() else None
