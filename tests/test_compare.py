"""Plan series and diffs on the written series (corpus/series), the seeds, and the compare command."""
from __future__ import annotations

import json
import os
from collections import defaultdict
from pathlib import Path

import pandas as pd
import pytest

import extractor
from extractor.cli import main
from extractor.evaluate import norm, similar

ROOT = Path(__file__).resolve().parents[1]
SERIES = ROOT / "corpus" / "series"
SEEDS = sorted((ROOT / "corpus" / "text").glob("00[0-4]_*.txt"))  # the five seed plans (also /work/shared/seeds)
GOLD = json.loads((SERIES / "gold" / "series.json").read_text(encoding="utf-8"))


@pytest.fixture(scope="module")
def series_tables():
    return extractor.run([str(SERIES / "text")], workers=1, quiet=True)


@pytest.fixture(scope="module")
def result(series_tables):
    return extractor.compare(series_tables)


def _base(f: str) -> str:
    return os.path.basename(f)


def test_plan_series_links_exactly_the_intended_plans_in_order(result):
    s = result.plan_series.assign(file=lambda d: d["file"].map(_base), prev_file=lambda d: d["prev_file"].map(
        lambda v: _base(v) if isinstance(v, str) else None))
    assert set(s.columns) >= {"series_id", "doc_id", "file", "issuer", "issuer_key", "subject", "plan_year",
                              "prev_doc_id", "link_reason", "similarity"}
    got = {sid: g.sort_values("plan_year")["file"].tolist() for sid, g in s.groupby("series_id")}
    assert sorted(got.values()) == sorted(g["plans"] for g in GOLD["series"])
    by_file = s.set_index("file")
    for g in GOLD["series"]:
        for prev, f, reason in zip([None] + g["plans"][:-1], g["plans"], g["links"]):
            row = by_file.loc[f]
            assert (row["prev_file"] if isinstance(row["prev_file"], str) else None) == prev, f
            assert (row["link_reason"] if isinstance(row["link_reason"], str) else None) == reason, f


def test_a_2026_plan_of_a_merged_province_joins_its_predecessors_series(result):
    s = result.plan_series.assign(file=lambda d: d["file"].map(_base)).set_index("file")
    new, old = s.loc["A3_snv_laocai_2026.txt"], s.loc["A2_snv_yenbai_2024.txt"]
    assert "Lào Cai" in new["issuer"] and "Yên Bái" in old["issuer"]
    assert new["series_id"] == old["series_id"] and new["issuer_key"] == old["issuer_key"]
    assert _base(new["prev_file"]) == "A2_snv_yenbai_2024.txt"


def _match(g: dict, p: dict) -> bool:
    if g["part"] != p["part"] or g["change"] != p["change"]:
        return False
    if g["part"] == "citations":
        return norm(g["key"]) == norm(p["key"])
    return similar(g["key"], p["key"])


def test_plan_diffs_match_the_gold_changes_by_part(result):
    d = result.plan_diffs.assign(a_file=lambda x: x["a_file"].map(_base), b_file=lambda x: x["b_file"].map(_base))
    counts = defaultdict(lambda: [0, 0, 0])  # gold, pred, found
    for pair in GOLD["diffs"]:
        pred = d[(d["a_file"] == pair["a"]) & (d["b_file"] == pair["b"]) & (d["change"] != "kept")].to_dict("records")
        assert pred or pair["changes"] == [], pair
        used: set[int] = set()
        for g in pair["changes"]:
            counts[g["part"]][0] += 1
            j = next((j for j, p in enumerate(pred) if j not in used and _match(g, p)), None)
            if j is not None:
                used.add(j)
                counts[g["part"]][2] += 1
        for p in pred:
            counts[p["part"]][1] += 1
    for part, (ng, np_, nf) in counts.items():
        assert nf / np_ >= 0.9 and nf / ng >= 0.9, (part, ng, np_, nf)
    assert set(counts) == {"sections", "tasks", "units", "citations", "targets"}


def test_diff_rows_say_what_moved(result):
    d = result.plan_diffs
    cuoc_thi = d[(d["part"] == "tasks") & d["key"].str.contains("Cuộc thi tìm hiểu về CCHC") & (d["change"] == "changed")]
    assert sorted(cuoc_thi["detail"].str.extract(r"deadline moved ([+-]\d+) months")[0]) == ["+3", "-3"]
    raised = d[(d["part"] == "targets") & d["key"].str.startswith("Tỷ lệ hồ sơ")]["detail"].tolist()
    assert raised == ["raised 95 → 97", "raised 97 → 99"]
    renamed = d[(d["part"] == "units") & (d["key"] == "Sở Tư pháp tỉnh Lào Cai")]
    assert renamed["change"].tolist() == ["changed"] and "2025" in renamed["detail"].iloc[0]


def test_the_seeds_group_by_subject_not_into_one_issuers_series():
    assert len(SEEDS) == 5
    tables = extractor.run([str(p) for p in SEEDS], workers=1, quiet=True)
    s = extractor.compare(tables).plan_series
    assert len(s) == 5
    assert s["subject"].nunique() == 1 and s["subject"].iloc[0] == "tuyên truyền cải cách hành chính"
    assert s["series_id"].nunique() == 5 and s["prev_doc_id"].isna().all()


def test_compare_two_records_and_html(tmp_path, capsys):
    a, b = (extractor.extract(str(SERIES / "text" / f)) for f in ("A2_snv_yenbai_2024.txt", "A3_snv_laocai_2026.txt"))
    pa, pb = tmp_path / "a.json", tmp_path / "b.json"
    pa.write_text(json.dumps(a.to_json(), ensure_ascii=False), encoding="utf-8")
    pb.write_text(json.dumps(b.to_json(), ensure_ascii=False), encoding="utf-8")
    html = tmp_path / "diff.html"
    assert main(["compare", str(pa), str(pb), "--html", str(html), "--json"]) == 0
    rows = [json.loads(line) for line in capsys.readouterr().out.splitlines()]
    assert {"part": "citations", "change": "added", "key": "202/2025/QH15"}.items() <= next(
        r for r in rows if r["key"] == "202/2025/QH15").items()
    page = html.read_text(encoding="utf-8")
    assert "<table" in page and "202/2025/QH15" in page and "Sở Tư pháp tỉnh Lào Cai" in page


def test_compare_a_run_folder_writes_tables_beside_the_others(tmp_path):
    out = tmp_path / "out"
    assert main(["run", str(SERIES / "text"), "--out", str(out), "--format", "parquet", "--quiet", "--workers", "1"]) == 0
    assert main(["compare", str(out)]) == 0
    for name in ("plan_series", "plan_diffs", "targets"):
        assert (out / f"{name}.parquet").exists()
    assert len(pd.read_parquet(out / "plan_series.parquet")) == 9
    man = json.loads((out / "current" / "MANIFEST.json").read_text())
    assert {"plan_series.parquet", "plan_diffs.parquet"} <= set(man["files"])
    import sqlite3

    con = sqlite3.connect(out / "plans.sqlite")
    assert con.execute("SELECT count(*) FROM plan_series").fetchone()[0] == 9
    assert con.execute("SELECT count(*) FROM plan_diffs WHERE change != 'kept'").fetchone()[0] > 0
    con.close()
