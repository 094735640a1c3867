"""Plan records to pandas tables, one row per item, joined by `doc_id`."""
from __future__ import annotations

import json
from dataclasses import asdict

import pandas as pd

from ..records import PlanRecord

TABLES = ["documents", "sections", "citations", "units", "deadlines", "tasks", "errors"]


def _prov_cols(prov) -> dict:
    if prov is None:
        return {"file_path": None, "char_start": None, "char_end": None, "page": None, "ocr_conf": None}
    return {"file_path": prov.file, "char_start": prov.start, "char_end": prov.end, "page": prov.page, "ocr_conf": prov.ocr_conf}


def _list(v):
    return json.dumps(v, ensure_ascii=False) if isinstance(v, list) else v


def to_frames(records: list[PlanRecord], errors: list[dict] | None = None) -> dict[str, pd.DataFrame]:
    rows: dict[str, list[dict]] = {t: [] for t in TABLES}
    for r in records:
        d = {k: _list(v) for k, v in asdict(r.doc).items() if k != "prov"}
        rows["documents"].append({"doc_id": r.doc_id, "file": r.file, "format": r.format, **d})
        for part in ("sections", "citations", "units", "deadlines", "tasks"):
            for i, item in enumerate(getattr(r, part)):
                vals = {k: _list(v) for k, v in asdict(item).items() if k != "prov"}
                rows[part].append({"doc_id": r.doc_id, "file": r.file, "item": i, **vals, **_prov_cols(item.prov)})
    rows["errors"] = list(errors or [])
    frames = {t: pd.DataFrame(v) for t, v in rows.items()}
    if frames["errors"].empty:
        frames["errors"] = pd.DataFrame(columns=["file", "stage", "reason"])
    return frames
