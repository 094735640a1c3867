"""Targets (chỉ tiêu): the issue's examples, the record and table shape, and F1 on the corpus gold."""
from __future__ import annotations

import json
from pathlib import Path

import pytest

import extractor
from extractor.evaluate import Pair, evaluate
from extractor.nlp.targets import find_targets

ROOT = Path(__file__).resolve().parents[1]


def _one(text: str, year: int | None = None):
    return [(t.indicator, t.value, t.unit, t.comparator, t.by) for t in find_targets(text, 0, len(text), "<t>", year)]


def test_the_issues_examples():
    assert _one("Tỷ lệ hồ sơ giải quyết đúng hạn đạt 98% vào năm 2025.") == [
        ("Tỷ lệ hồ sơ giải quyết đúng hạn", "98", "%", ">=", "2025")]
    assert _one("- 100% cán bộ, công chức được tập huấn kỹ năng số;") == [
        ("Cán bộ, công chức được tập huấn kỹ năng số", "100", "%", "=", None)]
    assert _one("Đăng tải tối thiểu 02 tin, bài/tháng trên Cổng thông tin điện tử.") == [
        ("Đăng tải tin, bài trên Cổng thông tin điện tử", "02", "tin, bài/tháng", ">=", None)]


def test_what_is_not_a_target():
    assert _one("Sản xuất 06 phóng sự chuyên đề về sốt xuất huyết.") == []  # an activity, no bound, no rate
    assert _one("Kinh phí thực hiện 50 triệu đồng; Kế hoạch số 12/KH-UBND ngày 05/01/2023.") == []
    assert _one("Tổ chức ít nhất 03 lớp tập huấn trong quý III.", 2024) == [
        ("Tổ chức lớp tập huấn", "03", "lớp", ">=", "2024-09-30")]


def test_several_targets_in_one_clause_keep_their_own_indicator():
    got = _one('phấn đấu 92% hộ gia đình đạt danh hiệu "Gia đình văn hóa", 85% thôn đạt danh hiệu "Thôn văn hóa".')
    assert [(v, c) for _, v, _, c, _ in got] == [("92", ">="), ("85", ">=")]
    assert got[1][0] == 'Thôn đạt danh hiệu "Thôn văn hóa"'


@pytest.fixture(scope="module")
def corpus_records():
    gold = {}
    for p in sorted((ROOT / "corpus" / "gold").glob("*.json")):
        g = json.loads(p.read_text(encoding="utf-8"))
        if "targets" in g and (ROOT / "corpus" / "text" / g["file"]).exists():  # the text plans, not renderings
            gold[g["file"]] = g
    return gold, {name: extractor.extract(str(ROOT / "corpus" / "text" / name)) for name in gold}


def test_record_keeps_provenance_section_and_task(corpus_records):
    _, recs = corpus_records
    rec = recs["100_huyen_cchc.txt"]
    text = (ROOT / "corpus" / "text" / "100_huyen_cchc.txt").read_text(encoding="utf-8")
    t = next(t for t in rec.targets if t.value == "05")
    assert t.prov.file.endswith("100_huyen_cchc.txt") and "05 cơ quan" in t.text
    assert t.section == "IV.1" and t.task == "IV.1-2"
    assert "ít nhất 05 cơ quan" in text[t.prov.start:t.prov.end]
    back = extractor.PlanRecord.from_json(rec.to_json())
    assert [x.value for x in back.targets] == [x.value for x in rec.targets]


def test_targets_f1_on_corpus_gold(corpus_records):
    gold, recs = corpus_records
    assert len(gold) == 20 and sum(len(g["targets"]) for g in gold.values()) >= 15
    rep = evaluate(Pair(n, {"targets": g["targets"]}, {"targets": recs[n].to_json()["targets"]}) for n, g in gold.items())
    s = rep.parts["targets"]
    assert s.f1 >= 0.9, (s.precision, s.recall, [m for m in rep.misses if m.part == "targets"])


def test_targets_table(corpus_records):
    from extractor.tables.frames import to_frames

    _, recs = corpus_records
    t = to_frames(list(recs.values())).targets
    assert {"doc_id", "file", "indicator", "value", "unit", "comparator", "by", "section", "task", "char_start"} <= set(t.columns)
    assert len(t) == sum(len(r.targets) for r in recs.values())


def test_a_year_set_for_a_list_and_results_against_a_plan():
    got = _one("- Đến năm 2025: tỷ lệ trẻ em suy dinh dưỡng dưới 20%; tỷ lệ hộ nghèo dưới 3%.")
    assert got == [("Tỷ lệ trẻ em suy dinh dưỡng", "20", "%", "<=", "2025"), ("Tỷ lệ hộ nghèo", "3", "%", "<=", "2025")]
    assert _one("Năm qua thu ngân sách trên 500 tỷ đồng, đạt 120% kế hoạch, bằng 110% so với cùng kỳ.") == []
    assert _one("Góp phần hoàn thành mục tiêu tỷ trọng chăn nuôi đạt 30% trong ngành nông nghiệp năm 2026. Các sở thực hiện.") == [
        ("Tỷ trọng chăn nuôi trong ngành nông nghiệp", "30", "%", ">=", "2026")]
