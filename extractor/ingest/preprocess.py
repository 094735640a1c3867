"""Page preprocessing before Tesseract: grayscale, deskew, binarize, despeckle.

Each step is cheap numpy/PIL work (tens of milliseconds on an A4 page at
300 dpi) because the OCR pipeline must stay within 15% of bare Tesseract's
time. `bench/bench_ocr.py --steps` measures what each step buys in CER;
only steps that helped are on by default (see `DEFAULT_STEPS`).
"""
from __future__ import annotations

from dataclasses import dataclass

import numpy as np
from PIL import Image

# Measured with bench_ocr.py --steps on the first 3 pages of corpus/scan200 (CER,
# bare Tesseract 8.06%): all four steps 3.15%; without despeckle 10.03%; without
# deskew 2.74%. Tesseract reads ±2° lines well, but the layout (rows, margins,
# indents, two-column zones) needs straight lines: without deskew, section F1 on
# scan200 fell from 0.44 to 0.10 and task F1 from 0.77 to 0. So all four stay.
DEFAULT_STEPS = ("gray", "deskew", "binarize", "despeckle")
MAX_SKEW = 3.0  # degrees searched either way; scanners skew by ±2°


@dataclass
class Prepared:
    image: Image.Image  # what Tesseract reads: "L" (gray) or "1" (binary)
    ink: np.ndarray  # bool, True where there is ink, same size as `image`
    angle: float  # degrees the page was rotated by to straighten it
    sideways: bool  # text lines run vertically: the page is turned by 90°/270°


def to_gray(image: Image.Image) -> Image.Image:
    if image.mode in ("RGBA", "LA", "P"):
        bg = Image.new("RGB", image.size, "white")
        rgba = image.convert("RGBA")
        bg.paste(rgba, mask=rgba.getchannel("A"))
        image = bg
    return image.convert("L")


def otsu_threshold(gray: Image.Image) -> int:
    """The gray level splitting ink from paper with the least within-class variance."""
    hist = np.asarray(gray.histogram()[:256], dtype=np.float64)
    total = hist.sum()
    if total == 0:
        return 128
    levels = np.arange(256)
    w0 = np.cumsum(hist)
    w1 = total - w0
    m0 = np.cumsum(hist * levels)
    mt = m0[-1]
    with np.errstate(divide="ignore", invalid="ignore"):
        between = (mt * w0 / total - m0) ** 2 / (w0 * w1)
    between[~np.isfinite(between)] = 0
    return int(np.argmax(between))


def skew_angle(ink_small: np.ndarray) -> tuple[float, bool]:
    """Skew in degrees by the projection profile, and whether lines run vertically.

    Shearing the ink coordinates (y + x·tan a) and histogramming rows is a
    cheap stand-in for rotating: the angle whose row profile is sharpest
    (largest sum of squared differences) is the one that lines text up.
    """
    ys, xs = np.nonzero(ink_small)
    if len(ys) < 50:
        return 0.0, False
    h, w = ink_small.shape

    def score(coord: np.ndarray, offset: int, size: int) -> float:
        prof = np.bincount(coord + offset, minlength=size).astype(np.float64)
        return float(np.sum(np.diff(prof) ** 2))

    pad = int(w * np.tan(np.radians(MAX_SKEW))) + 2
    best, best_s = 0.0, -1.0
    for step, span in ((0.25, MAX_SKEW), (0.05, 0.3)):
        for a in np.arange(best - span, best + span + 1e-9, step):
            s = score(np.round(ys + xs * np.tan(np.radians(a))).astype(np.int64), pad, h + 2 * pad)
            if s > best_s:
                best, best_s = float(a), s
    return best, is_sideways(ink_small)


def is_sideways(ink_small: np.ndarray) -> bool:
    """Do the text lines run vertically (a page turned by 90° or 270°)?"""
    return _spread(ink_small.sum(axis=0)) > 1.5 * _spread(ink_small.sum(axis=1))


def _spread(profile: np.ndarray) -> float:
    """Coefficient of variation of a lightly smoothed ink profile, margins cut off.

    Across the lines, a profile alternates between text and gaps (high); along
    them, many lines' letters average out (low): so it tells which way lines run.
    """
    nz = np.nonzero(profile)[0]
    if len(nz) < 2:
        return 0.0
    p = np.convolve(profile[nz[0]: nz[-1] + 1].astype(np.float64), np.ones(3) / 3, mode="same")
    return float(p.std() / max(p.mean(), 1e-9))


def despeckle(ink: np.ndarray, dpi: float = 300.0) -> np.ndarray:
    """Drop specks: a little ink with nothing else around it.

    Counted on 4×4-pixel cells: a cell with ink whose 28×28-pixel neighbourhood
    holds less ink than a full stop is cleared. A tone mark or the dot under
    "ạ" is as small as a speck, but its letter is always in that neighbourhood.
    """
    from scipy import ndimage

    k = 4
    h, w = (ink.shape[0] // k) * k, (ink.shape[1] // k) * k
    # PIL's box reduce counts a cell's ink exactly (0/16 pixels average to the count)
    # and is 7× faster than numpy's reshape().sum()
    cells = np.asarray(Image.fromarray(ink[:h, :w].view(np.uint8) * np.uint8(16)).reduce(k))
    around = ndimage.uniform_filter(cells.astype(np.float32), size=7, mode="constant") * 49
    speck = (cells > 0) & (around <= 30 * (dpi / 300.0) ** 2)
    if not speck.any():
        return ink
    out = ink.copy()
    ys, xs = np.nonzero(speck)  # specks are few: clear their cells pixel by pixel, no page-size mask
    for dy in range(k):
        for dx in range(k):
            out[ys * k + dy, xs * k + dx] = False
    return out


def ink_image(ink: np.ndarray) -> Image.Image:
    """A bilevel ("1") image of the ink: Tesseract takes a 1-bit page as already
    binarized, which saves it ~0.2 s a page over the same page as 8-bit gray."""
    h, w = ink.shape
    return Image.frombytes("1", (w, h), np.packbits(~ink, axis=1).tobytes())


def prepare(image: Image.Image, steps: tuple[str, ...] = DEFAULT_STEPS) -> Prepared:
    """Straighten and clean one page image for Tesseract."""
    gray = to_gray(image) if "gray" in steps or image.mode not in ("L", "1") else image.convert("L")
    thr = otsu_threshold(gray)
    small = np.asarray(gray.reduce(4)) <= thr
    angle, sideways = 0.0, is_sideways(small)
    if "deskew" in steps and not sideways:
        angle = skew_angle(small)[0]
        if abs(angle) >= 0.1:
            # shearing y by +x·tan(a) straightened the rows: rotate the page by -a
            gray = gray.rotate(-angle, resample=Image.NEAREST, fillcolor=255)
    ink = np.asarray(gray) <= thr
    if "despeckle" in steps:
        ink = despeckle(ink)
    if "binarize" in steps or "despeckle" in steps:
        out = ink_image(ink)
    else:
        out = gray
    return Prepared(out, ink, angle, sideways)


__all__ = ["prepare", "Prepared", "otsu_threshold", "skew_angle", "is_sideways", "despeckle", "ink_image", "to_gray", "DEFAULT_STEPS"]
