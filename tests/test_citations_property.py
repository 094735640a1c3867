"""Property: a generated citation written in any of its usual surface forms comes back with exactly its fields.

Forms: with and without "số", three date styles, a line or page break inside, the issuer before the date, extra
spaces around separators, inside a list sharing one type, party symbols, and
repairable OCR-like damage (which also flags `malformed_code`). Prose full of
numbers, dates, phone numbers, URLs and amounts gives no citation.
"""
from __future__ import annotations

import datetime as dt

from hypothesis import given, settings
from hypothesis import strategies as st

from extractor.nlp.citations.check import check
from extractor.nlp.citations.find import find
from extractor.nlp.citations.resolve import resolve
from extractor.nlp.names import PlanContext

CTX = PlanContext(issuer="Sở Y tế tỉnh Khánh Hòa", issuer_base="Sở Y tế", province="Khánh Hòa")
PLAN_DATE = "2025-12-31"
TYPES = [("Quyết định", "QĐ"), ("Nghị quyết", "NQ"), ("Chỉ thị", "CT"), ("Kế hoạch", "KH"), ("Thông báo", "TB"),
         ("Hướng dẫn", "HD"), ("Nghị định", "NĐ"), ("Thông tư", "TT"), ("Chương trình", "CTr"), ("Đề án", "ĐA"),
         ("Báo cáo", "BC"), ("Thông tư liên tịch", "TTLT")]
# issuer code → (name as written after "của", normalized name)
ISSUERS = {"CP": ("Chính phủ", "Chính phủ"), "TTg": ("Thủ tướng Chính phủ", "Thủ tướng Chính phủ"),
           "BTC": ("Bộ Tài chính", "Bộ Tài chính"), "BNV": ("Bộ Nội vụ", "Bộ Nội vụ"), "BYT": ("Bộ Y tế", "Bộ Y tế"),
           "BTTTT": ("Bộ Thông tin và Truyền thông", "Bộ Thông tin và Truyền thông"),
           "UBND": ("UBND tỉnh Khánh Hòa", "Ủy ban nhân dân tỉnh Khánh Hòa")}
SENTENCES = ["Căn cứ {c};\n\nSở Y tế xây dựng Kế hoạch như sau:",
             "- Tuyên truyền các nội dung theo {c} đến cán bộ, công chức.",
             "Phòng Nghiệp vụ chủ trì, phối hợp thực hiện báo cáo kết quả thực hiện {c} gửi Sở Nội vụ."]


@st.composite
def citations(draw):
    word, tcode = draw(st.sampled_from(TYPES))
    icode = draw(st.sampled_from(sorted(ISSUERS)))
    number = draw(st.integers(1, 9999))
    day = draw(st.dates(dt.date(2005, 1, 1), dt.date(2025, 12, 31)))
    with_year = draw(st.booleans()) and tcode in ("NĐ", "TT", "TTLT", "QĐ", "NQ")
    num = f"{number:02d}" if draw(st.booleans()) else str(number)
    code = f"{num}/{day.year}/{tcode}-{icode}" if with_year else f"{num}/{tcode}-{icode}"
    named = draw(st.booleans())
    sentence = draw(st.sampled_from(SENTENCES))
    return dict(word=word, tcode=tcode, icode=icode, num=num, code=code, day=day, named=named, sentence=sentence)


def _dmy(d: dt.date, style: int) -> str:
    return [f"{d.day:02d}/{d.month:02d}/{d.year}", f"{d.day}-{d.month}-{d.year}",
            f"{d.day} tháng {d.month:02d} năm {d.year}"][style]


def _issuer(g) -> str:
    return f" của {ISSUERS[g['icode']][0]}" if g["named"] else ""


def _damage(code: str) -> str | None:
    """One repairable OCR-like slip: 0→O or 1→l in the number, Đ→D, or a lost hyphen."""
    num, rest = code.split("/", 1)
    if "0" in num[1:]:  # a damaged number keeps a real digit, else "l" is just a letter
        return num[0] + num[1:].replace("0", "O", 1) + "/" + rest
    if "1" in num and len(num) > 1 and any(ch.isdigit() for ch in num.replace("1", "l", 1)):
        return num.replace("1", "l", 1) + "/" + rest
    if "Đ-" in rest:
        return num + "/" + rest.replace("Đ-", "D-", 1)
    t, _, iss = rest.rpartition("-")
    return num + "/" + t + iss if iss in ("TTg", "BTC", "BNV", "BYT", "BTTTT") and t.split("/")[-1] in ("QĐ", "CT", "KH") else None


def forms(g) -> list[tuple[str, bool]]:
    """(citation text, damaged) in every surface form."""
    w, c, d, iss = g["word"], g["code"], g["day"], _issuer(g)
    spaced = c.replace("/", " / ").replace("-", " - ")
    out = [
        (f"{w} số {c} ngày {_dmy(d, 0)}{iss}", False),
        (f"{w} {c} ngày {_dmy(d, 0)}{iss}", False),  # no "số"
        (f"{w} số {c} ngày {_dmy(d, 2)}{iss}", False),  # ngày … tháng … năm
        (f"{w} số {c} ngày {_dmy(d, 1)}{iss}", False),  # dd-mm-yyyy
        (f"{w} số\n{c} ngày\n{_dmy(d, 0)}{iss}", False),  # broken over lines
        (f"{w}  số   {spaced}  ngày  {_dmy(d, 0)}{iss}", False),  # extra spaces
        (f"các {w} số 7/{g['tcode']}-UBND, {c} ngày {_dmy(d, 0)}{iss} và 9/{g['tcode']}-UBND", False),  # list
        (f"{w} số: {c}, ngày {_dmy(d, 0)}{iss}", False),
        (f"{w} số {c}{iss} ngày {_dmy(d, 0)}", False),  # issuer before the date
        (f"{w} số\n\n- 12 -\n\n{c} ngày\n\n13\n\n{_dmy(d, 0)}{iss}", False),  # page numbers between the parts
    ]
    dmg = _damage(c)
    if dmg:
        out.append((f"{w} số {dmg} ngày {_dmy(d, 0)}{iss}", True))
    return out


def _extract(text: str):
    out = []
    for r in resolve(text, find(text), CTX, None, (0, 0), "t.txt"):
        r.cit.issues = check(r.cit, r.named_issuer, r.type_word, PLAN_DATE)
        out.append(r.cit)
    return out


@settings(max_examples=150, deadline=None, derandomize=True)
@given(citations())
def test_every_surface_form_gives_back_the_generated_fields(g):
    want_issuer = ISSUERS[g["icode"]][1]
    for form, damaged in forms(g):
        text = g["sentence"].format(c=form)
        cits = [c for c in _extract(text) if c.code == g["code"]]
        assert len(cits) == 1, (text, [c.code for c in _extract(text)])
        c = cits[0]
        got = (c.doc_type, c.number, c.date, c.issuer, c.mentions, c.issues)
        want = (g["tcode"], g["num"], g["day"].isoformat(), want_issuer, 1, ["malformed_code"] if damaged else [])
        assert got == want, text


@st.composite
def party_citations(draw):
    word, tcode = draw(st.sampled_from([("Nghị quyết", "NQ"), ("Chỉ thị", "CT"), ("Kết luận", "KL"),
                                        ("Chương trình hành động", "CTr"), ("Kế hoạch", "KH")]))
    num = str(draw(st.integers(1, 999))).zfill(draw(st.sampled_from([1, 2])))
    day = draw(st.dates(dt.date(2005, 1, 1), dt.date(2025, 12, 31)))
    return word, tcode, num, day


@settings(max_examples=100, deadline=None, derandomize=True)
@given(party_citations())
def test_party_symbols_in_their_forms(p):
    word, tcode, num, day = p
    want = f"{num}-{tcode}/TU"
    for written, damaged in ((want, False), (f"{num}-{tcode}-TU", True), (f"{num} - {tcode}/TU", False)):
        text = f"Thực hiện {word} số {written} ngày {_dmy(day, 0)} của Tỉnh ủy, Sở Y tế ban hành Kế hoạch."
        cits = _extract(text)
        assert [(c.code, c.doc_type, c.date, c.issuer, c.relation, c.issues) for c in cits] == [
            (want, tcode, day.isoformat(), "Tỉnh ủy Khánh Hòa", "basis", ["malformed_code"] if damaged else [])], text


PROSE = [
    "Liên hệ số điện thoại {phone} hoặc {phone2} để được hướng dẫn.",
    "Tổng kinh phí thực hiện là {amount} đồng, trong đó năm {year} là {n} triệu đồng.",
    "Hoàn thành trước ngày {d}/{m}/{year}; báo cáo 6 tháng trước ngày {d} tháng {m} năm {year}.",
    "Xem tại https://sotttt.khanhhoa.gov.vn/{n}/{year}/tin-tuc hoặc www.example.vn/{n}-{d}.",
    "Áp dụng TCVN {n}:{year} và ISO {n2}:{year}; tỷ lệ đạt {d}%; Quý I/{year}, giai đoạn {year}-{year2}.",
    "Kế hoạch {year} gồm {n} nhiệm vụ; Quyết định khen thưởng {n} tập thể, số {n}/{year} người tham gia.",
    "Mã số {n}/ABC, số hiệu {n}/{year}/XYZ-{d}, số {n2}/{m}/{year}; Số lượng {n}.",
]


@settings(max_examples=150, deadline=None, derandomize=True)
@given(st.sampled_from(PROSE), st.integers(1, 9999), st.integers(1, 9999), st.integers(1, 28), st.integers(1, 12),
       st.integers(2000, 2030), st.from_regex(r"0\d{2,3}[ .]?\d{3}[ .]?\d{3,4}", fullmatch=True))
def test_prose_with_numbers_gives_no_citation(tpl, n, n2, d, m, year, phone):
    text = tpl.format(phone=phone, phone2=f"{phone[:4]}.{n:04d}", amount=f"{n}.{n2:03d}.000", year=year,
                      year2=year + 5, n=n, n2=n2, d=d, m=m)
    assert _extract(text) == [], text
