"""The tables written as Parquet, CSV, Excel and SQLite read back the same; SQLite search folds diacritics."""
from __future__ import annotations

import sqlite3

import pandas as pd
import pytest
from openpyxl import load_workbook
from runner_corpus import seeds_copy

from extractor.runner import extract_all, write_tables
from extractor.tables.csv import read_csv
from extractor.tables.excel import read_excel
from extractor.tables.parquet import read_parquet, typed
from extractor.tables.sqlite import folded, search_sections


@pytest.fixture(scope="module")
def tables(tmp_path_factory):
    d = tmp_path_factory.mktemp("c")
    files = seeds_copy(d)
    (d / "bad.txt").write_bytes(b"")
    t, _ = extract_all([str(d)], workers=2)
    assert len(t.documents) == len(files)
    return t


def _same(a: pd.DataFrame, b: pd.DataFrame, blank_is_null: bool = False) -> None:
    """Equal after typing; in Excel (`blank_is_null`) an empty list ("") and a missing value are one cell."""
    a, b = (typed(x).astype(object) for x in (a, b[list(a.columns)]))
    if blank_is_null:
        a, b = (x.replace("", None) for x in (a, b))
    a, b = (x.where(x.notna(), None) for x in (a, b))
    pd.testing.assert_frame_equal(a.reset_index(drop=True), b.reset_index(drop=True), check_dtype=False)


@pytest.mark.parametrize("fmt,read", [("parquet", read_parquet), ("csv", read_csv), ("xlsx", read_excel)])
def test_format_reads_back_the_same_tables(tables, tmp_path, fmt, read):
    written = write_tables(tables, str(tmp_path), fmt)
    assert (tmp_path / "plans.sqlite").exists() and len(written) >= 2
    back = read(str(tmp_path))
    for name, df in tables.items():
        assert name in back
        if df.empty:
            assert back[name].empty
            continue
        _same(df, back[name], blank_is_null=fmt == "xlsx")


def test_partitioned_parquet_reads_back_the_same(tables, tmp_path):
    write_tables(tables, str(tmp_path), "parquet", partitioned=True)
    assert (tmp_path / "parquet" / "sections" / "part-00000.parquet").exists()
    back = read_parquet(str(tmp_path))
    _same(tables.citations, back["citations"])


def test_partitioned_table_has_no_empty_part_before_its_rows(tables, tmp_path):
    """A batch of plans without targets, then one with: the table's parts hold rows (no empty
    part-00000 ahead of them); a table no batch has rows for is still there, empty, with its columns."""
    from extractor.tables.stream import TableWriter

    empty, full = tables.citations.iloc[:0], tables.citations
    with TableWriter(str(tmp_path), "parquet", partitioned=True) as w:
        w.add({"citations": empty, "units": tables.units.iloc[:0]})
        w.add({"citations": full, "units": tables.units.iloc[:0]})
    parts = sorted((tmp_path / "parquet" / "citations").iterdir())
    assert [len(pd.read_parquet(p)) for p in parts] == [len(full)]
    units = pd.read_parquet(tmp_path / "parquet" / "units")
    assert units.empty and list(units.columns) == list(tables.units.columns)


def test_excel_sheets_frozen_header_and_readable_widths(tables, tmp_path):
    write_tables(tables, str(tmp_path), "xlsx")
    wb = load_workbook(tmp_path / "plans.xlsx", read_only=False)
    assert wb.sheetnames == [n for n, _ in tables.items()]
    ws = wb["citations"]
    assert ws.freeze_panes == "A2"
    widths = {ws.cell(1, i).value: ws.column_dimensions[ws.cell(1, i).column_letter].width for i in range(1, ws.max_column + 1)}
    assert widths["text"] > widths["item"] and widths["text"] <= 60


def test_sqlite_tables_indexes_and_search_with_or_without_diacritics(tables, tmp_path):
    write_tables(tables, str(tmp_path), "sqlite")
    db = tmp_path / "plans.sqlite"
    con = sqlite3.connect(db)
    n = {r[0]: con.execute(f'SELECT COUNT(*) FROM "{r[0]}"').fetchone()[0] for r in con.execute("SELECT name FROM sqlite_master WHERE type='table' AND name NOT LIKE 'sections_fts%'")}
    for name, df in tables.items():
        assert n[name] == len(df), name
    indexed = {(r[0], r[1]) for r in con.execute("SELECT name, tbl_name FROM sqlite_master WHERE type='index'")}
    cols = {r[0] for r in con.execute("SELECT sql FROM sqlite_master WHERE type='index' AND tbl_name='citation_edges'")}
    assert any('("key")' in c for c in cols) and any('("doc_id")' in c for c in cols)
    assert ("ix_sections_doc_id", "sections") in indexed
    con.close()
    with_marks = search_sections(str(tmp_path), "chuyển đổi số")
    without = search_sections(str(db), "CHUYEN DOI SO")
    assert len(with_marks) > 0
    assert list(with_marks["doc_id"]) == list(without["doc_id"])
    hit = tables.sections.merge(with_marks[["doc_id", "path"]], on=["doc_id", "path"])
    assert len(hit) == len(with_marks)
    assert all("chuyen doi so" in folded(h + " " + t) for h, t in zip(hit["heading"], hit["text"]))
    assert (tables.sections["text"].map(folded).str.contains("chuyen doi so")).sum() >= len(with_marks)
    assert search_sections(str(db), "đái tháo đường kangaroo").empty


def test_plan_text_never_becomes_a_formula(tmp_path):
    """CSV/Excel injection: a cell opening with = + - @ is text in every sink, and reads back as written."""
    import csv as csvmod

    from extractor.tables.csv import read_csv, write_csv
    from extractor.tables.excel import MAX_CELL, read_excel, write_excel
    from extractor.tables.frames import frames_from_rows

    names = ['=HYPERLINK("http://x","y")', "-Sở Y tế", "@x"]
    texts = ["+1", "x" * (MAX_CELL + 50), "ok"]
    tables = frames_from_rows({"units": [{"doc_id": "d1", "file": "a.txt", "item": i, "name": n, "role": "lead", "text": t}
                                         for i, (n, t) in enumerate(zip(names, texts))]})
    cols = list(tables.units.columns)
    name_col, text_col = cols.index("name"), cols.index("text")
    write_csv(tables, str(tmp_path))
    with open(tmp_path / "units.csv", encoding="utf-8-sig") as f:
        rows = list(csvmod.reader(f))
    assert rows[1][name_col].startswith("'=") and rows[2][name_col] == "'-Sở Y tế" and rows[1][text_col] == "'+1"
    back = read_csv(str(tmp_path))["units"]
    assert list(back["name"]) == names and back["text"][1] == texts[1]
    write_excel(tables, str(tmp_path))
    ws = load_workbook(tmp_path / "plans.xlsx")["units"]
    formula_cell, long_cell = ws.cell(2, name_col + 1), ws.cell(3, text_col + 1)
    assert formula_cell.data_type == "s" and formula_cell.value == names[0]
    assert "cut: 32,817 characters" in long_cell.value and len(long_cell.value) <= MAX_CELL
    assert read_excel(str(tmp_path))["units"]["name"][0] == names[0]


def test_csv_keeps_empty_lists_and_nulls_apart(tmp_path):
    """A plan whose "Nơi nhận" lists nobody ([]) and one with no "Nơi nhận" at all (None), a task with
    no cooperating unit ([]) beside one whose deadline is unknown (None): read back with pandas, as
    README says, each is what it was; texts like "N/A" or one opening with the mark stay texts."""
    from extractor.records import DocInfo, PlanRecord, Task
    from extractor.tables.csv import read_csv, write_csv
    from extractor.tables.frames import to_frames

    tasks = [Task("1", "Tuyên truyền", lead=["Sở Y tế"], cooperate=[], deadline=None),
             Task("2", "N/A", lead=["Sở Y tế", "UBND huyện"], cooperate=["'Hội'"], deadline="")]
    recs = [PlanRecord("a.txt", DocInfo(code="1/KH-UBND", recipients=[]), tasks=tasks, doc_id="a"),
            PlanRecord("b.txt", DocInfo(code="2/KH-UBND", recipients=None, title="null"), doc_id="b")]
    tables = to_frames(recs)
    assert tables.documents["recipients"][0] == "" and pd.isna(tables.documents["recipients"][1])  # as Parquet, SQLite hold them
    write_csv(tables, str(tmp_path))

    plain = pd.read_csv(tmp_path / "documents.csv")  # pandas' defaults: the two still differ
    assert plain["recipients"].tolist()[0] == "'" and pd.isna(plain["recipients"][1])

    def readme(name):  # README's recipe
        df = pd.read_csv(tmp_path / f"{name}.csv", dtype=str, keep_default_na=False, na_values=[""])
        return df.apply(lambda col: col.str.removeprefix("'"))

    for back in (readme("documents"), read_csv(str(tmp_path))["documents"]):
        assert back["recipients"][0] == "" and pd.isna(back["recipients"][1])
        assert back["title"][1] == "null" and pd.isna(back["title"][0])
    for back in (readme("tasks"), read_csv(str(tmp_path))["tasks"]):
        assert back["cooperate"].tolist()[0] == "" and back["cooperate"][1] == "'Hội'"
        assert pd.isna(back["deadline"][0]) and back["deadline"][1] == ""
        assert back["task"].tolist() == ["Tuyên truyền", "N/A"] and back["lead"][1] == "Sở Y tế;UBND huyện"
