"""SQLite sink: `DIR/plans.sqlite`, the embedded store every run writes.

One SQL table per table, indexes on the join keys (`doc_id`, `file`,
citation `key`), and an FTS5 index over section text. Vietnamese users type
with and without diacritics ("chuyển đổi số" / "chuyen doi so"), and FTS5's
own `remove_diacritics` leaves "đ" alone (it has no decomposition), so the
index holds each section's text twice: as written (`heading`, `text`: what a raw FTS
query with diacritics matches, and what `snippet()` shows) and folded (`folded`: lower
case, no accents, đ → d: what a query typed without diacritics matches). A raw query

    SELECT doc_id, heading FROM sections_fts WHERE sections_fts MATCH 'chuyển đổi số'

finds the same sections as `... MATCH 'chuyen doi so'`; `search_sections` folds the query
and searches the folded column.
"""
from __future__ import annotations

import os
import re
import sqlite3
import unicodedata

import pandas as pd
from .atomic import write_atomic
from .frames import Tables

DB_NAME = "plans.sqlite"
INDEXES = {
    "documents": ["doc_id", "file"],
    "sections": ["doc_id", "file"],
    "citations": ["doc_id", "file", "key", "code"],
    "citation_edges": ["doc_id", "file", "key"],
    "units": ["doc_id", "file", "name"],
    "deadlines": ["doc_id", "file"],
    "tasks": ["doc_id", "file"],
    "targets": ["doc_id", "file"],
    "plan_series": ["series_id", "doc_id"],
    "plan_diffs": ["series_id", "a_doc_id", "b_doc_id"],
    "errors": ["file", "doc_id"],
}


def _strip_table() -> dict[int, int | None]:
    """Every Latin letter with marks → its base letter (đ → d); combining marks → nothing."""
    table: dict[int, int | None] = {ord("đ"): ord("d"), ord("Đ"): ord("D")}
    for cp in list(range(0xC0, 0x250)) + list(range(0x1E00, 0x1F00)):
        base = unicodedata.normalize("NFD", chr(cp))
        if len(base) > 1 and base[0].isascii() and all(unicodedata.category(c) == "Mn" for c in base[1:]):
            table[cp] = ord(base[0])
    for cp in range(0x300, 0x370):
        table[cp] = None
    return table


_STRIP = _strip_table()


def folded(text: str | None) -> str:
    """The search key of a text: lower case, no diacritics, đ → d (one C-level pass per step).

    The same key as `normalize.strip_accents(normalize.fold(text))` for search purposes (both
    tone placements, hoà/hòa, lose their marks), but fast enough for every section of a corpus.
    """
    return unicodedata.normalize("NFC", text or "").lower().translate(_STRIP)


def _write(tables: Tables, path: str) -> None:
    con = sqlite3.connect(path)
    try:
        for name, df in tables.items():
            df.to_sql(name, con, index=False, if_exists="replace")
            for col in INDEXES.get(name, []):
                if col in df.columns:
                    con.execute(f'CREATE INDEX "ix_{name}_{col}" ON "{name}" ("{col}")')
        # the text as written beside its folded copy: a raw query matches either way (module docstring)
        con.execute("CREATE VIRTUAL TABLE sections_fts USING fts5(doc_id UNINDEXED, file UNINDEXED, heading, text, "
                    "folded, tokenize='unicode61 remove_diacritics 2')")
        secs = tables.sections
        con.executemany(
            "INSERT INTO sections_fts(rowid, doc_id, file, heading, text, folded) VALUES (?, ?, ?, ?, ?, ?)",
            ((i + 1, d, f, h, t, folded(f"{h or ''}\n{t or ''}"))
             for i, (d, f, h, t) in enumerate(zip(secs["doc_id"], secs["file"], secs["heading"], secs["text"]))),
        )
        con.commit()
    finally:
        con.close()


def write_sqlite(tables: Tables, out: str) -> list[str]:
    path = os.path.join(out, DB_NAME)
    write_atomic(path, lambda tmp: (os.unlink(tmp), _write(tables, tmp)))
    return [path]


def search_sections(db: str, query: str, limit: int = 20, phrase: bool = True) -> pd.DataFrame:
    """Sections holding the query (as a phrase, or all its words), with or without diacritics.

    `db` is the database file or the run's output folder. Row i of the FTS
    index is row i of `sections` (SQLite rowids start at 1).
    """
    if os.path.isdir(db):
        db = os.path.join(db, DB_NAME)
    words = re.findall(r"\w+", folded(query))
    if not words:
        return pd.DataFrame(columns=["doc_id", "file", "path", "heading", "rank"])
    match = "folded : " + ('"' + " ".join(words) + '"' if phrase else " ".join(f'"{w}"' for w in words))
    con = sqlite3.connect(f"file:{db}?mode=ro", uri=True)
    try:
        return pd.read_sql_query(
            "SELECT s.doc_id, s.file, s.path, s.heading, f.rank AS rank FROM sections_fts f "
            "JOIN sections s ON s.rowid = f.rowid WHERE sections_fts MATCH ? ORDER BY f.rank LIMIT ?",
            con,
            params=(match, limit),
        )
    finally:
        con.close()
