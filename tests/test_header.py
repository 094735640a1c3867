"""The plan's identity from headers laid out the ways the formats flatten them."""
from __future__ import annotations

import pytest

from extractor.ingest.text import parse_text
from extractor.nlp.header import extract_header
from extractor.nlp.names import issuer_from_lines, recase_name

BODY = """I. MỤC TIÊU

Bảo đảm an toàn giao thông trong mùa lễ hội.

II. TỔ CHỨC THỰC HIỆN

1. Phòng Kinh tế và Hạ tầng

- Chủ trì kiểm tra các tuyến đường liên xã trong quý II."""

TAIL = """Nơi nhận:
- Sở Giao thông vận tải;
- TT Huyện ủy;
- Lưu: VT.

{sign}

Đỗ Thị Hạnh"""


def _header(text: str):
    return extract_header(parse_text(text, "t.txt")).info


def _plan(top: str, sign: str = "KT. CHỦ TỊCH\nPHÓ CHỦ TỊCH") -> str:
    return f"{top}\n\n{BODY}\n\n{TAIL.format(sign=sign)}\n"


LEFT_FIRST = """ỦY BAN NHÂN DÂN
HUYỆN TƯ NGHĨA

CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM
Độc lập - Tự do - Hạnh phúc

Số: 77/KH-UBND

Tư Nghĩa, ngày 09 tháng 5 năm 2026

KẾ HOẠCH
Bảo đảm trật tự an toàn giao thông
dịp lễ hội năm 2026"""

RIGHT_FIRST_PDF = """CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM
Độc lập - Tự do - Hạnh phúc
----------
ỦY BAN NHÂN DÂN
HUYỆN TƯ NGHĨA
Số: 77/KH-UBND        Tư Nghĩa, ngày 09 tháng 5 năm 2026
KẾ HOẠCH
Bảo đảm trật tự an toàn giao thông
dịp lễ hội năm 2026"""


@pytest.mark.parametrize("top", [LEFT_FIRST, RIGHT_FIRST_PDF], ids=["columns", "pdf-one-line"])
def test_two_column_header_in_any_order(top):
    info = _header(_plan(top))
    assert info.code == "77/KH-UBND" and info.number == "77"
    assert info.place == "Tư Nghĩa" and info.date == "2026-05-09"
    assert info.issuer == "Ủy ban nhân dân huyện Tư Nghĩa"
    assert info.parent_issuer is None  # "UBND" over "HUYỆN X" is one body's name on two lines
    assert info.title == "Bảo đảm trật tự an toàn giao thông dịp lễ hội năm 2026"
    assert info.plan_year == 2026


def test_blank_number_and_blank_day():
    top = LEFT_FIRST.replace("Số: 77/KH-UBND", "Số:      /KH-UBND").replace("ngày 09 tháng 5", "ngày      tháng 5")
    info = _header(_plan(top))
    assert info.number is None and info.code == "/KH-UBND"
    assert info.date == "2026-05"


@pytest.mark.parametrize("so", ["Số: KH-UBND", "Số: /&KH-UBND", "SỐ: /KH-UBND"])
def test_blank_number_as_ocr_reads_it(so):
    info = _header(_plan(LEFT_FIRST.replace("Số: 77/KH-UBND", so)))
    assert info.number is None and info.code == "/KH-UBND"


@pytest.mark.parametrize("sign, title", [
    ("KT. CHỦ TỊCH\nPHÓ CHỦ TỊCH", "KT. Chủ tịch / Phó Chủ tịch"),
    ("TM. ỦY BAN NHÂN DÂN\nKT. CHỦ TỊCH\nPHÓ CHỦ TỊCH", "TM. Ủy ban nhân dân / KT. Chủ tịch / Phó Chủ tịch"),
    ("TL. CHỦ TỊCH\nCHÁNH VĂN PHÒNG", "TL. Chủ tịch / Chánh văn phòng"),
    ("Q. CHỦ TỊCH", "Q. Chủ tịch"),
    ("KT. CHỦ TỊCH\n\nPHÓ CHỦ TỊCH\n\nl\n\n-", "KT. Chủ tịch / Phó Chủ tịch"),  # a scan: blocks apart, specks
])
def test_signature_block_and_recipients(sign, title):
    info = _header(_plan(LEFT_FIRST, sign))
    assert info.signer == "Đỗ Thị Hạnh"
    assert info.signer_title == title
    assert info.recipients == ["Sở Giao thông vận tải", "TT Huyện ủy", "Lưu: VT"]


def test_recipients_go_on_past_the_signers_name_and_across_a_wrapped_item():
    """A scan reads the two columns of the tail line by line: the signer's name (the post under a
    seal unread) falls amid "Nơi nhận", and a long item wraps onto a line of its own."""
    tail = ("Nơi nhận:\n- Như Điều 3;\n- Văn phòng Quốc hội;\nTrần Hồng Hà\n- Kiểm toán nhà nước;\n"
            "- VPCP: BTCN, các PCN, TGĐ Cổng\nTTĐT, các Vụ: KTTH, CN;\n- Ủy ban Quốc gia Ứng phó sự cố (/c);\n- Lưu: VT, NN (1 6B).")
    info = _header(f"{LEFT_FIRST}\n\n{BODY}\n\n{tail}\n")
    assert info.recipients == ["Như Điều 3", "Văn phòng Quốc hội", "Kiểm toán nhà nước",
                               "VPCP: BTCN, các PCN, TGĐ Cổng TTĐT, các Vụ: KTTH, CN",
                               "Ủy ban Quốc gia Ứng phó sự cố (b/c)", "Lưu: VT, NN (16B)"]


def test_department_under_its_province_is_issuer_with_parent():
    top = LEFT_FIRST.replace("ỦY BAN NHÂN DÂN\nHUYỆN TƯ NGHĨA", "UBND TỈNH QUẢNG NGÃI\nSỞ GIAO THÔNG VẬN TẢI").replace(
        "77/KH-UBND", "412/KH-SGTVT").replace("Tư Nghĩa,", "Quảng Ngãi,")
    info = _header(_plan(top))
    assert info.issuer == "Sở Giao thông vận tải tỉnh Quảng Ngãi"
    assert info.parent_issuer == "Ủy ban nhân dân tỉnh Quảng Ngãi"
    assert info.place == "Quảng Ngãi"


def test_plan_attached_to_a_decision_takes_the_decision_identity():
    text = """ỦY BAN NHÂN DÂN
TỈNH KON TUM

Số: 560/QĐ-UBND

Kon Tum, ngày 02 tháng 6 năm 2026

QUYẾT ĐỊNH
Ban hành Kế hoạch bảo vệ rừng mùa khô năm 2026

ỦY BAN NHÂN DÂN TỈNH KON TUM

Căn cứ Luật Lâm nghiệp ngày 15 tháng 11 năm 2017;

QUYẾT ĐỊNH:

Điều 1. Ban hành kèm theo Quyết định này Kế hoạch bảo vệ rừng mùa khô năm 2026.

Điều 2. Quyết định này có hiệu lực kể từ ngày ký./.

Nơi nhận:
- Như Điều 2;
- Lưu: VT.

TM. ỦY BAN NHÂN DÂN
CHỦ TỊCH

Lương Văn Đạt

KẾ HOẠCH
Bảo vệ rừng mùa khô năm 2026
(Ban hành kèm theo Quyết định số 560/QĐ-UBND ngày 02/6/2026 của UBND tỉnh Kon Tum)

I. MỤC TIÊU

Không để xảy ra cháy rừng lớn.
"""
    src = parse_text(text, "t.txt")
    h = extract_header(src)
    info = h.info
    assert info.doc_type == "KH"
    assert info.code == "560/QĐ-UBND" and info.date == "2026-06-02" and info.place == "Kon Tum"
    assert info.title == "Bảo vệ rừng mùa khô năm 2026"  # the plan's title, without "(Ban hành kèm theo …)"
    assert info.signer == "Lương Văn Đạt" and info.signer_title == "TM. Ủy ban nhân dân / Chủ tịch"
    assert info.recipients == ["Như Điều 2", "Lưu: VT"]
    assert info.issuer == "Ủy ban nhân dân tỉnh Kon Tum"
    assert src.blocks[h.body_start].text == "I. MỤC TIÊU"  # the decision's articles are not the plan's body


@pytest.mark.parametrize("lines, names", [
    (["ỦY BAN MTTQ VIỆT NAM", "HUYỆN ĐIỆN BIÊN"], ["Ủy ban Mặt trận Tổ quốc Việt Nam huyện Điện Biên"]),
    (["ĐẢNG BỘ TỈNH YÊN BÁI", "TỈNH ỦY"], ["Đảng bộ tỉnh Yên Bái", "Tỉnh ủy Yên Bái"]),
    (["UBND TỈNH GIA LAI", "BAN QUẢN LÝ KHU KINH TẾ"], ["Ủy ban nhân dân tỉnh Gia Lai", "Ban Quản lý khu kinh tế tỉnh Gia Lai"]),
    (["UBND TỈNH SƠN LA", "SỞ LAO ĐỘNG - THƯƠNG BINH", "VÀ XÃ HỘI"],
     ["Ủy ban nhân dân tỉnh Sơn La", "Sở Lao động - Thương binh và Xã hội tỉnh Sơn La"]),
    (["HỘI ĐỒNG THI ĐUA, KHEN THƯỞNG", "THÀNH PHỐ PHAN THIẾT"], ["Hội đồng thi đua, khen thưởng thành phố Phan Thiết"]),
])
def test_issuer_lines_are_merged_and_recased(lines, names):
    assert issuer_from_lines(lines) == names


def test_recase_uses_the_province_table_and_keeps_cased_names():
    assert recase_name("SỞ Y TẾ TỈNH BÀ RỊA - VŨNG TÀU") == "Sở Y tế tỉnh Bà Rịa - Vũng Tàu"
    assert recase_name("Trung tâm Y tế huyện") == "Trung tâm Y tế huyện"  # already cased: left as written


def test_joint_plan_names_both_issuers_and_signers():
    top = """CÔNG AN HUYỆN BA TƠ
PHÒNG GIÁO DỤC VÀ ĐÀO TẠO

Số: 03/KHLT-CAH-PGDĐT

Ba Tơ, ngày 11 tháng 9 năm 2026

KẾ HOẠCH LIÊN TỊCH
Phối hợp bảo đảm an toàn trường học năm học 2026 - 2027"""
    text = f"{top}\n\n{BODY}\n\nTRƯỞNG PHÒNG\n\nHồ Văn Tâm\n\nTRƯỞNG CÔNG AN HUYỆN\n\nThượng tá Lê Minh Trí\n\nNơi nhận:\n- Lưu: VT.\n"
    info = _header(text)
    assert info.doc_type == "KH"
    assert info.title == "Phối hợp bảo đảm an toàn trường học năm học 2026 - 2027"
    assert info.issuer == "Công an huyện Ba Tơ; Phòng Giáo dục và Đào tạo huyện Ba Tơ"
    assert info.parent_issuer is None
    assert info.signer == "Hồ Văn Tâm; Lê Minh Trí"


def test_docx_layout_tables_for_header_and_signature(tmp_path):
    """Word plans put the two header columns, and "Nơi nhận" beside the signature, in borderless tables."""
    from docx import Document

    from extractor.ingest import load

    d = Document()
    t = d.add_table(rows=2, cols=2)
    t.cell(0, 0).text = "ỦY BAN NHÂN DÂN\nXÃ ĐỨC PHONG"
    t.cell(0, 1).text = "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM\nĐộc lập - Tự do - Hạnh phúc"
    t.cell(1, 0).text = "Số:     /KH-UBND"
    t.cell(1, 1).text = "Đức Phong, ngày    tháng 7 năm 2026"
    for line in ("KẾ HOẠCH", "Phòng, chống đuối nước cho trẻ em", "trong dịp hè năm 2026", "I. MỤC TIÊU",
                 "Không để xảy ra tai nạn đuối nước.", "II. TỔ CHỨC THỰC HIỆN", "1. Công an xã",
                 "- Tuần tra các điểm sông, suối hằng tuần."):
        d.add_paragraph(line)
    t2 = d.add_table(rows=1, cols=2)
    left = t2.cell(0, 0)
    left.text = "Nơi nhận:"
    for x in ("- UBND huyện (b/c);", "- Lưu: VT."):
        left.add_paragraph(x)
    right = t2.cell(0, 1)
    right.text = "TM. ỦY BAN NHÂN DÂN"
    for x in ("CHỦ TỊCH", "(Đã ký)", "Mai Xuân Lộc"):
        right.add_paragraph(x)
    path = tmp_path / "plan.docx"
    d.save(path)
    info = extract_header(load(str(path))).info
    assert (info.number, info.code, info.date, info.place) == (None, "/KH-UBND", "2026-07", "Đức Phong")
    assert info.issuer == "Ủy ban nhân dân xã Đức Phong"
    assert info.title == "Phòng, chống đuối nước cho trẻ em trong dịp hè năm 2026"
    assert info.recipients == ["UBND huyện (b/c)", "Lưu: VT"]
    assert (info.signer, info.signer_title) == ("Mai Xuân Lộc", "TM. Ủy ban nhân dân / Chủ tịch")


def test_columns_interleaved_line_by_line():
    """pdftotext keeps each printed row: left and right column text share a line."""
    top = """ỦY BAN NHÂN DÂN CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM
HUYỆN TƯ NGHĨA Độc lập - Tự do - Hạnh phúc
Số: 77/KH-UBND Tư Nghĩa, ngày 09 tháng 5 năm 2026
KẾ HOẠCH
Bảo đảm trật tự an toàn giao thông
dịp lễ hội năm 2026"""
    info = _header(_plan(top))
    assert (info.issuer, info.parent_issuer) == ("Ủy ban nhân dân huyện Tư Nghĩa", None)
    assert (info.code, info.place, info.date) == ("77/KH-UBND", "Tư Nghĩa", "2026-05-09")
    assert info.title == "Bảo đảm trật tự an toàn giao thông dịp lễ hội năm 2026"


@pytest.mark.parametrize("line, number, code", [
    ("Số: 45/KH-SNgV", "45", "45/KH-SNgV"),  # Sở Ngoại vụ writes its code with a lower-case letter
    ("Số: 08/2026/KH-UBND", "08", "08/2026/KH-UBND"),
    ("Số 12-KH/HU", "12", "12-KH/HU"),
    ("Số: 311 /KH-SYT", "311", "311/KH-SYT"),
])
def test_so_line_shapes(line, number, code):
    info = _header(_plan(LEFT_FIRST.replace("Số: 77/KH-UBND", line)))
    assert (info.number, info.code) == (number, code)
