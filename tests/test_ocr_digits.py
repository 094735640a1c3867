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


def test_written_digits_are_read(model):
    """Numbers written by hand are read surely, nearly all of them, and none surely wrong."""
    numbers = ["52", "10", "68", "07", "139", "24", "85", "31", "96", "47"]
    got = {n: od.read(_written(n, 7000 + int(n)), model) for n in numbers}
    sure = {n: g[0] for n, g in got.items() if g is not None and g[1] >= od.SURE}
    assert all(read == n for n, read in sure.items()), sure
    assert len(sure) >= 8, got


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
    # Tesseract unsure of a hand's digits (taller than type): its "44" is no reading, the classifier's is
    wrong = od.fill_blanks(_words("44", 0.91), ink, model)
    assert [w["text"] for w in wrong] == ["Số:", "52", "/KH-UBND"]
    printed = od.fill_blanks(_words("44", 0.97), ink, model)  # Tesseract sure: printed digits stay as read
    assert [w["text"] for w in printed] == ["Số:", "44", "/KH-UBND"]


def test_printed_digits_tesseract_is_unsure_of_are_kept(model):
    """Type as tall as the code beside it is type: Tesseract's reading stands, whatever its confidence."""
    from PIL import ImageFont

    font = ImageFont.truetype("/usr/share/fonts/truetype/liberation2/LiberationSerif-Regular.ttf", 44)
    im = Image.new("L", (900, 400), 255)
    d = ImageDraw.Draw(im)
    d.text((100, 100), "Số:", font=font, fill=0)
    d.text((200, 100), "28", font=font, fill=0)
    d.text((330, 100), "/KH-UBND", font=font, fill=0)
    ink = np.zeros((1200, 900), dtype=bool)
    ink[:400] = np.asarray(im) < 128
    got = od.fill_blanks(_words("28", 0.85), ink, model)
    assert [w["text"] for w in got] == ["Số:", "28", "/KH-UBND"]


def _strokes(lines: list[list[tuple[float, float]]], size: tuple[int, int], width: int) -> np.ndarray:
    im = Image.new("L", size, 255)
    d = ImageDraw.Draw(im)
    for pts in lines:
        d.line(pts, fill=0, width=width, joint="curve")
    return np.asarray(im) < 128


def test_ones_with_a_long_lead_in_are_ones(model):
    """Many hands write a 1 as a long upstroke from low left, then straight down (a "Λ"):
    the 8×8 reader took it for a 4."""
    ones = _strokes([[(10, 70), (40, 30), (58, 8), (60, 80)], [(75, 72), (100, 35), (118, 8), (116, 80)]],
                    (140, 90), 7)
    got = od.read(ones, model)
    assert got is not None and got[0] == "11" and got[1] >= od.SURE


def test_two_digits_written_touching_are_left_unread(model):
    """A "0" and a "6" written so close that their ink joins: one piece to the splitter,
    which the 8×8 reader read surely as a single "4"."""
    rng = np.random.default_rng(11)
    im = Image.new("L", (160, 100), 255)
    d = ImageDraw.Draw(im)
    x = 15 + handwriting.draw_digit(d, 0, 15, 15, 60, rng) * 0.7
    handwriting.draw_digit(d, 6, x, 15, 60, rng)
    ink = np.asarray(im) < 128
    assert len(od.split(ink)) == 1  # the ink is one piece
    got = od.read(ink, model)
    assert got is None or got[1] < od.SURE


def test_a_day_inside_the_printed_words_box_is_read(model):
    """Tesseract may box "ngày" over the day written right after it ("ngày06" as one word
    "ngày"): the blank starts where the printed letters end, not where the box does."""
    from PIL import ImageFont

    font = ImageFont.truetype("/usr/share/fonts/truetype/liberation2/LiberationSerif-Italic.ttf", 44)
    im = Image.new("L", (900, 300), 255)
    d = ImageDraw.Draw(im)
    d.text((100, 100), "ngày", font=font, fill=0)
    end = 100 + int(d.textlength("ngày", font=font))
    rng = np.random.default_rng(5)
    x = end - 4  # the first digit's ink runs into the y's tail
    for digit in (2, 7):
        x += handwriting.draw_digit(d, digit, x, 88, 50, rng) + 6
    d.text((x + 25, 100), "tháng 05", font=font, fill=0)
    tl = d.textlength("tháng", font=font)
    ink = np.zeros((1200, 900), dtype=bool)
    ink[:300] = np.asarray(im) < 128
    words = [{"text": "ngày", "x0": 100, "x1": int(x), "top": 105, "bottom": 150, "conf": 0.75, "line": (1, 1, 1)},
             {"text": "tháng", "x0": int(x + 25), "x1": int(x + 25 + tl), "top": 105, "bottom": 150, "conf": 0.95,
              "line": (1, 1, 1)},
             {"text": "05", "x0": int(x + 40 + tl), "x1": int(x + 80 + tl), "top": 105, "bottom": 150, "conf": 0.96,
              "line": (1, 1, 1)}]
    got = od.fill_blanks(words, ink, model)
    assert [w["text"] for w in got] == ["ngày", "27", "tháng", "05"]
