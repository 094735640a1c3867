"""Encoding detection and legacy (TCVN3 / VNI) round trips for Vietnamese plans."""
from __future__ import annotations

import unicodedata

import pytest

from extractor.ingest.encodings import DATA_DIR, UndecodableError, decode, encode_legacy

HEADER = """UBND TỈNH BÀ RỊA - VŨNG TÀU
SỞ Y TẾ
Số: 28/KH-SYT
KẾ HOẠCH
Tuyên truyền cải cách hành chính năm 2023"""

BODY = """I. MỤC TIÊU, YÊU CẦU
1. Mục tiêu
Kế hoạch số 28/KH-SYT ngày 15 tháng 02 năm 2023 của Sở Y tế tỉnh Bà Rịa - Vũng Tàu về tuyên truyền cải cách hành chính năm 2023 nhằm nâng cao nhận thức của cán bộ, công chức, viên chức và người dân. Ủy ban nhân dân tỉnh giao Sở Y tế chủ trì, phối hợp với các đơn vị liên quan tổ chức thực hiện.
2. Yêu cầu
- Ổn định tổ chức bộ máy, đẩy mạnh ứng dụng công nghệ thông tin trong giải quyết thủ tục hành chính.
- Ủy ban nhân dân các huyện, thị xã, thành phố phối hợp triển khai; báo cáo KHẨN trước ngày 30/6.
II. NỘI DUNG TUYÊN TRUYỀN
Ở mỗi đơn vị, thủ trưởng chịu trách nhiệm trước Giám đốc Sở về kết quả thực hiện. Ấy là yêu cầu bắt buộc."""

SIGNATURE = """KT. CHỦ TỊCH
PHÓ CHỦ TỊCH
Nơi nhận:
- UBND tỉnh (b/c);
- Các phòng chức năng thuộc Sở;
- Lưu: VT, VP."""

PARAGRAPHS = [HEADER, BODY, SIGNATURE, "\n".join([HEADER, BODY, SIGNATURE])]
_TONES = "\u0300\u0301\u0303\u0309\u0323"


def to_cp1258(text: str) -> bytes:
    """cp1258 has few precomposed letters: put the tone mark as a combining char."""
    out = bytearray()
    for char in text:
        try:
            out += char.encode("cp1258")
        except UnicodeEncodeError:
            nfd = unicodedata.normalize("NFD", char)
            base = unicodedata.normalize("NFC", "".join(c for c in nfd if c not in _TONES))
            out += (base + "".join(c for c in nfd if c in _TONES)).encode("cp1258")
    return bytes(out)


@pytest.mark.parametrize("text", PARAGRAPHS)
@pytest.mark.parametrize("encoding", ["tcvn3", "vni"])
def test_legacy_round_trip(text: str, encoding: str) -> None:
    assert decode(encode_legacy(text, encoding)) == (text, encoding)


def test_tcvn3_stores_toned_capitals_as_lowercase_codes() -> None:
    # Ế -> code of ế (0xD5), Ạ -> code of ạ (0xB9); plain capitals stay ASCII.
    assert encode_legacy("KẾ HOẠCH", "tcvn3") == b"K\xd5 HO\xb9CH"
    assert encode_legacy("Đ Ư đ ư", "tcvn3") == b"\xa7 \xa6 \xae \xad"


def test_vni_uses_base_letter_plus_mark_bytes() -> None:
    assert encode_legacy("Kế hoạch", "vni") == b"Ke\xe1 hoa\xefch"
    assert encode_legacy("KẾ HOẠCH Ủy", "vni") == b"KE\xc1 HOA\xcfCH U\xdby"


@pytest.mark.parametrize("encoding", ["tcvn3", "vni"])
def test_unmapped_chars_become_ascii(encoding: str) -> None:
    data = encode_legacy("“Kế hoạch” – năm 2023…", encoding)
    assert data.startswith(b'"') and b'" - n' in data and data.endswith(b"2023...")
    assert decode(data) == ('"Kế hoạch" - năm 2023...', encoding)
    assert encode_legacy("€ ½ ✓", encoding) == b"EUR 1/2 ?"


def test_encode_legacy_rejects_unknown_encoding() -> None:
    with pytest.raises(ValueError):
        encode_legacy("Kế hoạch", "viscii")


def test_tcvn3_sentence_start_ambiguity_is_resolved_upper() -> None:
    # Documented limitation: a lowercase toned word opening a line comes back capitalised.
    data = encode_legacy("Kế hoạch năm nay\nủy ban đã họp", "tcvn3")
    assert decode(data) == ("Kế hoạch năm nay\nỦy ban đã họp", "tcvn3")


@pytest.mark.parametrize("text", PARAGRAPHS)
def test_detects_utf8_and_bom(text: str) -> None:
    assert decode(text.encode("utf-8")) == (text, "utf-8")
    assert decode(b"\xef\xbb\xbf" + text.encode("utf-8")) == (text, "utf-8-sig")


@pytest.mark.parametrize("codec", ["utf-16", "utf-16-le", "utf-16-be"])
def test_detects_utf16_with_and_without_bom(codec: str) -> None:
    text = "\n".join(PARAGRAPHS[:3])
    assert decode(text.encode(codec)) == (text, "utf-16")


@pytest.mark.parametrize("text", PARAGRAPHS)
def test_detects_cp1258(text: str) -> None:
    data = to_cp1258(text)
    assert data.decode("cp1258") != text  # really uses combining tone marks
    assert decode(data) == (text, "cp1258")


def test_output_is_nfc_with_unix_newlines() -> None:
    text = "Kế hoạch\r\nSở Y tế\r\n"
    nfd = unicodedata.normalize("NFD", text).encode("utf-8")
    assert decode(nfd) == ("Kế hoạch\nSở Y tế\n", "utf-8")
    assert decode(encode_legacy(text, "vni")) == ("Kế hoạch\nSở Y tế\n", "vni")


def test_empty_input() -> None:
    assert decode(b"") == ("", "utf-8")


def test_binary_with_nul_bytes_is_rejected() -> None:
    with pytest.raises(UndecodableError, match="NUL"):
        decode(bytes(range(256)) * 4)
    with pytest.raises(UndecodableError, match="NUL"):
        decode(b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" + bytes(200))


def test_control_heavy_bytes_are_rejected() -> None:
    data = bytes((i * 37) % 255 + 1 for i in range(1000))  # no NUL, ~12% controls
    with pytest.raises(UndecodableError, match="control characters"):
        decode(data)


@pytest.mark.parametrize(("name", "rows"), [("tcvn3", 75), ("vni", 134)])
def test_tables_are_sourced_data(name: str, rows: int) -> None:
    lines = (DATA_DIR / f"{name}.tsv").read_text(encoding="utf-8").splitlines()
    assert lines[0].startswith("# source: ")
    data = [line for line in lines if line and not line.startswith("#")][1:]
    assert len(data) == rows


_PLAN = ("ỦY BAN NHÂN DÂN HUYỆN AN PHÚ\nSố: 15/KH-UBND\nKẾ HOẠCH\nTuyên truyền cải cách hành chính năm 2024\n"
         "Căn cứ Quyết định số 12/QĐ-UBND ngày 05/01/2024 của Ủy ban nhân dân huyện;\n")


@pytest.mark.parametrize("codec", ["utf-32", "utf-32-le", "utf-32-be"])
def test_utf32_with_and_without_bom_reads_as_the_plan(tmp_path, codec):
    from extractor import extract

    p = tmp_path / f"plan-{codec}.txt"
    p.write_bytes(_PLAN.encode(codec))
    rec = extract(str(p))
    assert rec.doc.code == "15/KH-UBND" and [c.code for c in rec.citations] == ["12/QĐ-UBND"]


def test_html_nested_deep_is_read_or_says_so(tmp_path):
    from extractor import extract
    from extractor.errors import ExtractError

    body = "".join(f"<p>{line}</p>" for line in _PLAN.splitlines())
    (tmp_path / "deep.html").write_text("<html><body>" + "<div>" * 400 + body + "</div>" * 400 + "</body></html>")
    assert extract(str(tmp_path / "deep.html")).doc.code == "15/KH-UBND"  # past libxml2's 256 levels
    (tmp_path / "deeper.html").write_text("<html><body>" + "<div>" * 5000 + body + "</div>" * 5000 + "</body></html>")
    with pytest.raises(ExtractError, match="nested too deep"):
        extract(str(tmp_path / "deeper.html"))
