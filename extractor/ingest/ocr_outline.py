"""Roman outline numbers of a scanned plan, put back in sequence.

Bold Roman numerals are what Tesseract reads worst: "I." comes out as "IL.", "II." as
"IL" or "H", "III." as "II." — the strokes of I and the period run together. Each
misreading looks like a numeral, so no single heading can be repaired; the outline can:
the top-level items of a plan count I, II, III… So a numeral made only of I-like
strokes that breaks the count (or is no numeral) is read as the next number of it.
A V or an X is taken as printed: those Tesseract reads, and a plan may skip.
"""
from __future__ import annotations

import re

from .model import Block

_MARK = re.compile(r"^([IVXLHl|]{1,5})(\.?)\s+(?=[A-ZĐÀ-Ỹ])")
_ROMAN = re.compile(r"^(X{0,3})(IX|IV|V?I{0,3})$")
_I_LIKE = set("ILHl|")


def roman_value(token: str) -> int | None:
    m = _ROMAN.match(token)
    if not token or not m:
        return None
    tens, ones = m.groups()
    table = {"": 0, "I": 1, "II": 2, "III": 3, "IV": 4, "V": 5, "VI": 6, "VII": 7, "VIII": 8, "IX": 9}
    return 10 * len(tens) + table[ones]


def to_roman(n: int) -> str:
    ones = ["", "I", "II", "III", "IV", "V", "VI", "VII", "VIII", "IX"]
    return "X" * (n // 10) + ones[n % 10]


def renumber_romans(blocks: list[Block]) -> None:
    """Fix, in place, the Roman numbers opening OCR'd headings so they count on."""
    marks = [(b, m) for b in blocks if b.ocr_conf is not None and len(b.text) < 200
             for m in [_MARK.match(b.text)] if m]
    if len(marks) < 2:
        return
    prev = 0
    for b, m in marks:
        token = m.group(1)
        value = roman_value(token)
        if value == prev + 1 or (value is not None and value > prev + 1 and not set(token) <= _I_LIKE):
            prev = value
            continue
        if not set(token) <= _I_LIKE or prev >= 20:
            continue
        prev += 1
        b.text = f"{to_roman(prev)}. {b.text[m.end():]}"
