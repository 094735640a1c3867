"""`extractor.run` / `kh-extract run`: tables joined by doc_id, parallel workers, cache, limits."""
from __future__ import annotations

import json
import os
from dataclasses import fields

import pandas as pd
import pytest

from extractor import run
from extractor.cli import main
from extractor.records import Citation, citation_key
from extractor.tables.frames import OFFSETS, Tables

from runner_corpus import ROOT, seeds_copy

TABLE_NAMES = ["documents", "sections", "citations", "citation_edges", "units", "deadlines", "tasks", "targets", "errors"]


@pytest.fixture(scope="module")
def corpus(tmp_path_factory):
    d = tmp_path_factory.mktemp("corpus")
    files = seeds_copy(d)
    (d / "english.txt").write_text("This annual report describes the budget of the city council. " * 20)
    (d / "empty.txt").write_bytes(b"")
    return d, files


@pytest.fixture(scope="module")
def tables(corpus, tmp_path_factory):
    d, _ = corpus
    out = tmp_path_factory.mktemp("out")
    return run([str(d)], out=str(out), workers=2, quiet=True), out


def test_every_table_and_every_good_file(corpus, tables):
    d, files = corpus
    t, _ = tables
    assert isinstance(t, Tables) and Tables.names() == TABLE_NAMES
    assert sorted(t.documents["file"]) == files
    assert t.documents["doc_id"].is_unique
    assert set(t.documents["doc_type"]) == {"KH"}
    assert sorted(os.path.basename(f) for f in t.errors["file"]) == ["empty.txt", "english.txt"]
    by_file = dict(zip(t.errors["file"].map(os.path.basename), t.errors["stage"]))
    assert by_file["english.txt"] == "language"
    for name in ("sections", "citations", "units", "deadlines", "tasks"):
        df = getattr(t, name)
        assert len(df) > 0, name
        assert set(df["doc_id"]) <= set(t.documents["doc_id"])  # joined by doc_id
        assert {"file", "item", "page", "char_start", "char_end", "ocr_conf"} <= set(df.columns)


def test_rows_are_in_file_then_item_order(tables):
    t, _ = tables
    for df in (t.sections, t.citations, t.tasks):
        keys = list(zip(df["file"], df["item"]))
        assert keys == sorted(keys)


def test_citations_have_every_dataclass_field_and_the_key(tables):
    t, _ = tables
    want = {f.name for f in fields(Citation) if f.name not in OFFSETS} | {"key"}  # offsets: flattened or JSON only
    assert want <= set(t.citations.columns)
    def val(v):
        return v if isinstance(v, str) and v else None

    for _, c in t.citations.iterrows():  # the key a row carries is the one its fields give
        assert c["key"] == citation_key(val(c["code"]), val(c["issuer"]), val(c["doc_type"]), val(c["name"]), val(c["date"]))
    edges = t.citation_edges
    assert list(edges.columns) == ["doc_id", "file", "key", "doc_type", "code", "date", "issuer", "relation", "mentions", "registry_title"]
    assert len(edges) == len(t.citations)
    # a plan citing Nghị định 30/2020/NĐ-CP, found through the edge table
    seed2 = t.documents[t.documents["code"] == "485/KH-STTTT"]
    assert len(seed2) >= 1
    cited = set(edges[edges["doc_id"].isin(seed2["doc_id"])]["key"])
    assert "76/NQ-CP" in cited


def test_span_points_at_the_text(tables):
    t, _ = tables
    s = t.citations[t.citations["file"].str.endswith(".txt")].iloc[0]
    from extractor.ingest import load

    src = load(s["file"])
    assert src.text[int(s["char_start"]) : int(s["char_end"])] == s["text"]


def test_second_run_uses_the_cache_and_force_redoes(corpus, tables):
    d, files = corpus
    t1, out = tables
    assert main(["run", str(d), "--out", str(out), "--workers", "1", "--quiet"]) == 1  # partial: english, empty
    st = json.loads((out / "run.json").read_text())
    assert st["cached"] == st["files"] and st["extracted"] == 0
    t2 = {n: pd.read_parquet(out / f"{n}.parquet") for n in TABLE_NAMES}
    assert len(t2["documents"]) == len(t1.documents)
    assert list(t2["sections"]["text"]) == list(t1.sections["text"])
    assert main(["run", str(d), "--out", str(out), "--workers", "1", "--quiet", "--force", "--format", "sqlite"]) == 1
    st = json.loads((out / "run.json").read_text())
    assert st["cached"] == 0 and st["extracted"] == st["files"]


def test_changed_file_is_redone(tmp_path):
    d = tmp_path / "c"
    files = seeds_copy(d)[:1]
    out = tmp_path / "out"
    a = run(files, out=str(out), workers=1, quiet=True)
    with open(files[0], "a", encoding="utf-8") as f:
        f.write("\n\nNơi nhận: Văn phòng UBND tỉnh.\n")
    b = run(files, out=str(out), workers=1, quiet=True)
    assert a.documents["doc_id"][0] != b.documents["doc_id"][0]
    assert json.loads((out / "run.json").read_text())["extracted"] == 1


def test_inputs_folders_globs_and_duplicates(tmp_path):
    d = tmp_path / "c"
    files = seeds_copy(d)
    dup = d / "nested" / "again" / "copy-of-first.txt"
    dup.parent.mkdir(parents=True)
    dup.write_bytes(open(files[0], "rb").read())
    t = run([str(d / "*.txt"), str(d / "nested")], workers=1, quiet=True)
    names = sorted(os.path.basename(f) for f in t.documents["file"])
    assert names == sorted([os.path.basename(f) for f in files if f.endswith(".txt")] + ["copy-of-first.txt"])
    # the same content under two names: a row per file, one doc_id
    same = t.documents[t.documents["file"].isin([files[0], str(dup)])]
    assert len(same) == 2 and same["doc_id"].nunique() == 1


def test_time_limit_makes_an_error_row_and_the_batch_goes_on(tmp_path):
    d = tmp_path / "c"
    files = seeds_copy(d)
    seed = open(os.path.join(ROOT, "corpus", "text", "002_337e30c1cff994e8.txt"), encoding="utf-8").read()
    body = "\n\n".join(seed.split("\n\n")[12:])
    (d / "huge.txt").write_text(seed + ("\n\n" + body) * 45, encoding="utf-8")  # ~900 kB: ~10 s of work
    t = run([str(d)], workers=1, timeout=2, quiet=True)
    err = t.errors.set_index(t.errors["file"].map(os.path.basename))
    assert err.loc["huge.txt", "stage"] == "limit"
    assert err.loc["huge.txt", "reason"] == "timed out after 2 s"
    assert sorted(t.documents["file"]) == sorted(files)


PROGRESS_SCRIPT = """
from extractor.runner.progress import Progress
p = Progress(3, quiet={quiet})
for i in range(3):
    p.update(error=(i == 1))
p.close()
"""


def _on_a_terminal(code: str) -> str:
    """Run `code` with stderr on a pseudo-terminal (a terminal that reports no size) and return what it drew."""
    import pty
    import select
    import subprocess
    import sys

    m, s = pty.openpty()
    p = subprocess.Popen([sys.executable, "-c", code], stdin=s, stdout=s, stderr=s, env=dict(os.environ, PYTHONPATH=ROOT))
    os.close(s)
    out = b""
    while p.poll() is None or select.select([m], [], [], 0.2)[0]:
        if select.select([m], [], [], 0.2)[0]:
            try:
                out += os.read(m, 65536)
            except OSError:
                break
    os.close(m)
    return out.decode("utf-8", "replace")


def test_progress_bar_on_a_terminal_shows_rate_eta_and_errors():
    drawn = _on_a_terminal(PROGRESS_SCRIPT.format(quiet=False))
    last = [line for line in drawn.split("\r") if "3/3" in line][-1]
    assert "file/s" in last and "errors=1" in last and "<" in last  # elapsed<remaining


def test_progress_bar_quiet():
    assert "file/s" not in _on_a_terminal(PROGRESS_SCRIPT.format(quiet=True))


def test_memory_limit_makes_an_error_row_and_the_batch_goes_on(tmp_path):
    import sys

    sys.path.insert(0, os.path.dirname(__file__))
    from bad_inputs import make_fat_docx

    d = tmp_path / "c"
    files = seeds_copy(d)
    make_fat_docx(str(d))
    t = run([str(d)], workers=1, max_memory_mb=600, timeout=60, quiet=True)
    err = t.errors[t.errors["file"].str.endswith("fat.docx")]
    # past the limit an allocation fails: MemoryError in Python ("memory limit exceeded"), a
    # failed parse inside libxml2 (an ingest error), or a dead worker; never a dead batch
    assert len(err) == 1 and err.iloc[0]["stage"] in {"limit", "ingest"}, err.to_dict("records")
    assert sorted(t.documents["file"]) == sorted(files)
