"""Ruled-table search on page ink: the cheap pre-check and the grid it guards."""
from __future__ import annotations

import numpy as np
import pytest
from PIL import Image, ImageDraw, ImageFont

from extractor.ingest import ocr_tables
from extractor.ingest.ocr_tables import find_grids, half, may_hold_table

FONT = "/usr/share/fonts/truetype/dejavu/DejaVuSerif.ttf"
LINES = [
    "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM",
    "Độc lập - Tự do - Hạnh phúc",
    "KẾ HOẠCH",
    "Triển khai công tác chuyển đổi số trong các trường học năm 2024",
    "Thực hiện Quyết định số 12/QĐ-UBND ngày 05/01/2024 của Ủy ban nhân dân tỉnh,",
    "I. MỤC ĐÍCH, YÊU CẦU",
    "1. Nâng cao chất lượng dạy và học, đổi mới phương pháp quản lý giáo dục.",
]


def _ink(img: Image.Image) -> np.ndarray:
    return np.asarray(img) < 128


def _text_page() -> Image.Image:
    """A plan's first page: motto underlined (a short rule), a bold heading, body text."""
    try:
        font, bold = ImageFont.truetype(FONT, 36), ImageFont.truetype(FONT.replace("Serif.", "Serif-Bold."), 44)
    except OSError:
        pytest.skip("DejaVu Serif not installed")
    img = Image.new("L", (2480, 1400), 255)
    d = ImageDraw.Draw(img)
    for i, line in enumerate(LINES):
        d.text((150, 120 + i * 90), line, font=bold if line.isupper() else font, fill=0)
    d.line([(150, 245), (700, 245)], fill=0, width=3)  # the motto's underline
    return img


def _table_page(width: int = 3) -> tuple[Image.Image, list[int], list[int]]:
    img = Image.new("L", (2480, 900), 255)
    d = ImageDraw.Draw(img)
    xs, ys = [150, 300, 1300, 2000, 2330], [100, 200, 400, 600]
    for x in xs:
        d.line([(x, ys[0]), (x, ys[-1])], fill=0, width=width)
    for y in ys:
        d.line([(xs[0], y), (xs[-1], y)], fill=0, width=width)
    return img, xs, ys


def test_text_page_skips_the_grid_search(monkeypatch):
    ink = _ink(_text_page())
    assert ink.sum() > 10_000  # there is text, and an underline, on the page
    assert not may_hold_table(ink)

    def no_search(_):
        raise AssertionError("the rule search ran on a page without rules")

    monkeypatch.setattr(ocr_tables, "line_masks", no_search)
    grids, rules = find_grids(ink)
    assert grids == [] and not rules.any()


def test_underline_alone_is_no_table():
    """Long horizontal rules without vertical ones (a signature line, a separator)."""
    img = Image.new("L", (2480, 900), 255)
    d = ImageDraw.Draw(img)
    for y in (200, 400):
        d.line([(150, y), (2330, y)], fill=0, width=3)
    assert not may_hold_table(_ink(img))


@pytest.mark.parametrize("width", [1, 3])
def test_ruled_table_passes_the_check_and_its_grid_is_found(width):
    img, xs, ys = _table_page(width)
    ink = _ink(img)
    assert may_hold_table(ink)
    grids, rules = find_grids(ink)
    assert len(grids) == 1
    g = grids[0]
    assert len(g.xs) == len(xs) and len(g.ys) == len(ys)
    assert all(abs(a - b) <= 4 for a, b in zip(g.xs, xs)) and all(abs(a - b) <= 4 for a, b in zip(g.ys, ys))
    assert rules[ys[1], 700] and rules[250, xs[2]]  # the rules are masked for erasing


def test_half_size_keeps_one_pixel_rules():
    ink = np.zeros((101, 81), bool)
    ink[37, :] = True  # odd row, odd width: both fall in the last 2×2 block's second half
    ink[:, 79] = True
    small = half(ink)
    assert small.shape == (50, 40)
    assert small[18].all() and small[:, 39].all() and small.sum() == 50 + 40 - 1
