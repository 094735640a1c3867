"""OCR of page images: blocks with confidences, turned and skewed pages, tables, bad images."""
from __future__ import annotations

import struct
import zlib

import pytest
from PIL import Image, ImageDraw, ImageFont
from rapidfuzz.distance import Levenshtein

from extractor.errors import ExtractError
from extractor.ingest import load
from extractor.ingest.ocr import ocr_page_image, read_image
from extractor.ingest.preprocess import skew_angle

pytest.importorskip("pytesseract")
from extractor.ingest.ocr import tesseract_words  # noqa: E402

FONT = "/usr/share/fonts/truetype/dejavu/DejaVuSerif.ttf"
BODY = [
    "Thực hiện Quyết định số 12/QĐ-UBND ngày 05/01/2024 của Ủy ban nhân dân tỉnh,",
    "Sở Giáo dục và Đào tạo xây dựng kế hoạch triển khai công tác chuyển đổi số",
    "trong các trường học trên địa bàn tỉnh năm 2024 với các nội dung sau đây.",
    "I. MỤC ĐÍCH, YÊU CẦU",
    "1. Nâng cao chất lượng dạy và học, đổi mới phương pháp quản lý giáo dục.",
    "2. Bảo đảm đúng tiến độ, tiết kiệm, hiệu quả và an toàn thông tin mạng.",
    "II. NỘI DUNG THỰC HIỆN",
    "a) Hoàn thiện cơ sở dữ liệu ngành giáo dục, kết nối với cơ sở dữ liệu quốc gia.",
    "b) Tập huấn kỹ năng số cho cán bộ quản lý, giáo viên và nhân viên trường học.",
    "c) Kiểm tra, đánh giá kết quả thực hiện, báo cáo định kỳ hằng quý về Sở.",
]


def _font(size: int = 36):
    try:
        return ImageFont.truetype(FONT, size)
    except OSError:
        pytest.skip("DejaVu Serif not installed")


def page(lines: list[str], size=(2480, 1400), left: int = 150) -> Image.Image:
    img = Image.new("L", size, 255)
    d = ImageDraw.Draw(img)
    f = _font()
    for i, line in enumerate(lines):
        d.text((left, 120 + i * 62), line, font=f, fill=0)
    return img


def _text(blocks) -> str:
    return " ".join(" ".join(b.text.split()) for b in blocks)


def _cer(ref: str, hyp: str) -> float:
    ref, hyp = " ".join(ref.split()), " ".join(hyp.split())
    return Levenshtein.distance(ref, hyp) / len(ref)


@pytest.fixture(scope="module")
def body_page() -> Image.Image:
    return page(BODY)


def test_page_gives_blocks_in_order_with_confidences(body_page):
    blocks = ocr_page_image(body_page, 3)
    assert blocks
    assert all(b.page == 3 for b in blocks)
    assert all(b.ocr_conf is not None and 0.0 < b.ocr_conf <= 1.0 for b in blocks)
    assert _cer(" ".join(BODY), _text(blocks)) < 0.03
    heads = [b for b in blocks if b.text.startswith(("I. MỤC", "II. NỘI"))]
    assert len(heads) == 2 and all(b.style.upper is not False for b in heads)


@pytest.mark.parametrize("turn", [90, 180, 270])
def test_turned_page_is_put_upright(body_page, turn):
    blocks = ocr_page_image(body_page.rotate(turn, expand=True, fillcolor=255), 1)
    assert _cer(" ".join(BODY), _text(blocks)) < 0.05


def test_skew_is_measured_and_removed(body_page):
    import numpy as np

    skewed = body_page.rotate(1.5, resample=Image.BILINEAR, fillcolor=255, expand=True)
    angle, sideways = skew_angle(np.asarray(skewed.reduce(4)) < 128)
    assert not sideways and abs(abs(angle) - 1.5) < 0.3
    assert _cer(" ".join(BODY), _text(ocr_page_image(skewed, 1))) < 0.05


def test_two_column_header_is_not_interleaved():
    img = Image.new("L", (2480, 700), 255)
    d = ImageDraw.Draw(img)
    f = _font(34)
    left = ["ỦY BAN NHÂN DÂN", "TỈNH BÌNH PHƯỚC", "Số: 45/KH-UBND"]
    right = ["CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM", "Độc lập - Tự do - Hạnh phúc", "Bình Phước, ngày 10 tháng 3 năm 2024"]
    for i, (a, b) in enumerate(zip(left, right)):
        d.text((180, 100 + i * 60), a, font=f, fill=0)
        d.text((1150, 100 + i * 60), b, font=f, fill=0)
    texts = [b.text for b in ocr_page_image(img, 1)]
    assert any(t.startswith("Số: 45/KH-UBND") for t in texts)
    assert any(t.startswith("Bình Phước, ngày 10 tháng 3 năm 2024") for t in texts)
    for t in texts:  # no block mixes the two columns
        assert not ("NHÂN DÂN" in t and "CỘNG HÒA" in t) and not ("Số:" in t and "ngày" in t)
    order = [next(i for i, t in enumerate(texts) if key in t) for key in ("ỦY BAN", "TỈNH BÌNH", "Số:")]
    assert order == sorted(order)


def test_ruled_table_is_read_cell_by_cell():
    img = Image.new("L", (2480, 900), 255)
    d = ImageDraw.Draw(img)
    f = _font(32)
    xs, ys = [150, 300, 1300, 2000, 2330], [100, 200, 400, 600]
    for x in xs:
        d.line([(x, ys[0]), (x, ys[-1])], fill=0, width=3)
    for y in ys:
        d.line([(xs[0], y), (xs[-1], y)], fill=0, width=3)
    rows = [["TT", "Nhiệm vụ", "Đơn vị chủ trì", "Thời gian"],
            ["1", "Rà soát thủ tục hành chính", "Văn phòng Sở", "Quý II"],
            ["2", "Tập huấn cho cán bộ", "Phòng Tổ chức", "Tháng 6"]]
    for r, row in enumerate(rows):
        for c, text in enumerate(row):
            d.text((xs[c] + 20, ys[r] + 30), text, font=f, fill=0)
    tables = [b for b in ocr_page_image(img, 2) if b.table is not None]
    assert len(tables) == 1 and tables[0].ocr_conf is not None
    got = tables[0].table.texts()
    assert len(got) == 3 and all(len(r) == 4 for r in got)
    for want_row, got_row in zip(rows, got):
        for want, cell in zip(want_row, got_row):
            assert Levenshtein.normalized_distance(want, cell) < 0.2, (want, cell)


def test_png_and_jpeg_files_are_read(tmp_path, body_page):
    for ext in ("png", "jpg"):
        p = tmp_path / f"page.{ext}"
        body_page.save(p, dpi=(300, 300))
        src = load(str(p))
        assert src.format == "ocr" and src.pages == 1
        assert all(b.ocr_conf is not None for b in src.blocks)
        assert "chuyển đổi số" in src.text


def test_multipage_tiff_keeps_page_numbers(tmp_path, body_page):
    p = tmp_path / "scan.tif"
    second = page(BODY[:3])
    body_page.convert("1").save(p, save_all=True, append_images=[second.convert("1")], compression="group4")
    src = read_image(str(p))
    assert src.pages == 2 and {b.page for b in src.blocks} == {1, 2}


def test_image_without_text_is_an_error_not_an_empty_record(tmp_path):
    p = tmp_path / "blank.png"
    Image.new("L", (1240, 1754), 250).save(p)
    with pytest.raises(ExtractError) as e:
        load(str(p))
    assert e.value.stage == "ocr" and "no text found" in e.value.reason


def _png_header_only(path, w: int, h: int) -> None:
    """A PNG declaring w×h pixels with one tiny compressed row: a decompression bomb's shape."""
    def chunk(kind: bytes, data: bytes) -> bytes:
        return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data) & 0xFFFFFFFF)

    ihdr = struct.pack(">IIBBBBB", w, h, 8, 0, 0, 0, 0)
    path.write_bytes(b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", ihdr) + chunk(b"IDAT", zlib.compress(b"\x00" * 64)) + chunk(b"IEND", b""))


def test_huge_image_is_refused_before_decoding(tmp_path):
    p = tmp_path / "huge.png"
    _png_header_only(p, 20000, 20000)
    with pytest.raises(ExtractError) as e:
        load(str(p))
    assert e.value.stage == "ocr" and "too large" in e.value.reason
    with pytest.raises(ExtractError):
        ocr_page_image(Image.new("1", (12000, 12000)), 1)


def test_words_carry_confidence_in_unit_range(body_page):
    words = tesseract_words(body_page)
    assert words and all(0.0 <= w["conf"] <= 1.0 for w in words)


@pytest.mark.parametrize("raw, fixed", [
    ("L Mục đích - yêu cầu:", "I. Mục đích - yêu cầu:"),
    ("H. NỘI DUNG THỰC HIỆN", "II. NỘI DUNG THỰC HIỆN"),
    ("II NỘI DUNG", "II. NỘI DUNG"),
    ("Quyết định số 12/QĐÐ-UBND", "Quyết định số 12/QĐ-UBND"),
    ("Hà Nội, ngày 5 tháng 3 năm 2024", "Hà Nội, ngày 5 tháng 3 năm 2024"),
    ("1. Mục tiêu", "1. Mục tiêu"),
    ("1, Đối tượng thông tin", "1. Đối tượng thông tin"),
    (".2, Nội dung thông tin", "2. Nội dung thông tin"),
    ("-3. Hình thức", "3. Hình thức"),
    ("I.MỤC ĐÍCH, YÊU CẦU", "I. MỤC ĐÍCH, YÊU CẦU"),
    ("- 3, 4 và 5 tháng", "- 3, 4 và 5 tháng"),
    ("2023, Sở Y tế", "2023, Sở Y tế"),
])
def test_impossible_misreadings_are_repaired(raw, fixed):
    from extractor.ingest.ocr import repair

    assert repair(raw) == fixed
