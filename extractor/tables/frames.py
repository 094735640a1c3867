"""Plan records to pandas tables, one row per item, joined by `doc_id`.

Columns come from the record dataclasses (`dataclasses.fields`), so a field
added to `Citation` or `Task` shows up in the tables without touching this
file. Lists become one string joined by ";" (they are short codes or names),
provenance is flattened to `page`, `char_start`, `char_end`, `ocr_conf`, and every row
names its `file` (the path as given to the run) and `doc_id` (content hash).
"""
from __future__ import annotations

from dataclasses import dataclass, fields
from typing import Any

import pandas as pd

from ..records import Citation, Deadline, DocInfo, PlanRecord, Section, Target, Task, Unit

PARTS = {"sections": Section, "citations": Citation, "units": Unit, "deadlines": Deadline, "tasks": Task,
         "targets": Target}
PROV = {"page": "page", "start": "char_start", "end": "char_end", "ocr_conf": "ocr_conf"}  # Deadline has its own start/end
EDGE_COLS = ["doc_id", "file", "key", "doc_type", "code", "date", "issuer", "relation", "mentions", "registry_title"]
ERROR_COLS = ["file", "stage", "reason", "doc_id"]
SORT = {"documents": ["file"], "errors": ["file", "stage"]}


@dataclass
class Tables:
    """One DataFrame per table; `doc_id` joins them, `file` + `item` orders them."""

    documents: pd.DataFrame
    sections: pd.DataFrame
    citations: pd.DataFrame
    citation_edges: pd.DataFrame
    units: pd.DataFrame
    deadlines: pd.DataFrame
    tasks: pd.DataFrame
    targets: pd.DataFrame
    errors: pd.DataFrame

    @classmethod
    def names(cls) -> list[str]:
        return [f.name for f in fields(cls)]

    def items(self):
        return [(n, getattr(self, n)) for n in self.names()]


def _cell(v: Any) -> Any:
    if isinstance(v, (list, tuple)):
        return ";".join(str(x) for x in v)
    return v


OFFSETS = {"prov", "mention_spans"}  # where in the text, not what: `prov` is flattened, mention offsets stay in the JSON


def _columns(cls) -> list[str]:
    return [f.name for f in fields(cls) if f.name not in OFFSETS]


def _item_row(obj: Any, names: list[str]) -> dict[str, Any]:
    row = {n: _cell(getattr(obj, n)) for n in names}
    p = getattr(obj, "prov", None)
    for k, col in PROV.items():
        row[col] = getattr(p, k, None) if p is not None else None
    return row


CONF_FIELDS = ("issuer", "code", "date", "title")
HEADER_CONF = 0.8  # below this OCR confidence a header field is worth a person's look


def header_ok(info: DocInfo) -> bool:
    """The header was read whole: type, issuer, a numbered code and a full date, nothing
    printed left unread, and no field OCR was unsure of."""
    if not (info.doc_type and info.issuer and info.number and info.code and info.date) or info.unreadable:
        return False
    if len(info.date) != 10:
        return False
    return all(p.ocr_conf is None or p.ocr_conf >= HEADER_CONF for p in (info.prov or {}).values())


def _doc_row(r: PlanRecord, file: str) -> dict[str, Any]:
    info = r.doc
    row: dict[str, Any] = {"doc_id": r.doc_id, "file": file, "format": r.format}
    row.update({n: _cell(getattr(info, n)) for n in _columns(DocInfo)})
    # where each header field was found, as "field:start-end" (pages when known)
    for f in CONF_FIELDS:  # OCR's confidence in each header field, for analysts to filter on
        p = (info.prov or {}).get(f)
        row[f"{f}_conf"] = p.ocr_conf if p is not None else None
    row["header_ok"] = header_ok(info)
    row["prov"] = ";".join(
        f"{k}:{p.start}-{p.end}" + (f"@p{p.page}" if p.page else "") for k, p in sorted((info.prov or {}).items())
    ) or None
    return row


def record_rows(r: PlanRecord, file: str) -> dict[str, list[dict[str, Any]]]:
    """One record's rows for every table but `errors`; `file` is the path the run saw."""
    out: dict[str, list[dict[str, Any]]] = {"documents": [_doc_row(r, file)]}
    for part, cls in PARTS.items():
        names = _columns(cls)
        out[part] = [{"doc_id": r.doc_id, "file": file, "item": i, **_item_row(x, names)} for i, x in enumerate(getattr(r, part))]
    out["citations"] = [dict(row, key=c.key) for row, c in zip(out["citations"], r.citations)]
    out["citation_edges"] = [{k: row[k] for k in EDGE_COLS} for row in out["citations"]]
    return out


def _empty(name: str) -> list[str]:
    if name == "documents":
        return ["doc_id", "file", "format", *_columns(DocInfo), *(f"{f}_conf" for f in CONF_FIELDS), "header_ok", "prov"]
    if name == "citation_edges":
        return EDGE_COLS
    if name == "errors":
        return ERROR_COLS
    extra = ["key"] if name == "citations" else []
    return ["doc_id", "file", "item", *_columns(PARTS[name]), *PROV.values(), *extra]


def frames_from_rows(rows: dict[str, list[dict[str, Any]]]) -> Tables:
    """Build the tables from row lists, sorted by file then item order (deterministic)."""
    out = {}
    for name in Tables.names():
        cols = _empty(name)
        df = pd.DataFrame(rows.get(name) or [], columns=cols)
        if not df.empty:
            keys = SORT.get(name, ["file", "item"] if "item" in df.columns else ["file"])
            df = df.sort_values(keys, kind="stable").reset_index(drop=True)
        out[name] = df
    return Tables(**out)


def to_frames(records: list[PlanRecord], errors: list[dict] | None = None, files: list[str] | None = None) -> Tables:
    """Records (with the path each came from, default `record.file`) and error rows to tables."""
    rows: dict[str, list[dict[str, Any]]] = {n: [] for n in Tables.names()}
    for i, r in enumerate(records):
        for name, part in record_rows(r, files[i] if files else r.file).items():
            rows[name].extend(part)
    rows["errors"] = [{c: e.get(c) for c in ERROR_COLS} for e in errors or []]
    return frames_from_rows(rows)
