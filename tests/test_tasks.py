"""Tasks (SCHEMA §6): task tables read by their header names, and items of "Tổ chức thực hiện"."""
from __future__ import annotations


from extractor import extract

HEAD = """UBND TỈNH NINH THUẬN
SỞ Y TẾ

CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM
Độc lập - Tự do - Hạnh phúc

Số: 77/KH-SYT

Ninh Thuận, ngày 02 tháng 4 năm 2025

KẾ HOẠCH
Truyền thông phòng, chống tay chân miệng năm 2025

Sở Y tế xây dựng Kế hoạch như sau:

I. MỤC ĐÍCH

Giảm số ca mắc tay chân miệng ở trẻ em.

"""

# Columns in an unusual order; a group row; a row whose cells continue over a page break.
APPENDIX_PLAN = HEAD + """II. TỔ CHỨC THỰC HIỆN

1. Văn phòng Sở

- Theo dõi việc thực hiện Kế hoạch.

Nơi nhận:
- Lưu: VT.

GIÁM ĐỐC

Trần Văn Bình

Phụ lục

STT\tThời gian thực hiện\tNội dung công việc\tĐơn vị thực hiện\tĐơn vị phối hợp\tGhi chú
1.\t\tTruyền thông tại cộng đồng\t\t\t
1.1\tQuý II/2025\tIn và cấp phát tờ rơi cho các hộ gia đình có trẻ dưới 5 tuổi\tTrung tâm Kiểm soát bệnh tật tỉnh\tTrung tâm Y tế các huyện, thành phố\t
1.2\tTháng 5/2025\tTổ chức chiến dịch vệ sinh trường mầm non\tTrung tâm Y tế các huyện, thành phố\tUBND các xã, phường, thị trấn;\t
\t\tvà nhóm trẻ tư thục.\t\tPhòng Giáo dục và Đào tạo các huyện\t
2.\t\tTruyền thông trong cơ sở y tế\t\t\t
2.1\tThường xuyên\tTư vấn cho người nhà người bệnh\tCác bệnh viện tuyến tỉnh\t\t
"""

# A task table in the body, with one "Phân công" column holding "Chủ trì: …; Phối hợp: …".
BODY_TABLE_PLAN = HEAD + """II. PHÂN CÔNG NHIỆM VỤ

TT\tNhiệm vụ\tPhân công\tThời gian hoàn thành
1\tRà soát danh sách trẻ em dưới 5 tuổi\tChủ trì: Trung tâm Kiểm soát bệnh tật tỉnh; Phối hợp: Văn phòng Sở, Phòng Nghiệp vụ Y\tQuý II/2025
2\tGiám sát ổ dịch\tChủ trì: Phòng Nghiệp vụ Y; Phối hợp: các bệnh viện tuyến tỉnh\tHằng quý

III. TỔ CHỨC THỰC HIỆN

Phòng Nghiệp vụ Y chủ trì, phối hợp với Văn phòng Sở theo dõi việc thực hiện Kế hoạch.

Đề nghị Sở Thông tin và Truyền thông, Báo Ninh Thuận đưa tin về phòng bệnh.

Nơi nhận:
- Lưu: VT.

GIÁM ĐỐC

Trần Văn Bình
"""


def _tasks(tmp_path, text):
    p = tmp_path / "plan.txt"
    p.write_text(text, encoding="utf-8")
    rec = extract(str(p)).to_json()
    return {t["id"]: t for t in rec["tasks"]}, {(u["name"], u["role"]) for u in rec["units"]}


def test_columns_found_by_header_name_in_any_order(tmp_path):
    tasks, _ = _tasks(tmp_path, APPENDIX_PLAN)
    t = tasks["1.1"]
    assert t["task"].startswith("In và cấp phát tờ rơi")
    assert t["deadline"] == "Quý II/2025"  # "Thời gian thực hiện" is not the unit column
    assert t["lead"] == ["Trung tâm Kiểm soát bệnh tật tỉnh Ninh Thuận"]
    assert t["cooperate"] == ["Trung tâm Y tế các huyện, thành phố"]
    assert [n[:24] for n in tasks["2.1"]["lead"]] == ["Các bệnh viện tuyến tỉnh"]  # the province may be added
    assert tasks["2.1"]["deadline"] == "Thường xuyên"


def test_group_rows_are_not_tasks(tmp_path):
    tasks, _ = _tasks(tmp_path, APPENDIX_PLAN)
    assert "1" not in tasks and "2" not in tasks
    assert not any(t["task"].startswith("Truyền thông tại cộng đồng") for t in tasks.values())


def test_row_continued_over_a_page_is_one_task(tmp_path):
    tasks, _ = _tasks(tmp_path, APPENDIX_PLAN)
    t = tasks["1.2"]
    assert t["task"] == "Tổ chức chiến dịch vệ sinh trường mầm non và nhóm trẻ tư thục."
    assert len(t["cooperate"]) == 2 and t["cooperate"][1].startswith("Phòng Giáo dục và Đào tạo các huyện")
    assert not any(k == "" or t["task"].startswith("và nhóm") for k, t in tasks.items())


def test_assignment_column_with_labels(tmp_path):
    tasks, _ = _tasks(tmp_path, BODY_TABLE_PLAN)
    assert tasks["1"]["lead"] == ["Trung tâm Kiểm soát bệnh tật tỉnh Ninh Thuận"]
    assert tasks["1"]["cooperate"] == ["Văn phòng Sở Y tế", "Phòng Nghiệp vụ Y"]
    assert tasks["1"]["deadline"] == "Quý II/2025"
    assert tasks["2"]["lead"] == ["Phòng Nghiệp vụ Y"]
    assert [n[:24] for n in tasks["2"]["cooperate"]] == ["Các bệnh viện tuyến tỉnh"]


def test_paragraph_tasks_and_requests_without_items(tmp_path):
    tasks, units = _tasks(tmp_path, BODY_TABLE_PLAN)
    assert tasks["III-1"]["lead"] == ["Phòng Nghiệp vụ Y"] and tasks["III-1"]["cooperate"] == ["Văn phòng Sở Y tế"]
    assert tasks["III-2"]["lead"] == ["Sở Thông tin và Truyền thông", "Báo Ninh Thuận"]
    assert ("Báo Ninh Thuận", "requested") in units and ("Báo Ninh Thuận", "lead") not in units
