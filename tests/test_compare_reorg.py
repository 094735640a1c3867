"""Series and diffs across the 2025 reorganisation of agencies (Sở, Bộ) and communes, as a researcher meets them.

The three plans in tests/fixtures/reorg are our own short texts on one subject: a 2023 plan of Sở Tài nguyên
và Môi trường tỉnh Yên Bái, a 2024 plan of Sở Nông nghiệp và Phát triển nông thôn tỉnh Yên Bái, and a 2026
plan of Sở Nông nghiệp và Môi trường tỉnh Lào Cai (the two Sở merged on 1/3/2025, Yên Bái into Lào Cai on
1/7/2025). In 2026 the cooperating Sở Thông tin và Truyền thông is Sở Khoa học và Công nghệ, and the
support for households once given with Sở Lao động - Thương binh và Xã hội is given with Sở Y tế.
"""
from __future__ import annotations

import os
from pathlib import Path

import pytest

import extractor
from extractor.compare import agencies, communes
from extractor.compare.issuers import issuer_key, merges_from
from extractor.data import DataError, parse_table, read_table

REORG = Path(__file__).resolve().parent / "fixtures" / "reorg"


@pytest.fixture(scope="module")
def result():
    return extractor.compare(extractor.run([str(REORG)], workers=1, quiet=True))


def _by_file(df):
    return df.assign(file=df["file"].map(os.path.basename)).set_index("file")


def test_a_so_plan_continues_the_plan_of_the_so_it_was_merged_from(result):
    s = _by_file(result.plan_series)
    old, new = s.loc["R2_snnptnt_yenbai_2024.txt"], s.loc["R3_snnmt_laocai_2026.txt"]
    assert "Phát triển nông thôn" in old["issuer"] and "Nông nghiệp và Môi trường" in new["issuer"]
    assert new["series_id"] == old["series_id"] and new["issuer_key"] == old["issuer_key"]
    assert os.path.basename(new["prev_file"]) == "R2_snnptnt_yenbai_2024.txt"


def test_before_the_merger_the_two_old_so_are_two_issuers(result):
    s = _by_file(result.plan_series)
    tnmt, nnptnt = s.loc["R1_stnmt_yenbai_2023.txt"], s.loc["R2_snnptnt_yenbai_2024.txt"]
    # one key (both became Sở Nông nghiệp và Môi trường), yet a 2024 plan of one does not continue a 2023 plan of the other
    assert tnmt["issuer_key"] == nnptnt["issuer_key"]
    assert tnmt["series_id"] != nnptnt["series_id"]
    assert not isinstance(nnptnt["prev_file"], str)


def test_the_diff_reports_a_unit_renamed_by_the_reorganisation_as_changed(result):
    d = result.plan_diffs
    d = d[(d["part"] == "units") & d["b_file"].str.endswith("R3_snnmt_laocai_2026.txt")]
    khcn = d[d["key"] == "Sở Khoa học và Công nghệ"]
    assert khcn["change"].tolist() == ["changed"]
    assert khcn["a_value"].iloc[0] == "Sở Thông tin và Truyền thông"
    assert "Sở Thông tin và Truyền thông merged into Sở Khoa học và Công nghệ" in khcn["detail"].iloc[0]
    yte = d[d["key"] == "Sở Y tế"]
    assert yte["change"].tolist() == ["changed"] and "Sở Lao động - Thương binh và Xã hội" in yte["detail"].iloc[0]
    # neither old unit is reported dropped, nor its successor new
    assert d[d["change"].isin(["added", "removed"])].empty, d[d["change"].isin(["added", "removed"])]


def test_keys_of_ministries_agencies_and_communes():
    assert issuer_key("Bộ Tài nguyên và Môi trường").key == issuer_key("Bộ Nông nghiệp và Môi trường").key
    assert issuer_key("Bộ Kế hoạch và Đầu tư").key == issuer_key("Bộ Tài chính").key
    assert issuer_key("Sở TN&MT tỉnh Yên Bái").key == issuer_key("Sở Nông nghiệp và Môi trường tỉnh Lào Cai").key
    ldtbxh = issuer_key("Sở Lao động - Thương binh và Xã hội tỉnh Lạng Sơn")
    assert ldtbxh.key == issuer_key("Sở Nội vụ tỉnh Lạng Sơn").key and ldtbxh.level == "province"
    assert issuer_key("Ban Dân tộc tỉnh Lào Cai").key == issuer_key("Sở Dân tộc và Tôn giáo tỉnh Lào Cai").key
    # the People's Council's own Ban Dân tộc is no agency
    assert issuer_key("Ban Dân tộc Hội đồng nhân dân tỉnh Lào Cai").key != issuer_key("Sở Dân tộc và Tôn giáo tỉnh Lào Cai").key
    ward = issuer_key("Ủy ban nhân dân phường Thắng Nhì", place="Vũng Tàu")
    assert ward.key == issuer_key("Ủy ban nhân dân phường Vũng Tàu thành phố Hồ Chí Minh").key
    assert ward.province == "Bà Rịa - Vũng Tàu" and ward.since == "2025-07-01"
    # a commune of the same name elsewhere is not taken for it
    assert issuer_key("Ủy ban nhân dân phường 1", place="Bến Tre").key != ward.key


def test_every_agency_and_commune_row_has_a_source():
    for name, loader in (("agency_merge_2025.tsv", agencies.moves), ("commune_merge_2025.tsv", communes.moves)):
        table = read_table(name)
        rows = loader()
        assert len(rows) == len(table.rows) > 0
        for r in rows:
            assert r.source and all(table.sources[k][0].startswith(("http://", "https://")) for k in r.source)
    olds = {m.old_name for m in agencies.moves() if m.relation == "merged_into" and m.level == "province"}
    assert {"Sở Kế hoạch và Đầu tư", "Sở Tài nguyên và Môi trường", "Sở Nông nghiệp và Phát triển nông thôn",
            "Sở Giao thông vận tải", "Sở Thông tin và Truyền thông", "Sở Lao động - Thương binh và Xã hội",
            "Ban Dân tộc"} <= olds


_AGENCY_HEAD = ("# source: k = https://example.org/x — a page\n"
                "level\tprovince\told_name\tnew_name\trelation\tfunctions\teffective\tstatus\taliases\tsource\n")


@pytest.mark.parametrize("row", [
    "province\t*\tSở A\tSở B\tmerged_into\t\t2025-03-01\tguessed\t\tk",  # unknown status
    "province\t*\tSở A\tSở B\tmerged_into\t\t2025-03-01\tnational\t\tnope",  # undeclared source
    "province\t*\tSở A\tSở B\tmerged_into\t\t2025-03-01\tnational\t\t",  # no source
    "province\t*\tSở A\tSở B\tmerged_into\t\t1/3/2025\tnational\t\tk",  # bad date
    "province\t*\tSở A\tSở B\tpart_to\t\t2025-03-01\tnational\t\tk",  # part_to without its functions
    "province\tAtlantis\tSở A\tSở B\tmerged_into\t\t2025-03-01\tnational\t\tk",  # no such province
    "province\t*\tSở A\tSở B\tmerged_into\t2025-03-01\tnational\tk",  # a cell missing
])
def test_the_agency_loader_raises_on_a_malformed_file(row):
    with pytest.raises(DataError):
        agencies.moves_from(parse_table("agency_merge_2025.tsv", _AGENCY_HEAD + row + "\n"))


def test_the_commune_loader_raises_on_a_malformed_file():
    head = "# source: k = https://example.org/x — a page\nold_province\told_district\told_name\tnew_name\tstatus\tsource\n"
    assert communes.moves_from(parse_table("commune_merge_2025.tsv", head + "Lào Cai\tBảo Yên\txã A\txã B\tenacted\tk\n"))
    for row in ("Lào Cai\tBảo Yên\txã A\txã B\tguessed\tk", "Lào Cai\t\txã A\txã B\tenacted\tk",
                "Lào Cai\tBảo Yên\txã A\txã B\tenacted\tnope"):
        with pytest.raises(DataError):
            communes.moves_from(parse_table("commune_merge_2025.tsv", head + row + "\n"))
    with pytest.raises(DataError):
        parse_table("commune_merge_2025.tsv", head.replace("status\t", "") + "Lào Cai\tBảo Yên\txã A\txã B\tk\n")


def test_the_province_loader_raises_on_a_malformed_file():
    head = "# source: k = https://example.org/x — a page\nold_name\tnew_name\tnew_kind\tstatus\tsource\n"
    assert merges_from(parse_table("province_merge_2025.tsv", head + "Yên Bái\tLào Cai\ttỉnh\treport_nq202\tk\n"))
    for row in ("Yên Bái\tLào Cai\ttỉnh\tguessed\tk", "Yên Bái\tLào Cai\ttỉnh\treport_nq202\tnope",
                "Atlantis\tLào Cai\ttỉnh\treport_nq202\tk"):
        with pytest.raises(DataError):
            merges_from(parse_table("province_merge_2025.tsv", head + row + "\n"))
