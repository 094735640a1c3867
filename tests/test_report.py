"""`kh-extract report` without a browser: what it reads and what it writes.

The report reads a run's tables in any sink and never re-extracts; a plan's
text is shown only when its source is still the file the run read.
"""
from __future__ import annotations

import os
import re
import shutil
import subprocess
import sys
import zipfile

import pytest
from runner_corpus import ROOT, SEEDS

from extractor.report.plan_page import Span, nest


def test_nest_keeps_nested_spans_and_anchors_crossing_ones():
    text = "Căn cứ Quyết định số 1/QĐ-UBND của UBND tỉnh <A> và"
    cit = Span(7, 44, "<c>", "</c>", "c-0")
    unit = Span(35, 44, "<u>", "</u>", "u-0")  # inside the citation
    cross = Span(40, 50, "<x>", "</x>", "u-1")  # crosses the citation's end
    out = nest(text, [unit, cross, cit], [(0, "<a id=t-0></a>")])
    assert out.startswith("<a id=t-0></a>Căn cứ <c>")
    assert "<c>Quyết định số 1/QĐ-UBND của <u>UBND " in out and "tỉnh</u></c>" in out  # the unit inside
    assert '<a class="anchor" id="u-1"></a>' in out and "<x>" not in out
    assert "&lt;A&gt;" in out  # the text is escaped between marks
    assert re.sub(r"<[^>]+>", "", out).replace("&lt;", "<").replace("&gt;", ">") == text


def _run(tmp_path, fmt: str, inputs: list[str]) -> str:
    env = {**os.environ, "PYTHONPATH": ROOT}
    out = str(tmp_path / f"out-{fmt}")
    r = subprocess.run([sys.executable, "-m", "extractor", "run", *inputs, "--out", out, "--format", fmt, "--quiet",
                        "--workers", "1"], cwd=tmp_path, env=env, capture_output=True, text=True, timeout=600)
    assert r.returncode == 0, r.stderr
    r = subprocess.run([sys.executable, "-m", "extractor", "report", out], cwd=tmp_path, env=env,
                       capture_output=True, text=True, timeout=600)
    assert r.returncode == 0 and "report: " in r.stderr, r.stderr
    return out


def _counts(out: str) -> dict[str, int]:
    page = open(os.path.join(out, "report", "index.html"), encoding="utf-8").read()
    return {k: int(v) for k, v in re.findall(r'<div class="stat" id="([\w-]+)"><b data-count="(\d+)">', page)}


@pytest.mark.parametrize("fmt", ["csv", "xlsx", "sqlite"])
def test_the_report_reads_every_sink(tmp_path, fmt):
    plans = tmp_path / "plans"
    plans.mkdir()
    for p in SEEDS[:3]:
        shutil.copy(p, plans)
    ref = _counts(_run(tmp_path, "parquet", ["plans"]))
    assert ref["n-plans"] == 3 and ref["n-citations"] > 0
    out = _run(tmp_path, fmt, ["plans"])
    assert _counts(out) == ref
    assert sorted(os.listdir(os.path.join(out, "report", "plans"))) == ["0.html", "1.html", "2.html"]


def test_text_only_from_the_file_the_run_read(tmp_path):
    from extractor.report.build import build_report
    from extractor.runner import run_corpus

    plans = tmp_path / "plans"
    plans.mkdir()
    a, b = (shutil.copy(p, plans) for p in SEEDS[:2])
    with zipfile.ZipFile(tmp_path / "more.zip", "w") as z:
        z.write(SEEDS[2], "x/plan.txt")
    out = str(tmp_path / "out")
    tables, _ = run_corpus([str(plans), str(tmp_path / "more.zip")], out, workers=1, quiet=True)
    with open(b, "a", encoding="utf-8") as f:
        f.write("\nthêm một dòng\n")  # changed since the run: its offsets no longer fit
    res = build_report(out)
    assert res.plans == 3 and res.texts == 2
    pages = {}
    for i, file in enumerate(tables.documents["file"]):
        pages[file.split("!")[-1] if "!" in file else os.path.basename(file)] = open(os.path.join(out, "report", "plans", f"{i}.html"), encoding="utf-8").read()
    changed = pages[os.path.basename(b)]
    assert 'id="no-text"' in changed and "changed since the run" in changed
    member = pages["x/plan.txt"]
    assert "<pre>" in member and 'class="ent cit' in member
    first = tables.citations[tables.citations["file"] == a].iloc[0]
    assert f'id="c-{first["item"]}"' in pages[os.path.basename(a)]
