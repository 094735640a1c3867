"""The pipeline's tokenizer: syllables as spaCy's blank Vietnamese makes them, in linear time.

`spacy.blank("vi")` without pyvi splits on whitespace and rebuilds the spaces with
`util.get_words_and_spaces`, which slices the rest of the text for every word (quadratic
in a plan's length: a third of a second for a long plan). This makes the same tokens
(a word per run of non-space characters, a single space after a word as its
`whitespace_`, any other run of whitespace a token of its own) from one regex scan.
"""
from __future__ import annotations

import re

from spacy.tokens import Doc

_WORD = re.compile(r"\S+")
# a word, the one space after it (its `whitespace_`), and the rest of the whitespace before the next word
_WORD_SPACE_REST = re.compile(r"(\S+)( ?)(\s*)")


def words_and_spaces(text: str) -> tuple[list[str], list[bool]]:
    """`spacy.util.get_words_and_spaces(text.split(), text)`, without its per-word slicing: one
    `findall` gives each word with its space and the whitespace token after it, if any."""
    words: list[str] = []
    spaces: list[bool] = []
    lead = len(text) - len(text.lstrip())
    if lead:  # whitespace before the first word is a token of its own
        words.append(text[:lead])
        spaces.append(False)
    for w, sp, rest in _WORD_SPACE_REST.findall(text, lead):
        words.append(w)
        spaces.append(bool(sp))
        if rest:
            words.append(rest)
            spaces.append(False)
    return words, spaces


class Syllables:
    """Stands in for the blank Vietnamese tokenizer (`inner`), which keeps its serialization."""

    def __init__(self, inner):
        self.inner = inner
        self.vocab = inner.vocab

    def __call__(self, text: str) -> Doc:
        words, spaces = words_and_spaces(text)
        return Doc(self.vocab, words=words, spaces=spaces)

    def __getattr__(self, name):  # to_bytes, from_bytes, to_disk, from_disk, pipe...
        if name == "inner":  # not set yet (an unpickled copy): no recursion
            raise AttributeError(name)
        return getattr(self.inner, name)
