"""Real plans of ../shared/real (texts as portals serve them, gold written by hand), scored as
`kh-extract eval` scores them. Floors are issue 11's targets where they are reached, else the
measured figure with the target as a strict expected failure."""
from __future__ import annotations

import glob
import json
import os

import pytest

from extractor import extract
from extractor.evaluate import Pair, evaluate

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
REAL = os.path.join(ROOT, "..", "shared", "real")


def _report(kind: str):
    texts = sorted(glob.glob(os.path.join(REAL, kind, "texts", "*.txt")))
    if not texts:  # CI has ../shared/real: a missing set is a broken checkout, not a reason to pass
        pytest.fail(f"no real {kind} texts under {os.path.abspath(REAL)}")
    pairs = []
    for path in texts:
        stem = os.path.splitext(os.path.basename(path))[0]
        with open(os.path.join(REAL, kind, "gold", f"{stem}.json"), encoding="utf-8") as f:
            gold = json.load(f)
        pairs.append(Pair(os.path.basename(path), gold, extract(path).to_json()))
    return evaluate(pairs)


@pytest.fixture(scope="module")
def header():
    return _report("header")


@pytest.fixture(scope="module")
def tasks():
    return _report("tasks")


def test_header_set_doc_fields(header):
    fields = {k: c.accuracy for k, c in header.doc_fields.items()}
    assert header.doc_accuracy >= 0.95, fields
    assert min(fields.values()) >= 0.85, fields  # no field left behind (issuer, title, date, code…)


def test_header_set_sections(header):
    s = header.parts["sections"]
    assert s.f1 >= 0.92 and s.attrs["labels"].accuracy >= 0.9, s.to_dict()


def test_header_set_citations(header):
    c = header.parts["citations"]
    assert c.f1 >= 0.97, c.to_dict()
    for attr in ("issuer", "date", "relation"):
        assert c.attrs[attr].accuracy >= 0.95, (attr, c.to_dict())
    assert c.attrs["mentions"].accuracy >= 0.95 and c.attrs["issues"].accuracy >= 0.95, c.to_dict()


def test_tasks_set_citations(tasks):
    c = tasks.parts["citations"]
    assert c.f1 >= 0.94 and c.attrs["date"].accuracy >= 0.95, c.to_dict()
    assert c.attrs["relation"].accuracy >= 0.88, c.to_dict()


def test_tasks_set_tasks(tasks):
    t = tasks.parts["tasks"]
    assert t.f1 >= 0.85, t.to_dict()
    assert t.attrs["lead"].accuracy >= 0.70, t.to_dict()  # measured 0.72; the target is below


@pytest.mark.xfail(strict=True, reason="issue 11 target not reached: lead 0.72 (names cut in the excerpt, "
                   "places only the whole plan names: 'Công an tỉnh' for 'Công an tỉnh Kon Tum')")
def test_tasks_set_lead_target(tasks):
    assert tasks.parts["tasks"].attrs["lead"].accuracy >= 0.85


def test_tasks_set_deadlines(tasks):
    d = tasks.parts["deadlines"]
    assert d.f1 >= 0.90, d.to_dict()  # issue 11's target; measured 0.966
    for attr in ("start", "end", "kind"):
        assert d.attrs[attr].accuracy >= 0.95, (attr, d.to_dict())


def test_tasks_set_units(tasks):
    u = tasks.parts["units"]
    assert u.f1 >= 0.80, u.to_dict()  # measured 0.810


@pytest.mark.xfail(strict=True, reason="issue 11 target not reached: units F1 0.81 (places only the whole plan "
                   "names, names the excerpt cuts)")
def test_tasks_set_units_target(tasks):
    assert tasks.parts["units"].f1 >= 0.85
