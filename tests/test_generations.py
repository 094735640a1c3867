"""A run's tables belong together: generations switched atomically, a lock on --out, no mix after a fault."""
from __future__ import annotations

import errno
import json
import os
import shutil

import pandas as pd
import pytest

from extractor import run
from extractor.cli import main
from extractor.runner import generations as gens

from runner_corpus import SEEDS


def _corpus(d, seeds):
    os.makedirs(d, exist_ok=True)
    return [shutil.copy(p, d) for p in seeds]


def _docs(out) -> list[str]:
    return sorted(pd.read_parquet(os.path.join(out, "documents.parquet"))["doc_id"])


def _gens(out) -> list[str]:
    return sorted(n for n in os.listdir(out) if n.startswith("gen-"))


def test_each_run_is_one_generation_and_readers_see_it(tmp_path, capsys):
    a, b, out = tmp_path / "a", tmp_path / "b", str(tmp_path / "out")
    _corpus(a, SEEDS[:1])
    _corpus(b, SEEDS[1:2])
    run([str(a)], out=out, workers=1, quiet=True)
    first = _docs(out)
    assert os.path.islink(os.path.join(out, "current")) and _gens(out) == ["gen-1"]
    man = json.load(open(os.path.join(out, "current", gens.MANIFEST)))
    assert "documents.parquet" in man["files"] and "plans.sqlite" in man["files"]
    run([str(b)], out=out, workers=1, quiet=True)
    assert _gens(out) == ["gen-2"] and _docs(out) != first  # the old generation is gone, the names follow
    assert json.load(open(os.path.join(out, "run.json")))["generation"] == "gen-2"
    assert main(["citations", out, "--top", "3"]) == 0  # the auditor's reader reads the current generation
    assert capsys.readouterr().out.strip()


def test_a_fault_while_writing_leaves_the_previous_run_current(tmp_path, monkeypatch):
    a, b, out = tmp_path / "a", tmp_path / "b", str(tmp_path / "out")
    _corpus(a, SEEDS[:1])
    _corpus(b, SEEDS[1:2])
    run([str(a)], out=out, workers=1, quiet=True)
    before = {n: open(os.path.join(out, n), "rb").read() for n in ("documents.parquet", "citations.parquet")}
    from extractor.tables.stream import TableWriter

    real = TableWriter.add

    def disk_full(self, tables):
        real(self, tables)  # the first part of every table is written, then the disk is full
        raise OSError(errno.ENOSPC, "No space left on device")

    monkeypatch.setattr(TableWriter, "add", disk_full)
    with pytest.raises(OSError):
        run([str(b)], out=out, workers=1, quiet=True)
    # every table is still the first run's, none is the second's
    assert {n: open(os.path.join(out, n), "rb").read() for n in before} == before
    assert len(_gens(out)) == 2  # the half-written generation is there until the next run
    monkeypatch.setattr(TableWriter, "add", real)
    run([str(b)], out=out, workers=1, quiet=True)
    assert _gens(out) == [os.path.basename(gens.current(out))] != ["gen-1"]  # the leftover removed, the new one current
    assert not [n for n in os.listdir(out) if n.startswith(".tmp-")]
    assert _docs(out) != sorted(pd.read_parquet(pd.io.common.BytesIO(before["documents.parquet"]))["doc_id"])


def test_a_second_run_on_the_same_out_stops_with_a_clear_message(tmp_path, capsys):
    a, out = tmp_path / "a", str(tmp_path / "out")
    _corpus(a, SEEDS[:1])
    with gens.locked(out):  # a first run holds --out
        assert main(["run", str(a), "--out", out, "--workers", "1", "--quiet"]) == 2
    err = capsys.readouterr().err
    assert f"error: {out}: another kh-extract run (pid {os.getpid()}) is writing there" in err
    assert "Traceback" not in err and gens.current(out) is None
    assert main(["run", str(a), "--out", out, "--workers", "1", "--quiet"]) == 0  # released: it runs


def test_the_cached_rerun_checks_the_generation_not_run_json(tmp_path):
    a, out = tmp_path / "a", str(tmp_path / "out")
    _corpus(a, SEEDS[:2])
    run([str(a)], out=out, workers=1, quiet=True)
    first = _docs(out)
    with open(os.path.join(out, "current", "documents.parquet"), "r+b") as f:
        f.truncate(100)  # a damaged table; run.json still says all is well
    assert main(["run", str(a), "--out", out, "--workers", "1", "--quiet"]) == 0
    st = json.load(open(os.path.join(out, "run.json")))
    assert st["extracted"] == 0 and st["generation"] == "gen-2"  # from the cache, but the tables were rebuilt
    assert _docs(out) == first
