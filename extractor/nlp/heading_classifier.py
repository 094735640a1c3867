"""Canonical labels for outline headings by a trained classifier (SCHEMA §2).

Character n-grams of the folded heading carry the spelling variants a list of
keywords misses ("MỤC TIÊU", "Mục tiêu cụ thể", OCR'd "Muc dich"); the keyword
cues of `sections.LABEL_CUES` enter as 0/1 features beside them, so the model
learns when a cue does *not* make a label (a long task sentence that happens to
say "nhiệm vụ"). Trained by `models/train_models.py` on the corpus gold.
"""
from __future__ import annotations

import re
from functools import lru_cache
from typing import TYPE_CHECKING

import numpy as np

from ..normalize import fold
from .artifacts import load_joblib, model_path, scrub
from .sections import LABEL_CUES, LABELS, Labeller, rule_features, rule_labeller

if TYPE_CHECKING:  # scikit-learn only to train (and for a model not exported to arrays): a second to import
    from scipy import sparse
    from sklearn.pipeline import Pipeline

ARTIFACT = "heading_labels.joblib"
RULE_WEIGHT = 2.0


def fold_all(texts) -> list[str]:
    return [fold(t) for t in texts]


def rule_rows(texts) -> np.ndarray:
    """Cue hits, the rule labels (cue hits in a title-length heading) and length bands.

    Scaled up against the unit-length n-gram vector: the cues are strong evidence
    and the n-grams should only correct them, not drown them.
    """
    rows = [_rule_row(t) for t in texts]
    return RULE_WEIGHT * np.array(rows, dtype=float).reshape(len(rows), 2 * len(LABEL_CUES) + 2)


@lru_cache(maxsize=4096)  # plans repeat their headings ("TỔ CHỨC THỰC HIỆN")
def _rule_row(t: str) -> tuple[int, ...]:
    n = len(fold(t).split())
    cues = rule_features(t)
    return tuple(cues + [c * int(n <= 14) for c in cues] + [int(n > 8), int(n > 14)])


def rule_matrix(texts) -> sparse.csr_matrix:
    """`rule_rows` as the sparse block the trained pipeline's FeatureUnion stacks."""
    from scipy import sparse

    return sparse.csr_matrix(rule_rows(texts))


def build() -> Pipeline:
    from sklearn.feature_extraction.text import TfidfVectorizer
    from sklearn.linear_model import LogisticRegression
    from sklearn.multiclass import OneVsRestClassifier
    from sklearn.pipeline import FeatureUnion, Pipeline
    from sklearn.preprocessing import FunctionTransformer

    feats = FeatureUnion([
        ("chars", Pipeline([("fold", FunctionTransformer(fold_all)),
                            ("tfidf", TfidfVectorizer(analyzer="char_wb", ngram_range=(2, 5), sublinear_tf=True))])),
        ("rules", FunctionTransformer(rule_matrix)),
    ])
    clf = OneVsRestClassifier(LogisticRegression(C=10.0, max_iter=2000, solver="liblinear", class_weight="balanced",
                                                 random_state=0))
    return Pipeline([("features", feats), ("clf", clf)])


def seed_examples() -> list[tuple[str, list[str]]]:
    """Each cue phrase of the schema as a one-phrase heading, so every label has examples."""
    out = []
    for lab, cue in LABEL_CUES:
        for alt in cue.split("|"):  # a cue alternative with an optional "(?:…)?" part gives both phrases
            for phrase in {re.sub(r"\(\?:[^)]*\)\?", "", alt), re.sub(r"\(\?:([^)]*)\)\?", r"\1", alt)}:
                phrase = re.sub(r"\s+", " ", phrase.replace(",?", ",")).strip()
                out += [(phrase, [lab]), (phrase.upper(), [lab])]
    return sorted(out)


def train(headings: list[str], labels: list[list[str]]) -> dict:
    from sklearn.preprocessing import MultiLabelBinarizer

    pairs = seed_examples() + list(zip(headings, labels))
    mlb = MultiLabelBinarizer(classes=LABELS)
    y = mlb.fit_transform([labs for _, labs in pairs])
    model = scrub(build().fit([h for h, _ in pairs], y))
    return {"model": model, "labels": list(mlb.classes_)}


def predict(art: dict, headings: list[str], threshold: float = 0.5) -> list[list[str]]:
    if not headings:
        return []
    proba = art["model"].predict_proba(headings)
    return [[lab for lab, p in zip(art["labels"], row) if p >= threshold] for row in proba]


def labeller() -> tuple[Labeller, str]:
    """The trained labeller and its `label_source`, or the keyword rules (warned once) without a model.

    The model's arrays (`heading_linear`, numpy only) when `make models` exported them,
    else the scikit-learn pipeline itself."""
    from .heading_linear import NPZ, load

    linear = load(model_path(NPZ))
    if linear is not None:
        return linear, "heading_classifier"
    art = load_joblib(ARTIFACT)
    if art is None:
        return rule_labeller, "rules"
    return (lambda headings: predict(art, headings)), "heading_classifier"
