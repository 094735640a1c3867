"""Cells of researcher.ipynb: plans compared across issuers and years, section coverage, full-text search."""

CELLS = [
    ("md", """
# Researcher: plans compared across issuers and years

One row per plan with its issuer, year and the size of its content; which kinds of
section (`muc_dich`, `kinh_phi`, `to_chuc_thuc_hien`, …) each plan has; the documents
several plans ground themselves in; and full-text search over the sections, typed with
or without diacritics.
"""),
    ("code", """
# Inputs: plan files, folders or globs, relative to this notebook's folder; the folder the
# tables are written to; a section label to look for; a search phrase, with and without
# diacritics.
CORPUS = ["../corpus/text"]
OUT = "out"
WORKERS = None  # worker processes; None: one per core
LABEL = "kinh_phi"
QUERY = "chuyển đổi số"
QUERY_PLAIN = "chuyen doi so"
""", ["parameters"]),
    ("code", """
import pandas as pd

import extractor

T = extractor.run(CORPUS, out=OUT, workers=WORKERS)  # cached per file in OUT/.cache
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
