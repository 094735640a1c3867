"""Read any supported file (or its bytes, or a text in memory) into a `SourceDocument`, choosing the reader by content."""
from __future__ import annotations

import os

from ..errors import ExtractError, read_error
from .model import SourceDocument
from .sniff import read_head, sniff

MAX_TEXT_BYTES = 50 * 1024 * 1024
SNIFF_CHARS = 4096  # of a text in memory, to tell a web page from plain text


def load(path: str) -> SourceDocument:
    """Sniff the file and hand it to its reader; every failure is an `ExtractError`.

    A damaged file makes third-party readers raise whatever they raise
    (`BadZipFile`, `zlib.error`, `NotImplementedError`, `OSError`, PIL's
    `TypeError`...): that is a fact about the file, so it is named as one.
    """
    try:
        head = read_head(path)
    except OSError as e:
        raise read_error(path, e) from None
    kind = "unknown"
    try:
        kind = sniff(head, path)
        return _read(path, kind)
    except (ExtractError, MemoryError):
        raise
    except Exception as e:
        stage = "sniff" if kind == "unknown" else "ingest"
        what = "file" if kind == "unknown" else f"{kind} file"
        raise ExtractError(path, stage, f"damaged or unreadable {what} ({_name(e)}: {e})") from None


def _name(e: Exception) -> str:
    """`zlib.error`, not the bare `error`; builtins keep their plain name."""
    t = type(e)
    mod = t.__module__.split(".")[0]
    return t.__name__ if mod in ("builtins", "zipfile") else f"{mod}.{t.__name__}"


def _read(path: str, kind: str) -> SourceDocument:
    if kind == "empty":
        raise ExtractError(path, "sniff", "empty file")
    if kind == "text":
        return _text(path)
    if kind == "html":
        from .html import read_html

        with open(path, "rb") as f:
            return read_html(f.read(), path)
    if kind == "docx":
        from .docx import read_docx

        return read_docx(path)
    if kind == "pdf":
        from .pdf import read_pdf

        return read_pdf(path)
    if kind in ("png", "jpeg", "tiff"):
        try:
            from .ocr import read_image
        except ImportError:
            raise ExtractError(path, "ocr", "OCR not available") from None
        return read_image(path)
    if kind in ("doc", "odt"):
        from .office import read_office

        return read_office(path, kind)
    if kind == "binary":
        raise ExtractError(path, "sniff", "binary content, not a document (whatever its extension says)")
    raise ExtractError(path, "sniff", f"unsupported format: {kind}")


def load_text(text: str, name: str = "<text>") -> SourceDocument:
    """A plan's text held in memory (a user's scraper), read as a .txt file is; `name` stands for its path.

    A string that is a web page (markup, not text) is read as the HTML file it is.
    """
    if not text.strip():
        raise ExtractError(name, "decode", "no text")
    if len(text) > MAX_TEXT_BYTES:
        raise ExtractError(name, "ingest", f"text over {MAX_TEXT_BYTES // 2**20} M characters")
    if sniff(text[:SNIFF_CHARS].encode("utf-8"), "") == "html":
        from .html import read_html

        # the BOM: the str is decoded already, whatever its meta says
        return read_html(b"\xef\xbb\xbf" + text.encode("utf-8"), name)
    from .text import parse_text

    return parse_text(text, name, encoding=None)


def load_bytes(data: bytes, name: str = "<bytes>") -> SourceDocument:
    """A file's content held in memory (a download), sniffed and read as `load` reads a file.

    Readers of zip, PDF and image formats work on files, so the bytes go through a
    temporary file; `name` (its suffix aside) is what the record and errors show.
    """
    import tempfile

    suffix = os.path.splitext(name)[1] if not name.startswith("<") else ""
    with tempfile.TemporaryDirectory(prefix="kh-extract-") as tmp:
        path = os.path.join(tmp, "input" + suffix)
        with open(path, "wb") as f:
            f.write(data)
        try:
            src = load(path)
        except ExtractError as e:
            raise ExtractError(name, e.stage, e.reason) from None
    src.path = name
    return src


def _text(path: str) -> SourceDocument:
    from .text import parse_text

    if os.path.getsize(path) > MAX_TEXT_BYTES:
        raise ExtractError(path, "ingest", f"text file over {MAX_TEXT_BYTES // 2**20} MB")
    with open(path, "rb") as f:
        data = f.read()
    try:
        from .encodings import UndecodableError, decode
    except ImportError:  # pragma: no cover
        return parse_text(data.decode("utf-8", errors="replace"), path, encoding="utf-8")
    try:
        text, enc = decode(data)
    except UndecodableError as e:
        raise ExtractError(path, "decode", str(e)) from None
    if not text.strip():
        raise ExtractError(path, "decode", "no text in file")
    return parse_text(text, path, encoding=enc)
