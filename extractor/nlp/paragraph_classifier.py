"""Labels for the paragraphs of a text that has no usable headings (SCHEMA §2).

A news article about a plan, or OCR output that lost its numbering, still says
what its parts are about; the outline cannot show it, so each paragraph is
labelled by a classifier trained on the paragraphs of plans that do have
headings (a paragraph takes the labels of its nearest labelled section).
The resulting sections carry `label_source = "classifier"`.
"""
from __future__ import annotations

from typing import TYPE_CHECKING

from .artifacts import load_joblib, scrub
from .heading_classifier import fold_all
from .sections import LABELS

if TYPE_CHECKING:  # scikit-learn only to train (and where the model was not exported to arrays)
    from sklearn.pipeline import Pipeline

    from .heading_linear import LinearText

ARTIFACT = "paragraph_labels.joblib"
MIN_WORDS = 8  # shorter lines (captions, bylines) are not labelled


def build() -> Pipeline:
    from sklearn.feature_extraction.text import TfidfVectorizer
    from sklearn.linear_model import LogisticRegression
    from sklearn.multiclass import OneVsRestClassifier
    from sklearn.pipeline import FeatureUnion, Pipeline
    from sklearn.preprocessing import FunctionTransformer

    feats = FeatureUnion([
        ("words", TfidfVectorizer(analyzer="word", ngram_range=(1, 2), sublinear_tf=True, min_df=1)),
        ("chars", TfidfVectorizer(analyzer="char_wb", ngram_range=(3, 5), sublinear_tf=True, max_features=20000)),
    ])
    clf = OneVsRestClassifier(LogisticRegression(C=5.0, max_iter=2000, solver="liblinear", class_weight="balanced",
                                                 random_state=0))
    return Pipeline([("fold", FunctionTransformer(fold_all)), ("features", feats), ("clf", clf)])


def train(paragraphs: list[str], labels: list[list[str]]) -> dict:
    from sklearn.preprocessing import MultiLabelBinarizer

    mlb = MultiLabelBinarizer(classes=LABELS)
    y = mlb.fit_transform(labels)
    keep = [j for j in range(y.shape[1]) if 0 < y[:, j].sum() < len(y)]  # labels never seen cannot be learnt
    model = scrub(build().fit(paragraphs, y[:, keep]))
    return {"model": model, "labels": [mlb.classes_[j] for j in keep]}


def predict(art: dict | LinearText, paragraphs: list[str], threshold: float = 0.5) -> list[list[str]]:
    """Labels at or above `threshold`; else the single most likely one (a paragraph is about something).
    `art` is the trained pipeline's dict or its exported arrays (`heading_linear`)."""
    if not paragraphs:
        return []
    if isinstance(art, dict):
        proba, labels = art["model"].predict_proba(paragraphs), art["labels"]
    else:
        proba, labels = art.scores(paragraphs), art.labels
    out = []
    for row in proba:
        labs = [lab for lab, p in zip(labels, row) if p >= threshold]
        if not labs:
            labs = [labels[int(row.argmax())]]
        out.append(labs)
    return out


def load() -> dict | LinearText | None:
    """The model as arrays (numpy only) where `make models` exported them, else the pipeline (scikit-learn)."""
    from .artifacts import model_path
    from .heading_linear import PARAGRAPH_NPZ, load as load_arrays

    return load_arrays(model_path(PARAGRAPH_NPZ)) or load_joblib(ARTIFACT)


def has_usable_headings(items) -> bool:
    """A numbered item or a heading that names a kind: the outline can carry the labels."""
    return any(it.style != "heading" or it.labels for it in items)


def paragraph_sections(src, start: int, end: int) -> list:
    """Sections `P1`, `P2`… for the body paragraphs, labelled by the classifier ([] without a model)."""
    from ..records import Provenance, Section
    from .sections import heading_of

    art = load()
    if art is None:
        return []
    blocks = [b for b in src.blocks[start:end] if b.kind != "table" and len(b.text.split()) >= MIN_WORDS]
    out = []
    for k, (b, labs) in enumerate(zip(blocks, predict(art, [b.text for b in blocks])), 1):
        out.append(Section(f"P{k}", heading_of(b.text), labs, 1, label_source="classifier", text=b.text.strip(),
                           prov=Provenance(src.path, b.start, b.end, b.page, b.ocr_conf)))
    return out
