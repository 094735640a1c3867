"""`make bench-compare`: `compare` (series + diffs) on 250/500/1000 generated plans beside the extraction.

Generates N plans (bench/gen_corpus.py: seed plans with provinces swapped and years shifted
by up to ±3, so one issuer's plan recurs over several years), extracts them with the corpus
runner in three steps (250, then 250 more, then 500 more: the cache keeps the earlier ones,
so each step's time is the extraction of its new files and the sum is the extraction of N),
then times `compare` on each N: reading the run's tables, series and diffs, and writing them
back beside the tables. Similarity is computed only inside blocks of one issuer_key, so the
pairs compared grow with the blocks, not with N²; the table prints both counts.

    python bench/bench_compare.py [--sizes 250 500 1000] [--seed 7] [--workers 2] [--keep DIR]
"""
from __future__ import annotations

import argparse
import os
import shutil
import sys
import tempfile
import time

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
sys.path.insert(0, ROOT)

from bench.gen_corpus import generate  # noqa: E402


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--sizes", type=int, nargs="+", default=[250, 500, 1000])
    ap.add_argument("--seed", type=int, default=7)
    ap.add_argument("--workers", type=int, default=2)
    ap.add_argument("--keep", help="keep the generated plans and runs here")
    args = ap.parse_args()
    from extractor.compare.api import compare, read_run, write_run
    from extractor.runner import run_corpus
    import sklearn.feature_extraction.text  # noqa: F401  (imported once, before any timing)

    base = args.keep or tempfile.mkdtemp(prefix="kh-bench-compare-")
    try:
        paths = generate(os.path.join(base, "plans"), max(args.sizes), args.seed)
        extract_total, done = 0.0, 0
        print(f"{'plans':>6} {'extract s':>10} {'compare s':>10} {'(of it I/O)':>11} {'ratio':>7} {'series≥2':>9} "
              f"{'diff rows':>9} {'pairs':>8} {'N²':>9}")
        for n in sorted(args.sizes):
            out = os.path.join(base, f"run{n}")
            if done:  # the previous step's cache: only the new files are extracted
                shutil.copytree(os.path.join(base, f"run{done}", ".cache"), os.path.join(out, ".cache"))
            t0 = time.perf_counter()
            run_corpus(paths[:n], out, "parquet", workers=args.workers, quiet=True, need_tables=False)
            extract_total += time.perf_counter() - t0
            done = n
            t1 = time.perf_counter()
            _, tables = read_run(out)
            t2 = time.perf_counter()
            result = compare(tables)
            t3 = time.perf_counter()
            write_run(out, result)
            t4 = time.perf_counter()
            s = result.plan_series
            blocks = s.groupby("issuer_key").size()
            sizes = s.groupby("series_id").size()
            took = t4 - t1
            print(f"{n:>6} {extract_total:>10.1f} {took:>10.2f} {t2 - t1 + t4 - t3:>11.2f} {took / extract_total:>7.3f} "
                  f"{int((sizes > 1).sum()):>9} {len(result.plan_diffs):>9} {int((blocks ** 2).sum()):>8} {n * n:>9}")
    finally:
        if not args.keep:
            shutil.rmtree(base, ignore_errors=True)


if __name__ == "__main__":
    main()
