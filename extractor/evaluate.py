"""Score plan records against hand-written gold (docs/evaluation.md; the project spec's SCHEMA.md §8).

Why a module of its own: "found" and "correct" must mean the same thing in every
run, notebook and CI job, so the numbers stay comparable. Everything here follows
§8; the few choices §8 leaves open are noted where they are made.
"""
from __future__ import annotations

import json
import re
import unicodedata
from dataclasses import asdict, dataclass, field
from pathlib import Path
from typing import Any, Callable, Iterable, Sequence

from rapidfuzz import fuzz

THRESHOLD = 85
PARTS = ("citations", "sections", "units", "deadlines", "tasks", "targets")
DOC_FIELDS = ("doc_type", "number", "code", "issuer", "parent_issuer", "place", "date",
              "title", "plan_year", "signer", "signer_title", "recipients")

# Every Unicode dash (category Pd) plus the minus sign.
_DASH_RE = re.compile("[-\u058a\u05be\u1400\u1806\u2010-\u2015\u2e17\u2e1a\u2e3a\u2e3b"
                      "\u2e40\u2e5d\u301c\u3030\u30a0\ufe31\ufe32\ufe58\ufe63\uff0d\u2212"
                      "\U00010ead]")
_KINDS = unicodedata.normalize(
    "NFC", "thị xã|thị trấn|thành phố|tỉnh|huyện|quận|phường|xã")
_PLACE_RE = re.compile(rf"(?<= )({_KINDS}) (?=\S)")  # the space before stays: "thị trấn huyện X" has two


def norm(s: Any) -> str | None:
    """§8 normal form, so spelling noise (case, dashes, spacing) is not an error."""
    if s is None:
        return None
    s = unicodedata.normalize("NFC", unicodedata.normalize("NFC", str(s)).casefold())
    s = re.sub(r"\s+", " ", _DASH_RE.sub("-", s))
    s = re.sub(r" ?([-/]) ?", r"\1", s).strip()
    return re.sub(r"[\s.,;:]+$", "", s)


def _ratio(a: Any, b: Any) -> float:
    return fuzz.ratio(norm(a) or "", norm(b) or "")


def _places(n: str) -> tuple[list[str], dict[str, str]]:
    """Name prefixes left by cutting each place qualifier, and kind -> place named."""
    ms = list(_PLACE_RE.finditer(n))
    places = {m.group(1): n[m.end():ms[i + 1].start() if i + 1 < len(ms) else len(n)].strip()
              for i, m in enumerate(ms)}
    places = {k: v for k, v in places.items() if v}  # "các xã, thị trấn huyện X": "thị trấn" names no place
    return [n[:m.start() - 1] for m in ms], places


def similar(a: Any, b: Any) -> bool:
    """§8 "similar": fuzzy-equal, or equal once one side drops its place qualifier.

    §8 also says naming a *different* place is an error, so when both names carry
    the same kind of qualifier (tỉnh, huyện, …) with dissimilar places, they are not
    similar even if the overall ratio reaches the threshold.
    """
    na, nb = norm(a), norm(b)
    if na is None or nb is None:
        return na is nb
    if na == nb:
        return True
    (bases_a, pa), (bases_b, pb) = _places(na), _places(nb)
    if any(fuzz.ratio(pa[k], pb[k]) < THRESHOLD for k in pa.keys() & pb.keys()):
        return False
    return (fuzz.ratio(na, nb) >= THRESHOLD
            or any(fuzz.ratio(x, nb) >= THRESHOLD for x in bases_a)
            or any(fuzz.ratio(na, y) >= THRESHOLD for y in bases_b))


def _canon(v: Any) -> Any:
    """Comparable value: norm string, or frozenset of them; empty counts as null."""
    if isinstance(v, (list, tuple, set, frozenset)):
        return frozenset(norm(x) for x in v if x is not None) or None
    n = norm(v)
    return n if n else None


def _eq(a: Any, b: Any) -> bool:
    return _canon(a) == _canon(b)


def similar_sets(a: Iterable[Any] | None, b: Iterable[Any] | None) -> bool:
    """Equal sizes and a one-to-one pairing of similar names (bipartite matching)."""
    xs, ys = list(a or []), list(b or [])
    if len(xs) != len(ys):
        return False
    adj = [[j for j, y in enumerate(ys) if similar(x, y)] for x in xs]
    owner: dict[int, int] = {}

    def augment(i: int, seen: set[int]) -> bool:
        for j in adj[i]:
            if j not in seen:
                seen.add(j)
                if j not in owner or augment(owner[j], seen):
                    owner[j] = i
                    return True
        return False

    return all(augment(i, set()) for i in range(len(xs)))


# ---- matching: each key returns a sort key (smaller = stronger) or None ----------
Key = tuple[float, ...] | None


def _citation_key(g: dict, p: dict) -> Key:
    """Same code (and year when both dated); gold without a code: name + date."""
    gd, pd_ = _canon(g.get("date")), _canon(p.get("date"))
    gc = _canon(g.get("code"))
    if gc is not None:
        if gc != _canon(p.get("code")) or (gd and pd_ and gd[:4] != pd_[:4]):
            return None
        return (0 if gd == pd_ else 1, 0)
    if not g.get("name") or not p.get("name") or gd != pd_:
        return None
    return (2, -_ratio(g["name"], p["name"])) if similar(g["name"], p["name"]) else None


def _section_key(g: dict, p: dict) -> Key:
    if not _eq(g.get("path"), p.get("path")) or not similar(g.get("heading"), p.get("heading")):
        return None
    return (0, -_ratio(g.get("heading"), p.get("heading")))


def _unit_key(g: dict, p: dict) -> Key:
    if not _eq(g.get("role"), p.get("role")) or not g.get("name") or not similar(g["name"], p.get("name")):
        return None
    return (0, -_ratio(g["name"], p.get("name")))


def _deadline_key(g: dict, p: dict) -> Key:
    """Equal text before containment; among equals, the same task link first."""
    gt, pt = _canon(g.get("text")), _canon(p.get("text"))
    if not gt or not pt:
        return None
    if gt != pt and gt not in pt and pt not in gt:
        return None
    return (0 if gt == pt else 1, 0 if _eq(g.get("task"), p.get("task")) else 1, -fuzz.ratio(gt, pt))


def _task_key(g: dict, p: dict) -> Key:
    """Same id first, then similar task text among the rest."""
    r = _ratio(g.get("task"), p.get("task"))
    if _canon(g.get("id")) is not None and _eq(g.get("id"), p.get("id")):
        return (0, -r)
    return (1, -r) if g.get("task") and p.get("task") and similar(g["task"], p["task"]) else None


def _target_key(g: dict, p: dict) -> Key:
    """Same value as written (norm) and a similar indicator."""
    if _canon(g.get("value")) is None or not _eq(g.get("value"), p.get("value")):
        return None
    if not g.get("indicator") or not p.get("indicator") or not similar(g["indicator"], p["indicator"]):
        return None
    return (0, -_ratio(g["indicator"], p["indicator"]))


MATCHERS: dict[str, Callable[[dict, dict], Key]] = {
    "citations": _citation_key, "sections": _section_key, "units": _unit_key,
    "deadlines": _deadline_key, "tasks": _task_key, "targets": _target_key}
ATTRS: dict[str, dict[str, Callable[[Any, Any], bool]]] = {
    "citations": {"date": _eq, "issuer": similar, "relation": _eq, "mentions": _eq, "issues": _eq},
    "sections": {"labels": _eq},
    "units": {},
    "deadlines": {"kind": _eq, "start": _eq, "end": _eq, "freq": _eq},
    "tasks": {"lead": similar_sets, "cooperate": similar_sets, "deadline": _eq},
    "targets": {"unit": _eq, "comparator": _eq, "by": _eq},
}


def assign(gold: Sequence[dict], pred: Sequence[dict],
           key: Callable[[dict, dict], Key]) -> list[tuple[int, int]]:
    """Greedy one-to-one matching, strongest candidate pairs first."""
    cands = sorted((k, i, j) for i, g in enumerate(gold) for j, p in enumerate(pred)
                   if (k := key(g, p)) is not None)
    used_g: set[int] = set()
    used_p: set[int] = set()
    out = []
    for _, i, j in cands:
        if i not in used_g and j not in used_p:
            used_g.add(i)
            used_p.add(j)
            out.append((i, j))
    return sorted(out)


def _short(s: Any, n: int = 80) -> str:
    s = re.sub(r"\s+", " ", str(s))
    return s if len(s) <= n else s[:n - 1] + "…"


_DESCRIBE: dict[str, Callable[[dict], str]] = {
    "citations": lambda it: f"{it.get('code') or it.get('name')} ({it.get('date')})",
    "sections": lambda it: f"{it.get('path')} {it.get('heading')}",
    "units": lambda it: f"{it.get('name')} [{it.get('role')}]",
    "deadlines": lambda it: f"{it.get('text')!r} task={it.get('task')}",
    "tasks": lambda it: f"{it.get('id')}: {it.get('task')}",
    "targets": lambda it: f"{it.get('value')} {it.get('unit')}: {it.get('indicator')}",
}


def describe(part: str, it: dict) -> str:
    """One short line naming an item, for miss listings."""
    return _short(_DESCRIBE[part](it))


# ---- report ------------------------------------------------------------------------
@dataclass
class Counts:
    correct: int = 0
    total: int = 0

    @property
    def accuracy(self) -> float | None:
        return self.correct / self.total if self.total else None


@dataclass
class PartScore:
    gold: int = 0
    pred: int = 0
    found: int = 0
    attrs: dict[str, Counts] = field(default_factory=dict)

    @property
    def precision(self) -> float:
        return self.found / self.pred if self.pred else float(self.gold == 0)

    @property
    def recall(self) -> float:
        return self.found / self.gold if self.gold else float(self.pred == 0)

    @property
    def f1(self) -> float:
        p, r = self.precision, self.recall
        return 2 * p * r / (p + r) if p + r else 0.0

    def to_dict(self) -> dict[str, Any]:
        return {"gold": self.gold, "pred": self.pred, "found": self.found,
                "precision": self.precision, "recall": self.recall, "f1": self.f1,
                "attrs": {k: c.accuracy for k, c in self.attrs.items()}}


@dataclass
class Miss:
    """One error: a missed gold item, an extra predicted one, or a wrong attribute."""
    file: str
    part: str
    kind: str  # "missed" | "extra" | "wrong" | "no_pred"
    item: str
    attr: str | None = None
    gold: Any = None
    pred: Any = None


@dataclass
class Pair:
    name: str
    gold: dict
    pred: dict | None


@dataclass
class Report:
    parts: dict[str, PartScore] = field(
        default_factory=lambda: {p: PartScore(attrs={a: Counts() for a in ATTRS[p]}) for p in PARTS})
    doc_fields: dict[str, Counts] = field(default_factory=lambda: {f: Counts() for f in DOC_FIELDS})
    files: list[str] = field(default_factory=list)
    no_pred: list[str] = field(default_factory=list)
    misses: list[Miss] = field(default_factory=list)

    @property
    def doc_accuracy(self) -> float | None:
        return Counts(sum(c.correct for c in self.doc_fields.values()),
                      sum(c.total for c in self.doc_fields.values())).accuracy

    def to_dict(self) -> dict[str, Any]:
        return {"files": self.files, "no_pred": self.no_pred,
                "doc": {"accuracy": self.doc_accuracy,
                        "fields": {k: c.accuracy for k, c in self.doc_fields.items()}},
                "parts": {k: s.to_dict() for k, s in self.parts.items()},
                "misses": [asdict(m) for m in self.misses]}


def _score_doc(rep: Report, name: str, gold: dict, pred: dict | None) -> None:
    """Field accuracy; with no prediction at all every field counts as wrong."""
    pdoc = (pred or {}).get("doc") or {}
    for f in DOC_FIELDS:
        ok = pred is not None and _eq(gold.get(f), pdoc.get(f))
        rep.doc_fields[f].total += 1
        rep.doc_fields[f].correct += ok
        if pred is not None and not ok:
            rep.misses.append(Miss(name, "doc", "wrong", "doc", f, gold.get(f), pdoc.get(f)))


def _score_part(rep: Report, name: str, part: str, gold: list[dict], pred: list[dict]) -> None:
    score = rep.parts[part]
    pairs = assign(gold, pred, MATCHERS[part])
    score.gold += len(gold)
    score.pred += len(pred)
    score.found += len(pairs)
    for i, j in pairs:
        for attr, cmp in ATTRS[part].items():
            ok = cmp(gold[i].get(attr), pred[j].get(attr))
            score.attrs[attr].total += 1
            score.attrs[attr].correct += ok
            if not ok:
                rep.misses.append(Miss(name, part, "wrong", describe(part, gold[i]), attr,
                                       gold[i].get(attr), pred[j].get(attr)))
    hit_g, hit_p = {i for i, _ in pairs}, {j for _, j in pairs}
    rep.misses += [Miss(name, part, "missed", describe(part, g)) for i, g in enumerate(gold) if i not in hit_g]
    rep.misses += [Miss(name, part, "extra", describe(part, p)) for j, p in enumerate(pred) if j not in hit_p]


def evaluate(pairs: Iterable[Pair | tuple[dict, dict | None]]) -> Report:
    """Micro-averaged scores over all pairs; null gold parts are skipped."""
    rep = Report()
    for pr in pairs:
        if not isinstance(pr, Pair):
            pr = Pair(str(pr[0].get("file")), pr[0], pr[1])
        rep.files.append(pr.name)
        if pr.pred is None:
            rep.no_pred.append(pr.name)
            rep.misses.append(Miss(pr.name, "*", "no_pred", "no prediction for this document"))
        if pr.gold.get("doc") is not None:
            _score_doc(rep, pr.name, pr.gold["doc"], pr.pred)
        for part in PARTS:
            gold = pr.gold.get(part)
            if gold is not None and pr.pred is None:  # reported once above, not item by item
                rep.parts[part].gold += len(gold)
            elif gold is not None:
                _score_part(rep, pr.name, part, gold, pr.pred.get(part) or [])
    return rep


# ---- loading -----------------------------------------------------------------------
def read_records(path: str | Path) -> list[dict]:
    """A JSON file (one object or a list of them) or JSON Lines."""
    text = Path(path).read_text(encoding="utf-8")
    try:
        data = json.loads(text)
    except json.JSONDecodeError:
        return [json.loads(line) for line in text.splitlines() if line.strip()]
    return data if isinstance(data, list) else [data]


def _stem(name: str) -> str:
    return Path(str(name)).stem


def _files(src: str | Path | Sequence[str | Path]) -> list[Path]:
    if isinstance(src, (str, Path)):
        src = [src]
    out: list[Path] = []
    for s in map(Path, src):
        out += sorted(x for x in s.iterdir() if x.suffix in (".json", ".jsonl")) if s.is_dir() else [s]
    return out


def load_pairs(gold_dir: str | Path, preds: str | Path | Sequence[str | Path]) -> list[Pair]:
    """Pair gold with predictions by "file", falling back to the file stem."""
    by_file: dict[str, dict] = {}
    by_stem: dict[str, dict] = {}
    for path in _files(preds):
        recs = read_records(path)
        for rec in recs:
            if rec.get("file"):
                by_file.setdefault(str(rec["file"]), rec)
                by_file.setdefault(Path(str(rec["file"])).name, rec)
                by_stem.setdefault(_stem(rec["file"]), rec)
            if len(recs) == 1 or not rec.get("file"):
                by_stem.setdefault(path.stem, rec)
    pairs = []
    for path in _files(gold_dir):
        for g in read_records(path):
            name = str(g.get("file") or path.name)
            pred = by_file.get(name) or by_file.get(Path(name).name) or by_stem.get(_stem(name))
            pairs.append(Pair(name, g, pred))
    return pairs


# ---- text output -------------------------------------------------------------------
def _f(x: float | None) -> str:
    return "    -" if x is None else f"{x:.3f}"


def format_report(report: Report, show_misses: bool = False) -> str:
    """Plain-text table per part, doc field accuracies, and optionally every error."""
    lines = [f"Scored {len(report.files)} document(s)"
             + (f"; no prediction for: {', '.join(report.no_pred)}" if report.no_pred else "")]
    lines.append(f"{'part':<10} {'gold':>5} {'pred':>5} {'found':>5} {'P':>5} {'R':>5} {'F1':>5}  attribute accuracy")
    for part, s in report.parts.items():
        attrs = ", ".join(f"{a} {_f(c.accuracy)}" for a, c in s.attrs.items())
        lines.append(f"{part:<10} {s.gold:>5} {s.pred:>5} {s.found:>5} {_f(s.precision)} "
                     f"{_f(s.recall)} {_f(s.f1)}  {attrs}")
    total = sum(c.total for c in report.doc_fields.values())
    lines.append(f"{'doc':<10} {total:>5} fields, accuracy {_f(report.doc_accuracy)}")
    for f, c in report.doc_fields.items():
        lines.append(f"  {f:<14} {_f(c.accuracy)}  ({c.correct}/{c.total})")
    if show_misses:
        lines.append("")
        for name in report.files:
            ms = [m for m in report.misses if m.file == name]
            if not ms:
                continue
            lines.append(f"== {name}")
            for m in ms:
                line = f"  {m.part:<10} {m.kind:<7} {m.item}"
                if m.kind == "wrong":
                    line += f" | {m.attr}: gold={_short(m.gold, 60)!s} pred={_short(m.pred, 60)!s}"
                lines.append(line)
    return "\n".join(lines)
