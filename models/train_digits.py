"""The handwritten-digit reader of the header's blanks (extractor/ingest/ocr_digits.py).

Training data, all made here: scikit-learn's handwritten digits (1 797, 8×8, shipped with
the library), digits drawn as pen strokes (handwriting.py) and digits printed in the
system's serif and sans fonts, all in the reader's 64 features. Held out: strokes drawn
with another generator seed, and the printed digits of one font.
"""
from __future__ import annotations

import glob
import sys
from pathlib import Path

import numpy as np
from PIL import Image, ImageDraw, ImageFont

sys.path.insert(0, str(Path(__file__).resolve().parent))
sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

import handwriting  # noqa: E402
from extractor.ingest.ocr_digits import features  # noqa: E402

FONTS = sorted(glob.glob("/usr/share/fonts/truetype/liberation*/Liberation*-*.ttf")
               + glob.glob("/usr/share/fonts/truetype/dejavu/DejaVuSans*.ttf"))


def drawn(seed: int, per_digit: int) -> tuple[np.ndarray, np.ndarray]:
    rng = np.random.default_rng(seed)
    xs, ys = [], []
    for d in range(10):
        for _ in range(per_digit):
            xs.append(features(handwriting.sample(d, rng)))
            ys.append(d)
    return np.array(xs), np.array(ys)


def printed(fonts: list[str]) -> tuple[np.ndarray, np.ndarray]:
    xs, ys = [], []
    for path in fonts:
        if "Mono" in path:
            continue
        for size in (28, 40):
            font = ImageFont.truetype(path, size)
            for d in range(10):
                im = Image.new("L", (size * 2, size * 2), 255)
                ImageDraw.Draw(im).text((size // 2, size // 3), str(d), font=font, fill=0)
                xs.append(features(np.asarray(im) < 128))
                ys.append(d)
    return np.array(xs), np.array(ys)


def dataset(seed: int = 0) -> tuple[np.ndarray, np.ndarray]:
    from sklearn.datasets import load_digits

    sk = load_digits()
    parts = [(sk.data, sk.target), drawn(seed, 300), printed(FONTS)]
    return np.vstack([p[0] for p in parts]), np.concatenate([p[1] for p in parts])


def fit(x: np.ndarray, y: np.ndarray):
    from sklearn.neural_network import MLPClassifier
    from sklearn.pipeline import make_pipeline
    from sklearn.preprocessing import StandardScaler

    return make_pipeline(StandardScaler(), MLPClassifier(hidden_layer_sizes=(96,), alpha=1e-3, max_iter=600,
                                                         random_state=0)).fit(x, y)


def held_out() -> dict[str, float]:
    """Accuracy, and the share read surely and rightly, on strokes and a font never trained on."""
    from extractor.ingest.ocr_digits import SURE
    from sklearn.datasets import load_digits

    sk = load_digits()
    train_fonts, test_font = FONTS[1:], FONTS[:1]
    x = np.vstack([sk.data, drawn(0, 300)[0], printed(train_fonts)[0]])
    y = np.concatenate([sk.target, drawn(0, 300)[1], printed(train_fonts)[1]])
    model = fit(x, y)
    out = {}
    for name, (tx, ty) in {"strokes": drawn(99, 60), "printed": printed(test_font)}.items():
        p = model.predict_proba(tx)
        pred, conf = model.classes_[p.argmax(axis=1)], p.max(axis=1)
        out[f"{name} accuracy"] = float((pred == ty).mean())
        out[f"{name} sure and right"] = float(((pred == ty) & (conf >= SURE)).mean())
        out[f"{name} sure and wrong"] = float(((pred != ty) & (conf >= SURE)).mean())
    return out
