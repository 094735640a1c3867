"""Numbers and days written by hand into the header's blanks, read by a digit classifier.

ND 30/2020 has the văn thư write the number into "Số:    /KH-UBND" and the day into
"ngày    tháng" once the document is signed, by hand on paper. Tesseract's `vie` model
reads such ink as junk ("O{_", "ÈŒ_") or, worse, as other digits. So the blank's zone —
between "Số:" and the code, between "ngày" and "tháng" — is cut from the page's ink,
split into digits (connected strokes, overlapping ones merged) and each digit read by a
small scikit-learn classifier trained by `make models` (scikit-learn's handwritten digits
plus strokes drawn like office handwriting, plus printed digits). The reading is kept only
when every digit is sure; otherwise the blank is left unread, and the header says the
field is unreadable — a guessed number is worse than none.
"""
from __future__ import annotations

import re

import numpy as np
from PIL import Image

ARTIFACT = "digits.joblib"
SURE = 0.80  # the least probability every digit of a reading needs
TESSERACT_SURE = 0.93  # Tesseract's own digits above this are taken as printed and read
_CODE = re.compile(r"^/\s*[A-ZĐ]")


def features(ink: np.ndarray) -> np.ndarray:
    """One digit's ink as scikit-learn's digits are: its box centred in 32×32, ink counted
    in 4×4 cells (0..16), so 64 values."""
    ys, xs = np.nonzero(ink)
    if not len(ys):
        return np.zeros(64)
    ink = ink[ys.min():ys.max() + 1, xs.min():xs.max() + 1]
    h, w = ink.shape
    side = max(h, w)
    square = np.zeros((side, side), dtype=np.uint8)
    square[(side - h) // 2:(side - h) // 2 + h, (side - w) // 2:(side - w) // 2 + w] = ink * 255
    small = np.asarray(Image.fromarray(square).resize((28, 28), Image.BILINEAR)) > 70
    big = np.zeros((32, 32), dtype=np.float64)
    big[2:30, 2:30] = small
    return big.reshape(8, 4, 8, 4).sum(axis=(1, 3)).ravel()


def split(ink: np.ndarray) -> list[np.ndarray]:
    """The digits of a blank's ink, left to right: strokes that overlap across merged, specks
    and underlines (short or flat) left out."""
    from scipy import ndimage

    if ink.size == 0:
        return []
    lab, n = ndimage.label(ink, structure=np.ones((3, 3)))
    boxes = ndimage.find_objects(lab)
    tall = max((b[0].stop - b[0].start for b in boxes), default=0)
    parts = []
    for k, b in enumerate(boxes):
        h, w = b[0].stop - b[0].start, b[1].stop - b[1].start
        if h < 0.45 * tall or h < 8 or w > 3 * h or b[1].start == 0 or b[1].stop == ink.shape[1]:
            continue  # a speck, an underline, or a stroke the zone's edge cuts (the code's slash)
        parts.append([b[1].start, b[1].stop, lab == k + 1])
    parts.sort(key=lambda p: p[0])
    merged: list[list] = []
    for p in parts:
        if merged and min(merged[-1][1], p[1]) - max(merged[-1][0], p[0]) > 0.4 * min(p[1] - p[0], merged[-1][1] - merged[-1][0]):
            merged[-1] = [min(merged[-1][0], p[0]), max(merged[-1][1], p[1]), merged[-1][2] | p[2]]
        else:
            merged.append(p)
    return [m[2] for m in merged]


def read(ink: np.ndarray, model) -> tuple[str, float] | None:
    """(digits, least probability) of the ink in a blank, or None when there is none."""
    return _classify(split(ink), model)


def _classify(digits: list[np.ndarray], model) -> tuple[str, float] | None:
    if not digits or len(digits) > 4:
        return None
    probs = model.predict_proba(np.vstack([features(d) for d in digits]))
    classes = model.classes_
    return "".join(str(classes[i]) for i in probs.argmax(axis=1)), float(probs.max(axis=1).min())


def _word_end(ink: np.ndarray, w: dict, h: float) -> int:
    """Where the printed word of box `w` ends: Tesseract may take the first written digit
    into the word's box ("ngày2" for "ngày 27"), but a gap of paper lies between them."""
    inked = ink[int(w["top"]):int(w["bottom"]), int(w["x0"]):int(w["x1"])].sum(axis=0) > max(1, 0.04 * h)  # specks aside
    gap = max(3, int(0.12 * h))  # wider than between letters, as between words
    run = 0
    for x in range(int(1.2 * h), len(inked)):
        run = 0 if inked[x] else run + 1
        if run >= gap:
            return int(w["x0"]) + x - run + 1
    return int(w["x1"])


def _ink_height(ink: np.ndarray) -> int:
    rows = np.nonzero(ink.any(axis=1))[0]
    return int(rows[-1] - rows[0] + 1) if len(rows) else 0


def _taller_than_type(digits: list[np.ndarray], ink: np.ndarray, beside: dict) -> bool | None:
    """Whether the blank's ink stands taller than the printed word beside it (a hand writes
    larger than type); None when the blank holds no ink."""
    tallest = max((_ink_height(d) for d in digits), default=0)
    if not tallest:
        return None
    ref = _ink_height(ink[int(beside["top"]):int(beside["bottom"]), int(beside["x0"]):int(beside["x1"])])
    return tallest > 1.1 * ref


def _clear_left(ink: np.ndarray, y0: int, y1: int, x0: int, h: float) -> int:
    """`x0` moved left until no stroke crosses it: a digit is never cut in two."""
    stop = max(0, x0 - int(0.6 * h))
    while x0 > stop and ink[y0:y1, x0 - 1].any():
        x0 -= 1
    return x0


def fill_blanks(words: list[dict], ink: np.ndarray, model) -> list[dict]:
    """Tesseract's words with the header's handwritten number and day read by the classifier.

    Only the page's top third holds the header. Digits Tesseract is sure of are kept as
    read, and so are digits the classifier reads the same; where Tesseract saw no digits,
    a sure reading of the classifier becomes one word (its `conf` the classifier's); any
    other blank loses what Tesseract made of it, so no number is guessed.
    """
    if model is None or not words:
        return words
    top_third = ink.shape[0] / 3
    out = list(words)
    for opener, closer in (("Số", _CODE), ("ngày", re.compile(r"^tháng$"))):
        for i, w in enumerate(out):
            if w["top"] > top_third or not w["text"].rstrip(":").lower().startswith(opener.lower()):
                continue
            line = [x for x in out[i + 1:i + 6] if x["line"] == w["line"]]
            end = next((x for x in line if closer.match(x["text"])), None)
            if end is None:
                continue
            h = max(w["bottom"] - w["top"], end["bottom"] - end["top"])
            x0 = _clear_left(ink, int(w["top"]), int(w["bottom"]), _word_end(ink, w, h) + int(0.05 * h), h)
            x1 = int(end["x0"] - 0.05 * h)
            inside = [x for x in line if x is not end and x["x1"] > x0 and x["x0"] < x1]
            if inside and all(x["text"].isdigit() and x["conf"] >= TESSERACT_SURE for x in inside):
                break  # printed, or written so clearly that Tesseract is sure
            y0, y1 = int(max(0, min(w["top"], end["top"]) - 0.8 * h)), int(max(w["bottom"], end["bottom"]) + 0.3 * h)
            digits = split(ink[y0:y1, x0:x1]) if x1 - x0 > 0.3 * h else []
            hand = _taller_than_type(digits, ink, end)
            tess = "".join(x["text"] for x in inside) if inside and all(x["text"].isdigit() for x in inside) else None
            if tess is not None and hand is False:
                break  # type, as tall as the code's beside it: Tesseract reads type
            got = _classify(digits, model)
            # a blank Tesseract saw nothing in counts only when its ink is taller than type
            sure = got is not None and got[1] >= SURE and (bool(inside) or hand is True)
            if tess is not None and sure and got[0] == tess:
                break  # two readers agree
            out = [x for x in out if x not in inside]
            if tess is None and sure:  # Tesseract saw no digits; the classifier is sure of them
                out.insert(out.index(w) + 1, {"text": got[0], "x0": x0, "x1": x1, "top": w["top"],
                                              "bottom": w["bottom"], "conf": round(got[1], 3), "line": w["line"]})
            break
    return out

