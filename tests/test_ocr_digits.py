"""The header's handwritten blanks: read when every digit is sure, never guessed."""
from __future__ import annotations

import sys
from pathlib import Path

import numpy as np
import pytest
from PIL import Image, ImageDraw

from extractor.ingest import ocr_digits as od
from extractor.nlp.artifacts import load_joblib

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "models"))
import handwriting  # noqa: E402


@pytest.fixture(scope="module")
def model():
    m = load_joblib(od.ARTIFACT)
    assert m is not None, "models/digits.joblib is committed; rebuild it with make models"
    return m


def _written(digits: str, seed: int) -> np.ndarray:
    rng = np.random.default_rng(seed)
    im = Image.new("L", (60 * len(digits) + 40, 90), 255)
    x = 15.0
    for d in digits:
        x += handwriting.draw_digit(ImageDraw.Draw(im), int(d), x, 15, 55, rng) + 10
    return np.asarray(im) < 128


@pytest.mark.parametrize("digits", ["52", "10", "68", "07", "139"])
def test_written_digits_are_read(model, digits):
    got = od.read(_written(digits, 7000 + int(digits)), model)
    assert got is not None and got[0] == digits and got[1] >= od.SURE


def test_a_scribble_is_not_read_as_a_number(model):
    rng = np.random.default_rng(3)
    im = Image.new("L", (160, 90), 255)
    d = ImageDraw.Draw(im)
    for _ in range(6):  # a crossing-out: strokes every way
        d.line([tuple(rng.uniform(10, 150, 2)), tuple(rng.uniform(10, 80, 2))], fill=0, width=5)
    got = od.read(np.asarray(im) < 128, model)
    assert got is None or got[1] < od.SURE or len(got[0]) != 2


def _words(blank_text: str | None, conf: float) -> list[dict]:
    ws = [{"text": "Số:", "x0": 100, "x1": 170, "top": 100, "bottom": 150, "conf": 0.96, "line": (1, 1, 1)}]
    if blank_text is not None:
        ws.append({"text": blank_text, "x0": 200, "x1": 300, "top": 95, "bottom": 155, "conf": conf, "line": (1, 1, 1)})
    ws.append({"text": "/KH-UBND", "x0": 330, "x1": 520, "top": 100, "bottom": 150, "conf": 0.95, "line": (1, 1, 1)})
    return ws


def _page_with(digits: str) -> np.ndarray:
    ink = np.zeros((1200, 900), dtype=bool)
    ink[80:170, 180:320] = _written(digits, 4242)[:, :140]
    return ink


def test_fill_blanks_reads_junk_and_drops_a_wrong_guess(model):
    ink = _page_with("52")
    junk = od.fill_blanks(_words("O{_", 0.5), ink, model)
    assert [w["text"] for w in junk] == ["Số:", "52", "/KH-UBND"]
    wrong = od.fill_blanks(_words("44", 0.91), ink, model)  # Tesseract unsure and the classifier disagrees
    assert [w["text"] for w in wrong] == ["Số:", "/KH-UBND"]
    printed = od.fill_blanks(_words("44", 0.97), ink, model)  # Tesseract sure: printed digits stay as read
    assert [w["text"] for w in printed] == ["Số:", "44", "/KH-UBND"]
