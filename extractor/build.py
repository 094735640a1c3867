"""From an annotated Doc to a `PlanRecord`: read the spans, nothing else."""
from __future__ import annotations

import bisect
import hashlib
import os
from typing import TYPE_CHECKING

from .ingest.model import SourceDocument
from .records import PlanRecord, Provenance

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
        targets=list(recs.get("targets", [])),
        doc_id=content_hash,
        format=doc._.source.format,
    )
    locate(rec, doc._.source)
    return rec


def locate(rec: PlanRecord, src: SourceDocument) -> None:
    """Give every item's provenance the page and OCR confidence of the block its text
    starts in, where the component that made it did not set them."""
    blocks = [b for b in src.blocks if b.start >= 0]
    starts = [b.start for b in blocks]
    provs: list[Provenance] = list(rec.doc.prov.values())
    for items in (rec.sections, rec.citations, rec.units, rec.deadlines, rec.tasks, rec.targets):
        provs += [x.prov for x in items if x.prov is not None]
    for p in provs:
        if p.start is None or not blocks:
            continue
        i = bisect.bisect_right(starts, p.start) - 1
        if i < 0 or p.start > blocks[i].end:
            continue
        if p.page is None:
            p.page = blocks[i].page
        if p.ocr_conf is None:
            p.ocr_conf = blocks[i].ocr_conf


def file_hash(path: str) -> str:
    h = hashlib.sha256()
    with open(path, "rb") as f:
        for chunk in iter(lambda: f.read(1 << 20), b""):
            h.update(chunk)
    return h.hexdigest()[:16]
