"""Fact tables shipped with the extractor (TSV files in this package).

Each ``*.tsv`` file starts with ``#`` comment lines; the lines of the form
``# source: KEY = URL — description`` define the source keys that the
``source`` column of every row refers to (several keys are ``;``-separated).
The first non-comment line is the header row.  Files are UTF-8, NFC, tab
separated.

Loaders are cached with :func:`functools.lru_cache`; treat what they return
as read-only. A file that is missing or malformed raises `DataError`: the tables
are part of the package, so a failure is a broken install, never an input to
skip, and an empty table would silently turn every lookup into "unknown".
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass
from functools import lru_cache
from importlib import resources

__all__ = [
    "DataError",
    "check_tables",
    "Table",
    "read_table",
    "parse_table",
    "checked_rows",
    "doc_types",
    "doc_type_names",
    "doc_type_entries",
    "issuer_codes",
    "abbreviations",
    "provinces",
    "registry",
    "read_registry",
    "org_patterns",
]

_SOURCE_RE = re.compile(r"^#\s*source:\s*(\S+)\s*=\s*(\S+)\s*(?:—\s*(.*))?$")

_COLUMNS = {
    "doc_types.tsv": ("code", "name", "kind", "source"),
    "issuer_codes.tsv": ("code", "name", "level", "source"),
    "abbreviations.tsv": ("abbr", "expansion", "source"),
    "provinces.tsv": ("name", "kind", "abbreviations", "source"),
    "province_merge_2025.tsv": ("old_name", "new_name", "new_kind", "status", "source"),
    "agency_merge_2025.tsv": ("level", "province", "old_name", "new_name", "relation", "functions", "effective",
                              "status", "aliases", "source"),
    "commune_merge_2025.tsv": ("old_province", "old_district", "old_name", "new_name", "status", "source"),
    "org_patterns.tsv": ("kind", "phrase"),
}
ORG_KINDS = ("head", "group_head", "place", "name_phrase", "stop_word", "stop_phrase",
             "group_after_comma", "group_word", "place_group_start", "sub_head", "parent_head", "relative", "new_body")


class DataError(RuntimeError):
    """A data table of the package is missing or malformed (a broken install or a bad edit)."""


@dataclass(frozen=True)
class Table:
    """A parsed TSV file: its declared sources, header and rows."""

    name: str
    sources: dict[str, tuple[str, str]]  # key -> (url, description)
    header: tuple[str, ...]
    rows: tuple[dict[str, str], ...]


def _split(value: str) -> list[str]:
    return [part.strip() for part in value.split(";") if part.strip()]


@lru_cache(maxsize=None)
def read_table(filename: str) -> Table:
    """Parse one of the package's TSV files (comment lines and header skipped); `DataError` if it cannot."""
    path = resources.files(__name__).joinpath(filename)
    try:
        text = path.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError) as e:
        raise DataError(f"data table {filename} cannot be read from {path} ({type(e).__name__}: {e}); "
                        "the package was installed without its data files (pyproject package-data)") from e
    try:
        return _parse(filename, text)
    except ValueError as e:
        raise DataError(f"data table {path} is malformed: {e}") from e


def parse_table(filename: str, text: str) -> Table:
    """`text` parsed as the package table `filename` would be; `DataError` if malformed (tests feed it broken copies)."""
    try:
        return _parse(filename, text)
    except ValueError as e:
        raise DataError(f"data table {filename} is malformed: {e}") from e


def checked_rows(table: Table, allowed: dict[str, tuple[str, ...]], optional: tuple[str, ...] = ()) -> tuple[dict[str, str], ...]:
    """The rows of a fact table, each checked: `DataError` on a cell outside `allowed`, an empty cell of a column not in
    `optional`, or a source key that no `# source:` line declares (a row whose source cannot be followed is no fact)."""
    for n, row in enumerate(table.rows, start=1):
        for col, value in row.items():
            if not value and col not in optional:
                raise DataError(f"{table.name}: row {n} has no {col}: {row}")
            if col in allowed and value and value not in allowed[col]:
                raise DataError(f"{table.name}: row {n}: {col} {value!r} is not one of {allowed[col]}")
        keys = _split(row.get("source", ""))
        missing = [k for k in keys if k not in table.sources]
        if not keys or missing:
            raise DataError(f"{table.name}: row {n} cites no declared source ({missing or 'none'}): {row}")
    return table.rows


def _parse(filename: str, text: str) -> Table:
    text = unicodedata.normalize("NFC", text)
    sources: dict[str, tuple[str, str]] = {}
    header: tuple[str, ...] | None = None
    rows: list[dict[str, str]] = []
    for lineno, raw in enumerate(text.splitlines(), start=1):
        line = raw.rstrip("\r")
        if not line.strip():
            continue
        if line.startswith("#"):
            match = _SOURCE_RE.match(line)
            if match:
                key, url, desc = match.group(1), match.group(2), match.group(3) or ""
                sources[key] = (url, desc.strip())
            continue
        cells = [cell.strip() for cell in line.split("\t")]
        if header is None:
            header = tuple(cells)
            expected = _COLUMNS.get(filename)
            if expected is not None and header != expected:
                raise ValueError(f"{filename}: header {header!r}, expected {expected!r}")
            continue
        if len(cells) != len(header):
            raise ValueError(
                f"{filename}:{lineno}: {len(cells)} cells, header has {len(header)}"
            )
        rows.append(dict(zip(header, cells)))
    if header is None:
        raise ValueError(f"{filename}: no header row")
    return Table(filename, sources, header, tuple(rows))


@lru_cache(maxsize=None)
def doc_type_entries() -> tuple[dict[str, str], ...]:
    """All rows of doc_types.tsv (code, name, kind, source)."""
    return read_table("doc_types.tsv").rows


@lru_cache(maxsize=None)
def doc_types() -> dict[str, str]:
    """Document type name -> abbreviation, plus lower-case name keys.

    When a name has several codes (e.g. party "Quy định" QĐi versus the
    administrative QyĐ) the first row of the file wins: administrative
    (state) rows come first, then normative, then party rows.
    """
    mapping: dict[str, str] = {}
    for row in doc_type_entries():
        mapping.setdefault(row["name"], row["code"])
    for name, code in list(mapping.items()):
        mapping.setdefault(name.lower(), code)
    return mapping


@lru_cache(maxsize=None)
def doc_type_names() -> dict[str, str]:
    """Abbreviation -> document type name (first row of the file wins)."""
    mapping: dict[str, str] = {}
    for row in doc_type_entries():
        mapping.setdefault(row["code"], row["name"])
    return mapping


@lru_cache(maxsize=None)
def issuer_codes() -> dict[str, tuple[str, str]]:
    """Issuer code -> (full name, level)."""
    return {row["code"]: (row["name"], row["level"]) for row in read_table("issuer_codes.tsv").rows}


@lru_cache(maxsize=None)
def abbreviations() -> dict[str, str]:
    """Abbreviation -> expansion."""
    return {row["abbr"]: row["expansion"] for row in read_table("abbreviations.tsv").rows}


@lru_cache(maxsize=None)
def provinces() -> list[dict]:
    """The 63 provinces/cities, one dict each.

    Keys: ``name``, ``kind`` ("tỉnh" | "thành phố"), ``abbreviations`` (a
    comma-separated string, "" when none, e.g. "BR-VT, BRVT"),
    ``abbreviation_list`` (the same as a list) and ``source`` (list of keys).
    """
    out = []
    for row in read_table("provinces.tsv").rows:
        abbrs = _split(row["abbreviations"])
        out.append(
            {
                "name": row["name"],
                "kind": row["kind"],
                "abbreviations": ", ".join(abbrs),
                "abbreviation_list": abbrs,
                "source": _split(row["source"]),
            }
        )
    return out


@lru_cache(maxsize=None)
def org_patterns() -> dict[str, tuple[str, ...]]:
    """The organization-name matcher's lexicon: kind -> phrases in file order (`orgs.py` reads the order)."""
    out: dict[str, list[str]] = {k: [] for k in ORG_KINDS}
    for row in read_table("org_patterns.tsv").rows:
        if row["kind"] not in out:
            raise DataError(f"org_patterns.tsv: unknown kind {row['kind']!r}; the kinds are {ORG_KINDS}")
        out[row["kind"]].append(row["phrase"])
    return {k: tuple(v) for k, v in out.items()}


_REGISTRY_COLUMNS = ("code", "doc_type", "number", "date", "issuer", "title", "source_url")


def read_registry(path: str) -> dict[str, dict[str, str]]:
    """A registry TSV (``#`` comments, header row, one central document a row), keyed by casefolded code."""
    with open(path, encoding="utf-8") as f:
        text = unicodedata.normalize("NFC", f.read())
    header: tuple[str, ...] | None = None
    out: dict[str, dict[str, str]] = {}
    for lineno, line in enumerate(text.splitlines(), start=1):
        if not line.strip() or line.startswith("#"):
            continue
        cells = [c.strip() for c in line.split("\t")]
        if header is None:
            header = tuple(cells)
            if header[: len(_REGISTRY_COLUMNS)] != _REGISTRY_COLUMNS:
                raise ValueError(f"{path}: header {header!r}, expected {_REGISTRY_COLUMNS!r}")
            continue
        if len(cells) != len(header):
            raise ValueError(f"{path}:{lineno}: {len(cells)} cells, header has {len(header)}")
        row = dict(zip(header, cells))
        out[row["code"].casefold()] = row
    return out


@lru_cache(maxsize=None)
def registry() -> dict[str, dict[str, str]]:
    """The registry of central documents (registry.tsv), keyed by casefolded code; `DataError` if it cannot be read."""
    path = resources.files(__name__).joinpath("registry.tsv")
    try:
        return read_registry(str(path))
    except (OSError, UnicodeDecodeError) as e:
        raise DataError(f"data table registry.tsv cannot be read from {path} ({type(e).__name__}: {e}); "
                        "the package was installed without its data files (pyproject package-data)") from e
    except ValueError as e:
        raise DataError(f"data table {path} is malformed: {e}") from e


def check_tables() -> None:
    """Load every table once, so a broken install fails at start-up with `DataError`, not in the first plan."""
    doc_type_entries(), issuer_codes(), abbreviations(), provinces(), registry(), org_patterns()
    for name in ("province_merge_2025.tsv", "agency_merge_2025.tsv", "commune_merge_2025.tsv"):
        read_table(name)  # their rows are checked by the compare loaders (extractor.compare)
