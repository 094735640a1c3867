"""The handwritten-digit reader of the header's blanks (extractor/ingest/ocr_digits.py).

Training data, all made here: scikit-learn's handwritten digits (1 797 from 43 writers,
8×8, shipped with the library, scaled up to ink), digits drawn as pen strokes in many
shapes, bent elastically and inked with random pens (handwriting.py), and digits printed
in the system's serif and sans fonts, all in the reader's features (digit_shapes.py).
Held out: the scikit-learn digits of writers' samples not trained on (every other one),
strokes drawn with another generator seed, and the printed digits of one font.
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
from extractor.ingest.digit_shapes import REJECT, features  # noqa: E402

FONTS = sorted(glob.glob("/usr/share/fonts/truetype/liberation*/Liberation*-*.ttf")
               + glob.glob("/usr/share/fonts/truetype/dejavu/DejaVuSans*.ttf"))
PER_DIGIT = 600  # drawn samples per digit


def sklearn_digits(part: slice = slice(None)) -> tuple[np.ndarray, np.ndarray]:
    """scikit-learn's 8×8 digits (ink counts 0..16) as ink scaled up to 32×32."""
    from sklearn.datasets import load_digits

    sk = load_digits()
    xs = []
    for img in sk.images[part]:
        big = np.asarray(Image.fromarray((img * 15).astype(np.uint8)).resize((32, 32), Image.BILINEAR))
        xs.append(features(big > 90))
    return np.array(xs), sk.target[part]


def drawn(seed: int, per_digit: int, distort: bool = True, rejects: bool = True) -> tuple[np.ndarray, np.ndarray]:
    """Digits drawn as strokes, and as many again of ink that is no one digit (class REJECT)."""
    rng = np.random.default_rng(seed)
    xs, ys = [], []
    for d in range(10):
        for _ in range(per_digit):
            xs.append(features(handwriting.sample(d, rng, distort=distort and rng.uniform() > 0.2)))
            ys.append(d)
    for _ in range(per_digit if rejects else 0):
        xs.append(features(handwriting.not_a_digit(rng)))
        ys.append(REJECT)
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
    parts = [sklearn_digits(), drawn(seed, PER_DIGIT), printed(FONTS)]
    return np.vstack([p[0] for p in parts]), np.concatenate([p[1] for p in parts])


def fit(x: np.ndarray, y: np.ndarray) -> list:
    """Two readers unlike each other, an RBF support-vector machine (on every other drawn
    sample, to stay small) and a neural network; the blank is read where they agree."""
    from sklearn.calibration import CalibratedClassifierCV
    from sklearn.neural_network import MLPClassifier
    from sklearn.pipeline import make_pipeline
    from sklearn.preprocessing import StandardScaler
    from sklearn.svm import SVC

    svc = make_pipeline(StandardScaler(), CalibratedClassifierCV(SVC(C=5, gamma="scale"), ensemble=False))
    mlp = make_pipeline(StandardScaler(), MLPClassifier(hidden_layer_sizes=(256,), alpha=0.1, max_iter=400,
                                                        early_stopping=True, random_state=0))
    half = np.arange(len(y)) % 2 == 0
    mlp.fit(x, y)
    net = mlp[-1]
    for attr in ("_optimizer", "loss_curve_", "validation_scores_", "_best_coefs", "_best_intercepts"):
        net.__dict__.pop(attr, None)  # training state only: half the file
    net.coefs_ = [c.astype(np.float32) for c in net.coefs_]
    net.intercepts_ = [c.astype(np.float32) for c in net.intercepts_]
    return [svc.fit(x[half], y[half]), mlp]


def scores(model: list, tx: np.ndarray, ty: np.ndarray, sure: float) -> dict[str, float]:
    from extractor.ingest.ocr_digits import probabilities

    p, agree = probabilities(model, tx)
    pred, conf = model[0].classes_[p.argmax(axis=1)], np.where(agree, p.max(axis=1), 0.0)
    return {"accuracy": float((pred == ty).mean()), "sure and right": float(((pred == ty) & (conf >= sure)).mean()),
            "sure and wrong": float(((pred != ty) & (conf >= sure)).mean())}


def held_out() -> dict[str, float]:
    """Accuracy, and the shares read surely and rightly or wrongly, on data never trained on;
    for ink that is no digit, "sure and wrong" is the share read surely as some digit."""
    from extractor.ingest.ocr_digits import SURE

    train_fonts, test_font = FONTS[1:], FONTS[:1]
    parts = [sklearn_digits(slice(0, None, 2)), drawn(0, PER_DIGIT), printed(train_fonts)]
    model = fit(np.vstack([p[0] for p in parts]), np.concatenate([p[1] for p in parts]))
    other = drawn(99, 60)
    digit = other[1] != REJECT
    tests = {"scikit-learn hands": sklearn_digits(slice(1, None, 2)), "strokes": (other[0][digit], other[1][digit]),
             "not a digit": (other[0][~digit], other[1][~digit]), "printed": printed(test_font)}
    out = {f"{name} {k}": v for name, (tx, ty) in tests.items() for k, v in scores(model, tx, ty, SURE).items()}
    for t in (0.6, 0.7, 0.8, 0.9):  # what the threshold trades, set by set
        for name, (tx, ty) in tests.items():
            sc = scores(model, tx, ty, t)
            out[f"at {t} {name} sure right/wrong"] = f"{sc['sure and right']:.3f}/{sc['sure and wrong']:.4f}"
    return out
