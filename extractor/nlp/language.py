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
from collections import Counter

from ..errors import ExtractError

SAMPLE_CHARS = 8_000  # the start of the document says enough
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


def _words(text: str) -> list[str]:
    return _WORD.findall(unicodedata.normalize("NFC", text[:SAMPLE_CHARS]))


def _shares(words: list[str]) -> tuple[float, float, float]:
    """(Vietnamese-looking, longer than a syllable, outside the alphabet) shares of `words`.

    Vietnamese-looking: marked (a tone or a Vietnamese letter) and written only in the
    Vietnamese alphabet; mojibake (another 8-bit code page read as Vietnamese) has ï ä ç.
    Set operations keep this a few milliseconds per document.
    """
    vi = long = foreign = 0
    for w, k in Counter(words).items():  # syllables repeat: each distinct word judged once, counted k times
        letters = set(w)
        if letters <= _ALPHABET:
            vi += k * (not letters.isdisjoint(_MARKED))
        else:
            foreign += k
        long += k * (len(w) > 7)
    n = len(words)
    return vi / n, long / n, foreign / n


def vietnamese_share(text: str) -> tuple[float, int]:
    """(share of words that look Vietnamese, number of words looked at)."""
    words = _words(text)
    return (_shares(words)[0] if words else 0.0), len(words)


def check_vietnamese(text: str, path: str) -> None:
    """Raise `ExtractError(stage="language")` when the text is clearly not Vietnamese."""
    words = _words(text)
    n = len(words)
    if n == 0:
        raise ExtractError(path, "ingest", "no text found in the document")
    if n < MIN_WORDS:
        return
    share, long, foreign = _shares(words)
    if share < MIN_SHARE:
        raise ExtractError(
            path, "language", f"not Vietnamese text ({share:.0%} of {n} words have Vietnamese letters or tone marks)"
        )
    if long > MAX_LONG:
        raise ExtractError(path, "language", f"not Vietnamese text ({long:.0%} of {n} words are longer than a syllable)")
    if foreign > MAX_FOREIGN:
        raise ExtractError(
            path, "language", f"not Vietnamese text ({foreign:.0%} of {n} words have letters outside the Vietnamese alphabet)"
        )
