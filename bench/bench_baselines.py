"""`make bench-baselines`: our units and deadlines against off-the-shelf baselines, same gold.

    python bench/bench_baselines.py [--corpus DIR]...

Units: `underthesea.ner` ORG entities (B-ORG/I-ORG) vs ours. A baseline NER has no
roles, so units are compared by name only (gold and predictions reduced to distinct
names); ours is also shown as scored by `kh-extract eval` (name and role).
Deadlines: `dateparser.search.search_dates(text, languages=["vi"])` matches vs ours.
Matching is `extractor.evaluate`'s (similar names; deadline text equal or contained),
micro-averaged over one text rendering per plan. Seconds are wall time in this run.
"""
from __future__ import annotations

import argparse
import sys
import time
import warnings
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "models"))
sys.path.insert(0, str(ROOT))

import corpus_data as cd  # noqa: E402
from extractor import extract  # noqa: E402
from extractor.evaluate import Pair, evaluate  # noqa: E402


def underthesea_ents(text: str, kinds: tuple[str, ...] = ("ORG",)) -> list[str]:
    """Distinct entities of the given kinds, one sentence (line) at a time."""
    from underthesea import ner

    out: list[str] = []
    for line in text.split("\n"):
        if not line.strip():
            continue
        cur: list[str] = []
        for tok in ner(line.strip()) + [("", "", "", "O")]:
            tag = tok[-1]
            if tag[2:] in kinds and tag.startswith("I-") and cur:
                cur.append(tok[0])
                continue
            if cur and " ".join(cur) not in out:
                out.append(" ".join(cur))
            cur = [tok[0]] if tag[2:] in kinds and tag.startswith("B-") else []
    return out


def dateparser_dates(text: str) -> list[str]:
    from dateparser.search import search_dates

    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        found = search_dates(text, languages=["vi"]) or []
    return [s for s, _ in found]


def _names(items) -> list[dict]:
    seen: dict[str, dict] = {}
    for n in items:
        seen.setdefault(n, {"name": n, "role": "any"})
    return list(seen.values())


def _row(label: str, part: str, pairs: list[Pair], secs: float) -> str:
    s = evaluate(pairs).parts[part]
    return f"  {label:<44} {s.gold:5d} {s.pred:5d} {s.found:5d}  {s.precision:.3f}  {s.recall:.3f}  {s.f1:.3f}  {secs:7.1f}"


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--corpus", action="append", help="a corpus dir with gold/ (repeatable; default corpus/)")
    a = ap.parse_args(argv)
    plans = [p for p in cd.read_plans(a.corpus or [str(ROOT / "corpus")]) if p.text_file is not None]
    ours, ut, ut_loc, dp = [], [], [], []
    t = {"ours": 0.0, "ut": 0.0, "dp": 0.0}
    extract(str(plans[0].text_file.source))  # warm-up: models load once, outside the timings
    underthesea_ents("Sở Y tế")
    for p in plans:
        f = p.text_file
        t0 = time.perf_counter()
        rec = extract(str(f.source)).to_json()
        t1 = time.perf_counter()
        text = f.source.read_text(encoding="utf-8", errors="replace")
        orgs = underthesea_ents(text) if f.gold.get("units") is not None else []
        t2 = time.perf_counter()
        dates = dateparser_dates(text) if f.gold.get("deadlines") is not None else []
        t3 = time.perf_counter()
        t["ours"] += t1 - t0
        t["ut"] += t2 - t1
        t["dp"] += t3 - t2
        gold_units = f.gold.get("units")
        ours.append((f, rec))
        ut.append(Pair(f.gold["file"], {"units": _names(u["name"] for u in gold_units) if gold_units is not None else None},
                       {"units": _names(orgs)}))
        locs = underthesea_ents(text, ("ORG", "LOC")) if gold_units is not None else []
        ut_loc.append(Pair(f.gold["file"], ut[-1].gold, {"units": _names(locs)}))
        dp.append(Pair(f.gold["file"], {"deadlines": f.gold.get("deadlines")}, {"deadlines": [{"text": d} for d in dates]}))
    units_role = [Pair(f.gold["file"], {"units": f.gold.get("units")}, {"units": r["units"]}) for f, r in ours]
    units_name = [Pair(f.gold["file"],
                       {"units": _names(u["name"] for u in f.gold["units"]) if f.gold.get("units") is not None else None},
                       {"units": _names(u["name"] for u in r["units"])}) for f, r in ours]
    dl_ours = [Pair(f.gold["file"], {"deadlines": f.gold.get("deadlines")}, {"deadlines": r["deadlines"]}) for f, r in ours]
    print(f"{len(plans)} plans (text rendering of each)")
    print(f"  {'system':<44} {'gold':>5} {'pred':>5} {'found':>5}  {'P':>5}  {'R':>5}  {'F1':>5}  {'seconds':>7}")
    print("units")
    print(_row("kh-extract (name + role, as `kh-extract eval`)", "units", units_role, t["ours"]))
    print(_row("kh-extract (distinct names)", "units", units_name, t["ours"]))
    print(_row("underthesea.ner ORG (distinct names)", "units", ut, t["ut"]))
    print(_row("underthesea.ner ORG or LOC (distinct names)", "units", ut_loc, float("nan")))
    print("deadlines")
    print(_row("kh-extract", "deadlines", dl_ours, t["ours"]))
    print(_row("dateparser.search_dates(languages=['vi'])", "deadlines", dp, t["dp"]))
    print("(kh-extract seconds are for the whole extraction, all parts)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
