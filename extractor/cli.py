"""kh-extract: extract plan records, run a corpus to tables, score against gold, browse a run."""
from __future__ import annotations

import argparse
import errno
import json
import os
import sys
import tempfile

from .errors import ExtractError

DOCS = "docs/README.md in the repository (the record: docs/record.md, the tables: docs/tables.md)"
EXIT_CODES = """exit status:
  0  every input was read
  1  partly: some inputs gave an error line or row, others were read
  2  nothing was read (every input failed, no document was given), or a usage error"""
EPILOG = f"The plan record and the tables are described in {DOCS}.\n\n{EXIT_CODES}"


class Formatter(argparse.HelpFormatter):
    """Each option's default after its help; paragraphs wrapped, a paragraph of several lines kept as written."""

    def _get_help_string(self, action: argparse.Action) -> str:
        text = action.help or ""
        if action.default not in (None, False, argparse.SUPPRESS) and "%(default)" not in text \
                and action.option_strings:
            text += " (default: %(default)s)"
        return text

    def _fill_text(self, text: str, width: int, indent: str) -> str:
        import textwrap

        paras = text.strip().split("\n\n")
        return "\n\n".join(p if "\n" in p else textwrap.fill(p, width, initial_indent=indent, subsequent_indent=indent)
                           for p in paras)


def _write_atomic(path: str, data: str) -> None:
    d = os.path.dirname(path) or "."
    fd, tmp = tempfile.mkstemp(dir=d, prefix=".tmp-")
    with os.fdopen(fd, "w", encoding="utf-8") as f:
        f.write(data)
    os.replace(tmp, path)


STDIN_NAMES = ("-", "/dev/stdin")


def _status(ok: int, failed: int) -> int:
    return 2 if not ok else 1 if failed else 0


def cmd_extract(args: argparse.Namespace) -> int:
    """One record (or one error line) per input; the same inputs and error rows as `run`."""
    items, skipped = _inputs(args.files)
    names = _out_names(items) if args.out else {}
    ok = failed = 0
    if args.out:
        os.makedirs(args.out, exist_ok=True)
    for path, label in items:
        if isinstance(path, dict):  # an input that cannot be read at all (a FIFO, a device, not a document)
            _error(path["file"], path["stage"], path["reason"])
            failed += 1
            continue
        if path is None:
            done = _extract_stdin(args, names.get("<stdin>", "stdin"))
        else:
            done = _extract_one(path, label, args, names.get(label))
        ok += done
        failed += not done
    from .runner.inputs import skipped_note

    if skipped:
        print(f"{skipped_note(skipped)} (kh-extract reads text, HTML, DOCX, DOC/ODT, RTF, PDF, images, .zip)",
              file=sys.stderr)
    if not ok and not failed:
        print("error: no document among the inputs", file=sys.stderr)
    return _status(ok, failed)


def _inputs(items: list[str]) -> tuple[list[tuple[object, str]], int]:
    """[(path, error row or None for stdin; its label)] in command-line order, and how many files
    were skipped; `-` and `/dev/stdin` once each."""
    from .runner.inputs import collect

    stdin_done = False
    out: list[tuple[object, str]] = []
    skipped = 0
    for item in items:
        if item in STDIN_NAMES:
            if not stdin_done:
                stdin_done = True
                out.append((None, "<stdin>"))
            continue
        found = collect([item])
        skipped += len(found.skipped)
        out += [(e, e["file"]) for e in found.errors]
        out += [(f, found.label(f)) for f in found.files]
    return out, skipped


def _out_names(items) -> dict[str, str]:
    from .runner.inputs import out_names

    return out_names([label for path, label in items if not isinstance(path, dict)])


def _error(name: str, stage: str | None, reason: str | None) -> None:
    print(f"error: {name}: {stage}: {reason}", file=sys.stderr)


def _extract_stdin(args: argparse.Namespace, stem: str) -> int:
    """Standard input read to its end (a pipe cannot be sniffed and reread), then extracted as `<stdin>`."""
    data = sys.stdin.buffer.read()
    with tempfile.TemporaryDirectory(prefix="kh-stdin-") as d:
        tmp = os.path.join(d, "stdin")
        with open(tmp, "wb") as f:
            f.write(data)
        return _extract_one(tmp, "<stdin>", args, stem)


def _extract_one(path: str, name: str, args: argparse.Namespace, stem: str | None) -> int:
    """Extract `path` (shown as `name`); 1 if a record was written, 0 after an error line."""
    stem = stem or os.path.splitext(os.path.basename(path))[0]
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


def _previous_inputs(out: str) -> list[str] | None:
    """The inputs of the run whose tables are current in `out` (None: no run there, or one too old to say)."""
    from .runner.generations import current

    if current(out) is None:
        return None
    try:
        with open(os.path.join(out, "run.json"), encoding="utf-8") as f:
            return json.load(f).get("inputs")
    except (OSError, ValueError):
        return None


def cmd_run(args: argparse.Namespace) -> int:
    from .runner import run_corpus
    from .runner.generations import OutBusy
    from .runner.inputs import skipped_note
    from .runner.run import input_key

    before = _previous_inputs(args.out)
    if before is not None and before != input_key(args.inputs):
        if args.append:
            args.inputs = sorted(set(before) | set(input_key(args.inputs)))
        elif not args.force:
            print(f"error: {args.out} holds the tables of a run over {', '.join(before)}; this run reads "
                  f"{', '.join(input_key(args.inputs))}. Give another --out, --append to add these inputs to "
                  f"that run's (the tables will hold both), or --force to replace its tables", file=sys.stderr)
            return 2
    try:
        _, st = _run(run_corpus, args)
    except OutBusy as e:
        print(f"error: {e}", file=sys.stderr)
        return 2
    ok = st.files - st.errors
    skipped = f"; {skipped_note(st.skipped)}" if st.skipped else ""
    print(
        f"{st.files} files: {ok} extracted ({st.cached} from cache), {st.errors} errors{skipped} "
        f"in {st.seconds:.1f} s; tables in {args.out.rstrip('/')}/ ({args.format}, plans.sqlite)",
        file=sys.stderr,
    )
    if not st.files:
        print("error: no document among the inputs", file=sys.stderr)
    return _status(ok, st.errors)


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


def _parser() -> argparse.ArgumentParser:
    from . import __version__
    from .cli_citations import add_parser as add_citations
    from .cli_eval import add_parser as add_eval

    ap = argparse.ArgumentParser(prog="kh-extract", description=__doc__, epilog=EPILOG, formatter_class=Formatter)
    ap.add_argument("--version", action="version", version=f"kh-extract {__version__}")
    sub = ap.add_subparsers(dest="cmd", required=True, metavar="COMMAND")
    p = sub.add_parser("extract", help="print one plan record per file", formatter_class=Formatter, epilog=EPILOG,
                       description="Extract one plan record per input document: JSON Lines on stdout, or one file "
                                   "per input with --out. Folders are walked; files that are not documents are "
                                   "skipped and counted; .zip archives are opened (members named archive.zip!member).")
    p.add_argument("files", nargs="+", metavar="FILE", help="documents, folders, globs, .zip archives, or - for stdin")
    p.add_argument("--format", choices=["json", "html"], default="json",
                   help="json: the plan record; html: the plan's text with its citations marked")
    p.add_argument("--out", metavar="DIR", help="write DIR/<name>.json (or .html) per input instead of printing; "
                   "names are made unique from the inputs' paths (a/plan.txt, b/plan.txt -> a__plan, b__plan)")
    p.set_defaults(func=cmd_extract)
    p = sub.add_parser("run", help="extract a corpus into tables (parallel, cached, resumable)", formatter_class=Formatter,
                       epilog=EPILOG, description="Extract every document of the inputs into tables (documents, "
                       "sections, citations, citation_edges, units, deadlines, tasks, errors) in OUT, one generation "
                       "per run (OUT/current). A second corpus sent to the same OUT is refused unless --append or --force.")
    p.add_argument("inputs", nargs="+", metavar="INPUT", help="files, folders (walked recursively), globs, .zip archives")
    p.add_argument("--out", default="out", metavar="DIR", help="output folder")
    p.add_argument("--format", choices=["parquet", "csv", "xlsx", "sqlite"], default="parquet",
                   help="tables format; DIR/plans.sqlite is written in every run")
    p.add_argument("--append", action="store_true",
                   help="DIR holds another corpus's run: add these inputs to it (the tables hold both)")
    p.add_argument("--force", action="store_true",
                   help="redo files already in DIR/.cache, and replace the tables of another corpus in DIR")
    p.add_argument("--workers", type=int, default=None, help="worker processes (default: the number of cores)")
    p.add_argument("--timeout", type=float, default=120.0, help="seconds per file (0: none)")
    p.add_argument("--max-memory", type=int, default=2048, metavar="MB",
                   help="MB of address space one file may take on top of the loaded pipeline (0: none)")
    p.add_argument("--engine", choices=["local", "dask"], default="local", help="local processes or a Dask cluster")
    p.add_argument("--scheduler", metavar="ADDRESS", help="dask scheduler address, e.g. tcp://host:8786")
    p.add_argument("--quiet", action="store_true", help="no progress bar")
    p.set_defaults(func=cmd_run)
    add_eval(sub, Formatter)
    add_citations(sub, Formatter)
    from .report.cli import add_parser as add_report

    add_report(sub, Formatter)
    from .cli_compare import add_parser as add_compare

    add_compare(sub)
    for p in sub.choices.values():
        p.epilog = EPILOG
        p.formatter_class = Formatter
    return ap


def main(argv: list[str] | None = None) -> int:
    args = _parser().parse_args(argv)
    try:
        return args.func(args)
    except BrokenPipeError:
        # the reader of our output went away (`kh-extract ... | head`): stop quietly, as `cat` would
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())
        return 0
    except OSError as e:  # the machine's faults: a full disk, a read-only or missing --out, no permission
        print(f"error: {machine_fault(e)}", file=sys.stderr)
        return 2


_WHAT_TO_DO = {
    errno.ENOSPC: "the disk is full: free space or choose another --out",
    errno.EDQUOT: "the disk quota is used up: free space or choose another --out",
    errno.EROFS: "the file system is read-only: choose a writable --out",
    errno.EACCES: "permission denied: choose a folder you may write to, or change its permissions",
    errno.EPERM: "permission denied: choose a folder you may write to, or change its permissions",
    errno.ENOENT: "no such folder, and it cannot be made there: check the path",
}


def machine_fault(e: OSError) -> str:
    """One line for an OSError the program cannot go on from: the path, the fault, what to do."""
    where = e.filename or "output"
    return f"{where}: {_WHAT_TO_DO.get(e.errno, e.strerror or type(e).__name__)}"


if __name__ == "__main__":
    sys.exit(main())
