"""Linear time on hostile text, and texts over spaCy's 1 000 000 characters.

Each hostile shape is inserted into a real plan at two sizes, 1x and 4x; the CPU
time ratio is asserted (linear: ~4, quadratic: ~16), never a time.
"""
from __future__ import annotations

import os
import time

import pytest

from extractor import extract
from extractor.chunked import MAX_CHARS, pieces

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
REPRO = os.path.join(os.path.dirname(ROOT), "shared", "repro")
PLAN = open(os.path.join(ROOT, "corpus", "text", "002_337e30c1cff994e8.txt"), encoding="utf-8").read()
CUT = PLAN.index("I. MỤC TIÊU")  # after the preamble's grounds


def _plan_with(middle: str) -> str:
    return PLAN[:CUT] + middle + "\n\n" + PLAN[CUT:]


SHAPES = {
    "space run": lambda n: " " * (16_000 * n) + "\n",
    "tab run ending a line": lambda n: "Kết quả thực hiện công tác CCHC tại Sở." + "\t" * (4_000 * n),  # found by make fuzz
    "one citation repeated": lambda n: "Quyết định số 1/QĐ-UBND ngày 1/1/2020; " * (1_500 * n),
    "codes in one sentence": lambda n: "Căn cứ " + ", ".join(f"Quyết định số {i}/QĐ-UBND" for i in range(1_000 * n)) + ".",
}


def _cpu(path: str):
    t = time.process_time()
    rec = extract(path)
    return time.process_time() - t, rec


@pytest.mark.parametrize("shape", sorted(SHAPES))
def test_time_grows_linearly(tmp_path, shape):
    make = SHAPES[shape]
    paths = []
    for n in (1, 4):
        p = tmp_path / f"{n}.txt"
        p.write_text(_plan_with(make(n)), encoding="utf-8")
        paths.append(str(p))
    extract(paths[0])  # warm: the pipeline and data tables load once
    t1, r1 = _cpu(paths[0])
    t4, r4 = _cpu(paths[1])
    assert r1.doc.code == r4.doc.code == "485/KH-STTTT"
    assert t4 / max(t1, 0.05) < 8, (shape, t1, t4)


def test_over_a_million_characters_offsets_kept(tmp_path):
    body = PLAN[CUT:]
    text = PLAN[:CUT] + body * (1_100_000 // len(body) + 1)
    assert len(text) > 1_000_000
    p = tmp_path / "long.txt"
    p.write_text(text, encoding="utf-8")
    rec = extract(str(p))
    assert rec.doc.code == "485/KH-STTTT"
    assert rec.citations and rec.sections
    from extractor.ingest import load

    got = load(str(p)).text  # the text the offsets are into (SCHEMA: provenance)
    for c in rec.citations:  # offsets point into the whole text, also past the first piece
        assert c.prov is not None and c.text.split()[0] in got[c.prov.start:c.prov.end]
    late = [s for s in rec.sections if s.prov is not None and s.prov.start > 600_000]
    assert late and all(got[s.prov.start:s.prov.end].strip() for s in late)


def test_over_the_limit_is_a_clear_error(tmp_path):
    from extractor import ExtractError
    from extractor.chunked import allow_long_texts
    from extractor.nlp.pipeline import make_nlp

    p = tmp_path / "long.txt"
    p.write_text(PLAN * 3, encoding="utf-8")
    with pytest.raises(ExtractError) as ei:
        extract(str(p), allow_long_texts(make_nlp(), max_chars=len(PLAN)))
    assert ei.value.stage == "nlp" and "over the limit" in ei.value.reason and "E088" not in ei.value.reason


def test_pieces_cut_at_line_breaks():
    text = ("a" * 70 + "\n") * 50
    cuts = pieces(text, 1000)
    assert cuts[0][0] == 0 and cuts[-1][1] == len(text)
    assert all(b - a <= 1000 for a, b in cuts) and all(text[b - 1] == "\n" for a, b in cuts[:-1])
    assert all(x[1] == y[0] for x, y in zip(cuts, cuts[1:]))
    assert MAX_CHARS >= 10_000_000


@pytest.mark.skipif(not os.path.isdir(REPRO), reason="no ../shared/repro")
@pytest.mark.parametrize("name", ["slow_64k_spaces_45s.txt", "spacy_E088_over_1M_chars.txt"])
def test_reproducers(name):
    rec = extract(os.path.join(REPRO, name))
    assert rec.doc.code == "485/KH-STTTT"
