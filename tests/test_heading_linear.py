"""The heading and paragraph classifiers' exported arrays label exactly as the trained scikit-learn
pipelines (issue 14: one matrix product per document instead of scikit-learn calls per heading), and
extracting a plan imports no scikit-learn."""
from __future__ import annotations

import sys
from pathlib import Path

import pytest

from extractor.nlp import heading_classifier as hc
from extractor.nlp import heading_linear as hl
from extractor.nlp import paragraph_classifier as pc
from extractor.nlp.artifacts import load_joblib, model_path

ROOT = Path(__file__).resolve().parent.parent
NEED = pytest.mark.skipif(not all(model_path(n).exists() for n in (hc.ARTIFACT, hl.NPZ, pc.ARTIFACT, hl.PARAGRAPH_NPZ)),
                          reason="models not built (make models)")


def _corpus():
    sys.path.insert(0, str(ROOT / "models"))
    import corpus_data as cd

    return cd, cd.read_plans([str(ROOT / "corpus")])


def _real_lines(short: bool) -> list[str]:
    real = Path(__file__).resolve().parents[2] / "shared" / "real"
    out = []
    for f in sorted(real.glob("*/texts/*.txt"))[:80]:
        for ln in f.read_text(encoding="utf-8", errors="replace").splitlines():
            ln = ln.strip()
            if (3 < len(ln) < 160 and ln[:1].isupper()) if short else len(ln.split()) >= pc.MIN_WORDS:
                out.append(ln)
    return out


def _headings() -> list[str]:
    """Every heading of the corpus gold, the phrases the model is seeded with, and the real sets' short lines."""
    cd, plans = _corpus()
    return [h for p in plans for h, _ in cd.headings(p)] + [h for h, _ in hc.seed_examples()] + _real_lines(True)


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


@NEED
def test_numpy_scorer_gives_the_pipelines_paragraph_labels():
    cd, plans = _corpus()
    paras = [t for p in plans for t, _ in cd.paragraphs(p)] + _real_lines(False)
    assert len(paras) > 500
    want = pc.predict(load_joblib(pc.ARTIFACT), paras)
    assert pc.predict(hl.load(model_path(hl.PARAGRAPH_NPZ)), paras) == want
    assert isinstance(pc.load(), hl.LinearText)


def test_word_ngrams_are_scikit_learns():
    from sklearn.feature_extraction.text import TfidfVectorizer

    v = TfidfVectorizer(ngram_range=(1, 2))
    text = "ubnd tỉnh giao sở y tế chủ trì, phối hợp với các sở, ngành"
    assert sorted(hl.words(text, 1, 2, __import__("re").compile(v.token_pattern))) == sorted(v.build_analyzer()(text))


@NEED
def test_extracting_plans_imports_no_scikit_learn():
    """A plan with headings and a news article without (paragraph labels) go through the pipeline
    with numpy only: scikit-learn's seconds of import are not paid at start-up or in the first article."""
    import subprocess

    code = ("import sys, extractor\n"
            f"extractor.extract({str(ROOT / 'corpus' / 'text' / '002_337e30c1cff994e8.txt')!r})\n"
            "from tests.test_models import ARTICLE\n"
            "rec = extractor.extract(text=ARTICLE)\n"
            "assert any(s.label_source == 'classifier' for s in rec.sections), 'no paragraph labels'\n"
            "print(sorted(m for m in ('sklearn', 'scipy', 'pandas', 'joblib') if m in sys.modules))\n")
    out = subprocess.run([sys.executable, "-c", code], cwd=ROOT, capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "[]", out.stdout + out.stderr
