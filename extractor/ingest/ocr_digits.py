"""Numbers and days written by hand into the header's blanks, read by a digit classifier.

ND 30/2020 has the văn thư write the number into "Số:    /KH-UBND" and the day into
"ngày    tháng" once the document is signed, by hand on paper. Tesseract's `vie` model
reads such ink as junk ("O{_", "ÈŒ_") or, worse, as other digits. So the blank's zone —
between "Số:" and the code, between "ngày" and "tháng" — is cut from the page's ink,
split into digits (connected strokes, overlapping ones merged, see digit_shapes.py) and
each digit read by two small scikit-learn classifiers trained by `make models`
(scikit-learn's handwritten digits plus strokes drawn like office handwriting, plus
printed digits). The reading is kept only when both readers agree and are sure of every
digit; otherwise the blank is left unread, and the header says the
field is unreadable — a guessed number is worse than none. (Tesseract's digit mode on the
cleaned crop was tried as a second reader: it read "04" for a written "01" and nothing
for "11", "68" and "10", so it is no second opinion on handwriting.)
"""
from __future__ import annotations

import re

import numpy as np

from .digit_shapes import REJECT, features, split

ARTIFACT = "digits.joblib"
# the least mean probability of two agreeing readers every digit of a reading needs (`make
# models` prints, for each threshold, the shares of held-out digits read surely and rightly or
# wrongly: scikit-learn's hands, other strokes, no-digit ink, a font)
SURE = 0.80
TESSERACT_SURE = 0.93  # Tesseract's own digits above this are taken as printed and read
_CODE = re.compile(r"^/\s*[A-ZĐ]")


def read(ink: np.ndarray, model) -> tuple[str, float] | None:
    """(digits, least probability) of the ink in a blank, or None when there is none."""
    return _classify(split(ink), model)


def probabilities(model, x: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """The readers' mean class probabilities for each row of features, and whether every
    reader's best class is the same (`model` is a list of classifiers, or one)."""
    readers = model if isinstance(model, (list, tuple)) else [model]
    probs = [np.asarray(r.predict_proba(x), dtype=np.float64) for r in readers]
    best = [p.argmax(axis=1) for p in probs]
    return np.mean(probs, axis=0), np.all([b == best[0] for b in best], axis=0)


def _classify(digits: list[np.ndarray], model) -> tuple[str, float] | None:
    """The digits read and the least probability among them (0 where the readers disagree);
    a piece read as no one digit (two digits written touching, a scribble) makes the reading
    "?" with probability 0. Cutting touching digits apart was tried: the halves of a "06"
    were read surely as "66", so a joined pair stays unread — never a digit guessed."""
    if not digits or len(digits) > 4:
        return None
    classes = list((model[0] if isinstance(model, (list, tuple)) else model).classes_)
    probs, agree = probabilities(model, np.vstack([features(d) for d in digits]))
    best = [classes[int(p.argmax())] for p in probs]
    if REJECT in best:
        return "?", 0.0
    text = "".join(str(b) for b in best)
    least = float(np.where(agree, probs.max(axis=1), 0.0).min())
    return (text, least) if len(text) <= 4 else None


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


def _printed_end(w: dict, line: list[dict], h: float) -> float:
    """Where the printed word of box `w` should end, from the width per letter of the sure
    words of its line: Tesseract's box of "ngày" may run on over digits written touching it."""
    good = [x for x in line if x is not w and x["conf"] >= 0.9 and x["text"].isalpha() and len(x["text"]) >= 3]
    letters = sum(len(x["text"]) for x in good)
    per = sum(x["x1"] - x["x0"] for x in good) / letters if letters else 0.5 * h
    return w["x0"] + len(re.match(r"[^\d:]*", w["text"]).group(0)) * per + (0.4 * per if w["text"].endswith(":") else 0)


def _blank_start(ink: np.ndarray, w: dict, line: list[dict], h: float) -> tuple[int, bool]:
    """Where the blank after the printed word `w` begins. When the word's box runs on well
    past its letters' width, the hand's first digit is in it: the cut goes at the thinnest
    column near the letters' end (the word's tail left there is too short to pass for a
    digit), else after the gap that follows the word, moved left off any stroke it crosses.
    Also whether the word's box held ink of the blank (Tesseract saw something there)."""
    end = _word_end(ink, w, h)
    est = _printed_end(w, line, h)
    if end > est + 0.45 * h:
        lo, hi = int(est - 0.15 * h), int(min(end, est + 0.35 * h))
        prof = ink[int(w["top"]):int(w["bottom"]), lo:hi].sum(axis=0)
        if len(prof):
            return lo + int(np.argmin(prof)), True
    return _clear_left(ink, int(w["top"]), int(w["bottom"]), end + int(0.05 * h), h), False


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
    or the ink stands taller than type (a hand's), a sure reading of the classifier becomes
    one word (its `conf` the classifier's); any other blank loses what Tesseract made of
    it, so no number is guessed.
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
            x0, swallowed = _blank_start(ink, w, [x for x in out if x["line"] == w["line"]], h)
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
            sure = got is not None and got[1] >= SURE and (bool(inside) or swallowed or hand is True)
            if tess is not None and sure and got[0] == tess:
                break  # two readers agree
            out = [x for x in out if x not in inside]
            # Tesseract saw no digits, or digits in ink taller than type, where its model reads
            # a hand's "11" as "44": the classifier's sure reading stands
            if sure and (tess is None or hand is True):
                out.insert(out.index(w) + 1, {"text": got[0], "x0": x0, "x1": x1, "top": w["top"],
                                              "bottom": w["bottom"], "conf": round(got[1], 3), "line": w["line"]})
            break
    return out

