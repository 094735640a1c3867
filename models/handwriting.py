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
    0: [[[(0.5, 0.0), (0.15, 0.2), (0.1, 0.6), (0.35, 1.0), (0.7, 0.95), (0.9, 0.55), (0.8, 0.15), (0.5, 0.0)]]],
    1: [[[(0.25, 0.3), (0.62, 0.0), (0.55, 1.0)]], [[(0.6, 0.0), (0.6, 1.0)]],
        [[(0.3, 0.25), (0.6, 0.0), (0.58, 1.0)], [(0.35, 1.0), (0.8, 1.0)]]],
    2: [[[(0.15, 0.25), (0.4, 0.0), (0.75, 0.05), (0.8, 0.35), (0.45, 0.7), (0.1, 1.0), (0.9, 0.98)]]],
    3: [[[(0.15, 0.1), (0.5, 0.0), (0.8, 0.2), (0.45, 0.48), (0.85, 0.7), (0.55, 1.0), (0.1, 0.9)]]],
    4: [[[(0.6, 0.0), (0.1, 0.65), (0.9, 0.65)], [(0.65, 0.3), (0.65, 1.0)]],
        [[(0.3, 0.0), (0.15, 0.6), (0.85, 0.6)], [(0.7, 0.1), (0.7, 1.0)]]],
    5: [[[(0.85, 0.0), (0.25, 0.0), (0.18, 0.45), (0.6, 0.38), (0.85, 0.7), (0.55, 1.0), (0.12, 0.88)]]],
    6: [[[(0.75, 0.0), (0.3, 0.3), (0.12, 0.75), (0.45, 1.0), (0.8, 0.8), (0.65, 0.5), (0.2, 0.6)]]],
    7: [[[(0.1, 0.05), (0.9, 0.0), (0.4, 1.0)]], [[(0.1, 0.05), (0.9, 0.0), (0.4, 1.0)], [(0.3, 0.5), (0.8, 0.5)]]],
    8: [[[(0.5, 0.48), (0.15, 0.25), (0.5, 0.0), (0.85, 0.22), (0.5, 0.48), (0.12, 0.75), (0.5, 1.0),
          (0.88, 0.75), (0.5, 0.48)]]],
    9: [[[(0.8, 0.3), (0.5, 0.0), (0.15, 0.2), (0.3, 0.5), (0.8, 0.35), (0.75, 0.65), (0.55, 1.0)]]],
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
    w = h * float(rng.uniform(0.5, 0.75)) * (0.55 if digit == 1 else 1.0)
    slant = float(rng.uniform(-0.05, 0.3))
    width = max(1, int(round(h * float(rng.uniform(0.07, 0.14)))))
    for stroke in shape:
        pts = np.array(stroke, dtype=float) + rng.normal(0, 0.035, (len(stroke), 2))
        pts = _smooth(pts)
        xs = x + (pts[:, 0] + slant * (1 - pts[:, 1])) * w
        ys = y + pts[:, 1] * h
        draw.line(list(zip(xs.tolist(), ys.tolist())), fill=ink, width=width, joint="curve")
    return w * (1 + slant)


def sample(digit: int, rng: np.random.Generator, size: int = 48) -> np.ndarray:
    """One handwritten `digit` as a bool ink array, the digit alone on white."""
    im = Image.new("L", (size * 2, size * 2), 255)
    draw_digit(ImageDraw.Draw(im), digit, size * 0.4, size * 0.4, size * float(rng.uniform(0.7, 1.0)), rng)
    return np.asarray(im) < 128
