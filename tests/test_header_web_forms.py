"""Header forms met on a second set of portal and news pages (strings written here in the shapes the
sites export): titles wrapped before a word that also names a body, a post alone beside "Nơi nhận",
news items that report a plan, Đoàn headers, document-sharing pages."""
from __future__ import annotations

from extractor import extract
from extractor.ingest.text import parse_text
from extractor.nlp.header import extract_header


def _info(text: str):
    return extract_header(parse_text(text, "t.txt")).info


def test_decision_title_wrapped_before_xa_hoi_goes_on():
    # "XÃ HỘI" (society) opening the second title line is no commune and no authority line
    text = """ỦY BAN NHÂN DÂN
TỈNH PHÚ YÊN
-------
|
CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM
|
Số: 210/QĐ-UBND
|
Phú Yên, ngày 03 tháng 3 năm 2024
|
QUYẾT ĐỊNH
BAN HÀNH KẾ HOẠCH PHÁT TRIỂN NGHỀ CÔNG TÁC
XÃ HỘI TRÊN ĐỊA BÀN TỈNH PHÚ YÊN NĂM 2024
ỦY BAN NHÂN DÂN TỈNH
Căn cứ Luật Tổ chức chính quyền địa phương ngày 19/6/2015;
QUYẾT ĐỊNH:
Điều 1. Ban hành kèm theo Quyết định này Kế hoạch phát triển nghề công tác xã hội năm 2024.
"""
    info = _info(text)
    assert info.title == "BAN HÀNH KẾ HOẠCH PHÁT TRIỂN NGHỀ CÔNG TÁC XÃ HỘI TRÊN ĐỊA BÀN TỈNH PHÚ YÊN NĂM 2024"
    assert info.issuer == "Ủy ban nhân dân tỉnh Phú Yên" and info.plan_year == 2024


def test_mixed_case_title_wrapped_before_a_proper_name_goes_on():
    text = """KẾ HOẠCH
Tổ chức hội thi tìm hiểu lịch sử, tiến tới Đại hội đại biểu
Hội Liên hiệp Thanh niên Việt Nam tỉnh Gia Lai lần thứ VI,
nhiệm kỳ 2024 - 2029
Căn cứ Điều lệ Hội Liên hiệp Thanh niên Việt Nam và Kế hoạch số 12-KH/TĐTN ngày 05/01/2024 của Ban Thường vụ Tỉnh đoàn về tổ chức đại hội Hội các cấp, Ban Thư ký Ủy ban Hội Liên hiệp Thanh niên Việt Nam tỉnh ban hành Kế hoạch tổ chức hội thi tìm hiểu lịch sử Hội, cụ thể như sau:
I. MỤC ĐÍCH, YÊU CẦU
1. Nâng cao nhận thức của đoàn viên, hội viên, thanh niên về truyền thống vẻ vang của Hội Liên hiệp Thanh niên Việt Nam qua các thời kỳ, tạo không khí thi đua sôi nổi chào mừng đại hội Hội các cấp.
2. Hội thi được tổ chức thiết thực, hiệu quả, tiết kiệm, thu hút đông đảo đoàn viên, hội viên, thanh niên trên địa bàn tỉnh tham gia, bảo đảm đúng tiến độ đề ra.
"""  # the page keeps each paragraph on one line: the title's short lines are not taken for one wrapped line
    info = _info(text)
    assert info.title == ("Tổ chức hội thi tìm hiểu lịch sử, tiến tới Đại hội đại biểu Hội Liên hiệp Thanh niên "
                          "Việt Nam tỉnh Gia Lai lần thứ VI, nhiệm kỳ 2024 - 2029")
    assert info.plan_year == 2024


def test_a_sentence_after_a_mixed_case_title_is_not_its_continuation():
    text = """KẾ HOẠCH
Tuyên truyền phòng, chống ma túy trong học sinh
Sở Giáo dục và Đào tạo xây dựng kế hoạch thực hiện năm 2024 như sau
I. MỤC ĐÍCH, YÊU CẦU
"""
    assert _info(text).title == "Tuyên truyền phòng, chống ma túy trong học sinh"


def test_a_post_alone_beside_noi_nhan_is_the_signer_title_of_a_cut_signature():
    text = """ỦY BAN NHÂN DÂN | CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM |
Số: 415/QĐ-UBND | Cần Thơ, ngày 02 tháng 4 năm 2019 |
QUYẾT ĐỊNH
VỀ VIỆC BAN HÀNH KẾ HOẠCH PHÒNG, CHỐNG THIÊN TAI NĂM 2019
CHỦ TỊCH ỦY BAN NHÂN DÂN THÀNH PHỐ CẦN THƠ
Căn cứ Luật Phòng, chống thiên tai ngày 19 tháng 6 năm 2013;
QUYẾT ĐỊNH:
Điều 1. Ban hành kèm theo Quyết định này Kế hoạch phòng, chống thiên tai năm 2019.
Điều 2. Quyết định này có hiệu lực kể từ ngày ký.
Nơi nhận: | CHỦ TỊCH |
"""
    info = _info(text)
    assert info.doc_type == "QĐ" and info.signer is None
    assert info.signer_title == "Chủ tịch"


def test_news_item_names_the_city_by_its_abbreviation():
    text = ("(Website Sở) – UBND TPHCM đã ban hành Kế hoạch số 2150/KH-UBND ngày 12/6/2023 về phát triển "
            "thương mại điện tử trên địa bàn TPHCM.\n\n"
            "Kế hoạch nhằm thúc đẩy doanh nghiệp trên địa bàn TP ứng dụng thương mại điện tử trong sản xuất, kinh doanh.\n")
    info = _info(text)
    assert info.issuer == "Ủy ban nhân dân thành phố Hồ Chí Minh"
    assert (info.code, info.date) == ("2150/KH-UBND", "2023-06-12")


def test_relative_city_body_of_a_news_item_is_completed_from_the_citys_abbreviation():
    text = ("Phát triển giao thông xanh tại TP.HCM\n"
            "Thứ hai, 04/03/2024, 09:15 SA\n\n"
            "(HCM CityWeb) - UBND TP vừa ban hành Kế hoạch số 880/KH-UBND ngày 01/3/2024 về phát triển giao thông xanh, "
            "hướng tới mục tiêu giảm phát thải trong giao thông đô thị của TP.HCM.\n")
    assert _info(text).issuer == "Ủy ban nhân dân thành phố Hồ Chí Minh"


def test_news_lead_reporting_an_unnumbered_plan_makes_it_the_pages_plan():
    text = ("(Cổng TTĐT) – UBND huyện Đông Anh đã ban hành Kế hoạch phát động phong trào thi đua "
            "xây dựng nông thôn mới kiểu mẫu trên địa bàn huyện.\n\n"
            "Kế hoạch nhằm phát huy sức mạnh của cả hệ thống chính trị và các tầng lớp nhân dân trong huyện.\n")
    info = _info(text)
    assert info.doc_type == "KH" and info.issuer == "Ủy ban nhân dân huyện Đông Anh"
    assert info.code is None and info.date is None  # not printed, not guessed


def test_an_unnumbered_plan_mentioned_deep_in_a_news_item_does_not_type_the_page():
    lead = ("Sáng 12/3, tại Hội trường huyện, đoàn công tác đã làm việc với lãnh đạo các xã về tình hình sản xuất "
            "vụ xuân, công tác phòng chống dịch bệnh trên cây trồng, vật nuôi và việc bảo đảm nước tưới. ") * 4
    text = lead + "\nCuối buổi làm việc, UBND huyện Đông Anh đã ban hành Kế hoạch kiểm tra tiến độ sản xuất.\n"
    assert _info(text).doc_type is None


def test_central_youth_union_header_glued_on_one_line():
    # left "BAN CHẤP HÀNH TRUNG ƯƠNG" / "***", right "ĐOÀN TNCS HỒ CHÍ MINH"; the site squeezed them together
    text = """BAN CHẤP HÀNH TRUNG ƯƠNG                                    ĐOÀN TNCS HỒ CHÍ MINH

***

   Số: 118 - KH/TWĐTN-VP                                        Hà Nội, ngày 02 tháng 02 năm 2025

KẾ HOẠCH
Tổ chức Tháng Thanh niên năm 2025

Thực hiện chương trình công tác Đoàn năm 2025, Ban Bí thư Trung ương Đoàn ban hành Kế hoạch như sau:
"""
    info = _info(text)
    assert info.issuer == "Ban Chấp hành Trung ương Đoàn TNCS Hồ Chí Minh"  # a central body: no province added
    assert (info.code, info.place, info.date) == ("118-KH/TWĐTN-VP", "Hà Nội", "2025-02-02")
    assert info.title == "Tổ chức Tháng Thanh niên năm 2025"


def test_provincial_youth_union_header_in_two_columns():
    text = """TỈNH ĐOÀN QUẢNG NAM | ĐOÀN TNCS HỒ CHÍ MINH |
*** |
Số: 45-KH/TĐTN-TNNT | Quảng Nam, ngày 10 tháng 5 năm 2024 |
KẾ HOẠCH
Tổ chức chiến dịch thanh niên tình nguyện hè năm 2024
Thực hiện Kế hoạch số 183-KH/TWĐTN-TNNT của Ban Bí thư Trung ương Đoàn, Ban Thường vụ Tỉnh đoàn ban hành Kế hoạch như sau:
"""
    info = _info(text)
    assert info.issuer == "Tỉnh đoàn Quảng Nam" and info.parent_issuer is None
    assert info.code == "45-KH/TĐTN-TNNT"


def test_a_title_naming_the_youth_union_is_no_header_heading():
    text = """ỦY BAN NHÂN DÂN | CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM |
HUYỆN ĐÔNG ANH | Độc lập - Tự do - Hạnh phúc |
Số: 75/KH-UBND | Đông Anh, ngày 01 tháng 3 năm 2021 |
KẾ HOẠCH
KỶ NIỆM 90 NĂM NGÀY THÀNH LẬP ĐOÀN TNCS HỒ CHÍ MINH
Căn cứ Kế hoạch số 20/KH-UBND ngày 15/01/2021 của Ủy ban nhân dân thành phố Hà Nội, Ủy ban nhân dân huyện ban hành Kế hoạch như sau:
"""
    info = _info(text)
    assert info.issuer == "Ủy ban nhân dân huyện Đông Anh"
    assert info.title == "KỶ NIỆM 90 NĂM NGÀY THÀNH LẬP ĐOÀN TNCS HỒ CHÍ MINH"


VIEWER_PAGE = (
    "ADSENSE\n\nKế hoạch số 77/KH-SYT năm 2023\n\nChia sẻ: _ _ | Ngày: | Loại File: PDF | Số trang:5\n\n"
    "35\nlượt xem\n3\ndownload\n\n  Download Vui lòng tải xuống để xem tài liệu đầy đủ\n\n"
    "Kế hoạch 77/KH-SYT về tiêm chủng mở rộng năm 2023. Căn cứ Quyết định số 1125/QĐ-BYT ngày 05/4/2022 của Bộ Y tế.\n\n"
    "Chủ đề:\nLưu\n\nNội dung Text: Kế hoạch số 77/KH-SYT năm 2023\n\n"
    "  1. SỞ Y TẾ TỈNH NAM ĐỊNH CỘNG HÒA XÃHỘI CHỦ NGHĨA VIỆT NAM  Độc lập  Tự do  Hạnh phúc   "
    "Số: 77/KHSYT Nam Định, ngày 10 tháng 02 năm 2023    KẾ HOẠCH  TIÊM CHỦNG MỞ RỘNG NĂM 2023  "
    "Thực hiện Quyết định số 4370/QĐ-BYT ngày 30/12/2022 của Bộ Y tế về kế hoạch tiêm chủng mở rộng  "
    "năm 2023, Sở Y tế xây dựng kế hoạch như sau:  I. MỤC TIÊU  Duy trì tỷ lệ tiêm chủng đầy đủ cho trẻ em  "
    "dưới 1 tuổi đạt trên 95% trên địa bàn toàn tỉnh.\n")


def test_document_sharing_page_with_the_files_text_on_one_line():
    r = extract(text=VIEWER_PAGE)
    assert (r.doc.code, r.doc.date, r.doc.place) == ("77/KH-SYT", "2023-02-10", "Nam Định")
    assert r.doc.issuer == "Sở Y tế tỉnh Nam Định" and r.doc.doc_type == "KH"
    assert r.doc.title == "TIÊM CHỦNG MỞ RỘNG NĂM 2023"
    assert not any(c.code == "1125/QĐ-BYT" for c in r.citations)  # the site's summary cites nothing
    assert any(c.code == "4370/QĐ-BYT" for c in r.citations)


def test_a_long_paragraph_with_double_spaces_is_not_taken_for_a_flattened_page():
    para = ("Năm 2023, tình hình dịch bệnh  diễn biến phức tạp, Sở Y tế  đã chỉ đạo các đơn vị  triển khai "
            "đồng bộ các biện pháp phòng chống dịch,  bảo đảm cung ứng thuốc, vật tư, hóa chất,  tăng cường "
            "giám sát tại cộng đồng và tại các cơ sở khám bệnh, chữa bệnh trên địa bàn toàn tỉnh trong năm.")
    src = parse_text(f"KẾ HOẠCH\nPhòng, chống dịch bệnh năm 2024\n{para}\n", "t.txt")
    assert any(b.text.startswith("Năm 2023") and b.text.rstrip().endswith("trong năm.") for b in src.blocks)


def test_a_period_inside_a_quoted_documents_name_is_that_documents_not_the_plans():
    from extractor.nlp.title import plan_year

    title = "TRIỂN KHAI ĐỀ ÁN “NÂNG CAO CHẤT LƯỢNG KHÁM BỆNH GIAI ĐOẠN 2021 - 2025” TẠI TỈNH HÀ NAM"
    assert plan_year(title, "2023-05-04", "KH") == 2023  # the Đề án's period: the plan is for its date's year
    assert plan_year(title, None, "KH") == 2021  # no date printed: the title's period is all there is
    assert plan_year("KẾ HOẠCH HÀNH ĐỘNG VÌ SỰ TIẾN BỘ PHỤ NỮ GIAI ĐOẠN 2006 - 2010", "2007-03-05", "KH") == 2006
    assert plan_year("Tổ chức “Năm Du lịch quốc gia 2023” tại tỉnh", "2022-11-20", "KH") == 2023  # an event's


def test_news_headline_under_a_section_label_that_reports_a_plan_implementing_a_scheme():
    text = ("Các chương trình đột phá của thành phố giai đoạn mới\n\n"
            "Triển khai Đề án “Phát triển giao thông công cộng thành phố Đà Nẵng giai đoạn 2021 - 2025”\n"
            "Thứ ba, 16/03/2021, 08:40 SA\n\n"
            "(Cổng TTĐT) - UBND thành phố Đà Nẵng vừa ban hành kế hoạch triển khai Đề án “Phát triển giao thông "
            "công cộng thành phố Đà Nẵng giai đoạn 2021 - 2025” nhằm xác định nhiệm vụ cụ thể của các sở, ngành "
            "trong tổ chức triển khai, kiểm tra và đánh giá kết quả thực hiện.\n")
    info = _info(text)
    assert info.doc_type == "KH"  # the page's is the plan that implements the Đề án
    assert info.title == "Triển khai Đề án “Phát triển giao thông công cộng thành phố Đà Nẵng giai đoạn 2021 - 2025”"
    assert info.issuer == "Ủy ban nhân dân thành phố Đà Nẵng"


def test_signature_post_in_the_old_spelling_reads_as_the_bodys_name():
    text = """UỶ BAN NHÂN DÂN | CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM |
Số: 88/QĐ-UBND | Sơn La, ngày 12 tháng 01 năm 2015 |
QUYẾT ĐỊNH
BAN HÀNH KẾ HOẠCH PHÒNG, CHỐNG THIÊN TAI NĂM 2015
UỶ BAN NHÂN DÂN TỈNH SƠN LA
Căn cứ Luật Phòng, chống thiên tai ngày 19 tháng 6 năm 2013;
QUYẾT ĐỊNH:
Điều 1. Ban hành kèm theo Quyết định này Kế hoạch phòng, chống thiên tai năm 2015.
Nơi nhận: | TM. UỶ BAN NHÂN DÂN |
"""
    info = _info(text)
    assert info.signer_title == "TM. Ủy ban nhân dân" and info.issuer == "Ủy ban nhân dân tỉnh Sơn La"


def test_recipients_run_together_and_a_signature_cut_before_the_name():
    text = """ỦY BAN NHÂN DÂN | CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM |
Số: 512/QĐ-UBND | Bắc Kạn, ngày 15 tháng 3 năm 2024 |
QUYẾT ĐỊNH
VỀ VIỆC PHÊ DUYỆT KẾ HOẠCH PHÁT TRIỂN DU LỊCH NĂM 2024
CHỦ TỊCH ỦY BAN NHÂN DÂN TỈNH BẮC KẠN
Căn cứ Luật Du lịch ngày 19 tháng 6 năm 2017;
QUYẾT ĐỊNH:
Điều 1. Phê duyệt Kế hoạch phát triển du lịch năm 2024 (có Kế hoạch kèm theo).
Điều 2. Quyết định có hiệu lực kể từ ngày ký.
Nơi nhận:
- Như Điều 2;
- Bộ Văn hóa, Thể thao và Du lịch (b/c);
- CT, các PCT UBND tỉnh;- LĐVP;
- Lưu: VT, VXNV.
|
KT. CHỦ TỊCH
PHÓ CHỦ TỊCH
N
"""
    info = _info(text)
    assert info.recipients == ["Như Điều 2", "Bộ Văn hóa, Thể thao và Du lịch (b/c)", "CT, các PCT UBND tỉnh", "LĐVP",
                               "Lưu: VT, VXNV"]
    assert info.signer is None and info.signer_title == "KT. Chủ tịch / Phó Chủ tịch"


def test_hard_wrapped_titles_keep_the_years_wrapped_onto_their_own_line():
    body = ("Căn cứ Quyết định số 3984/QĐ-BYT ngày 29 tháng 10 năm 2023 của Bộ trưởng Bộ Y tế về việc ban hành Kế\n"
            "hoạch kiểm soát dịch bệnh giai đoạn 2023 - 2025, Ủy ban nhân dân thành phố ban hành Kế hoạch như sau:\n"
            "I. MỤC TIÊU\n")
    head = "ỦY BAN NHÂN DÂN | CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM |\nSố: 235/KH-UBND | Cần Thơ, ngày 23 tháng 11 năm 2023 |\n"
    a = _info(head + "KẾ HOẠCH\nKIỂM SOÁT DỊCH BỆNH COVID-19 TRÊN ĐỊA BÀN THÀNH PHỐ GIAI ĐOẠN\n2023 - 2025\n" + body)
    assert a.title == "KIỂM SOÁT DỊCH BỆNH COVID-19 TRÊN ĐỊA BÀN THÀNH PHỐ GIAI ĐOẠN 2023 - 2025"
    b = _info(head + "KẾ HOẠCH\nKIỂM SOÁT DỊCH BỆNH COVID-19 TRÊN ĐỊA BÀN THÀNH PHỐ GIAI ĐOẠN 2023\n-2025\n" + body)
    assert b.title == "KIỂM SOÁT DỊCH BỆNH COVID-19 TRÊN ĐỊA BÀN THÀNH PHỐ GIAI ĐOẠN 2023 -2025"


def test_decision_title_wrapped_before_the_city_it_names_goes_on():
    text = """ỦY BAN NHÂN DÂN | CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM |
Số: 6120/QĐ-UBND | Đà Nẵng, ngày 02 tháng 11 năm 2015 |
QUYẾT ĐỊNH
VỀ VIỆC BAN HÀNH KẾ HOẠCH PHÁT TRIỂN GIAO THÔNG CÔNG CỘNG TẠI
THÀNH PHỐ ĐÀ NẴNG GIAI ĐOẠN 2016 - 2020
CHỦ TỊCH ỦY BAN NHÂN DÂN THÀNH PHỐ ĐÀ NẴNG
Căn cứ Luật Tổ chức Hội đồng nhân dân và Ủy ban nhân dân ngày 26 tháng 11 năm 2003;
QUYẾT ĐỊNH:
Điều 1. Ban hành kèm theo Quyết định này Kế hoạch phát triển giao thông công cộng giai đoạn 2016 - 2020.
"""
    info = _info(text)
    assert info.title == ("VỀ VIỆC BAN HÀNH KẾ HOẠCH PHÁT TRIỂN GIAO THÔNG CÔNG CỘNG TẠI THÀNH PHỐ ĐÀ NẴNG "
                          "GIAI ĐOẠN 2016 - 2020")
    assert info.issuer == "Ủy ban nhân dân thành phố Đà Nẵng" and info.plan_year == 2016


def test_a_congress_subcommittee_is_completed_with_the_congress_the_text_names():
    text = ("Tuyên truyền Đại hội đại biểu Đảng bộ tỉnh Hà Giang lần thứ XVII\n\n"
            "Thứ hai - 06/04/2020 09:12\n"
            "Nhằm tạo không khí phấn khởi chào mừng Đại hội Đảng bộ tỉnh lần thứ XVII, ngày 02/4/2020, Tiểu ban "
            "Văn kiện Đại hội ban hành Kế hoạch số 05-KH/TBVK về tổ chức lấy ý kiến nhân dân vào dự thảo văn kiện "
            "trên địa bàn tỉnh Hà Giang.\n")
    info = _info(text)
    assert info.issuer == "Tiểu ban Văn kiện Đại hội Đảng bộ tỉnh Hà Giang"
    assert (info.code, info.date) == ("05-KH/TBVK", "2020-04-02")
