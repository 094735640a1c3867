"""The library as a user calls it (issue 14): extract from a path, bytes or text,
citations from a string, records back from JSON, the spaCy pipeline on a string."""
from __future__ import annotations

import json
import os
import re
import subprocess
import sys
import unicodedata
from pathlib import Path

import pytest

import extractor
from extractor import Citation, ExtractError, PlanRecord, extract, get_citations
from extractor.build import to_record
from extractor.nlp.names import PlanContext
from extractor.nlp.pipeline import COMPONENTS, make_nlp

ROOT = Path(__file__).resolve().parent.parent
PLAN = ROOT / "corpus" / "text" / "002_337e30c1cff994e8.txt"
SENTENCE = ("Căn cứ Quyết định số 12/QĐ-UBND ngày 05/01/2023 của UBND tỉnh Nghệ An về việc ban hành Kế hoạch "
            "cải cách hành chính; Kế hoạch số 12/KH-BQL ngày 3/3/2023 của Ban Quản lý Khu kinh tế; "
            "Công văn số 45/KBNN-KSC của Kho bạc Nhà nước.")


def _without_file(data: dict) -> dict:
    """A record's JSON with the file name taken out (it names where the plan came from, not what it says)."""
    text = json.dumps({k: v for k, v in data.items() if k != "file"}, ensure_ascii=False)
    return json.loads(re.sub(r'"file": "[^"]*"', '"file": ""', text))


@pytest.fixture(scope="module")
def plan_json() -> dict:
    return extract(str(PLAN)).to_json()


# --- extract(path | bytes | text=...) ----------------------------------------------------------

def test_text_gives_the_record_the_file_gives(plan_json):
    rec = extract(text=PLAN.read_text(encoding="utf-8"))
    assert rec.file == "<text>"
    assert _without_file(rec.to_json()) == _without_file(plan_json)
    assert rec.doc.code == "485/KH-STTTT" and len(rec.citations) == len(plan_json["citations"]) > 5


def test_bytes_give_the_record_the_file_gives(plan_json):
    rec = extract(PLAN.read_bytes(), name="plan.txt")
    assert rec.file == "plan.txt" and rec.doc_id == plan_json["doc_id"]
    assert _without_file(rec.to_json()) == _without_file(plan_json)


@pytest.mark.parametrize("folder, suffix", [("docx", "docx"), ("html", "html")])
def test_bytes_of_other_formats_are_sniffed(folder, suffix):
    path = ROOT / "corpus" / folder / f"002_337e30c1cff994e8-{suffix}.{suffix}"
    from_file, from_bytes = extract(str(path)), extract(path.read_bytes())
    assert from_bytes.format == from_file.format == suffix
    assert _without_file(from_bytes.to_json()) == _without_file(from_file.to_json())


def test_a_path_object_works_as_a_path(plan_json):
    assert extract(PLAN).to_json() == plan_json


def test_a_text_passed_as_a_path_is_refused_with_the_way_out():
    with pytest.raises(ValueError, match=r"text="):
        extract(PLAN.read_text(encoding="utf-8"))  # line breaks: no path
    with pytest.raises(ExtractError, match=r"extract\(text=") as ei:
        extract(SENTENCE)  # one line, with slashes: read as a path, and the error says how to pass text
    assert ei.value.stage == "read" and "no such file" in ei.value.reason


def test_extract_takes_one_source():
    with pytest.raises(TypeError):
        extract()
    with pytest.raises(TypeError):
        extract(str(PLAN), text="x")
    with pytest.raises(TypeError):
        extract(text=b"bytes are not text")


def test_an_empty_text_is_an_extract_error():
    with pytest.raises(ExtractError) as ei:
        extract(text="  \n ")
    assert ei.value.path == "<text>" and ei.value.stage == "decode"


def test_an_html_string_is_read_as_a_page():
    page = (ROOT / "corpus" / "html" / "002_337e30c1cff994e8-html.html").read_bytes().decode("utf-8")
    assert extract(text=page).format == "html"


# --- get_citations(text) -----------------------------------------------------------------------

def test_get_citations_on_a_sentence():
    cits = get_citations(SENTENCE)
    assert all(isinstance(c, Citation) for c in cits)
    assert [(c.code, c.issuer, c.date, c.relation, c.issues) for c in cits] == [
        ("12/QĐ-UBND", "Ủy ban nhân dân tỉnh Nghệ An", "2023-01-05", "basis", []),
        ("12/KH-BQL", "Ban Quản lý Khu kinh tế", "2023-03-03", "basis", []),
        ("45/KBNN-KSC", "Kho bạc Nhà nước", None, "basis", []),
    ]
    for c in cits:  # offsets index the string given
        assert SENTENCE[c.prov.start:c.prov.end] == c.text and c.code in c.text


def test_get_citations_offsets_refer_to_the_string_as_given_even_decomposed():
    text = unicodedata.normalize("NFD", "Ghi chú – xem: " + SENTENCE)  # combining marks, an en dash
    assert len(text) > len(unicodedata.normalize("NFC", text))
    cits = get_citations(text)
    assert [c.code for c in cits] == ["12/QĐ-UBND", "12/KH-BQL", "45/KBNN-KSC"]
    for c in cits:
        assert text[c.prov.start:c.prov.end] == c.text
        assert unicodedata.normalize("NFC", c.text).startswith(("Quyết định số", "Kế hoạch số", "Công văn số"))


def test_get_citations_with_the_plans_context():
    text = "Căn cứ Kế hoạch số 45/KH-UBND ngày 02/3/2023 của UBND tỉnh về chuyển đổi số."
    assert [c.issuer for c in get_citations(text)] == ["Ủy ban nhân dân tỉnh"]
    ctx = PlanContext(issuer="Ủy ban nhân dân tỉnh Khánh Hòa", issuer_base="Ủy ban nhân dân", province="Khánh Hòa")
    assert [c.issuer for c in get_citations(text, ctx)] == ["Ủy ban nhân dân tỉnh Khánh Hòa"]
    assert get_citations(text, own_code="45/KH-UBND") == []  # the text's own number cites nothing
    assert get_citations(text, plan_date="2023-01-01")[0].issues == ["invalid_date"]  # cited before it was issued


def test_get_citations_finds_what_the_plan_pipeline_finds(plan_json):
    codes = {c.code for c in get_citations(PLAN.read_text(encoding="utf-8"))}
    assert {c["code"] for c in plan_json["citations"] if c["code"]} <= codes


# --- no false repairs, in sentences as plans write them --------------------------------------

@pytest.mark.parametrize("sentence, code, issuer", [
    ("Thực hiện Kế hoạch số 12/KH-BQL ngày 10/3/2023 của Ban Quản lý Khu kinh tế tỉnh Quảng Ninh về cải cách hành chính.",
     "12/KH-BQL", "Ban Quản lý Khu kinh tế tỉnh Quảng Ninh"),
    ("Căn cứ Công văn số 1234/KBNN-KSC ngày 15/4/2022 của Kho bạc Nhà nước về kiểm soát chi.", "1234/KBNN-KSC",
     "Kho bạc Nhà nước"),
    ("Căn cứ Quyết định số 45/QĐ-KBNN ngày 02/01/2021 của Kho bạc Nhà nước.", "45/QĐ-KBNN", "Kho bạc Nhà nước"),
    ("Căn cứ Thông tư số 09/2012/TT-BQP ngày 10/02/2012 của Bộ Quốc phòng.", "09/2012/TT-BQP", "Bộ Quốc phòng"),
])
def test_valid_codes_are_kept_as_written_and_not_flagged(sentence, code, issuer):
    (c,) = get_citations(sentence)
    assert (c.code, c.issuer) == (code, issuer)
    assert "malformed_code" not in c.issues and not any("issuer" in i for i in c.issues)


@pytest.mark.parametrize("written", ["749/QĐ-TTTg", "749/QĐTTg", "749/QD-TTg"])
def test_ocr_slips_are_still_repaired_and_flagged(written):
    (c,) = get_citations(f"Căn cứ Quyết định số {written} ngày 03/6/2020 của Thủ tướng Chính phủ.")
    assert c.code == "749/QĐ-TTg" and "malformed_code" in c.issues


# --- PlanRecord.from_json ---------------------------------------------------------------------

def test_from_json_round_trips_to_json(plan_json):
    rec = PlanRecord.from_json(plan_json)
    assert rec.to_json() == plan_json
    assert rec == extract(str(PLAN))
    assert PlanRecord.from_json(json.dumps(plan_json, ensure_ascii=False)) == rec
    assert rec.citations[0].key  # the dataclasses, not dicts


def test_from_json_reads_what_the_cli_prints(plan_json):
    out = subprocess.run([sys.executable, "-m", "extractor", "extract", str(PLAN)], capture_output=True, text=True,
                         cwd=ROOT, check=True, env={**os.environ, "PYTHONPATH": str(ROOT)}).stdout
    (line,) = out.splitlines()
    assert PlanRecord.from_json(line).to_json() == plan_json


def test_from_json_refuses_another_schema(plan_json):
    with pytest.raises(ValueError, match="unknown keys"):
        PlanRecord.from_json({**plan_json, "extra": 1})
    bad = json.loads(json.dumps(plan_json))
    bad["citations"][0]["codee"] = "x"
    with pytest.raises(ValueError, match="Citation"):
        PlanRecord.from_json(bad)


# --- the package ------------------------------------------------------------------------------

def test_version_and_typed_marker():
    assert re.fullmatch(r"\d+\.\d+\.\d+\S*", extractor.__version__)
    pkg = Path(extractor.__file__).parent
    assert (pkg / "py.typed").is_file()
    pyproject = (ROOT / "pyproject.toml").read_text(encoding="utf-8")
    assert '"py.typed"' in pyproject and 'attr = "extractor.__version__"' in pyproject
    for name in ("extract", "get_citations", "run", "PlanRecord", "Citation", "DocInfo", "ExtractError", "DataError"):
        assert name in extractor.__all__ and hasattr(extractor, name)


# --- the spaCy pipeline on a string -----------------------------------------------------------

@pytest.fixture(scope="module")
def nlp():
    return make_nlp()


def test_nlp_on_a_string(nlp):
    doc = nlp(SENTENCE)
    assert doc.text == doc._.source.text
    assert [sp._.record.code for sp in doc.spans["citations"]] == ["12/QĐ-UBND", "12/KH-BQL", "45/KBNN-KSC"]
    assert all(sp.text.startswith(("Quyết định", "Kế hoạch", "Công văn")) for sp in doc.spans["citations"])


def test_nlp_on_a_plans_text_gives_the_files_record(nlp, plan_json):
    doc = nlp(PLAN.read_text(encoding="utf-8"))
    assert _without_file(to_record(doc, str(PLAN), plan_json["doc_id"]).to_json()) == _without_file(plan_json)


def test_nlp_pipe(nlp):
    docs = list(nlp.pipe([SENTENCE, "Căn cứ Luật Đất đai ngày 29/11/2013;"]))
    assert [len(d.spans["citations"]) for d in docs] == [3, 1]


@pytest.mark.parametrize("name", COMPONENTS)
def test_excluding_a_component_keeps_the_others_or_says_who_needs_it(name, plan_json):
    parts = {"kh_sections": "sections", "kh_citations": "citations", "kh_tasks": "tasks", "kh_units": "units",
             "kh_deadlines": "deadlines"}
    try:
        nlp = make_nlp(exclude=[name])
    except ValueError as e:
        assert f"cannot exclude {name}" in str(e)
        needs = re.search(rf"cannot exclude {name}: (.*?) need", str(e)).group(1).split(", ")
        assert needs and all(n in COMPONENTS and n != name for n in needs)
        return
    got = extract(str(PLAN), nlp=nlp).to_json()
    for comp, part in parts.items():
        if comp == name:
            assert got[part] == []
        else:
            assert got[part] == plan_json[part], part


def test_exclusion_messages():
    with pytest.raises(ValueError, match=r"cannot exclude kh_header: kh_sections, .*need"):
        make_nlp(exclude=["kh_header"])
    with pytest.raises(ValueError, match=r"cannot exclude kh_sections: kh_citations, kh_tasks need"):
        make_nlp(exclude=["kh_sections"])
    with pytest.raises(ValueError, match="unknown component"):
        make_nlp(exclude=["kh_header_typo"])
    only_header = make_nlp(exclude=[n for n in COMPONENTS if n != "kh_header"])
    assert only_header(SENTENCE)._.header is not None


def test_a_component_disabled_at_run_time_names_what_it_needs(nlp):
    with nlp.select_pipes(disable=["kh_header"]):
        with pytest.raises(ValueError, match=r"kh_sections needs doc\._\.header, which kh_header assigns"):
            nlp(SENTENCE)


# --- data tables: a broken install fails loudly --------------------------------------------

def _clear_table_caches():
    from extractor import data
    from extractor.nlp.citations import clean

    for f in [*vars(data).values(), clean.issuer_heads, clean.type_codes]:
        if hasattr(f, "cache_clear"):
            f.cache_clear()


def test_a_broken_or_missing_data_table_raises_instead_of_reading_as_empty(tmp_path, monkeypatch):
    from types import SimpleNamespace

    from extractor import DataError, data
    from extractor.nlp.citations import clean

    (tmp_path / "issuer_codes.tsv").write_text("code\tname\nUBND\tỦy ban nhân dân\n", encoding="utf-8")  # columns missing
    monkeypatch.setattr(data, "resources", SimpleNamespace(files=lambda _: tmp_path))  # the package's data folder
    _clear_table_caches()
    try:
        with pytest.raises(DataError, match=r"issuer_codes\.tsv is malformed"):
            clean.issuer_heads()  # was: an empty set, and every issuer code unknown
        with pytest.raises(DataError, match=r"doc_types\.tsv cannot be read.*package-data"):
            clean.type_codes()
        with pytest.raises(DataError, match="registry.tsv"):
            data.registry()  # was: an empty registry
        with pytest.raises(DataError):
            make_nlp()  # at start-up, not in the first plan
    finally:
        monkeypatch.undo()
        _clear_table_caches()
    assert "UBND" in clean.issuer_heads()
