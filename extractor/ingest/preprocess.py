"""Page preprocessing before Tesseract: grayscale, deskew, despeckle, binarize.

Each step is cheap numpy/PIL work (tens of milliseconds on an A4 page at
300 dpi; rotating a skewed page ~0.15 s) because the OCR pipeline must stay
within 15% of bare Tesseract's time. `bench/bench_ocr.py --steps` measures
what each step buys in CER; only steps that helped are on by default (see
`DEFAULT_STEPS`).
"""
from __future__ import annotations

from dataclasses import dataclass

import numpy as np
from PIL import Image

# Measured with bench_ocr.py --steps / CER on all 25 pages of corpus/scan200 (bare
# Tesseract 8.43%), deskew rotating bilinearly: gray+deskew+despeckle 2.40%;
# with binarize (Tesseract reads our 1-bit ink, not the cleaned gray) 3.55%;
# without despeckle 8.59%. (Earlier, nearest-neighbour rotation and binarize: 4.27%.)
# Tesseract reads ±2° lines well, but the layout (rows, margins, indents,
# two-column zones) needs straight lines: without deskew, section F1 on scan200
# fell from 0.44 to 0.10 and task F1 from 0.77 to 0. B/W pages are binarized
# whatever the steps (see `prepare`), so "binarize" only changes gray scans.
DEFAULT_STEPS = ("gray", "deskew", "despeckle")
MAX_SKEW = 3.0  # degrees searched either way; scanners skew by ±2°
SPECK_CELL = 4  # pixels: specks are found and cleared on cells this size


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
    if image.mode == "RGB":
        image = drop_red(image)
    return image.convert("L")


SEAL_RED = 60  # how much redder than green and blue a pixel is when it is the seal's ink


def drop_red(image: Image.Image) -> Image.Image:
    """The red round seal (con dấu) and red "HỎA TỐC"/"KHẨN" stamps whitened out.

    ND 30/2020 has the seal stamped in red over the signer's post and name; in
    gray it is as dark as the text and Tesseract reads it as letters. Black type
    under the red stays dark in every channel, so only the red ink goes.
    """
    rgb = np.asarray(image)
    r = rgb[..., 0].astype(np.int16)
    red = (r > 110) & (r - np.maximum(rgb[..., 1], rgb[..., 2]) > SEAL_RED)
    if not red.any():
        return image
    out = rgb.copy()
    out[red] = 255
    return Image.fromarray(out, "RGB")


def otsu_threshold(gray: Image.Image, histogram: list[int] | None = None) -> int:
    """The gray level splitting ink from paper with the least within-class variance."""
    hist = np.asarray((histogram or gray.histogram())[:256], dtype=np.float64)
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


def speck_cells(ink: np.ndarray, dpi: float = 300.0) -> tuple[np.ndarray, np.ndarray]:
    """Rows and columns of the 4×4-pixel cells (`SPECK_CELL`) holding specks.

    A cell with ink whose 28×28-pixel neighbourhood holds less ink than a full
    stop is a speck. A tone mark or the dot under "ạ" is as small as a speck,
    but its letter is always in that neighbourhood.
    """
    from scipy import ndimage

    k = SPECK_CELL
    h, w = (ink.shape[0] // k) * k, (ink.shape[1] // k) * k
    # PIL's box reduce counts a cell's ink exactly (0/16 pixels average to the count)
    # and is 7× faster than numpy's reshape().sum()
    cells = np.asarray(Image.fromarray(ink[:h, :w].view(np.uint8) * np.uint8(16)).reduce(k))
    around = ndimage.uniform_filter(cells.astype(np.float32), size=7, mode="constant") * 49
    return np.nonzero((cells > 0) & (around <= 30 * (dpi / 300.0) ** 2))


def _fill(a: np.ndarray, cells: tuple[np.ndarray, np.ndarray], value) -> np.ndarray:
    """A copy of `a` with the given cells set to `value` (specks are few: no page-size mask)."""
    out = a.copy()
    ys, xs = cells
    for dy in range(SPECK_CELL):
        for dx in range(SPECK_CELL):
            out[ys * SPECK_CELL + dy, xs * SPECK_CELL + dx] = value
    return out


def despeckle(ink: np.ndarray, dpi: float = 300.0) -> np.ndarray:
    """The ink without specks (see `speck_cells`)."""
    cells = speck_cells(ink, dpi)
    return _fill(ink, cells, False) if len(cells[0]) else ink


def ink_image(ink: np.ndarray) -> Image.Image:
    """A bilevel ("1") image of the ink: Tesseract takes a 1-bit page as already
    binarized, which saves it ~0.2 s a page over the same page as 8-bit gray."""
    h, w = ink.shape
    return Image.frombytes("1", (w, h), np.packbits(~ink, axis=1).tobytes())


def erase(prep: Prepared, mask: np.ndarray) -> Image.Image:
    """The page Tesseract reads with `mask` (a table's rules) turned to paper."""
    if prep.image.mode == "1":
        return ink_image(prep.ink & ~mask)
    gray = np.array(prep.image)
    gray[mask] = 255
    return Image.fromarray(gray)


def _bilevel(image: Image.Image, hist: list[int]) -> bool:
    """Is the source page black and white (a B/W scan), with nothing for gray to add?"""
    return image.mode == "1" or sum(1 for n in hist[:256] if n) <= 2


def prepare(image: Image.Image, steps: tuple[str, ...] = DEFAULT_STEPS) -> Prepared:
    """Straighten and clean one page image for Tesseract.

    Tesseract's LSTM reads each text line from the gray page (it binarizes only
    to find the lines), so a gray scan goes to it as cleaned gray: straightened,
    specks turned to paper. A black-and-white page, or any page with the
    "binarize" step, goes as its 1-bit ink, which Tesseract reads faster.
    """
    gray = to_gray(image) if "gray" in steps or image.mode not in ("L", "1") else image.convert("L")
    hist = gray.histogram()
    thr = otsu_threshold(gray, hist)
    small = np.asarray(gray.reduce(4)) <= thr
    angle, sideways = 0.0, is_sideways(small)
    if "deskew" in steps and not sideways:
        angle = skew_angle(small)[0]
        if abs(angle) >= 0.1:
            # shearing y by +x·tan(a) straightened the rows: rotate the page by -a.
            # Bilinear, not nearest: nearest leaves a stair step in every stroke
            # (scan200 CER 3.55% vs 4.27%); it costs ~0.15 s, on skewed pages only.
            gray = gray.rotate(-angle, resample=Image.BILINEAR, fillcolor=255)
    ink = np.asarray(gray) <= thr
    specks = speck_cells(ink) if "despeckle" in steps else (np.zeros(0, int), np.zeros(0, int))
    if len(specks[0]):
        ink = _fill(ink, specks, False)
    if "binarize" in steps or _bilevel(image, hist):
        out = ink_image(ink)
    elif len(specks[0]):
        out = Image.fromarray(_fill(np.asarray(gray), specks, 255))
    else:
        out = gray
    return Prepared(out, ink, angle, sideways)


__all__ = ["prepare", "Prepared", "otsu_threshold", "skew_angle", "is_sideways", "despeckle", "speck_cells", "ink_image",
           "erase", "to_gray", "DEFAULT_STEPS"]
