"""Tests for the §8 scorer: gold against itself is perfect, and each kind of
error moves exactly the number it should."""
from __future__ import annotations

import copy
import json
from pathlib import Path

import pytest

from extractor.evaluate import (PARTS, Pair, evaluate, format_report, load_pairs, norm,
                                read_records, similar, similar_sets)

GOLD = Path("/work/shared/gold")
needs_gold = pytest.mark.skipif(not GOLD.is_dir() or not list(GOLD.glob("*.json")),
                                reason="gold files not available")


def _gold() -> list[dict]:
    return [json.loads(p.read_text(encoding="utf-8")) for p in sorted(GOLD.glob("*.json"))]


def _self_pairs() -> list[Pair]:
    return [Pair(g["file"], g, copy.deepcopy(g)) for g in _gold()]


def _assert_perfect(rep) -> None:
    for part in PARTS:
        s = rep.parts[part]
        assert (s.precision, s.recall, s.f1) == (1.0, 1.0, 1.0), part
        for attr, c in s.attrs.items():
            assert c.accuracy == 1.0 or (c.accuracy is None and s.found == 0), (part, attr)
    assert rep.doc_accuracy == 1.0
    assert all(c.accuracy == 1.0 for c in rep.doc_fields.values())
    assert rep.misses == []


# ---- norm / similar ------------------------------------------------------------
@pytest.mark.parametrize("raw, expected", [
    ("749/QĐ – TTg;", "749/qđ-ttg"),
    ("16 - NQ / TU.", "16-nq/tu"),
    ("Bà Rịa – Vũng Tàu", "bà rịa-vũng tàu"),
    ("Bà Rịa - Vũng Tàu", "bà rịa-vũng tàu"),
    ("Bà Rịa—Vũng Tàu", "bà rịa-vũng tàu"),
    ("a \u2010 b \u2011 c \u2012 d", "a-b-c-d"),
    ("  Sở   Nội\tvụ ;. ", "sở nội vụ"),
    ("Lưu: VT, VP.", "lưu: vt, vp"),
    ("05/KH-SLĐT BXH", "05/kh-slđt bxh"),
    (2023, "2023"),
    (None, None),
])
def test_norm(raw, expected):
    assert norm(raw) == expected


def test_norm_is_nfc():
    decomposed = "Vu\u0303ng Ta\u0300u"  # Vũng Tàu written with combining marks
    assert norm(decomposed) == norm("Vũng Tàu") == "vũng tàu"


def test_place_qualifier_similarity():
    assert similar("Sở Nội vụ tỉnh Lạng Sơn", "Sở Nội vụ")
    assert similar("Sở Nội vụ", "Sở Nội vụ tỉnh Lạng Sơn")
    assert not similar("Sở Nội vụ tỉnh Lạng Sơn", "Sở Nội vụ tỉnh Cao Bằng")
    assert similar("Ủy ban nhân dân thành phố Vũng Tàu", "Ủy ban nhân dân")
    assert similar("Ủy ban nhân dân huyện A tỉnh B", "Ủy ban nhân dân huyện A")
    # a long shared prefix must not hide a different province
    assert not similar("Sở Lao động - Thương binh và Xã hội tỉnh Lạng Sơn",
                       "Sở Lao động - Thương binh và Xã hội tỉnh Cao Bằng")
    assert similar("Sở Lao động - Thương binh và Xã hội tỉnh Lạng Sơn",
                   "Sở Lao động – Thương binh và Xã hội")
    assert similar("Sở Thông tin và Truyền thông", "Sở Thông tin và Truyền thong")
    assert not similar("Sở Y tế", "Sở Tư pháp")
    assert similar(None, None) and not similar(None, "Sở Y tế")


def test_similar_sets_needs_one_to_one_pairing():
    assert similar_sets(["Sở Nội vụ tỉnh Lạng Sơn", "Sở Y tế"], ["Sở Y tế", "Sở Nội vụ"])
    assert not similar_sets(["Sở Nội vụ"], ["Sở Nội vụ", "Sở Y tế"])
    assert not similar_sets(["Sở Nội vụ", "Sở Nội vụ tỉnh A"], ["Sở Nội vụ", "Sở Y tế"])
    assert similar_sets([], None)


# ---- gold against itself ----------------------------------------------------------
@needs_gold
@pytest.mark.parametrize("path", sorted(GOLD.glob("*.json")), ids=lambda p: p.name)
def test_each_gold_file_scores_perfectly_against_itself(path):
    g = json.loads(path.read_text(encoding="utf-8"))
    _assert_perfect(evaluate([Pair(g["file"], g, copy.deepcopy(g))]))


@needs_gold
def test_gold_dir_against_itself_via_load_pairs():
    pairs = load_pairs(GOLD, GOLD)
    assert len(pairs) == len(list(GOLD.glob("*.json")))
    assert all(p.pred is not None for p in pairs)
    rep = evaluate(pairs)
    _assert_perfect(rep)
    text = format_report(rep, show_misses=True)
    assert "citations" in text and "1.000" in text
    json.dumps(rep.to_dict(), ensure_ascii=False)


# ---- single errors -----------------------------------------------------------------
@needs_gold
def test_removed_citation_lowers_recall_exactly():
    pairs = _self_pairs()
    total = sum(len(p.gold["citations"]) for p in pairs)
    victim = next(p for p in pairs if p.pred["citations"])
    removed = victim.pred["citations"].pop(0)
    rep = evaluate(pairs)
    s = rep.parts["citations"]
    assert (s.gold, s.pred, s.found) == (total, total - 1, total - 1)
    assert s.recall == pytest.approx((total - 1) / total)
    assert s.precision == 1.0
    missed = [m for m in rep.misses if m.kind == "missed"]
    assert len(missed) == 1 and removed["code"] in missed[0].item
    for part in ("sections", "units", "deadlines", "tasks"):
        assert rep.parts[part].f1 == 1.0


@needs_gold
def test_wrong_citation_date_lowers_date_accuracy():
    pairs = _self_pairs()
    total = sum(len(p.gold["citations"]) for p in pairs)
    cit = next(p for p in pairs if p.pred["citations"]).pred["citations"][0]
    cit["date"] = cit["date"][:4] + "-01-01" if cit["date"][5:] != "01-01" else cit["date"][:4] + "-02-02"
    rep = evaluate(pairs)
    s = rep.parts["citations"]
    assert s.found == total  # same year: still found
    assert s.attrs["date"].accuracy == pytest.approx((total - 1) / total)
    assert s.attrs["issuer"].accuracy == 1.0
    wrong = [m for m in rep.misses if m.kind == "wrong"]
    assert len(wrong) == 1 and wrong[0].attr == "date"
    assert "date: gold=" in format_report(rep, show_misses=True)


def test_citation_year_must_agree_and_laws_match_by_name():
    gold = {"file": "x.txt", "citations": [
        {"code": "286/QĐ-UBND", "date": "2022-01-26"},
        {"code": None, "name": "Luật Tổ chức chính quyền địa phương", "date": "2015-06-19"}]}
    pred = {"file": "x.txt", "citations": [
        {"code": "286/QĐ - UBND", "date": "2021-01-26"},
        {"code": None, "name": "Luật tổ chức chính quyền địa phương.", "date": "2015-06-19"}]}
    s = evaluate([(gold, pred)]).parts["citations"]
    assert (s.gold, s.pred, s.found) == (2, 2, 1)


def test_null_gold_part_is_skipped():
    gold = {"file": "x.txt", "doc": None, "citations": None,
            "units": [{"name": "Sở Y tế", "role": "issuer"}]}
    pred = {"file": "x.txt", "citations": [{"code": "1/QĐ-UBND"}],
            "units": [{"name": "Sở Y tế tỉnh Khánh Hòa", "role": "issuer", "prov": {"page": 1}}]}
    rep = evaluate([(gold, pred)])
    c = rep.parts["citations"]
    assert (c.gold, c.pred, c.found) == (0, 0, 0)
    assert rep.parts["units"].f1 == 1.0
    assert rep.doc_accuracy is None


def test_duplicate_deadlines_match_one_to_one_preferring_task_link():
    gold = {"file": "x.txt", "deadlines": [
        {"text": "Trong năm 2022", "kind": "period", "task": "1.1"},
        {"text": "Trong năm 2022", "kind": "due", "task": "1.2"}]}
    pred = {"file": "x.txt", "deadlines": [
        {"text": "trong năm 2022", "kind": "due", "task": "1.2"},
        {"text": "Trong năm 2022", "kind": "period", "task": "1.1"},
        {"text": "Trong năm 2022", "kind": "period", "task": None}]}
    s = evaluate([(gold, pred)]).parts["deadlines"]
    assert (s.gold, s.pred, s.found) == (2, 3, 2)
    assert s.attrs["kind"].accuracy == 1.0


def test_tasks_match_by_id_first_then_text():
    text_a = "Tổ chức phổ biến công khai thủ tục hành chính trên Cổng thông tin điện tử"
    gold = {"file": "x.txt", "tasks": [
        {"id": "1.1", "task": text_a, "lead": ["Văn phòng Sở Y tế"], "cooperate": [], "deadline": "Quý I/2022"},
        {"id": "1.2", "task": "Báo cáo kết quả thực hiện", "lead": [], "cooperate": [], "deadline": None}]}
    pred = {"file": "x.txt", "tasks": [
        {"id": "9", "task": text_a + ".", "lead": ["Văn phòng Sở Y tế tỉnh Khánh Hòa"],
         "cooperate": None, "deadline": "quý I/2022"},
        {"id": "1.2", "task": "Something else", "lead": ["Sở Nội vụ"], "cooperate": [], "deadline": None}]}
    s = evaluate([(gold, pred)]).parts["tasks"]
    assert s.found == 2
    assert s.attrs["lead"].correct == 1 and s.attrs["cooperate"].accuracy == 1.0
    assert s.attrs["deadline"].accuracy == 1.0


# ---- loading -------------------------------------------------------------------------
def test_load_pairs_jsonl_and_stem_fallback(tmp_path):
    gdir = tmp_path / "gold"
    gdir.mkdir()
    recs = [{"file": f"00{i}_a.txt", "doc": {"code": f"{i}/KH-SYT"},
             "units": [{"name": "Sở Y tế", "role": "issuer"}]} for i in range(4)]
    for r in recs:
        (gdir / (r["file"][:-4] + ".json")).write_text(json.dumps(r, ensure_ascii=False), "utf-8")
    pdir = tmp_path / "pred"
    pdir.mkdir()
    lines = [dict(recs[0], doc_id="d0", file="corpus/000_a.pdf"), dict(recs[1], prov={"x": 1})]
    (pdir / "run.jsonl").write_text("\n".join(json.dumps(x) for x in lines) + "\n", "utf-8")
    lone = {k: v for k, v in recs[2].items() if k != "file"}
    (pdir / "002_a.json").write_text(json.dumps(lone), "utf-8")
    assert len(read_records(pdir / "run.jsonl")) == 2

    pairs = load_pairs(gdir, pdir)
    assert [p.pred is not None for p in pairs] == [True, True, True, False]
    rep = evaluate(pairs)
    assert rep.no_pred == ["003_a.txt"]
    u = rep.parts["units"]
    assert (u.gold, u.pred, u.found) == (4, 3, 3)
    assert rep.doc_fields["code"].correct == 3 and rep.doc_fields["code"].total == 4
    assert "no prediction for: 003_a.txt" in format_report(rep)
    # a list of files works as well as a directory
    assert [p.pred is not None for p in load_pairs(gdir, [pdir / "run.jsonl"])] == [True, True, False, False]
