"""Write a run's tables part by part, so the rows of a whole corpus are never in memory at once.

`TableWriter(out, fmt).add(tables)` appends one part of every table (a few hundred
files' rows, in file order) to each sink: a Parquet writer per table (pyarrow, one
row group per part, one schema from `parquet.typed`), one CSV per table, the SQLite
store with its full-text index, or one Parquet file per part and table when
partitioned. Each file is written under a temp name and renamed when the writer
closes, so a failure midway leaves no half table under a table's name. Excel is the
exception: `plans.xlsx` is built at close from all parts (a sheet holds ~1 M rows
at most; big corpora go to Parquet or SQLite).
"""
from __future__ import annotations

import os
import sqlite3
import tempfile
from contextlib import suppress

import pandas as pd

from .frames import Tables
from .parquet import typed

FILES_PER_PART = 500  # a part of a partitioned table; also what a run builds in memory at once


class TableWriter:
    """Sinks of `fmt` (plus `plans.sqlite`, always) in `out`; `add` parts, then `close` (or use `with`)."""

    def __init__(self, out: str, fmt: str = "parquet", partitioned: bool = False):
        from ..runner.run import FORMATS

        if fmt not in FORMATS:
            raise ValueError(f"unknown format {fmt!r} (one of {', '.join(FORMATS)})")
        os.makedirs(out, exist_ok=True)
        self.out, self.fmt, self.partitioned = out, fmt, partitioned
        self._tmp: dict[str, str] = {}  # final path -> temp path
        self._pq: dict[str, object] = {}  # table -> pyarrow ParquetWriter
        self._csv: dict[str, object] = {}  # table -> open file
        self._parts: dict[str, int] = {}
        self._xlsx: list[Tables] = []
        self._seen: set[str] = set()  # tables with at least one part written
        self._empty: dict[str, pd.DataFrame] = {}  # partitioned tables seen empty: their schema, for close
        self._sections = 0
        self.paths: list[str] = []
        from .sqlite import DB_NAME

        self._db = sqlite3.connect(self._temp(os.path.join(out, DB_NAME)))
        self._db.execute("CREATE VIRTUAL TABLE sections_fts USING fts5(doc_id UNINDEXED, file UNINDEXED, heading, "
                         "text, folded, tokenize='unicode61 remove_diacritics 2')")

    def _temp(self, path: str) -> str:
        fd, tmp = tempfile.mkstemp(dir=os.path.dirname(path), prefix=".tmp-", suffix=os.path.splitext(path)[1])
        os.close(fd)
        if path.endswith(".sqlite"):
            os.unlink(tmp)  # sqlite makes its own file
        self._tmp[path] = tmp
        return tmp

    def add(self, tables: Tables) -> None:
        """One part of every table: rows of files that sort after those of the parts before."""
        for name, df in tables.items():
            if df.empty and name in self._seen:
                continue
            t = typed(df)
            self._sqlite(name, t)
            if self.fmt == "parquet" and self.partitioned:
                self._part(name, t)
            elif self.fmt == "parquet":
                self._parquet(name, t)
            elif self.fmt == "csv":
                self._csv_rows(name, t)
            if not df.empty:
                self._seen.add(name)
        if self.fmt == "xlsx":
            self._xlsx.append(tables)

    def _sqlite(self, name: str, df: pd.DataFrame) -> None:
        from .sqlite import folded

        if df.empty and name in self._seen | {n for n, in self._db.execute("SELECT name FROM sqlite_master")}:
            return
        df.to_sql(name, self._db, index=False, if_exists="append")
        if name == "sections" and not df.empty:
            rows = zip(df["doc_id"], df["file"], df["heading"], df["text"])
            self._db.executemany(
                "INSERT INTO sections_fts(rowid, doc_id, file, heading, text, folded) VALUES (?, ?, ?, ?, ?, ?)",
                ((self._sections + i + 1, _none(d), _none(f), _none(h), _none(t), folded(f"{_str(h)}\n{_str(t)}"))
                 for i, (d, f, h, t) in enumerate(rows)))
            self._sections += len(df)

    def _parquet(self, name: str, df: pd.DataFrame) -> None:
        import pyarrow as pa
        import pyarrow.parquet as pq

        if df.empty and name in self._pq:
            return
        table = pa.Table.from_pandas(df, preserve_index=False)
        w = self._pq.get(name)
        if w is None:
            w = self._pq[name] = pq.ParquetWriter(self._temp(os.path.join(self.out, f"{name}.parquet")), table.schema)
        elif df.empty:
            return
        w.write_table(table.cast(w.schema))

    def _part(self, name: str, df: pd.DataFrame) -> None:
        if df.empty:  # kept for close: an empty part is written only for a table no part has rows of
            self._empty.setdefault(name, df)
            return
        self._part_files(name, _split(df))

    def _part_files(self, name: str, parts: list[pd.DataFrame]) -> None:
        from .atomic import write_atomic

        d = os.path.join(self.out, "parquet", name)
        os.makedirs(d, exist_ok=True)
        for part in parts:
            n = self._parts.get(name, 0)
            path = os.path.join(d, f"part-{n:05d}.parquet")
            write_atomic(path, lambda tmp, part=part: part.to_parquet(tmp, index=False))
            self._parts[name] = n + 1
            self.paths.append(path)

    def _csv_rows(self, name: str, df: pd.DataFrame) -> None:
        from .csv import defuse

        f = self._csv.get(name)
        first = f is None
        if first:
            f = self._csv[name] = open(self._temp(os.path.join(self.out, f"{name}.csv")), "w", encoding="utf-8-sig", newline="")
        elif df.empty:
            return
        defuse(df).to_csv(f, index=False, header=first, lineterminator="\n")

    def close(self) -> list[str]:
        """Indexes, then every file renamed to its name; returns the paths written."""
        from .sqlite import DB_NAME, INDEXES

        for name in INDEXES:
            cols = {r[1] for r in self._db.execute(f'PRAGMA table_info("{name}")')}
            for col in INDEXES[name]:
                if col in cols:
                    self._db.execute(f'CREATE INDEX IF NOT EXISTS "ix_{name}_{col}" ON "{name}" ("{col}")')
        self._db.commit()
        self._db.close()
        for name, df in self._empty.items():
            if not self._parts.get(name):  # no rows in any part: one empty part keeps the table and its columns
                self._part_files(name, [df])
        for w in self._pq.values():
            w.close()
        for f in self._csv.values():
            f.close()
        if self._xlsx:
            from .excel import write_excel

            self.paths += write_excel(concat_tables(self._xlsx), self.out)
        done = [os.path.join(self.out, DB_NAME)]
        done += [p for p in self._tmp if p not in done]
        for path in done:
            os.chmod(self._tmp[path], 0o666 & ~_umask())
            os.replace(self._tmp[path], path)
        self._tmp.clear()
        self.paths = done + self.paths
        return self.paths

    def abort(self) -> None:
        """Close everything and remove the temp files (a fault midway: no table is left half-written)."""
        with suppress(Exception):
            self._db.close()
        for closer in [*self._pq.values(), *self._csv.values()]:
            with suppress(Exception):
                closer.close()
        for tmp in self._tmp.values():
            with suppress(FileNotFoundError):
                os.unlink(tmp)
        self._tmp.clear()

    def __enter__(self) -> TableWriter:
        return self

    def __exit__(self, kind, exc, tb) -> None:
        if kind is None:
            self.close()
        else:
            self.abort()


def _none(v):
    return None if v is None or v is pd.NA or (isinstance(v, float) and v != v) else v


def _str(v) -> str:
    v = _none(v)
    return "" if v is None else str(v)


def _split(df: pd.DataFrame, files_per_part: int = FILES_PER_PART) -> list[pd.DataFrame]:
    """A table's rows in parts by file, so a document's rows stay in one part."""
    if df.empty:
        return [df]
    files = list(dict.fromkeys(df["file"]))
    return [df[df["file"].isin(set(files[i:i + files_per_part]))] for i in range(0, len(files), files_per_part)]


def concat_tables(parts: list[Tables]) -> Tables:
    """Parts back into whole tables (Excel, and callers that want the tables in memory)."""
    out = {}
    for name in Tables.names():
        frames = [getattr(t, name) for t in parts]
        full = [f for f in frames if not f.empty]
        out[name] = pd.concat(full, ignore_index=True) if full else frames[0]
    return Tables(**out)


def _umask() -> int:
    mask = os.umask(0)
    os.umask(mask)
    return mask
