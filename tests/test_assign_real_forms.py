"""Assignment parts of real plans in the forms a second real set showed (issue 11 item 7), on strings written for
the test: party digests, Công văn digests, dates written with dots and hyphens, intros that hand out the items below."""
from __future__ import annotations

import pytest

from extractor import extract
from extractor.evaluate import similar
from extractor.nlp.assign import roles
from extractor.nlp.deadlines import find_deadlines
from extractor.nlp.names import PlanContext, normalize_name
from extractor.nlp.narrative import stated
from extractor.nlp.orgs import find_orgs


def dl(text, year=None):
    return [(f.text, f.kind, f.s, f.e, f.freq) for f in find_deadlines(text, year)]


@pytest.mark.parametrize("text, want", [
    ("Đại hội điểm hoàn thành trước ngày 12.4.2025.", ("trước ngày 12.4.2025", "due", None, "2025-04-12", None)),
    ("Đại hội chi bộ hoàn thành trong quý III.2024 theo hướng dẫn.", ("trong quý III.2024", "period", "2024-07-01", "2024-09-30", None)),
    ("Tổ chức quán triệt trong tháng 5.2025.", ("trong tháng 5.2025", "period", "2025-05-01", "2025-05-31", None)),
    ("Rà soát từ tháng 8 đến tháng 11-2024, báo cáo sau.", ("từ tháng 8 đến tháng 11-2024", "period", "2024-08-01", "2024-11-30", None)),
    ("Các chi bộ tổ chức đại hội trước ngày 28-2-2025.", ("trước ngày 28-2-2025", "due", None, "2025-02-28", None)),
    ("Đại hội Đảng bộ huyện hoàn thành trước tháng 9.2025.", ("trước tháng 9.2025", "due", None, "2025-08-31", None)),
    ("Đợt một từ nay đến ngày 15/10/2024, tuyên truyền trên loa.", ("từ nay đến ngày 15/10/2024", "period", None, "2024-10-15", None)),
])
def test_dates_written_with_dots_and_hyphens_keep_their_own_year(text, want):
    assert dl(text, 2030) == [want]  # the plan's year does not overrule the year the phrase gives


def test_a_day_and_month_with_a_dot_take_the_year_of_the_plan():
    assert dl("Đại hội Đảng bộ xã tổ chức trước ngày 20.3; hoàn thiện dự thảo trước ngày 2.4.", 2025) == [
        ("trước ngày 20.3", "due", None, "2025-03-20", None), ("trước ngày 2.4", "due", None, "2025-04-02", None)]


def test_a_weekday_that_comes_back_is_weekly_but_an_ordinal_or_a_dated_weekday_is_not():
    assert dl("Tổng vệ sinh vào sáng thứ Bảy và Chủ nhật; dọn cỏ vào chiều thứ Sáu.") == [
        ("vào sáng thứ Bảy và Chủ nhật", "recurring", None, None, "weekly"),
        ("vào chiều thứ Sáu", "recurring", None, None, "weekly")]
    assert dl("Thông báo kết quả kỳ họp thứ Năm; hội nghị sáng thứ Hai, ngày 9/6/2025 tại hội trường.", 2025) == [] or \
        all(k != "recurring" for _, k, *_ in dl("Thông báo kết quả kỳ họp thứ Năm; hội nghị sáng thứ Hai, ngày 9/6/2025.", 2025))


def test_the_date_of_the_document_written_with_a_capital_is_not_a_month_of_work():
    assert dl("Ngày 12 tháng 3 năm 2024, Ủy ban nhân dân huyện ban hành Công văn về phòng cháy.") == []


def test_a_letter_a_signature_or_a_speaking_body_states_the_issuer():
    st = stated("Ngày 05/3/2024, UBND tỉnh vừa ban hành Công văn số 812/UBND-VX về phòng, chống dịch.")
    assert st.issuer == "UBND tỉnh" and st.code == "812/UBND-VX"
    st = stated("Kế hoạch do Phó Chủ tịch UBND tỉnh Nguyễn Văn An ký ban hành, yêu cầu các sở triển khai.")
    assert st is not None and st.issuer == "UBND tỉnh"
    st = stated("UBND tỉnh có ý kiến như sau:\nGiao Sở Y tế chủ trì, hoàn thành trước ngày 10/5/2024.")
    assert st is not None and st.issuer == "UBND tỉnh"
    # work given after "yêu cầu:" is not a plan issued ("Ban Tuyên giáo … xây dựng kế hoạch …")
    st = stated("Kết luận cuộc họp, Bí thư yêu cầu: Ban Tuyên giáo Tỉnh ủy chủ động xây dựng kế hoạch tuyên truyền; "
                "Văn phòng Tỉnh ủy xây dựng kế hoạch kinh phí.")
    assert st is None or "Ban Tuyên giáo" not in st.issuer and "Văn phòng" not in st.issuer


@pytest.mark.parametrize("text, want", [
    ("Ủy ban nhân dân huyện Tân Phú vừa ban hành Kế hoạch", ["Ủy ban nhân dân huyện Tân Phú"]),
    ("Phó Chủ tịch UBND tỉnh Nguyễn Hồng Sơn ký văn bản", ["UBND tỉnh"]),
    ("Giám đốc Sở Y tế tỉnh Nghệ An Trần Văn Bình chủ trì", ["Sở Y tế tỉnh Nghệ An"]),
    ("UBND tỉnh Bà Rịa - Vũng Tàu giao", ["UBND tỉnh Bà Rịa - Vũng Tàu"]),
    ("yêu cầu Thủ trưởng các cơ quan, ban ngành, đoàn thể cấp huyện, Chủ tịch UBND các xã thực hiện",
     ["các cơ quan, ban ngành, đoàn thể cấp huyện", "UBND các xã"]),
    ("Đối với các chi bộ trực thuộc Đảng bộ xã Tân Hà sẽ tiến hành đại hội", ["các chi bộ trực thuộc Đảng bộ xã Tân Hà"]),
    ("Tiểu ban Văn kiện Đại hội Đảng bộ xã lần thứ II, nhiệm kỳ 2025–2030 đã họp",
     ["Tiểu ban Văn kiện Đại hội Đảng bộ xã lần thứ II, nhiệm kỳ 2025–2030"]),
])
def test_names_end_where_the_body_ends(text, want):
    assert [o.text for o in find_orgs(text)] == want


def test_council_and_committee_office_written_with_an_ampersand():
    assert normalize_name("Văn phòng HĐND&UBND huyện", PlanContext()) == \
        "Văn phòng Hội đồng nhân dân và Ủy ban nhân dân huyện"


def lead_names(text, ctx=None):
    r = roles(text, 0, ctx or PlanContext())
    return [o.text for o in r.lead], [o.text for o in r.cooperate]


def test_a_committee_that_directs_speaks_it_does_not_lead():
    assert lead_names("Huyện ủy Hòa Vang chỉ đạo, đại hội chi bộ hoàn thành trong quý I.2025.")[0] == []
    assert lead_names("Ban Thường vụ Thị ủy dự kiến: đại hội các chi bộ hoàn thành trong tháng 3; đối với các chi bộ "
                      "trực thuộc Đảng bộ xã An Hòa tiến hành đại hội trước ngày 30.4.")[0] == \
        ["các chi bộ trực thuộc Đảng bộ xã An Hòa"]


def test_cooperation_with_adverbs_and_a_post_inside_a_list():
    lead, coop = lead_names("Các sở, ngành liên quan có trách nhiệm phối hợp chặt chẽ, thường xuyên với Sở Xây dựng "
                            "để tham mưu.")
    assert lead == ["Các sở, ngành liên quan"] and coop == ["Sở Xây dựng"]
    lead, _ = lead_names("Giám đốc Sở Tài chính và thủ trưởng các sở, ngành liên quan phối hợp triển khai.")
    assert lead == ["Sở Tài chính", "các sở, ngành liên quan"]


def _write(tmp_path, name, text):
    p = tmp_path / name
    p.write_text(text, encoding="utf-8")
    return str(p)


def test_an_intro_that_names_units_gives_them_the_paragraphs_below(tmp_path):
    rec = extract(_write(tmp_path, "cv.txt",
        "Theo đó, UBND huyện đã có Công văn số 215/UBND-TN ngày 10/4/2024 yêu cầu Thủ trưởng các cơ quan, đơn vị "
        "cấp huyện, Chủ tịch UBND các xã, thị trấn:\n\n"
        "Tổ chức quán triệt nội dung kế hoạch đến cán bộ, công chức và nhân dân trên địa bàn.\n\n"
        "Ra quân dọn vệ sinh môi trường vào sáng thứ Bảy hằng tuần tại khu dân cư.\n"))
    assert [t.id for t in rec.tasks] == ["?-1", "?-2"]
    assert all(any(similar(x, "Các cơ quan, đơn vị cấp huyện") for x in t.lead) for t in rec.tasks)
    assert all(any(similar(x, "Ủy ban nhân dân các xã, thị trấn") for x in t.lead) for t in rec.tasks)
    assert not any(c.code == "215/UBND-TN" for c in rec.citations)  # the letter reported is the text's own


def test_numbered_items_under_an_intro_that_hands_them_out_are_tasks(tmp_path):
    rec = extract(_write(tmp_path, "giao.txt",
        "Ngày 02/7/2024, Ủy ban nhân dân tỉnh ban hành Văn bản số 1420/UBND-KGVX về chuyển đổi số.\n\n"
        "Theo đó, Ủy ban nhân dân tỉnh giao:\n\n"
        "1. Các sở, ban, ngành, Ủy ban nhân dân các huyện, thị xã, thành phố: Rà soát nhiệm vụ của đơn vị, gửi Sở "
        "Thông tin và Truyền thông trước ngày 20/7/2024 để tổng hợp.\n\n"
        "2. Giao Sở Thông tin và Truyền thông: Tổng hợp đề xuất của các đơn vị, tham mưu xây dựng kế hoạch.\n"))
    assert len(rec.tasks) == 2
    assert rec.tasks[0].lead == ["Các sở, ban, ngành", "Ủy ban nhân dân các huyện, thị xã, thành phố"] or \
        [similar(a, b) for a, b in zip(rec.tasks[0].lead, ["Các sở, ban, ngành", "Ủy ban nhân dân các huyện, thị xã, thành phố"])] == [True, True]
    assert rec.tasks[0].deadline == "trước ngày 20/7/2024"
    assert any(similar(x, "Sở Thông tin và Truyền thông") for x in rec.tasks[1].lead)


def test_a_dated_news_lead_reports_what_was_done(tmp_path):
    rec = extract(_write(tmp_path, "tin.txt",
        "(BNA) - Ngày 12.3, Huyện ủy Gia Bình tổ chức hội nghị quán triệt kế hoạch đại hội.\n\n"
        "Huyện ủy Gia Bình chỉ đạo, Đảng bộ xã Đông Cứu tổ chức đại hội điểm, hoàn thành trước ngày 10.4.2025.\n"))
    leads = [x for t in rec.tasks for x in t.lead]
    assert not any(similar(x, "Huyện ủy Gia Bình") for x in leads)
    assert any(similar(x, "Đảng bộ xã Đông Cứu") for x in leads)


def test_a_channel_in_brackets_and_a_body_proposed_to_receive_reports(tmp_path):
    rec = extract(_write(tmp_path, "bc.txt",
        "Theo đó, UBND tỉnh yêu cầu: Sở Công Thương chủ trì, phối hợp với các đơn vị liên quan rà soát, gửi báo cáo "
        "về UBND tỉnh (qua Sở Kế hoạch và Đầu tư) trước ngày 15/12/2024; đề xuất Bộ Công Thương xem xét.\n"))
    got = {(u.role, u.name) for u in rec.units}
    assert any(r == "report_to" and similar(n, "Sở Kế hoạch và Đầu tư") for r, n in got)
    assert any(r == "report_to" and similar(n, "Bộ Công Thương") for r, n in got)


def test_the_issuer_after_do_is_not_a_lead_and_a_chosen_body_is():
    ctx = PlanContext(issuer="Ủy ban nhân dân tỉnh", issuer_base="Ủy ban nhân dân")
    r = roles("Kế hoạch do Chủ tịch UBND tỉnh ký ban hành, yêu cầu Thủ trưởng các cơ quan liên quan triển khai.", 0, ctx)
    assert [o.text for o in r.lead] == ["các cơ quan liên quan"]
    r = roles("Đại hội chi bộ hoàn thành trong tháng 4 (Đảng bộ xã Bình An được chọn tổ chức đại hội điểm).", 0, PlanContext())
    assert [o.text for o in r.lead] == ["Đảng bộ xã Bình An"]


def test_de_nghi_asks_the_names_it_governs_and_the_next_sentence_s_subject_leads(tmp_path):
    rec = extract(_write(tmp_path, "dn.txt",
        "Theo đó, Ban Thường vụ Đảng ủy xã đề nghị các đoàn thể xã vận động nhân dân tham gia. Hội Cựu chiến binh xã "
        "phối hợp với các chi hội tổ chức trưng bày ảnh trong thời gian diễn ra đại hội.\n"))
    got = {(u.role, u.text) for u in rec.units}
    assert ("requested", "các đoàn thể xã") in got and ("lead", "Hội Cựu chiến binh xã") in got


def test_a_news_item_s_date_line_gives_the_year_of_a_day_without_one():
    got = find_deadlines("Các đảng bộ hoàn thành dự thảo trước ngày 20.3.", None, 0, True,
                         "Huyện ủy chọn 2 đảng bộ tổ chức đại hội điểm\n\nTHỨ NĂM, 06/02/2025 09:15:00\n\n")
    assert [(f.text, f.e) for f in got] == [("trước ngày 20.3", "2025-03-20")]


def test_a_committee_s_place_completes_its_units_and_chosen_bodies_lead(tmp_path):
    rec = extract(_write(tmp_path, "hu.txt",
        "Ban Thường vụ Huyện ủy Kim Bảng vừa tổ chức hội nghị triển khai kế hoạch đại hội.\n\n"
        "Ban Thường vụ Huyện ủy Kim Bảng đã chọn Đảng bộ xã Tân Sơn và Chi bộ Khối Vận huyện để tổ chức đại hội điểm "
        "trước ngày 30.3.2025.\n"))
    got = {(u.role, u.name) for u in rec.units}
    assert ("issuer", "Ban Thường vụ Huyện ủy Kim Bảng") in got
    assert ("lead", "Chi bộ Khối Vận huyện Kim Bảng") in got and ("lead", "Đảng bộ xã Tân Sơn") in got


def test_a_chaired_meeting_is_told_of_not_given():
    """(a guard: a post before a subject now opens its clause, and chairing a meeting must not make a lead)"""
    r = roles("Đồng chí Nguyễn Văn An, Tổ trưởng Tổ giúp việc Tiểu ban Tuyên truyền chủ trì cuộc họp.", 0, PlanContext())
    assert r.lead == []
