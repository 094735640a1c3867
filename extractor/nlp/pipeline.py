"""The NLP stage as a spaCy pipeline: blank Vietnamese, one component per part.

Each component reads what the ingester put on the Doc (`doc._.source`, the
blocks) and what earlier components added, and adds one kind of span to
`doc.spans[...]` with its record on `span._.record`. Users can drop or add
components: `make_nlp(exclude=["kh_tasks"])`; what a component needs from
another is declared (`requires`/`assigns`), so excluding one that others need
fails at once naming them, instead of silently changing their output.

`make_nlp()(text)` works on a plain string: the pipeline's tokenizer reads the
string as the text reader reads a .txt file (`doc._.source`), and the Doc's text
is that normalized text, so every offset and span refers to `doc.text`.
"""
from __future__ import annotations

import spacy
from spacy.language import Language
from spacy.tokens import Doc, Span

from ..ingest.model import SourceDocument
from ..records import Citation, Deadline, DocInfo, Provenance, Section, Task
from .citations.collect import collect, grounds_sections
from .citations.relation import Grounds
from . import docdata  # noqa: F401  (our Doc data through nlp.pipe(n_process=...) and Doc.to_bytes)
from .deadlines import find_deadlines, task_phrase
from .header import extract_header
from .heading_classifier import labeller as heading_labeller
from .paragraph_classifier import has_usable_headings, paragraph_sections
from .sections import ENACTING, outline
from .syllables import Syllables
from .unit_ner import unit_ner_component  # noqa: F401  (registers kh_unit_ner)
from .prose_tasks import listed_tasks, prose_tasks
from .tasks import table_tasks, tcth_tasks
from . import targets as _targets  # noqa: F401  (registers kh_targets)
from .units import collect_units

COMPONENTS = ["kh_header", "kh_sections", "kh_citations", "kh_tasks", "kh_units", "kh_deadlines", "kh_targets"]
OPTIONAL = ["kh_unit_ner"]  # trained unit-name NER, off by default: `make_nlp(extra=["kh_unit_ner"])`
# a component that completes another's records after it ran: (the other, what it fills in)
FILLS_IN = {"kh_deadlines": ("kh_tasks", "Task.deadline (a task's deadline phrase in 'Tổ chức thực hiện')")}

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
    records = doc._.records
    if records is None:
        records = doc._.records = {}
    records.setdefault(part, []).append(record)
    if start is None or end is None:
        return None
    sp = doc.char_span(start, end, label=label, alignment_mode="expand")
    if sp is not None:
        sp._.record = record
    return sp


class SourceTokenizer:
    """The blank tokenizer behind a reader: a string becomes its `SourceDocument`
    (`doc._.source`), and the Doc is made of the source's normalized text."""

    def __init__(self, base, name: str = "<text>"):
        self.base = base
        self.name = name

    def __call__(self, text: str) -> Doc:
        from ..ingest.text import parse_text

        src = parse_text(text, self.name)
        doc = self.base(src.text)
        doc._.source = src
        return doc

    def to_bytes(self, **kw):
        return self.base.to_bytes(**kw)

    def from_bytes(self, data, **kw):
        self.base.from_bytes(data, **kw)
        return self

    def to_disk(self, path, **kw):
        self.base.to_disk(path, **kw)

    def from_disk(self, path, **kw):
        self.base.from_disk(path, **kw)
        return self


def _needs(doc: Doc, name: str) -> None:
    """Fail with the component's name when what it `requires` is not on the Doc
    (the component that assigns it was excluded or disabled with `select_pipes`)."""
    for attr in Language.get_factory_meta(name).requires:
        ext = attr.removeprefix("doc._.")
        if getattr(doc._, ext) is None:
            raise ValueError(f"{name} needs {attr}, which {_provider(attr)} assigns, and it did not run "
                             f"before {name}: keep {_provider(attr)} in the pipeline or leave {name} out too")


def _dependents(name: str) -> list[str]:
    """The components that need `name`'s output, directly or through another, in pipeline order."""
    out: list[str] = []
    todo = [name]
    while todo:
        assigns = set(Language.get_factory_meta(todo.pop()).assigns)
        for n in COMPONENTS + OPTIONAL:
            if n not in out and assigns & set(Language.get_factory_meta(n).requires):
                out.append(n)
                todo.append(n)
    return [n for n in COMPONENTS + OPTIONAL if n in out]


def _provider(attr: str) -> str:
    return next((n for n in COMPONENTS + OPTIONAL if attr in Language.get_factory_meta(n).assigns), "no component")


@Language.component("kh_header", assigns=["doc._.header"])
def header_component(doc: Doc) -> Doc:
    src: SourceDocument | None = doc._.source
    if src is None:  # a Doc made by another tokenizer: fine only if its text needs no normalizing
        from ..ingest.text import parse_text

        src = parse_text(doc.text, "<text>")
        if src.text != doc.text:
            raise ValueError("kh_header: this Doc has no doc._.source and its text is not normalized; "
                             "make it with nlp(text) or nlp.make_doc(text), or use annotate(source, nlp)")
        doc._.source = src
    h = extract_header(src)
    for k, (a, b) in h.spans.items():
        h.info.prov[k] = Provenance(src.path, a, b)
    doc._.header = h
    return doc


@Language.component("kh_sections", requires=["doc._.header"], assigns=["doc._.outline", "doc.spans"])
def sections_component(doc: Doc) -> Doc:
    _needs(doc, "kh_sections")
    src, h = doc._.source, doc._.header
    labeller, label_source = heading_labeller()
    start = h.body_start if h.outline_start is None else h.outline_start
    items = outline(src.blocks, start, h.body_end, h.appendix_start, labeller)
    doc._.outline = items
    spans = []
    for n, it in enumerate(items):
        b = src.blocks[it.block]
        if n + 1 < len(items):
            nxt = src.blocks[items[n + 1].block].start
        else:
            nxt = src.blocks[h.body_end - 1].end if h.body_end else b.end
        sec = Section(it.path, it.heading, it.labels, it.level, label_source,
                      text=src.text[b.start:max(nxt, b.end)].strip(),
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


# the outline tells where the plan states its grounds (a citation's relation)
@Language.component("kh_citations", requires=["doc._.header", "doc._.outline"], assigns=["doc.spans"])
def citations_component(doc: Doc) -> Doc:
    _needs(doc, "kh_citations")
    src, h = doc._.source, doc._.header
    items = doc._.outline or []
    body_a = src.blocks[h.body_start].start if h.body_start < len(src.blocks) else 0
    starts = [src.blocks[it.block].start for it in items]
    first_item = next((s for s in starts if s >= body_a), None)  # None: no outline, grounds only where the text says so
    if first_item is None:  # a decision whose articles are no outline (it only issues a plan): its preamble ends
        first_item = next((b.start for b in src.blocks[h.body_start:h.body_end]  # at "QUYẾT ĐỊNH:"
                           if ENACTING.match(b.text.strip())), None)
    grounds = Grounds(body_a, first_item, grounds_sections(items, starts, len(src.text), body_a))
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
        doc._.records.setdefault("citations", []).append(r.cit)
        for a, b in r.cit.mention_spans:  # one span each time the document is mentioned
            sp = doc.char_span(a, b, label="citation", alignment_mode="expand")
            if sp is not None:
                sp._.record = r.cit
                spans.append(sp)
    doc.spans["citations"] = sorted(spans, key=lambda sp: (sp.start_char, sp.end_char))
    return doc


@Language.component("kh_tasks", requires=["doc._.header", "doc._.outline"], assigns=["doc._.task_drafts", "doc.spans"])
def tasks_component(doc: Doc) -> Doc:
    _needs(doc, "kh_tasks")
    src, h = doc._.source, doc._.header
    drafts = tcth_tasks(src.blocks, doc._.outline or [], h.body_end, h.ctx, doc._.source.text)
    if not drafts and not has_usable_headings(doc._.outline or []):  # a digest or a plan without an outline
        drafts = prose_tasks(src.blocks, h.body_start, h.body_end, h.ctx, doc._.source.text)
    if not drafts:  # "UBND tỉnh giao:" over numbered items, outside any "Tổ chức thực hiện"
        drafts = listed_tasks(src.blocks, h.body_start, h.body_end, h.ctx, doc._.source.text)
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


# task rows name lead and cooperating units
@Language.component("kh_units", requires=["doc._.header", "doc._.task_drafts"], assigns=["doc.spans"])
def units_component(doc: Doc) -> Doc:
    _needs(doc, "kh_units")
    src, h = doc._.source, doc._.header
    ranges = [(src.blocks[h.body_start].start if h.body_start < len(src.blocks) else 0,
               src.blocks[h.body_end - 1].end if h.body_end else 0)]
    if h.appendix_start is not None and h.appendix_start < len(src.blocks):  # task tables name units too
        ranges.append((src.blocks[h.appendix_start].start, len(doc._.source.text)))
    drafts = doc._.task_drafts or []
    if not drafts:  # no task laid out anywhere: the units the prose gives work to are still responsible
        drafts = prose_tasks(src.blocks, h.body_start, h.body_end, h.ctx, doc._.source.text)
    units = collect_units(doc._.source.text, ranges, h.ctx.issuer_text if hasattr(h.ctx, "issuer_text") else None, h.ctx,
                          drafts, h.info.recipients, src.path)
    spans = []
    for u in units:
        sp = _span(doc, u.prov.start if u.prov else None, u.prov.end if u.prov else None, u.role, u, "units")
        if sp is not None:
            spans.append(sp)
    doc.spans["units"] = spans
    return doc


# a deadline is linked to the task it stands in (the tasks kh_tasks made with its drafts)
@Language.component("kh_deadlines", requires=["doc._.header", "doc._.task_drafts"], assigns=["doc.spans"])
def deadlines_component(doc: Doc) -> Doc:
    _needs(doc, "kh_deadlines")
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
        for f in find_deadlines(b.text, year, b.start, narrative, src.text[max(0, b.start - 3000):b.start]):
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
            for a, _, t in task_spans:
                if any(c.start <= a < c.end for c in row):
                    return t
    return None


def make_nlp(exclude: list[str] | None = None, extra: list[str] | None = None) -> Language:
    """A blank Vietnamese pipeline (syllable tokens, no pyvi) with our components (+ `extra` of OPTIONAL).

    Raises ValueError for an unknown name, or when an excluded component is one
    that a kept one `requires`; `DataError` when the package's data tables are broken
    (at start-up, not in the first plan).
    """
    from ..data import check_tables

    exclude, extra = list(exclude or []), list(extra or [])
    unknown = [n for n in exclude + extra if n not in COMPONENTS + OPTIONAL]
    if unknown:
        raise ValueError(f"make_nlp: unknown component(s) {unknown}; the components are {COMPONENTS + OPTIONAL}")
    names = [n for n in COMPONENTS + [n for n in OPTIONAL if n in extra] if n not in exclude]
    for i, name in enumerate(names):
        assigned = {a for n in names[:i] for a in Language.get_factory_meta(n).assigns}
        for attr in Language.get_factory_meta(name).requires:
            if attr not in assigned:
                need = _provider(attr)
                users = [n for n in names if attr in Language.get_factory_meta(n).requires]
                also = [n for n in _dependents(need) if n in names]
                raise ValueError(f"make_nlp: cannot exclude {need}: {', '.join(users)} need(s) its {attr}; "
                                 f"keep {need}, or exclude {', '.join(also)} too")
    for filler, (owner, what) in FILLS_IN.items():
        if filler not in names and owner in names:
            raise ValueError(f"make_nlp: cannot exclude {filler}: {owner} needs it to fill in {what}; "
                             f"keep {filler}, or exclude {owner} too")
    check_tables()
    nlp = spacy.blank("vi", config={"nlp": {"tokenizer": {"use_pyvi": False}}})
    nlp.tokenizer = SourceTokenizer(Syllables(nlp.tokenizer))  # the same tokens, in linear time
    for name in names:
        nlp.add_pipe(name)
    return nlp


def annotate(src: SourceDocument, nlp: Language | None = None) -> Doc:
    """Run the pipeline over a source already read (`ingest.load`): its text is not read again."""
    nlp = nlp or make_nlp()
    doc = _word_tokenizer(nlp.tokenizer)(src.text)
    doc._.source = src
    for _, proc in nlp.pipeline:
        doc = proc(doc)
    return doc


def _word_tokenizer(tok):
    """The tokenizer under the text reader: `annotate` has the source read already, so the text is
    tokenized, not read again (through `chunked.allow_long_texts`' wrapper, kept for long texts)."""
    from ..chunked import ChunkedTokenizer

    if isinstance(tok, ChunkedTokenizer):
        inner = tok.inner.base if isinstance(tok.inner, SourceTokenizer) else tok.inner
        return ChunkedTokenizer(inner, tok.chunk)
    return tok.base if isinstance(tok, SourceTokenizer) else tok


__all__ = ["make_nlp", "annotate", "COMPONENTS", "SourceTokenizer", "DocInfo", "Citation"]
