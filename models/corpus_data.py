"""Training examples from corpus gold: headings, labelled paragraphs, unit mentions.

Each gold file is tied to its plan (the stem before "-<kind>"), so every
rendering of a plan (docx, html, legacy) falls in the same fold as the plan.
Reads any number of corpus dirs (each with gold/ and the rendered files).
"""
from __future__ import annotations

import json
import re
from dataclasses import dataclass, field
from pathlib import Path

from extractor.ingest import load
from extractor.nlp.header import extract_header
from extractor.nlp.sections import outline, rule_labeller

SUBDIRS = ("text", "docx", "html", "legacy", "pdf", "scan", "ocr")


@dataclass
class GoldFile:
    plan: str
    gold: dict
    source: Path | None


@dataclass
class Plan:
    plan: str
    files: list[GoldFile] = field(default_factory=list)

    @property
    def text_file(self) -> GoldFile | None:
        """The plain-text rendering when there is one (the others repeat its content)."""
        for f in self.files:
            if f.source is not None and f.source.parent.name == "text":
                return f
        return next((f for f in self.files if f.source is not None), None)


def plan_id(stem: str) -> str:
    return stem.split("-")[0]


def read_plans(corpus_dirs: list[str]) -> list[Plan]:
    plans: dict[str, Plan] = {}
    seen: set[str] = set()
    for d in corpus_dirs:
        root = Path(d)
        for g in sorted((root / "gold").glob("*.json")):
            if g.name in seen:  # a later dir holding a copy of a plan already read
                continue
            seen.add(g.name)
            gold = json.loads(g.read_text(encoding="utf-8"))
            src = next((root / s / gold.get("file", "") for s in SUBDIRS
                        if gold.get("file") and (root / s / gold["file"]).exists()), None)
            pid = plan_id(g.stem)
            plans.setdefault(pid, Plan(pid)).files.append(GoldFile(pid, gold, src))
    return [plans[k] for k in sorted(plans)]


def headings(plan: Plan) -> list[tuple[str, list[str]]]:
    """Distinct (heading, labels) of the plan's gold outline over all its renderings."""
    seen: dict[tuple[str, tuple[str, ...]], None] = {}
    for f in plan.files:
        for s in f.gold.get("sections") or []:
            if s.get("heading"):
                seen[(s["heading"], tuple(sorted(s.get("labels") or [])))] = None
    return [(h, list(labs)) for h, labs in seen]


def _nearest_labels(path: str, gold_by_path: dict[str, list[str]]) -> list[str]:
    parts = path.split(".")
    while parts:
        labs = gold_by_path.get(".".join(parts))
        if labs:
            return labs
        parts.pop()
    return []


def paragraphs(plan: Plan) -> list[tuple[str, list[str]]]:
    """Body paragraphs with the labels of their nearest labelled gold section.

    The outline found by the rules places paragraphs under items; only items whose
    path and heading agree with gold are trusted, paragraphs under others are skipped.
    Heading lines themselves are left out: the classifier is for text without them.
    """
    f = plan.text_file
    if f is None or not f.gold.get("sections"):
        return []
    gold_by_path = {s["path"]: s.get("labels") or [] for s in f.gold["sections"]}
    gold_head = {s["path"]: s.get("heading", "") for s in f.gold["sections"]}
    src = load(str(f.source))
    h = extract_header(src)
    items = outline(src.blocks, h.body_start, h.body_end, h.appendix_start, rule_labeller)
    starts = {it.block: it for it in items}
    out: list[tuple[str, list[str]]] = []
    current = None
    for i in range(h.body_start, h.body_end):
        b = src.blocks[i]
        text = b.text.strip()
        if i in starts:
            it = starts[i]
            ok = it.path in gold_head and _norm(gold_head[it.path]) == _norm(it.heading)
            current = it if ok else None
            body = it.own_text[len(it.heading):].lstrip(" :.") if it.own_text.startswith(it.heading) else ""
            text = body if (it.labels or len(it.heading.split()) < 9) else it.own_text
        if current is None or b.kind == "table" or len(text.split()) < 5:
            continue
        labs = _nearest_labels(current.path, gold_by_path)
        if labs:
            out.append((text, labs))
    return out


def _norm(s: str) -> str:
    return re.sub(r"\s+", " ", s).strip().lower()


def unit_mentions(plan: Plan) -> tuple[str, list[str]] | None:
    """The plan's text and the distinct unit strings its gold names (text and name)."""
    f = plan.text_file
    if f is None or f.gold.get("units") is None:
        return None
    src = load(str(f.source))
    names: list[str] = []
    for u in f.gold["units"]:
        for s in (u.get("text"), u.get("name")):
            if s and s not in names:
                names.append(s)
    return src.text, names


def folds(plans: list[Plan], k: int | None = None) -> list[tuple[list[Plan], list[Plan]]]:
    """Leave-one-plan-out (k=None) or k folds by plan, in a fixed order: never split a plan."""
    k = len(plans) if k is None else min(k, len(plans))
    groups = [plans[i::k] for i in range(k)]
    return [([p for p in plans if p not in g], g) for g in groups]
