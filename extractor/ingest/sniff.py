"""Tell a file's format from its bytes, not its name.

A `.txt` that is really a PDF, or a `.doc` that is really HTML saved by Word,
is common in government portals' downloads.
"""
from __future__ import annotations


import re
import zipfile

SNIFF_BYTES = 8192


def sniff(head: bytes, path: str = "") -> str:
    """Return one of: pdf, docx, odt, xlsx, zip, doc (OLE2), rtf, html, png, jpeg,
    tiff, gif, empty, text, binary."""
    if not head:
        return "empty"
    if head.startswith(b"%PDF") or pdf_offset(head) is not None:
        return "pdf"
    if head.startswith(b"PK\x03\x04"):
        return _zip_kind(path, head)
    if head.startswith(b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"):
        return "doc"
    if head.startswith(b"{\\rtf"):
        return "rtf"
    if head.startswith(b"\x89PNG\r\n\x1a\n"):
        return "png"
    if head.startswith(b"\xff\xd8\xff"):
        return "jpeg"
    if head[:4] in (b"II*\x00", b"MM\x00*"):
        return "tiff"
    if head[:6] in (b"GIF87a", b"GIF89a"):
        return "gif"
    if _looks_html(head):
        return "html"
    if _looks_text(head):
        return "text"
    return "binary"


def _zip_kind(path: str, head: bytes) -> str:
    try:
        with zipfile.ZipFile(path) as z:
            names = set(z.namelist())
    except (zipfile.BadZipFile, OSError, ValueError):
        return "zip"
    if "word/document.xml" in names:
        return "docx"
    if "content.xml" in names:
        return "odt"
    if "xl/workbook.xml" in names:
        return "xlsx"
    return "zip"


def _looks_html(head: bytes) -> bool:
    s = head[:4096].lstrip(b"\xef\xbb\xbf \t\r\n").lower()
    if s.startswith((b"<!doctype html", b"<html", b"<?xml")) and b"<html" in head.lower():
        return True
    if b"\x00" in head:
        return False
    tags = re.findall(rb"</?(?:div|p|span|table|td|body|head|meta|br)\b", head[:4096], re.I)
    return len(tags) >= 8 and bool(re.search(rb"<(?:body|div|html)\b", head[:4096], re.I))


def _looks_text(head: bytes) -> bool:
    if head.startswith((b"\xff\xfe", b"\xfe\xff", b"\xef\xbb\xbf", b"\x00\x00\xfe\xff")):
        return True
    sample = head[:4096]
    if b"\x00" in sample and len(sample) >= 8:
        # UTF-32 without BOM: of every four bytes the same two (at least) are NUL, one never
        quads = len(sample) // 4
        nul = [sample[k:quads * 4:4].count(0) for k in range(4)]
        if sorted(nul)[2] >= 0.95 * quads and min(nul) <= 0.05 * quads:
            return True
    if b"\x00" in sample:
        # UTF-16 without BOM: NULs at every other byte
        even, odd = sample[0::2].count(0), sample[1::2].count(0)
        return max(even, odd) > len(sample) // 4 and min(even, odd) < len(sample) // 50
    ctrl = sum(1 for b in sample if b < 32 and b not in (9, 10, 12, 13))
    return ctrl <= len(sample) * 0.02


_PDF_MAGIC = re.compile(rb"%PDF-[12]\.\d")


def pdf_offset(head: bytes) -> int | None:
    """Where "%PDF-" starts when bytes precede it within the first 1024, as PDF readers
    accept (a mail header, a BOM, a download wrapper); None when it is not there."""
    m = _PDF_MAGIC.search(head[:1024])
    return m.start() if m else None


def read_head(path: str) -> bytes:
    with open(path, "rb") as f:
        return f.read(SNIFF_BYTES)


__all__ = ["sniff", "read_head", "pdf_offset"]
