"""The 2025 province mapping and issuer keys that survive the merger."""
from __future__ import annotations

from collections import Counter

from extractor.compare.issuers import issuer_key, merges
from extractor.data import provinces, read_table


def test_mapping_has_every_old_province_with_a_source():
    table = read_table("province_merge_2025.tsv")
    olds = [r["old_name"] for r in table.rows]
    assert sorted(olds) == sorted(p["name"] for p in provinces())  # the 63 of provinces.tsv, each once
    assert len(olds) == 63
    for r in table.rows:
        assert r["status"] in {"report_nq202", "plan_reported", "unverified"}
        for key in r["source"].split(";"):
            url, _ = table.sources[key]
            assert url.startswith("https://")
    assert any("NQ 202/2025/QH15" in d for _, d in table.sources.values())


def test_34_units_after_the_merger():
    news = Counter(m.new_name for m in merges().values())
    assert len(news) == 34
    assert len({m.new_name for m in merges().values() if m.new_kind == "thành phố"}) == 6
    assert merges()["yen bai"].new_name == "Lào Cai"
    assert merges()["ha giang"].new_name == "Tuyên Quang"
    assert merges()["thua thien hue"].new_name == "Huế"


def test_issuer_key_is_stable_across_the_merger():
    a = issuer_key("Sở Nội vụ tỉnh Yên Bái")
    b = issuer_key("Sở Nội vụ tỉnh Lào Cai")
    assert a.key == b.key and a.province == "Yên Bái" and b.province_now == "Lào Cai"
    assert issuer_key("UBND tỉnh Lào Cai").key == issuer_key("Ủy ban nhân dân tỉnh Yên Bái").key
    assert issuer_key("Sở Y tế", place="Bà Rịa - Vũng Tàu").key == issuer_key("Sở Y tế thành phố Hồ Chí Minh").key
    assert issuer_key("Sở Y tế tỉnh Khánh Hòa").key != issuer_key("Sở Y tế tỉnh Lào Cai").key


def test_levels_are_noted():
    assert issuer_key("Ủy ban nhân dân huyện Văn Yên", place="Yên Bái").level == "district"
    assert issuer_key("Ủy ban nhân dân huyện Văn Yên", place="Yên Bái").province_now == "Lào Cai"
    assert issuer_key("UBND thành phố Hải Phòng").level == "province"
    assert issuer_key("Ủy ban nhân dân xã Tân Lập", place="Bắc Giang").level == "commune"
    assert issuer_key("Bộ Nội vụ").level == "central"
