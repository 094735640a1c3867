"""Text normalization with an offset map back to the source.

The pipeline reads normalized text (NFC, no zero-width or non-breaking
characters, one kind of dash, no markdown or HTML residue) but every value must
point back to the file: `clean` returns the text and, for each of its
characters, the index of the source character it came from.

Tone-mark placement (hoà / hòa) is left as written in the text, since titles
and names are kept as written; `fold` gives the key under which both
placements, case, dashes and quotes compare equal, for matching only.
"""
from __future__ import annotations

import html
import re
import unicodedata
from functools import lru_cache

ZERO_WIDTH = dict.fromkeys(map(ord, "\u200b\u200c\u200d\u2060\ufeff\u00ad"), None)
SPACES = {ord(c): " " for c in "\u00a0\u2007\u202f\u2009\u200a\u3000"}
DASHES = {ord(c): "-" for c in "\u2010\u2011\u2012\u2013\u2014\u2015\u2212"}
_ONE_TO_ONE = SPACES | DASHES
QUOTES = {ord(c): '"' for c in "\u201c\u201d\u201e\u201f\u00ab\u00bb"} | {
    ord(c): "'" for c in "\u2018\u2019\u201a\u201b"
}

# Markup residue: HTML tags, markdown emphasis (** * __), autolinks <http://...>.
_MARKUP = re.compile(
    r"<(?:https?://|mailto:)[^>\s]+>"  # autolink: keep inner text (handled below)
    r"|</?[a-zA-Z][^<>]*>"  # HTML tag
    r"|\*\*|__|(?<![\w*])\*(?=\S)|(?<=\S)\*(?![\w*])"  # markdown emphasis markers
)
_BLOCK_TAG = re.compile(r"</?(?:p|li|br|div|tr|ul|ol|h[1-6])\b", re.I)

# Old-style tone placement (hoà, thuý) → new style (hòa, thúy), for matching.
_OLD_TONES = {
    "òa": "oà", "óa": "oá", "ỏa": "oả", "õa": "oã", "ọa": "oạ",
    "òe": "oè", "óe": "oé", "ỏe": "oẻ", "õe": "oẽ", "ọe": "oẹ",
    "ùy": "uỳ", "úy": "uý", "ủy": "uỷ", "ũy": "uỹ", "ụy": "uỵ",
}
_NEW_FROM_OLD = {old: new for new, old in _OLD_TONES.items()}
# not after "q": in "quý" the u belongs to the onset, the tone sits on y in either style
_OLD_PAIR = re.compile("|".join(map(re.escape, _NEW_FROM_OLD)))
_OLD_RE = re.compile(r"(?<![qQ])(" + "|".join(map(re.escape, _NEW_FROM_OLD)) + r")(?![a-zA-ZÀ-ỹđĐ])")


def clean(raw: str) -> tuple[str, list[int]]:
    """Normalize `raw`; return the text and, per character, its index in `raw`."""
    raw = unicodedata.normalize("NFC", raw)
    out: list[str] = []
    idx: list[int] = []
    pos = 0
    for m in _MARKUP.finditer(raw):
        _emit(raw, pos, m.start(), out, idx)
        tok = m.group(0)
        if tok.startswith("<") and re.match(r"<(?:https?://|mailto:)", tok):
            _emit(raw, m.start() + 1, m.end() - 1, out, idx)
        elif _BLOCK_TAG.match(tok) and out and out[-1] not in "\n ":
            out.append("\n")
            idx.append(m.start())
        pos = m.end()
    _emit(raw, pos, len(raw), out, idx)
    text = "".join(out)
    if "&" in text:  # entities: rare, so remap only when present
        text, idx = _unescape(text, idx)
    return text, idx


def _emit(raw: str, a: int, b: int, out: list[str], idx: list[int]) -> None:
    seg = raw[a:b]
    if len(seg.translate(ZERO_WIDTH)) == len(seg):  # nothing dropped: one character in, one out
        out.extend(seg.translate(_ONE_TO_ONE))
        idx.extend(range(a, b))
        return
    for i in range(a, b):
        c = raw[i].translate(ZERO_WIDTH)
        if not c:
            continue
        c = c.translate(SPACES).translate(DASHES)
        out.append(c)
        idx.append(i)


def _unescape(text: str, idx: list[int]) -> tuple[str, list[int]]:
    out: list[str] = []
    oidx: list[int] = []
    pos = 0
    for m in re.finditer(r"&(?:#\d+|#x[0-9a-fA-F]+|[a-zA-Z]+);", text):
        out.append(text[pos:m.start()])
        oidx.extend(idx[pos:m.start()])
        rep = html.unescape(m.group(0)).translate(SPACES)
        out.append(rep)
        oidx.extend([idx[m.start()]] * len(rep))
        pos = m.end()
    out.append(text[pos:])
    oidx.extend(idx[pos:])
    return "".join(out), oidx


def clean_to_source(raw: str) -> tuple[str, list[int]]:
    """`clean`, with the map into `raw` itself even when `raw` is not NFC (`clean` maps into its NFC form).

    Each run of a base letter and its combining marks composes on its own, so
    every composed character maps to where its run starts in `raw`.
    """
    if unicodedata.is_normalized("NFC", raw):
        return clean(raw)
    nfc: list[str] = []
    back: list[int] = []
    starts = [i for i, c in enumerate(raw) if i == 0 or not unicodedata.combining(c)] + [len(raw)]
    for a, b in zip(starts, starts[1:]):
        seg = unicodedata.normalize("NFC", raw[a:b])
        nfc.append(seg)
        back.extend([a] * len(seg))
    joined = "".join(nfc)
    if not unicodedata.is_normalized("NFC", joined):  # marks composing across runs (not Vietnamese): offsets of the NFC form
        return clean(raw)
    text, idx = clean(joined)
    return text, [back[i] for i in idx]


_CODE_BREAK = re.compile(r"(?<=[/\d][A-ZĐ]|[A-ZĐ]{2})-\s*\n\s*(?=[A-ZĐ])")


def join_wrapped(lines: list[str], sep: str = " ") -> str:
    """Lines of one paragraph or cell joined with `sep`, except a code wrapped at its
    hyphen ("… số 38/2020/QĐ-" / "TTg ngày …"), which is joined back whole."""
    text = _CODE_BREAK.sub("-", "\n".join(lines))
    return text if sep == "\n" else text.replace("\n", sep)


_DROP_AND_MAP = ZERO_WIDTH | _ONE_TO_ONE  # disjoint keys: `_emit`'s two steps in one pass
_ENTITY = re.compile(r"&(?:#\d+|#x[0-9a-fA-F]+|[a-zA-Z]+);")
_AUTOLINK = re.compile(r"<(?:https?://|mailto:)")
_MARKUP_CHARS = re.compile(r"[<*_]")  # what each alternative of _MARKUP consumes first
_MAPPED = re.compile("[" + "".join(re.escape(chr(c)) for c in _DROP_AND_MAP) + "]")  # a character translate would change


def clean_text(raw: str) -> str:
    """`clean(raw)[0]`, the same text, without building the offset map (the readers' blocks need
    no map of their own: theirs is the line's)."""
    raw = unicodedata.normalize("NFC", raw)
    if not _MARKUP_CHARS.search(raw):  # every markup match holds a "<", "*" or "_": most blocks hold none
        text = raw.translate(_DROP_AND_MAP) if _MAPPED.search(raw) else raw
        return _ENTITY.sub(_entity, text) if "&" in text else text
    out: list[str] = []
    last = ""  # the last character written
    pos = 0
    for m in _MARKUP.finditer(raw):
        seg = raw[pos:m.start()].translate(_DROP_AND_MAP)
        if seg:
            out.append(seg)
            last = seg[-1]
        tok = m.group(0)
        if tok.startswith("<") and _AUTOLINK.match(tok):
            seg = raw[m.start() + 1:m.end() - 1].translate(_DROP_AND_MAP)
            if seg:
                out.append(seg)
                last = seg[-1]
        elif _BLOCK_TAG.match(tok) and last and last not in "\n ":
            out.append("\n")
            last = "\n"
        pos = m.end()
    out.append(raw[pos:].translate(_DROP_AND_MAP))
    text = "".join(out)
    return _ENTITY.sub(_entity, text) if "&" in text else text


def _entity(m: re.Match) -> str:
    return html.unescape(m.group(0)).translate(SPACES)


_BLANKS = re.compile(r"[ \t]{2,}|\t")  # a lone space stays as it is: not rewritten


def all_caps(text: str, least: int = 1) -> bool:
    """Every letter upper case, and `least` letters at least; stops at the first that is not (in prose, at once)."""
    seen = 0
    for c in text:
        if c.isalpha():
            if not c.isupper():
                return False
            seen += 1
    return seen >= least


def squash(s: str) -> str:
    """Runs of spaces and tabs to one space, lines trimmed."""
    s = _BLANKS.sub(" ", s)
    if "\n" not in s:  # one line: trimming it is all
        return s.strip()
    return "\n".join(line.strip() for line in s.split("\n")).strip()


def new_tones(s: str) -> str:
    """hoà → hòa, thuý → thúy: the placement Nghị định 30 era documents mostly use."""
    if not _OLD_PAIR.search(s):  # every match is one of these pairs; a scan for them is fast, the pattern's is not
        return s
    return _OLD_RE.sub(lambda m: _NEW_FROM_OLD[m.group(1)], s)


_FOLD_TABLE = DASHES | QUOTES | SPACES  # disjoint keys, ASCII values: one pass does all three
_FOLD_CHARS = re.compile("[" + "".join(map(chr, _FOLD_TABLE)) + "]")


def fold(s: str) -> str:
    """Matching key: NFC, new tone placement, lower case, one dash, one quote, one space.

    Lines and names are cached (the readers and matchers fold the same ones again and
    again); a long text is not, so a corpus run's memory stays flat."""
    return _fold_short(s) if len(s) <= 400 else _fold(s)


@lru_cache(maxsize=1 << 15)
def _fold_short(s: str) -> str:
    return _fold(s)


def _fold(s: str) -> str:
    if not unicodedata.is_normalized("NFC", s):
        s = unicodedata.normalize("NFC", s)
    if _FOLD_CHARS.search(s):
        s = s.translate(_FOLD_TABLE)
    return " ".join(new_tones(s.lower()).split())


def strip_accents(s: str) -> str:
    """Remove diacritics (đ → d) for accent-insensitive search."""
    return strip_marks(s.replace("đ", "d").replace("Đ", "D"))


def strip_marks(s: str) -> str:
    """Tone and vowel marks removed, đ kept (a letter, not a mark): "ƯBND" → "UBND"."""
    return "".join(c for c in unicodedata.normalize("NFD", s) if unicodedata.category(c) != "Mn")
