"""Citations on the real plans of ../shared/real (texts as portals serve them, gold written by hand).

Floors are the figures the pipeline reaches today; issue 11's targets that still wait on
other parts (the header's body start and plan context, the outline's first item) are
strict expected failures that carry the measured value, so reaching them shows.
"""
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
        pairs.append(Pair(os.path.basename(path), {"file": gold["file"], "citations": gold["citations"]},
                          extract(path).to_json()))
    return evaluate(pairs).parts["citations"]


@pytest.fixture(scope="module")
def header():
    return _report("header")


@pytest.fixture(scope="module")
def tasks():
    return _report("tasks")


def test_header_set_citations_reach_issue_11s_f1(header):
    assert header.f1 >= 0.97, header.to_dict()
    assert header.attrs["date"].accuracy >= 0.95, header.to_dict()


def test_header_set_citation_attributes_hold_their_floors(header):
    got = {k: header.attrs[k].accuracy for k in ("issuer", "relation", "mentions", "issues")}
    assert got["mentions"] >= 0.98 and got["issues"] >= 0.98, got
    assert got["issuer"] >= 0.94 and got["relation"] >= 0.88, got


@pytest.mark.xfail(strict=True, reason="issue 11: issuer 0.941 measured; the misses are relative names completed from "
                                       "a wrong plan context (header: 'Hưng Yên\\nCăn', 'thành phố Hà Nội Năm 2026')")
def test_header_set_issuer_reaches_issue_11s_target(header):
    assert header.attrs["issuer"].accuracy >= 0.95


@pytest.mark.xfail(strict=True, reason="issue 11: relation 0.882 measured; in 101.txt the outline starts at header "
                                       "lines taken for headings, so its list of bases falls after the 'first item'")
def test_header_set_relation_reaches_issue_11s_target(header):
    assert header.attrs["relation"].accuracy >= 0.95


def test_tasks_set_citations_hold_their_floor(tasks):
    assert tasks.f1 >= 0.94 and tasks.attrs["date"].accuracy >= 0.95, tasks.to_dict()
    assert tasks.attrs["relation"].accuracy >= 0.88, tasks.to_dict()
