"""Bad and unusual PDFs: each gives a correct record or an error row with a clear
reason, never an uncaught exception, and a batch goes on past them. The files are
made here from a corpus rendering (pypdf) or drawn (reportlab)."""
from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
import textwrap

import pytest
from pypdf import PdfWriter

from extractor import ExtractError, extract
from extractor.cli import main

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
GOOD = os.path.join(ROOT, "corpus", "pdf", "000_13a313f26e079968-pdf.pdf")
FONT = "/usr/share/fonts/truetype/dejavu/DejaVuSerif.ttf"
LINE = "Dòng {k} của trang {p}: triển khai thực hiện kế hoạch cải cách hành chính năm 2024."


@pytest.fixture(scope="module")
def good_record() -> dict:
    return extract(GOOD).to_json()


def _core(rec: dict) -> tuple:
    d = rec["doc"]
    return (d["code"], d["date"], d["title"], d["signer"], len(rec["sections"]), len(rec["citations"]), len(rec["tasks"]))


def _encrypted(tmp_path, user: str):
    w = PdfWriter(clone_from=GOOD)
    w.encrypt(user_password=user, owner_password="owner-secret")
    path = tmp_path / f"enc-{user or 'empty'}.pdf"
    w.write(str(path))
    return path


def _truncated(tmp_path):
    data = open(GOOD, "rb").read()
    path = tmp_path / "truncated.pdf"
    path.write_bytes(data[: len(data) // 2])
    return path


def _zero_pages(tmp_path):
    path = tmp_path / "zero.pdf"
    PdfWriter().write(str(path))
    return path


def test_encrypted_with_empty_user_password_reads(tmp_path, good_record):
    rec = extract(str(_encrypted(tmp_path, ""))).to_json()
    assert _core(rec) == _core(good_record)


def test_encrypted_with_password_is_an_error(tmp_path):
    with pytest.raises(ExtractError) as ei:
        extract(str(_encrypted(tmp_path, "secret")))
    assert ei.value.stage == "ingest" and ei.value.reason == "encrypted PDF (password required)"


def test_truncated_pdf_is_an_error(tmp_path):
    with pytest.raises(ExtractError) as ei:
        extract(str(_truncated(tmp_path)))
    assert ei.value.stage == "ingest" and "corrupt or truncated PDF" in ei.value.reason


def test_pdf_without_pages_is_an_error(tmp_path):
    with pytest.raises(ExtractError) as ei:
        extract(str(_zero_pages(tmp_path)))
    assert ei.value.stage == "ingest" and ei.value.reason == "PDF has no pages"


@pytest.mark.parametrize("angle", [90, 180])
def test_rotated_pages_read_like_upright_ones(tmp_path, good_record, angle):
    w = PdfWriter(clone_from=GOOD)
    for page in w.pages:
        page.rotate(angle)
    path = tmp_path / f"rot{angle}.pdf"
    w.write(str(path))
    rec = extract(str(path)).to_json()
    assert _core(rec) == _core(good_record)
    assert rec["doc"]["recipients"] == good_record["doc"]["recipients"]


def test_batch_run_reports_bad_pdfs_as_rows_and_goes_on(tmp_path):
    import pandas as pd

    src = tmp_path / "in"
    src.mkdir()
    for make in (_truncated, _zero_pages):
        shutil.move(str(make(tmp_path)), src)
    shutil.move(str(_encrypted(tmp_path, "secret")), src)
    shutil.copy(GOOD, src / "good.pdf")
    out = tmp_path / "tables"
    main(["run", str(src), "--out", str(out), "--format", "csv", "--quiet"])
    errors = pd.read_csv(out / "errors.csv")
    reasons = dict(zip(errors["file"].map(os.path.basename), errors["reason"]))
    assert reasons["enc-secret.pdf"] == "encrypted PDF (password required)"
    assert reasons["zero.pdf"] == "PDF has no pages"
    assert "truncated" in reasons["truncated.pdf"]
    assert set(errors["stage"]) == {"ingest"}
    docs = pd.read_csv(out / "documents.csv")
    assert list(docs["file"].map(os.path.basename)) == ["good.pdf"]


_READ = textwrap.dedent("""
    import json, resource, sys, time
    import pdfplumber
    from extractor.ingest import load
    path = sys.argv[1]
    t = time.perf_counter()
    with pdfplumber.open(path) as pdf:  # baseline: pdfplumber's own text, page by page
        for page in pdf.pages:
            page.extract_text()
            page.close()
    bare = time.perf_counter() - t
    t = time.perf_counter()
    doc = load(path)
    ours = time.perf_counter() - t
    print(json.dumps({"pages": doc.pages, "blocks": [b.text for b in doc.blocks], "bare_s": bare, "ours_s": ours,
                      "rss_mb": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024}))
""")


def _long_pdf(path, pages: int) -> None:
    from reportlab.lib.pagesizes import A4
    from reportlab.pdfbase import pdfmetrics
    from reportlab.pdfbase.ttfonts import TTFont
    from reportlab.pdfgen import canvas

    pdfmetrics.registerFont(TTFont("TSerif", FONT))
    c = canvas.Canvas(str(path), pagesize=A4, invariant=1)
    for p in range(1, pages + 1):
        c.setFont("TSerif", 12)
        c.drawCentredString(A4[0] / 2, A4[1] - 30, f"Trang {p}")
        for k in range(1, 7):
            c.drawString(72, A4[1] - 80 - 40 * k, LINE.format(k=k, p=p))
        c.setFont("TSerif", 9)
        c.drawRightString(A4[0] - 60, 30, "Kế hoạch số 99/KH-UBND")
        c.showPage()
    c.save()


def _measure(path) -> dict:
    env = {**os.environ, "PYTHONPATH": ROOT}
    out = subprocess.run([sys.executable, "-c", _READ, str(path)], capture_output=True, text=True, env=env, timeout=900)
    assert out.returncode == 0, out.stderr[-2000:]
    return json.loads(out.stdout.strip().splitlines()[-1])


def test_300_pages_are_streamed(tmp_path):
    """Peak RSS of a 300-page file against a 30-page one of the same pages (printed,
    not asserted), and every page's text read, margins dropped."""
    rows = {}
    for n in (30, 300):
        path = tmp_path / f"long{n}.pdf"
        _long_pdf(path, n)
        rows[n] = _measure(path)
    big = rows[300]
    assert big["pages"] == 300
    assert LINE.format(k=6, p=300) in big["blocks"] and LINE.format(k=1, p=1) in big["blocks"]
    assert not any(b.startswith(("Trang ", "Kế hoạch số 99")) for b in big["blocks"])
    print("\npages  peak RSS MB  ours pages/s  pdfplumber extract_text pages/s  ratio")
    for n, r in rows.items():
        print(f"{n:>5}  {r['rss_mb']:>11.1f}  {n / r['ours_s']:>12.1f}  {n / r['bare_s']:>31.1f}  {r['ours_s'] / r['bare_s']:.2f}")
    print(f"RSS 300 / RSS 30: {big['rss_mb'] / rows[30]['rss_mb']:.2f}")


def _text_image(lines: list[str]):
    from PIL import Image, ImageDraw, ImageFont

    img = Image.new("L", (2480, 3508), 255)  # A4 at 300 dpi
    draw = ImageDraw.Draw(img)
    font = ImageFont.truetype(FONT, 50)
    for k, line in enumerate(lines):
        draw.text((250, 400 + 110 * k), line, fill=0, font=font)
    return img


def _ocr_ready() -> bool:
    try:
        from extractor.ingest import ocr  # noqa: F401
    except ImportError:
        return False
    return shutil.which("tesseract") is not None


@pytest.mark.skipif(not _ocr_ready(), reason="OCR module or tesseract not available")
def test_image_only_page_goes_to_ocr_and_mixed_pdf_is_pdf_plus_ocr(tmp_path):
    from reportlab.lib.pagesizes import A4
    from reportlab.lib.utils import ImageReader
    from reportlab.pdfbase import pdfmetrics
    from reportlab.pdfbase.ttfonts import TTFont
    from reportlab.pdfgen import canvas

    pdfmetrics.registerFont(TTFont("TSerif", FONT))
    scanned = ["Căn cứ Kế hoạch số 268/KH-UBND ngày 16/02/2023", "của Ủy ban nhân dân tỉnh về cải cách hành chính."]
    path = tmp_path / "mixed.pdf"
    c = canvas.Canvas(str(path), pagesize=A4, invariant=1)
    c.setFont("TSerif", 13)
    c.drawString(72, 760, "Trang có lớp chữ: tuyên truyền cải cách hành chính năm 2023.")
    c.showPage()
    c.drawImage(ImageReader(_text_image(scanned)), 0, 0, width=A4[0], height=A4[1])  # no text at all
    c.showPage()
    c.save()
    from extractor.ingest import load

    doc = load(str(path))
    assert doc.format == "pdf+ocr"
    text_blocks = [b for b in doc.blocks if b.page == 1]
    ocr_blocks = [b for b in doc.blocks if b.page == 2]
    assert text_blocks and all(b.ocr_conf is None for b in text_blocks)
    assert ocr_blocks and all(b.ocr_conf is not None for b in ocr_blocks)
    ocr_text = " ".join(b.text for b in ocr_blocks)
    assert "268/KH-UBND" in ocr_text and "cải cách hành chính" in ocr_text
