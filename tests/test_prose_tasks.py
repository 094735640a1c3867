"""Work given in prose (issue 11 item 7): portal digests and plans without an outline, on strings written for the test."""
from __future__ import annotations

import pytest

from extractor import extract
from extractor.evaluate import similar
from extractor.nlp.assign import roles
from extractor.nlp.deadlines import find_deadlines
from extractor.nlp.names import PlanContext
from extractor.nlp.narrative import stated

QT = PlanContext(issuer="Ủy ban nhân dân tỉnh Quảng Trị", issuer_base="Ủy ban nhân dân", province="Quảng Trị")


def leads(text, ctx=QT):
    r = roles(text, 0, ctx)
    return [o.text for o in r.lead], [o.text for o in r.cooperate], r.requested, r.issuer_speaks


def test_the_issuer_speaks_and_the_units_after_it_lead():
    lead, coop, requested, speaks = leads("Theo đó, UBND tỉnh yêu cầu: Sở Y tế chủ trì, phối hợp với Sở Tài chính "
                                          "và các đơn vị liên quan tổ chức kiểm tra.")
    assert lead == ["Sở Y tế"] and coop == ["Sở Tài chính", "các đơn vị liên quan"] and speaks and not requested


def test_listed_subjects_share_their_verb_and_a_post_stands_for_its_body():
    assert leads("Công an tỉnh, Bộ Chỉ huy Quân sự tỉnh tổ chức tuần tra.")[0] == ["Công an tỉnh", "Bộ Chỉ huy Quân sự tỉnh"]
    assert leads("UBND tỉnh giao Giám đốc Sở Nội vụ tham mưu tổ chức hội nghị.")[0] == ["Sở Nội vụ"]
    lead = leads("UBND huyện giao Trưởng phòng tài nguyên và môi trường huyện chủ trì thực hiện.")[0]
    assert lead == ["Phòng Tài nguyên và Môi trường huyện"]


def test_de_nghi_asks_and_directed_or_reporting_names_do_not_lead():
    lead, _, requested, _ = leads("Ban Thường vụ Huyện ủy đề nghị các Tổ đại biểu HĐND huyện báo cáo kết quả về "
                                  "Thường trực HĐND huyện.", PlanContext(issuer="Ban Thường vụ Huyện ủy"))
    assert lead == ["các Tổ đại biểu HĐND huyện"] and requested
    assert leads("UBND tỉnh yêu cầu UBND các huyện chỉ đạo Phòng Y tế, Trung tâm Y tế huyện thực hiện.")[0] == \
        ["UBND các huyện"]
    assert leads("UBND thành phố đã có văn bản chỉ đạo triển khai.")[0] == []  # a fact told, not work given


def test_a_council_and_front_listed_before_their_places_share_them():
    _, coop, _, _ = leads("Thường trực HĐND huyện đề nghị các Tổ đại biểu phối hợp với Thường trực HĐND, "
                          "Ủy ban MTTQVN các xã, thị trấn để thống nhất địa điểm.", PlanContext(issuer="Thường trực Hội đồng nhân dân huyện"))
    assert coop == ["Thường trực HĐND các xã, thị trấn", "Ủy ban MTTQVN các xã, thị trấn"]


def test_a_digest_gives_one_task_per_paragraph_that_assigns(tmp_path):
    p = tmp_path / "tin.txt"
    p.write_text("Triển khai kế hoạch phòng chống dịch năm 2024\n\n"
                 "Ngày 05/3/2024, UBND tỉnh ban hành Kế hoạch số 45/KH-UBND về phòng, chống dịch bệnh năm 2024. "
                 "Theo đó, Sở Y tế chủ trì, phối hợp với các địa phương giám sát dịch từ ngày 10/3/2024 đến ngày 30/4/2024.\n\n"
                 "Các lớp tập huấn đã được tổ chức tại nhiều huyện trong năm qua.\n\n"
                 "Sở Tài chính tham mưu bố trí kinh phí; báo cáo UBND tỉnh trước ngày 15/5/2024.\n", encoding="utf-8")
    rec = extract(str(p))
    assert [t.id for t in rec.tasks] == ["?-1", "?-2"]
    assert rec.tasks[0].task.startswith("Theo đó, Sở Y tế") and similar(rec.tasks[0].lead[0], "Sở Y tế tỉnh Quảng Trị")
    assert rec.tasks[0].deadline == "từ ngày 10/3/2024 đến ngày 30/4/2024"
    assert rec.tasks[1].deadline == "trước ngày 15/5/2024"
    roles_ = {(u.name, u.role) for u in rec.units}
    assert ("Ủy ban nhân dân tỉnh", "report_to") in roles_ or any(r == "report_to" for _, r in roles_)


def test_event_days_and_compact_spans_are_scheduled():
    got = {f.text: (f.kind, f.s, f.e) for t in ["Vào lúc 8 giờ 00, ngày 21/5/2024 (thứ ba), tại hội trường.",
                                                   "Thời gian: dự kiến 30/11- 05/12/2021.",
                                                   "tổ chức tiêm bổ sung từ ngày 01-10/11/2022.",
                                                   "Thời gian: Từ ngày 05 đến ngày 08 tháng 01 năm 2021."]
           for f in find_deadlines(t, 2021)}
    assert got["Vào lúc 8 giờ 00, ngày 21/5/2024 (thứ ba)"] == ("period", "2024-05-21", "2024-05-21")
    assert got["30/11- 05/12/2021"] == ("period", "2021-11-30", "2021-12-05")
    assert got["từ ngày 01-10/11/2022"] == ("period", "2022-11-01", "2022-11-10")
    assert got["Từ ngày 05 đến ngày 08 tháng 01 năm 2021"] == ("period", "2021-01-05", "2021-01-08")
    assert find_deadlines("Kế hoạch số 27/KH-TĐB ngày 9/5/2019 của Tổ đại biểu", 2019) == []


def test_a_place_kind_followed_by_another_is_not_a_place():
    assert similar("Các xã, thị trấn", "Các xã, thị trấn huyện Bạch Thông")
    assert not similar("Các xã, thị trấn huyện Ba Vì", "Các xã, thị trấn huyện Bạch Thông")


def test_a_table_flattened_to_one_cell_per_line_gives_its_rows_as_tasks(tmp_path):
    cells = ["Thời gian", "Nội dung", "Đơn vị thực hiện", "Đơn vị phối hợp",
             "I. TUYÊN TRUYỀN", "", "", "",
             "05-09/3/2024", "Treo băng rôn trên các tuyến phố", "Sở Văn hóa và Thể thao", "",
             "Treo cờ tại trụ sở", "", "",  # time and unit merged with the row above
             "10-12/3/2024", "Chiếu phim lưu động", "Trung tâm Văn hóa tỉnh", "UBND các huyện"]
    p = tmp_path / "bang.txt"
    p.write_text("CÁC HOẠT ĐỘNG CHÀO MỪNG |\n" + "\n".join(f"{c} |" if c else "|" for c in cells) + "\n", encoding="utf-8")
    rec = extract(str(p))
    got = [(t.id, t.task, t.lead, t.cooperate, t.deadline) for t in rec.tasks]
    assert got[0][:3] == ("I-1", "Treo băng rôn trên các tuyến phố", ["Sở Văn hóa và Thể thao"])
    assert got[1][0] == "I-2" and got[1][1] == "Treo cờ tại trụ sở" and got[1][2] == ["Sở Văn hóa và Thể thao"]
    assert got[1][4] == "05-09/3/2024"
    assert got[2][0] == "I-3" and got[2][3] == ["Ủy ban nhân dân các huyện"]
    d = {x.text: (x.start, x.end, x.task) for x in rec.deadlines}
    assert d["10-12/3/2024"] == ("2024-03-10", "2024-03-12", "I-3")


def test_a_long_name_before_a_statement_is_read_in_linear_time():
    # nested repetition in the name-tail pattern backtracked exponentially on a name with digits
    from extractor.nlp.narrative import stated

    text = ("Ban chỉ đạo triển khai tiêm Vắc xin phòng COVID - 19 thành phố Vĩnh Yên Tỉnh Vĩnh Phúc Khu Vực Phía Bắc "
            "Đồng Bằng Sông Hồng Vùng Trung Du Miền Núi đã triển khai kế hoạch tiêm vắc xin cho trẻ em.")
    st = stated(text)
    assert st is None or "đã" not in (st.issuer or "")


@pytest.mark.parametrize("text, issuer", [
    ("Ban chỉ đạo triển khai tiêm Vắc xin phòng COVID - 19 thành phố đã triển khai kế hoạch tiêm vắc xin cho trẻ em.",
     "Ban chỉ đạo triển khai tiêm Vắc xin phòng COVID - 19 thành phố"),
    ("Ban Chỉ đạo phòng, chống dịch COVID-19 tỉnh ban hành Kế hoạch số 12/KH-BCĐ ngày 3/4/2021 về tiêm chủng.",
     "Ban Chỉ đạo phòng, chống dịch COVID-19 tỉnh"),
])
def test_a_steering_committee_named_for_a_disease_issues_its_plan(text, issuer):
    assert stated(text).issuer == issuer


def test_de_nghi_asks_the_team_a_post_heads():
    """"đề nghị các Tổ trưởng Tổ đại biểu …": the post stands for its team, and the team is asked (requested)."""
    lead, _, requested, _ = leads("Theo đó, Thường trực HĐND huyện đã đề nghị các Tổ trưởng Tổ đại biểu HĐND huyện "
                                  "chủ động liên hệ với Thường trực HĐND các xã.", PlanContext(issuer="Thường trực Hội đồng nhân dân huyện"))
    assert lead == ["Tổ đại biểu HĐND huyện"] and requested


def test_a_numbered_team_and_a_council_of_a_term_are_whole_names():
    lead, coop, _, _ = leads("Riêng Tổ đại biểu số 02 tiếp xúc cử tri cùng với Tổ đại biểu HĐND tỉnh tại xã Tân Lập.")
    assert lead == ["Tổ đại biểu số 02"] and coop == ["Tổ đại biểu HĐND tỉnh"]
    # the council of a term is named, not given work: "HĐND huyện khóa XX" is no subject of "khóa"
    lead, _, _, _ = leads("Thực hiện Kế hoạch của Thường trực HĐND huyện về kỳ họp thứ Tám, HĐND huyện khóa XX; "
                          "Thường trực HĐND huyện phối hợp với Ủy ban MTTQ huyện tổ chức tiếp xúc cử tri.", PlanContext())
    assert lead == ["Thường trực HĐND huyện"]


def test_units_of_a_digest_with_an_outline_but_no_tasks_are_found(tmp_path):
    """A notice with a numbered "Nội dung" list and prose that gives the work: no tasks, the units still."""
    p = tmp_path / "thong-bao.txt"
    p.write_text("Về việc tiếp xúc cử tri sau kỳ họp thứ Tám, HĐND huyện khóa XX\n\n"
                 "Thường trực HĐND huyện phối hợp với Ủy ban Mặt trận Tổ quốc huyện tổ chức tiếp xúc cử tri sau kỳ họp.\n\n"
                 "Thời gian: Từ ngày 05 đến ngày 08 tháng 01 năm 2024.\n\n"
                 "Địa điểm: tại các khu dân cư. Riêng Tổ đại biểu số 02 tiếp xúc cử tri cùng với Tổ đại biểu HĐND tỉnh.\n\n"
                 "Nội dung:\n\n1. Thông báo với cử tri kết quả kỳ họp thứ Tám.\n\n"
                 "2. Tiếp thu các ý kiến, kiến nghị của cử tri.\n", encoding="utf-8")
    rec = extract(str(p))
    got = {(u.name, u.role) for u in rec.units}
    assert ("Tổ đại biểu số 02", "lead") in got and ("Thường trực Hội đồng nhân dân huyện", "lead") in got
    assert ("Tổ đại biểu Hội đồng nhân dân tỉnh", "cooperate") in got
    assert not any(r == "lead" and n.startswith("Hội đồng nhân dân huyện") for n, r in got)


def test_a_unit_a_task_gave_its_places_is_not_listed_again_bare(tmp_path):
    """"Thường trực HĐND, Ủy ban MTTQ các xã" and "… cùng cấp": one cooperating unit each, with the places."""
    p = tmp_path / "tin.txt"
    p.write_text("Thông báo kế hoạch tiếp xúc cử tri\n\n"
                 "Ngày 17/5/2024, Thường trực HĐND huyện đã ban hành kế hoạch tiếp xúc cử tri. "
                 "Theo đó, Thường trực HĐND huyện đề nghị Thường trực HĐND các xã, thị trấn phối hợp với "
                 "Ủy ban Mặt trận TQVN cùng cấp tạo điều kiện cho các Tổ đại biểu tiếp xúc cử tri.\n", encoding="utf-8")
    coops = [u.name for u in extract(str(p)).units if u.role == "cooperate"]
    assert coops == ["Ủy ban Mặt trận Tổ quốc Việt Nam các xã, thị trấn"]


@pytest.mark.parametrize("text, name", [("Bộ CHQS tỉnh", "Bộ Chỉ huy Quân sự tỉnh Quảng Trị"),
                                        ("Bộ Chỉ huy BĐBP tỉnh", "Bộ Chỉ huy Bộ đội Biên phòng tỉnh Quảng Trị")])
def test_military_abbreviations_are_expanded(text, name):
    from extractor.nlp.names import normalize_name
    assert normalize_name(text, QT) == name
