"""Citations written the way real plans write them (issue 11 item 6), on strings written for the test."""
from __future__ import annotations

from types import SimpleNamespace

from extractor.nlp.citations.collect import collect, grounds_sections, own_numbers
from extractor.nlp.citations.flow import flow
from extractor.nlp.citations.relation import Grounds
from extractor.nlp.names import PlanContext

KH = PlanContext(issuer="Ủy ban nhân dân tỉnh Khánh Hòa", issuer_base="Ủy ban nhân dân", province="Khánh Hòa")
HN = PlanContext(issuer="Ủy ban nhân dân thành phố Hà Nội", issuer_base="Ủy ban nhân dân", province="Hà Nội")


def cits(text, grounds=(0, 0), own=None, ctx=KH):
    return {(r.cit.code or r.cit.name): r.cit for r in collect(text, ctx, own, grounds, "t.txt", "2024-12-31")}


def test_laws_by_name_with_the_date_written_out_or_only_a_year():
    got = cits("Căn cứ Luật Tổ chức chính quyền địa phương ngày 19 tháng 6 năm 2015;\n"
               "Căn cứ Luật Thú y năm 2015; Luật Chăn nuôi năm 2018;\n"
               "Căn cứ Luật Đất đai được Quốc hội khóa XIII thông qua ngày 29/11/2013;")
    law = got["Luật Tổ chức chính quyền địa phương"]
    assert (law.doc_type, law.date, law.issuer, law.relation) == ("L", "2015-06-19", "Quốc hội", "basis")
    assert got["Luật Thú y"].date == "2015" and got["Luật Chăn nuôi"].date == "2018"
    assert got["Luật Chăn nuôi"].relation == "basis"  # after the semicolon, still under "Căn cứ"
    assert got["Luật Đất đai"].date == "2013-11-29"


def test_abbreviated_law_names_are_written_out():
    got = cits("Căn cứ Luật Tổ chức HĐND và UBND ngày 26/11/2003;\n"
               "Căn cứ Luật Ban hành VB QPPL của HĐND, UBND ngày 03/12/2004;")
    assert set(got) == {"Luật Tổ chức Hội đồng nhân dân và Ủy ban nhân dân",
                        "Luật Ban hành văn bản quy phạm pháp luật của Hội đồng nhân dân, Ủy ban nhân dân"}
    assert got["Luật Tổ chức Hội đồng nhân dân và Ủy ban nhân dân"].text == "Luật Tổ chức HĐND và UBND ngày 26/11/2003"


def test_an_amending_law_is_one_citation_and_names_the_laws_it_amends():
    got = cits("Căn cứ Luật Tổ chức chính quyền địa phương năm 2015; Luật sửa đổi, bổ sung một số điều của Luật Tổ "
               "chức Chính phủ và Luật Tổ chức chính quyền địa phương ngày 22/11/2019;")
    amend = "Luật sửa đổi, bổ sung một số điều của Luật Tổ chức Chính phủ và Luật Tổ chức chính quyền địa phương"
    assert set(got) == {"Luật Tổ chức chính quyền địa phương", amend}
    assert (got[amend].date, got[amend].relation, got[amend].issuer) == ("2019-11-22", "basis", "Quốc hội")
    ccqdp = got["Luật Tổ chức chính quyền địa phương"]
    assert (ccqdp.date, ccqdp.dates, ccqdp.mentions, ccqdp.issues) == ("2015", ["2015"], 2, [])


def test_an_ordinance_names_no_issuer_unless_the_text_does():
    got = cits("Căn cứ Pháp lệnh Công an xã ngày 21/11/2008;")
    assert got["Pháp lệnh Công an xã"].issuer is None and got["Pháp lệnh Công an xã"].doc_type == "PL"


def test_a_list_head_gives_type_and_issuer_to_the_items_after_it():
    got = cits("Căn cứ các Quyết định của Thủ tướng Chính phủ: số 1400/QĐ-TTg ngày 30/9/2008 về việc phê duyệt Đề án "
               "“Dạy và học ngoại ngữ”; Quyết định số 2080/QĐ-TTg ngày 22/12/2017 phê duyệt điều chỉnh Đề án;\n"
               "Căn cứ các Thông tư của Bộ NN và PTNT: Thông tư số 04/2016/TT-BNNPTNT ngày 10/5/2016 quy định về phòng, "
               "chống dịch bệnh; Thông tư số 07/2016/TT-BNNPTNT ngày 31/5/2016;\n"
               "Căn cứ các Kế hoạch của Ban Chỉ đạo 35 tỉnh: số 12/KH-BCĐ35 ngày 02/3/2023; số 14/KH-BCĐ35 ngày 04/5/2023;\n"
               "Sở Y tế ban hành Kế hoạch như sau:", grounds=(0, None))
    assert {c.code: (c.doc_type, c.relation) for c in got.values()} == {
        "1400/QĐ-TTg": ("QĐ", "basis"), "2080/QĐ-TTg": ("QĐ", "basis"),
        "04/2016/TT-BNNPTNT": ("TT", "basis"), "07/2016/TT-BNNPTNT": ("TT", "basis"),
        "12/KH-BCĐ35": ("KH", "basis"), "14/KH-BCĐ35": ("KH", "basis")}
    assert got["1400/QĐ-TTg"].issuer == "Thủ tướng Chính phủ"
    assert got["07/2016/TT-BNNPTNT"].issuer == "Bộ Nông nghiệp và Phát triển nông thôn"
    assert got["14/KH-BCĐ35"].issuer == "Ban Chỉ đạo 35 tỉnh Khánh Hòa"


def test_every_preamble_line_of_a_decision_and_its_proposal_are_basis():
    text = ("Căn cứ Luật Thú y ngày 19/6/2015;\n"
            "Căn cứ Quyết định số 476/QĐ-BNN-TY ngày\n17/02/2016 của Bộ Nông nghiệp và Phát triển nông thôn;\n"
            "Theo đề nghị của Giám đốc Sở Nông nghiệp và\nPhát triển nông thôn tại Tờ trình số 1630/TTr-SNN-TY ngày "
            "15 tháng 9 năm 2016,\nQUYẾT ĐỊNH:\nĐiều 1. Ban hành Kế hoạch kèm theo Quyết định này.")
    got = cits(text, grounds=(0, None))
    assert {k: c.relation for k, c in got.items()} == {"Luật Thú y": "basis", "476/QĐ-BNN-TY": "basis",
                                                        "1630/TTr-SNN-TY": "basis"}
    # the Sở that proposes to a province's UBND is that province's (as the header set's gold has it)
    assert got["1630/TTr-SNN-TY"].issuer == "Giám đốc Sở Nông nghiệp và Phát triển nông thôn tỉnh Khánh Hòa"
    assert got["1630/TTr-SNN-TY"].date == "2016-09-15"
    assert got["476/QĐ-BNN-TY"].text == "Quyết định số 476/QĐ-BNN-TY ngày\n17/02/2016 của Bộ Nông nghiệp và Phát triển nông thôn"


def test_an_official_letter_cited_as_van_ban_so():
    got = cits("Căn cứ văn bản số 3115/BTTTT-CVT ngày 02/8/2023 của Bộ Thông tin và Truyền thông về việc xây dựng Kế hoạch.")
    c = got["3115/BTTTT-CVT"]
    assert (c.doc_type, c.issuer, c.date, c.issues) == ("CV", "Bộ Thông tin và Truyền thông", "2023-08-02", [])


def test_party_codes_with_the_issuer_the_text_names():
    got = cits("Thực hiện Nghị quyết số 36-NQ/TW ngày 01/7/2014 của Bộ Chính trị; Công văn số 1781-CV/TU ngày 05/3/2024 "
               "của Ban Thường vụ Tỉnh ủy; Chỉ thị số 39-CT/TW ngày 01/11/2019 của Ban Bí thư Trung ương Đảng; Nghị quyết "
               "số 19-NQ/TW ngày 25 tháng 10 năm 2017 của Hội nghị lần thứ sáu Ban Chấp\nhành Trung ương khóa XII về "
               "tiếp tục đổi mới, Sở Y tế ban hành Kế hoạch.")
    assert {k: (c.issuer, c.issues, c.relation) for k, c in got.items()} == {
        "36-NQ/TW": ("Bộ Chính trị", [], "basis"),
        "1781-CV/TU": ("Ban Thường vụ Tỉnh ủy Khánh Hòa", [], "basis"),
        "39-CT/TW": ("Ban Bí thư Trung ương Đảng", [], "basis"),
        "19-NQ/TW": ("Hội nghị lần thứ sáu Ban Chấp hành Trung ương khóa XII", [], "basis")}


def test_a_city_party_committee_is_completed_with_its_city():
    got = cits("Căn cứ Chương trình hành động số 16-CTr/TU ngày 25/3/2008 của Ban Thường vụ Thành ủy về cải cách;", ctx=HN)
    assert (got["16-CTr/TU"].issuer, got["16-CTr/TU"].issues) == ("Ban Thường vụ Thành ủy Hà Nội", [])


def test_relative_and_abbreviated_issuers_are_completed():
    got = cits("Căn cứ Kế hoạch số 5731/KH-UBND ngày 03/8/2022 của\nUBND tỉnh thực hiện chuyển đổi số; Thực hiện văn bản "
               "số 8689/BNN-TY ngày 13/10/2016 của Bộ Nông nghiệp và PTNT về việc xây dựng kế hoạch.")
    assert got["5731/KH-UBND"].issuer == "Ủy ban nhân dân tỉnh Khánh Hòa"
    assert (got["8689/BNN-TY"].issuer, got["8689/BNN-TY"].issues) == ("Bộ Nông nghiệp và Phát triển nông thôn", [])


def test_the_named_issuer_stops_before_the_next_document_and_the_title():
    got = cits("Căn cứ Kế hoạch số 275/KH-UBND ngày 06/10/2024 về triển khai Quyết định số 1745/QĐ-TTg ngày 15/08/2024 "
               "của Thủ tướng Chính phủ và Kế hoạch số 358-KH/TU ngày 22/8/2024 của Thành ủy Hà Nội; Thông tư số "
               "12/2010/TT-BCA ngày 08/4/2010 của Bộ Công an quy định cụ thể thi hành;", ctx=HN)
    assert got["1745/QĐ-TTg"].issuer == "Thủ tướng Chính phủ"
    assert (got["358-KH/TU"].issuer, got["358-KH/TU"].issues) == ("Thành ủy Hà Nội", [])
    assert got["12/2010/TT-BCA"].issuer == "Bộ Công an"


def test_mentions_as_a_reader_counts_them():
    text = ("Chương trình hành động thực hiện Nghị quyết số 57\n"
            "Thực hiện Nghị quyết số 57-NQ/TW, ngày 22/12/2024 của Bộ Chính trị (Nghị quyết số 57-NQ/TW), Ban Thường vụ "
            "ban hành Chương trình hành động như sau:\nI. MỤC ĐÍCH\n1. Quán triệt Nghị quyết số 57-NQ/TW.")
    assert cits(text, grounds=(0, None))["57-NQ/TW"].mentions == 4
    title = ("KẾ HOẠCH\nTRIỂN KHAI THỰC HIỆN NGHỊ QUYẾT SỐ 35/NQ-CP NGÀY 04/6/2019 CỦA CHÍNH PHỦ\n"
             "Căn cứ Nghị quyết số 35/NQ-CP ngày 04/6/2019 của Chính phủ về tăng cường huy động nguồn lực;")
    got = cits(title)["35/NQ-CP"]
    assert (got.mentions, got.date, got.issuer) == (2, "2019-06-04", "Chính phủ")


def test_the_plans_own_number_is_never_a_citation():
    header = "ỦY BAN NHÂN DÂN | CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM |\nSố: 54/KH-UBND | Lạng Sơn, ngày 27 tháng 3 năm 2020 |\n"
    assert own_numbers(header) == ["54/KH-UBND"]
    assert cits(header + "Kế hoạch 54/KH-UBND năm 2020 về dinh dưỡng.") == {}
    attached = ("KẾ HOẠCH\nPHÒNG, CHỐNG BỆNH LỞ MỒM LONG MÓNG\n(Ban hành kèm theo Quyết định số /QĐ-UBND\n"
                "ngày /10/2016 của UBND tỉnh)\n")
    assert cits(attached) == {}
    news = ("Ngày 24/8/2018, UBND huyện ban hành Kế hoạch số 231/KH-UBND về việc rà soát hộ nghèo. UBND tỉnh vừa ban "
            "hành Kế hoạch ra quân năm 2020 (Kế hoạch số 11/KH-UBND ngày 15/01/2020). Chi tiết Kế hoạch 231/KH-UBND.")
    assert set(cits(news, grounds=(0, None))) == {"11/KH-UBND"}  # the page reports one plan: the first it announces
    review = "Năm 2023, UBND tỉnh đã ban hành Kế hoạch số 45/KH-UBND ngày 02/3/2023 về chuyển đổi số."
    assert set(cits(review, own="12/KH-UBND")) == {"45/KH-UBND"}  # with its own number known, an earlier plan is cited


def test_a_code_with_a_space_inside_is_malformed_and_spaced_separators_are_not():
    got = cits("Căn cứ Thông tư số 24/2019/TT- BNNPTNT ngày 24/12/2019 và Quyết định số 286 / QĐ - UBND ngày 26/01/2022;")
    assert got["24/2019/TT-BNNPTNT"].issues == ["malformed_code"]
    assert got["286/QĐ-UBND"].issues == []


def test_a_code_cut_by_the_end_of_the_page_is_left_out():
    assert set(cits("Căn cứ Quyết định số 719/QĐ-TTg ngày 05/6/2008; Quyết định số 531/Q")) == {"719/QĐ-TTg"}


def test_literal_line_break_escapes_and_wrapped_lines_inside_a_citation():
    got = cits("Thực hiện Quyết định số 1896/QĐ-TTg\\r\\nngày 25/12/2019 của Thủ tướng Chính phủ ban hành Chương trình.")
    assert got["1896/QĐ-TTg"].date == "2019-12-25"
    assert got["1896/QĐ-TTg"].text == "Quyết định số 1896/QĐ-TTg\\r\\nngày 25/12/2019 của Thủ tướng Chính phủ"
    wrapped = cits("Căn cứ Nghị\nquyết số 08/NQ-CP ngày 24\ntháng 01 năm 2018 ban hành Chương trình hành động;")
    assert wrapped["08/NQ-CP"].date == "2018-01-24" and wrapped["08/NQ-CP"].doc_type == "NQ"


def test_flow_keeps_offsets_and_the_breaks_that_end_items_and_headings():
    text = "I. MỤC ĐÍCH\n1. Mục đích\n- Tuyên truyền\ncác nội dung của\nKế hoạch.\nKẾ HOẠCH\nPHÁT TRIỂN HẠ TẦNG"
    out = flow(text)
    assert len(out) == len(text)
    assert out == "I. MỤC ĐÍCH\n1. Mục đích\n- Tuyên truyền các nội dung của Kế hoạch.\nKẾ HOẠCH\nPHÁT TRIỂN HẠ TẦNG"


def test_without_an_outline_only_stated_grounds_are_basis():
    text = ("Ngày 24/8/2018, UBND huyện ban hành kế hoạch rà soát hộ nghèo. Quy trình rà soát thực hiện theo quy định tại "
            "Điều 5 Thông tư 17/2016/TT-BLĐTBXH ngày 28/6/2016 của Bộ Lao động Thương binh và xã hội.\n"
            "- Luật Công nghệ thông tin ngày 29/6/2006;\n- Luật An toàn thông tin mạng ngày 19/11/2015;\n"
            "Đề nghị kết hợp tiếp xúc cử tri cùng Tổ đại biểu HĐND tỉnh (theo Kế hoạch số 27/KH-TĐB ngày 9/5/2019 của "
            "Tổ đại biểu HĐND tỉnh).\nTheo đó, Kế hoạch nhằm triển khai thực hiện Đề án được phê duyệt tại Quyết định "
            "số 905/QĐ-BNV ngày 17/11/2022 của Bộ Nội vụ.")
    got = cits(text, grounds=(0, None))
    tt = got["17/2016/TT-BLĐTBXH"]
    assert (tt.relation, tt.issuer, tt.issues) == ("mention", "Bộ Lao động - Thương binh và Xã hội", [])
    assert got["Luật Công nghệ thông tin"].relation == got["Luật An toàn thông tin mạng"].relation == "basis"
    assert got["27/KH-TĐB"].relation == "mention"
    assert got["905/QĐ-BNV"].relation == "basis"  # what the reported plan implements
    assert got["27/KH-TĐB"].issuer == "Tổ đại biểu Hội đồng nhân dân tỉnh Khánh Hòa"


def test_a_grounds_section_of_the_outline_is_basis():
    items = [SimpleNamespace(heading="CĂN CỨ PHÁP LÝ", level=1), SimpleNamespace(heading="Văn bản của Trung ương", level=2),
             SimpleNamespace(heading="MỤC ĐÍCH, YÊU CẦU", level=1)]
    spans = grounds_sections(items, [0, 20, 120], 300)
    assert spans == [(0, 120)]
    text = "I. CĂN CỨ PHÁP LÝ\n1. Văn bản của Trung ương\nQuyết định số 749/QĐ-TTg ngày 03/6/2020 của Thủ tướng Chính phủ."
    assert cits(text, grounds=Grounds(0, 0, [(0, len(text))]))["749/QĐ-TTg"].relation == "basis"
    assert cits(text, grounds=Grounds(0, 0, []))["749/QĐ-TTg"].relation == "mention"


def test_a_practical_grounds_item_is_not_a_grounds_section():
    items = [SimpleNamespace(heading="CĂN CỨ XÂY DỰNG KẾ HOẠCH", level=1), SimpleNamespace(heading="Căn cứ pháp lý", level=2),
             SimpleNamespace(heading="Căn cứ thực tiễn", level=2), SimpleNamespace(heading="MỤC ĐÍCH", level=1)]
    assert grounds_sections(items, [0, 30, 200, 400], 900) == [(0, 200)]


HP = PlanContext(issuer="Ủy ban nhân dân thành phố Hải Phòng", issuer_base="Ủy ban nhân dân", province="Hải Phòng")


def test_every_document_of_a_proposal_sentence_is_basis_and_qualified_types_are_read():
    got = cits("Căn cứ Luật Giao dịch điện tử (sửa đổi) ngày 22 tháng 6 năm 2023;\n"
               "Xét đề nghị của Giám đốc Sở Nội vụ tại Tờ trình số 45/TTr-SNV ngày 02/5/2024 và "
               "Báo cáo thẩm định số 18/BCTĐ-STP ngày 25/4/2024 của Sở Tư pháp.", ctx=HP)
    law = got["Luật Giao dịch điện tử"]
    assert (law.date, law.relation) == ("2023-06-22", "basis")
    assert got["45/TTr-SNV"].relation == "basis"
    assert got["18/BCTĐ-STP"].relation == "basis" and got["18/BCTĐ-STP"].doc_type == "BC"


def test_a_body_of_a_centrally_run_city_is_named_with_thanh_pho():
    got = cits("Thực hiện Quyết định số 12/QĐ-UBND ngày 05/01/2024 của UBND thành phố;", ctx=HP)
    assert got["12/QĐ-UBND"].issuer == "Ủy ban nhân dân thành phố Hải Phòng"


def test_a_law_named_in_lower_case_is_cited():
    """Offices write "Luật cán bộ, công chức ngày 13/11/2008" as readily as "Luật Cán bộ, công chức"."""
    from extractor import get_citations

    cits = get_citations("Căn cứ Luật cán bộ, công chức ngày 13/11/2008; Luật viên chức ngày 15 tháng 11 năm 2010;")
    assert [(c.name, c.date, c.issuer) for c in cits] == [("Luật cán bộ, công chức", "2008-11-13", "Quốc hội"),
                                                         ("Luật viên chức", "2010-11-15", "Quốc hội")]
    # a sentence about a law is no law's name
    assert get_citations("Luật này có hiệu lực thi hành từ ngày 01/7/2025.") == []
    assert get_citations("Luật được áp dụng từ ngày 01/01/2025 và") == []


def test_an_amending_law_misspelt_or_dated_without_ngay_is_one_citation():
    """Offices type "Luật sữa đổi" for "sửa đổi" and drop "ngày" before a law's date
    ("… và Luật viên chức 6/12/2019"): still the amending law, dated, as the text spells it."""
    from extractor import get_citations

    cits = get_citations("Căn cứ Luật cán bộ, công chức ngày 13/11/2008; Luật sữa đổi, bổ sung một số điều của "
                         "Luật cán bộ, công chức và Luật viên chức 6/12/2019;")
    assert [(c.name, c.date) for c in cits] == [
        ("Luật cán bộ, công chức", "2008-11-13"),
        ("Luật sữa đổi, bổ sung một số điều của Luật cán bộ, công chức và Luật viên chức", "2019-12-06")]
    assert get_citations("Căn cứ Luật Đất đai 18/01/2024;")[0].date == "2024-01-18"
