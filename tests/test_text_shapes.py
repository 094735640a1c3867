"""The same plan pasted in other shapes gives the same record (issue 11 item 4).

Corpus plans and seeds are rendered on the fly (corpus/render_plain.py) one paragraph per
line, hard-wrapped at 80 columns (mid-sentence, mid-citation), wrapped with no blank lines,
half and half, and with the header in the layouts portals export (cells closed by `|`, the
two columns glued, words of the body's name split over lines). Each rendering is scored
against the plan's gold beside the original text.
"""
from __future__ import annotations

import glob
import json
import os
import sys

import pytest

from extractor import extract
from extractor.evaluate import evaluate

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
sys.path.insert(0, os.path.join(ROOT, "corpus"))
from render_plain import HEADER_LAYOUTS, TEXT_SHAPES  # noqa: E402

PLANS = sorted(glob.glob(os.path.join(ROOT, "corpus", "text", "*.txt")))
SHAPES = {**TEXT_SHAPES, **HEADER_LAYOUTS}


def _gold(path: str) -> dict:
    stem = os.path.splitext(os.path.basename(path))[0]
    with open(os.path.join(ROOT, "corpus", "gold", f"{stem}.json"), encoding="utf-8") as f:
        return json.load(f)


def _scores(tmp_path, shape) -> dict[str, float]:
    pairs = []
    for path in PLANS:
        with open(path, encoding="utf-8") as f:
            text = f.read()
        out = tmp_path / os.path.basename(path)
        out.write_text(shape(text) if shape else text, encoding="utf-8")
        pairs.append((_gold(path), extract(str(out)).to_json()))
    rep = evaluate(pairs)
    got = {p: s.f1 for p, s in rep.parts.items()}
    got["doc"] = rep.doc_accuracy
    return got


@pytest.fixture(scope="module")
def original(tmp_path_factory):
    return _scores(tmp_path_factory.mktemp("orig"), None)


@pytest.mark.parametrize("name", list(SHAPES))
def test_shape_reads_as_the_original(name, original, tmp_path):
    assert len(PLANS) >= 15
    got = _scores(tmp_path, SHAPES[name])
    for part, want in original.items():
        slack = 0.03 if name in ("wrap_no_blank", "split_words") else 0.01  # the hardest shapes
        assert got[part] >= want - slack, (name, part, got[part], want)
