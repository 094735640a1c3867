"""Check citations across a corpus: one document cited with different dates or issuers.

A single plan can be internally consistent and still copy a wrong date; when
several plans cite the same document (same `key`) and disagree, the reading
most plans give is probably right. Each citation that disagrees with another
plan's reading of the same document gets `corpus_conflict`, and every row of
such a document shows the majority reading (`majority_date`, `majority_issuer`).
"""
from __future__ import annotations

from collections import Counter

import pandas as pd

FLAG = "corpus_conflict"


def _majority(values: pd.Series) -> object:
    """The value more plans give than any other; None on a tie (no reading wins)."""
    counts = Counter(v for v in values if isinstance(v, str) and v).most_common()
    if not counts or (len(counts) > 1 and counts[0][1] == counts[1][1]):
        return None
    return counts[0][0]


def _add_flag(issues: object) -> str:
    items = [i for i in str(issues).split(";") if i] if isinstance(issues, str) else list(issues or [])
    if FLAG not in items:
        items.append(FLAG)
    return ";".join(items)


def flag_corpus_conflicts(citations: pd.DataFrame) -> pd.DataFrame:
    """A copy of `citations` (doc_id, key, date, issuer, issues) with corpus conflicts flagged.

    `issues` is a ";"-joined string (as in the citations table) or a list;
    it comes back as a ";"-joined string. Only plans that disagree with
    another plan are flagged; a document cited by one plan never is.
    """
    out = citations.copy()
    out["majority_date"] = None
    out["majority_issuer"] = None
    out["issues"] = [
        ";".join(v) if isinstance(v, (list, tuple)) else ("" if v is None or (isinstance(v, float) and pd.isna(v)) else str(v))
        for v in out["issues"]
    ]
    for _, g in out.groupby("key", sort=False):
        if g["doc_id"].nunique() < 2:
            continue
        maj_date, maj_issuer = _majority(g["date"]), _majority(g["issuer"])
        out.loc[g.index, "majority_date"] = maj_date
        out.loc[g.index, "majority_issuer"] = maj_issuer
        dates = {d for d in g["date"] if isinstance(d, str) and d}
        issuers = {i for i in g["issuer"] if isinstance(i, str) and i}
        if len(dates) < 2 and len(issuers) < 2:
            continue
        for idx, row in g.iterrows():
            # off the majority, or any reading when plans split evenly
            off_date = len(dates) > 1 and isinstance(row["date"], str) and row["date"] != maj_date
            off_issuer = len(issuers) > 1 and isinstance(row["issuer"], str) and row["issuer"] != maj_issuer
            if off_date or off_issuer:
                out.at[idx, "issues"] = _add_flag(out.at[idx, "issues"])
    return out
