"""What changed between two plans, part by part: the `plan_diffs` rows.

Each part is aligned on what identifies its items across years, then the pairs are
compared on what a researcher asks about:
- sections: same heading (kept, wherever it moved), else same path with shared labels or
  a similar heading (changed: renamed), else added / removed;
- tasks: fuzzy-matched text (years ignored, old provinces read as their 2025 province);
  changed when the lead or cooperating units, the deadline (moved, in months within the
  plan's year) or the wording differ;
- units (the roles lead, cooperate, requested): changed when their roles differ, or when
  the name differs only by the 2025 reorganisation (renamed: the province merger, or merged
  agencies such as Sở Tài nguyên và Môi trường → Sở Nông nghiệp và Môi trường; the detail
  says which), or when part of a dropped unit's functions went to a new one in 2025;
- citations: the cited document (code, or a law's name, and year) added or dropped;
- targets: similar indicator; changed when the value, unit or bound differ (raised/lowered).
"""
from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Any, Callable

from rapidfuzz import fuzz

from .agencies import part_successors
from .issuers import _expand, _plain, canonical_name, reorganised
from .plans import Plan

MATCH = 85  # rapidfuzz ratio for "the same item, reworded"
SECTION_RENAME = 60
ROLES = ("lead", "cooperate", "requested")
COLUMNS = ["series_id", "a_doc_id", "b_doc_id", "a_file", "b_file", "part", "change", "key", "a_value", "b_value", "detail"]
_YEAR = re.compile(r"\b20\d\d\b")


@dataclass
class Row:
    part: str
    change: str  # added | removed | changed | kept
    key: str
    a_value: str | None = None
    b_value: str | None = None
    detail: str | None = None


def _norm(s: Any) -> str:
    return _YEAR.sub("#", canonical_name(str(s or "")))


def _pairs(a: list[str], b: list[str], threshold: int) -> list[tuple[int, int, float]]:
    """One-to-one pairs of similar strings, strongest first (greedy)."""
    cands = sorted(((fuzz.ratio(x, y), i, j) for i, x in enumerate(a) for j, y in enumerate(b)
                    if x and y and abs(len(x) - len(y)) <= max(len(x), len(y)) * 0.5), reverse=True)
    used_a, used_b, out = set(), set(), []
    for r, i, j in cands:
        if r < threshold:
            break
        if i not in used_a and j not in used_b:
            used_a.add(i)
            used_b.add(j)
            out.append((i, j, r))
    return out


def _rest(items: list[dict], used: set[int], change: str, key: Callable[[dict], str], part: str, side: str) -> list[Row]:
    rows = []
    for i, it in enumerate(items):
        if i not in used:
            v = key(it)
            rows.append(Row(part, change, v, v if side == "a" else None, v if side == "b" else None))
    return rows


def diff_sections(a: Plan, b: Plan) -> list[Row]:
    ha, hb = [_norm(s.get("heading")) for s in a.sections], [_norm(s.get("heading")) for s in b.sections]
    rows, ua, ub = [], set(), set()
    for i, j, _ in _pairs(ha, hb, 100):
        ua.add(i), ub.add(j)
        sa, sb = a.sections[i], b.sections[j]
        moved = f"moved {sa.get('path')} → {sb.get('path')}" if sa.get("path") != sb.get("path") else None
        rows.append(Row("sections", "kept", sb.get("heading"), sa.get("path"), sb.get("path"), moved))
    for i, sa in enumerate(a.sections):
        if i in ua:
            continue
        for j, sb in enumerate(b.sections):
            if j in ub or sa.get("path") != sb.get("path"):
                continue
            la, lb = set((sa.get("labels") or "").split(";")) - {""}, set((sb.get("labels") or "").split(";")) - {""}
            if (la & lb) or fuzz.ratio(ha[i], hb[j]) >= SECTION_RENAME:
                ua.add(i), ub.add(j)
                rows.append(Row("sections", "changed", sb.get("heading"), sa.get("heading"), sb.get("heading"),
                                f"renamed at {sb.get('path')}"))
                break
    rows += _rest(a.sections, ua, "removed", lambda s: s.get("heading"), "sections", "a")
    rows += _rest(b.sections, ub, "added", lambda s: s.get("heading"), "sections", "b")
    return rows


_MONTH = [(re.compile(r"(\d{1,2})/(\d{1,2})/(20\d\d)"), lambda m: (int(m[3]), int(m[2]) + int(m[1]) / 31)),
          (re.compile(r"[Qq]uý\s+(I{1,3}|IV)\s*/\s*(20\d\d)"),
           lambda m: (int(m[2]), 3 * ("I", "II", "III", "IV").index(m[1]) + 3)),
          (re.compile(r"tháng\s+(\d{1,2})\s*/\s*(20\d\d)"), lambda m: (int(m[2]), int(m[1]))),
          (re.compile(r"(\d{1,2})/(20\d\d)"), lambda m: (int(m[2]), int(m[1])))]


def _month(deadline: str | None, year: int | None) -> float | None:
    """A deadline as months from the start of its plan's year (so 'Quý III' keeps its place across years)."""
    for pat, f in _MONTH:
        m = pat.search(deadline or "")
        if m:
            y, mo = f(m)
            return (y - (year or y)) * 12 + mo
    return None


def _names(v: Any) -> set[str]:
    return {canonical_name(x) for x in str(v or "").split(";") if x.strip()}


def diff_tasks(a: Plan, b: Plan) -> list[Row]:
    ta, tb = [_norm(t.get("task")) for t in a.tasks], [_norm(t.get("task")) for t in b.tasks]
    rows, ua, ub = [], set(), set()
    for i, j, _ in _pairs(ta, tb, MATCH):
        ua.add(i), ub.add(j)
        x, y = a.tasks[i], b.tasks[j]
        what = []
        for role in ("lead", "cooperate"):
            if _names(x.get(role)) != _names(y.get(role)):
                what.append(f"{role}: {x.get(role) or '-'} → {y.get(role) or '-'}")
        ma, mb = _month(x.get("deadline"), a.plan_year), _month(y.get("deadline"), b.plan_year)
        if ma is not None and mb is not None and round(mb - ma) != 0:
            what.append(f"deadline moved {round(mb - ma):+d} months ({x.get('deadline')} → {y.get('deadline')})")
        elif (ma is None or mb is None) and _norm(x.get("deadline")) != _norm(y.get("deadline")):
            what.append(f"deadline: {x.get('deadline') or '-'} → {y.get('deadline') or '-'}")
        if ta[i] != tb[j]:
            what.append("text edited")
        rows.append(Row("tasks", "changed" if what else "kept", y.get("task"), x.get("task"), y.get("task"),
                        "; ".join(what) or None))
    rows += _rest(a.tasks, ua, "removed", lambda t: t.get("task"), "tasks", "a")
    rows += _rest(b.tasks, ub, "added", lambda t: t.get("task"), "tasks", "b")
    return rows


def _roles(p: Plan) -> dict[str, tuple[list[str], set[str]]]:
    """Unit (comparison form) → its written names in this plan (two old bodies may now be one) and its roles."""
    out: dict[str, tuple[list[str], set[str]]] = {}
    for u in p.units:
        if u.get("role") in ROLES and u.get("name"):
            names, roles = out.setdefault(canonical_name(u["name"]), ([], set()))
            if u["name"] not in names:
                names.append(u["name"])
            roles.add(u["role"])
    return out


def _renamed(olds: list[str], name: str) -> str | None:
    """Why `name` stands where `olds` stood: the 2025 reorganisation (province merger, merged agencies); None when
    the names are one body written alike."""
    notes = [n for o in olds for n in [reorganised(o, name)] if n]
    if not notes:
        return None
    if len(olds) > 1:
        return f"{' and '.join(olds)} became {name}: " + "; ".join(notes)
    return notes[0]


def _moved_parts(rows: list[Row]) -> list[Row]:
    """A removed unit part of whose functions went, in 2025, to an added unit ("Sở Lao động - Thương binh và Xã hội"
    → "Sở Y tế" for social protection) is one changed row, not a drop and a new unit."""
    added = {canonical_name(r.key): i for i, r in enumerate(rows) if r.change == "added"}
    gone: set[int] = set()
    out = []
    for i, r in enumerate(rows):
        if r.change != "removed":
            continue
        for m, successor in part_successors(_plain(_expand(r.key))):
            j = added.get(canonical_name(successor))
            if j is not None and j not in gone:
                gone |= {i, j}
                out.append(Row("units", "changed", rows[j].key, r.key, rows[j].key,
                               f"{m.functions} passed from {m.old_name} to {m.new_name} in the 2025 reorganisation"))
                break
    return [r for i, r in enumerate(rows) if i not in gone] + out


def diff_units(a: Plan, b: Plan) -> list[Row]:
    ra, rb = _roles(a), _roles(b)
    rows = []
    for k, (names, roles) in rb.items():
        name = names[0]
        if k not in ra:
            rows.append(Row("units", "added", name, None, ";".join(sorted(roles))))
            continue
        olds, old_roles = ra[k]
        why = _renamed(olds, name)
        if old_roles != roles:
            rows.append(Row("units", "changed", name, ";".join(sorted(old_roles)), ";".join(sorted(roles)),
                            f"roles {';'.join(sorted(old_roles))} → {';'.join(sorted(roles))}" + (f"; {why}" if why else "")))
        elif why:
            rows.append(Row("units", "changed", name, "; ".join(olds), name, why))
        else:
            rows.append(Row("units", "kept", name, ";".join(sorted(roles)), ";".join(sorted(roles))))
    rows += [Row("units", "removed", names[0], ";".join(sorted(roles)), None)
             for k, (names, roles) in ra.items() if k not in rb]
    return _moved_parts(rows)


def _cite_id(c: dict) -> tuple[str, str]:
    label = c.get("code") or c.get("name") or c.get("text") or ""
    return re.sub(r"\s+", "", canonical_name(label)), (c.get("date") or "")[:4]


def diff_citations(a: Plan, b: Plan) -> list[Row]:
    ia = {_cite_id(c): c for c in a.citations}
    ib = {_cite_id(c): c for c in b.citations}
    label = lambda c: c.get("code") or c.get("name") or c.get("text")  # noqa: E731
    rows = [Row("citations", "kept" if k in ia else "added", label(c), None, c.get("date"),
                None if k in ia else c.get("relation")) for k, c in ib.items()]
    rows += [Row("citations", "removed", label(c), c.get("date"), None) for k, c in ia.items() if k not in ib]
    return rows


def _number(v: Any) -> float | None:
    s = str(v or "").replace(".", "").replace(",", ".")
    try:
        return float(s)
    except ValueError:
        return None


def diff_targets(a: Plan, b: Plan) -> list[Row]:
    ga, gb = [_norm(t.get("indicator")) for t in a.targets], [_norm(t.get("indicator")) for t in b.targets]
    rows, ua, ub = [], set(), set()
    for i, j, _ in _pairs(ga, gb, MATCH):
        ua.add(i), ub.add(j)
        x, y = a.targets[i], b.targets[j]
        va, vb = _number(x.get("value")), _number(y.get("value"))
        what = []
        if va is not None and vb is not None and va != vb:
            what.append(("raised" if vb > va else "lowered") + f" {x.get('value')} → {y.get('value')}")
        for f in ("unit", "comparator"):
            if (x.get(f) or "") != (y.get(f) or ""):
                what.append(f"{f}: {x.get(f)} → {y.get(f)}")
        rows.append(Row("targets", "changed" if what else "kept", y.get("indicator"), x.get("value"), y.get("value"),
                        "; ".join(what) or None))
    rows += [Row("targets", "removed", t.get("indicator"), t.get("value"), None) for i, t in enumerate(a.targets) if i not in ua]
    rows += [Row("targets", "added", t.get("indicator"), None, t.get("value")) for j, t in enumerate(b.targets) if j not in ub]
    return rows


DIFFERS = {"sections": diff_sections, "tasks": diff_tasks, "units": diff_units, "citations": diff_citations,
           "targets": diff_targets}


def diff_plans(a: Plan, b: Plan) -> list[Row]:
    """Every part's rows for `a` (earlier) → `b` (later), kept items included."""
    return [r for f in DIFFERS.values() for r in f(a, b)]
