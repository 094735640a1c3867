"""Where trained models live and how they are loaded: from `models/`, never downloaded.

A missing artifact is not an error: the caller falls back to its rules, and
the user is told once per process which model was missing and how to build it.
"""
from __future__ import annotations

import os
import warnings
from functools import lru_cache
from pathlib import Path
from typing import Any

MODELS_DIR = Path(os.environ.get("KH_MODELS_DIR") or Path(__file__).resolve().parents[2] / "models")
_warned: set[str] = set()


def model_path(name: str) -> Path:
    return MODELS_DIR / name


def warn_missing(name: str) -> None:
    if name not in _warned:
        _warned.add(name)
        warnings.warn(f"model {model_path(name)} not found; using rules instead (build it with `make models`)",
                      RuntimeWarning, stacklevel=3)


@lru_cache(maxsize=None)
def load_joblib(name: str) -> Any | None:
    """The object saved as models/<name>, or None (warned once) when it is missing or unreadable."""
    path = model_path(name)
    if not path.exists():
        warn_missing(name)
        return None
    import joblib
    try:
        return joblib.load(path)
    except Exception as e:  # an artifact from another scikit-learn version must not stop a batch
        warnings.warn(f"model {path} could not be loaded ({e}); using rules instead", RuntimeWarning, stacklevel=2)
        return None


def scrub(model: Any) -> Any:
    """Drop fitted attributes that differ run to run without changing predictions
    (a vectorizer's `stop_words_` set, pickled in hash order, and `_stop_words_id`, an
    object id), so that `make models` rebuilds byte-identical artifacts."""
    parts = [model] + [v for v in model.get_params(deep=True).values() if hasattr(v, "get_params")]
    for est in parts:
        for attr in ("stop_words_", "_stop_words_id"):
            if attr in getattr(est, "__dict__", {}):
                delattr(est, attr)
    return model
