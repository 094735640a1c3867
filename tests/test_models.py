"""Trained models in models/: load offline, label unseen headings, label paragraphs of heading-less text."""
from __future__ import annotations

import socket
import warnings
from pathlib import Path

import pytest

from extractor import extract
from extractor.nlp import artifacts, heading_classifier as hc, paragraph_classifier as pc
from extractor.nlp.pipeline import annotate, make_nlp
from extractor.ingest.text import parse_text

MODELS = Path(__file__).resolve().parents[1] / "models"
NEED = pytest.mark.skipif(not (MODELS / hc.ARTIFACT).exists(), reason="models not built (make models)")

ARTICLE = """Sở Giáo dục và Đào tạo triển khai kế hoạch tuyên truyền chuyển đổi số năm 2025

Kế hoạch nhằm nâng cao nhận thức của cán bộ, giáo viên và phụ huynh về lợi ích của chuyển đổi số trong quản lý và dạy học, tạo sự đồng thuận trong toàn ngành.

Việc tuyên truyền phải bám sát chỉ đạo của tỉnh, bảo đảm thường xuyên, kịp thời, đúng định hướng và phù hợp với từng nhóm đối tượng.

Các đơn vị tổ chức hội nghị, đăng tin bài trên cổng thông tin điện tử, phát hành tờ rơi và lồng ghép nội dung vào các buổi sinh hoạt chuyên môn.

Văn phòng Sở chủ trì, phối hợp với các phòng chuyên môn theo dõi, đôn đốc việc thực hiện và tổng hợp báo cáo kết quả gửi Ủy ban nhân dân tỉnh.
"""


@pytest.fixture
def no_network(monkeypatch):
    def refuse(*a, **k):
        raise OSError("network disabled in this test")
    monkeypatch.setattr(socket.socket, "connect", refuse)
    monkeypatch.setattr(socket, "create_connection", refuse)


@NEED
def test_heading_classifier_loads_offline_and_labels_unseen_headings(no_network):
    hc_art = artifacts.load_joblib.__wrapped__(hc.ARTIFACT)
    got = hc.predict(hc_art, ["Mục tiêu cụ thể", "Kinh phí thực hiện", "Thời gian và tiến độ thực hiện",
                              "Đối với Ủy ban nhân dân các xã, thị trấn"])
    assert got[0] == ["muc_dich"]
    assert got[1] == ["kinh_phi"]
    assert got[2] == ["thoi_gian"]
    assert got[3] == []


@NEED
def test_heading_less_text_gets_classifier_labels(tmp_path, no_network):
    p = tmp_path / "tin_bai.txt"
    p.write_text(ARTICLE, encoding="utf-8")
    rec = extract(str(p))
    paras = [s for s in rec.sections if s.label_source == "classifier"]
    assert paras, "a text without headings gets its paragraphs labelled"
    assert all(s.path.startswith("P") and s.prov is not None for s in paras)
    assert "muc_dich" in paras[0].labels
    assert "to_chuc_thuc_hien" in paras[-1].labels
    out = rec.to_json()
    assert out["sections"] == [] and len(out["paragraphs"]) == len(paras)


@NEED
def test_numbered_plan_keeps_rule_outline_not_paragraph_labels():
    src = parse_text("I. MỤC TIÊU CỤ THỂ\n\nNâng cao nhận thức của cán bộ về cải cách hành chính trong năm.\n\n"
                     "II. KINH PHÍ THỰC HIỆN\n\nTừ nguồn ngân sách được giao cho các đơn vị trong năm.\n", "x.txt")
    doc = annotate(src)
    secs = doc._.records["sections"]
    assert [(s.path, s.labels, s.label_source) for s in secs] == [("I", ["muc_dich"], "heading_classifier"),
                                                                       ("II", ["kinh_phi"], "heading_classifier")]


def test_missing_model_falls_back_to_rules_with_one_warning(tmp_path, monkeypatch):
    monkeypatch.setattr(artifacts, "MODELS_DIR", tmp_path)
    monkeypatch.setattr(artifacts, "_warned", set())
    artifacts.load_joblib.cache_clear()
    try:
        with warnings.catch_warnings(record=True) as w:
            warnings.simplefilter("always")
            lab, source = hc.labeller()
            hc.labeller()
            assert pc.load() is None
        assert lab(["Kinh phí thực hiện"]) == [["kinh_phi"]] and source == "rules"
        assert len([x for x in w if hc.ARTIFACT in str(x.message)]) == 1
    finally:
        artifacts.load_joblib.cache_clear()


@pytest.mark.skipif(not (MODELS / "unit_ner" / "meta.json").exists(), reason="NER not built (make models)")
def test_unit_ner_component_adds_org_spans(no_network):
    nlp = make_nlp(extra=["kh_unit_ner"])
    assert "kh_unit_ner" in nlp.pipe_names
    src = parse_text("Giao Văn phòng Sở chủ trì, phối hợp với Sở Nội vụ và Ủy ban nhân dân các phường, xã triển khai.\n", "x.txt")
    doc = annotate(src, nlp)
    assert all(sp.label_ == "ORG" for sp in doc.spans["unit_ner"])
    assert any("Sở" in sp.text for sp in doc.spans["unit_ner"])
