"""`kh-extract citations OUT_DIR`: the auditor's questions over a run's citation tables.

Reads `citations` and `citation_edges` (Parquet, partitioned Parquet, CSV, Excel or SQLite) written by
`kh-extract run` and answers: which documents are cited most (`--top N`),
which plans cite a given code (`--code`), and which citations are flagged,
with the sentence around each (`--flagged`, corpus conflicts included).
"""
from __future__ import annotations

import argparse
import json
import os
import sys
from typing import TYPE_CHECKING

if TYPE_CHECKING:  # pandas when the command runs, not for `kh-extract --help`
    import pandas as pd

from .records import citation_key


def read_table(out_dir: str, name: str) -> pd.DataFrame | None:
    """One table of a run's folder, whichever sink wrote it (None if none did).

    Looked for in this order: `<name>.parquet`, `parquet/<name>/` (partitioned,
    the Dask engine), `<name>.csv`, the `<name>` sheet of `plans.xlsx`, the
    `<name>` table of `plans.sqlite` (every run writes it). Text cells come back
    as text, empty cells as None, whatever the sink.
    """
    import pandas as pd

    pq, part = os.path.join(out_dir, f"{name}.parquet"), os.path.join(out_dir, "parquet", name)
    csv, xlsx = os.path.join(out_dir, f"{name}.csv"), os.path.join(out_dir, "plans.xlsx")
    db = os.path.join(out_dir, "plans.sqlite")
    if os.path.isfile(pq):
        return pd.read_parquet(pq)
    if os.path.isdir(part):
        return pd.read_parquet(part)
    if os.path.isfile(csv):  # the sink's leading quote on formula-like cells taken off, as its reader does
        from .tables.csv import _restore

        df = pd.read_csv(csv, dtype=str, keep_default_na=False, encoding="utf-8-sig")
        return _blank_none(df if df.empty else df.apply(lambda col: col.map(_restore)))
    if os.path.isfile(xlsx):
        sheets = pd.ExcelFile(xlsx)
        if name in sheets.sheet_names:
            return _blank_none(pd.read_excel(sheets, sheet_name=name, dtype=str, keep_default_na=False))
    if os.path.isfile(db):
        import sqlite3

        con = sqlite3.connect(f"file:{db}?mode=ro", uri=True)
        try:
            if con.execute("SELECT 1 FROM sqlite_master WHERE type='table' AND name=?", (name,)).fetchone():
                return pd.read_sql_query(f'SELECT * FROM "{name}"', con)
        finally:
            con.close()
    return None


def _blank_none(df: pd.DataFrame) -> pd.DataFrame:
    return df.astype(object).where(df != "", None)


def _issues_cell(v: object) -> str:
    """Issues as written by either table writer (`a;b` or a JSON list) → `a;b`."""
    if isinstance(v, str) and v.startswith("["):
        return ";".join(json.loads(v))
    return v if isinstance(v, str) else ""


def _with_key(df: pd.DataFrame) -> pd.DataFrame:
    """Issues as `a;b`; older runs wrote no `key` column: the code, else type|name|date."""
    df = df.copy()
    if "issues" in df.columns:
        df["issues"] = [_issues_cell(v) for v in df["issues"]]
    if "key" not in df.columns:
        col = lambda c: df[c] if c in df.columns else [None] * len(df)  # noqa: E731
        df["key"] = [citation_key(*(v if isinstance(v, str) and v else None for v in row))
                     for row in zip(col("code"), col("issuer"), col("doc_type"), col("name"), col("date"))]
    return df


def load(out_dir: str) -> tuple[pd.DataFrame, pd.DataFrame]:
    from .runner.generations import read_dir

    out_dir = read_dir(out_dir)  # one run's tables: the current generation, resolved once
    cits = read_table(out_dir, "citations")
    if cits is None:
        raise FileNotFoundError(f"{out_dir}: no citations table (citations.parquet, parquet/citations/, citations.csv, "
                                f"plans.xlsx, plans.sqlite); run `kh-extract run INPUT --out {out_dir}` first")
    cits = _with_key(cits)
    edges = read_table(out_dir, "citation_edges")
    edges = _with_key(edges) if edges is not None else cits
    return cits, edges


def top(edges: pd.DataFrame, n: int) -> pd.DataFrame:
    """The n documents cited by most plans."""
    import pandas as pd

    if edges.empty:
        return pd.DataFrame(columns=["key", "doc_type", "plans", "registry_title"])
    first = lambda s: next((v for v in s if isinstance(v, str) and v), None)  # noqa: E731
    g = edges.groupby("key", sort=False).agg(
        doc_type=("doc_type", first), plans=("doc_id", "nunique"),
        registry_title=("registry_title", first) if "registry_title" in edges else ("doc_type", lambda s: None),
    ).reset_index()
    return g.sort_values(["plans", "key"], ascending=[False, True], kind="stable").head(n).reset_index(drop=True)


def citing(cits: pd.DataFrame, code: str) -> pd.DataFrame:
    """The plans citing `code` (written any way a plan writes it: `749/QĐTTg` finds `749/QĐ-TTg`)."""
    from .nlp.citations.resolve import normalize_code  # the citation rules: when the command runs

    want = normalize_code(code)[0].casefold()
    hit = cits[cits["code"].fillna("").str.casefold() == want]
    cols = [c for c in ("file", "doc_id", "code", "date", "issuer", "relation", "mentions", "issues") if c in hit]
    return hit[cols].reset_index(drop=True)


def flagged(cits: pd.DataFrame) -> pd.DataFrame:
    """Every citation with an issue, corpus conflicts included, with its context sentence."""
    from .nlp.citations.corpus_check import flag_corpus_conflicts  # pandas: when the command runs

    df = flag_corpus_conflicts(cits)
    df = df[df["issues"].fillna("") != ""]
    cols = [c for c in ("file", "code", "key", "date", "issuer", "issues", "majority_date", "majority_issuer", "context")
            if c in df]
    return df[cols].reset_index(drop=True)


def format_table(df: pd.DataFrame, width: int = 80) -> str:
    """Plain aligned text; long cells cut to `width` characters."""
    if df.empty:
        return "(none)"
    import pandas as pd

    cells = [[("" if v is None or (isinstance(v, float) and pd.isna(v)) else str(v)).replace("\n", " ") for v in row]
             for row in df.itertuples(index=False)]
    cells = [[c if len(c) <= width else c[: width - 1] + "…" for c in row] for row in cells]
    cols = [str(c) for c in df.columns]
    widths = [max(len(cols[i]), *(len(r[i]) for r in cells)) for i in range(len(cols))]
    line = lambda r: "  ".join(c.ljust(w) for c, w in zip(r, widths)).rstrip()  # noqa: E731
    return "\n".join([line(cols), line(["-" * w for w in widths]), *(line(r) for r in cells)])


def _records(df: pd.DataFrame) -> list[dict]:
    return json.loads(df.to_json(orient="records", force_ascii=False))


def cmd_citations(args: argparse.Namespace) -> int:
    try:
        cits, edges = load(args.out_dir)
    except FileNotFoundError as e:
        print(f"error: {e}", file=sys.stderr)
        return 2
    answers: dict[str, pd.DataFrame] = {}
    if args.top or not (args.code or args.flagged):
        answers["top"] = top(edges, args.top or 10)
    if args.code:
        answers["code"] = citing(cits, args.code)
    if args.flagged:
        answers["flagged"] = flagged(cits)
    if args.json:
        print(json.dumps({k: _records(v) for k, v in answers.items()}, ensure_ascii=False, indent=1))
    else:
        for k, v in answers.items():
            if len(answers) > 1:
                print(f"== {k}")
            print(format_table(v))
    return 0


def add_parser(sub, formatter=argparse.HelpFormatter) -> None:
    p = sub.add_parser("citations", help="most cited documents, plans citing a code, flagged citations",
                       formatter_class=formatter, description=__doc__)
    p.add_argument("out_dir", help="a `kh-extract run` output folder")
    p.add_argument("--top", type=int, metavar="N", help="the N most cited documents (default when nothing else is asked)")
    p.add_argument("--code", help="plans citing this số/ký hiệu")
    p.add_argument("--flagged", action="store_true", help="every flagged citation with its context sentence")
    p.add_argument("--json", action="store_true", help="the answers as JSON instead of aligned text")
    p.set_defaults(func=cmd_citations)
