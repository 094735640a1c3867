"""Plan series: plans of one issuer on one subject over the years, each linked to the one before.

A link is `cites` when the later plan cites the earlier one by its code (and the
year of its date), else `similar` when their titles and outlines are alike: TF-IDF
over character n-grams of the subject (the title without years, issuer and place;
repeated so its words weigh more) and the section headings, cosine ≥ `THRESHOLD`.

Only plans of the same `issuer_key` are compared (blocking), so the work grows with
the size of each issuer's block, not with the square of the corpus. Before the
2025 merger two old provinces were different issuers even though their key is the
new province's: a link between them needs the later plan to be from after 1 July 2025.
Likewise two bodies that the 2025 reorganisation of agencies made one (Sở Tài nguyên và
Môi trường and Sở Nông nghiệp và PTNT → Sở Nông nghiệp và Môi trường): one key, but a link
between different written bodies needs the later plan to be of the merged body (dated
on or after the move, or signed by a name that did not exist before). A series is a
chain, so when two old bodies' series could both continue, the merged body's plan
continues the more alike one (its subject) and the other series ends.
"""
from __future__ import annotations

import re
from dataclasses import dataclass

import pandas as pd

from ..normalize import fold
from . import agencies
from .issuers import _plain
from .plans import Plan

THRESHOLD = 0.5
MERGER_YEAR = 2025  # plans for 2026 and later are of the merged provinces (NQ 202/2025/QH15, from 1 July 2025)
SUBJECT_WEIGHT = 3
COLUMNS = ["series_id", "doc_id", "file", "issuer", "issuer_key", "subject", "plan_year", "prev_doc_id", "prev_file",
           "link_reason", "similarity", "level"]

_FILLER = re.compile(r"\b(?:kế hoạch|triển khai|công tác|về việc|về|việc)\b|\bthông tin,\s*(?=tuyên truyền)")
_YEARS = re.compile(r"\b(?:giai đoạn|năm học|năm)?\s*20\d\d(?:\s*[-–]\s*20\d\d)?\b")
_OWNER = re.compile(r"\s(?:của|tại|trên địa bàn|thuộc)\s.*$")


def subject_of(title: str | None) -> str:
    """The subject a title names, the same for every issuer and year:
    "Công tác thông tin, tuyên truyền công tác cải cách hành chính năm 2023 của Sở Y tế tỉnh …"
    and "Tuyên truyền cải cách hành chính trên địa bàn thành phố Vũng Tàu năm 2024" are both
    "tuyên truyền cải cách hành chính"."""
    s = fold(title or "")
    s = _YEARS.sub(" ", s)
    s = _OWNER.sub("", " " + s)
    s = _FILLER.sub(" ", s)
    return re.sub(r"\s+", " ", s).strip(" ,;:.-")


@dataclass
class Link:
    prev: int | None
    reason: str | None
    similarity: float | None


def _linkable(a: Plan, b: Plan) -> bool:
    """May `a` (earlier) precede `b`? Later year; one issuer at the time (old provinces before the merger)."""
    if a.plan_year is None or b.plan_year is None or a.plan_year >= b.plan_year:
        return False
    if b.key.level == "unknown" and b.key.province_now is None:  # "Sở Y tế" of no known province: too vague
        return False
    if a.key.province and b.key.province and _plain(a.key.province) != _plain(b.key.province):
        return b.plan_year > MERGER_YEAR
    if a.key.body != b.key.body:  # one key through the 2025 reorganisation of agencies or communes
        since = max(a.key.since or "", b.key.since or "")
        return bool(since) and _after(b, since)
    return True


def _after(b: Plan, since: str) -> bool:
    """Is `b` from the merged body: dated on/after `since`, for a later year, or signed by a name new in 2025?"""
    if b.date and re.match(r"^\d{4}-\d\d-\d\d", b.date):
        return b.date[:10] >= since
    return (b.plan_year or 0) > int(since[:4]) or bool(agencies.new_only().search(b.key.body))


def _code(code: str | None) -> str:
    return fold(code or "").replace(" ", "")


def _cited(p: Plan) -> dict[str, set[str]]:
    """Codes `p` cites → the years given with them ("" when none)."""
    out: dict[str, set[str]] = {}
    for c in p.citations:
        if c.get("code"):
            out.setdefault(_code(c["code"]), set()).add((c.get("date") or "")[:4])
    return out


def _cites(cited: dict[str, set[str]], a: Plan) -> bool:
    """Does a plan citing `cited` cite `a` (its code, and the year of its date when both give one)?"""
    if not a.code or a.code.startswith("/"):
        return False
    years = cited.get(_code(a.code))
    year = (a.date or "")[:4]
    return years is not None and (not year or "" in years or year in years)


def _texts(plans: list[Plan]) -> list[str]:
    out = []
    for p in plans:
        subj = subject_of(p.title)
        heads = " ".join(fold(s.get("heading") or "") for s in p.sections)
        out.append(" ".join([subj] * SUBJECT_WEIGHT) + " " + _YEARS.sub(" ", heads))
    return out


def link_series(plans: list[Plan]) -> pd.DataFrame:
    """The `plan_series` table: one row per plan, its series, and the plan before it."""
    from sklearn.feature_extraction.text import TfidfVectorizer

    if not plans:
        return pd.DataFrame(columns=COLUMNS)
    texts = _texts(plans)
    vec = TfidfVectorizer(analyzer="char_wb", ngram_range=(2, 4), sublinear_tf=False, min_df=1)
    X = vec.fit_transform(texts)  # rows are L2-normalised: a dot product is the cosine
    blocks: dict[str, list[int]] = {}
    for i, p in enumerate(plans):
        if p.key.key:
            blocks.setdefault(p.key.key, []).append(i)
    links = {i: Link(None, None, None) for i in range(len(plans))}
    for idx in blocks.values():
        if len(idx) < 2:
            continue
        sims = (X[idx] @ X[idx].T).toarray()
        order = sorted(range(len(idx)),
                       key=lambda k: (plans[idx[k]].plan_year or 0, plans[idx[k]].date or "", plans[idx[k]].file))
        taken: set[int] = set()
        for kb in order:
            b = plans[idx[kb]]
            cands = [ka for ka in order if ka != kb and ka not in taken and _linkable(plans[idx[ka]], b)]
            cites = _cited(b)
            cited = [ka for ka in cands if _cites(cites, plans[idx[ka]])] if cites else []
            if cited:
                ka = max(cited, key=lambda k: (plans[idx[k]].plan_year, sims[k, kb]))
                links[idx[kb]] = Link(idx[ka], "cites", float(sims[ka, kb]))
            else:
                near = [ka for ka in cands if sims[ka, kb] >= THRESHOLD]
                if not near:
                    continue
                ka = max(near, key=lambda k: (plans[idx[k]].plan_year, sims[k, kb]))
                links[idx[kb]] = Link(idx[ka], "similar", float(sims[ka, kb]))
            taken.add(ka)
    return _table(plans, links)


def _table(plans: list[Plan], links: dict[int, Link]) -> pd.DataFrame:
    head: dict[int, int] = {}

    def root(i: int) -> int:
        seen = []
        while links[i].prev is not None and i not in head:
            seen.append(i)
            i = links[i].prev
        r = head.get(i, i)
        for s in seen:
            head[s] = r
        return r

    roots = sorted({root(i) for i in range(len(plans))},
                   key=lambda r: (plans[r].key.key, plans[r].plan_year or 0, plans[r].file))
    sid = {r: f"S{n + 1:04d}" for n, r in enumerate(roots)}
    rows = []
    for i, p in enumerate(plans):
        lk = links[i]
        prev = plans[lk.prev] if lk.prev is not None else None
        rows.append({"series_id": sid[root(i)], "doc_id": p.doc_id, "file": p.file, "issuer": p.issuer,
                     "issuer_key": p.key.key, "subject": subject_of(p.title), "plan_year": p.plan_year,
                     "prev_doc_id": prev.doc_id if prev else None, "prev_file": prev.file if prev else None,
                     "link_reason": lk.reason, "similarity": round(lk.similarity, 4) if lk.similarity is not None else None,
                     "level": p.key.level})
    df = pd.DataFrame(rows, columns=COLUMNS)
    return df.sort_values(["series_id", "plan_year", "file"], kind="stable").reset_index(drop=True)
