"""Cells of analyst.ipynb: a folder of plans to tables, errors, who leads, deadlines by quarter, export."""

CELLS = [
    ("md", """
# Analyst: a folder of plans to tables

Runs the pipeline over every plan in `CORPUS` and works with the tables it returns, one
pandas DataFrame per table, joined by `doc_id`: `documents`, `sections`, `citations`,
`citation_edges`, `units`, `deadlines`, `tasks`, `errors`.

The same run from a shell: `kh-extract run corpus/text --out out --format xlsx`.
"""),
    ("code", """
# Inputs: plan files, folders or globs (any format the pipeline reads), relative to this
# notebook's folder, and the folder the tables are written to.
CORPUS = ["../corpus/text"]
OUT = "out"
WORKERS = None  # worker processes; None: one per core
""", ["parameters"]),
    ("code", """
import pandas as pd

import extractor

# Also writes OUT/<table>.parquet and OUT/plans.sqlite, and caches each file's result in
# OUT/.cache: running the cell again only extracts new or changed files.
T = extractor.run(CORPUS, out=OUT, workers=WORKERS)
sizes = pd.Series({name: len(df) for name, df in T.items()}, name="rows")
sizes
"""),
    ("md", """
## Files that failed

A file the pipeline cannot read or understand does not stop the run: it becomes a row of
`errors` naming the file, the stage that failed and why, and every other file is still in
the tables.
"""),
    ("code", """
print(f"{T.documents['file'].nunique()} plans extracted, {len(T.errors)} files failed")
failed_by_stage = T.errors.groupby("stage")["file"].count().rename("files")
T.errors
"""),
    ("md", """
## Who leads the work

`tasks.lead` names the units a task is given to (several are joined by `;`). One row per
task and lead unit, then per unit: how many tasks it leads, in how many plans.
"""),
    ("code", """
leads = T.tasks.assign(lead=T.tasks["lead"].fillna("").str.split(";")).explode("lead")
leads = leads[leads["lead"] != ""]
tasks_per_lead = (
    leads.groupby("lead")
    .agg(tasks=("id", "size"), plans=("doc_id", "nunique"))
    .sort_values(["tasks", "plans"], ascending=False)
)
no_lead = T.tasks[T.tasks["lead"].fillna("") == ""]
print(f"{len(T.tasks)} tasks, {len(no_lead)} without a lead unit")
tasks_per_lead.head(15)
"""),
    ("md", """
Every unit and the roles the plans give it (`lead`, `cooperate`, `requested`, `report_to`,
`recipient`, `issuer`), counted in plans.
"""),
    ("code", """
roles = pd.crosstab(T.units["name"], T.units["role"])
roles.loc[roles.sum(axis=1).sort_values(ascending=False, kind="stable").index].head(15)
"""),
    ("md", """
## Deadlines by quarter and month

A dated deadline falls in the month of its end: the due date, or the last day of its
period. Dates keep the precision the plan gives (`2024`, `2024-03`, `2024-03-10`), so a
deadline known only by its year is counted by year. Recurring and ongoing deadlines have
no date; they are counted by kind and frequency.
"""),
    ("code", """
dl = T.deadlines.assign(when=T.deadlines["end"].fillna(T.deadlines["start"]))
dated = dl[dl["when"].fillna("").str.len() >= 7].copy()  # year and month known
dated["month"] = pd.to_datetime(dated["when"].str[:7], format="%Y-%m").dt.to_period("M")
dated["quarter"] = dated["month"].dt.asfreq("Q")
by_quarter = dated.groupby("quarter").size().rename("deadlines")
by_month = pd.crosstab(dated["month"], dated["kind"])
year_only = dl[dl["when"].fillna("").str.len() == 4]
undated = dl[dl["when"].isna()].groupby(["kind", "freq"], dropna=False).size().rename("deadlines")
print(f"{len(dated)} deadlines by month, {len(year_only)} by year only, {int(undated.sum())} without a date")
by_quarter
"""),
    ("code", """
by_month
"""),
    ("code", """
undated
"""),
    ("md", """
## Export

`extractor.run(..., out=OUT)` has written every table as Parquet (`OUT/<table>.parquet`)
and the SQLite store (`OUT/plans.sqlite`). Below, the same tables as one Excel workbook
with a sheet per table (`OUT/plans.xlsx`), and this notebook's summaries as a workbook of
their own.
"""),
    ("code", """
import os

from extractor.runner import write_tables

write_tables(T, OUT, "xlsx")
summary_xlsx = os.path.join(OUT, "analyst_summary.xlsx")
with pd.ExcelWriter(summary_xlsx) as xw:
    tasks_per_lead.to_excel(xw, sheet_name="tasks_per_lead")
    by_quarter.rename(index=str).to_excel(xw, sheet_name="deadlines_by_quarter")
    T.errors.to_excel(xw, sheet_name="errors", index=False)
tasks_back = pd.read_parquet(os.path.join(OUT, "tasks.parquet"))
print(f"tasks.parquet: {len(tasks_back)} rows")
sorted(os.listdir(OUT))
"""),
]
