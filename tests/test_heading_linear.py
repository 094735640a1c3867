"""The heading classifier's exported arrays label exactly as the trained scikit-learn pipeline
(issue 14: one matrix product per document instead of scikit-learn calls per heading)."""
from __future__ import annotations

import sys
from pathlib import Path

import pytest

from extractor.nlp import heading_classifier as hc
from extractor.nlp import heading_linear as hl
from extractor.nlp.artifacts import load_joblib, model_path

ROOT = Path(__file__).resolve().parent.parent
NEED = pytest.mark.skipif(not (model_path(hc.ARTIFACT).exists() and model_path(hl.NPZ).exists()),
                          reason="models not built (make models)")


def _headings() -> list[str]:
    """Every heading of the corpus gold, the phrases the model is seeded with, and the real sets' outline lines."""
    sys.path.insert(0, str(ROOT / "models"))
    import corpus_data as cd

    out = [h for p in cd.read_plans([str(ROOT / "corpus")]) for h, _ in cd.headings(p)]
    out += [h for h, _ in hc.seed_examples()]
    real = Path(__file__).resolve().parents[2] / "shared" / "real"
    for f in sorted(real.glob("*/texts/*.txt"))[:80]:
        out += [ln.strip() for ln in f.read_text(encoding="utf-8", errors="replace").splitlines()
                if 3 < len(ln.strip()) < 160 and ln.strip()[:1].isupper()]
    return out


@NEED
def test_numpy_scorer_gives_the_pipelines_labels_on_every_heading():
    heads = _headings()
    assert len(heads) > 500
    want = hc.predict(load_joblib(hc.ARTIFACT), heads)
    got = hl.load(model_path(hl.NPZ))(heads)
    assert got == want
    assert sum(bool(x) for x in got) > 100  # most are labelled: the comparison is not of empty lists


@NEED
def test_probabilities_agree_and_the_labeller_uses_the_arrays():
    import numpy as np

    heads = ["Mục tiêu cụ thể", "Kinh phí thực hiện", "TỔ CHỨC THỰC HIỆN", "Đối với UBND các xã", "Muc dich yeu cau"]
    art = load_joblib(hc.ARTIFACT)
    np.testing.assert_allclose(hl.load(model_path(hl.NPZ)).scores(heads), art["model"].predict_proba(heads), atol=1e-9)
    lab, source = hc.labeller()
    assert isinstance(lab, hl.LinearHeadings) and source == "heading_classifier"


def test_char_wb_is_scikit_learns():
    from sklearn.feature_extraction.text import TfidfVectorizer

    v = TfidfVectorizer(analyzer="char_wb", ngram_range=(2, 5))
    text = "i. mục  tiêu, yêu cầu a b ab abc"
    assert hl.char_wb(text, 2, 5) == v.build_analyzer()(text)
