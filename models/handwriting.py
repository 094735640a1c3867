"""Digits written by hand, drawn as pen strokes: training data for the digit reader and the
ink of the corpus's "handwritten number" renderings.

Each digit is a few strokes through control points in a unit box (x right, y down), in
the shapes Vietnamese offices write them (a "1" with its flag, a "7" without a bar, an open
"4"); every sample jitters the points, slants the box, varies the pen width and the
size, as different writers and pens do. Deterministic for a given generator.
"""
from __future__ import annotations

import numpy as np
from PIL import Image, ImageDraw

# strokes per digit: lists of (x, y) control points; a sample follows them with jitter
STROKES: dict[int, list[list[list[tuple[float, float]]]]] = {
    0: [[[(0.5, 0.0), (0.15, 0.2), (0.1, 0.6), (0.35, 1.0), (0.7, 0.95), (0.9, 0.55), (0.8, 0.15), (0.5, 0.0)]],
        [[(0.6, 0.05), (0.25, 0.1), (0.1, 0.55), (0.3, 0.95), (0.7, 0.95), (0.88, 0.5), (0.75, 0.1), (0.45, 0.08)]]],
    1: [[[(0.25, 0.3), (0.62, 0.0), (0.55, 1.0)]], [[(0.6, 0.0), (0.6, 1.0)]],
        [[(0.3, 0.25), (0.6, 0.0), (0.58, 1.0)], [(0.35, 1.0), (0.8, 1.0)]],
        # the long lead-in many Vietnamese hands give the 1: up from low left, then straight down
        [[(0.0, 0.62), (0.5, 0.3), (0.9, 0.0), (0.88, 1.0)]], [[(0.0, 0.92), (0.45, 0.4), (0.9, 0.0), (0.95, 1.0)]],
        [[(0.45, 0.12), (0.65, 0.0), (0.5, 1.0)]]],  # a slash with a small hook
    2: [[[(0.15, 0.25), (0.4, 0.0), (0.75, 0.05), (0.8, 0.35), (0.45, 0.7), (0.1, 1.0), (0.9, 0.98)]],
        [[(0.1, 0.2), (0.5, 0.0), (0.85, 0.25), (0.5, 0.65), (0.15, 0.98), (0.3, 0.85), (0.55, 0.95), (0.9, 0.92)]]],
    3: [[[(0.15, 0.1), (0.5, 0.0), (0.8, 0.2), (0.45, 0.48), (0.85, 0.7), (0.55, 1.0), (0.1, 0.9)]],
        [[(0.15, 0.02), (0.85, 0.0), (0.4, 0.42), (0.85, 0.65), (0.6, 1.0), (0.1, 0.88)]]],
    4: [[[(0.6, 0.0), (0.1, 0.65), (0.9, 0.65)], [(0.65, 0.3), (0.65, 1.0)]],
        [[(0.3, 0.0), (0.15, 0.6), (0.85, 0.6)], [(0.7, 0.1), (0.7, 1.0)]],
        [[(0.25, 0.0), (0.12, 0.55), (0.6, 0.58), (0.75, 0.05), (0.72, 1.0)]]],  # in one stroke
    5: [[[(0.85, 0.0), (0.25, 0.0), (0.18, 0.45), (0.6, 0.38), (0.85, 0.7), (0.55, 1.0), (0.12, 0.88)]],
        [[(0.25, 0.02), (0.18, 0.45), (0.6, 0.38), (0.85, 0.7), (0.55, 1.0), (0.12, 0.88)], [(0.25, 0.02), (0.85, 0.0)]]],
    6: [[[(0.75, 0.0), (0.3, 0.3), (0.12, 0.75), (0.45, 1.0), (0.8, 0.8), (0.65, 0.5), (0.2, 0.6)]],
        [[(0.65, 0.0), (0.3, 0.35), (0.2, 0.85), (0.5, 1.0), (0.8, 0.82), (0.6, 0.55), (0.25, 0.72)]]],
    7: [[[(0.1, 0.05), (0.9, 0.0), (0.4, 1.0)]], [[(0.1, 0.05), (0.9, 0.0), (0.4, 1.0)], [(0.3, 0.5), (0.8, 0.5)]],
        [[(0.05, 0.2), (0.1, 0.05), (0.9, 0.0), (0.55, 0.5), (0.45, 1.0)]]],
    8: [[[(0.5, 0.48), (0.15, 0.25), (0.5, 0.0), (0.85, 0.22), (0.5, 0.48), (0.12, 0.75), (0.5, 1.0),
          (0.88, 0.75), (0.5, 0.48)]],
        # begun at the top right and never closed there, as written fast
        [[(0.85, 0.1), (0.5, 0.0), (0.2, 0.2), (0.5, 0.5), (0.85, 0.75), (0.5, 1.0), (0.15, 0.78), (0.5, 0.5),
          (0.9, 0.02)]]],
    9: [[[(0.8, 0.3), (0.5, 0.0), (0.15, 0.2), (0.3, 0.5), (0.8, 0.35), (0.75, 0.65), (0.55, 1.0)]],
        [[(0.8, 0.25), (0.5, 0.0), (0.15, 0.2), (0.3, 0.48), (0.82, 0.3), (0.82, 1.0)]]],
}


def _smooth(points: np.ndarray, n: int = 24) -> np.ndarray:
    """A Catmull-Rom curve through the points, so a stroke bends instead of breaking."""
    if len(points) < 3:
        return points
    p = np.vstack([points[0], points, points[-1]])
    out = []
    for i in range(1, len(p) - 2):
        p0, p1, p2, p3 = p[i - 1], p[i], p[i + 1], p[i + 2]
        for t in np.linspace(0, 1, n, endpoint=False):
            t2, t3 = t * t, t * t * t
            out.append(0.5 * ((2 * p1) + (-p0 + p2) * t + (2 * p0 - 5 * p1 + 4 * p2 - p3) * t2
                              + (-p0 + 3 * p1 - 3 * p2 + p3) * t3))
    out.append(p[-2])
    return np.array(out)


def draw_digit(draw: ImageDraw.ImageDraw, digit: int, x: float, y: float, h: float,
               rng: np.random.Generator, ink=0) -> float:
    """Write `digit` with its top left at (x, y), `h` pixels high; returns the width used."""
    shape = STROKES[digit][int(rng.integers(len(STROKES[digit])))]
    lead_in = min(p[0] for st in shape for p in st) < 0.1  # a 1 whose lead-in makes it as wide as others
    w = h * float(rng.uniform(0.5, 0.75)) * (float(rng.uniform(0.45, 0.85)) if digit == 1 and not lead_in else 1.0)
    slant = float(rng.uniform(-0.05, 0.45))
    width = max(1, int(round(h * float(rng.uniform(0.07, 0.14)))))
    for stroke in shape:
        pts = np.array(stroke, dtype=float) + rng.normal(0, 0.035, (len(stroke), 2))
        pts = _smooth(pts)
        xs = x + (pts[:, 0] + slant * (1 - pts[:, 1])) * w
        ys = y + pts[:, 1] * h
        draw.line(list(zip(xs.tolist(), ys.tolist())), fill=ink, width=width, joint="curve")
    return w * (1 + slant)


def elastic(gray: np.ndarray, rng: np.random.Generator, alpha: float, sigma: float) -> np.ndarray:
    """The image bent by a smooth random displacement field (Simard et al. 2003): the wobble
    of a hand that no two strokes share."""
    from scipy import ndimage

    dy, dx = (ndimage.gaussian_filter(rng.uniform(-1, 1, gray.shape), sigma) * alpha for _ in range(2))
    yy, xx = np.meshgrid(np.arange(gray.shape[0]), np.arange(gray.shape[1]), indexing="ij")
    return ndimage.map_coordinates(gray, [yy + dy, xx + dx], order=1, cval=255.0)


def pen(gray: np.ndarray, rng: np.random.Generator) -> np.ndarray:
    """Ink as a scan sees it: a blur of the stroke thresholded at a random grey, so a stroke
    comes out fatter (felt pen) or thinner and broken (a dry ballpoint)."""
    from scipy import ndimage

    soft = ndimage.gaussian_filter(gray.astype(float), float(rng.uniform(0.3, 1.6)))
    soft += rng.normal(0, float(rng.uniform(0, 12)), soft.shape)
    return soft < float(rng.uniform(80, 200))


def sample(digit: int, rng: np.random.Generator, size: int = 48, distort: bool = True) -> np.ndarray:
    """One handwritten `digit` as a bool ink array, the digit alone on white; `distort`
    bends it elastically and inks it with a random pen."""
    im = Image.new("L", (size * 2, size * 2), 255)
    draw_digit(ImageDraw.Draw(im), digit, size * 0.4, size * 0.4, size * float(rng.uniform(0.7, 1.0)), rng)
    gray = np.asarray(im, dtype=float)
    if not distort:
        return gray < 128
    gray = elastic(gray, rng, alpha=size * float(rng.uniform(0.0, 0.5)), sigma=size * 0.12)
    return pen(gray, rng)


def not_a_digit(rng: np.random.Generator, size: int = 48) -> np.ndarray:
    """Ink that is no single digit, for the reader to learn to say so: two digits written
    touching (to be cut), or a scribble."""
    im = Image.new("L", (size * 3, size * 2), 255)
    draw = ImageDraw.Draw(im)
    h = size * float(rng.uniform(0.7, 1.0))
    if rng.uniform() < 0.7:
        x = size * 0.4
        x += draw_digit(draw, int(rng.integers(10)), x, size * 0.4, h, rng) * float(rng.uniform(0.75, 1.0))
        draw_digit(draw, int(rng.integers(10)), x, size * 0.4, h, rng)
    else:
        pts = rng.uniform(0, 1, (int(rng.integers(4, 8)), 2)) * [h * 1.2, h] + size * 0.4
        draw.line([tuple(p) for p in _smooth(pts)], fill=0, width=max(1, int(h * rng.uniform(0.07, 0.14))))
    gray = elastic(np.asarray(im, dtype=float), rng, alpha=size * float(rng.uniform(0.0, 0.4)), sigma=size * 0.12)
    return pen(gray, rng)
