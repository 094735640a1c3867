"""The workflow notebooks run top to bottom on the seed plans and show what they say.

Each notebook's code cells are executed in order in one namespace (as a kernel
would), in a temporary working folder, with the `parameters` cell's inputs
pointed at the repo's corpus and one worker. The three notebooks share one
output folder, as an analyst, an auditor and a researcher sharing a run would:
the first extracts, the others read the run's per-file cache. Each check
recomputes the answer from the tables by another route than the notebook's.
"""
from __future__ import annotations

import ast
import html
import json
import re
import subprocess
import sys
from pathlib import Path

import pytest

import extractor

REPO = Path(__file__).resolve().parent.parent
NB_DIR = REPO / "notebooks"
NAMES = ("analyst", "auditor", "researcher")
SEEDS = REPO / "corpus" / "text"

needs_runner = pytest.mark.skipif(not hasattr(extractor, "run"), reason="extractor.run (the corpus runner) is not on this branch")


def load(name: str) -> dict:
    return json.loads((NB_DIR / f"{name}.ipynb").read_text(encoding="utf-8"))


def run_notebook(name: str, workdir: Path, monkeypatch, **params) -> dict:
    """Exec every code cell in order; `params` override the `parameters` cell's values."""
    monkeypatch.chdir(workdir)
    ns: dict = {"__name__": "__main__"}
    for i, cell in enumerate(c for c in load(name)["cells"] if c["cell_type"] == "code"):
        exec(compile("".join(cell["source"]), f"{name}.ipynb[code {i}]", "exec"), ns)
        if "parameters" in cell["metadata"].get("tags", []):
            ns.update(params)
    return ns


def items(cell: object) -> list[str]:
    """A `;`-joined list cell as a list."""
    return [x for x in cell.split(";") if x] if isinstance(cell, str) else []


# -- the files themselves ------------------------------------------------------------


@pytest.mark.parametrize("name", NAMES)
def test_notebook_is_nbformat4_without_outputs(name):
    nb = load(name)
    assert nb["nbformat"] == 4 and nb["nbformat_minor"] >= 5
    assert nb["metadata"]["kernelspec"]["language"] == "python"
    ids = [c["id"] for c in nb["cells"]]
    assert len(set(ids)) == len(ids) and all(re.fullmatch(r"[A-Za-z0-9_-]{1,64}", i) for i in ids)
    code = [c for c in nb["cells"] if c["cell_type"] == "code"]
    assert {c["cell_type"] for c in nb["cells"]} == {"code", "markdown"}
    for c in code:
        assert c["outputs"] == [] and c["execution_count"] is None
        ast.parse("".join(c["source"]))
    tagged = [c for c in code if "parameters" in c["metadata"].get("tags", [])]
    assert tagged == code[:1], "the first code cell, and only it, holds the inputs"


def test_notebooks_match_their_cell_lists():
    res = subprocess.run([sys.executable, str(NB_DIR / "build.py"), "--check"], capture_output=True, text=True)
    assert res.returncode == 0, res.stderr


# -- running them ----------------------------------------------------------------------


CITED_DATE = re.compile(r"số (\d+/\S+) ngày (\d{1,2})/(\d{1,2})/(\d{4})")


def copy_with_wrong_date(dest: Path) -> dict:
    """A seed plan typed again with a wrong month for a document another seed also cites.

    The copying slip an auditor looks for: one plan disagrees with the others
    about the date of a document they all cite.
    """
    texts = {p: p.read_text(encoding="utf-8") for p in sorted(SEEDS.glob("*.txt"))}
    for path, text in texts.items():
        for m in CITED_DATE.finditer(text):
            code, day, month, year = m.group(1), int(m.group(2)), int(m.group(3)), m.group(4)
            if day > 28 or not any(code in t for q, t in texts.items() if q != path):
                continue
            wrong = m.group(0).replace(f"/{m.group(3)}/{year}", f"/{month % 12 + 1}/{year}")
            dest.write_text(text.replace(m.group(0), wrong), encoding="utf-8")
            return {"file": str(dest), "code": code, "date": f"{year}-{month:02d}-{day:02d}"}
    raise AssertionError("no document is cited with a date by two seed plans")


@pytest.fixture(scope="module")
def shared(tmp_path_factory):
    """One working folder and output folder for the three notebooks; the seeds plus a copied-date slip."""
    work = tmp_path_factory.mktemp("notebooks")
    (work / "more").mkdir()
    slip = copy_with_wrong_date(work / "more" / "copied_plan.txt")
    params = {"CORPUS": [str(SEEDS), str(work / "more")], "OUT": str(work / "out"), "WORKERS": 1}
    return {"dir": work, "params": params, "slip": slip}


@needs_runner
def test_analyst(shared, monkeypatch):
    bad = shared["dir"] / "incoming" / "scan.doc"
    bad.parent.mkdir()
    bad.write_bytes(bytes(range(256)) * 16)
    params = dict(shared["params"], CORPUS=[*shared["params"]["CORPUS"], str(bad.parent)])
    ns = run_notebook("analyst", shared["dir"], monkeypatch, **params)
    T = ns["T"]

    # every plan is a plan, the unreadable file is one error row and nothing else
    plans = [str(p) for p in SEEDS.iterdir() if p.is_file() and not p.name.startswith(".")] + [shared["slip"]["file"]]
    assert sorted(T.documents["file"]) == sorted(plans)
    assert T.errors["file"].tolist() == [str(bad)]
    assert T.errors["stage"].iloc[0] and T.errors["reason"].iloc[0]
    assert ns["failed_by_stage"].sum() == 1

    # tasks per lead unit: the same counts as walking the tasks one by one
    per_lead: dict[str, int] = {}
    for lead in T.tasks["lead"]:
        for unit in items(lead):
            per_lead[unit] = per_lead.get(unit, 0) + 1
    assert per_lead, "the seed plans give tasks to units"
    assert ns["tasks_per_lead"]["tasks"].to_dict() == per_lead
    assert ns["tasks_per_lead"]["tasks"].is_monotonic_decreasing

    # deadlines by quarter: recomputed from the ISO strings
    quarters: dict[str, int] = {}
    for start, end in zip(T.deadlines["start"], T.deadlines["end"]):
        when = end if isinstance(end, str) else start
        if isinstance(when, str) and len(when) >= 7:
            q = f"{when[:4]}Q{(int(when[5:7]) - 1) // 3 + 1}"
            quarters[q] = quarters.get(q, 0) + 1
    assert quarters, "the seed plans have dated deadlines"
    assert ns["by_quarter"].rename(index=str).to_dict() == quarters
    assert ns["by_month"].to_numpy().sum() == sum(quarters.values())

    # exports: Excel with one sheet per table, Parquet read back whole
    import openpyxl
    import pandas as pd

    out = Path(params["OUT"])
    wb = openpyxl.load_workbook(out / "plans.xlsx", read_only=True)
    assert wb.sheetnames == [n for n, _ in T.items()]
    assert wb["tasks"].max_row - 1 == len(T.tasks)
    assert len(pd.read_parquet(out / "tasks.parquet")) == len(T.tasks)
    summary = pd.read_excel(ns["summary_xlsx"], sheet_name=None)
    assert len(summary["tasks_per_lead"]) == len(per_lead)
    assert summary["errors"]["file"].tolist() == [str(bad)]


@needs_runner
def test_auditor(shared, monkeypatch):
    from extractor.nlp.citations.resolve import normalize_code

    ns = run_notebook("auditor", shared["dir"], monkeypatch, **shared["params"])
    T, cits, edges = ns["T"], ns["cits"], ns["edges"]
    assert len(edges) > 0

    # one row per plan, the plans citing nothing included; counts add up to the edges
    per_plan = ns["per_plan"]
    assert sorted(per_plan["file"]) == sorted(T.documents["file"])
    assert per_plan.filter(like="n_").to_numpy().sum() == len(edges)
    for doc_id, row in per_plan.iterrows():
        basis = set(edges[(edges["doc_id"] == doc_id) & (edges["relation"] == "basis")]["code"].dropna())
        assert basis <= set(row.get("basis", "").split(", ")) - {""}

    # most cited: the top document is cited by as many plans as any
    plans_per_doc = edges.groupby("key")["doc_id"].nunique()
    assert ns["most_cited"]["plans"].iloc[0] == plans_per_doc.max()

    # flagged: exactly the citations with an issue
    flagged = ns["flagged"]
    assert len(flagged) == sum(bool(items(v)) for v in cits["issues"])
    assert len(flagged) > 0 and all(items(v) for v in flagged["issues"])
    assert ns["issue_counts"].sum() == sum(len(items(v)) for v in cits["issues"])
    assert ns["in_registry"]["registry_title"].notna().all()

    # the copied date: the one plan that disagrees is flagged, with the others' reading beside it
    slip = shared["slip"]
    conflicts = ns["conflicts"]
    assert conflicts["file"].tolist() == [slip["file"]]
    assert conflicts["majority_date"].tolist() == [slip["date"]]
    assert all(plans_per_doc[k] > 1 for k in conflicts["key"])
    if slip["code"] in set(ns["in_registry"]["code"]):  # the registry knows the document: the slip is flagged there too
        assert slip["file"] in set(ns["registry_conflicts"]["file"])

    # the plans citing CODE (typed malformed): the same plans as a lookup of the normal form
    want = normalize_code(ns["CODE"])[0]
    expected = set(cits.loc[cits["code"] == want, "doc_id"])
    assert expected, "the default CODE is one the example corpus cites"
    assert set(ns["citing_plans"]["doc_id"]) == expected

    # the HTML page marks every document the plan cites
    page = ns["html_path"].read_text(encoding="utf-8")
    marked = {html.unescape(c) for c in re.findall(r'<mark class="cit[^"]*"[^>]*data-code="([^"]*)"', page)}
    assert marked == set(cits.loc[cits["file"] == ns["PLAN"], "code"].dropna())


@needs_runner
def test_researcher(shared, monkeypatch):
    from extractor.tables.sqlite import folded

    series_dir = REPO / "corpus" / "series" / "text"
    ns = run_notebook("researcher", shared["dir"], monkeypatch, **shared["params"], SERIES=[str(series_dir)])
    T, plans = ns["T"], ns["plans"]

    # series: the written yearly series, each plan once, in year order; the seeds stay apart
    multi = ns["multi"]
    series_files = sorted(p.name for p in series_dir.glob("*.txt"))
    assert sorted(Path(f).name for f in multi["file"]) == series_files
    for _, g in multi.groupby("series_id"):
        assert g["plan_year"].is_monotonic_increasing and g["link_reason"].iloc[1:].notna().all()
    assert len(ns["series"]) == len(T.documents)
    # changes per link: the crosstab counts exactly the non-kept diff rows
    assert ns["diff_counts"].to_numpy().sum() == int((ns["D"]["change"] != "kept").sum()) > 0
    assert {"raised" in d for d in ns["target_moves"]["detail"].dropna()} == {True}
    assert ns["tasks_per_year"].notna().to_numpy().sum() == len(multi)
    assert Path(ns["pair_html"]).read_text(encoding="utf-8").count("<table") >= 3
    try:
        import matplotlib  # noqa: F401
        assert all(Path(f).stat().st_size > 0 for f in ns["figures"]) and len(ns["figures"]) == 2
    except ImportError:
        assert ns["figures"] == []

    # one row per plan; the counts are the tables' rows
    assert len(plans) == len(T.documents)
    assert plans["tasks"].sum() == len(T.tasks) and plans["citations"].sum() == len(T.citation_edges)
    assert ns["by_year"]["plans"].sum() == len(T.documents)
    assert ns["by_issuer"].notna().to_numpy().sum() >= 1

    # label coverage: the plans with a section labelled LABEL, found row by row
    label = ns["LABEL"]
    with_label = {f for f, labels in zip(T.sections["file"], T.sections["labels"]) if label in items(labels)}
    assert with_label, "some seed plan budgets its work"
    assert set(ns["has_label"]) == with_label
    assert set(ns["lacks_label"]) == set(T.documents["file"]) - with_label
    assert ns["coverage"].shape[0] == len(T.documents)

    # documents shared by several plans
    assert (ns["shared"]["plans"] > 1).all()

    # search with and without diacritics finds the same sections, each holding the words
    hits, plain = ns["hits"], ns["hits_plain"]
    assert len(hits) > 0
    assert sorted(zip(hits["doc_id"], hits["path"])) == sorted(zip(plain["doc_id"], plain["path"]))
    texts: dict[tuple, str] = {}
    for key, heading, text in zip(zip(T.sections["doc_id"], T.sections["path"]), T.sections["heading"], T.sections["text"]):
        texts[key] = texts.get(key, "") + folded(f"{heading or ''}\n{text or ''}")
    table = ns["search_table"](ns["QUERY"])  # pandas over the same tables: the index points at the right rows
    assert sorted(zip(hits["doc_id"], hits["path"])) == sorted(zip(table["doc_id"], table["path"]))
    words = folded(ns["QUERY"]).split()
    for key in zip(hits["doc_id"], hits["path"]):
        assert all(w in texts[key] for w in words), key
