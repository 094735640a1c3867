"""`make bench-report`: is the report of a large corpus still usable?

Generates N plans (bench/gen_corpus.py), runs them, writes the report, then
opens its pages in headless Chromium (the system one, as the browser tests do)
and prints each page's size, its DOMContentLoaded and load times (best of 3),
the time one search over its biggest table takes, and console errors.

    python bench/bench_report.py [--n 1000] [--keep DIR]
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


def _browser():
    os.environ["SE_OFFLINE"] = "true"
    from selenium import webdriver
    from selenium.webdriver.chrome.service import Service

    opts = webdriver.ChromeOptions()
    opts.binary_location = "/usr/bin/chromium"
    for a in ("--headless=new", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage", "--window-size=1400,1000"):
        opts.add_argument(a)
    opts.set_capability("goog:loggingPrefs", {"browser": "ALL"})
    return webdriver.Chrome(service=Service("/usr/bin/chromedriver"), options=opts)


SEARCH = ("var t = KH.tables.cits || KH.tables.plans; if (!t) return null;"
          "var a = performance.now(); t.search('thu tuong chinh phu'); var b = performance.now(); t.search('');"
          "return b - a")
TIMES = "var n = performance.getEntriesByType('navigation')[0]; return [n.domContentLoadedEventEnd, n.loadEventEnd]"


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--n", type=int, default=1000)
    ap.add_argument("--keep", help="keep the corpus, the run and the report here")
    args = ap.parse_args()
    from extractor.report.build import build_report
    from extractor.runner import run_corpus

    tmp = args.keep or tempfile.mkdtemp(prefix="kh-bench-report-")
    try:
        corpus, out = os.path.join(tmp, "corpus"), os.path.join(tmp, "out")
        generate(corpus, args.n)
        t0 = time.monotonic()
        run_corpus([corpus], out, quiet=True, need_tables=False)
        print(f"run: {args.n} plans in {time.monotonic() - t0:.1f} s")
        res = build_report(out)
        print(f"report: {res.plans} plan pages, {res.bytes / 1e6:.1f} MB in {res.seconds:.1f} s")
        site = os.path.dirname(res.index)
        plans = sorted(os.listdir(os.path.join(site, "plans")), key=lambda n: -os.path.getsize(os.path.join(site, "plans", n)))
        drv = _browser()
        try:
            for page in ("index.html", "citations.html", f"plans/{plans[0]}"):
                loads = []
                for _ in range(3):
                    drv.get("file://" + os.path.join(site, page))
                    loads.append(drv.execute_script(TIMES))
                best = min(loads, key=lambda x: x[1])
                errors = [e for e in drv.get_log("browser") if e["level"] == "SEVERE"]
                search = drv.execute_script(SEARCH)
                print(f"{page:<22} {os.path.getsize(os.path.join(site, page)) / 1e3:>7.0f} kB  "
                      f"DOMContentLoaded {best[0]:>5.0f} ms  load {best[1]:>5.0f} ms  "
                      f"search {'-' if search is None else f'{search:.1f} ms':>8}  console errors {len(errors)}")
        finally:
            drv.quit()
    finally:
        if not args.keep:
            shutil.rmtree(tmp, ignore_errors=True)


if __name__ == "__main__":
    main()
