"""Is this Vietnamese? A cheap check before the NLP stage, so an English report or
an invoice in another language becomes a clear error row instead of an empty record.

Vietnamese is written in syllables, and most syllables carry a tone mark or a
Vietnamese letter (ă â đ ê ô ơ ư): in running Vietnamese text well over a third
of the words do, in English, French or a romanized name list almost none do.
Text typed without any diacritics ("khong dau") fails this check; the reason says so.
"""
from __future__ import annotations

import re
import unicodedata

from ..errors import ExtractError

SAMPLE_CHARS = 20_000
MIN_SHARE = 0.15  # share of words with Vietnamese letters or tone marks
MIN_WORDS = 20  # shorter texts are not judged
MAX_LONG = 0.10  # share of words longer than any Vietnamese syllable (French, English, ...)
MAX_FOREIGN = 0.25  # share of words with letters Vietnamese does not use (mojibake, other scripts)

_TONES = ("", "\u0300", "\u0301", "\u0303", "\u0309", "\u0323")  # ngang huyền sắc ngã hỏi nặng
_VOWELS = "a ă â e ê i o ô ơ u ư y".split()
# every letter of the Vietnamese alphabet with its tone marks, both cases
_ALPHABET = {unicodedata.normalize("NFC", v + t) for v in _VOWELS for t in _TONES} | set("bcdđghklmnpqrstvx") | set("fjwz")
_ALPHABET |= {c.upper() for c in _ALPHABET}
_MARKED = {c for c in _ALPHABET if not c.isascii()}
_WORD = re.compile(r"[^\W\d_]+")


def _is_vietnamese_word(w: str) -> bool:
    """Marked (a tone or a Vietnamese letter) and written only in the Vietnamese alphabet:
    mojibake (text in another 8-bit code page read as Vietnamese) has letters like ï ä ç."""
    w = unicodedata.normalize("NFC", w)
    return any(c in _MARKED for c in w) and all(c in _ALPHABET for c in w)


def _is_foreign_word(w: str) -> bool:
    return not all(c in _ALPHABET for c in unicodedata.normalize("NFC", w))


def vietnamese_share(text: str) -> tuple[float, int]:
    """(share of words that look Vietnamese, number of words looked at)."""
    words = _WORD.findall(text[:SAMPLE_CHARS])
    if not words:
        return 0.0, 0
    return sum(map(_is_vietnamese_word, words)) / len(words), len(words)


def long_share(text: str) -> float:
    """Share of words longer than a Vietnamese syllable can be (7 letters, "nghiêng")."""
    words = _WORD.findall(text[:SAMPLE_CHARS])
    return sum(len(w) > 7 for w in words) / len(words) if words else 0.0


def foreign_share(text: str) -> float:
    """Share of words with letters outside the Vietnamese alphabet (ä ç ж 中 …)."""
    words = _WORD.findall(text[:SAMPLE_CHARS])
    return sum(map(_is_foreign_word, words)) / len(words) if words else 0.0


def check_vietnamese(text: str, path: str) -> None:
    """Raise `ExtractError(stage="language")` when the text is clearly not Vietnamese."""
    share, n = vietnamese_share(text)
    if n == 0:
        raise ExtractError(path, "ingest", "no text found in the document")
    if n < MIN_WORDS:
        return
    if share < MIN_SHARE:
        raise ExtractError(
            path, "language", f"not Vietnamese text ({share:.0%} of {n} words have Vietnamese letters or tone marks)"
        )
    long = long_share(text)
    if long > MAX_LONG:
        raise ExtractError(path, "language", f"not Vietnamese text ({long:.0%} of {n} words are longer than a syllable)")
    foreign = foreign_share(text)
    if foreign > MAX_FOREIGN:
        raise ExtractError(
            path, "language", f"not Vietnamese text ({foreign:.0%} of {n} words have letters outside the Vietnamese alphabet)"
        )
