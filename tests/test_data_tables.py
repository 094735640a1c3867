"""Checks on the fact tables in extractor/data/*.tsv and their loaders."""

from __future__ import annotations

import unicodedata
from collections import Counter
from importlib import resources

import pytest

import extractor.data as data

FILES = {
    "doc_types.tsv": ("code", "name", "kind", "source"),
    "issuer_codes.tsv": ("code", "name", "level", "source"),
    "abbreviations.tsv": ("abbr", "expansion", "source"),
    "provinces.tsv": ("name", "kind", "abbreviations", "source"),
    "province_merge_2025.tsv": ("old_name", "new_name", "new_kind", "status", "source"),
    "agency_merge_2025.tsv": ("level", "province", "old_name", "new_name", "relation", "functions", "effective",
                              "status", "aliases", "source"),
    "commune_merge_2025.tsv": ("old_province", "old_district", "old_name", "new_name", "status", "source"),
}
OPTIONAL = {"abbreviations", "functions", "aliases"}  # columns a row may leave empty

KEY_COLUMNS = {
    "doc_types.tsv": ("code", "name", "kind"),
    "issuer_codes.tsv": ("code",),
    "abbreviations.tsv": ("abbr",),
    "provinces.tsv": ("name",),
    "province_merge_2025.tsv": ("old_name",),
    "agency_merge_2025.tsv": ("level", "province", "old_name", "new_name"),
    "commune_merge_2025.tsv": ("old_province", "old_district", "old_name"),
}


def _raw(filename: str) -> str:
    return resources.files("extractor.data").joinpath(filename).read_text(encoding="utf-8")


@pytest.mark.parametrize("filename", sorted(FILES))
def test_file_parses_with_expected_header(filename):
    table = data.read_table(filename)
    assert table.header == FILES[filename]
    assert table.rows, filename
    for row in table.rows:
        for column in FILES[filename]:
            if column not in OPTIONAL:
                assert row[column], (filename, row)


@pytest.mark.parametrize("filename", sorted(FILES))
def test_file_is_nfc_utf8_with_tabs(filename):
    text = _raw(filename)
    assert text == unicodedata.normalize("NFC", text)
    assert "\r" not in text
    for line in text.splitlines():
        if line and not line.startswith("#"):
            assert line.count("\t") == len(FILES[filename]) - 1, line
            assert line == line.strip(), line


@pytest.mark.parametrize("filename", sorted(FILES))
def test_no_duplicate_keys(filename):
    table = data.read_table(filename)
    keys = Counter(tuple(row[c] for c in KEY_COLUMNS[filename]) for row in table.rows)
    dupes = [k for k, n in keys.items() if n > 1]
    assert not dupes, dupes


@pytest.mark.parametrize("filename", sorted(FILES))
def test_every_row_cites_a_declared_source(filename):
    table = data.read_table(filename)
    assert table.sources, f"{filename}: no '# source:' lines"
    for key, (url, description) in table.sources.items():
        assert url.startswith(("http://", "https://")), (key, url)
        assert description, key
    used = set()
    for row in table.rows:
        keys = [k.strip() for k in row["source"].split(";") if k.strip()]
        assert keys, row
        for key in keys:
            assert key in table.sources, (filename, key, row)
            used.add(key)
    unused = set(table.sources) - used
    assert not unused, f"{filename}: sources declared but never cited: {sorted(unused)}"


def test_allowed_values():
    for row in data.doc_type_entries():
        assert row["kind"] in {"state", "party", "normative"}, row
    for code, (_name, level) in data.issuer_codes().items():
        assert level in {"central", "province", "district", "commune", "party", "department"}, code
    for p in data.provinces():
        assert p["kind"] in {"tỉnh", "thành phố"}, p


def test_dashes_in_names_are_spaced_hyphens():
    names = [name for name, _ in data.issuer_codes().values()]
    names += [p["name"] for p in data.provinces()]
    names += list(data.abbreviations().values())
    for name in names:
        assert "\u2013" not in name and "\u2014" not in name, name
        stripped = name.replace(" - ", "")
        assert "-" not in stripped, name


STATE_CODES = {
    "Nghị quyết": "NQ", "Quyết định": "QĐ", "Chỉ thị": "CT", "Quy chế": "QC",
    "Quy định": "QyĐ", "Thông cáo": "TC", "Thông báo": "TB", "Hướng dẫn": "HD",
    "Chương trình": "CTr", "Kế hoạch": "KH", "Phương án": "PA", "Đề án": "ĐA",
    "Dự án": "DA", "Báo cáo": "BC", "Biên bản": "BB", "Tờ trình": "TTr",
    "Hợp đồng": "HĐ", "Công điện": "CĐ", "Bản ghi nhớ": "BGN",
    "Bản thỏa thuận": "BTT", "Giấy ủy quyền": "GUQ", "Giấy mời": "GM",
    "Giấy giới thiệu": "GGT", "Giấy nghỉ phép": "GNP", "Phiếu gửi": "PG",
    "Phiếu chuyển": "PC", "Phiếu báo": "PB", "Bản sao y": "SY",
    "Bản trích sao": "TrS", "Bản sao lục": "SL",
}
NORMATIVE_CODES = {
    "Nghị định": "NĐ", "Thông tư": "TT", "Thông tư liên tịch": "TTLT",
    "Pháp lệnh": "PL", "Văn bản hợp nhất": "VBHN", "Nghị quyết": "NQ", "Quyết định": "QĐ",
}
PARTY_CODES = {
    ("NQ", "Nghị quyết"), ("CT", "Chỉ thị"), ("KL", "Kết luận"), ("CTr", "Chương trình"),
    ("QĐi", "Quy định"), ("HD", "Hướng dẫn"), ("BC", "Báo cáo"), ("KH", "Kế hoạch"),
    ("TB", "Thông báo"),
}


def _entries(kind):
    return {(r["code"], r["name"]) for r in data.doc_type_entries() if r["kind"] == kind}


def test_doc_type_codes_present():
    state = _entries("state")
    for name, code in STATE_CODES.items():
        assert (code, name) in state, (code, name)
    normative = _entries("normative")
    for name, code in NORMATIVE_CODES.items():
        assert (code, name) in normative, (code, name)
    assert PARTY_CODES <= _entries("party")


def test_doc_type_loaders():
    names = data.doc_types()
    for name, code in STATE_CODES.items():
        assert names[name] == code
        assert names[name.lower()] == code
    assert names["Nghị định"] == "NĐ"
    assert names["thông tư liên tịch"] == "TTLT"
    assert names["Kết luận"] == "KL"
    codes = data.doc_type_names()
    assert codes["QyĐ"] == "Quy định"
    assert codes["QĐ"] == "Quyết định"
    assert codes["QĐi"] == "Quy định"
    assert codes["TT"] == "Thông tư"
    assert codes["VBHN"] == "Văn bản hợp nhất"
    assert codes["TC"] == "Thông cáo"


ISSUERS = {
    "CP": ("Chính phủ", "central"),
    "TTg": ("Thủ tướng Chính phủ", "central"),
    "QH": ("Quốc hội", "central"),
    "UBTVQH": ("Ủy ban Thường vụ Quốc hội", "central"),
    "CTN": ("Chủ tịch nước", "central"),
    "VPCP": ("Văn phòng Chính phủ", "central"),
    "TTCP": ("Thanh tra Chính phủ", "central"),
    "NHNN": ("Ngân hàng Nhà nước Việt Nam", "central"),
    "UBDT": ("Ủy ban Dân tộc", "central"),
    "BTC": ("Bộ Tài chính", "central"),
    "BNV": ("Bộ Nội vụ", "central"),
    "BTTTT": ("Bộ Thông tin và Truyền thông", "central"),
    "BYT": ("Bộ Y tế", "central"),
    "BGDĐT": ("Bộ Giáo dục và Đào tạo", "central"),
    "BKHĐT": ("Bộ Kế hoạch và Đầu tư", "central"),
    "BLĐTBXH": ("Bộ Lao động - Thương binh và Xã hội", "central"),
    "BTP": ("Bộ Tư pháp", "central"),
    "BCA": ("Bộ Công an", "central"),
    "BQP": ("Bộ Quốc phòng", "central"),
    "BNG": ("Bộ Ngoại giao", "central"),
    "BCT": ("Bộ Công Thương", "central"),
    "BXD": ("Bộ Xây dựng", "central"),
    "BGTVT": ("Bộ Giao thông vận tải", "central"),
    "BTNMT": ("Bộ Tài nguyên và Môi trường", "central"),
    "BNNPTNT": ("Bộ Nông nghiệp và Phát triển nông thôn", "central"),
    "BVHTTDL": ("Bộ Văn hóa, Thể thao và Du lịch", "central"),
    "BKHCN": ("Bộ Khoa học và Công nghệ", "central"),
    "UBND": ("Ủy ban nhân dân", "province"),
    "HĐND": ("Hội đồng nhân dân", "province"),
    "TW": ("Ban Chấp hành Trung ương", "party"),
    "TU": ("Tỉnh ủy", "party"),
    "SYT": ("Sở Y tế", "department"),
    "STTTT": ("Sở Thông tin và Truyền thông", "department"),
    "SNV": ("Sở Nội vụ", "department"),
    "STC": ("Sở Tài chính", "department"),
    "SLĐTBXH": ("Sở Lao động - Thương binh và Xã hội", "department"),
    "SGDĐT": ("Sở Giáo dục và Đào tạo", "department"),
    "SKHĐT": ("Sở Kế hoạch và Đầu tư", "department"),
    "STP": ("Sở Tư pháp", "department"),
    "SXD": ("Sở Xây dựng", "department"),
    "SGTVT": ("Sở Giao thông vận tải", "department"),
    "SNNPTNT": ("Sở Nông nghiệp và Phát triển nông thôn", "department"),
    "SVHTTDL": ("Sở Văn hóa, Thể thao và Du lịch", "department"),
    "SKHCN": ("Sở Khoa học và Công nghệ", "department"),
    "SCT": ("Sở Công Thương", "department"),
    "VP": ("Văn phòng", "department"),
}


def test_issuer_codes_present():
    issuers = data.issuer_codes()
    for code, expected in ISSUERS.items():
        assert issuers.get(code) == expected, code


ABBREVIATIONS = {
    "UBND": "Ủy ban nhân dân",
    "HĐND": "Hội đồng nhân dân",
    "MTTQ": "Mặt trận Tổ quốc",
    "CNTT": "công nghệ thông tin",
    "CCHC": "cải cách hành chính",
    "TTHC": "thủ tục hành chính",
    "TP": "thành phố",
    "TX": "thị xã",
    "LĐTBXH": "Lao động - Thương binh và Xã hội",
    "VHTTDL": "Văn hóa, Thể thao và Du lịch",
    "KHĐT": "Kế hoạch và Đầu tư",
    "GD&ĐT": "Giáo dục và Đào tạo",
    "TT&TT": "Thông tin và Truyền thông",
    "KH": "Kế hoạch",
    "VP": "Văn phòng",
    "SYT": "Sở Y tế",
}


def test_abbreviations_present():
    abbr = data.abbreviations()
    for key, expansion in ABBREVIATIONS.items():
        assert abbr.get(key) == expansion, key


def test_provinces():
    provinces = data.provinces()
    assert len(provinces) == 63
    kinds = Counter(p["kind"] for p in provinces)
    assert kinds == {"tỉnh": 58, "thành phố": 5}
    by_name = {p["name"]: p for p in provinces}
    assert {n for n, p in by_name.items() if p["kind"] == "thành phố"} == {
        "Hà Nội", "Hồ Chí Minh", "Hải Phòng", "Đà Nẵng", "Cần Thơ",
    }
    assert by_name["Thừa Thiên Huế"]["kind"] == "tỉnh"
    assert "BR-VT" in by_name["Bà Rịa - Vũng Tàu"]["abbreviation_list"]
    assert "TP.HCM" in by_name["Hồ Chí Minh"]["abbreviation_list"]
    # string form, comma-separated, as read by extractor.nlp.names
    assert [a.strip() for a in by_name["Bà Rịa - Vũng Tàu"]["abbreviations"].split(",")] == ["BR-VT", "BRVT"]
    assert by_name["Quảng Ninh"]["abbreviations"] == ""
    assert "Hòa Bình" in by_name and "Hoà Bình" not in by_name
    for p in provinces:
        assert p["source"], p
        assert not p["name"].startswith(("Tỉnh ", "Thành phố ")), p


def test_loaders_are_cached():
    assert data.doc_types() is data.doc_types()
    assert data.issuer_codes() is data.issuer_codes()
    assert data.abbreviations() is data.abbreviations()
    assert data.provinces() is data.provinces()
