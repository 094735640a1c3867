"""The plan record (docs/record.md): plain dataclasses, one per table row.

Every item carries a `Provenance` (file, page, character span in the
normalized text, OCR confidence); `to_json` prints SCHEMA's fields first and
provenance under `"prov"`, which the scorer ignores.
"""
from __future__ import annotations

import json
import re
from dataclasses import asdict, dataclass, field, fields
from typing import Any

# issuer parts of symbols that every province, district or commune uses alike
_LOCAL_CODE = re.compile(r"[/-](?:UBND|HĐND|TU|HU|ĐU|TĐ|BCĐ|S[A-ZĐ][A-Za-zĐ]*)(?:[-&]|$)")


@dataclass
class Provenance:
    file: str
    start: int | None = None
    end: int | None = None
    page: int | None = None
    ocr_conf: float | None = None


@dataclass
class DocInfo:
    doc_type: str | None = None
    number: str | None = None
    code: str | None = None
    issuer: str | None = None
    parent_issuer: str | None = None
    place: str | None = None
    date: str | None = None
    title: str | None = None
    plan_year: int | None = None
    signer: str | None = None
    signer_title: str | None = None
    recipients: list[str] | None = None
    unreadable: list[str] = field(default_factory=list)  # printed but not read (a handwritten "number", "day")
    prov: dict[str, Provenance] = field(default_factory=dict)


@dataclass
class Section:
    path: str
    heading: str
    labels: list[str]
    level: int
    label_source: str = "rules"
    text: str = ""  # the whole section body, for full-text search
    prov: Provenance | None = None


@dataclass
class Citation:
    doc_type: str | None
    number: str | None
    code: str | None
    date: str | None
    issuer: str | None
    name: str | None
    relation: str
    mentions: int
    text: str
    issues: list[str] = field(default_factory=list)
    dates: list[str] = field(default_factory=list)
    registry_title: str | None = None  # official title when the registry knows it
    context: str | None = None  # the sentence around the first mention, for auditors
    # where each mention stands, first one first (offsets like `prov`'s): one per `mentions`
    mention_spans: list[tuple[int, int]] = field(default_factory=list)
    prov: Provenance | None = None

    @property
    def key(self) -> str:
        """The cited document's identity across plans: its code, else type, name and date.

        Local symbols (…/QĐ-UBND, …-NQ/TU, …/KH-SYT) repeat in every province,
        so their key also names the issuer.
        """
        return citation_key(self.code, self.issuer, self.doc_type, self.name, self.date)


def _place(issuer: str) -> str:
    """Where a local body sits ("Tỉnh ủy Khánh Hòa", "Ban Chấp hành Đảng bộ tỉnh Khánh Hòa" → "Khánh Hòa").

    Two plans may name one body differently; the place they agree on.
    """
    m = re.search(r"(?<!\w)(?:tỉnh|Tỉnh ủy)\s+(.+)$", issuer)
    if m:
        return m.group(1)
    m = re.search(r"(?<!\w)(?:thành phố|huyện|quận|thị xã|xã|phường)\s.+$", issuer)
    return m.group(0) if m else issuer


def citation_key(code: str | None, issuer: str | None, doc_type: str | None, name: str | None, date: str | None) -> str:
    """`Citation.key` from its fields (also for table rows written without a key column)."""
    if code:
        if issuer and _LOCAL_CODE.search(code):
            return f"{code}|{_place(issuer)}"
        return code
    return f"{doc_type or ''}|{name or ''}|{date or ''}"


@dataclass
class Unit:
    name: str
    role: str
    text: str
    prov: Provenance | None = None


@dataclass
class Deadline:
    text: str
    kind: str
    start: str | None = None
    end: str | None = None
    freq: str | None = None
    task: str | None = None
    prov: Provenance | None = None


@dataclass
class Task:
    id: str
    task: str
    form: str | None = None
    lead: list[str] = field(default_factory=list)
    cooperate: list[str] = field(default_factory=list)
    deadline: str | None = None
    section: str | None = None
    prov: Provenance | None = None


@dataclass
class Target:
    """A quantified target (chỉ tiêu, SCHEMA §6b): "Tỷ lệ hồ sơ … đạt 98% vào năm 2025"."""

    indicator: str
    value: str  # as written: "98", "02", "1.500"
    unit: str  # "%", or the counted thing with a rate: "tin, bài/tháng"
    comparator: str = "="  # ">=", "<=", "="
    by: str | None = None  # year or ISO date it is due
    text: str = ""  # the clause, verbatim
    section: str | None = None  # outline path it sits in
    task: str | None = None  # id of the task whose text holds it
    prov: Provenance | None = None


@dataclass
class PlanRecord:
    file: str
    doc: DocInfo
    sections: list[Section] = field(default_factory=list)
    citations: list[Citation] = field(default_factory=list)
    units: list[Unit] = field(default_factory=list)
    deadlines: list[Deadline] = field(default_factory=list)
    tasks: list[Task] = field(default_factory=list)
    targets: list[Target] = field(default_factory=list)
    doc_id: str | None = None
    format: str | None = None
    preamble: str | None = None

    def to_json(self) -> dict[str, Any]:
        """SCHEMA.md's shape, with provenance under `prov` on every item."""

        def item(obj: Any) -> dict[str, Any]:
            out: dict[str, Any] = {}
            for f in fields(obj):
                v = getattr(obj, f.name)
                if f.name == "prov":
                    if isinstance(v, dict):
                        v = {k: _prov(p) for k, p in v.items()}
                    else:
                        v = _prov(v)
                out[f.name] = v
            return out

        return {
            "file": self.file,
            "doc_id": self.doc_id,
            "format": self.format,
            "doc": item(self.doc),
            # SCHEMA §2: the outline; paragraphs labelled by the classifier (text without
            # headings) are no outline items, so they have their own key (both are in the table).
            "sections": [item(s) for s in self.sections if s.label_source != "classifier"],
            "paragraphs": [item(s) for s in self.sections if s.label_source == "classifier"],
            "citations": [item(c) for c in self.citations],
            "units": [item(u) for u in self.units],
            "deadlines": [item(d) for d in self.deadlines],
            "tasks": [item(t) for t in self.tasks],
            "targets": [item(t) for t in self.targets],
        }

    @classmethod
    def from_json(cls, data: dict[str, Any] | str) -> PlanRecord:
        """The record back from `to_json`'s dict (or its JSON text, one line of `kh-extract extract`).

        Outline sections and classifier-labelled paragraphs are one list again, in
        that order (the order the pipeline makes them). A key the record does not
        have raises ValueError: the JSON is of another schema.
        """
        if isinstance(data, str):
            data = json.loads(data)
        data = dict(data)
        known = {"file", "doc_id", "format", "doc", "sections", "paragraphs", "citations", "units", "deadlines", "tasks",
                 "targets"}
        if set(data) - known:
            raise ValueError(f"PlanRecord.from_json: unknown keys {sorted(set(data) - known)}")
        doc = _item(DocInfo, data.get("doc") or {})
        return cls(
            file=data["file"],
            doc=doc,
            sections=[_item(Section, x) for x in (data.get("sections") or []) + (data.get("paragraphs") or [])],
            citations=[_item(Citation, x) for x in data.get("citations") or []],
            units=[_item(Unit, x) for x in data.get("units") or []],
            deadlines=[_item(Deadline, x) for x in data.get("deadlines") or []],
            tasks=[_item(Task, x) for x in data.get("tasks") or []],
            targets=[_item(Target, x) for x in data.get("targets") or []],
            doc_id=data.get("doc_id"),
            format=data.get("format"),
        )


def _item(cls: type, d: dict[str, Any]) -> Any:
    """One dataclass from its `to_json` dict; `prov` back to `Provenance` (a dict of them on DocInfo)."""
    names = {f.name for f in fields(cls)}
    if set(d) - names:
        raise ValueError(f"PlanRecord.from_json: {cls.__name__} has no {sorted(set(d) - names)}")
    kw = dict(d)
    p = kw.get("prov")
    if cls is DocInfo:
        kw["prov"] = {k: Provenance(**v) for k, v in (p or {}).items()}
    elif p is not None:
        kw["prov"] = Provenance(**p)
    if cls is Citation and kw.get("mention_spans"):  # JSON arrays back to the (start, end) pairs they were
        kw["mention_spans"] = [(a, b) for a, b in kw["mention_spans"]]
    return cls(**kw)


def _prov(p: Provenance | None) -> dict[str, Any] | None:
    if p is None:
        return None
    return {k: v for k, v in asdict(p).items() if v is not None}
