"""The organization-name lexicon is data (extractor/data/org_patterns.tsv, issue 14), read in the order
the matcher needs, and the matcher's prefilter never skips a place a name starts."""
from __future__ import annotations

import unicodedata
from collections import Counter

import pytest

from extractor import data
from extractor.nlp import orgs


def test_the_lexicon_loads_with_every_kind():
    lex = data.org_patterns()
    assert set(lex) == set(data.ORG_KINDS)
    assert all(lex[k] for k in data.ORG_KINDS)
    for kind, phrases in lex.items():
        dupes = [p for p, n in Counter(phrases).items() if n > 1]
        assert not dupes, (kind, dupes)
        assert all(p == unicodedata.normalize("NFC", p) == p.strip() and p for p in phrases), kind
    assert orgs.HEADS == list(lex["head"]) and orgs.STOP_PHRASES == set(lex["stop_phrase"])


def test_a_head_is_listed_before_the_shorter_heads_it_begins_with():
    heads = data.org_patterns()["head"]
    for i, h in enumerate(heads):
        for longer in heads[i + 1:]:
            assert not (longer.startswith(h + " ") and longer.split()[0] == h.split()[0]), (h, longer)


def test_an_unknown_kind_is_a_data_error(tmp_path, monkeypatch):
    from types import SimpleNamespace

    (tmp_path / "org_patterns.tsv").write_text("kind\tphrase\nhead\tSở\nheadd\tPhòng\n", encoding="utf-8")
    monkeypatch.setattr(data, "resources", SimpleNamespace(files=lambda _: tmp_path))
    data.read_table.cache_clear()
    data.org_patterns.cache_clear()
    try:
        with pytest.raises(data.DataError, match="unknown kind 'headd'"):
            data.org_patterns()
    finally:
        monkeypatch.undo()
        data.read_table.cache_clear()
        data.org_patterns.cache_clear()


@pytest.mark.parametrize("text, names", [
    ("Giao Sở Y tế chủ trì, phối hợp với các cơ quan, đơn vị liên quan.", ["Sở Y tế", "các cơ quan, đơn vị liên quan"]),
    ("trường Cao đẳng nghề Lạng Sơn tổ chức", ["trường Cao đẳng nghề Lạng Sơn"]),
    ("cấp ủy các chi bộ triển khai; cơ quan báo chí của tỉnh đưa tin", ["cấp ủy các chi bộ", "cơ quan báo chí của tỉnh"]),
    ("Ủy ban nhân dân các huyện, thị xã và Văn phòng Sở Tư pháp", ["Ủy ban nhân dân các huyện, thị xã", "Văn phòng Sở Tư pháp"]),
])
def test_names_starting_in_lower_case_or_with_a_head_are_found(text, names):
    assert [m.text for m in orgs.find_orgs(text)] == names
