"""Extraction time against input size (issue 13 item 4): a seed plan's body repeated 1x, 2x and 4x.

CPU time of `extract` on each, after one warm-up; the ratios to 1x are printed (linear: about
2 and 4; quadratic: 4 and 16). Ratios, not times: the machine's speed cancels out.

    python bench/bench_linear.py [--plan corpus/text/002_337e30c1cff994e8.txt] [--base 8]
"""
from __future__ import annotations

import argparse
import os
import sys
import tempfile
import time

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
sys.path.insert(0, ROOT)


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--plan", default=os.path.join(ROOT, "corpus", "text", "002_337e30c1cff994e8.txt"))
    ap.add_argument("--base", type=int, default=8, help="copies of the body in the 1x text")
    a = ap.parse_args(argv)
    from extractor import extract

    plan = open(a.plan, encoding="utf-8").read()
    cut = plan.find("\nI.") if "\nI." in plan else len(plan) // 3  # the header and preamble once, the body repeated
    head, body = plan[:cut], plan[cut:]
    with tempfile.TemporaryDirectory() as tmp:
        times = {}
        for n in (1, 2, 4):
            p = os.path.join(tmp, f"{n}x.txt")
            with open(p, "w", encoding="utf-8") as f:
                f.write(head + body * (a.base * n))
            if n == 1:
                extract(p)  # warm: pipeline and tables load once
            t = time.process_time()
            rec = extract(p)
            times[n] = time.process_time() - t
            print(f"  {n}x  {os.path.getsize(p) / 1024:8.0f} KB  {times[n]:7.2f} s CPU  "
                  f"{len(rec.sections)} sections, {len(rec.citations)} citations")
    r2, r4 = times[2] / times[1], times[4] / times[1]
    print(f"extraction time against size: 2x {r2:.2f}, 4x {r4:.2f} (linear ~2 and ~4, quadratic ~4 and ~16)")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
