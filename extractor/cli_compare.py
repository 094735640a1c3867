"""`kh-extract compare`: two plans side by side, or every series of a run.

    kh-extract compare A.json B.json [--html A_B.html]   the changes from A (earlier) to B
    kh-extract compare OUT_DIR                           plan_series, plan_diffs (and targets)
                                                         written beside the run's tables
"""
from __future__ import annotations

import argparse
import json
import os
import sys
from collections import Counter


def _record(path: str):
    from .evaluate import read_records
    from .records import PlanRecord

    recs = read_records(path)
    if len(recs) != 1:
        raise ValueError(f"{path}: {len(recs)} records; give one plan record per file (kh-extract extract --out)")
    return PlanRecord.from_json(recs[0])


def cmd_compare(args: argparse.Namespace) -> int:
    if len(args.inputs) == 1 and os.path.isdir(args.inputs[0]):
        return _compare_run(args.inputs[0], args)
    if len(args.inputs) != 2:
        print("error: compare takes two plan records (A.json B.json) or one run folder", file=sys.stderr)
        return 2
    from .compare.api import compare_records
    from .compare.html import diff_html

    try:
        a, b = (_record(p) for p in args.inputs)
    except (OSError, ValueError) as e:
        print(f"error: {e}", file=sys.stderr)
        return 2
    rows = compare_records(a, b)
    shown = [r for r in rows if args.kept or r["change"] != "kept"]
    if args.html:
        page = diff_html(rows, f"{a.file} ({a.doc.title})", f"{b.file} ({b.doc.title})", kept=args.kept)
        with open(args.html, "w", encoding="utf-8") as f:
            f.write(page)
    if args.json:
        for r in shown:
            print(json.dumps(r, ensure_ascii=False))
    else:
        for r in shown:
            print("\t".join(str(r[k] or "") for k in ("part", "change", "key", "a_value", "b_value", "detail")))
    n = Counter((r["part"], r["change"]) for r in rows if r["change"] != "kept")
    print(f"{a.file} → {b.file}: " + (", ".join(f"{p} {c} {k}" for (p, c), k in sorted(n.items())) or "no changes"),
          file=sys.stderr)
    return 0


def _compare_run(out: str, args: argparse.Namespace) -> int:
    from .compare.api import compare, read_run, write_run
    from .runner.generations import OutBusy

    try:
        _, tables = read_run(out)
    except FileNotFoundError as e:
        print(f"error: {e}", file=sys.stderr)
        return 2
    result = compare(tables)
    try:
        paths = write_run(out, result)
    except OutBusy as e:
        print(f"error: {e}", file=sys.stderr)
        return 2
    s, d = result.plan_series, result.plan_diffs
    sizes = s.groupby("series_id").size()
    changes = d[d["change"] != "kept"].groupby("part").size().to_dict() if len(d) else {}
    print(f"{len(s)} plans: {int((sizes > 1).sum())} series of 2 or more plans ({int(sizes[sizes > 1].sum())} plans), "
          f"{len(result.targets)} targets; changes by part: "
          + (", ".join(f"{k} {v}" for k, v in sorted(changes.items())) or "none"), file=sys.stderr)
    for p in paths:
        print(p)
    return 0


def add_parser(sub) -> None:
    p = sub.add_parser("compare", help="changes between two plans, or the series and diffs of a run")
    p.add_argument("inputs", nargs="+", help="A.json B.json (plan records), or a run's OUT_DIR")
    p.add_argument("--html", help="write a side-by-side HTML page of the two plans here")
    p.add_argument("--kept", action="store_true", help="also list unchanged items")
    p.add_argument("--json", action="store_true", help="rows as JSON Lines instead of tab-separated")
    p.set_defaults(func=cmd_compare)
