"""The NLP stage as a spaCy pipeline: blank Vietnamese, one component per part.

Each component reads what the ingester put on the Doc (`doc._.source`, the
blocks) and what earlier components added, and adds one kind of span to
`doc.spans[...]` with its record on `span._.record`. Users can drop or add
components: `make_nlp(exclude=["kh_tasks"])`.
"""
from __future__ import annotations

import spacy
from spacy.language import Language
from spacy.tokens import Doc, Span

from ..ingest.model import SourceDocument
from ..records import Citation, Deadline, DocInfo, Provenance, Section, Task
from .citations.collect import collect, grounds_sections
from .citations.relation import Grounds
from .deadlines import find_deadlines, task_phrase
from .header import extract_header
from .heading_classifier import labeller as heading_labeller
from .paragraph_classifier import has_usable_headings, paragraph_sections
from .sections import outline
from .unit_ner import unit_ner_component  # noqa: F401  (registers kh_unit_ner)
from .prose_tasks import prose_tasks
from .tasks import table_tasks, tcth_tasks
from .units import collect_units

COMPONENTS = ["kh_header", "kh_sections", "kh_citations", "kh_tasks", "kh_units", "kh_deadlines"]
OPTIONAL = ["kh_unit_ner"]  # trained unit-name NER, off by default: `make_nlp(extra=["kh_unit_ner"])`

for _name, _default in (("source", None), ("header", None), ("outline", None), ("task_drafts", None), ("records", None)):
    if not Doc.has_extension(_name):
        Doc.set_extension(_name, default=_default)
if not Span.has_extension("record"):
    Span.set_extension("record", default=None)


def _span(doc: Doc, start: int | None, end: int | None, label: str, record, part: str) -> Span | None:
    """Keep the record in `doc._.records[part]` (the truth, in order) and return its span.

    spaCy keys span extension values by offsets and label, so two items on the
    same characters (a unit both lead and cooperating) would share one value;
    the list keeps each, the span keeps where it came from.
    """
    if doc._.records is None:
        doc._.records = {}
    doc._.records.setdefault(part, []).append(record)
    if start is None or end is None:
        return None
    sp = doc.char_span(start, end, label=label, alignment_mode="expand")
    if sp is not None:
        sp._.record = record
    return sp


@Language.component("kh_header")
def header_component(doc: Doc) -> Doc:
    src: SourceDocument = doc._.source
    h = extract_header(src)
    for k, (a, b) in h.spans.items():
        h.info.prov[k] = Provenance(src.path, a, b)
    doc._.header = h
    return doc


@Language.component("kh_sections")
def sections_component(doc: Doc) -> Doc:
    src, h = doc._.source, doc._.header
    labeller, label_source = heading_labeller()
    start = h.body_start if h.outline_start is None else h.outline_start
    items = outline(src.blocks, start, h.body_end, h.appendix_start, labeller)
    doc._.outline = items
    spans = []
    for n, it in enumerate(items):
        b = src.blocks[it.block]
        nxt = src.blocks[items[n + 1].block].start if n + 1 < len(items) else src.blocks[h.body_end - 1].end if h.body_end else b.end
        sec = Section(it.path, it.heading, it.labels, it.level, label_source, text=doc._.source.text[b.start:max(nxt, b.end)].strip(),
                      prov=Provenance(src.path, b.start, b.end, b.page, b.ocr_conf))
        sp = _span(doc, b.start, b.end, "section", sec, "sections")
        if sp is not None:
            spans.append(sp)
    if not has_usable_headings(items):  # a news article, OCR without numbering: label the paragraphs
        for sec in paragraph_sections(src, h.body_start, h.body_end):
            sp = _span(doc, sec.prov.start, sec.prov.end, "section", sec, "sections")
            if sp is not None:
                spans.append(sp)
    doc.spans["sections"] = spans
    return doc


@Language.component("kh_citations")
def citations_component(doc: Doc) -> Doc:
    src, h = doc._.source, doc._.header
    items = doc._.outline or []
    body_a = src.blocks[h.body_start].start if h.body_start < len(src.blocks) else 0
    starts = [src.blocks[it.block].start for it in items]
    first_item = next((s for s in starts if s >= body_a), None)  # None: no outline, grounds only where the text says so
    grounds = Grounds(body_a, first_item, grounds_sections(items, starts, len(src.text)))
    resolved = collect(src.text, h.ctx, h.info.code if h.info.number else None, grounds, src.path, h.info.date)
    spans = []
    if doc._.records is None:
        doc._.records = {}
    for r in resolved:
        if r.cit.prov is not None:
            b = next((b for b in src.blocks if b.start <= r.cit.prov.start < b.end), None)
            if b is not None:
                r.cit.prov.page, r.cit.prov.ocr_conf = b.page, b.ocr_conf
        doc._.records.setdefault("citation_mentions", []).append((r.cit, r.spans, r.back_refs))  # for highlighting
        sp = _span(doc, r.cit.prov.start, r.cit.prov.end, "citation", r.cit, "citations")
        if sp is not None:
            spans.append(sp)
    doc.spans["citations"] = spans
    return doc


@Language.component("kh_tasks")
def tasks_component(doc: Doc) -> Doc:
    src, h = doc._.source, doc._.header
    drafts = tcth_tasks(src.blocks, doc._.outline or [], h.body_end, h.ctx, doc._.source.text)
    if not drafts and not has_usable_headings(doc._.outline or []):  # a digest or a plan without an outline
        drafts = prose_tasks(src.blocks, h.body_start, h.body_end, h.ctx, doc._.source.text)
    for b in src.blocks[h.body_start:]:  # task tables in the body ("III. Phân công nhiệm vụ") and in appendices
        if b.kind == "table":
            drafts += table_tasks(b, h.ctx, doc._.source.text)
    doc._.task_drafts = drafts
    spans = []
    for d in drafts:
        t = Task(d.id, d.text, d.form, [n for n, _ in d.lead], [n for n, _ in d.cooperate], d.deadline_cell, d.section,
                 Provenance(src.path, d.start, d.end))
        sp = _span(doc, d.start, d.end, "task", t, "tasks")
        if sp is not None:
            spans.append(sp)
    doc.spans["tasks"] = spans
    return doc


@Language.component("kh_units")
def units_component(doc: Doc) -> Doc:
    src, h = doc._.source, doc._.header
    ranges = [(src.blocks[h.body_start].start if h.body_start < len(src.blocks) else 0,
               src.blocks[h.body_end - 1].end if h.body_end else 0)]
    if h.appendix_start is not None and h.appendix_start < len(src.blocks):  # task tables name units too
        ranges.append((src.blocks[h.appendix_start].start, len(doc._.source.text)))
    units = collect_units(doc._.source.text, ranges, h.ctx.issuer_text if hasattr(h.ctx, "issuer_text") else None, h.ctx,
                          doc._.task_drafts or [], h.info.recipients, src.path)
    spans = []
    for u in units:
        sp = _span(doc, u.prov.start if u.prov else None, u.prov.end if u.prov else None, u.role, u, "units")
        if sp is not None:
            spans.append(sp)
    doc.spans["units"] = spans
    return doc


@Language.component("kh_deadlines")
def deadlines_component(doc: Doc) -> Doc:
    src, h = doc._.source, doc._.header
    year = h.info.plan_year
    # a page that reports on a plan (no number, no date of its own) tells dates, it does not schedule them
    narrative = h.info.code is None and h.info.date is None
    task_spans = [(t.prov.start, t.prov.end, t) for t in (doc._.records or {}).get("tasks", [])]
    spans = []
    in_task: dict[int, tuple[Task, list[tuple[int, int]]]] = {}
    for k, b in enumerate(src.blocks[h.body_start:], h.body_start):
        if k >= h.body_end and b.kind != "table":
            continue
        for f in find_deadlines(b.text, year, b.start, narrative):
            task = next((t for a, e, t in task_spans if a <= f.start < e), None)
            if task is None and b.table is not None:
                task = _row_task(b, f.start, task_spans)
            d = Deadline(f.text, f.kind, f.s, f.e, f.freq, task.id if task else None,
                         Provenance(src.path, f.start, f.end, b.page, b.ocr_conf))
            if task is not None and task.section is not None:  # a task of "Tổ chức thực hiện": its phrases
                in_task.setdefault(id(task), (task, []))[1].append((f.start, f.end))
            sp = _span(doc, f.start, f.end, "deadline", d, "deadlines")
            if sp is not None:
                spans.append(sp)
    for task, found in in_task.values():
        task.deadline = task_phrase(src.text, found)
    doc.spans["deadlines"] = spans
    return doc


def _row_task(b, pos, task_spans):
    for row in b.table.rows:
        if row and row[0].start <= pos <= row[-1].end:
            for a, e, t in task_spans:
                if any(c.start <= a < c.end for c in row):
                    return t
    return None


def make_nlp(exclude: list[str] | None = None, extra: list[str] | None = None) -> Language:
    """A blank Vietnamese pipeline (syllable tokens, no pyvi) with our components (+ `extra` of OPTIONAL)."""
    nlp = spacy.blank("vi", config={"nlp": {"tokenizer": {"use_pyvi": False}}})
    for name in COMPONENTS + [n for n in OPTIONAL if n in (extra or [])]:
        if name not in (exclude or []):
            nlp.add_pipe(name)
    return nlp


def annotate(src: SourceDocument, nlp: Language | None = None) -> Doc:
    nlp = nlp or make_nlp()
    doc = nlp.make_doc(src.text)
    doc._.source = src
    for _, proc in nlp.pipeline:
        doc = proc(doc)
    return doc


__all__ = ["make_nlp", "annotate", "COMPONENTS", "DocInfo", "Citation"]
