"""`clean_text` (the readers' blocks, issue 14 speed) gives exactly `clean`'s text without its offset map,
and `squash` (one pass over the text) the same as trimming and squashing line by line."""
from __future__ import annotations

import re

from hypothesis import given, settings
from hypothesis import strategies as st

from extractor.normalize import clean, clean_text, squash

# the characters `clean` treats apart: markup, entities, zero-width and odd spaces, dashes, combining marks
PIECES = ["<p>", "</p>", "<br/>", "<b>", "</div>", "<http://a.vn/x>", "<mailto:a@b.vn>", "**", "__", "*", "a*", "*b",
          "&amp;", "&#225;", "&#x1EA1;", "&nbsp;", "&bogus;", "&", "\u200b", "\u00ad", "\ufeff", "\u00a0", "\u2013",
          "\u2212", "\u201c", "o\u0301", "a\u0300", "Đ", "ế", " ", "  ", "\t", "\n", "\n\n", "x", "Sở Y tế", "12/KH-UBND"]


@settings(max_examples=300, deadline=None)
@given(st.lists(st.sampled_from(PIECES) | st.text(max_size=3), max_size=25).map("".join))
def test_clean_text_is_clean_without_the_map(raw):
    assert clean_text(raw) == clean(raw)[0]


def _squash_by_line(s: str) -> str:
    return "\n".join(re.sub(r"[ \t]+", " ", line).strip() for line in s.split("\n")).strip()


@settings(max_examples=300, deadline=None)
@given(st.lists(st.sampled_from(PIECES) | st.text(max_size=3), max_size=25).map("".join))
def test_squash_is_the_line_by_line_squash(s):
    assert squash(s) == _squash_by_line(s)


def test_a_block_tag_breaks_a_line_once():
    assert clean_text("Sở Y tế<br>ban hành") == clean("Sở Y tế<br>ban hành")[0] == "Sở Y tế\nban hành"
    assert clean_text("<p>a</p><p>b</p>") == clean("<p>a</p><p>b</p>")[0]


@settings(max_examples=300, deadline=None)
@given(st.text(alphabet=st.characters(blacklist_characters="<*_"), max_size=40))
def test_markup_needs_one_of_its_characters(s):
    from extractor.normalize import _MARKUP

    assert _MARKUP.search(s) is None


@settings(max_examples=300, deadline=None)
@given(st.lists(st.sampled_from(["oà", "hoà", "quý", "thuý", "Hoà", "oá", "uỷ", "oạ", "a", " ", "q", "x"]) | st.text(max_size=2),
                max_size=12).map("".join))
def test_new_tones_unchanged_by_its_prefilter(s):
    from extractor.normalize import _NEW_FROM_OLD, _OLD_RE, new_tones

    assert new_tones(s) == _OLD_RE.sub(lambda m: _NEW_FROM_OLD[m.group(1)], s)
