"""Citations per second and F1 on the corpus text: the citation stage against a plain-regex baseline.

Both run in this process on the same texts. The header and outline (which the
citation stage reads for the plan's context, own number and preamble) are
computed once beforehand and not timed; the timed part of kh-extract is
find → resolve → check → registry. The baseline is one regex for
`số? NUMBER/CODE` forms with the date after it. F1 is SCHEMA §8's citation F1
against the gold. Usage:

    PYTHONPATH=$PWD python bench/bench_citations.py [TEXT_DIR GOLD_DIR ...] [--repeat N]
"""
from __future__ import annotations

import argparse
import json
import re
import sys
import time
from pathlib import Path

from extractor.evaluate import Pair, evaluate
from extractor.ingest import load
from extractor.nlp.citations.check import check
from extractor.nlp.citations.find import find
from extractor.nlp.citations.registry import check_registry
from extractor.nlp.citations.resolve import resolve
from extractor.nlp.pipeline import annotate, make_nlp

BASELINE = re.compile(
    r"(?:số\s*)?(?P<code>\d+(?:/\d{4})?/[A-ZĐ][\wĐ&-]*|\d+-[A-Z][A-Za-z]*/[A-ZĐ]+)"
    r"(?:\s*ngày\s*(?P<d>\d{1,2})/(?P<m>\d{1,2})/(?P<y>\d{4}))?")


def baseline(text: str) -> list[dict]:
    """One regex, first date wins, one entry per code: what a quick script would do."""
    out: dict[str, dict] = {}
    for m in BASELINE.finditer(text):
        date = f"{m['y']}-{int(m['m']):02d}-{int(m['d']):02d}" if m["y"] else None
        c = out.setdefault(m["code"], {"code": m["code"], "date": date, "mentions": 0, "issues": [], "relation": "mention"})
        c["mentions"] += 1
    return list(out.values())


def prepare(paths: list[Path]):
    """Header, outline and text of each plan: the citation stage's inputs."""
    nlp = make_nlp(exclude=["kh_citations", "kh_tasks", "kh_units", "kh_deadlines"])
    out = []
    for p in paths:
        src = load(str(p))
        doc = annotate(src, nlp)
        h, items = doc._.header, doc._.outline or []
        body_a = src.blocks[h.body_start].start if h.body_start < len(src.blocks) else 0
        first = src.blocks[items[0].block].start if items else len(src.text)
        out.append((p, src.text, h, (body_a, first)))
    return out


def ours(prepared) -> list[list[dict]]:
    res = []
    for p, text, h, pre in prepared:
        cits = []
        for r in resolve(text, find(text), h.ctx, h.info.code if h.info.number else None, pre, str(p)):
            r.cit.issues = check(r.cit, r.named_issuer, r.type_word, h.info.date)
            check_registry(r.cit)
            cits.append({k: getattr(r.cit, k) for k in ("code", "date", "issuer", "name", "relation", "mentions", "issues")})
        res.append(cits)
    return res


def timed(fn, arg, repeat: int) -> tuple[float, list]:
    best, out = float("inf"), None
    for _ in range(repeat):
        t = time.perf_counter()
        out = fn(arg)
        best = min(best, time.perf_counter() - t)
    return best, out


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser()
    ap.add_argument("dirs", nargs="*", default=["corpus/text", "corpus/gold"], help="TEXT_DIR GOLD_DIR pairs")
    ap.add_argument("--repeat", type=int, default=5)
    a = ap.parse_args(argv)
    golds, paths = [], []
    for tdir, gdir in zip(a.dirs[::2], a.dirs[1::2]):
        for t in sorted(Path(tdir).glob("*.txt")):
            g = Path(gdir) / f"{t.stem}.json"
            if g.exists():
                paths.append(t)
                golds.append(json.loads(g.read_text(encoding="utf-8")))
    if not paths:
        print("no text with gold found", file=sys.stderr)
        return 2
    prepared = prepare(paths)
    texts = [x[1] for x in prepared]
    t_ours, pred_ours = timed(ours, prepared, a.repeat)
    t_base, pred_base = timed(lambda ts: [baseline(t) for t in ts], texts, a.repeat)
    rows = []
    for name, t, preds in (("kh-extract", t_ours, pred_ours), ("regex baseline", t_base, pred_base)):
        rep = evaluate([Pair(g["file"], {"file": g["file"], "citations": g["citations"]}, {"citations": p})
                        for g, p in zip(golds, preds)])
        s = rep.parts["citations"]
        n = sum(len(p) for p in preds)
        rows.append((name, n, t, n / t if t else float("inf"), s.precision, s.recall, s.f1))
    chars = sum(len(t) for t in texts)
    print(f"{len(paths)} plans, {chars} characters, best of {a.repeat} runs")
    print(f"{'extractor':<15} {'citations':>9} {'seconds':>9} {'cit/s':>10} {'P':>6} {'R':>6} {'F1':>6}")
    for name, n, t, rate, p, r, f in rows:
        print(f"{name:<15} {n:>9} {t:>9.4f} {rate:>10.0f} {p:>6.3f} {r:>6.3f} {f:>6.3f}")
    print(f"speed ratio kh-extract / baseline: {rows[0][3] / rows[1][3]:.3f}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
