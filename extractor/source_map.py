"""Offsets in the text the pipeline read, back to the text the user has.

A record's offsets index the normalized text (`SourceDocument.text`: NFC, one
kind of space and dash, markup and zero-width characters gone, CRLF as LF,
wrapped lines joined, site lines kept aside). A user holding the raw text
(their scraper's string, the file) wants spans in *that*. `normalize.clean_to_source`
maps what normalization changes character by character; what the reader did
on top (lines joined, blanks squashed, lines dropped) is recovered by aligning
the two texts: equal characters pair off, whitespace pairs with whitespace, and
where they part, the next few characters of the normalized text are looked up
ahead in the raw one.
"""
from __future__ import annotations

import unicodedata

from .normalize import clean_to_source

_PROBE = 12  # non-space characters compared at once, and looked up ahead where the texts part
_BEHIND = 3000  # how far back a repeat counts as the reader's copy of what the raw text just said


def source_map(raw: str, norm: str) -> list[int]:
    """For each character of `norm`, the index in `raw` it stands for (monotone; len(norm) + 1 entries,
    the last one `len(raw)`, so that `[a, b)` maps to `[m[a], m[b - 1] + 1)`).

    Whitespace and the `|` of table rows are left out of the comparison (the reader
    joins, squashes and inserts them); they map just after the character before them.
    """
    from .ingest.text import _unescape_breaks

    unescaped, where = _unescape_breaks(raw)  # a dump's written-out "\\r\\n", as the text reader reads it
    clean, back = clean_to_source(unescaped)
    back = [where[k] for k in back]
    n_pos = [i for i, ch in enumerate(norm) if not ch.isspace() and ch != "|"]
    c_pos = [j for j, ch in enumerate(clean) if not ch.isspace() and ch != "|"]
    ns_n, ns_c = "".join(norm[i] for i in n_pos), "".join(clean[j] for j in c_pos)
    pair = [0] * len(ns_n)  # index in ns_c of each character of ns_n
    p = q = 0
    while p < len(ns_n):
        probe = ns_n[p:p + _PROBE]
        if not ns_c.startswith(probe, q):
            if ns_c.startswith(ns_n[p + 1:p + 1 + _PROBE], q + 1):  # one character rewritten
                k = 1
            elif ns_c.startswith(ns_n[p + 1:p + 1 + _PROBE], q):  # one the reader put in
                pair[p] = min(q, len(ns_c) - 1)
                p += 1
                continue
            else:
                found = ns_c.find(probe, q)
                if found >= 0 and ns_c.find(probe, max(0, q - _BEHIND), q) >= 0:
                    found = -1  # what the raw text just said, again: a merged cell the reader filled down
                if found >= 0:  # dropped from the raw text: markup, a site line kept aside
                    q = found
                    k = len(probe)
                else:  # the reader's own (a merged cell filled down, a rewritten run): pair what agrees,
                    k = next((d for d, (a, b) in enumerate(zip(probe, ns_c[q:])) if a != b), 0)
                    if k == 0:  # then take the character as put in, where the raw text goes on
                        pair[p] = min(q, len(ns_c) - 1)
                        p += 1
                        continue
        else:
            k = len(probe)
        for d in range(k):
            pair[p + d] = min(q + d, len(ns_c) - 1)
        p, q = p + k, q + k
    out = [0] * (len(norm) + 1)
    prev = 0
    it = iter(range(len(ns_n)))
    k = next(it, None)
    for i in range(len(norm)):
        if k is not None and n_pos[k] == i:
            out[i] = back[c_pos[pair[k]]] if c_pos else 0
            prev = out[i] + 1
            k = next(it, None)
        else:
            out[i] = min(prev, len(raw))
    out[len(norm)] = len(raw)
    return out


def to_source(m: list[int], raw: str, start: int, end: int) -> tuple[int, int]:
    """The raw span of the normalized span [start, end): a composed letter whose marks the raw text
    wrote apart takes them with it."""
    if end <= start:
        return m[start], m[start]
    a, b = m[start], m[end - 1] + 1
    while b < len(raw) and unicodedata.combining(raw[b]):
        b += 1
    return a, b
