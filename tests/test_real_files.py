"""Real PDFs and scans as offices publish them (../shared/real/files, gold by hand), scored as
`kh-extract eval` scores them: floors at the measured figures, issue 12's targets as strict
expected failures until they are reached."""
from __future__ import annotations

import glob
import json
import os

import pytest

from extractor import extract
from extractor.evaluate import Pair, evaluate

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
FILES = os.path.join(ROOT, "..", "shared", "real", "files")


@pytest.fixture(scope="module")
def pairs() -> dict[str, Pair]:
    paths = sorted(glob.glob(os.path.join(FILES, "*.pdf")))
    if not paths:  # CI has ../shared/real: a missing set is a broken checkout, not a reason to pass
        pytest.fail(f"no real files under {os.path.abspath(FILES)}")
    out = {}
    for path in paths:
        stem = os.path.splitext(os.path.basename(path))[0]
        with open(os.path.join(FILES, "gold", f"{stem}.json"), encoding="utf-8") as f:
            gold = json.load(f)
        out[stem] = Pair(os.path.basename(path), gold, extract(path).to_json())
    return out


def test_doc_fields_of_real_files(pairs):
    rep = evaluate(list(pairs.values()))
    fields = {k: round(c.accuracy, 3) for k, c in rep.doc_fields.items()}
    assert rep.doc_accuracy >= 0.79, fields  # 0.36 before the header work on files, 0.764 before the digit readers
    for f in ("doc_type", "issuer", "parent_issuer", "place", "plan_year"):
        assert fields[f] == 1.0, (f, fields)


def test_text_pdfs_read_whole(pairs):
    """A text layer with the number stamped on signing, and a page printed as glyph outlines."""
    for stem in ("Test AI (07)", "Quyết định-1629-QĐ-UBND"):
        doc = pairs[stem].pred["doc"]
        gold = pairs[stem].gold["doc"]
        for f in ("doc_type", "code", "issuer", "place", "date", "signer"):
            assert doc[f] == gold[f], (stem, f, doc[f], gold[f])


def test_a_handwritten_number_is_never_guessed(pairs):
    """What OCR makes of a number written in the blank is no number: read surely or null, said unreadable."""
    doc = pairs["01 TTr.signed_20250513_144607"].pred["doc"]
    assert (doc["number"], doc["code"]) in ((None, "/TTr-UBND"), ("01", "01/TTr-UBND"))
    assert doc["date"] in ("2025-01", "2025-01-06")
    assert ("number" in doc["unreadable"]) == (doc["number"] is None)
    ct = pairs["11 CT.signed_20250513_153510"].pred["doc"]  # Tesseract reads the written "11" as "44"
    assert ct["number"] == "11" and ct["code"] == "11/CT-UBND"  # a "1" with a long lead-in, read as such


def test_a_handwritten_day_is_read_or_said_unread(pairs):
    """SCAN0097's day "10" is written by hand: read when the classifier is sure, else the month."""
    doc, gold = pairs["SCAN0097"].pred["doc"], pairs["SCAN0097"].gold["doc"]
    assert doc["date"] == gold["date"] or (doc["date"] == gold["date"][:7] and "day" in doc["unreadable"])


def test_citations_of_real_files(pairs):
    c = evaluate(list(pairs.values())).parts["citations"]
    assert c.f1 >= 0.84, c.to_dict()


@pytest.mark.xfail(strict=True, reason="issue 12 target: doc accuracy >= 0.90 on scans and 0.97 on text PDFs")
def test_issue_12_targets(pairs):
    rep = evaluate(list(pairs.values()))
    assert rep.doc_accuracy >= 0.90 and rep.parts["citations"].f1 >= 0.90


def test_documents_table_says_which_headers_need_a_person(pairs):
    """`<field>_conf` and `header_ok` in the documents table: an analyst filters on them."""
    from extractor.records import PlanRecord
    from extractor.tables.frames import record_rows

    rows = {stem: record_rows(PlanRecord.from_json(p.pred), p.name)["documents"][0] for stem, p in pairs.items()}
    assert rows["Test AI (07)"]["header_ok"] and rows["Test AI (07)"]["code_conf"] is None  # a text layer
    hand = rows["01 TTr.signed_20250513_144607"]
    assert not hand["header_ok"] and 0 < hand["code_conf"] < 0.8 and hand["issuer_conf"] > 0.9
