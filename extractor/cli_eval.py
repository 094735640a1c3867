"""`kh-extract eval GOLD PRED...`: scores that cannot mislead.

A gold folder usually holds more documents than one extraction produced (the
corpus gold covers every rendering: text, DOCX, PDF, scans...). Scoring the
gold files without a prediction as empty would report the absence of a run as
bad extraction, so by default only gold files with a prediction are scored and
the summary says how many were left out and which; `--all` scores them as empty.
Predictions that match no gold file are named too (a renamed file, a typo).
"""
from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path

# the scorer is imported when `eval` runs, not for every command's parser


def _unmatched_preds(preds, pairs) -> list[str]:
    from .evaluate import _files, read_records

    used = {(p.pred.get("file"), p.pred.get("doc_id")) for p in pairs if p.pred is not None}
    out = []
    for path in _files(preds):
        for rec in read_records(path):
            if (rec.get("file"), rec.get("doc_id")) not in used:
                out.append(str(rec.get("file") or Path(path).name))
    return out


def _names(names: list[str], limit: int = 12) -> str:
    more = len(names) - limit
    return ", ".join(names[:limit]) + (f", … ({more} more)" if more > 0 else "")


def cmd_eval(args: argparse.Namespace) -> int:
    from .evaluate import evaluate, format_report, load_pairs

    preds = args.pred if len(args.pred) > 1 else args.pred[0]
    for p in [args.gold, *args.pred]:
        if not Path(p).exists():
            print(f"error: {p}: no such file or folder", file=sys.stderr)
            return 2
    pairs = load_pairs(args.gold, preds)
    missing = [p.name for p in pairs if p.pred is None]
    scored = pairs if args.all else [p for p in pairs if p.pred is not None]
    extra = _unmatched_preds(preds, pairs)
    if not scored:
        print(f"error: no prediction in {', '.join(args.pred)} matches a gold file in {args.gold} "
              f"({len(pairs)} gold files; predictions are matched by their \"file\" or file name)", file=sys.stderr)
        return 2
    report = evaluate(scored)
    if args.json:
        data = report.to_dict()
        data["left_out"] = [] if args.all else missing
        data["unmatched_predictions"] = extra
        print(json.dumps(data, ensure_ascii=False, indent=1))
    else:
        print(format_report(report, show_misses=args.show_misses))
    if missing and not args.all:
        print(f"note: left out {len(missing)} of {len(pairs)} gold files that have no prediction "
              f"(--all scores them as empty): {_names(missing)}", file=sys.stderr)
    if extra:
        print(f"note: {len(extra)} prediction(s) match no gold file: {_names(extra)}", file=sys.stderr)
    return 0


def add_parser(sub, formatter) -> None:
    p = sub.add_parser("eval", help="score predictions against gold (docs/evaluation.md)", formatter_class=formatter,
                       description="Score predicted records against gold records, part by part (precision, recall, "
                                   "F1, attribute accuracy) and the header fields. Gold and predictions are paired "
                                   "by their \"file\" field, else by file name.")
    p.add_argument("gold", help="a folder of gold records (*.json, *.jsonl) or one file")
    p.add_argument("pred", nargs="+", help="folders or files of predictions (as `kh-extract extract` writes them)")
    p.add_argument("--all", action="store_true",
                   help="also score the gold files that have no prediction, as empty predictions")
    p.add_argument("--show-misses", action="store_true", help="list every missed, extra and wrong item per file")
    p.add_argument("--json", action="store_true", help="the scores as JSON instead of text")
    p.set_defaults(func=cmd_eval)
