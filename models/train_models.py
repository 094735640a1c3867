"""`make models`: train every model from corpus gold, print held-out scores, save to models/.

    python models/train_models.py [--corpus DIR]... [--out models] [--ner-folds 3] [--skip-ner]

Held-out numbers are by plan, never by line: leave-one-plan-out for the two
scikit-learn classifiers, k folds by plan for the NER; all renderings of a plan
(docx, html, legacy) stay in the plan's fold. Deterministic: fixed seeds, fixed
orders; a few minutes on 2 cores.
"""
from __future__ import annotations

import argparse
import os
import shutil
import sys
import time
from pathlib import Path

os.environ.setdefault("OMP_NUM_THREADS", "1")
os.environ.setdefault("OPENBLAS_NUM_THREADS", "1")
sys.path.insert(0, str(Path(__file__).resolve().parent))
sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

import joblib  # noqa: E402

import corpus_data as cd  # noqa: E402
import ocr_ngrams  # noqa: E402
import train_digits  # noqa: E402
import train_ner  # noqa: E402
from extractor import extract  # noqa: E402
from extractor.evaluate import assign, similar  # noqa: E402
from extractor.ingest.ocr_digits import ARTIFACT as DIGITS  # noqa: E402
from extractor.nlp import heading_classifier as hc  # noqa: E402
from extractor.nlp import heading_linear as hl  # noqa: E402
from extractor.nlp import paragraph_classifier as pc  # noqa: E402
from extractor.nlp.sections import rule_labeller  # noqa: E402


def _acc(pred: list[list[str]], gold: list[list[str]]) -> float:
    return sum(set(p) == set(g) for p, g in zip(pred, gold)) / len(gold) if gold else float("nan")


def heading_scores(plans: list[cd.Plan]) -> tuple[float, float, int]:
    """Exact label-set accuracy on the held-out plan's headings: classifier vs rules."""
    preds, rules, golds = [], [], []
    for train, test in cd.folds(plans):
        tr = [x for p in train for x in cd.headings(p)]
        te = [x for p in test for x in cd.headings(p)]
        if not te:
            continue
        art = hc.train([h for h, _ in tr], [labs for _, labs in tr])
        preds += hc.predict(art, [h for h, _ in te])
        rules += rule_labeller([h for h, _ in te])
        golds += [labs for _, labs in te]
    return _acc(preds, golds), _acc(rules, golds), len(golds)


def paragraph_scores(plans: list[cd.Plan], paras: dict[str, list]) -> tuple[float, float, int]:
    """Held-out accuracy (top label among the gold labels) vs always the majority label."""
    hit = base = n = 0
    for train, test in cd.folds(plans):
        tr = [x for p in train for x in paras[p.plan]]
        te = [x for p in test for x in paras[p.plan]]
        if not te or not tr:
            continue
        art = pc.train([t for t, _ in tr], [labs for _, labs in tr])
        counts: dict[str, int] = {}
        for _, labs in tr:
            for lab in labs:
                counts[lab] = counts.get(lab, 0) + 1
        major = max(sorted(counts), key=counts.get)
        for got, (_, labs) in zip(pc.predict(art, [t for t, _ in te], threshold=1.1), te):
            hit += got[0] in labs
            base += major in labs
            n += 1
    return (hit / n if n else float("nan")), (base / n if n else float("nan")), n


def _prf(pred: list[str], gold: list[dict]) -> tuple[int, int, int]:
    """Found / pred / gold, a predicted name matching a gold unit's name or its verbatim text."""
    def key(g, p):
        ok = any(s and similar(s, p["name"]) for s in (g.get("name"), g.get("text")))
        return (0,) if ok else None
    golds = list({g["name"]: g for g in gold}.values())
    pairs = assign(golds, [{"name": p} for p in pred], key)
    return len(pairs), len(pred), len(golds)


def _merge(a: list[str], b: list[str]) -> list[str]:
    out = list(a)
    for x in b:
        if not any(similar(x, y) for y in out):
            out.append(x)
    return out


def ner_scores(plans: list[cd.Plan], k: int) -> dict[str, tuple[float, float, float]]:
    """Unit names on held-out plans: rules (units.py) alone, NER alone, and their union."""
    tot = {m: [0, 0, 0] for m in ("rules", "ner", "union")}
    nlp0 = train_ner.blank()
    for train, test in cd.folds([p for p in plans if cd.unit_mentions(p)], k):
        exs = [e for p in train for e in train_ner.examples(nlp0, *cd.unit_mentions(p))]
        nlp = train_ner.train(exs)
        for p in test:
            text, _ = cd.unit_mentions(p)
            gold = p.text_file.gold["units"]
            ner = train_ner.names_found(nlp, text)
            rules = list(dict.fromkeys(u.name for u in extract(str(p.text_file.source)).units))
            for m, pred in (("rules", rules), ("ner", ner), ("union", _merge(rules, ner))):
                for i, v in enumerate(_prf(pred, gold)):
                    tot[m][i] += v
    out = {}
    for m, (f, np_, ng) in tot.items():
        pr, rc = (f / np_ if np_ else 0.0), (f / ng if ng else 0.0)
        out[m] = (pr, rc, 2 * pr * rc / (pr + rc) if pr + rc else 0.0)
    return out


def _size(path: Path) -> int:
    return sum(f.stat().st_size for f in path.rglob("*") if f.is_file()) if path.is_dir() else path.stat().st_size


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--corpus", action="append", help="a corpus dir with gold/ (repeatable; default corpus/)")
    ap.add_argument("--out", default=str(Path(__file__).resolve().parent))
    ap.add_argument("--ner-folds", type=int, default=3)
    ap.add_argument("--skip-ner", action="store_true")
    a = ap.parse_args(argv)
    corpus = a.corpus or [str(Path(__file__).resolve().parents[1] / "corpus")]
    out = Path(a.out)
    t0 = time.perf_counter()
    plans = cd.read_plans(corpus)
    print(f"corpus: {', '.join(corpus)} — {len(plans)} plans, {sum(len(p.files) for p in plans)} gold files")

    acc, rule_acc, n = heading_scores(plans)
    print(f"\nheadings (leave-one-plan-out, {n} headings): label-set accuracy classifier {acc:.3f} | rules alone {rule_acc:.3f}")
    paras = {p.plan: cd.paragraphs(p) for p in plans}
    pacc, base, m = paragraph_scores(plans, paras)
    print(f"paragraphs (leave-one-plan-out, {m} paragraphs): top label correct {pacc:.3f} | majority label {base:.3f}")

    hs = [x for p in plans for x in cd.headings(p)]
    heads = hc.train([h for h, _ in hs], [labs for _, labs in hs])
    joblib.dump(heads, out / hc.ARTIFACT, compress=3)
    hl.export(heads, out / hl.NPZ)  # the same model as arrays: what the pipeline scores with (numpy only)
    ps = [x for p in plans for x in paras[p.plan]]
    paras_model = pc.train([t for t, _ in ps], [labs for _, labs in ps])
    joblib.dump(paras_model, out / pc.ARTIFACT, compress=3)
    hl.export(paras_model, out / hl.PARAGRAPH_NPZ)

    uni, bi = ocr_ngrams.count(ocr_ngrams.corpus_texts(corpus))
    ocr_ngrams.write(uni, bi, out / ocr_ngrams.ARTIFACT)
    print(f"\nOCR word repair: syllable and pair counts of {len(ocr_ngrams.corpus_texts(corpus))} corpus texts")

    dh = train_digits.held_out()
    print("\ndigits of the header's blanks (held out: scikit-learn hands not trained on, other strokes, no-digit ink, a font):")
    print("  " + ", ".join(f"{k} {v:.3f}" if isinstance(v, float) else f"{k} {v}" for k, v in dh.items()))
    joblib.dump(train_digits.fit(*train_digits.dataset()), out / DIGITS, compress=3)

    if not a.skip_ner:
        sc = ner_scores(plans, a.ner_folds)
        print(f"\nunit names ({a.ner_folds} folds by plan)   P      R      F1")
        for mth, (pr, rc, f1) in sc.items():
            print(f"  {mth:<26} {pr:.3f}  {rc:.3f}  {f1:.3f}")
        nlp0 = train_ner.blank()
        exs = [e for p in plans if cd.unit_mentions(p) for e in train_ner.examples(nlp0, *cd.unit_mentions(p))]
        shutil.rmtree(out / "unit_ner", ignore_errors=True)  # no file of an older model left behind
        train_ner.train(exs).to_disk(out / "unit_ner")

    print("\nartifacts:")
    for name in (hc.ARTIFACT, pc.ARTIFACT, DIGITS, ocr_ngrams.ARTIFACT, "unit_ner"):
        if (out / name).exists():
            print(f"  {name:<26} {_size(out / name) / 1024:8.1f} KB")
    print(f"training time {time.perf_counter() - t0:.1f} s")
    return 0


if __name__ == "__main__":
    sys.exit(main())
