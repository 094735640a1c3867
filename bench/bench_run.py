"""`make bench`: corpus-run throughput, scaling, memory and cache cost on generated plans.

Generates N plans (bench/gen_corpus.py, deterministic), then runs the corpus
runner end to end as `kh-extract run` does (hash, workers, ingest, NLP, records,
tables, Parquet and SQLite written):
  1 worker, 2 workers (same files, cache off), and a second run of the
  1-worker output folder (everything cached),
plus an in-process baseline (`extract()` in a loop, no runner) on a sample.
Wall time on a shared machine is noisy, so it also prints docs per CPU-second
of the worker processes, which other load on the machine barely moves.

    python bench/bench_run.py [--n 1000] [--seed 7] [--keep DIR]
"""
from __future__ import annotations

import argparse
import os
import resource
import shutil
import sys
import tempfile
import time

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
sys.path.insert(0, ROOT)

from bench.gen_corpus import generate  # noqa: E402


def _children_cpu() -> float:
    r = resource.getrusage(resource.RUSAGE_CHILDREN)
    return r.ru_utime + r.ru_stime


class RssSampler:
    """Peak RSS of each worker process, sampled every 0.2 s with psutil.

    (`getrusage(RUSAGE_CHILDREN).ru_maxrss` would count the parent's pages that a
    freshly forked child holds for an instant before it execs the new interpreter.)
    """

    def __init__(self):
        import threading

        self.peak: dict[int, int] = {}
        self.stop = threading.Event()
        self.thread = threading.Thread(target=self._loop, daemon=True)

    def _loop(self):
        import psutil

        me = psutil.Process()
        while not self.stop.wait(0.2):
            for c in me.children(recursive=True):
                try:
                    self.peak[c.pid] = max(self.peak.get(c.pid, 0), c.memory_info().rss)
                except psutil.Error:
                    pass

    def __enter__(self):
        self.thread.start()
        return self

    def __exit__(self, *exc):
        self.stop.set()
        self.thread.join()


def timed_run(files_dir: str, out: str, workers: int, force: bool = False) -> dict:
    from extractor.runner import run_corpus

    cpu0, t0, self0 = _children_cpu(), time.perf_counter(), time.process_time()
    with RssSampler() as rss:
        _, st = run_corpus([files_dir], out, "parquet", workers=workers, force=force, quiet=True, need_tables=False)
    wall = time.perf_counter() - t0
    cpu = _children_cpu() - cpu0
    main_cpu = time.process_time() - self0
    peak = max((rss.peak.get(p, 0) for p in st.worker_pids), default=0) / 2**20
    return {"wall": wall, "cpu": cpu, "docs": st.files - st.errors, "errors": st.errors, "stats": st, "rss": peak, "main_cpu": main_cpu}


def baseline(files: list[str], n: int) -> float:
    """docs/s of `extract()` in a loop in this process (pipeline already built)."""
    from extractor import _nlp, extract

    _nlp()
    sample = files[:n]
    t0 = time.perf_counter()
    for p in sample:
        extract(p)
    return len(sample) / (time.perf_counter() - t0)


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--n", type=int, default=1000)
    ap.add_argument("--seed", type=int, default=7)
    ap.add_argument("--keep", help="generate into this folder and keep it")
    args = ap.parse_args()
    tmp = args.keep or tempfile.mkdtemp(prefix="kh-bench-")
    try:
        corpus = os.path.join(tmp, "corpus")
        t0 = time.perf_counter()
        files = generate(corpus, args.n, args.seed)
        print(f"generated {len(files)} plans in {time.perf_counter() - t0:.1f} s ({corpus})", file=sys.stderr)

        base = baseline(files, min(100, len(files)))
        one = timed_run(corpus, os.path.join(tmp, "out1"), workers=1)
        two = timed_run(corpus, os.path.join(tmp, "out2"), workers=2)
        cached = timed_run(corpus, os.path.join(tmp, "out1"), workers=1)
        assert cached["stats"].cached == len(files), "second run should be all cache hits"

        n = one["docs"] + one["errors"]
        load = os.getloadavg()[0]
        rows = [
            ("files", f"{n}", f"{one['errors']} error rows"),
            ("in-process extract() loop", f"{base:.1f} docs/s", f"baseline: {min(100, len(files))} files, one process, no runner"),
            ("1 worker, wall", f"{n / one['wall']:.1f} docs/s", f"{one['wall']:.1f} s end to end (target >= 20 docs/s/core)"),
            ("1 worker, per CPU-second", f"{n / one['cpu']:.1f} docs/s/core", "worker CPU time only"),
            ("runner's own CPU (1 worker)", f"{one['main_cpu']:.1f} s", "main process: hashing, cache, merge, Parquet + SQLite"),
            ("2 workers, wall", f"{n / two['wall']:.1f} docs/s", f"{two['wall']:.1f} s"),
            ("2 workers, per CPU-second", f"{n / two['cpu']:.1f} docs/s/core", ""),
            ("scaling 2 vs 1 (wall)", f"{one['wall'] / two['wall']:.2f}x", "target >= 1.7x"),
            ("peak RSS per worker", f"{two['rss']:.0f} MB", f"largest of 2 workers; 1-worker run: {one['rss']:.0f} MB (target <= 400 MB)"),
            ("cached rerun", f"{cached['wall']:.2f} s", f"{100 * cached['wall'] / one['wall']:.1f}% of first run (target < 5%)"),
            ("machine load (1 min)", f"{load:.1f}", f"{os.cpu_count()} cores; wall figures are shared with that load"),
        ]
        w = max(len(r[0]) for r in rows)
        print(f"{'measure'.ljust(w)}  {'value':>18}  note")
        for name, val, note in rows:
            print(f"{name.ljust(w)}  {val:>18}  {note}")
    finally:
        if not args.keep:
            shutil.rmtree(tmp, ignore_errors=True)


if __name__ == "__main__":
    main()
