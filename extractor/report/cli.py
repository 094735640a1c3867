"""The `report` subcommand."""
from __future__ import annotations

import argparse
import sys


def cmd_report(args: argparse.Namespace) -> int:
    from .build import build_report

    try:
        res = build_report(args.out_dir, args.dest, texts=not args.no_text, ocr=args.ocr)
    except FileNotFoundError as e:
        print(f"error: {e}", file=sys.stderr)
        return 2
    print(f"report: {res.index} ({res.plans} plan pages, {res.texts} with their text; "
          f"{res.bytes / 1e6:.1f} MB in {res.seconds:.1f} s)", file=sys.stderr)
    return 0


def add_parser(sub, formatter=argparse.HelpFormatter) -> None:
    p = sub.add_parser("report", help="a static HTML report of a run (OUT_DIR/report/index.html)",
                       formatter_class=formatter,
                       description="Write a static site over the tables of a run: an overview (plans by year, "
                                   "issuer and type; errors), every citation (searchable, sortable, filterable; "
                                   "flagged ones with their issue and context; the citation graph) and one page per "
                                   "plan with its text, citations, units and deadlines highlighted. It opens from "
                                   "disk with no network; search works with or without diacritics.")
    p.add_argument("out_dir", metavar="OUT_DIR", help="a `kh-extract run` output folder")
    p.add_argument("--dest", metavar="DIR", default=None, help="where to write the site (None: OUT_DIR/report)")
    p.add_argument("--no-text", action="store_true",
                   help="plan pages without the plan's text (when the source files are not at hand)")
    p.add_argument("--ocr", action="store_true",
                   help="also show the text of scanned plans (runs OCR on them again: slow)")
    p.set_defaults(func=cmd_report)
