"""Misread syllables repaired against the word list: what is fixed, what is left alone."""
from __future__ import annotations

import os
import random

import pytest

from extractor.ingest.ocr_words import best_spelling, lexicon, repair_words
from extractor.normalize import new_tones, strip_accents

CORPUS = os.path.join(os.path.dirname(__file__), "..", "corpus", "text")
pytestmark = pytest.mark.skipif(lexicon() is None, reason="underthesea's word list not installed")


def _words(text: str, conf: float = 0.6) -> list[dict]:
    return [{"text": t, "conf": conf, "line": (1, 1, 1)} for t in text.split()]


def _fix(text: str, conf: float = 0.6) -> str:
    return " ".join(w["text"] for w in repair_words(_words(text, conf)))


@pytest.mark.parametrize("read, meant", [
    ("1. Mục dích:", "1. Mục đích:"),
    ("I. MỤC DÍCH, YÊU CẦU", "I. MỤC ĐÍCH, YÊU CẦU"),
    ("Sở Thông tỉn và Truyền thông", "Sở Thông tin và Truyền thông"),
    ("công tác tuyển truyền cải cách", "công tác tuyên truyền cải cách"),
    ("Mặt trận Tố quốc", "Mặt trận Tổ quốc"),
])
def test_misread_marks_are_repaired_from_the_neighbouring_syllable(read, meant):
    assert _fix(read) == meant


def test_what_tesseract_was_sure_of_and_what_forms_a_word_stays():
    assert _fix("Mục dích", conf=0.97) == "Mục dích"  # a real syllable, read with confidence
    assert _fix("hành chính") == "hành chính"
    assert _fix("Hòa Bình") == "Hòa Bình" and _fix("Hoà Bình") == "Hoà Bình"  # either tone placement
    assert _fix("dích, vụ") == "dích, vụ"  # punctuation between: no neighbours, nothing to judge by


def test_speck_read_as_apostrophe_before_a_capital_is_dropped():
    assert _fix("Sở Thông tin và 'Truyền thông", conf=0.97) == "Sở Thông tin và Truyền thông"
    assert _fix("gọi là 'Ngày hội' năm nay", conf=0.97) == "gọi là 'Ngày hội' năm nay"


def test_abbreviations_lose_the_vowel_marks_ocr_gave_them():
    assert _fix("của ƯBND tỉnh và (ƯBND);", conf=0.97) == "của UBND tỉnh và (UBND);"
    assert _fix("SLĐTBXH CỘNG HÒA TTĐT UBTƯ", conf=0.5) == "SLĐTBXH CỘNG HÒA TTĐT UBTƯ"


def test_repaired_word_keeps_what_was_read():
    w = repair_words(_words("Mục dích"))[1]
    assert (w["text"], w["ocr_text"]) == ("đích", "dích")


def test_tone_placement_styles_are_one_spelling():
    assert new_tones("hoà") == "hòa" and new_tones("uỷ") == "ủy" and new_tones("quý") == "quý"
    assert new_tones("hoàn") == "hoàn" and strip_accents("Đích") == "Dich"
    assert best_spelling(lexicon(), "tỉnh", "ủy", None) is None


def test_damaged_plans_come_back_closer_and_clean_ones_untouched():
    """Every plan in corpus/text: read clean with confidence, nothing changes; with one
    syllable in twenty given another spelling of its letters (read unsure), the repair
    undoes most of that damage and makes few new errors."""
    lex = lexicon()
    rnd = random.Random(7)
    damaged = fixed = broken = 0
    for name in sorted(os.listdir(CORPUS)):
        with open(os.path.join(CORPUS, name), encoding="utf-8") as f:
            for k, line in enumerate(f):
                truth = line.split()
                words = [{"text": t, "conf": 0.96, "line": (k, 0, 0)} for t in truth]
                assert [w["text"] for w in repair_words(words, lex)] == truth
                for w in words:
                    low = w["text"].lower()
                    others = [s for s in lex.spellings.get(strip_accents(low), ()) if s != new_tones(low)]
                    if w["text"].isalpha() and w["text"].islower() and others and rnd.random() < 0.05:
                        w["text"], w["conf"] = rnd.choice(others), 0.6
                        damaged += 1
                got = [w["text"] for w in repair_words(words, lex)]
                fixed += sum(g == t != w["text"] for g, t, w in zip(got, truth, words))
                broken += sum(g != t == w["text"] for g, t, w in zip(got, truth, words))
    assert damaged > 500
    assert fixed > 0.4 * damaged and broken < 0.1 * fixed, (damaged, fixed, broken)


@pytest.mark.parametrize("read, meant", [
    # what plans write, kept though a dictionary word is one mark away ("cấp tính" acute, "các bạn" friends)
    ("Chiến sĩ thi đua cấp tỉnh đối với", "Chiến sĩ thi đua cấp tỉnh đối với"),
    ("Văn phòng Trung ương và các Ban của Đảng", "Văn phòng Trung ương và các Ban của Đảng"),
    # a misread the plans' own pairs put right: "UBND tính năm" is "UBND tỉnh năm"
    ("lãnh đạo UBND tính năm 2010", "lãnh đạo UBND tỉnh năm 2010"),
    # a syllable that only stands beside its left neighbour in some plan yields to a word on both sides
    ("Sở Khoa học và Cổng nghệ tỉnh", "Sở Khoa học và Công nghệ tỉnh"),
    # a pair a few plans write by a slip ("Công TTĐT") yields to the spelling plans write there far more often
    ("- Công TTĐT tỉnh;", "- Cổng TTĐT tỉnh;"),
    ("TGĐ Công TTĐT, các Vụ", "TGĐ Cổng TTĐT, các Vụ"),
])
def test_what_plans_write_decides_between_spellings(read, meant):
    if not lexicon().freq:
        pytest.skip("models/ocr_ngrams.tsv not built (make models)")
    assert _fix(read, conf=0.8) == meant


def test_plan_ngrams_are_rebuilt_byte_for_byte(tmp_path):
    """`make models` writes the same table from the same corpus: the committed one is that table."""
    import sys
    from pathlib import Path

    root = Path(__file__).resolve().parents[1]
    sys.path.insert(0, str(root / "models"))
    import ocr_ngrams

    uni, bi = ocr_ngrams.count(ocr_ngrams.corpus_texts([str(root / "corpus")]))
    ocr_ngrams.write(uni, bi, tmp_path / "n.tsv")
    assert (tmp_path / "n.tsv").read_bytes() == (root / "models" / ocr_ngrams.ARTIFACT).read_bytes()
    assert uni["tỉnh"] > 100 and bi[("ubnd", "tỉnh")] > 10  # plans' most common syllable pairs are counted


def test_a_slip_pair_is_repaired_even_when_tesseract_was_sure():
    """Tesseract reads "Công" as surely as "Cổng" (the hook is a few pixels): beside "TTĐT" the
    plans write "Cổng" many times as often, so that decides; a real word pair ("Công Thương") stays."""
    if not lexicon().freq:
        pytest.skip("models/ocr_ngrams.tsv not built (make models)")
    assert _fix("- Công TTĐT tỉnh;", conf=0.97) == "- Cổng TTĐT tỉnh;"
    assert _fix("Sở Công Thương", conf=0.97) == "Sở Công Thương"
