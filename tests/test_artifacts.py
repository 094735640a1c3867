"""Each artefact of real office files, rendered from a corpus plan (corpus/render_artifacts.py),
through the whole pipeline: the floors of the scan tests (issue 3), and what each artefact
must not do (a seal hiding the signer, a signing stamp entering the text, a number guessed)."""
from __future__ import annotations

import json
import os
import shutil
from concurrent.futures import ProcessPoolExecutor

import pytest

from extractor import extract
from extractor.evaluate import Pair, evaluate
from test_end_to_end import CORPUS, FLOORS

pytestmark = pytest.mark.skipif(shutil.which("tesseract") is None, reason="tesseract not installed")
ART = os.path.join(CORPUS, "artifacts")
KINDS = ("stamp", "esign", "handwritten", "junk", "badlayer", "bw1", "dpi100", "rotated")


def _one(path: str) -> tuple[str, dict, str]:
    """The record and what the reader made of the file (its route, then its text), OCR'd once."""
    from extractor.api import _run
    from extractor.build import file_hash, to_record
    from extractor.ingest import load

    src = load(path)
    rec = to_record(_run(src, None, path), path, file_hash(path))
    return path, rec.to_json(), f"{src.format}\n{src.text}"


@pytest.fixture(scope="module")
def results() -> dict[str, tuple[dict, dict, str]]:
    paths = sorted(os.path.join(ART, f) for f in os.listdir(ART)) if os.path.isdir(ART) else []
    assert {p.rsplit("-", 1)[1][:-4] for p in paths} == set(KINDS), "run corpus/render_artifacts.py"
    with ProcessPoolExecutor(max_workers=2) as pool:
        done = list(pool.map(_one, paths))
    out = {}
    for path, rec, text in done:
        name = os.path.basename(path)
        with open(os.path.join(CORPUS, "gold", name[:-4] + ".json"), encoding="utf-8") as f:
            out[name.rsplit("-", 1)[1][:-4]] = (json.load(f), rec, text)
    return out


def _report(results, kind):
    gold, pred, _ = results[kind]
    return evaluate([Pair(gold["file"], gold, pred)])


@pytest.mark.parametrize("kind", KINDS)
def test_artifact_reaches_the_scan_floors(results, kind):
    rep = _report(results, kind)
    for part, floor in FLOORS.items():
        assert rep.parts[part].f1 >= floor, (kind, part, rep.parts[part].f1)
    # 1-bit at 200 dpi: "Sở" read "Sử" in the title, a recipient line split ("SY TT"): 10 of 12 fields
    assert rep.doc_accuracy >= (0.83 if kind == "bw1" else 0.90), (kind, {k: c.accuracy for k, c in rep.doc_fields.items()})


@pytest.mark.xfail(strict=True, reason="issue 12: the scan floor (doc 0.90) on a 1-bit 200 dpi scan")
def test_one_bit_200_dpi_reaches_the_doc_floor(results):
    assert _report(results, "bw1").doc_accuracy >= 0.90


def test_the_seal_over_the_signature_hides_nothing(results):
    gold, pred, _ = results["stamp"]
    assert (pred["doc"]["signer"], pred["doc"]["signer_title"]) == (gold["doc"]["signer"], gold["doc"]["signer_title"])


def test_the_signing_stamp_and_banners_are_not_text(results):
    _, pred, text = results["esign"]
    assert "Ký bởi" not in text and "Thời gian ký" not in text and "baria-vungtau.gov.vn" not in text
    assert not any("gov.vn" in (u["name"] or "") for u in pred["units"])
    _, _, stamped = results["stamp"]
    assert "KHẨN" not in stamped  # the red urgency stamp is the seal's ink, not the plan's


def test_handwritten_number_and_day_read(results):
    gold, pred, _ = results["handwritten"]
    doc = pred["doc"]
    # read surely or left unread; never another number
    assert doc["number"] in (gold["doc"]["number"], None) and doc["date"][:7] == gold["doc"]["date"][:7]
    assert (doc["code"], doc["date"]) == (gold["doc"]["code"], gold["doc"]["date"])


def test_bad_text_layer_is_ocrd_and_junk_prefix_read_as_the_text_pdf(results):
    gold, pred, text = results["badlayer"]
    assert text.startswith("ocr\n") and pred["doc"]["code"] == gold["doc"]["code"]  # the layer was not trusted
    junk, text = results["junk"][1], extract(os.path.join(CORPUS, "pdf", "000_13a313f26e079968-pdf.pdf")).to_json()
    assert {k: v for k, v in junk["doc"].items() if k != "prov"} == {k: v for k, v in text["doc"].items() if k != "prov"}
    assert [c["code"] for c in junk["citations"]] == [c["code"] for c in text["citations"]]
