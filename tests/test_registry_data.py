"""Checks on extractor/data/registry.tsv, the curated registry of central documents.

The registry is what `registry_conflict` and `registry_title` are checked against, so
a wrong row would make the extractor flag correct citations: every row must be a
well-formed, normalized code (SCHEMA.md §3) whose parts agree with its own columns.
"""

from __future__ import annotations

import datetime as dt
import re
import unicodedata
from importlib import resources

import pytest

from extractor.data import issuer_codes

COLUMNS = ("code", "doc_type", "number", "date", "issuer", "title", "source_url")

# SCHEMA.md §7 type codes.
SCHEMA_TYPES = {
    "HP", "BL", "L", "PL", "NQ", "NĐ", "QĐ", "CT", "TT", "TTLT", "QC", "QyĐ", "TB",
    "HD", "CTr", "KH", "PA", "ĐA", "DA", "BC", "TTr", "CV", "CĐ", "VBHN", "KL",
}

_NUM = r"(?P<number>\d+[a-z]?)"
# 61/2018/NĐ-CP, 76/NQ-CP, 23/VBHN-VPQH: number[/year]/TYPE-ISSUER
STATE_RE = re.compile(_NUM + r"(?:/(?P<year>\d{4}))?/(?P<type>[A-Za-zĐđ]+)-(?P<issuer>[A-Za-zĐđ]+)")
# 80/2015/QH13: laws and resolutions of the National Assembly carry no type part
QH_RE = re.compile(_NUM + r"/(?P<year>\d{4})/(?P<issuer>QH\d{2})")
# 52-NQ/TW: party documents put the type after the number
PARTY_RE = re.compile(_NUM + r"-(?P<type>[A-Za-zĐđ]+)/(?P<issuer>[A-Za-zĐđ]+)")
QH_TYPES = {"L", "BL", "NQ", "HP"}


def _rows() -> tuple[list[str], list[dict[str, str]]]:
    text = resources.files("extractor.data").joinpath("registry.tsv").read_text(encoding="utf-8")
    lines = text.splitlines()
    comments = [line for line in lines if line.startswith("#")]
    body = [line for line in lines if line.strip() and not line.startswith("#")]
    header = tuple(body[0].split("\t"))
    assert header == COLUMNS, header
    rows = []
    for line in body[1:]:
        cells = line.split("\t")
        assert len(cells) == len(COLUMNS), line
        rows.append(dict(zip(COLUMNS, cells)))
    return comments, rows


COMMENTS, ROWS = _rows()


def _parse(code: str) -> tuple[re.Match, str]:
    for kind, pattern in (("state", STATE_RE), ("qh", QH_RE), ("party", PARTY_RE)):
        match = pattern.fullmatch(code)
        if match:
            return match, kind
    raise AssertionError(f"not a normalized code: {code!r}")


def test_file_header_and_size():
    assert COMMENTS[0].startswith("# registry"), COMMENTS[0]
    assert any(line.startswith("# source:") for line in COMMENTS)
    assert len(ROWS) >= 60, len(ROWS)


def test_codes_unique():
    codes = [row["code"] for row in ROWS]
    duplicates = sorted({code for code in codes if codes.count(code) > 1})
    assert not duplicates, duplicates


@pytest.mark.parametrize("row", ROWS, ids=lambda row: row["code"])
def test_cells_are_clean_nfc_text(row):
    for column, value in row.items():
        assert value, (column, row)
        assert value == value.strip(), (column, row)
        assert unicodedata.normalize("NFC", value) == value, (column, row)
        assert "  " not in value, (column, row)


@pytest.mark.parametrize("row", ROWS, ids=lambda row: row["code"])
def test_code_is_normalized(row):
    code = row["code"]
    assert not re.search(r"\s", code), code
    assert "--" not in code and not code.startswith("-") and not code.endswith("-"), code
    _parse(code)


@pytest.mark.parametrize("row", ROWS, ids=lambda row: row["code"])
def test_columns_agree_with_code(row):
    match, kind = _parse(row["code"])
    assert row["doc_type"] in SCHEMA_TYPES, row
    assert row["number"] == match["number"], row
    if kind == "qh":
        assert row["doc_type"] in QH_TYPES, row
    else:
        assert row["doc_type"] == match["type"], row


@pytest.mark.parametrize("row", ROWS, ids=lambda row: row["code"])
def test_date_is_real_and_matches_code_year(row):
    assert re.fullmatch(r"\d{4}-\d{2}-\d{2}", row["date"]), row
    date = dt.date.fromisoformat(row["date"])  # raises on 2021-02-30
    match, _ = _parse(row["code"])
    year = match.groupdict().get("year")
    if year:
        assert int(year) == date.year, row


@pytest.mark.parametrize("row", ROWS, ids=lambda row: row["code"])
def test_issuer_agrees_with_code_issuer_part(row):
    """A state code's issuer part names the body (CP → Chính phủ, QH13 → Quốc hội)."""
    match, kind = _parse(row["code"])
    if kind == "party":  # -/TW is used by several central party bodies
        return
    part = "QH" if kind == "qh" else match["issuer"]
    known = issuer_codes()
    assert part in known, (part, row)
    assert row["issuer"] == known[part][0], row


@pytest.mark.parametrize("row", ROWS, ids=lambda row: row["code"])
def test_row_cites_a_web_page_and_has_a_title(row):
    assert re.match(r"https?://[^\s/]+\.[^\s/]+", row["source_url"]), row
    assert len(row["title"]) >= 5, row
