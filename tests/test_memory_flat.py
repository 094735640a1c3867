"""Memory that does not grow with the corpus: a run builds and writes its tables a part at a time.

The plans' results are put in the cache here (the records of two seed plans, filed
under each generated file's own hash), so a run over them does only what the main
process does: hash, load outcomes, build and write tables. `make bench-memory` measures
the same at 1 000-10 000 plans in a separate process.
"""
from __future__ import annotations

import copy
import os
import sqlite3
import tracemalloc

import pandas as pd
import pytest

import extractor
from extractor.build import file_hash
from extractor.runner import run_corpus
from extractor.runner.cache import Cache
from extractor.runner.worker import Outcome
from extractor.tables import stream
from extractor.tables.csv import read_csv
from extractor.tables.parquet import read_parquet, typed

from runner_corpus import SEEDS


@pytest.fixture(scope="module")
def records():
    return [extractor.extract(p) for p in SEEDS[:2]]


def _corpus(d, out, n: int, records) -> None:
    """n plans (a seed's text with a line of its own), each with its record already cached."""
    os.makedirs(d, exist_ok=True)
    cache = Cache(os.path.join(out, ".cache"))
    for i in range(n):
        k = i % len(records)
        path = os.path.join(d, f"plan_{(i * 7) % n:05d}.txt")  # names not in the order they are made
        with open(SEEDS[k], encoding="utf-8") as f:
            text = f.read()
        with open(path, "w", encoding="utf-8") as f:
            f.write(text + f"\n\nBản số {i}.\n")
        rec = copy.copy(records[k])
        rec.doc_id, rec.file = file_hash(path), os.path.basename(path)
        cache.put(Outcome(path, rec.doc_id, record=rec))


def _peak(d, out, cache: str) -> int:
    tracemalloc.start()
    try:
        _, st = run_corpus([str(d)], str(out), need_tables=False, workers=1, cache_dir=cache)
        peak = tracemalloc.get_traced_memory()[1]
    finally:
        tracemalloc.stop()
    assert st.extracted == 0
    return peak


def test_peak_memory_of_a_run_does_not_grow_with_the_corpus(tmp_path, monkeypatch, records):
    monkeypatch.setattr(stream, "FILES_PER_PART", 10)
    peaks = {}
    for n in (20, 120):
        d, cache = tmp_path / f"c{n}", str(tmp_path / f"o{n}" / ".cache")
        _corpus(d, tmp_path / f"o{n}", n, records)
        _peak(d, tmp_path / f"warm{n}", cache)  # a first run: imports, the code's own caches
        peaks[n] = _peak(d, tmp_path / f"run{n}", cache)
        assert len(pd.read_parquet(tmp_path / f"run{n}" / "documents.parquet")) == n
    print(peaks)
    assert peaks[120] < 1.5 * peaks[20], peaks  # six times the plans; all at once it was ~5x the memory


@pytest.mark.parametrize("fmt", ["parquet", "csv", "sqlite"])
def test_tables_written_in_parts_are_the_whole_tables(tmp_path, monkeypatch, records, fmt):
    """Parts of 4 files give the tables one part gives: same rows, same order, same types; the
    full-text index's rows still point at their sections."""
    d, out = tmp_path / "c", tmp_path / "o"
    _corpus(d, out, 11, records)
    whole, _ = run_corpus([str(d)], str(tmp_path / "whole"), fmt, cache_dir=str(out / ".cache"), workers=1)
    monkeypatch.setattr(stream, "FILES_PER_PART", 4)
    run_corpus([str(d)], str(out), fmt, need_tables=False, workers=1, force=False)
    cur = os.path.join(str(out), "current")
    if fmt == "parquet":
        back = read_parquet(cur)
    elif fmt == "csv":
        back = read_csv(cur)
    else:
        con = sqlite3.connect(os.path.join(cur, "plans.sqlite"))
        back = {n: pd.read_sql(f'SELECT * FROM "{n}"', con) for n, _ in whole.items()}
    for name, df in whole.items():
        got = typed(back[name]).astype(object).reset_index(drop=True)
        want = typed(df).astype(object).reset_index(drop=True)
        got, want = (x.where(x.notna(), None) for x in (got, want))
        pd.testing.assert_frame_equal(got, want, check_dtype=False, obj=name)
    assert list(whole.documents["file"]) == sorted(whole.documents["file"])
    if fmt == "sqlite":
        hits = pd.read_sql("SELECT s.heading AS a, f.heading AS b FROM sections_fts f JOIN sections s ON s.rowid = f.rowid", con)
        assert len(hits) == len(whole.sections) and (hits["a"].fillna("") == hits["b"].fillna("")).all()
