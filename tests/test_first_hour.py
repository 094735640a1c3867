"""A new user's first hour (issue 15, items 2-6), each from a fresh folder as a clone would have.

The commands are run as a user runs them: `kh-extract ...` in a shell, in a
fresh working folder, the exit status and the words on the terminal checked.
"""
from __future__ import annotations

import json
import os
import shutil
import sqlite3
import subprocess
import sys
import zipfile

import pandas as pd
import pytest
from runner_corpus import ROOT, SEEDS

BIN = os.path.dirname(sys.executable)


def sh(cmd: str, cwd, timeout: int = 600) -> subprocess.CompletedProcess:
    """`cmd` in bash, with this checkout's kh-extract first on PATH (as after `make setup`)."""
    env = {**os.environ, "PATH": f"{BIN}:{os.environ.get('PATH', '')}", "PYTHONPATH": ROOT}
    return subprocess.run(["bash", "-c", cmd], cwd=cwd, env=env, capture_output=True, text=True, timeout=timeout)


@pytest.fixture
def folder(tmp_path):
    """plans/ as users keep them: two plans beside their gold JSON, a script, notes and a table."""
    d = tmp_path / "plans"
    d.mkdir()
    for p in SEEDS[:2]:
        shutil.copy(p, d)
    stem = os.path.splitext(os.path.basename(SEEDS[0]))[0]
    shutil.copy(os.path.join(ROOT, "corpus", "gold", f"{stem}.json"), d)
    (d / "render.py").write_text("print('not a plan')\n")
    (d / "NOTES.md").write_text("# Kế hoạch\n\nghi chú\n")
    (d / "codes.tsv").write_text("code\tname\n12/KH-UBND\tKế hoạch\n")
    return tmp_path


def _docs(out) -> pd.DataFrame:
    return pd.read_parquet(os.path.join(out, "documents.parquet"))


def test_run_reads_documents_only_and_counts_the_rest(folder):
    r = sh("kh-extract run plans --out out/ --quiet", folder)
    assert r.returncode == 0, r.stderr
    assert "skipped 4 files that are not documents" in r.stderr
    assert sorted(map(os.path.basename, _docs(folder / "out")["file"])) == sorted(map(os.path.basename, SEEDS[:2]))


def test_a_non_document_named_explicitly_is_an_error_row(folder):
    r = sh("kh-extract run plans/codes.tsv plans/*.txt --out out/ --quiet", folder)
    assert r.returncode == 1, r.stderr  # partly read
    errs = pd.read_parquet(folder / "out" / "errors.parquet")
    assert list(errs["file"]) == ["plans/codes.tsv"] and "not a document (.tsv file)" in errs["reason"][0]
    r = sh("kh-extract extract plans/NOTES.md", folder)
    assert r.returncode == 2 and "error: plans/NOTES.md: sniff: not a document (.md file)" in r.stderr


def test_zip_members_are_read_as_archive_member_within_limits(folder):
    z = folder / "batch.zip"
    with zipfile.ZipFile(z, "w", zipfile.ZIP_DEFLATED) as zf:
        zf.write(SEEDS[0], "2023/plan-a.txt")
        zf.write(SEEDS[1], "../../escape.txt")  # a path-traversal name
        zf.writestr("readme.md", "not a plan")
        zf.writestr("bomb.txt", b"\0" * (8 << 20))  # 8 MB of zeros in a few kB: over the ratio limit
    r = sh("kh-extract run batch.zip --out out/ --quiet", folder)
    assert r.returncode == 1, r.stderr
    assert sorted(_docs(folder / "out")["file"]) == ["batch.zip!../../escape.txt", "batch.zip!2023/plan-a.txt"]
    errs = pd.read_parquet(folder / "out" / "errors.parquet")
    assert list(errs["file"]) == ["batch.zip!bomb.txt"] and "zip bomb" in errs["reason"][0]
    assert "skipped 1 file that is not a document" in r.stderr
    assert not (folder.parent / "escape.txt").exists() and not (folder / "escape.txt").exists()
    unpacked = [os.path.join(r_, n) for r_, _, ns in os.walk(folder / "out" / ".cache" / "archives") for n in ns]
    assert len(unpacked) == 2 and all(p.startswith(str(folder / "out" / ".cache" / "archives")) for p in unpacked)


def test_eval_scores_only_predicted_gold_and_says_what_it_left_out(folder):
    gold = folder / "gold"
    gold.mkdir()
    for p in SEEDS[:3]:
        stem = os.path.splitext(os.path.basename(p))[0]
        shutil.copy(os.path.join(ROOT, "corpus", "gold", f"{stem}.json"), gold)
    r = sh(f"kh-extract extract {SEEDS[0]} --out pred/", folder)
    assert r.returncode == 0, r.stderr
    shutil.copy(folder / "pred" / os.listdir(folder / "pred")[0], folder / "pred" / "renamed.json")
    rec = json.loads((folder / "pred" / "renamed.json").read_text())
    (folder / "pred" / "renamed.json").write_text(json.dumps({**rec, "file": "other.txt", "doc_id": "0"}))
    r = sh("kh-extract eval gold pred/", folder)
    assert r.returncode == 0, r.stderr
    assert r.stdout.startswith("Scored 1 document(s)")
    assert "left out 2 of 3 gold files that have no prediction" in r.stderr
    assert os.path.basename(SEEDS[1]) in r.stderr and "1 prediction(s) match no gold file: other.txt" in r.stderr
    f1 = next(line for line in r.stdout.splitlines() if line.startswith("citations")).split()[6]
    assert float(f1) > 0.9
    r = sh("kh-extract eval gold pred/ --all", folder)
    assert r.stdout.startswith("Scored 3 document(s)") and "left out" not in r.stderr


def test_extract_out_keeps_one_output_per_input(folder):
    (folder / "a").mkdir()
    (folder / "b").mkdir()
    shutil.copy(SEEDS[0], folder / "a" / "plan.txt")
    shutil.copy(SEEDS[1], folder / "b" / "plan.txt")
    docx = sorted(os.listdir(os.path.join(ROOT, "corpus", "docx")))[0]
    shutil.copy(os.path.join(ROOT, "corpus", "docx", docx), folder / "plan.docx")
    r = sh("kh-extract extract a/plan.txt b/plan.txt plan.docx --out d/", folder)
    assert r.returncode == 0, r.stderr
    assert sorted(os.listdir(folder / "d")) == ["a__plan.json", "b__plan.json", "plan.json"]
    ids = {json.loads((folder / "d" / n).read_text())["doc_id"] for n in os.listdir(folder / "d")}
    assert len(ids) == 3


def test_run_refuses_a_second_corpus_in_one_out_unless_told(folder):
    (folder / "other").mkdir()
    shutil.copy(SEEDS[2], folder / "other")
    assert sh("kh-extract run plans --out out/ --quiet", folder).returncode == 0
    r = sh("kh-extract run other --out out/ --quiet", folder)
    assert r.returncode == 2 and "holds the tables of a run over" in r.stderr and "--append" in r.stderr
    assert len(_docs(folder / "out")) == 2  # untouched
    assert sh("kh-extract run plans/ --out out/ --quiet", folder).returncode == 0  # the same corpus again
    r = sh("kh-extract run other --out out/ --quiet --append", folder)
    assert r.returncode == 0, r.stderr
    assert len(_docs(folder / "out")) == 3
    r = sh("kh-extract run other --out out/ --quiet --force", folder)
    assert r.returncode == 0 and list(map(os.path.basename, _docs(folder / "out")["file"])) == [os.path.basename(SEEDS[2])]


@pytest.mark.parametrize("fmt", ["csv", "xlsx", "sqlite"])
def test_citations_reads_every_sink(folder, fmt):
    r = sh(f"kh-extract run plans --out out/ --quiet --format {fmt} && kh-extract citations out/ --top 3 --json", folder)
    assert r.returncode == 0, r.stderr
    want = sh("kh-extract run plans --out ref/ --quiet && kh-extract citations ref/ --top 3 --json", folder)
    assert json.loads(r.stdout) == json.loads(want.stdout) and json.loads(r.stdout)["top"]


def test_citations_reads_partitioned_parquet(folder):
    from extractor.cli_citations import load
    from extractor.runner.run import extract_all, write_tables

    tables, _ = extract_all([str(folder / "plans")], workers=1)
    write_tables(tables, str(folder / "parts"), "parquet", partitioned=True)
    assert not (folder / "parts" / "citations.parquet").exists()
    cits, edges = load(str(folder / "parts"))
    assert len(cits) == len(tables.citations) > 0 and list(edges["key"]) == list(tables.citation_edges["key"])


def test_raw_fts_query_with_or_without_diacritics(folder):
    import re

    from extractor.tables.sqlite import folded

    assert sh("kh-extract run plans --out out/ --quiet", folder).returncode == 0
    con = sqlite3.connect(folder / "out" / "plans.sqlite")
    text = next(t for (t,) in con.execute("SELECT text FROM sections") if t and re.search(r"\bđ\w+ \w+", t))
    phrase = re.search(r"\bđ\w+ \w+", text).group(0)  # two words as a plan writes them, the first with đ
    q = "SELECT rowid, doc_id, heading, text FROM sections_fts WHERE sections_fts MATCH ? ORDER BY rowid"
    marked = con.execute(q, (f'"{phrase}"',)).fetchall()
    assert marked and marked == con.execute(q, (f'"{folded(phrase)}"',)).fetchall(), phrase
    assert all(phrase.lower() in f"{h} {t}".lower() for _, _, h, t in marked)  # the text as written


def test_a_closed_pipe_is_no_traceback(folder):
    r = sh("kh-extract extract plans | head -c 100; echo \" rc=${PIPESTATUS[0]}\"", folder)
    assert "Traceback" not in r.stderr and "BrokenPipe" not in r.stderr, r.stderr
    assert r.stdout.endswith("rc=0\n")


def test_version_and_full_help():
    from extractor import __version__

    r = sh("kh-extract --version", ROOT)
    assert r.returncode == 0 and r.stdout.strip() == f"kh-extract {__version__}"
    for cmd in ("extract", "run", "eval", "citations", "report"):
        h = sh(f"kh-extract {cmd} --help", ROOT).stdout
        assert h.startswith(f"usage: kh-extract {cmd}") and "exit status" in h and "docs/" in h, cmd
    h = sh("kh-extract run --help", ROOT).stdout
    for opt, default in (("--out", "out"), ("--format", "parquet"), ("--timeout", "120.0"), ("--max-memory", "2048")):
        assert f"(default: {default})" in h.split(opt, 1)[1], opt
    assert "docs/" in h and "SCHEMA.md" not in h and "2  nothing was read" in h


def test_csv_reader_takes_the_formula_quote_off(folder):
    """A cell the CSV sink defused (`'- Văn bản…`) reads back as written."""
    from extractor.cli_citations import read_table

    assert sh("kh-extract run plans --out out/ --quiet --format csv", folder).returncode == 0
    assert sh("kh-extract run plans --out ref/ --quiet", folder).returncode == 0
    for name in ("tasks", "citations", "sections"):
        a, b = read_table(str(folder / "out"), name), read_table(str(folder / "ref"), name)
        for col in ("text", "task", "form", "heading"):
            if col in a.columns:
                assert [v or None for v in a[col]] == [None if pd.isna(v) else v or None for v in b[col]], (name, col)
