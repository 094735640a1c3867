"""A seeded fuzz in `make test`: mutated corpus files through `run` and `extract`, each one record
or one error row, no crash, no hang. `make fuzz` runs the same with 10 000 cases of every format."""
from __future__ import annotations

import os
import sys

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
sys.path.insert(0, ROOT)

from bench.fuzz import check_extract, check_run, make_cases  # noqa: E402

KINDS = ("text", "legacy", "html", "docx", "pdf")  # OCR (TIFF) and .doc (LibreOffice) are `make fuzz`'s: slow per case
CASES = 120


def test_mutated_inputs_each_give_one_record_or_one_error_row(tmp_path):
    cases = make_cases(str(tmp_path / "cases"), CASES, seed=13, scale=0.05, kinds=KINDS, head=6000)
    r = check_run(cases, str(tmp_path / "out"), workers=2, timeout=60, limit=900)
    assert not r["traceback"] and r["exit"] in (0, 1), r
    assert not r["missing"] and not r["twice"] and not r["extra"], r
    assert r["records"] + r["error_rows"] == CASES
    assert not r["crashes"] and not r["hangs"], r
    assert r["records"] > 0 and r["error_rows"] > 0  # the mutator makes both kinds
    e = check_extract(sorted(cases)[:20], limit=600)
    assert not e["hang"] and not e["traceback"] and not e["unaccounted"], e
    assert e["records"] + e["error_lines"] == 20
