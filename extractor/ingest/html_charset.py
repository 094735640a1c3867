"""A web page's bytes to text: its BOM, else its `<meta charset>` checked against the bytes, else a guess.

Portals mis-declare often: a UTF-8 page that says `utf-16` (or `iso-8859-1`), a
Windows-1258 or TCVN3 page saved by an editor that stamped `windows-1252`.
Decoding as declared and trusting the result turns such a plan into mojibake
that the language check then rejects ("not Vietnamese"). So the declaration is
decoded, then checked:

1. the declared codec must decode the bytes strictly;
2. it must read the `<meta>` tag back as it was found: the tag was found in
   ASCII, so a codec that cannot reproduce ASCII (UTF-16, UTF-32, EBCDIC) is
   contradicted by the page itself (the HTML standard's own rule for a
   `utf-16` label is to read the page as UTF-8);
3. bytes that are valid multi-byte UTF-8 are UTF-8 whatever single-byte
   charset is declared (single-byte Vietnamese text is never valid UTF-8 by
   chance over a whole page);
4. the declared reading must look as Vietnamese as the best undeclared one
   (UTF-8, cp1258, TCVN3, VNI: `encodings.decode`), by the share of words
   that are Vietnamese syllables; a clearly worse one is a wrong declaration.
"""
from __future__ import annotations

import codecs
import re

_META_CHARSET = re.compile(rb"""<meta[^>]{0,300}?charset\s*=\s*["']?\s*([-\w.:]+)""", re.I)
_BOMS = ((b"\xef\xbb\xbf", "utf-8"), (b"\xff\xfe", "utf-16-le"), (b"\xfe\xff", "utf-16-be"))
_TAG = re.compile(r"<[^<>]*>")  # a tag; never spans another "<" (linear on a page of unclosed "<")
SAMPLE = 200_000  # characters of the page's text enough to tell a wrong reading
WORSE = 0.15  # share of Vietnamese words a declared reading may lack against the best guess


def decode_html(data: bytes) -> tuple[str, str]:
    """(text, encoding): BOM, then the meta charset if the bytes bear it out, then the best guess."""
    for bom, enc in _BOMS:
        if data.startswith(bom):
            return data[len(bom):].decode(enc, "replace"), enc
    m = _META_CHARSET.search(data[:4096])
    declared = _lookup(m.group(1)) if m else ""
    if declared:
        text = _decode_as(data, declared, m.group(0).decode("ascii", "replace"))
        if text is not None:
            if declared == "utf-8":
                return text, declared
            guess = _guess(data)
            if guess is None:
                return text, declared
            if guess[1] == "utf-8" and any(ord(c) > 127 for c in guess[0]):
                return guess  # a single-byte label on multi-byte UTF-8: the label is wrong
            if _vietnamese(guess[0]) <= _vietnamese(text) + WORSE:
                return text, declared
            return guess
    try:
        return data.decode("utf-8"), "utf-8"
    except UnicodeDecodeError:
        guess = _guess(data)
        return guess if guess is not None else (data.decode("cp1258", "replace"), "cp1258")


def _lookup(label: bytes) -> str:
    try:
        return codecs.lookup(label.decode("ascii", "replace")).name
    except LookupError:
        return ""


def _decode_as(data: bytes, enc: str, tag: str) -> str | None:
    """The page in `enc`, or None if the bytes refute it (undecodable, or the meta tag not read back)."""
    try:
        text = data.decode(enc)
    except (UnicodeDecodeError, LookupError):
        return None
    return text if tag in text[:8192] else None


def _guess(data: bytes) -> tuple[str, str] | None:
    """What the bytes say with no label: strict UTF-8, else the best Vietnamese 8-bit reading."""
    try:
        return data.decode("utf-8"), "utf-8"
    except UnicodeDecodeError:
        pass
    from .encodings import UndecodableError, decode

    try:
        return decode(data)
    except UndecodableError:
        return None


def _vietnamese(page: str) -> float:
    """Share of the page's words (markup and scripts left out) that are Vietnamese syllables."""
    from .encodings import syllable_share

    return syllable_share(_TAG.sub(" ", page[: SAMPLE * 2])[:SAMPLE])
