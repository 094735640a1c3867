"""The trained text classifiers as plain arrays: one matrix product per document.

`heading_classifier` and `paragraph_classifier` train scikit-learn pipelines
(tf-idf of character and word n-grams of the folded text, the heading's keyword
cues beside them, one logistic regression per label). Calling them costs ~20 ms
a plan in scikit-learn's per-call checks, and importing scikit-learn several
seconds. The models are linear, so `export` writes what they compute with (each
vectorizer's vocabulary and idf, the coefficients, the intercepts) to
`models/*.npz`, and `LinearText` scores all of a document's headings (or
paragraphs) at once with numpy alone: labels identical to the pipelines'
(`tests/test_heading_linear.py` checks every corpus heading and paragraph).
"""
from __future__ import annotations

import re
from collections import Counter
from functools import lru_cache
from pathlib import Path

import numpy as np

from ..normalize import fold

NPZ = "heading_labels.npz"
PARAGRAPH_NPZ = "paragraph_labels.npz"
_WHITE = re.compile(r"\s\s+")  # scikit-learn's char_wb: runs of whitespace to one space


def _vectorizers(model) -> tuple[list, bool]:
    """The tf-idf vectorizers of a trained pipeline, in feature order, and whether the heading cues follow them."""
    steps = model.named_steps
    union = steps["features"]
    if union.transformer_weights:
        raise ValueError("heading_linear.export: weighted feature blocks are not what this scorer computes")
    if "fold" in steps:  # paragraphs: fold, then word and character n-grams
        return [t for _, t in union.transformer_list], False
    (_, chars), _cues = union.transformer_list  # headings: folded character n-grams, then the cues
    return [chars.named_steps["tfidf"]], True


def export(art: dict, path: Path) -> None:
    """Write a fitted pipeline of `heading_classifier.train` or `paragraph_classifier.train` as arrays."""
    vecs, rules = _vectorizers(art["model"])
    arrays: dict[str, np.ndarray] = {}
    for i, v in enumerate(vecs):
        if v.analyzer not in ("char_wb", "word") or v.norm != "l2" or not v.sublinear_tf or not v.lowercase \
                or not v.use_idf or v.binary or v.preprocessor or v.tokenizer or v.stop_words or v.strip_accents:
            raise ValueError(f"heading_linear.export: vectorizer {i} is not one this scorer computes")
        arrays[f"terms{i}"] = np.array(sorted(v.vocabulary_, key=v.vocabulary_.get))
        arrays[f"idf{i}"] = v.idf_
        arrays[f"kind{i}"] = np.array([v.analyzer, v.token_pattern])
        arrays[f"ngram{i}"] = np.array(v.ngram_range)
    ests = art["model"].named_steps["clf"].estimators_
    np.savez_compressed(path, coef=np.vstack([e.coef_.ravel() for e in ests]),
                        intercept=np.array([float(np.ravel(e.intercept_)[0]) for e in ests]),
                        labels=np.array(art["labels"]), blocks=np.array(len(vecs)), rules=np.array(rules), **arrays)


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


def words(text: str, lo: int, hi: int, pattern: re.Pattern[str]) -> list[str]:
    """The n-grams scikit-learn's `analyzer="word"` makes of `text`: tokens, then runs of them joined by a space."""
    toks = pattern.findall(text)
    out = list(toks) if lo == 1 else []
    for n in range(max(lo, 2), min(hi, len(toks)) + 1):
        out.extend(" ".join(toks[i:i + n]) for i in range(len(toks) - n + 1))
    return out


class _Block:
    """One vectorizer: its n-grams, vocabulary and idf, and where its columns start."""

    def __init__(self, z, i: int, offset: int):
        analyzer, pattern = (str(x) for x in z[f"kind{i}"])
        self.lo, self.hi = (int(x) for x in z[f"ngram{i}"])
        self.pattern = re.compile(pattern) if analyzer == "word" else None
        self.vocab = {str(t): j + offset for j, t in enumerate(z[f"terms{i}"])}
        self.idf = z[f"idf{i}"]
        self.offset = offset

    def grams(self, text: str) -> list[str]:
        return words(text, self.lo, self.hi, self.pattern) if self.pattern else char_wb(text, self.lo, self.hi)

    def row(self, text: str) -> tuple[np.ndarray, np.ndarray]:
        """(columns, l2-normalized sublinear tf-idf) of `text`'s n-grams in the vocabulary."""
        vocab = self.vocab
        found = [(vocab[g], c) for g, c in Counter(self.grams(text)).items() if g in vocab]
        cols = np.array([j for j, _ in found], dtype=np.intp)
        v = (np.log(np.array([c for _, c in found], dtype=float)) + 1.0) * self.idf[cols - self.offset]
        return cols, (v / np.sqrt(v @ v) if len(v) else v)


class LinearText:
    """Scores texts with the exported arrays; `__call__` (labels at a threshold) is a `sections.Labeller`."""

    def __init__(self, path: Path):
        with np.load(path, allow_pickle=False) as z:
            self.coef_t = np.ascontiguousarray(z["coef"].T)
            self.intercept = z["intercept"]
            self.labels = [str(x) for x in z["labels"]]
            self.rules = bool(z["rules"])
            self.blocks: list[_Block] = []
            offset = 0
            for i in range(int(z["blocks"])):
                self.blocks.append(_Block(z, i, offset))
                offset += len(self.blocks[-1].vocab)
        self.n_chars = offset
        self._seen: dict[str, tuple[np.ndarray, np.ndarray]] = {}

    def _ngrams(self, text: str) -> tuple[np.ndarray, np.ndarray]:
        """(columns, values) of a text's n-gram features. Plans repeat their headings
        ("TỔ CHỨC THỰC HIỆN"), so the last few thousand are kept."""
        hit = self._seen.get(text)
        if hit is not None:
            return hit
        folded = fold(text).lower()
        rows = [b.row(folded) for b in self.blocks]
        out = np.concatenate([c for c, _ in rows]), np.concatenate([v for _, v in rows])
        if len(text) < 300:  # headings and short lines; a paragraph seldom comes back
            if len(self._seen) >= 4096:
                self._seen.clear()
            self._seen[text] = out
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
        d += self.intercept
        if self.rules:
            d += rule_rows(headings) @ self.coef_t[self.n_chars:]
        return 1.0 / (1.0 + np.exp(-d))

    def __call__(self, headings: list[str], threshold: float = 0.5) -> list[list[str]]:
        if not headings:
            return []
        return [[lab for lab, p in zip(self.labels, row) if p >= threshold] for row in self.scores(headings)]


LinearHeadings = LinearText  # the heading labeller's name in the tests and in sections


@lru_cache(maxsize=4)
def load(path: Path) -> LinearText | None:
    """The exported model at `path` (read once per process), or None where `make models` wrote none."""
    return LinearText(path) if path.exists() else None
