"""`make bench`: the pipeline's speed beside fixed references, in one run, on generated plans.

Generates N plans (bench/gen_corpus.py, deterministic) and prints:
  in-process: `extract()` in a loop (pipeline built) in plans/s and plans per
    CPU-second, beside `underthesea.word_tokenize` on the same texts (a fixed
    reference: the ratio says how our whole pipeline compares to one word
    segmentation pass of the usual Vietnamese toolkit);
  cold start: a one-file `kh-extract extract` in a fresh interpreter, beside
    `python -c "import spacy"` (the floor for a spaCy pipeline), and `--help`;
  corpus runner (`kh-extract run` end to end: hash, workers, ingest, NLP,
    records, tables, Parquet and SQLite): 1 worker, 2 workers (same files,
    cache off), the ratio, peak RSS per worker, and a fully cached rerun.
Wall time on a shared machine is noisy, so rates are also given per CPU-second,
which other load on the machine barely moves. `--repo DIR` measures another
checkout (e.g. main before a change) with the same plans and references.

    python bench/bench_run.py [--n 1000] [--seed 7] [--keep DIR] [--repo DIR]
"""
from __future__ import annotations

import argparse
import os
import resource
import shutil
import subprocess
import sys
import tempfile
import time

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
if ROOT not in sys.path:  # not again in a runner worker, which re-runs this file with the parent's path (--repo first)
    sys.path.insert(0, ROOT)

from bench.gen_corpus import generate  # noqa: E402


def _children_cpu() -> float:
    r = resource.getrusage(resource.RUSAGE_CHILDREN)
    return r.ru_utime + r.ru_stime


class RssSampler:
    """Peak RSS and CPU seconds of each worker process, sampled every 0.2 s with psutil.

    (`getrusage(RUSAGE_CHILDREN).ru_maxrss` would count the parent's pages that a
    freshly forked child holds for an instant before it execs the new interpreter, and
    its CPU times count a child only once it is reaped, which may be in the next run.)
    """

    def __init__(self):
        import threading

        self.peak: dict[int, int] = {}
        self.cpu: dict[int, float] = {}
        self.stop = threading.Event()
        self.thread = threading.Thread(target=self._loop, daemon=True)

    def _loop(self):
        import psutil

        me = psutil.Process()
        while not self.stop.wait(0.2):
            for c in me.children(recursive=True):
                try:
                    self.peak[c.pid] = max(self.peak.get(c.pid, 0), c.memory_info().rss)
                    t = c.cpu_times()
                    self.cpu[c.pid] = t.user + t.system
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
    cpu = sum(rss.cpu.get(p, 0.0) for p in st.worker_pids) or _children_cpu() - cpu0
    main_cpu = time.process_time() - self0
    peak = max((rss.peak.get(p, 0) for p in st.worker_pids), default=0) / 2**20
    return {"wall": wall, "cpu": cpu, "docs": st.files - st.errors, "errors": st.errors, "stats": st, "rss": peak,
            "main_cpu": main_cpu}


def in_process(files: list[str]) -> dict:
    """Plans/s of `extract()` in a loop in this process (pipeline built, 5 plans to warm up),
    wall and per CPU-second, and of `underthesea.word_tokenize` over the same texts."""
    from extractor import _nlp, extract

    _nlp()
    for p in files[:5]:
        extract(p)
    t0, c0 = time.perf_counter(), time.process_time()
    for p in files:
        extract(p)
    wall, cpu = time.perf_counter() - t0, time.process_time() - c0
    texts = [open(p, encoding="utf-8").read() for p in files]
    ref = None
    try:
        from underthesea import word_tokenize
    except ImportError:  # the reference is a test extra; without it the row says so
        word_tokenize = None
    if word_tokenize is not None:
        word_tokenize(texts[0])
        r0 = time.process_time()
        for t in texts:
            word_tokenize(t)
        ref = len(texts) / (time.process_time() - r0)
    return {"wall": len(files) / wall, "cpu": len(files) / cpu, "ref": ref, "n": len(files)}


def _seconds(cmd: list[str], env: dict, cwd: str, runs: int = 5) -> float:
    """Wall seconds of `cmd` in a fresh process, the best of `runs` (other load on a shared machine
    only ever adds time); output discarded, failure raised."""
    times = []
    for _ in range(runs):
        t0 = time.perf_counter()
        subprocess.run(cmd, env=env, cwd=cwd, check=True, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        times.append(time.perf_counter() - t0)
    return min(times)


def cold_start(repo: str, one_file: str, out: str) -> dict:
    """A one-file `kh-extract extract` and `kh-extract --help` from cold, beside `import spacy`."""
    env = dict(os.environ, PYTHONPATH=repo)
    cli = [sys.executable, "-m", "extractor"]  # from `repo`: `-m` puts the working folder first on the path
    return {"spacy": _seconds([sys.executable, "-c", "import spacy"], env, repo),
            "extract": _seconds(cli + ["extract", one_file, "--format", "json", "--out", out], env, repo),
            "help": _seconds(cli + ["--help"], env, repo)}


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--n", type=int, default=1000)
    ap.add_argument("--seed", type=int, default=7)
    ap.add_argument("--keep", help="generate into this folder and keep it")
    ap.add_argument("--repo", help="measure the checkout in this folder (default: this one)")
    ap.add_argument("--sample", type=int, default=100, help="plans timed in process")
    args = ap.parse_args()
    repo = os.path.abspath(args.repo or ROOT)
    tmp = args.keep or tempfile.mkdtemp(prefix="kh-bench-")
    try:
        corpus = os.path.join(tmp, "corpus")
        t0 = time.perf_counter()
        files = generate(corpus, args.n, args.seed)
        print(f"generated {len(files)} plans in {time.perf_counter() - t0:.1f} s ({corpus})", file=sys.stderr)
        if repo != ROOT:  # the runner's workers and the CLI import the package from there
            sys.path.insert(0, repo)
            os.environ["PYTHONPATH"] = repo
            for name in [m for m in sys.modules if m == "extractor" or m.startswith("extractor.")]:
                del sys.modules[name]
        import extractor

        print(f"measuring {os.path.dirname(extractor.__file__)}", file=sys.stderr)
        cold = cold_start(repo, files[0], os.path.join(tmp, "cold"))
        inp = in_process(files[:args.sample])
        one = timed_run(corpus, os.path.join(tmp, "out1"), workers=1)
        two = timed_run(corpus, os.path.join(tmp, "out2"), workers=2)
        cached = timed_run(corpus, os.path.join(tmp, "out1"), workers=1)
        assert cached["stats"].cached == len(files), "second run should be all cache hits"

        n = one["docs"] + one["errors"]
        load = os.getloadavg()[0]
        ref = inp["ref"]
        rows = [
            ("files", f"{n}", f"{one['errors']} error rows"),
            ("in-process extract(), wall", f"{inp['wall']:.1f} plans/s", f"{inp['n']} plans, one process, no runner"),
            ("in-process, per CPU-second", f"{inp['cpu']:.1f} plans/s/core", "target >= 50 plans/s per core"),
            ("underthesea.word_tokenize", f"{ref:.1f} texts/s/core" if ref else "not installed",
             "the same texts, per CPU-second (fixed reference)"),
            ("ratio to word_tokenize", f"{inp['cpu'] / ref:.2f}x" if ref else "-", "our whole pipeline / one segmentation pass"),
            ("cold one-file extract", f"{cold['extract']:.2f} s", "fresh interpreter, best of 5 (target <= 2 s)"),
            ("python -c 'import spacy'", f"{cold['spacy']:.2f} s", "the floor for a spaCy pipeline"),
            ("cold extract / spaCy import", f"{cold['extract'] / cold['spacy']:.2f}x", "target <= 2x"),
            ("kh-extract --help", f"{cold['help']:.2f} s", ""),
            ("1 worker, wall", f"{n / one['wall']:.1f} plans/s", f"{one['wall']:.1f} s end to end"),
            ("1 worker, per CPU-second", f"{n / one['cpu']:.1f} plans/s/core", "worker CPU time only"),
            ("runner's own CPU (1 worker)", f"{one['main_cpu']:.1f} s", "main process: hashing, cache, merge, Parquet + SQLite"),
            ("2 workers, wall", f"{n / two['wall']:.1f} plans/s", f"{two['wall']:.1f} s"),
            ("2 workers, per CPU-second", f"{n / two['cpu']:.1f} plans/s/core", ""),
            ("scaling 2 vs 1 (wall)", f"{one['wall'] / two['wall']:.2f}x", "target >= 1.8x"),
            ("peak RSS per worker", f"{two['rss']:.0f} MB",
             f"largest of 2 workers; 1-worker run: {one['rss']:.0f} MB (target <= 300 MB)"),
            ("cached rerun", f"{cached['wall']:.2f} s", f"{100 * cached['wall'] / one['wall']:.1f}% of first run (target < 5%)"),
            ("machine load (1 min)", f"{load:.1f}", f"{os.cpu_count()} cores; wall figures are shared with that load"),
        ]
        w = max(len(r[0]) for r in rows)
        print(f"{'measure'.ljust(w)}  {'value':>20}  note")
        for name, val, note in rows:
            print(f"{name.ljust(w)}  {val:>20}  {note}")
    finally:
        if not args.keep:
            shutil.rmtree(tmp, ignore_errors=True)


if __name__ == "__main__":
    main()
