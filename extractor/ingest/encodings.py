"""Decode Vietnamese plain-text files of unknown encoding into NFC Unicode.

Why: sample plans reach us as UTF-8/UTF-16 exports, but older ones are .txt
files typed with legacy 8-bit font encodings -- TCVN3 (ABC, .VnTime fonts) in
the north, VNI-Windows (VNI-Times) in the south -- or saved as cp1258. None of
them announce themselves, so `decode` tries each and keeps the reading whose
whitespace-separated tokens look most like Vietnamese syllables.
`encode_legacy` goes the other way so the corpus can hold legacy renderings.

The byte tables are data (`extractor/data/tcvn3.tsv`, `vni.tsv`), each naming
the public reference it was checked against.

TCVN3 case ambiguity. VN3 has codes for all lowercase letters but only for the
capitals Ă Â Ê Ô Ơ Ư Đ; .VnTimeH documents store toned capitals as lowercase
codes the font draws as capitals. So `encode_legacy(.., "tcvn3")` writes toned
capitals with their lowercase code and plain capitals as ASCII capitals, and
decoding restores case with these rules (only toned letters without a capital
code, "ambiguous letters", are ever changed):

1. Line rule: if no word of a line has an unambiguous lowercase letter and its
   syllable-like words hold at least 2 capitals, every ambiguous letter of the
   line is capitalised ("KẾ HOẠCH", "I. MỤC TIÊU, YÊU CẦU", "KT. CHỦ TỊCH").
2. Word rule: a word with >= 2 capitals and no unambiguous lowercase letter
   gets its ambiguous letters capitalised ("KHẨN" inside a normal sentence).
3. Sentence start: a word that begins with an ambiguous letter, whose other
   letters are lowercase, is capitalised only at the start of a line or after
   ". ", ": ", "! ", "? " or "- " ("Ủy ban", "Ở", "- Ổn định").

Known ambiguity left: a lowercase word starting with a toned vowel at a line
start or after those separators comes back capitalised ("ở" -> "Ở"); a
capitalised one elsewhere comes back lowercase; an all-caps word with a
single unambiguous capital in a mixed-case line comes back title-cased
("SỞ" -> "Sở", "SỐ: 28/KH-SYT" -> "Số: 28/KH-SYT"); a line of title-case
two-letter words such as "Bộ Y Tế" comes back all caps; and files typed
entirely in lowercase codes for .VnTimeH (where the capitals existed only in
the font) decode as lowercase, since plain text does not keep the font.
VNI has codes for every capital and round-trips exactly.

Detection is reliable on whole files; a single short line can read as valid
Vietnamese in two encodings (VNI "Löu" = "Lưu", TCVN3 "Lửu"), and then the
order cp1258, TCVN3, VNI breaks the tie.
"""
from __future__ import annotations

import codecs
import re
import string
import unicodedata
from functools import lru_cache
from pathlib import Path

DATA_DIR = Path(__file__).resolve().parent.parent / "data"
LEGACY = ("tcvn3", "vni")

_TONES = frozenset("\u0300\u0301\u0303\u0309\u0323")
# onset? + (nucleus that takes no final | nucleus that needs one + final
# | nucleus with optional final | the few nuclei that take -ch/-nh)
_SYLLABLE = re.compile(
    r"(?:ngh|ng|nh|ch|gh|gi|kh|ph|th|tr|qu|[bcdđghklmnprstvx])?"
    r"(?:ai|ao|au|ay|âu|ây|eo|êu|ia|iu|oi|ôi|ơi|ui|ưi|ưa|ưu|ua|uôi|ươi|ươu"
    r"|iêu|yêu|oai|oay|oeo|uây|uya|uyu|uơ|y"
    r"|(?:ă|â|iê|yê|uô|ươ|oă|uâ|uyê)(?:c|m|ng|n|p|t)"
    r"|(?:a|e|ê|i|o|ô|ơ|u|ư|oa|oe|uê|uy)(?:c|m|ng|n|p|t)?"
    r"|(?:a|ê|i|oa|uê|uy)(?:ch|nh))"
)
_STRIP = string.punctuation + "“”‘’„«»…–—•·"
_WORD = re.compile(r"[^\W\d_]+")
_SENTENCE_START = re.compile(r"(?:^\s*|[.:!?-]\s+)$")
# Bytes that are neither NUL nor usual text whitespace; > 10% of them means binary.
_CONTROL = bytes(c for c in range(32) if c not in (9, 10, 12, 13)) + b"\x7f"
_ASCII_FALLBACK = {
    "“": '"', "”": '"', "„": '"', "«": '"', "»": '"', "‘": "'", "’": "'",
    "‚": "'", "–": "-", "—": "-", "‑": "-", "−": "-", "…": "...", "•": "-",
    "·": ".", "\u00a0": " ", "₫": "d", "€": "EUR", "×": "x",
}


class UndecodableError(ValueError):
    """The bytes look binary, so no text decoding should be guessed."""


@lru_cache(maxsize=None)
def _table(name: str) -> dict[str, bytes]:
    """Unicode char -> legacy bytes, read from the shipped TSV (facts live in data)."""
    rows: dict[str, bytes] = {}
    text = (DATA_DIR / f"{name}.tsv").read_text(encoding="utf-8")
    for line in text.split("\n"):
        if not line or line.startswith("#") or line.startswith("unicode_char\t"):
            continue
        char, hexbytes = line.rstrip("\r").split("\t")  # not strip(): NBSP is a row
        rows[char] = bytes.fromhex(hexbytes)
    return rows


@lru_cache(maxsize=None)
def _reader(name: str) -> tuple[dict[str, str], re.Pattern[str]]:
    """Legacy byte string (as latin-1 text) -> char, and a longest-first matcher."""
    reverse = {b.decode("latin-1"): c for c, b in _table(name).items()}
    keys = sorted(reverse, key=len, reverse=True)
    return reverse, re.compile("|".join(map(re.escape, keys)) + r"|[\x80-\xff]")


@lru_cache(maxsize=None)
def _ambiguous() -> frozenset[str]:
    """TCVN3 lowercase letters whose capital has no code of its own."""
    table = _table("tcvn3")
    return frozenset(c for c in table if c.islower() and c.upper() not in table)


@lru_cache(maxsize=1 << 16)
def _is_syllable(word: str) -> bool:
    """Onset + nucleus + final, at most one tone mark, sitting on a vowel."""
    tones, base, kept = 0, "", []
    for c in unicodedata.normalize("NFD", word.lower()):
        if c in _TONES:
            tones += 1
            if not base or base not in "aeiouy":
                return False
        else:
            kept.append(c)
            if not unicodedata.combining(c):
                base = c
    skeleton = unicodedata.normalize("NFC", "".join(kept))
    return tones <= 1 and _SYLLABLE.fullmatch(skeleton) is not None


def _score(text: str, bad: int) -> float:
    """Share of tokens that are Vietnamese syllables, minus unmapped bytes."""
    tokens = (t.strip(_STRIP) for t in text.split())
    words = [t for t in tokens if any(c.isalpha() or ord(c) > 0x7F for c in t)]
    valid = sum(_is_syllable(w) for w in words)
    return (valid - bad) / max(1, len(words))


def syllable_share(text: str) -> float:
    """Share of `text`'s words that are Vietnamese syllables: how right a decoding looks."""
    return _score(text, 0)


def _decode_legacy(data: bytes, name: str) -> tuple[str, int]:
    """Greedy longest match (VNI letters take 1-2 bytes); count unmapped bytes.

    Unmapped high bytes fall back to cp1252, because Windows editors put smart
    quotes, dashes and ellipses there even in legacy-font files; only
    non-punctuation fallbacks count as bad.
    """
    reverse, pattern = _reader(name)
    bad = 0

    def one(m: re.Match[str]) -> str:
        nonlocal bad
        if m.group() in reverse:
            return reverse[m.group()]
        char = m.group().encode("latin-1").decode("cp1252", errors="replace")
        bad += not unicodedata.category(char).startswith("P")
        return char

    return pattern.sub(one, data.decode("latin-1")), bad


def _utf16_without_bom(data: bytes) -> str | None:
    """Text whose every other byte is mostly NUL (ASCII in UTF-16) -> decoded."""
    if len(data) < 2 or len(data) % 2:
        return None
    pairs = len(data) // 2
    even, odd = data[0::2].count(0), data[1::2].count(0)
    for codec, high, low in (("utf-16-le", odd, even), ("utf-16-be", even, odd)):
        if high >= 0.3 * pairs and low <= 0.05 * pairs:
            try:
                return data.decode(codec)
            except UnicodeDecodeError:
                return None
    return None


def _utf32_without_bom(data: bytes) -> str | None:
    """Text in UTF-32 without a BOM: of every four bytes, two (BMP text) or three (ASCII)
    are NUL, in the same places -> decoded."""
    if len(data) < 8 or len(data) % 4:
        return None
    quads = len(data) // 4
    nul = [data[k::4].count(0) for k in range(4)]
    for codec, text_byte in (("utf-32-le", 0), ("utf-32-be", 3)):
        rest = [nul[k] for k in range(4) if k != text_byte]
        if nul[text_byte] <= 0.05 * quads and min(rest[-2:] if codec == "utf-32-le" else rest[:2]) >= 0.95 * quads:
            try:
                return data.decode(codec)
            except UnicodeDecodeError:
                return None
    return None


def _finish(text: str) -> str:
    """NFC with "\\n" newlines, so offsets downstream never depend on the source encoding."""
    return unicodedata.normalize("NFC", text).replace("\r\n", "\n")


def _restore_case(text: str) -> str:
    """Re-capitalise TCVN3 toned letters by the rules in the module docstring."""
    amb = _ambiguous()
    lines = []
    for line in text.split("\n"):
        words = list(_WORD.finditer(line))
        lower_seen = any(c.islower() and c not in amb for w in words for c in w.group())
        caps = sum(c.isupper() for w in words if _is_syllable(w.group()) for c in w.group())
        line_upper = not lower_seen and caps >= 2
        out, last = [], 0
        for m in words:
            word = m.group()
            if not any(c in amb for c in word):
                continue
            plain = [c for c in word if c not in amb]
            if line_upper or (
                sum(c.isupper() for c in plain) >= 2 and not any(c.islower() for c in plain)
            ):
                word = "".join(c.upper() if c in amb else c for c in word)
            elif (
                word[0] in amb
                and not any(c.isupper() for c in word[1:])
                and _SENTENCE_START.search(line[: m.start()])
            ):
                word = word[0].upper() + word[1:]
            out += [line[last : m.start()], word]
            last = m.end()
        lines.append("".join(out) + line[last:])
    return "\n".join(lines)


def decode(data: bytes) -> tuple[str, str]:
    """Bytes of unknown encoding -> (NFC text with "\\n" newlines, encoding name).

    Order: BOM, BOM-less UTF-32 and UTF-16 by NUL pattern, binary check, strict UTF-8,
    then the best-scoring of cp1258 / TCVN3 / VNI (ties keep that order).
    """
    if not data:
        return "", "utf-8"
    if data.startswith(codecs.BOM_UTF8):
        return _finish(data[3:].decode("utf-8", errors="replace")), "utf-8-sig"
    if data.startswith((codecs.BOM_UTF32_LE, codecs.BOM_UTF32_BE)):  # before UTF-16: FF FE 00 00 opens both
        return _finish(data.decode("utf-32", errors="replace")), "utf-32"
    text = _utf32_without_bom(data)
    if text is not None:
        return _finish(text), "utf-32"
    if data.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        return _finish(data.decode("utf-16", errors="replace")), "utf-16"
    text = _utf16_without_bom(data)
    if text is not None:
        return _finish(text), "utf-16"
    if b"\x00" in data:
        raise UndecodableError("NUL bytes outside a UTF-16 pattern: looks like binary data")
    controls = len(data) - len(data.translate(None, _CONTROL))
    if controls > 0.10 * len(data):
        raise UndecodableError(
            f"{controls} of {len(data)} bytes are control characters (> 10%): looks like binary data"
        )
    try:
        return _finish(data.decode("utf-8")), "utf-8"
    except UnicodeDecodeError:
        pass
    cp1258 = data.decode("cp1258", errors="replace")
    candidates = [("cp1258", cp1258, cp1258.count("\ufffd"))]
    candidates += [(name, *_decode_legacy(data, name)) for name in LEGACY]
    scored = [(name, _finish(text), bad) for name, text, bad in candidates]
    name, text, _ = max(scored, key=lambda c: _score(c[1], c[2]))
    return (_restore_case(text) if name == "tcvn3" else text), name


def _ascii(char: str) -> str:
    """Closest ASCII for a char the legacy table lacks; '?' if there is none."""
    if char in _ASCII_FALLBACK:
        return _ASCII_FALLBACK[char]
    folded = "".join(c for c in unicodedata.normalize("NFKD", char) if not unicodedata.combining(c))
    folded = folded.replace("\u2044", "/")  # NFKD of ½ uses FRACTION SLASH
    return folded if folded and folded.isascii() else "?"


def encode_legacy(text: str, encoding: str) -> bytes:
    """Unicode -> TCVN3 or VNI bytes; unmapped chars become ASCII look-alikes.

    TCVN3 has no toned capitals, so those take their lowercase code (what a
    .VnTimeH document stores); plain capitals stay ASCII capitals.
    """
    if encoding not in LEGACY:
        raise ValueError(f"unknown legacy encoding {encoding!r}; expected one of {LEGACY}")
    table = _table(encoding)
    out = bytearray()
    for char in unicodedata.normalize("NFC", text):
        if char in table:
            out += table[char]
        elif char.isascii():
            out += char.encode("ascii")
        elif encoding == "tcvn3" and char.lower() in table:
            out += table[char.lower()]
        else:
            out += _ascii(char).encode("ascii")
    return bytes(out)
