"""What office files carry that our own renderings did not: numbers stamped on signing, pages
printed as outlines, red seals, OCR's readings of handwritten blanks and italic small print."""
from __future__ import annotations

import glob

import numpy as np
import pytest
from PIL import Image, ImageDraw

from extractor import extract
from extractor.ingest.model import Block
from extractor.ingest.preprocess import drop_red
from extractor.nlp import header_zone as hz
from extractor.nlp.signature import NOI_NHAN
from extractor.nlp.title import plan_year

FONT = (glob.glob("/usr/share/fonts/truetype/liberation2/LiberationSerif-Regular.ttf")
        + glob.glob("/usr/share/fonts/truetype/liberation/LiberationSerif-Regular.ttf"))


def _plan_pdf(path, number_field: str | None, stamp: str | None = None) -> None:
    reportlab = pytest.importorskip("reportlab")
    from reportlab.pdfbase import pdfmetrics
    from reportlab.pdfbase.ttfonts import TTFont
    from reportlab.pdfgen import canvas

    assert reportlab and FONT, "Liberation fonts (fonts-liberation2) are installed by make setup"
    pdfmetrics.registerFont(TTFont("Serif", FONT[0]))
    c = canvas.Canvas(str(path), pagesize=(595, 842))
    c.setFont("Serif", 13)
    for x, y, t in [(60, 760, "ỦY BAN NHÂN DÂN"), (320, 760, "CỘNG HOÀ XÃ HỘI CHỦ NGHĨA VIỆT NAM"),
                    (60, 742, "HUYỆN AN PHÚ"), (340, 742, "Độc lập - Tự do - Hạnh phúc"), (60, 715, "Số:"),
                    (120, 715, "/KH-UBND"), (330, 715, "An Phú, ngày 10 tháng 3 năm 2024"), (260, 680, "KẾ HOẠCH"),
                    (150, 662, "Tuyên truyền cải cách hành chính năm 2024"),
                    (60, 630, "Căn cứ Quyết định số 12/QĐ-UBND ngày 05/01/2024 của Ủy ban nhân dân huyện;")]:
        c.drawString(x, y, t)
    if number_field is not None:  # the văn thư's number, stamped as a form field's appearance
        c.acroForm.textfield(name="so", value=number_field, x=86, y=711, width=32, height=16, borderWidth=0,
                             fontName="Helvetica", fontSize=13, fillColor=None, borderColor=None)
    if stamp is not None:  # the signer's e-signature stamp, drawn over the page's top right
        c.acroForm.textfield(name="sig", value=stamp, x=380, y=800, width=200, height=14, borderWidth=0,
                             fontName="Helvetica", fontSize=7, fillColor=None, borderColor=None)
    c.save()


def test_a_number_stamped_on_signing_is_read(tmp_path):
    _plan_pdf(tmp_path / "signed.pdf", "142")
    _plan_pdf(tmp_path / "blank.pdf", None)
    signed, blank = extract(str(tmp_path / "signed.pdf")).doc, extract(str(tmp_path / "blank.pdf")).doc
    assert (signed.number, signed.code) == ("142", "142/KH-UBND")
    assert (blank.number, blank.code) == (None, "/KH-UBND")
    for doc in (signed, blank):  # old-style "HOÀ": the motto is never part of the body's name
        assert doc.issuer == "Ủy ban nhân dân huyện An Phú" and doc.date == "2024-03-10"


def test_a_page_of_glyph_outlines_goes_to_ocr(tmp_path):
    pytest.importorskip("reportlab")
    import pdfplumber
    from reportlab.pdfgen import canvas

    from extractor.ingest.pdf import _outlined

    c = canvas.Canvas(str(tmp_path / "outlines.pdf"), pagesize=(595, 842))
    for k in range(400):  # what a printer driver leaves of a page of text: curves, no characters
        p = c.beginPath()
        x, y = 60 + (k % 40) * 12, 780 - (k // 40) * 20
        p.moveTo(x, y)
        p.curveTo(x + 3, y + 8, x + 6, y + 8, x + 9, y)
        c.drawPath(p)
    c.showPage()
    c.rect(100, 100, 50, 50)  # a page with a box only is blank, not text to OCR
    c.save()
    with pdfplumber.open(str(tmp_path / "outlines.pdf")) as pdf:
        assert _outlined(pdf.pages[0], pdf.pages[0].chars)
        assert not _outlined(pdf.pages[1], pdf.pages[1].chars)


@pytest.mark.parametrize("line, number, code, unreadable", [
    ("Số: O{_ /TTr-UBND", None, "/TTr-UBND", True),  # handwriting OCR cannot read
    ("Số: /Œ /QĐ-UBND", None, "/QĐ-UBND", True),
    ("Số: 44 /CT-UBND", "44", "44/CT-UBND", False),
    ("Số: 25-KH/TU", "25", "25-KH/TU", False),  # a party code's dash is no blur
    ("Số: -KH/TU", None, "-KH/TU", False),
    ("Số:     /KH-UBND", None, "/KH-UBND", False),  # a blank left blank
    ("Số: 12a/KH-UBND", "12a", "12a/KH-UBND", False),
])
def test_a_number_ocr_could_not_read_is_null(line, number, code, unreadable):
    got = hz.read_so(line)
    assert got is not None and got[:2] == (number, code)
    z = hz.Zone()
    hz._take_so(line, z, Block("paragraph", line, 0, len(line)))
    assert ("number" in z.unreadable) == unreadable


def test_a_day_ocr_could_not_read_leaves_the_month():
    assert hz.read_date("Quảng Ngãi, ngày A tháng 9 năm 2024") == ("Quảng Ngãi", "2024-09")
    assert hz.read_date("Hải Dương, ngày |D tháng 01 năm 2011") == ("Hải Dương", "2011-01")
    assert hz.read_date("Hà Nội, ngày 26 tháng 6 năm 2025") == ("Hà Nội", "2025-06-26")


def test_ocr_header_lines():
    ocr = [Block("paragraph", t, ocr_conf=c) for t, c in [
        ("0M", 0.46), ("UỶ BAN NHÂN DÂN", 0.93), ("TÍNH LẠI CHẦU", 0.64), ("CỘNG HOÀ XÃ HỘI CHỦ NGHĨA VIỆT NAM", 0.95),
        ("I. Bà = TN và TU CHÍNH PHỦ i", 0.52), ("Độc lập - Tự do - Hạnh phúc", 0.94),
        ("Số: 1629 /QĐ-UBND | Lai Châu, ngày 27 tháng 6 năm 2025", 0.80), ("QUYẾT ĐỊNH", 0.9)]]
    z = hz.scan(ocr, 0)
    assert hz.bodies(z.body_lines) == ["UỶ BAN NHÂN DÂN TỈNH LAI CHÂU"]  # seal noise passed, province snapped
    assert (z.code, z.place, z.date) == ("1629/QĐ-UBND", "Lai Châu", "2025-06-27")
    assert hz.snap_province("TỈNH HÀ NAM") == "TỈNH HÀ NAM" and hz.snap_province("SỞ Y TẾ") == "SỞ Y TẾ"


def test_noi_nhan_as_ocr_reads_it():
    for t in ("Nơi nhận:", "Nơi nhậm:", "Nởơi nhận:", "NƠI NHẬN:"):
        assert NOI_NHAN.match(t), t
    assert not NOI_NHAN.match("Người nhận: ông A") and not NOI_NHAN.match("Nội dung:")


def test_the_red_seal_is_whitened_and_the_type_under_it_kept():
    im = Image.new("RGB", (200, 100), "white")
    d = ImageDraw.Draw(im)
    d.rectangle((20, 40, 180, 60), fill=(20, 20, 20))  # a line of black type
    d.ellipse((60, 10, 140, 90), outline=(220, 30, 40), width=8)  # the seal's ring across it
    out = np.asarray(drop_red(im))
    assert (out[12:20, 95:105] == 255).all()  # the ring above the type is gone
    assert (out[45:55, 95:105] < 60).all()  # the type is kept where the ring crosses it
    assert drop_red(Image.new("RGB", (10, 10), "white")).getpixel((5, 5)) == (255, 255, 255)


def test_plan_year_of_a_document_that_is_no_plan():
    assert plan_year("Về việc tặng danh hiệu Chiến sĩ thi đua năm 2010", "2011-01-10", "QĐ") == 2011
    assert plan_year("Về việc miễn nhiệm Ủy viên nhiệm kỳ 2021 - 2026", "2025-01-06", "TTr") == 2025
    assert plan_year("Phê duyệt Kế hoạch phòng, chống dịch năm 2023", "2022-12-20", "QĐ") == 2023
    assert plan_year("Tuyên truyền năm 2024", "2023-12-20", "KH") == 2024


def test_bytes_before_the_pdf_header_are_passed_over(tmp_path):
    """A download wrapper or mail header before "%PDF-": readers accept it within 1024 bytes."""
    _plan_pdf(tmp_path / "plain.pdf", "142")
    data = (tmp_path / "plain.pdf").read_bytes()
    (tmp_path / "wrapped.pdf").write_bytes(b"Content-Type: application/pdf\r\n\r\n" + data)
    (tmp_path / "far.pdf").write_bytes(b"x" * 2000 + data)
    plain, wrapped = extract(str(tmp_path / "plain.pdf")), extract(str(tmp_path / "wrapped.pdf"))
    assert wrapped.doc.code == plain.doc.code == "142/KH-UBND"
    assert [c.code for c in wrapped.citations] == [c.code for c in plain.citations] == ["12/QĐ-UBND"]
    from extractor.errors import ExtractError

    with pytest.raises(ExtractError, match="binary content"):  # beyond 1024 bytes it is no PDF
        extract(str(tmp_path / "far.pdf"))


def test_the_signing_stamp_is_not_the_documents_text(tmp_path):
    _plan_pdf(tmp_path / "stamped.pdf", "142", stamp="Ky boi: Uy ban nhan dan huyen An Phu Email: vt@anphu.gov.vn")
    from extractor.ingest import load

    text = load(str(tmp_path / "stamped.pdf")).text
    assert "Số: 142 /KH-UBND" in text and "anphu.gov.vn" not in text and "Email" not in text
    assert extract(str(tmp_path / "stamped.pdf")).doc.code == "142/KH-UBND"
