"""One handwritten blank's ink into digits, and each digit into the classifier's features.

Kept apart from the blank-finding code (ocr_digits.py) because `make models` trains on
exactly these features: a digit's box scaled into a 24×24 field, its ink density in 12×12
cells, and the direction of its strokes (gradient orientations, 8 bins in 4×4 cells, as
HOG descriptors do) — 8×8 ink counts could not tell a "1" with a long lead-in from a "4".
"""
from __future__ import annotations

import numpy as np
from PIL import Image

FIELD = 24  # the digit's box is scaled to fit 20×20 and centred in a field this size
N_FEATURES = 12 * 12 + 4 * 4 * 8 + 1
REJECT = 10  # the class of ink that is no one digit: two touching, a part of one, a scribble


def features(ink: np.ndarray) -> np.ndarray:
    """Density, stroke directions and aspect of one digit's ink (bool array)."""
    ys, xs = np.nonzero(ink)
    if not len(ys):
        return np.zeros(N_FEATURES)
    ink = ink[ys.min():ys.max() + 1, xs.min():xs.max() + 1]
    h, w = ink.shape
    side = max(h, w)
    square = np.zeros((side, side), dtype=np.uint8)
    square[(side - h) // 2:(side - h) // 2 + h, (side - w) // 2:(side - w) // 2 + w] = ink * 255
    small = np.asarray(Image.fromarray(square).resize((20, 20), Image.BILINEAR), dtype=np.float64) / 255
    field = np.zeros((FIELD, FIELD))
    field[2:22, 2:22] = small
    density = field.reshape(12, 2, 12, 2).mean(axis=(1, 3)).ravel()
    gy, gx = np.gradient(field)
    mag = np.hypot(gx, gy)
    bins = ((np.arctan2(gy, gx) + np.pi) / (2 * np.pi) * 8).astype(int) % 8
    hog = np.zeros((4, 4, 8))
    cell = FIELD // 4
    for by in range(4):
        for bx in range(4):
            sl = (slice(by * cell, (by + 1) * cell), slice(bx * cell, (bx + 1) * cell))
            hog[by, bx] = np.bincount(bins[sl].ravel(), weights=mag[sl].ravel(), minlength=8)
    hog /= max(1e-6, float(np.linalg.norm(hog)))
    return np.concatenate([density, 3 * hog.ravel(), [np.log(w / h)]])


def drop_guides(ink: np.ndarray) -> np.ndarray:
    """The blank's dotted or ruled guide line taken out: rows whose ink is mostly one long
    thin run across the zone (a hand's strokes never run flat that long)."""
    if ink.size == 0:
        return ink
    out = ink.copy()
    long = max(12, int(0.45 * ink.shape[1]))
    for y in np.nonzero(ink.sum(axis=1) >= long)[0]:
        row = ink[y]
        above = ink[y - 3] if y >= 3 else np.zeros_like(row)
        below = ink[y + 3] if y + 3 < ink.shape[0] else np.zeros_like(row)
        out[y] = row & (above | below)  # keep where a stroke crosses the line
    return out


def split(ink: np.ndarray) -> list[np.ndarray]:
    """The digits of a blank's ink, left to right: strokes that overlap across merged, specks
    and underlines (short or flat) left out."""
    from scipy import ndimage

    if ink.size == 0:
        return []
    ink = drop_guides(ink)
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
