"""The Doc as spaCy users handle it (issue 14): `nlp.pipe` over worker processes, one
span per citation mention, and a record's marks over the raw text it came from."""
from __future__ import annotations

import html
import pickle
import re
import unicodedata
from pathlib import Path

import pytest
from spacy.tokens import Doc

import extractor
from extractor import Citation, extract, get_citations
from extractor.build import to_record
from extractor.nlp.pipeline import make_nlp

ROOT = Path(__file__).resolve().parent.parent
TEXTS = sorted((ROOT / "corpus" / "text").glob("*.txt"))
PLAN = ROOT / "corpus" / "text" / "002_337e30c1cff994e8.txt"
SENTENCE = ("Căn cứ Quyết định số 12/QĐ-UBND ngày 05/01/2023 của UBND tỉnh Nghệ An; thực hiện Quyết định số "
            "12/QĐ-UBND nêu trên và Công văn số 45/KBNN-KSC của Kho bạc Nhà nước, theo Quyết định số 12/QĐ-UBND.")


@pytest.fixture(scope="module")
def nlp():
    return make_nlp()


def _records(docs) -> list[dict]:
    return [to_record(d, "plan.txt").to_json() for d in docs]


def test_pipe_over_two_processes_gives_the_records_of_one(nlp):
    texts = [p.read_text(encoding="utf-8") for p in TEXTS[:6]]
    one = _records(nlp.pipe(texts))
    two = _records(nlp.pipe(texts, n_process=2, batch_size=2))
    assert two == one
    assert sum(len(r["citations"]) for r in two) > 10 and sum(bool(r["doc"]["code"]) for r in two) >= 4


def test_doc_bytes_keep_the_records_and_refuse_foreign_classes(nlp):
    doc = nlp(PLAN.read_text(encoding="utf-8"))
    back = Doc(nlp.vocab).from_bytes(doc.to_bytes())
    assert to_record(back, "p.txt").to_json() == to_record(doc, "p.txt").to_json()
    assert [sp._.record.code for sp in back.spans["citations"]] == [sp._.record.code for sp in doc.spans["citations"]]
    from extractor.nlp import docdata

    evil = {"__kh_extractor__": pickle.dumps(pickle.loads)}  # a pickle naming a function of another module
    with pytest.raises(pickle.UnpicklingError, match="not a class of extractor"):
        docdata.decode(evil)


def test_one_span_per_mention(nlp):
    doc = nlp(PLAN.read_text(encoding="utf-8"))
    cits = doc._.records["citations"]
    spans = doc.spans["citations"]
    assert len(spans) == sum(c.mentions for c in cits) > len(cits)  # cited again and again
    assert [(s.start_char, s.end_char) for s in spans] == sorted((s.start_char, s.end_char) for s in spans)
    for c in cits:
        own = [s for s in spans if s._.record is c]
        assert len(own) == len(c.mention_spans) == c.mentions
        assert own[0].start_char == c.prov.start  # the first mention is where the citation is
        for s in own:
            assert (c.number and c.number in s.text) or (c.name and s.text.startswith(("Luật", "Bộ luật", "Hiến pháp"))) \
                or re.match(r"(?:Quyết định|Nghị quyết|Kế hoạch|Chỉ thị|Công văn|Thông tư|Nghị định|Luật)", s.text), s.text


def test_get_citations_gives_mention_spans_in_the_string():
    raw = unicodedata.normalize("NFD", SENTENCE)
    cits = get_citations(raw)
    qd = next(c for c in cits if c.code == "12/QĐ-UBND")
    assert qd.mentions == len(qd.mention_spans) == 3
    for a, b in qd.mention_spans:
        assert unicodedata.normalize("NFC", raw[a:b]).startswith("Quyết định số 12/QĐ-UBND")


def _hostile(text: str) -> str:
    """The plan as a scraper may hand it over: CRLF line ends, NBSP after 'số', tone marks written apart."""
    return unicodedata.normalize("NFD", text.replace("\n", "\r\n").replace("số ", "số\u00a0"))


def _plain(s: str) -> str:
    return re.sub(r"\s+", " ", unicodedata.normalize("NFC", s).replace("\u00a0", " ")).strip()


@pytest.mark.parametrize("shape", ["as is", "hostile"])
def test_source_spans_cover_each_citations_own_characters(shape):
    text = PLAN.read_text(encoding="utf-8")
    raw = text if shape == "as is" else _hostile(text)
    rec = extract(text=raw)
    spans = extractor.source_spans(raw, rec)
    assert len(spans) == sum(c.mentions for c in rec.citations)
    for s in spans:
        got = raw[s.start:s.end]
        assert not unicodedata.combining(got[0]) and (s.end == len(raw) or not unicodedata.combining(raw[s.end]))
        if s.mention == 0:
            assert _plain(got) == _plain(s.item.text)  # the first mention: the citation's whole text
        else:
            assert _plain(got).split()[0] in {"Quyết", "Nghị", "Kế", "Chỉ", "Công", "Thông", "Luật", "Bộ", "Đề"}, got


def test_annotate_marks_the_raw_text_and_keeps_it_whole():
    raw = _hostile(PLAN.read_text(encoding="utf-8"))
    rec = extract(text=raw)
    out = extractor.annotate(raw, rec)
    assert out.count('<mark class="kh-citations') == sum(c.mentions for c in rec.citations)
    assert html.unescape(re.sub(r"<[^>]+>", "", out)) == raw  # every character of the caller's text, in order
    first = rec.citations[0]
    assert f'data-code="{html.escape(first.code)}"' in out


def test_annotate_takes_get_citations_offsets_as_they_are():
    raw = _hostile(SENTENCE)
    out = extractor.annotate(raw, get_citations(raw))
    marked = re.findall(r"<mark[^>]*>(.*?)</mark>", out)
    assert len(marked) == 4 and unicodedata.normalize("NFC", marked[0]).startswith("Quyết định số\u00a012/QĐ-UBND")


def test_annotate_refuses_a_record_of_another_text():
    rec = extract(str(PLAN))
    other = TEXTS[0].read_text(encoding="utf-8")
    with pytest.raises(ValueError, match="not made from this text"):
        extractor.annotate(other, rec)
    with pytest.raises(ValueError, match="unknown part"):
        extractor.source_spans(other, [], parts=["citation"])
    assert isinstance(rec.citations[0], Citation)
