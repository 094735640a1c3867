"""Cells of researcher.ipynb: plan series, what changed between years, targets, then coverage and search."""

CELLS = [
    ("md", """
# Researcher: plans compared across years

Which plans continue one another (one issuer, one subject, year after year, across the
2025 province merger), what changed from one year to the next (tasks dropped and added,
units, the central documents a plan rests on, sections), how the targets (chỉ tiêu) moved;
then one row per plan, the kinds of section each plan has, the documents several plans
ground themselves in, and full-text search over the sections.
"""),
    ("code", """
# Inputs: plan files, folders or globs, relative to this notebook's folder; the folder the
# tables are written to; a section label to look for; a search phrase, with and without
# diacritics.
CORPUS = ["../corpus/text"]
SERIES = ["../corpus/series/text"]  # plans written as yearly series (one issuer, one subject)
OUT = "out"
WORKERS = None  # worker processes; None: one per core
LABEL = "kinh_phi"
QUERY = "chuyển đổi số"
QUERY_PLAIN = "chuyen doi so"
""", ["parameters"]),
    ("code", """
import pandas as pd

import extractor

T = extractor.run(CORPUS + SERIES, out=OUT, workers=WORKERS)  # cached per file in OUT/.cache
C = extractor.compare(T)  # plan_series, plan_diffs, targets
"""),
    ("md", """
## Plan series

A plan joins the series of the one before it when both come from the same issuer
(`issuer_key`: the issuer's name folded, its province read as the province it belongs to
after 1 July 2025) and their titles and outlines are alike, or when it cites the earlier
plan by number (`link_reason`). Series of one plan are left out here.
"""),
    ("code", """
series = C.plan_series
sizes = series.groupby("series_id")["doc_id"].transform("size")
multi = series[sizes > 1][["series_id", "plan_year", "file", "issuer", "subject", "link_reason", "similarity"]]
subjects = series.groupby("subject").agg(plans=("doc_id", "size"), issuers=("issuer_key", "nunique"),
                                         series=("series_id", "nunique")).sort_values("plans", ascending=False)
multi
"""),
    ("code", """
subjects
"""),
    ("md", """
## What changed from one year to the next

One row per link of a series (the later plan's file), the number of changes per part:
`+` added, `-` removed, `~` changed. The detail column of `plan_diffs` says what changed
(a task's lead or cooperating units, a deadline moved by so many months, a target raised).
"""),
    ("code", """
D = C.plan_diffs
changes = D[D["change"] != "kept"]
sign = changes["change"].map({"added": "+", "removed": "-", "changed": "~"})
diff_counts = pd.crosstab([changes["series_id"], changes["b_file"]], changes["part"] + " " + sign)
diff_counts
"""),
    ("code", """
new_basis = changes[(changes["part"] == "citations") & (changes["change"] == "added")][["b_file", "key", "detail"]]
task_moves = changes[(changes["part"] == "tasks") & (changes["change"] == "changed")][["b_file", "key", "detail"]]
task_moves
"""),
    ("md", """
## Targets over the years

Every target of the plans in a series, by year; the percentages of one series are drawn
as lines (one per indicator), next to the number of tasks of each plan. Plots need
matplotlib (`pip install kh-extract[notebooks]`); without it the tables are still shown.
"""),
    ("code", """
years = series.set_index(["doc_id", "file"])[["series_id", "plan_year"]]
targets = C.targets.join(years, on=["doc_id", "file"])
in_series = targets[targets["series_id"].isin(multi["series_id"])]
target_moves = changes[changes["part"] == "targets"][["series_id", "b_file", "change", "key", "a_value", "b_value", "detail"]]
per_plan = T.tasks.groupby(["doc_id", "file"]).size().rename("tasks").reset_index().join(years, on=["doc_id", "file"])
tasks_per_year = per_plan[per_plan["series_id"].isin(multi["series_id"])].pivot_table(
    index="plan_year", columns="series_id", values="tasks", aggfunc="sum")
target_moves
"""),
    ("code", """
import os

try:
    import matplotlib.pyplot as plt
except ImportError:
    plt = None
    print("matplotlib is not installed: no plots (pip install kh-extract[notebooks])")

figures = []
if plt is not None and len(multi):
    os.makedirs(os.path.join(OUT, "figures"), exist_ok=True)
    ids = sorted(multi["series_id"].unique())
    fig, axes = plt.subplots(1, len(ids), figsize=(4.5 * len(ids), 3.5), squeeze=False)
    for ax, sid in zip(axes[0], ids):
        pct = in_series[(in_series["series_id"] == sid) & (in_series["unit"] == "%")].copy()
        pct["v"] = pd.to_numeric(pct["value"].str.replace(",", "."), errors="coerce")
        for indicator, g in pct.groupby("indicator"):
            ax.plot(g["plan_year"], g["v"], marker="o", label=indicator[:40])
        ax.set_title(sid)
        ax.xaxis.get_major_locator().set_params(integer=True)
        ax.set_xlabel("năm")
        ax.set_ylabel("%")
        ax.legend(fontsize=6)
    fig.tight_layout()
    figures.append(os.path.join(OUT, "figures", "targets_by_year.png"))
    fig.savefig(figures[-1], dpi=100)
    ax = tasks_per_year.plot(marker="o", figsize=(6, 3.5), title="tasks per plan")
    ax.xaxis.get_major_locator().set_params(integer=True)
    ax.figure.tight_layout()
    figures.append(os.path.join(OUT, "figures", "tasks_by_year.png"))
    ax.figure.savefig(figures[-1], dpi=100)
figures
"""),
    ("md", """
## Two plans side by side

The last link of the first series as a page: each part's items, the earlier plan on the
left and the later on the right, coloured by change. `kh-extract compare A.json B.json
--html page.html` makes the same page for any two plan records.
"""),
    ("code", """
from extractor.compare.html import diff_html

pair_html = None
if len(multi):
    last = multi[multi["series_id"] == multi["series_id"].iloc[0]].iloc[-1]
    rows = D[(D["series_id"] == last["series_id"]) & (D["b_file"] == last["file"])].to_dict("records")
    pair_html = os.path.join(OUT, "diff.html")
    with open(pair_html, "w", encoding="utf-8") as f:
        f.write(diff_html(rows, rows[0]["a_file"], rows[0]["b_file"], kept=True))
pair_html
"""),
    ("md", """
## One row per plan

`units` counts the distinct units given work (`lead`, `cooperate`, `requested`), not the
recipients of the document; `citations` counts distinct documents cited.
"""),
    ("code", """
working = T.units[T.units["role"].isin(["lead", "cooperate", "requested"])]
counts = pd.DataFrame({
    "sections": T.sections.groupby("doc_id").size(),
    "tasks": T.tasks.groupby("doc_id").size(),
    "units": working.groupby("doc_id")["name"].nunique(),
    "citations": T.citation_edges.groupby("doc_id").size(),
    "deadlines": T.deadlines.groupby("doc_id").size(),
}, columns=["sections", "tasks", "units", "citations", "deadlines"])
plans = (
    T.documents.set_index("doc_id")[["file", "issuer", "place", "plan_year", "date", "title"]]
    .join(counts)
    .fillna({c: 0 for c in counts})
    .astype({c: int for c in counts})
)
plans.drop(columns="title")
"""),
    ("md", """
## Across issuers and years

Mean size of a plan per year, and tasks per issuer and year (an issuer that writes a plan
every year shows as one row).
"""),
    ("code", """
by_year = plans.groupby("plan_year", dropna=False).agg(
    plans=("file", "size"), tasks=("tasks", "mean"), units=("units", "mean"), citations=("citations", "mean")
)
by_issuer = plans.pivot_table(index="issuer", columns="plan_year", values="tasks", aggfunc="sum")
by_year
"""),
    ("code", """
by_issuer
"""),
    ("md", """
## Which plans have which sections

A section's `labels` name the kinds of content its heading announces (several joined by
`;`). A plan has a kind when any of its sections carries the label.
"""),
    ("code", """
labels = T.sections.assign(label=T.sections["labels"].fillna("").str.split(";")).explode("label")
labels = labels[labels["label"] != ""]
coverage = pd.crosstab(labels["file"], labels["label"]).gt(0).reindex(T.documents["file"], fill_value=False)
share = coverage.mean().sort_values(ascending=False).rename("share of plans")
has_label = coverage.index[coverage[LABEL]].tolist() if LABEL in coverage else []
lacks_label = [f for f in coverage.index if f not in has_label]
print(f"{LABEL}: in {len(has_label)} of {len(coverage)} plans")
print("without it:", *lacks_label, sep="\\n  ")
coverage
"""),
    ("md", """
## Documents several plans ground themselves in

Documents cited by more than one plan, with the years of the plans citing them.
"""),
    ("code", """
def years(values: pd.Series) -> str:
    return ", ".join(str(int(y)) for y in sorted(set(values.dropna())))


shared = (
    T.citation_edges.merge(plans[["plan_year"]], left_on="doc_id", right_index=True)
    .groupby("key")
    .agg(plans=("doc_id", "nunique"), basis=("relation", lambda r: int((r == "basis").sum())), years=("plan_year", years))
    .query("plans > 1")
    .sort_values("plans", ascending=False)
)
shared
"""),
    ("md", """
## Full-text search over sections

The run's SQLite store (`OUT/plans.sqlite`) indexes every section's heading and text with
FTS5, over a folded copy of the text (lower case, no tone marks, đ → d), so a query typed
without diacritics finds the same sections. Without the store (tables read from Parquet,
a run without `out`) or without FTS5 in Python's SQLite, `search_table` does the same
phrase search over the `sections` table in pandas.
"""),
    ("code", """
import os
import sqlite3

from extractor.tables.sqlite import folded, search_sections


def has_fts5() -> bool:
    try:
        sqlite3.connect(":memory:").execute("CREATE VIRTUAL TABLE t USING fts5(x)")
        return True
    except sqlite3.OperationalError:
        return False


def search_table(query: str) -> pd.DataFrame:
    text = (T.sections["heading"].fillna("") + "\\n" + T.sections["text"].fillna("")).map(folded)
    return T.sections.loc[text.str.contains(folded(query), regex=False), ["doc_id", "file", "path", "heading"]]


def search(query: str) -> pd.DataFrame:
    store = os.path.join(OUT, "plans.sqlite")
    if has_fts5() and os.path.exists(store):
        return search_sections(store, query, limit=1000)
    return search_table(query)


hits = search(QUERY)
hits_plain = search(QUERY_PLAIN)
print(f"{QUERY!r}: {len(hits)} sections in {hits['file'].nunique()} plans; {QUERY_PLAIN!r}: {len(hits_plain)} sections")
hits
"""),
]
