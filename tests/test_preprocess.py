"""Page preprocessing: specks dropped without touching letters, the bilevel image Tesseract reads."""
from __future__ import annotations

import numpy as np
import pytest
from PIL import Image, ImageDraw, ImageFont

from extractor.ingest.preprocess import despeckle, ink_image, prepare

FONT = "/usr/share/fonts/truetype/dejavu/DejaVuSerif.ttf"
TEXT = ["Hạ tầng số, dữ liệu số: ưu tiên đầu tư", "Ủy ban nhân dân tỉnh; Sở Nội vụ; Sở Tư pháp.",
        "a) Rà soát thủ tục hành chính", "Thời gian: quý II năm 2024", "II. TỔ CHỨC THỰC HIỆN",
        "1. Văn phòng Ủy ban nhân dân tỉnh chủ trì,", "phối hợp với các sở, ngành liên quan;",
        "b) Kiểm tra, đôn đốc việc thực hiện.", "Nơi nhận:", "- Như trên;"]


def _text_ink(lines: int = 2) -> np.ndarray:
    try:
        font = ImageFont.truetype(FONT, 56)  # 13.5 pt at 300 dpi: a plan's body size
    except OSError:
        pytest.skip("DejaVu Serif not installed")
    img = Image.new("L", (1603, 601 + 90 * lines), 255)  # odd sizes: cells at the edges are partial
    d = ImageDraw.Draw(img)
    for i in range(lines):
        line = TEXT[i % len(TEXT)]
        d.text((100, 150 + i * 90), line, font=font, fill=0)
    return np.asarray(img) < 128


def test_specks_go_letters_and_tone_marks_stay():
    clean = _text_ink()
    rng = np.random.default_rng(7)
    noisy = clean.copy()
    # below the text, away from it; not in the last 3 columns, a partial 4×4 cell that is not examined
    ys, xs = rng.integers(450, 738, 200), rng.integers(0, 1598, 200)
    for y, x in zip(ys, xs):
        noisy[y:y + 2, x:x + 2] = True
    assert noisy.sum() > clean.sum() + 300
    out = despeckle(noisy)
    assert (out == clean).all()  # every speck gone, not one pixel of a letter or a mark lost
    assert noisy.sum() > clean.sum() + 300  # the input is not modified


def test_clean_page_is_returned_unchanged():
    clean = _text_ink()
    assert (despeckle(clean) == clean).all()


def test_ink_image_is_the_ink_as_one_bit_page():
    ink = _text_ink()
    img = ink_image(ink)
    assert img.mode == "1" and img.size == (ink.shape[1], ink.shape[0])
    assert (np.asarray(img) == ~ink).all()  # white paper, black ink


def test_black_and_white_page_goes_to_tesseract_as_one_bit():
    ink = _text_ink(lines=10)
    page = Image.fromarray(np.where(ink, 0, 255).astype(np.uint8)).convert("RGB")  # a B/W scan in a PDF
    prep = prepare(page)
    assert prep.image.mode == "1" and not prep.sideways and abs(prep.angle) < 0.1
    assert (np.asarray(prep.image) == ~prep.ink).all()
    assert (prep.ink == ink).all()


def test_gray_scan_goes_to_tesseract_as_gray_with_specks_turned_to_paper():
    """Tesseract's recognizer reads lines from the gray page: keep the gray, drop the specks."""
    ink = _text_ink(lines=10)
    rng = np.random.default_rng(3)
    gray = np.clip(np.where(ink, 30, 220) + rng.normal(0, 3, ink.shape), 0, 255).astype(np.uint8)
    specks = [(1150, 200), (1200, 900), (1250, 1400)]  # below the text
    for y, x in specks:
        gray[y:y + 3, x:x + 3] = 60
    prep = prepare(Image.fromarray(gray).convert("RGB"))
    assert prep.image.mode == "L"
    out = np.asarray(prep.image)
    for y, x in specks:
        assert (out[y:y + 3, x:x + 3] == 255).all() and not prep.ink[y:y + 3, x:x + 3].any()
    text = ink.copy()
    text[1100:] = False
    assert (out[text] == gray[text]).all()  # letters keep their gray
    assert (prep.ink[:1100] == ink[:1100]).all()
    assert prepare(Image.fromarray(gray), ("gray", "deskew", "binarize", "despeckle")).image.mode == "1"
