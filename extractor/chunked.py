"""Texts over spaCy's 1 000 000 characters, tokenized in pieces cut at line breaks.

spaCy refuses longer texts (E088) because its parser and NER need ~1 GB per
100 000 characters; this pipeline has neither (a rule-based tokenizer and our
components), so the refusal only protects memory we do not use. The tokenizer
is given pieces of at most `CHUNK` characters, each ending at a line break
(a block boundary of the readers' text) where there is one, and the pieces are
joined with `Doc.from_docs`: the Doc's text is the input text character for
character, so every offset the components compute stays an offset into it.
`MAX_CHARS` is the documented limit (README, "Limits"); past it the error says so.
"""
from __future__ import annotations

CHUNK = 200_000
MAX_CHARS = 10_000_000


class ChunkedTokenizer:
    """Wraps a tokenizer: short texts go straight through, long ones in pieces."""

    def __init__(self, inner, chunk: int = CHUNK):
        self.inner = inner
        self.chunk = chunk

    def __call__(self, text: str):
        if len(text) <= self.chunk:
            return self.inner(text)
        from spacy.tokens import Doc

        docs = [self.inner(text[a:b]) for a, b in pieces(text, self.chunk)]
        return Doc.from_docs(docs, ensure_whitespace=False)

    def __getattr__(self, name):  # the rest of the tokenizer's interface (pipe, vocab, to_disk...)
        return getattr(self.inner, name)


def pieces(text: str, chunk: int) -> list[tuple[int, int]]:
    """Consecutive (start, end) covering `text`, each at most `chunk` long, cut after the last
    line break in the piece (or, with none, after its last space; a piece of neither is cut hard)."""
    out, a, n = [], 0, len(text)
    while n - a > chunk:
        b = text.rfind("\n", a + 1, a + chunk) + 1
        if b <= a:
            b = text.rfind(" ", a + 1, a + chunk) + 1
        if b <= a:
            b = a + chunk
        out.append((a, b))
        a = b
    out.append((a, n))
    return out


def allow_long_texts(nlp, max_chars: int = MAX_CHARS):
    """Let `nlp` take texts up to `max_chars`, tokenized in pieces; returns `nlp`."""
    if not isinstance(nlp.tokenizer, ChunkedTokenizer):
        nlp.tokenizer = ChunkedTokenizer(nlp.tokenizer)
    nlp.max_length = max_chars
    return nlp
