"""A run's tables, read once, as plain rows for the report's pages.

Everything comes from the tables of the current generation, in whichever
format the run wrote them (`cli_citations.read_table`). The only other input
is each plan's source text, read again (without NLP) so the items'
provenance offsets can be shown in place; it is used only when the file's
hash is still the row's `doc_id`, since offsets into another text would
mark the wrong words.
"""
from __future__ import annotations

import json
import math
import os
import tempfile
import zipfile
from dataclasses import dataclass, field

import pandas as pd

from ..cli_citations import _with_key, flagged, read_table, top
from ..runner.generations import read_dir

TABLES = ("documents", "sections", "citations", "citation_edges", "units", "deadlines", "tasks", "errors")
HEADER_FIELDS = ("doc_type", "code", "date", "issuer")  # a plan without these had its header not read
HEADER_CONF = 0.8  # as tables.frames.header_ok: an OCR'd header field below this is unsure


def clean(v: object) -> object:
    """A cell as JSON: None for NaN/NA, ints for integral floats, str otherwise."""
    if v is None or v is pd.NA or v is pd.NaT:
        return None
    if isinstance(v, float):
        return None if math.isnan(v) else (int(v) if v.is_integer() else v)
    if hasattr(v, "item"):  # numpy scalars
        return clean(v.item())
    return v if isinstance(v, (int, str, bool)) else str(v)


def rows(df: pd.DataFrame | None) -> list[dict]:
    if df is None or df.empty:
        return []
    cols = list(df.columns)
    return [{c: clean(v) for c, v in zip(cols, r)} for r in df.itertuples(index=False, name=None)]


def split(v: object) -> list[str]:
    """A `;`-joined list cell (or a JSON list) as a list."""
    if not isinstance(v, str) or not v:
        return []
    if v.startswith("["):
        try:
            return [str(x) for x in json.loads(v)]
        except ValueError:
            pass
    return [x for x in v.split(";") if x]


@dataclass
class Plan:
    """One document's rows, and its page's name."""

    n: int
    doc: dict
    page: str
    sections: list[dict] = field(default_factory=list)
    citations: list[dict] = field(default_factory=list)
    units: list[dict] = field(default_factory=list)
    deadlines: list[dict] = field(default_factory=list)
    tasks: list[dict] = field(default_factory=list)

    @property
    def missing(self) -> list[str]:
        """What of the header was not read: absent fields, a partial date, unreadable or unsure fields."""
        d = self.doc
        out = [f for f in HEADER_FIELDS if not d.get(f)]
        if d.get("date") and len(str(d["date"])) != 10:
            out.append("full date")
        out += [f"unreadable {u}" for u in split(d.get("unreadable"))]
        for f in ("issuer", "code", "date", "title"):
            c = clean(pd.to_numeric(d.get(f"{f}_conf"), errors="coerce")) if d.get(f"{f}_conf") is not None else None
            if c is not None and c < HEADER_CONF:
                out.append(f"{f} unsure")
        if not out and str(d.get("header_ok")).lower() in ("false", "0"):
            out.append("header not whole")
        return out


@dataclass
class Corpus:
    """The run's tables as rows, plans grouped, corpus-wide answers computed once."""

    out: str
    plans: list[Plan]
    citations: list[dict]
    flagged: list[dict]
    top: list[dict]
    errors: list[dict]
    run: dict


def _table(base: str, name: str) -> pd.DataFrame:
    df = read_table(base, name)
    if df is None:
        raise FileNotFoundError(f"{base}: no {name} table (run `kh-extract run INPUT --out DIR` first)")
    return df


def load_corpus(out: str) -> Corpus:
    """Read every table of the run in `out` (its current generation)."""
    base = read_dir(out)
    t = {n: _table(base, n) for n in TABLES}
    cits = _with_key(t["citations"]) if not t["citations"].empty else t["citations"].assign(key=None)
    edges = _with_key(t["citation_edges"]) if not t["citation_edges"].empty else cits
    plans: list[Plan] = []
    by_file: dict[str, Plan] = {}
    for i, d in enumerate(rows(t["documents"])):
        p = Plan(i, d, f"plans/{i}.html")
        plans.append(p)
        by_file[d["file"]] = p
    parts = {n: rows(t[n]) for n in ("sections", "units", "deadlines", "tasks")}
    cit_rows = rows(cits)
    for name, items in (*parts.items(), ("citations", cit_rows)):
        for r in items:
            p = by_file.get(r.get("file"))
            if p is not None:
                getattr(p, name).append(r)
    for r in cit_rows:
        r["plan"] = by_file[r["file"]].n if r.get("file") in by_file else None
    flags = rows(flagged(cits)) if not cits.empty else []
    for r in flags:
        r["plan"] = by_file[r["file"]].n if r.get("file") in by_file else None
    run = {}
    try:
        with open(os.path.join(out, "run.json"), encoding="utf-8") as f:
            run = json.load(f)
    except (OSError, ValueError):
        pass
    return Corpus(out, plans, cit_rows, flags, rows(top(edges, 50)), rows(t["errors"]), run)


def _member(label: str) -> tuple[str, str] | None:
    """("archive.zip", "member") for an archive member's label."""
    if "!" not in label:
        return None
    arc, member = label.split("!", 1)
    return (arc, member) if os.path.isfile(arc) and zipfile.is_zipfile(arc) else None


def source_path(file: str, roots: list[str]) -> str | None:
    """The source file of a row, as the run saw it: relative to the current folder or one of `roots`."""
    if _member(file):
        return os.path.abspath(_member(file)[0])
    for r in ["", *roots]:
        p = os.path.join(r, file)
        if os.path.isfile(p):
            return os.path.abspath(p)
    return None


def source_text(doc: dict, roots: list[str], ocr: bool = False) -> tuple[str | None, str]:
    """(the plan's text, or None; why not). Read with the run's own readers, no NLP."""
    from ..build import file_hash
    from ..errors import ExtractError
    from ..ingest import load

    if doc.get("format") == "ocr" and not ocr:
        return None, "the text of a scan is not read again (that would be OCR again; --ocr does it)"
    file = doc["file"]
    path = source_path(file, roots)
    if path is None:
        return None, "the source file is not here any more"
    mem = _member(file)
    with tempfile.TemporaryDirectory(prefix="kh-report-") as tmp:
        if mem:
            with zipfile.ZipFile(mem[0]) as z:
                path = os.path.join(tmp, "member" + os.path.splitext(mem[1])[1])
                with z.open(mem[1]) as src, open(path, "wb") as dst:
                    dst.write(src.read(200 * 2**20))
        if doc.get("doc_id") and file_hash(path) != doc["doc_id"]:
            return None, "the source file changed since the run (its offsets would not fit)"
        try:
            return load(path).text, ""
        except ExtractError as e:
            return None, f"the source could not be read again: {e.reason}"
