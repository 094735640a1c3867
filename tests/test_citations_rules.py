"""Citation rules an auditor relies on: repairs, short forms, laws, relation cues, checks."""
from __future__ import annotations

import pytest

from extractor.nlp.citations.check import check
from extractor.nlp.citations.clean import repair_code
from extractor.nlp.citations.find import find
from extractor.nlp.citations.resolve import resolve
from extractor.nlp.names import PlanContext

CTX = PlanContext(issuer="Sở Y tế tỉnh Khánh Hòa", issuer_base="Sở Y tế", province="Khánh Hòa")


def cits(text: str, preamble=(0, 0), own=None, plan_date="2024-12-31"):
    out = resolve(text, find(text), CTX, own, preamble, "t.txt")
    for r in out:
        r.cit.issues = check(r.cit, r.named_issuer, r.type_word, plan_date)
    return {r.cit.key: r.cit for r in out}


@pytest.mark.parametrize("raw, want", [
    ("749/QĐTTg", ("749/QĐ-TTg", True)),
    ("16-NQ-TU", ("16-NQ/TU", True)),
    ("05/KH-SLĐT BXH", ("05/KH-SLĐTBXH", True)),
    ("2O/QĐ-UBND", ("20/QĐ-UBND", True)),
    ("26/2O19/TT-BTC", ("26/2019/TT-BTC", True)),
    ("12/QD-UBND", ("12/QĐ-UBND", True)),
    ("12/DA-UBND", ("12/DA-UBND", False)),  # Dự án, not a damaged Đề án
    ("286 / QĐ - UBND", ("286/QĐ-UBND", False)),
    ("5104/BTTTT-PTTH&TTĐT", ("5104/BTTTT-PTTH&TTĐT", False)),
    ("91/2015/QH13", ("91/2015/QH13", False)),
    ("03/VBHN-VPQH", ("03/VBHN-VPQH", False)),
    ("749/QĐTTTg", ("749/QĐ-TTg", True)),  # a letter read twice
    ("749/QĐ-TTEg", ("749/QĐ-TTg", True)),  # a stray letter
    ("12/QĐUBNDD", ("12/QĐ-UBND", True)),  # hyphen lost and a letter read twice
    ("12/QD-KBNN", ("12/QĐ-KBNN", True)),  # D for Đ repaired, the issuer kept: a valid code of its own
    ("749/QĐTTE", ("749/QĐ-TTg", True)),  # a letter misread
    ("12/QĐ-BTX", ("12/QĐ-BTX", False)),  # one letter from BTC, BTP…: no single reading, kept as written
    ("01/QĐ-BQLDA", ("01/QĐ-BQLDA", False)),  # not in the table, nothing to repair towards
])
def test_repair_code(raw, want):
    assert repair_code(raw) == want


def test_unrepairable_damage_is_left_alone():
    assert repair_code("l/QĐ-UBND") is None  # no real digit: not a number
    assert repair_code("12/QĐXYZ") is None  # no known issuer after the lost hyphen


def test_own_number_read_with_a_doubled_letter_is_still_the_plans_own():
    text = "Kế hoạch 485/KH-STTTTTT ngày 10/02/2022 của Sở Thông tin và Truyền thông."
    assert cits(text, own="485/KH-STTTT") == {}
    other = cits(text.replace("485", "486"), own="485/KH-STTTT")
    assert [c.number for c in other.values()] == ["486"]


def test_alias_and_short_forms_count_as_mentions_of_the_full_citation():
    text = ("Căn cứ Quyết định số 765/QĐ-UBND ngày 02/3/2023 của UBND tỉnh Khánh Hòa (sau đây viết tắt là "
            "Quyết định số 765). Nghị định số 61/2018/NĐ-CP ngày 23/4/2018 của Chính phủ.\n"
            "Các nhiệm vụ tại Quyết định số 765 và Nghị định 61 được triển khai. Quyết định số 999 không có.")
    got = cits(text)
    assert got["765/QĐ-UBND|Khánh Hòa"].mentions == 3
    assert got["61/2018/NĐ-CP"].mentions == 2
    assert len(got) == 2  # an unresolved short form is not a citation


def test_plan_own_number_is_not_a_citation():
    text = "PHỤ LỤC (Kèm theo Kế hoạch số 485/KH-STTTT ngày 02/3/2023 của Sở Thông tin và Truyền thông)"
    assert cits(text, own="485/KH-STTTT") == {}


def test_laws_by_name_date_and_number():
    text = ("Căn cứ Luật Phổ biến, giáo dục pháp luật ngày 20 tháng 6 năm 2012;\n"
            "Căn cứ Luật Ngân sách nhà nước số 83/2015/QH13;\n- Thực hiện đúng Luật Phổ biến, giáo dục pháp luật.")
    got = cits(text, preamble=(0, 90))
    law = got["L|Luật Phổ biến, giáo dục pháp luật|2012-06-20"]
    assert (law.date, law.issuer, law.relation, law.mentions) == ("2012-06-20", "Quốc hội", "basis", 2)
    assert got["83/2015/QH13"].name == "Luật Ngân sách nhà nước"


def test_relation_follows_the_cue_heading_the_sentence():
    text = ("Thực hiện Quyết định số 12/QĐ-TTg ngày 01/02/2020 của Thủ tướng Chính phủ; Nghị quyết số 5/NQ-CP "
            "ngày 03/02/2020 của Chính phủ, Sở xây dựng kế hoạch.\n"
            "- Văn phòng báo cáo kết quả thực hiện Kế hoạch số 7/KH-BYT ngày 04/02/2020 của Bộ Y tế.\n"
            "- Bám sát mục tiêu theo tinh thần Chỉ thị số 8/CT-TTg ngày 05/02/2020 của Thủ tướng Chính phủ.")
    got = cits(text)
    assert got["12/QĐ-TTg"].relation == "basis" and got["5/NQ-CP"].relation == "basis"
    assert got["7/KH-BYT"].relation == "mention"
    assert got["8/CT-TTg"].relation == "basis"


def test_issuer_stops_at_the_clause_end():
    text = "theo Nghị quyết số 76/NQ-CP ngày 15/7/2021 của Chính phủ.\n\n- Các nội dung trọng tâm được tuyên truyền."
    assert cits(text)["76/NQ-CP"].issuer == "Chính phủ"


def test_checks():
    text = ("Kế hoạch số 268/KH-SYT ngày 16/02/2023 của UBND tỉnh; Thông tư số 26/2019/TT-BTC ngày 10/05/2019 "
            "ngày 21/5/2019 của Bộ Tài chính; Quyết định số 12/KH-UBND ngày 30/02/2020; "
            "Nghị định số 9/2018/NĐ-CP ngày 01/3/2019; Quyết định số 3/QĐ-UBND ngày 01/3/2030.")
    got = cits(text)
    assert got["268/KH-SYT|Khánh Hòa"].issues == ["issuer_mismatch"]
    assert got["26/2019/TT-BTC"].issues == ["conflicting_dates"]
    assert "type_mismatch" in got["12/KH-UBND|Khánh Hòa"].issues
    assert "invalid_date" in got["12/KH-UBND|Khánh Hòa"].issues
    assert got["9/2018/NĐ-CP"].issues == ["year_mismatch"]
    assert got["3/QĐ-UBND|Khánh Hòa"].issues == ["invalid_date"]  # after the plan's date


def test_context_is_the_sentence_around_the_first_mention():
    text = "I. MỤC TIÊU\nMột câu trước. Tuyên truyền Chỉ thị số 8/CT-TTg ngày 05/02/2020 của Thủ tướng Chính phủ. Câu sau."
    assert cits(text)["8/CT-TTg"].context == "Tuyên truyền Chỉ thị số 8/CT-TTg ngày 05/02/2020 của Thủ tướng Chính phủ."


def test_issuer_name_with_a_comma_goes_on_but_the_next_citation_does_not():
    text = ("Thực hiện Kế hoạch số 25/KH-SVHTTDL ngày 10/02/2024 của Sở Văn hóa, Thể thao và Du lịch, "
            "Chương trình số 12-CTr/TU ngày 31/3/2017 của Tỉnh ủy, Chỉ thị số 12/CT-UBND ngày 25/5/2017.")
    got = {k.split("|")[0]: c for k, c in cits(text).items()}
    assert got["25/KH-SVHTTDL"].issuer.startswith("Sở Văn hóa, Thể thao và Du lịch")
    assert got["25/KH-SVHTTDL"].issues == []
    assert got["12-CTr/TU"].issuer == "Tỉnh ủy Khánh Hòa"


def test_symbols_without_a_type_name_and_issuer_before_the_date():
    text = ("Thực hiện Thông báo kết luận số 12/TB-VPCP ngày 3/4/2023 của Văn phòng Chính phủ; QĐ số 286/QĐ-UBND "
            "ngày 26/01/2022 của UBND tỉnh; Nghị định số 61/2018/NĐ-CP của Chính phủ ngày 23/4/2018; theo hướng dẫn "
            "tại số 45/SYT-NVY ngày 2/3/2023 của Sở Y tế.\nSố: 28/KH-SYT\nMã số 123/ABC.")
    got = {k.split("|")[0]: c for k, c in cits(text).items()}
    assert sorted(got) == ["12/TB-VPCP", "286/QĐ-UBND", "45/SYT-NVY", "61/2018/NĐ-CP"]
    assert (got["12/TB-VPCP"].doc_type, got["12/TB-VPCP"].issues, got["12/TB-VPCP"].relation) == ("TB", [], "basis")
    assert got["286/QĐ-UBND"].text.startswith("QĐ số 286") and got["286/QĐ-UBND"].relation == "basis"
    assert got["61/2018/NĐ-CP"].date == "2018-04-23"
    assert (got["45/SYT-NVY"].doc_type, got["45/SYT-NVY"].date) == ("CV", "2023-03-02")


def test_joint_circular_is_issued_by_every_ministry_in_its_symbol():
    got = cits("Thực hiện Thông tư liên tịch số 04/2016/TTLT-BTC-BNV ngày 12/3/2016 về quản lý kinh phí.")
    assert got["04/2016/TTLT-BTC-BNV"].issuer == "Bộ Tài chính và Bộ Nội vụ"
    letter = cits("Theo Công văn số 5104/BTTTT-PTTH&TTĐT ngày 20/11/2023 về báo chí.")
    assert letter["5104/BTTTT-PTTH&TTĐT"].issuer == "Bộ Thông tin và Truyền thông"
    named = cits("Căn cứ Thông tư liên tịch số 06/2013/TTLT-BCA-BGDĐT ngày 28/5/2013 của Bộ Công an và "
                 "Bộ Giáo dục và Đào tạo hướng dẫn phối hợp;")
    assert named["06/2013/TTLT-BCA-BGDĐT"].issuer == "Bộ Công an và Bộ Giáo dục và Đào tạo"
