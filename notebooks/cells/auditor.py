"""Cells of auditor.ipynb: what each plan cites, most cited, flagged citations, corpus conflicts, one code, HTML."""

CELLS = [
    ("md", """
# Auditor: what the plans cite, and what looks wrong

Every document a plan cites (decrees, decisions, directives, other plans), the issues the
pipeline found in each citation, the registry of central documents, and disagreements
between plans citing the same document.

From a shell, after `kh-extract run corpus/text --out out`:
`kh-extract citations out --top 10 --flagged`, `kh-extract citations out --code 749/QĐ-TTg`,
and `kh-extract extract PLAN --format html --out out` for one plan with its citations marked.
"""),
    ("code", """
# Inputs: plan files, folders or globs, relative to this notebook's folder; the folder the
# tables are written to; and a số/ký hiệu to look up, written any way a plan writes it.
CORPUS = ["../corpus/text"]
OUT = "out"
WORKERS = None  # worker processes; None: one per core
CODE = "749/QĐTTg"
""", ["parameters"]),
    ("code", """
import pandas as pd

import extractor
from extractor.cli_citations import citing, top
from extractor.nlp.citations.corpus_check import flag_corpus_conflicts

T = extractor.run(CORPUS, out=OUT, workers=WORKERS)  # cached per file in OUT/.cache
cits, edges = T.citations, T.citation_edges
print(f"{len(edges)} citations in {T.documents['file'].nunique()} plans, {edges['key'].nunique()} distinct documents")
"""),
    ("md", """
## What each plan cites

One row per plan, plans citing nothing included: how many documents it cites as its
grounds (`basis`: Căn cứ…, Thực hiện…) and otherwise (`mention`), and which. A document
cited by name (a law) has no code; it shows as its `key` (type|name|date).
"""),
    ("code", """
def joined(values: pd.Series) -> str:
    return ", ".join(sorted(set(values)))


cited = edges.assign(doc=edges["code"].fillna(edges["key"]))
counts = cited.pivot_table(index="doc_id", columns="relation", values="doc", aggfunc="count", fill_value=0)
lists = cited.pivot_table(index="doc_id", columns="relation", values="doc", aggfunc=joined, fill_value="")
per_plan = (
    T.documents.set_index("doc_id")[["file", "code"]]
    .join(counts.add_prefix("n_"))
    .join(lists)
    .fillna({**{f"n_{c}": 0 for c in counts}, **{c: "" for c in lists}})
    .astype({f"n_{c}": int for c in counts})
)
per_plan
"""),
    ("md", """
## Most cited documents

Counted in plans (a plan citing a document three times counts once). `registry_title` is
the official title when the registry of central documents knows the document.
"""),
    ("code", """
most_cited = top(edges, 10)
most_cited
"""),
    ("md", """
## Flagged citations

`issues` (several joined by `;`): `malformed_code`, `issuer_mismatch`, `conflicting_dates`,
`year_mismatch`, `invalid_date`, `type_mismatch`, and `registry_conflict` when the date a
plan gives disagrees with the registry's. `context` is the sentence around the first
mention, to check against the plan itself.
"""),
    ("code", """
cols = ["file", "code", "date", "issuer", "issues", "registry_title", "context"]
flagged = cits.loc[cits["issues"].fillna("") != "", cols]
issue_counts = flagged["issues"].str.split(";").explode().value_counts()
in_registry = cits.loc[cits["registry_title"].notna(), ["file", "code", "date", "registry_title", "issues"]]
registry_conflicts = in_registry[in_registry["issues"].fillna("").str.contains("registry_conflict", regex=False)]
print(f"{len(flagged)} flagged citations; {len(in_registry)} in the registry, "
      f"{len(registry_conflicts)} with a date that disagrees with it")
issue_counts
"""),
    ("code", """
flagged
"""),
    ("code", """
in_registry
"""),
    ("md", """
## Conflicts across the corpus

When several plans cite one document (same `key`) and disagree on its date or issuer, the
reading most plans give is probably right: the others get `corpus_conflict`, and every
row of that document shows `majority_date` and `majority_issuer`. A document cited by
one plan only is never flagged.
"""),
    ("code", """
checked = flag_corpus_conflicts(cits)
conflict_cols = ["file", "key", "date", "issuer", "majority_date", "majority_issuer", "context"]
conflicts = checked.loc[checked["issues"].str.contains("corpus_conflict", regex=False), conflict_cols]
print(f"{len(conflicts)} citations disagree with another plan's reading of the same document")
conflicts
"""),
    ("md", """
## The plans citing one document

`CODE` is normalized as the pipeline normalizes codes (`749/QĐTTg` finds `749/QĐ-TTg`).
"""),
    ("code", """
plan_cols = T.documents[["doc_id", "issuer", "date", "plan_year"]].rename(
    columns={"issuer": "plan_issuer", "date": "plan_date"}
)
citing_plans = citing(cits, CODE).merge(plan_cols, on="doc_id", how="left")
citing_plans
"""),
    ("md", """
## One plan with its citations marked

The plan's text as an HTML page: every mention of a cited document is marked (flagged
ones in red); hovering shows the fields read from it. Here, the plan citing the most
documents.
"""),
    ("code", """
from pathlib import Path

from extractor.nlp.citations.highlight import highlight_file

PLAN = edges.groupby("file")["key"].nunique().idxmax() if len(edges) else T.documents["file"].iloc[0]
html_path = Path(OUT) / (Path(PLAN).stem + ".html")
html_path.write_text(highlight_file(PLAN), encoding="utf-8")
try:
    from IPython.display import IFrame, display

    display(IFrame(str(html_path), width="100%", height=500))
except ImportError:  # outside Jupyter
    print(f"open {html_path} in a browser")
"""),
]
