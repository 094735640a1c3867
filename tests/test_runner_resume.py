"""A run killed with SIGKILL and started again gives the tables of an uninterrupted run,
without redoing the files it had finished; the Dask engine gives the same tables too."""
from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
import time

import pandas as pd
import pytest
from runner_corpus import ROOT, generated, sorted_frames

from extractor.tables.frames import Tables
from extractor.tables.parquet import read_parquet


def _cli(corpus, out, *extra):
    env = dict(os.environ, PYTHONPATH=ROOT + os.pathsep + os.environ.get("PYTHONPATH", ""))
    return [sys.executable, "-m", "extractor.cli", "run", str(corpus), "--out", str(out), "--quiet", *extra], env


def _tables(out) -> dict:
    return sorted_frames(read_parquet(str(out)))


def _assert_same(a: dict, b: dict) -> None:
    assert list(a) == list(b) == Tables.names()
    for name in a:
        pd.testing.assert_frame_equal(a[name], b[name], obj=name)


@pytest.fixture(scope="module")
def corpus(tmp_path_factory):
    d = tmp_path_factory.mktemp("gen")
    generated(d, 30)
    (d / "batch00" / "notes.txt").write_text("Minutes of the meeting: nothing to report. " * 30)
    return d


@pytest.fixture(scope="module")
def reference(corpus, tmp_path_factory):
    out = tmp_path_factory.mktemp("ref")
    cmd, env = _cli(corpus, out, "--workers", "2")
    assert subprocess.run(cmd, env=env, timeout=300).returncode == 1  # partial: notes.txt is an error row
    return _tables(out)


def test_killed_run_resumes_to_the_same_tables(corpus, reference, tmp_path):
    out = tmp_path / "out"
    cmd, env = _cli(corpus, out, "--workers", "1")
    proc = subprocess.Popen(cmd, env=env, start_new_session=True, stderr=subprocess.DEVNULL)
    cache = out / ".cache"
    deadline = time.monotonic() + 120
    n_before = 0
    while time.monotonic() < deadline and proc.poll() is None:
        n_before = sum(len(fs) for _, _, fs in os.walk(cache)) if cache.exists() else 0
        if n_before >= 5:
            break
        time.sleep(0.05)
    os.killpg(proc.pid, signal.SIGKILL)  # the run and its workers, mid-batch
    proc.wait()
    assert 5 <= n_before < 31, "the kill must land mid-run"
    assert not (out / "documents.parquet").exists()
    cached = {os.path.join(r, f): os.stat(os.path.join(r, f)).st_mtime_ns for r, _, fs in os.walk(cache) for f in fs if f.endswith(".pkl")}

    cmd, env = _cli(corpus, out, "--workers", "2")
    assert subprocess.run(cmd, env=env, timeout=300).returncode == 1  # partial: notes.txt is an error row
    st = json.loads((out / "run.json").read_text())
    assert st["cached"] >= len(cached) and st["cached"] + st["extracted"] == st["files"] == 31
    for path, mtime in cached.items():  # finished files were not redone
        assert os.stat(path).st_mtime_ns == mtime
    _assert_same(_tables(out), reference)


def test_dask_local_cluster_gives_the_same_tables(corpus, reference, tmp_path):
    distributed = pytest.importorskip("distributed")
    from extractor.runner import run_corpus

    with distributed.LocalCluster(n_workers=2, threads_per_worker=1, processes=True, dashboard_address=None) as cluster:
        _, st = run_corpus([str(corpus)], str(tmp_path), engine="dask", scheduler=cluster.scheduler_address, quiet=True)
    assert st.extracted == 31
    assert (tmp_path / "parquet" / "documents" / "part-00000.parquet").exists()
    _assert_same(_tables(tmp_path), reference)
