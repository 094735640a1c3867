"""Peak memory of the main process of `kh-extract run` as the corpus grows: it must stay flat.

Two measures, each `kh-extract run` in a fresh process that reports its own peak RSS
(`ru_maxrss`; the workers are other processes and are not counted):

* tables: N generated plans whose results are all in the cache (filled here from the
  seed plans' records, one per plan, under each plan's own content hash), so the run
  hashes, loads outcomes and writes the tables of N plans: the part that held every
  outcome and every row in memory at once.
* extracted: M generated plans extracted for real by 2 workers, outcomes arriving
  from the workers and cached as they come.

The ratio of the largest to the smallest corpus is printed; flat is a ratio near 1
(target <= 1.3).

    python bench/bench_memory.py [--sizes 1000,4000,10000] [--fresh 200,800] [--format parquet]
"""
from __future__ import annotations

import argparse
import copy
import os
import resource
import subprocess
import sys
import tempfile
import time

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
sys.path.insert(0, ROOT)

from bench.gen_corpus import SEEDS, generate  # noqa: E402


def child(inputs: str, out: str, fmt: str) -> None:
    """Run `kh-extract run` in this process and print its peak RSS in MB and wall seconds."""
    from extractor.cli import main

    t0 = time.monotonic()
    rc = main(["run", inputs, "--out", out, "--format", fmt, "--workers", "2", "--quiet"])
    wall = time.monotonic() - t0
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    print(f"{peak:.1f} {wall:.1f} {rc}")


def _measure(inputs: str, out: str, fmt: str) -> tuple[float, float]:
    p = subprocess.run([sys.executable, __file__, "--child", inputs, out, fmt], capture_output=True, text=True,
                       cwd=ROOT, env={**os.environ, "PYTHONPATH": ROOT})
    last = (p.stdout.strip().splitlines() or ["nan nan 1"])[-1].split()
    if p.returncode != 0 or last[2] not in ("0", "1"):
        raise SystemExit(f"run failed ({p.returncode}):\n{p.stderr[-2000:]}")
    return float(last[0]), float(last[1])


def _seed_records() -> dict[int, object]:
    import extractor

    return {k: extractor.extract(p) for k, p in enumerate(SEEDS)}


def fill_cache(paths: list[str], out: str, records: dict[int, object]) -> None:
    """One cache entry per plan: the record of the seed it was made from, under the plan's hash."""
    from extractor.build import file_hash
    from extractor.runner.cache import Cache
    from extractor.runner.worker import Outcome

    cache = Cache(os.path.join(out, ".cache"))
    for path in paths:
        k = int(os.path.basename(path).rsplit("_", 1)[1].split(".")[0])
        rec = copy.copy(records[k])
        rec.doc_id, rec.file = file_hash(path), os.path.basename(path)
        cache.put(Outcome(path, rec.doc_id, record=rec))


def _ratio(rows: list[tuple[int, float, float]]) -> str:
    return f"{rows[-1][1] / rows[0][1]:.2f}"


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--sizes", default="1000,4000,10000", help="cached plans per run (tables measure)")
    ap.add_argument("--fresh", default="200,800", help="plans extracted per run (extracted measure); '' to skip")
    ap.add_argument("--format", default="parquet", choices=["parquet", "csv", "sqlite"])
    ap.add_argument("--child", nargs=3, help=argparse.SUPPRESS)
    a = ap.parse_args()
    if a.child:
        child(*a.child)
        return
    records = _seed_records()
    with tempfile.TemporaryDirectory(prefix="kh-bench-mem-") as tmp:
        tables = []
        for n in [int(x) for x in a.sizes.split(",") if x]:
            d, out = os.path.join(tmp, f"c{n}"), os.path.join(tmp, f"o{n}")
            fill_cache(generate(d, n), out, records)
            peak, wall = _measure(d, out, a.format)
            tables.append((n, peak, wall))
            print(f"tables     {n:6d} plans: main peak RSS {peak:7.1f} MB  ({wall:.0f} s)", flush=True)
        fresh = []
        for n in [int(x) for x in a.fresh.split(",") if x]:
            d, out = os.path.join(tmp, f"f{n}"), os.path.join(tmp, f"g{n}")
            generate(d, n, seed=11)
            peak, wall = _measure(d, out, a.format)
            fresh.append((n, peak, wall))
            print(f"extracted  {n:6d} plans: main peak RSS {peak:7.1f} MB  ({wall:.0f} s)", flush=True)
    if len(tables) > 1:
        print(f"tables: peak RSS ratio {tables[-1][0]}/{tables[0][0]} plans = {_ratio(tables)} (flat: <= 1.3)")
    if len(fresh) > 1:
        print(f"extracted: peak RSS ratio {fresh[-1][0]}/{fresh[0][0]} plans = {_ratio(fresh)} (flat: <= 1.3)")


if __name__ == "__main__":
    main()
