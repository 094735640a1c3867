"""Citations as a second set of portal pages write them (issue 11 item 6), on strings written for the
test: issuers that run into the cited document's title, posts before a body, joint circulars, party
codes that lost a dash or carry more parts, a page cut inside a citation, law names in other case."""
from __future__ import annotations

from extractor.nlp.citations.collect import collect
from extractor.nlp.names import PlanContext
from extractor.nlp.orgs import find_orgs

TQ = PlanContext(issuer="Ủy ban nhân dân tỉnh Tuyên Quang", issuer_base="Ủy ban nhân dân", province="Tuyên Quang")
XA = PlanContext(issuer="Ủy ban nhân dân xã Xuân Tín", issuer_base="Ủy ban nhân dân", locality="xã Xuân Tín")


def cits(text, ctx=TQ, grounds=(0, 0)):
    return {(r.cit.code or r.cit.name): r.cit for r in collect(text, ctx, None, grounds, "t.txt", "2024-12-31")}


def test_the_issuer_stops_where_the_cited_documents_title_begins():
    got = cits("Căn cứ Quyết định số 605/QĐ-UBND ngày 16/3/2022 của Ủy ban nhân dân tỉnh Phê duyệt Đề án Chính quyền "
               "số tỉnh Tuyên Quang;\nCăn cứ Quyết định số 73/QĐ-UBND ngày 26/02/2021 của Ủy ban nhân dân tỉnh Tuyên "
               "Quang công bố hiện trạng rừng;\nThực hiện Công văn số 2928/LĐTBXH-BVCSTE ngày 12/8/2014 của Bộ Lao "
               "động, Thương binh và Xã hội vềviệc triển khai.")
    assert got["605/QĐ-UBND"].issuer == "Ủy ban nhân dân tỉnh Tuyên Quang"
    assert got["73/QĐ-UBND"].issuer == "Ủy ban nhân dân tỉnh Tuyên Quang"
    assert got["2928/LĐTBXH-BVCSTE"].issuer.endswith("Thương binh và Xã hội")  # not "… Xã hội vềviệc"


def test_a_name_with_a_verb_like_word_in_capitals_is_still_one_body():
    assert [o.text for o in find_orgs("Ban Chỉ đạo tỉnh họp")] == ["Ban Chỉ đạo tỉnh"]


def test_a_post_before_the_body_and_a_provincial_body_in_a_commune_plan():
    got = cits("Căn cứ Quyết định số 1597/QĐ-UBND ngày 08/5/2020 của Chủ tịch UBND tỉnh về việc ban hành Kế hoạch;",
               ctx=XA)
    assert got["1597/QĐ-UBND"].issuer == "Chủ tịch Ủy ban nhân dân tỉnh"  # not the commune's own UBND


def test_a_proposal_names_the_body_not_its_aside():
    got = cits("Theo đề nghị của Sở Kế hoạch và Đầu tư (Thường trực Ban Vì sự tiến bộ phụ nữ tỉnh) tại Tờ trình "
               "số 126/TTr-SKHĐT ngày 23/01/2007,")
    assert got["126/TTr-SKHĐT"].issuer == "Sở Kế hoạch và Đầu tư tỉnh Tuyên Quang"


def test_joint_circular_names_both_issuers_and_quoc_hoi_has_no_term():
    got = cits("Căn cứ Thông tư liên tịch số 16/2013/TTLT-BYT-BNN&PTNT ngày 27/5/2013 của Bộ trưởng Bộ Y tế và Bộ "
               "trưởng Bộ Nông nghiệp và Phát triển nông thôn về việc hướng dẫn;\nCăn cứ Nghị quyết số 88/2019/QH14 "
               "ngày 18/11/2019 của Quốc hội khoá XIV về phê duyệt Đề án;")
    assert got["16/2013/TTLT-BYT-BNN&PTNT"].issuer == ("Bộ trưởng Bộ Y tế và Bộ trưởng Bộ Nông nghiệp và Phát "
                                                       "triển nông thôn")
    assert got["88/2019/QH14"].issuer == "Quốc hội"


def test_party_codes_without_a_dash_with_more_parts_or_a_glued_ngay():
    got = cits("Căn cứ Kế hoạch số 298 KH/TWĐTN ngày 14/7/2011 của Ban Chấp hành Trung ương Đoàn; căn cứ Kế hoạch "
               "số 183-KH/TWĐTN-TNNT ngày 28/2/2024 của Ban Bí thư Trung ương Đoàn; Căn cứ Thông báo số 70-TB/TWngày "
               "06 tháng 01 năm 2012 của Ban Bí thư Trung ương Đảng; Căn cứ Nghị quyết số 20NQ/TW ngày 25/10/2017 "
               "của Hội nghị lần thứ VI Ban Chấp hành TW khóa XII;")
    assert got["298-KH/TWĐTN"].issues == ["malformed_code"] and got["298-KH/TWĐTN"].date == "2011-07-14"
    assert got["183-KH/TWĐTN-TNNT"].date == "2024-02-28"
    assert got["70-TB/TW"].date == "2012-01-06"
    assert got["20-NQ/TW"].issues == ["malformed_code"]  # no issuer_mismatch for "Ban Chấp hành TW"


def test_a_citation_cut_by_the_page_end_in_its_code_or_date_is_left_out():
    got = cits("Căn cứ Quyết định số 719/QĐ-TTg ngày 05/6/2008; Xét đề nghị của Sở Thông tin và Truyền thông tại "
               "Tờ trình số 3754/TTr-STTTT ngày 15/11/202")
    assert set(got) == {"719/QĐ-TTg"}
    got = cits("Căn cứ Quyết định số 2629/QĐ-TTg ngày 01/12/2025; thực hiện các nhiệm vụ tại Quyết định số 2629/QĐ-T")
    assert set(got) == {"2629/QĐ-TTg"} and got["2629/QĐ-TTg"].mentions == 1


def test_a_law_and_a_decision_joined_by_va_are_two_citations():
    got = cits("Thực hiện Luật Hộ tịch năm 2014, Nghị định số 123/2015/NĐ-CP ngày 15/11/2015 của Chính phủ hướng dẫn "
               "một số điều của Luật Hộ tịch và Quyết định số 101/QĐ-TTG ngày 23/01/2017 của Thủ tướng Chính phủ;")
    assert got["101/QĐ-TTG"].issues == [] and got["101/QĐ-TTG"].text.startswith("Quyết định")
    assert got["Luật Hộ tịch"].mentions == 2


def test_a_law_named_again_in_other_case_inside_an_amending_law_is_a_mention():
    got = cits("Căn cứ Luật Tổ chức Chính quyền địa phương ngày 19/6/2015; Luật sửa đổi, bổ sung một số điều của Luật "
               "Tổ chức Chính phủ và Luật tổ chức chính quyền địa phương ngày 22/11/2019;")
    assert got["Luật Tổ chức Chính quyền địa phương"].mentions == 2


def test_an_issuer_spelt_with_a_lost_space_or_one_word_wrong_is_no_mismatch():
    got = cits("Căn cứ Thông tư số 02/2022/TT-BNNPTNT ngày 07/6/2022 của Bộ Nông nghiệp và Phát triển nông Xóm hướng "
               "dẫn xây dựng kế hoạch;\nCăn cứ Thông tư số 10/2022/TT-BYT ngày 31/5/2022 của Bộ Tài chính hướng dẫn;")
    assert got["02/2022/TT-BNNPTNT"].issues == []
    assert got["10/2022/TT-BYT"].issues == ["issuer_mismatch"]  # another body altogether is still flagged


def test_a_body_that_opens_with_a_numbered_list_of_documents_states_its_grounds():
    from extractor import extract

    text = """ỦY BAN NHÂN DÂN | CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM |
Số: 335/KH-UBND | Phú Thọ, ngày 10 tháng 02 năm 2023 |
1. Điều lệ trường trung học cơ sở, ban hành kèm theo Thông tư số 32/2020/TT-BGDĐT ngày 15/9/2020 của Bộ trưởng Bộ Giáo dục và Đào tạo;
2. Quy chế tuyển sinh ban hành kèm theo Thông tư số 11/2014/TT-BGDĐT ngày 18/4/2014 của Bộ trưởng Bộ Giáo dục và Đào tạo;
3. Quyết định số 932/QĐ-UBND ngày 22/4/2016 của UBND tỉnh Phú Thọ về việc quy định cụ thể;
II. MỤC ĐÍCH, YÊU CẦU
Tổ chức tuyển sinh đúng quy định; thực hiện theo Thông tư số 05/2018/TT-BGDĐT ngày 28/2/2018 của Bộ Giáo dục và Đào tạo.
"""
    rel = {c.code: c.relation for c in extract(text=text).citations}
    assert rel["32/2020/TT-BGDĐT"] == rel["11/2014/TT-BGDĐT"] == rel["932/QĐ-UBND"] == "basis"
    assert rel["05/2018/TT-BGDĐT"] == "mention"  # one activity's rule in the body
