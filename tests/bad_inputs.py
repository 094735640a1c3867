"""Generators of bad input files for tests/test_bad_inputs.py, each small and quick to make.

Each `make_*` writes one file (or link) into a folder and returns its path.
Big-looking inputs are made the cheap way: a zip entry streamed from zeros, a
PDF with 2000 empty page objects, a PNG whose 20000×20000 rows are all zero.
"""
from __future__ import annotations

import os
import struct
import zipfile
import zlib

_CT = (
    '<?xml version="1.0" encoding="UTF-8"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">'
    '<Default Extension="xml" ContentType="application/xml"/></Types>'
)
_W = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"


def _docx(path: str, document_xml: bytes | None = None, stream_zeros: int = 0) -> str:
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as z:
        z.writestr("[Content_Types].xml", _CT)
        if stream_zeros:
            with z.open("word/document.xml", "w", force_zip64=True) as f:
                chunk = b" " * (1 << 20)
                for _ in range(stream_zeros):
                    f.write(chunk)
        else:
            z.writestr("word/document.xml", document_xml or b"")
    return path


def minimal_pdf(n_pages: int, body: bytes = b"") -> bytes:
    """A well-formed PDF with `n_pages` empty pages (correct xref offsets)."""
    objs = [b"<< /Type /Catalog /Pages 2 0 R >>"]
    kids = " ".join(f"{3 + i} 0 R" for i in range(n_pages)).encode()
    objs.append(b"<< /Type /Pages /Kids [" + kids + b"] /Count " + str(n_pages).encode() + b" >>")
    objs += [b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] >>"] * n_pages
    out = bytearray(b"%PDF-1.4\n%\xe2\xe3\xcf\xd3\n")
    offsets = []
    for i, o in enumerate(objs, start=1):
        offsets.append(len(out))
        out += f"{i} 0 obj\n".encode() + o + b"\nendobj\n"
    xref = len(out)
    out += f"xref\n0 {len(objs) + 1}\n0000000000 65535 f \n".encode()
    out += b"".join(f"{o:010d} 00000 n \n".encode() for o in offsets)
    out += f"trailer\n<< /Size {len(objs) + 1} /Root 1 0 R >>\nstartxref\n{xref}\n%%EOF\n".encode()
    return bytes(out)


def make_empty(d):
    p = os.path.join(d, "empty.txt")
    open(p, "wb").close()
    return p


def make_truncated_pdf(d):
    p = os.path.join(d, "truncated.pdf")
    open(p, "wb").write(minimal_pdf(3)[:150])
    return p


def make_encrypted_pdf(d):
    p = os.path.join(d, "encrypted.pdf")
    try:
        from pypdf import PdfWriter
    except ImportError:  # the hand-made kind: an /Encrypt dictionary in the trailer
        data = minimal_pdf(1).replace(b"/Root 1 0 R", b"/Root 1 0 R /Encrypt << /Filter /Standard /V 2 /R 3 /O <00> /U <00> /P -4 >>")
        open(p, "wb").write(data)
        return p
    w = PdfWriter()
    w.add_blank_page(width=595, height=842)
    w.encrypt(user_password="mat-khau", algorithm="AES-128")
    with open(p, "wb") as f:
        w.write(f)
    return p


def make_blank_pages_pdf(d):
    p = os.path.join(d, "blank-2000.pdf")
    open(p, "wb").write(minimal_pdf(2000))
    return p


def make_zip_bomb_docx(d):
    return _docx(os.path.join(d, "bomb.docx"), stream_zeros=210)  # 210 MB of spaces, ~200 kB on disk


def make_entity_bomb_docx(d):
    lol = "".join(f'<!ENTITY l{i} "{("&l%d;" % (i - 1)) * 10}">' for i in range(1, 10))
    xml = (
        f'<?xml version="1.0"?><!DOCTYPE w:document [<!ENTITY l0 "lol">{lol}]>'
        f'<w:document xmlns:w="{_W}"><w:body><w:p><w:r><w:t>&l9;</w:t></w:r></w:p></w:body></w:document>'
    )
    return _docx(os.path.join(d, "entities.docx"), xml.encode())


def _png(path: str, w: int, h: int) -> str:
    """A 1-bit all-black PNG of w×h pixels, compressed row by row (fast even at 20000×20000)."""
    row = b"\x00" + b"\x00" * ((w + 7) // 8)
    comp = zlib.compressobj(9)
    data = b"".join(comp.compress(row) for _ in range(h)) + comp.flush()

    def chunk(kind: bytes, body: bytes) -> bytes:
        return struct.pack(">I", len(body)) + kind + body + struct.pack(">I", zlib.crc32(kind + body) & 0xFFFFFFFF)

    png = b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", struct.pack(">IIBBBBB", w, h, 1, 0, 0, 0, 0)) + chunk(b"IDAT", data) + chunk(b"IEND", b"")
    open(path, "wb").write(png)
    return path


def make_huge_image(d):
    """A 20000×20000 scan (400 megapixels, ~60 kB on disk)."""
    return _png(os.path.join(d, "scan.png"), 20000, 20000)


def make_png_named_pdf(d):
    return _png(os.path.join(d, "photo.pdf"), 600, 800)


def make_invoice(d):
    p = os.path.join(d, "hoa-don.txt")
    lines = [
        "HÓA ĐƠN GIÁ TRỊ GIA TĂNG",
        "Ngày 05 tháng 3 năm 2024",
        "Đơn vị bán hàng: Công ty TNHH Thiết bị Văn phòng Minh Phát",
        "Mã số thuế: 0312345678",
        "Họ tên người mua hàng: Nguyễn Văn An",
        "STT\tTên hàng hóa, dịch vụ\tĐơn vị tính\tSố lượng\tĐơn giá\tThành tiền",
        "1\tMáy in laser\tcái\t2\t4.500.000\t9.000.000",
        "2\tGiấy in A4\tram\t20\t75.000\t1.500.000",
        "Cộng tiền hàng: 10.500.000 đồng. Thuế suất GTGT: 10%. Tổng cộng tiền thanh toán: 11.550.000 đồng.",
        "Số tiền viết bằng chữ: Mười một triệu năm trăm năm mươi nghìn đồng.",
    ]
    open(p, "w", encoding="utf-8").write("\n\n".join(lines))
    return p


def make_english(d):
    p = os.path.join(d, "annual-report.txt")
    text = (
        "ANNUAL REPORT 2023\n\nThe city council approved the budget for the coming year. "
        "Departments will report their progress every quarter, and the finance office will "
        "publish the accounts before the end of March.\n\n"
    )
    open(p, "w", encoding="utf-8").write(text * 5)
    return p


def make_binary_txt(d):
    p = os.path.join(d, "data.txt")
    open(p, "wb").write(bytes((i * 7919) % 256 for i in range(20000)))
    return p


def make_symlink_loop(d):
    a, b = os.path.join(d, "loop-a.txt"), os.path.join(d, "loop-b.txt")
    os.symlink(b, a)
    os.symlink(a, b)
    return a  # and b: two entries, each one error row


def make_fifo(d):
    p = os.path.join(d, "pipe.txt")
    os.mkfifo(p)
    return p


def make_zero_byte_docx(d):
    p = os.path.join(d, "zero.docx")
    open(p, "wb").close()
    return p


def make_corrupt_zip_docx(d):
    p = os.path.join(d, "corrupt.docx")
    open(p, "wb").write(b"PK\x03\x04" + bytes(range(256)) * 8)
    return p


def make_empty_html(d):
    p = os.path.join(d, "empty-page.html")
    html = "<!DOCTYPE html><html><head><meta charset='utf-8'><title>Trang</title><script>var x=1;</script></head><body><div></div></body></html>"
    open(p, "w", encoding="utf-8").write(html)
    return p


def make_unknown_8bit(d):
    """Russian in KOI8-R: an 8-bit code page the reader does not know, and not Vietnamese."""
    p = os.path.join(d, "koi8.txt")
    text = "Годовой отчёт городского совета о бюджете и расходах на следующий год. " * 30
    open(p, "wb").write(text.encode("koi8_r"))
    return p


def make_huge_line(d):
    p = os.path.join(d, "one-line.txt")
    with open(p, "wb") as f:
        chunk = "kế hoạch ".encode() * 100_000
        while f.tell() <= 51 * 2**20:
            f.write(chunk)
    return p


def make_nul_body(d):
    p = os.path.join(d, "nul.txt")
    open(p, "wb").write(b"\x00" * 65536)
    return p


def make_ole_doc(d):
    p = os.path.join(d, "old-word.doc")
    open(p, "wb").write(b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\x00" * 4000)
    return p


def make_truncated_docx(d, good_docx: str):
    p = os.path.join(d, "cut.docx")
    data = open(good_docx, "rb").read()
    open(p, "wb").write(data[: len(data) // 2])
    return p


def make_dir_named_like_file(d):
    p = os.path.join(d, "folder.txt")
    os.mkdir(p)
    return p


def make_fat_docx(d, paragraphs: int = 4_000_000):
    """A well-formed DOCX whose document.xml is ~150 MB (under the zip bomb limit), ~0.5 MB on disk:
    parsing it takes gigabytes."""
    p = os.path.join(d, "fat.docx")
    with zipfile.ZipFile(p, "w", zipfile.ZIP_DEFLATED) as z:
        z.writestr("[Content_Types].xml", _CT)
        with z.open("word/document.xml", "w") as f:
            f.write(f'<w:document xmlns:w="{_W}"><w:body>'.encode())
            para = "<w:p><w:r><w:t>kế hoạch</w:t></w:r></w:p>".encode() * 10_000
            for _ in range(paragraphs // 10_000):
                f.write(para)
            f.write(b"</w:body></w:document>")
    return p
