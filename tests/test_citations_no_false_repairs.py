"""No false repairs (issue 14 item 3): a valid code is never changed and never flagged.

A symbol is repaired only when the code as written is not valid and exactly one known
code is an OCR slip away. Walked here: every code of the data tables and of the
hand-written gold of ../shared, and codes generated the way bodies write them.
"""
from __future__ import annotations

import glob
import json
import os

import pytest
from hypothesis import assume, given, settings
from hypothesis import strategies as st

from extractor.data import doc_type_entries, issuer_codes, read_table
from extractor.nlp.citations.clean import known_issuer, type_codes, undoubled
from extractor.nlp.citations.collect import collect
from extractor.nlp.citations.resolve import normalize_code
from extractor.nlp.names import PlanContext

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
SHARED = os.path.join(ROOT, "..", "shared")
CTX = PlanContext(issuer="Ủy ban nhân dân tỉnh Khánh Hòa", issuer_base="Ủy ban nhân dân", province="Khánh Hòa")


def _gold_codes() -> list[str]:
    files = glob.glob(os.path.join(SHARED, "real", "*", "gold", "*.json")) + glob.glob(os.path.join(SHARED, "gold", "*.json"))
    if not files:
        pytest.fail(f"no gold under {os.path.abspath(SHARED)}")
    codes = set()
    for path in files:
        with open(path, encoding="utf-8") as f:
            rec = json.load(f)
        codes |= {c["code"] for c in rec.get("citations") or [] if c.get("code")}
        if (rec.get("doc") or {}).get("code") and (rec["doc"].get("number")):
            codes.add(rec["doc"]["code"])
    return sorted(codes)


def test_the_auditors_examples_stay_as_written():
    for code in ("12/KH-BQL", "12/KBNN", "12/QĐ-KBNN", "12/KH-BQP", "123/BQL-KH", "08/TB-BTC"):
        assert normalize_code(code) == (code, False), code
    got = {r.cit.code: r.cit.issues for r in collect("Căn cứ Kế hoạch số 12/KH-BQL ngày 02/3/2024 của Ban Quản lý các "
                                                       "khu công nghiệp; Công văn số 45/KBNN-KSC ngày 04/3/2024;",
                                                       CTX, None, (0, None), "t.txt", "2024-12-31")}
    assert got == {"12/KH-BQL": [], "45/KBNN-KSC": []}


@pytest.mark.parametrize("code", sorted(issuer_codes()))
def test_every_issuer_code_of_the_table_survives_repair(code):
    for written in (f"12/QĐ-{code}", f"12/2024/TT-{code}", f"12/{code}-VP", f"12-NQ/{code}"):
        assert normalize_code(written) == (written, False), written


def test_every_code_of_the_registry_and_the_type_table_survives_repair():
    rows = read_table("registry.tsv").rows
    assert rows
    for row in rows:
        assert normalize_code(row["code"]) == (row["code"], False), row["code"]
    for t in {r["code"] for r in doc_type_entries()}:
        written = f"7/{t}-UBND"
        assert normalize_code(written) == (written, False), written


def test_every_code_in_the_shared_gold_survives_repair():
    codes = _gold_codes()
    assert len(codes) > 50
    changed = {c: normalize_code(c) for c in codes if normalize_code(c) != (c, False)}
    assert changed == {}


_LETTERS = "ABCDEGHIKLMNOPQRSTUVXYĐ"
CAPITALS = st.text(alphabet=_LETTERS, min_size=2, max_size=8)


@st.composite
def neighbours(draw):
    """Codes of bodies the table does not list, one capital from a listed one: BQL beside BQP, KBNN beside BNN,
    BNNMT beside BTNMT — where a repair toward the table would be a false one."""
    code = draw(st.sampled_from(sorted(c for c in issuer_codes() if c.isupper())))
    k = draw(st.integers(0, len(code)))
    letter = draw(st.sampled_from(_LETTERS))
    out = draw(st.sampled_from([code[:k] + letter + code[k:], code[:k] + letter + code[k + 1:]]))
    assume(out not in issuer_codes() and len(out) >= 2)
    return out


def _glued(part: str) -> bool:
    """A part in capitals that opens with a type code followed by a known code, or one a slip from it
    ("QĐTTE"): read as that type with its hyphen lost — the one reading of such a code that is a repair."""
    for t in type_codes():
        rest = part[len(t):]
        if part.startswith(t) and rest and (known_issuer(rest) or undoubled(rest, broken=True)):
            return True
    return False


@st.composite
def valid_codes(draw):
    num = str(draw(st.integers(1, 9999))).zfill(draw(st.sampled_from([1, 2, 3])))
    typ = draw(st.sampled_from(type_codes()))
    issuer = draw(st.one_of(st.sampled_from(sorted(issuer_codes())), CAPITALS, neighbours()))
    unit = draw(st.one_of(st.just(""), CAPITALS.map(lambda u: "-" + u), st.integers(1, 99).map(lambda n: f"-PV{n}")))
    year = draw(st.integers(1990, 2026))
    form = draw(st.sampled_from(["plain", "year", "letter", "party"]))
    if form == "plain":
        return f"{num}/{typ}-{issuer}{unit}"
    if form == "year":
        return f"{num}/{year}/{typ}-{issuer}"
    if form == "letter":  # an official letter: issuer, then its unit
        assume(not _glued(issuer))
        return f"{num}/{issuer}{unit}"
    return f"{num}-{typ}/{issuer}"


@settings(max_examples=300, deadline=None, derandomize=True)
@given(valid_codes())
def test_valid_codes_are_never_repaired(code):
    assert normalize_code(code) == (code, False)


@settings(max_examples=60, deadline=None, derandomize=True)
@given(valid_codes(), st.sampled_from(["Quyết định", "Kế hoạch", "Công văn", "Nghị quyết"]))
def test_a_valid_code_cited_in_a_sentence_comes_back_unchanged_and_unflagged(code, word):
    if "/" in code and "-" in code.split("/")[0]:  # a party code names its type first
        word = "Kế hoạch" if "-KH/" in code else word
    text = f"Căn cứ {word} số {code} ngày 02/3/2024, Sở Y tế ban hành Kế hoạch như sau:"
    got = [r.cit for r in collect(text, CTX, None, (0, None), "t.txt", "2024-12-31")]
    assert [c.code for c in got] == [code], text
    assert "malformed_code" not in got[0].issues, text
