"""From an annotated Doc to a `PlanRecord`: read the spans, nothing else."""
from __future__ import annotations

import hashlib
import os
from typing import TYPE_CHECKING

from .records import PlanRecord

if TYPE_CHECKING:  # spaCy takes seconds to import; hashing files (a cached corpus run) needs none of it
    from spacy.tokens import Doc


def to_record(doc: Doc, path: str, content_hash: str | None = None) -> PlanRecord:
    h = doc._.header
    recs = doc._.records or {}
    rec = PlanRecord(
        file=os.path.basename(path),
        doc=h.info,
        sections=list(recs.get("sections", [])),
        citations=list(recs.get("citations", [])),
        units=list(recs.get("units", [])),
        deadlines=list(recs.get("deadlines", [])),
        tasks=list(recs.get("tasks", [])),
        doc_id=content_hash,
        format=doc._.source.format,
    )
    return rec


def file_hash(path: str) -> str:
    h = hashlib.sha256()
    with open(path, "rb") as f:
        for chunk in iter(lambda: f.read(1 << 20), b""):
            h.update(chunk)
    return h.hexdigest()[:16]
