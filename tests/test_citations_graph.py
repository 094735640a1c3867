"""Registry checks, corpus conflicts, the `citations` command and the HTML highlight."""
from __future__ import annotations

import json
import os

import pandas as pd

from extractor.markup import Mark, annotate, element
from extractor.cli import main
from extractor.data import read_registry
from extractor.nlp.citations.corpus_check import flag_corpus_conflicts
from extractor.nlp.citations.registry import check_registry
from extractor.records import Citation

FIXTURE = os.path.join(os.path.dirname(__file__), "fixtures", "registry_fixture.tsv")


def _cit(code, date, dates=None):
    return Citation("QĐ", code.split("/")[0], code, date, None, None, "basis", 1, code, dates=dates or [date])


def test_registry_title_and_conflict():
    reg = read_registry(FIXTURE)
    ok = check_registry(_cit("99/QĐ-TTg", "2020-06-03"), reg)
    assert ok.registry_title == "Phê duyệt đề án thử nghiệm" and ok.issues == []
    bad = check_registry(_cit("7/2019/TT-BTC", "2019-05-10", ["2019-05-10", "2019-05-21"]), reg)
    assert bad.issues == ["registry_conflict"]
    assert check_registry(_cit("1/QĐ-TTg", "2020-01-01"), reg).registry_title is None


def test_registry_number_without_year_reused_in_another_year_is_another_document():
    reg = read_registry(FIXTURE)
    other = check_registry(_cit("99/QĐ-TTg", "2013-06-13"), reg)  # same number, issued in 2013
    assert other.registry_title is None and other.issues == []
    wrong_day = check_registry(_cit("99/QĐ-TTg", "2020-06-30"), reg)  # same year, another day
    assert wrong_day.issues == ["registry_conflict"]


def test_corpus_conflict_flags_the_minority_and_shows_the_majority():
    df = pd.DataFrame([
        {"doc_id": "a", "key": "76/NQ-CP", "date": "2021-07-15", "issuer": "Chính phủ", "issues": ""},
        {"doc_id": "b", "key": "76/NQ-CP", "date": "2021-07-15", "issuer": "Chính phủ", "issues": "malformed_code"},
        {"doc_id": "c", "key": "76/NQ-CP", "date": "2021-07-25", "issuer": "Chính phủ", "issues": ""},
        {"doc_id": "a", "key": "9/CT-TTg", "date": "2020-01-01", "issuer": "Thủ tướng Chính phủ", "issues": ""},
    ])
    out = flag_corpus_conflicts(df)
    assert list(out["issues"]) == ["", "malformed_code", "corpus_conflict", ""]
    assert list(out["majority_date"][:3]) == ["2021-07-15"] * 3
    assert out["majority_date"][3] is None  # cited by one plan: nothing to compare


def test_corpus_conflict_on_an_even_split_flags_both():
    df = pd.DataFrame([
        {"doc_id": "a", "key": "k", "date": "2021-01-01", "issuer": "Chính phủ", "issues": []},
        {"doc_id": "b", "key": "k", "date": "2021-01-02", "issuer": "Chính phủ", "issues": []},
    ])
    assert list(flag_corpus_conflicts(df)["issues"]) == ["corpus_conflict", "corpus_conflict"]


def _write_run(tmp_path):
    rows = [
        {"doc_id": "a", "file": "a.txt", "item": 0, "doc_type": "QĐ", "code": "749/QĐ-TTg", "date": "2020-06-03",
         "issuer": "Thủ tướng Chính phủ", "relation": "basis", "mentions": 1, "issues": "malformed_code",
         "registry_title": "Phê duyệt Chương trình", "context": "Căn cứ Quyết định số 749/QĐTTg ngày 03/6/2020."},
        {"doc_id": "b", "file": "b.txt", "item": 0, "doc_type": "QĐ", "code": "749/QĐ-TTg", "date": "2020-06-03",
         "issuer": "Thủ tướng Chính phủ", "relation": "mention", "mentions": 2, "issues": "",
         "registry_title": "Phê duyệt Chương trình", "context": "Theo Quyết định số 749/QĐ-TTg."},
        {"doc_id": "b", "file": "b.txt", "item": 1, "doc_type": "NQ", "code": "76/NQ-CP", "date": "2021-07-15",
         "issuer": "Chính phủ", "relation": "basis", "mentions": 1, "issues": "", "registry_title": "",
         "context": "Căn cứ Nghị quyết số 76/NQ-CP."},
    ]
    pd.DataFrame(rows).to_csv(tmp_path / "citations.csv", index=False)


def test_citations_command_answers_top_code_and_flagged(tmp_path, capsys):
    _write_run(tmp_path)
    assert main(["citations", str(tmp_path), "--top", "1", "--json"]) == 0
    top = json.loads(capsys.readouterr().out)["top"]
    assert [(t["key"], t["plans"], t["registry_title"]) for t in top] == [("749/QĐ-TTg", 2, "Phê duyệt Chương trình")]
    assert main(["citations", str(tmp_path), "--code", "749/QĐTTg"]) == 0  # written as a plan writes it
    text = capsys.readouterr().out
    assert "a.txt" in text and "b.txt" in text and "76/NQ-CP" not in text
    assert main(["citations", str(tmp_path), "--flagged", "--json"]) == 0
    flagged = json.loads(capsys.readouterr().out)["flagged"]
    assert [(f["file"], f["issues"]) for f in flagged] == [("a.txt", "malformed_code")]
    assert flagged[0]["context"].startswith("Căn cứ Quyết định số 749/QĐTTg")


def test_citations_command_without_tables_is_a_clear_error(tmp_path, capsys):
    assert main(["citations", str(tmp_path)]) == 2
    assert "no citations table" in capsys.readouterr().err


def test_annotate_escapes_text_and_attributes():
    text = "A <b> & Quyết định số 1/QĐ-UBND \"x\" tail"
    a = text.index("Quyết")
    open_, close = element("mark", {"title": 'code: 1/QĐ-UBND "q" <&>', "data-x": None}, "cit")
    out = annotate(text, [Mark(a, a + len("Quyết định số 1/QĐ-UBND"), open_, close), Mark(a + 2, a + 5, "<i>", "</i>")])  # overlap dropped
    assert out.startswith("A &lt;b&gt; &amp; <mark class=\"cit\" title=\"code: 1/QĐ-UBND &quot;q&quot; &lt;&amp;&gt;\">")
    assert "Quyết định số 1/QĐ-UBND</mark>" in out and "<i>" not in out and "data-x" not in out


def test_extract_html_marks_every_mention(tmp_path):
    src = tmp_path / "plan.txt"
    src.write_text("SỞ Y TẾ\n\nSố: 5/KH-SYT\n\nKẾ HOẠCH\nTuyên truyền năm 2024\n\nCăn cứ Nghị quyết số 76/NQ-CP ngày "
                   "15/7/2021 của Chính phủ;\n\nI. MỤC ĐÍCH\n\n1. Tuyên truyền Nghị quyết số 76 & các văn bản \"mới\".\n",
                   encoding="utf-8")
    assert main(["extract", str(src), "--format", "html", "--out", str(tmp_path / "out")]) == 0
    page = (tmp_path / "out" / "plan.html").read_text(encoding="utf-8")
    assert page.count('<mark class="cit"') == 2
    assert 'data-code="76/NQ-CP"' in page and "&amp; các văn bản" in page


def test_registry_knows_a_law_cited_by_name_in_its_year_only():
    reg = read_registry(FIXTURE)
    law = Citation("L", None, None, "2012-06-20", "Quốc hội", "Luật Thử nghiệm mẫu", "basis", 1, "x", dates=["2012-06-20"])
    assert check_registry(law, reg).registry_title == "Luật Thử nghiệm mẫu" and law.issues == []
    wrong_day = Citation("L", None, None, "2012-06-21", None, "Luật Thử nghiệm mẫu", "basis", 1, "x", dates=["2012-06-21"])
    assert check_registry(wrong_day, reg).issues == ["registry_conflict"]
    other_law = Citation("L", None, None, "2024-01-18", None, "Luật Thử nghiệm mẫu", "basis", 1, "x", dates=["2024-01-18"])
    assert check_registry(other_law, reg).registry_title is None  # re-enacted under the same name


def test_local_symbols_are_keyed_by_place_central_ones_by_code():
    def key(code, issuer):
        return Citation("NQ", "1", code, None, issuer, None, "basis", 1, code).key
    assert key("02-NQ/TU", "Tỉnh ủy Khánh Hòa") == key("02-NQ/TU", "Ban Chấp hành Đảng bộ tỉnh Khánh Hòa")
    assert key("286/QĐ-UBND", "Ủy ban nhân dân tỉnh Khánh Hòa") != key("286/QĐ-UBND", "Ủy ban nhân dân tỉnh Lạng Sơn")
    assert key("76/NQ-CP", "Chính phủ") == "76/NQ-CP"
