"""kh-extract: extract plan records, run a corpus to tables, score against gold."""
from __future__ import annotations

import argparse
import json
import os
import sys
import tempfile

from .errors import ExtractError


def _write_atomic(path: str, data: str) -> None:
    d = os.path.dirname(path) or "."
    fd, tmp = tempfile.mkstemp(dir=d, prefix=".tmp-")
    with os.fdopen(fd, "w", encoding="utf-8") as f:
        f.write(data)
    os.replace(tmp, path)


STDIN_NAMES = ("-", "/dev/stdin")


def cmd_extract(args: argparse.Namespace) -> int:
    """One record (or one error line) per input; the same inputs and error rows as `run`."""
    ok = failed = 0
    if args.out:
        os.makedirs(args.out, exist_ok=True)
    for path, stdin in _inputs(args.files):
        if isinstance(path, dict):  # an input that cannot be read at all (a FIFO, a device)
            _error(path["file"], path["stage"], path["reason"])
            failed += 1
            continue
        if stdin:
            done = _extract_stdin(args)
        else:
            done = _extract_one(path, path, args)
        ok += done
        failed += not done
    return 0 if ok or not failed else 2


def _inputs(items: list[str]):
    """(path or error row, from stdin?) in command-line order; `-` and `/dev/stdin` once each."""
    from .runner.inputs import expand

    stdin_done = False
    for item in items:
        if item in STDIN_NAMES:
            if not stdin_done:
                stdin_done = True
                yield None, True
            continue
        files, errors = expand([item])
        for e in errors:
            yield e, False
        for f in files:
            yield f, False


def _error(name: str, stage: str | None, reason: str | None) -> None:
    print(f"error: {name}: {stage}: {reason}", file=sys.stderr)


def _extract_stdin(args: argparse.Namespace) -> int:
    """Standard input read to its end (a pipe cannot be sniffed and reread), then extracted as `<stdin>`."""
    data = sys.stdin.buffer.read()
    with tempfile.TemporaryDirectory(prefix="kh-stdin-") as d:
        tmp = os.path.join(d, "stdin")
        with open(tmp, "wb") as f:
            f.write(data)
        return _extract_one(tmp, "<stdin>", args)


def _extract_one(path: str, name: str, args: argparse.Namespace) -> int:
    """Extract `path` (shown as `name`); 1 if a record was written, 0 after an error line."""
    stem = "stdin" if name == "<stdin>" else os.path.splitext(os.path.basename(path))[0]
    if args.format == "html":
        return _extract_html(path, name, stem, args.out)
    from .runner.worker import process_file

    out = process_file(path, None)
    if out.record is None:
        _error(name, out.stage, out.reason)
        return 0
    data = out.record.to_json()
    if name != path:
        data = _renamed(data, path, name)
    if args.out:
        _write_atomic(os.path.join(args.out, f"{stem}.json"), json.dumps(data, ensure_ascii=False, indent=1))
    else:
        print(json.dumps(data, ensure_ascii=False), flush=True)
    return 1


def _renamed(data, path: str, name: str):
    """The record with every `file` naming `path` (the record's, each provenance's) naming `name`."""
    if isinstance(data, dict):
        return {k: name if k == "file" and v in (path, os.path.basename(path)) else _renamed(v, path, name)
                for k, v in data.items()}
    if isinstance(data, list):
        return [_renamed(v, path, name) for v in data]
    return data


def _extract_html(path: str, name: str, stem: str, out: str | None) -> int:
    """The plan text with its citations marked: OUT/<name>.html, or stdout."""
    from .nlp.citations.highlight import highlight_file

    try:
        page = highlight_file(path)
    except ExtractError as e:
        _error(name, e.stage, e.reason)
        return 0
    except Exception as e:  # noqa: BLE001 - same rule as the worker: one error line, the next file goes on
        _error(name, "internal", f"{type(e).__name__}: {e}")
        return 0
    if out:
        _write_atomic(os.path.join(out, stem + ".html"), page)
    else:
        sys.stdout.write(page)
    return 1


def cmd_run(args: argparse.Namespace) -> int:
    from .runner import run_corpus
    from .runner.generations import OutBusy

    try:
        _, st = _run(run_corpus, args)
    except OutBusy as e:
        print(f"error: {e}", file=sys.stderr)
        return 2
    ok = st.files - st.errors
    print(
        f"{st.files} files: {ok} extracted ({st.cached} from cache), {st.errors} errors "
        f"in {st.seconds:.1f} s; tables in {args.out}/ ({args.format}, plans.sqlite)",
        file=sys.stderr,
    )
    return 0 if ok or not st.files else 2


def _run(run_corpus, args: argparse.Namespace):
    return run_corpus(
        args.inputs,
        args.out,
        args.format,
        workers=args.workers,
        force=args.force,
        timeout=args.timeout or None,
        max_memory_mb=args.max_memory or None,
        engine=args.engine,
        scheduler=args.scheduler,
        quiet=args.quiet,
        need_tables=False,
    )


def cmd_eval(args: argparse.Namespace) -> int:
    from .evaluate import evaluate, format_report, load_pairs

    pairs = load_pairs(args.gold, args.pred if len(args.pred) > 1 else args.pred[0])
    report = evaluate(pairs)
    if args.json:
        print(json.dumps(report.to_dict(), ensure_ascii=False, indent=1))
    else:
        print(format_report(report, show_misses=args.show_misses))
    return 0


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(prog="kh-extract", description=__doc__)
    sub = ap.add_subparsers(dest="cmd", required=True)
    p = sub.add_parser("extract", help="print one plan record per file")
    p.add_argument("files", nargs="+")
    p.add_argument("--format", choices=["json", "html"], default="json", help="html: the text with citations marked")
    p.add_argument("--out", help="write DIR/<name>.json per input instead of JSON Lines on stdout")
    p.set_defaults(func=cmd_extract)
    p = sub.add_parser("run", help="extract a corpus into tables (parallel, cached, resumable)")
    p.add_argument("inputs", nargs="+", help="files, folders (walked recursively) or globs")
    p.add_argument("--out", default="out")
    p.add_argument("--format", choices=["parquet", "csv", "xlsx", "sqlite"], default="parquet",
                   help="tables format; DIR/plans.sqlite is written in every run")
    p.add_argument("--workers", type=int, default=None, help="worker processes (default: the cores)")
    p.add_argument("--force", action="store_true", help="redo files already in DIR/.cache")
    p.add_argument("--timeout", type=float, default=120.0, help="seconds per file (0: none)")
    p.add_argument("--max-memory", type=int, default=2048, help="MB of address space one file may take on top of the loaded pipeline (0: none)")
    p.add_argument("--engine", choices=["local", "dask"], default="local")
    p.add_argument("--scheduler", help="dask scheduler address, e.g. tcp://host:8786")
    p.add_argument("--quiet", action="store_true", help="no progress bar")
    p.set_defaults(func=cmd_run)
    p = sub.add_parser("eval", help="score predictions against gold (SCHEMA.md §8)")
    p.add_argument("gold")
    p.add_argument("pred", nargs="+")
    p.add_argument("--show-misses", action="store_true")
    p.add_argument("--json", action="store_true")
    p.set_defaults(func=cmd_eval)
    from .cli_citations import add_parser as add_citations

    add_citations(sub)
    from .cli_compare import add_parser as add_compare

    add_compare(sub)
    args = ap.parse_args(argv)
    return args.func(args)


if __name__ == "__main__":
    sys.exit(main())
