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

_VI_LETTERS = set("ăâđêôơưĂÂĐÊÔƠƯ")
_TONES = {"\u0300", "\u0301", "\u0303", "\u0309", "\u0323"}  # huyền sắc ngã hỏi nặng
_WORD = re.compile(r"[^\W\d_]+")


def _is_vietnamese_word(w: str) -> bool:
    if any(c in _VI_LETTERS for c in w):
        return True
    return any(c in _TONES for c in unicodedata.normalize("NFD", w))


def vietnamese_share(text: str) -> tuple[float, int]:
    """(share of words that look Vietnamese, number of words looked at)."""
    words = _WORD.findall(text[:SAMPLE_CHARS])
    if not words:
        return 0.0, 0
    return sum(map(_is_vietnamese_word, words)) / len(words), len(words)


def check_vietnamese(text: str, path: str) -> None:
    """Raise `ExtractError(stage="language")` when the text is clearly not Vietnamese."""
    share, n = vietnamese_share(text)
    if n == 0:
        raise ExtractError(path, "language", "no words in the text")
    if n >= MIN_WORDS and share < MIN_SHARE:
        raise ExtractError(
            path, "language", f"not Vietnamese text ({share:.0%} of {n} words have Vietnamese letters or tone marks)"
        )
