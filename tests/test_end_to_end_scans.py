"""Scanned renderings of the seeds through the whole pipeline, scored against their gold.

OCR is slow (seconds a page), so each scan is extracted once per session, two
files at a time: the 300 dpi and 200 dpi scanned PDFs of every seed, and the
multi-page TIFFs of the two shortest seeds.
"""
from __future__ import annotations

import json
import os
import shutil
from concurrent.futures import ProcessPoolExecutor

import pytest

from extractor import extract
from extractor.evaluate import evaluate, load_pairs
from test_end_to_end import CORPUS, FLOORS

pytestmark = pytest.mark.skipif(shutil.which("tesseract") is None, reason="tesseract not installed")
KINDS = {"scan300": None, "scan200": None, "tiff": 2}  # kind → how many seeds (None: all)
# Issue #3 asks for the text floors on every scan kind and citations F1 within 0.03 of
# the text version; both are asserted below. NOT_BELOW holds what the pipeline reaches
# above those floors (measured 2026-11-23 on these files, minus a small margin), so a
# change that loses OCR repair shows here before it reaches a floor.
NOT_BELOW = {  # doc = doc-field accuracy, others F1
    "scan300": {"doc": 0.93, "citations": 0.97, "sections": 0.97, "units": 0.88, "deadlines": 0.90, "tasks": 0.93},
    "scan200": {"doc": 0.90, "citations": 0.97, "sections": 0.97, "units": 0.92, "deadlines": 0.92, "tasks": 0.83},
    "tiff": {"doc": 0.90, "citations": 0.97, "sections": 0.97, "units": 0.90, "deadlines": 0.80, "tasks": 0.95},
}


def _files() -> dict[str, list[str]]:
    out = {}
    for kind, n in KINDS.items():
        d = os.path.join(CORPUS, kind)
        names = sorted(os.listdir(d)) if os.path.isdir(d) else []
        if n is not None:  # the shortest plans: fewest pages to OCR
            names = sorted(names, key=lambda f: os.path.getsize(os.path.join(d, f)))[:n]
        out[kind] = [os.path.join(d, f) for f in names]
    return out


def _extract(path: str) -> tuple[str, dict | None, str | None]:
    try:
        return path, extract(path).to_json(), None
    except Exception as e:  # reported by the test that needs the file
        return path, None, f"{type(e).__name__}: {e}"


@pytest.fixture(scope="session")
def scan_predictions(tmp_path_factory) -> dict[str, str]:
    files = _files()
    out = {kind: tmp_path_factory.mktemp(f"pred-{kind}") for kind in files}
    texts = tmp_path_factory.mktemp("pred-text")
    jobs = [p for ps in files.values() for p in ps]
    with ProcessPoolExecutor(max_workers=2) as pool:
        results = list(pool.map(_extract, jobs))
    errors = [f"{p}: {e}" for p, _, e in results if e]
    assert not errors, errors
    kind_of = {p: k for k, ps in files.items() for p in ps}
    for path, rec, _ in results:
        stem = os.path.splitext(os.path.basename(path))[0]
        (out[kind_of[path]] / f"{stem}.json").write_text(json.dumps(rec, ensure_ascii=False), encoding="utf-8")
    for name in sorted(os.listdir(os.path.join(CORPUS, "text"))):
        rec = extract(os.path.join(CORPUS, "text", name)).to_json()
        (texts / f"{os.path.splitext(name)[0]}.json").write_text(json.dumps(rec, ensure_ascii=False), encoding="utf-8")
    return {**{k: str(v) for k, v in out.items()}, "text": str(texts)}


def _report(pred_dir: str, names: set[str]):
    pairs = [p for p in load_pairs(os.path.join(CORPUS, "gold"), pred_dir) if p.gold.get("file") in names]
    assert pairs
    return evaluate(pairs)


def _names(kind: str) -> set[str]:
    return {os.path.basename(p) for p in _files()[kind]}


def _scores(scan_predictions: dict[str, str], kind: str) -> dict[str, float]:
    """Doc-field accuracy ("doc") and each part's F1 on one scan kind."""
    names = _names(kind)
    if not names:
        pytest.skip(f"no {kind} renderings")
    rep = _report(scan_predictions[kind], names)
    got = {"doc": rep.doc_accuracy, **{p: s.f1 for p, s in rep.parts.items()}}
    print(kind, {k: round(v, 3) for k, v in got.items()})
    return got


@pytest.mark.parametrize("kind", list(KINDS))
def test_scans_hold_what_they_reach(scan_predictions, kind):
    got = _scores(scan_predictions, kind)
    for part, floor in NOT_BELOW[kind].items():
        assert got[part] >= floor, (kind, part, got[part])


@pytest.mark.parametrize("kind", list(KINDS))
def test_scans_reach_the_text_floors(scan_predictions, kind):
    got = _scores(scan_predictions, kind)
    assert got["doc"] >= 0.90, (kind, got["doc"])
    for part, floor in FLOORS.items():
        assert got[part] >= floor, (kind, part, got[part])


@pytest.mark.parametrize("kind", ["scan300", "scan200"])
def test_citations_on_scans_match_the_text_version(scan_predictions, kind):
    names = _names(kind)
    stems = {n.rsplit("-", 1)[0] for n in names}
    scan = _report(scan_predictions[kind], names).parts["citations"].f1
    text = _report(scan_predictions["text"], {f"{s}.txt" for s in stems}).parts["citations"].f1
    print(kind, f"citations F1 scan {scan:.3f} text {text:.3f}")
    assert scan >= text - 0.03, (kind, scan, text)


def test_every_item_from_a_scan_carries_its_ocr_confidence(scan_predictions):
    seen = 0
    for name in os.listdir(scan_predictions["scan300"]):
        rec = json.load(open(os.path.join(scan_predictions["scan300"], name), encoding="utf-8"))
        assert rec.get("format") in ("ocr", None)
        for part in ("citations", "sections", "units", "deadlines", "tasks"):
            for item in rec.get(part) or []:
                prov = item.get("prov")
                if prov and prov.get("start") is not None:
                    seen += 1
                    assert prov.get("ocr_conf") is not None and 0 < prov["ocr_conf"] <= 1, (name, part, item)
                    assert prov.get("page") is not None, (name, part, item)
    assert seen > 50
