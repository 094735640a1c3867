"""Tesseract's misread Vietnamese syllables, repaired against a word list.

The `vie` model mostly misreads diacritics, not letters: "Mục dích" for "Mục
đích", "thông tỉn", "tuyển truyền", "Tổ quốc" as "Tố quốc" (bold type makes it
worse). A misread syllable seldom forms a word with its neighbours, and the
right one usually does. So the repair needs no language model, only a list of
words: a syllable that forms no word with the syllable before or after it is
replaced by the one spelling with the same letters (tone and vowel marks and
đ/d aside) that does — when exactly one such spelling fits best (a two-syllable
word beats a pair seen only inside a longer word). A syllable that already
forms a word is never touched, nor is one Tesseract was sure of; names and
codes (no word list has them) have no other spelling that forms a word.

The word list is Viet74K, which underthesea (a project dependency) ships: about
74 000 Vietnamese words and compounds, 9 600 syllables; the names of bodies in the
project's own tables add the pairs plans use most ("Sở Y" of "Sở Y tế").
"""
from __future__ import annotations

import functools
import re
import unicodedata
from dataclasses import dataclass, field
from importlib import resources

from ..normalize import new_tones, strip_accents, strip_marks

SURE = 0.93  # a Tesseract confidence above which an existing syllable is taken as read
RARER = 8  # a replacement plans write this many times less often than the syllable read is not taken
RARER_PAIR = 4  # a pair plans write this many times less often than another spelling's pair there is a slip
_EDGE = re.compile(r"^(\W*)(.*?)(\W*)$", re.S)
_SPECK_QUOTE = re.compile(r"^['‘`][A-ZĐÀ-Ỹ][^'’]*$")


@dataclass(frozen=True)
class Lexicon:
    syllables: frozenset[str]
    pairs: frozenset[tuple[str, str]]  # adjacent syllables inside a word
    words: frozenset[tuple[str, str]]  # two-syllable words
    spellings: dict[str, tuple[str, ...]]  # bare letters → the syllables spelled with them
    freq: dict[str, int] = field(default_factory=dict)  # how often plans write each syllable (models/ocr_ngrams.tsv)
    pair_freq: dict[tuple[str, str], int] = field(default_factory=dict)  # how often plans write each pair there

    def outnumbered(self, left: str | None, syl: str, right: str | None) -> bool:
        """`syl` pairs with a neighbour only as a slip a few plans make, where plans write another
        spelling beside that neighbour RARER_PAIR times as often ("Công TTĐT" 3, "Cổng TTĐT" 19)."""
        for pair, other in (((left, syl), lambda s: (left, s)), ((syl, right), lambda s: (s, right))):
            n = self.pair_freq.get(pair)
            if n is None or pair in self.words:
                continue
            best = max((self.pair_freq.get(other(s), 0) for s in self.spellings.get(strip_accents(syl), ()) if s != syl),
                       default=0)
            if best >= RARER_PAIR * n:
                return True
        return False

    def fits(self, left: str | None, syl: str, right: str | None) -> int:
        """How well `syl` binds to its neighbours: 2 for each with which it is a
        two-syllable word, 1 for each it only stands beside inside a longer word."""
        return sum(2 if p in self.words else 1 if p in self.pairs else 0 for p in ((left, syl), (syl, right)))


@functools.lru_cache(maxsize=1)
def lexicon() -> Lexicon | None:
    """The word list, or None when underthesea's copy of it is missing (then nothing is repaired)."""
    try:
        text = (resources.files("underthesea") / "corpus" / "data" / "Viet74K.txt").read_text(encoding="utf-8")
    except (ModuleNotFoundError, FileNotFoundError, OSError):
        return None
    syllables: set[str] = set()
    pairs: set[tuple[str, str]] = set()
    words: set[tuple[str, str]] = set()
    for line in unicodedata.normalize("NFC", text).lower().splitlines():
        syls = [new_tones(x) for x in line.replace("-", " ").split()]
        syllables.update(syls)
        pairs.update(zip(syls, syls[1:]))
        if len(syls) == 2:
            words.add((syls[0], syls[1]))
    for name in _domain_names():  # the bodies plans name: "Sở Y tế", "Ủy ban nhân dân" pair up too
        syls = [new_tones(x) for x in name.lower().replace("-", " ").split() if x.isalpha()]
        pairs.update(zip(syls, syls[1:]))
    freq, plan_pairs = _plan_ngrams()
    pairs.update(plan_pairs)  # what plans write side by side: "cấp tỉnh", "UBND tỉnh"
    spellings: dict[str, list[str]] = {}
    for s in syllables:
        spellings.setdefault(strip_accents(s), []).append(s)
    return Lexicon(frozenset(syllables), frozenset(pairs), frozenset(words), {k: tuple(sorted(v)) for k, v in spellings.items()},
                   freq, plan_pairs)


def _plan_ngrams() -> tuple[dict[str, int], dict[tuple[str, str], int]]:
    """Syllable counts and adjacent pairs of the corpus plans (`make models`); empty, warned, when missing."""
    from ..nlp.artifacts import model_path, warn_missing

    path = model_path("ocr_ngrams.tsv")
    if not path.exists():
        warn_missing("ocr_ngrams.tsv")
        return {}, {}
    freq: dict[str, int] = {}
    pairs: dict[tuple[str, str], int] = {}
    for line in path.read_text(encoding="utf-8").splitlines():
        if line.startswith("#") or not line.strip():
            continue
        kind, a, b, n = line.split("\t")
        if kind == "u":
            freq[a] = int(n)
        else:
            pairs[(a, b)] = int(n)
    return freq, pairs


def _domain_names() -> list[str]:
    """Names of bodies from the project's tables (issuer codes, abbreviations written out)."""
    from ..data import abbreviations, issuer_codes

    return [name for name, _ in issuer_codes().values()] + list(abbreviations().values())


def _acronym(word: str, lex: Lexicon) -> str | None:
    """A known issuer abbreviation read with a vowel mark ("ƯBND" → "UBND"), or None.
    Only known ones: "UBTƯ", "BCHTƯ" carry their Ư rightly."""
    lead, core, trail = _EDGE.match(word).groups()
    if len(core) < 3 or not core.isalpha() or not core.isupper() or new_tones(core.lower()) in lex.syllables:
        return None
    from ..nlp.citations.clean import issuer_heads  # the one loader of the issuer-code table

    plain = strip_marks(core)
    return lead + plain + trail if plain != core and plain in issuer_heads() else None


def _cased(like: str, syl: str) -> str:
    if like.isupper() and len(like) > 1:
        return syl.upper()
    if like[:1].isupper():
        return syl[:1].upper() + syl[1:]
    return syl


def best_spelling(lex: Lexicon, left: str | None, syl: str, right: str | None, conf: float = 0.0) -> str | None:
    """The spelling `syl` (lower case) should have between `left` and `right`, or None to keep it."""
    here = lex.fits(left, syl, right)
    if here == 1 and lex.outnumbered(left, syl, right):
        here = 0  # Tesseract is as sure of "Công" as of "Cổng": the hook is a few pixels; the plans decide
    elif here >= 2 or conf >= SURE:  # a word with a neighbour, or read for sure
        return None
    # a spelling plans seldom write does not replace one they write all the time: "các Ban" is no "các bạn"
    floor = lex.freq.get(syl, 0) / RARER
    scored = [(lex.fits(left, s, right), s) for s in lex.spellings.get(strip_accents(syl), ())
              if s != syl and (floor < 1 or lex.freq.get(s, 0) >= floor)]
    top = max((n for n, _ in scored), default=0)
    winners = [s for n, s in scored if n == top]
    # a syllable that only stands beside its neighbour in some plan ("và Cổng" of "… và Cổng thông tin") yields
    # to a spelling that makes a word with the other one as well ("và Công nghệ")
    return winners[0] if top >= here + (2 if here else 1) and len(winners) == 1 else None


def repair_words(words: list[dict], lex: Lexicon | None = None) -> list[dict]:
    """Tesseract words (dicts with "text", "conf", "line") with misread syllables repaired.

    Neighbours are the words before and after in Tesseract's reading order within
    one paragraph, unless punctuation stands between them. A repaired word keeps
    what Tesseract read in "ocr_text".
    """
    lex = lex or lexicon()
    if lex is None or not words:
        return words
    out = [dict(w) for w in words]
    for i, w in enumerate(out):  # a speck read as an apostrophe before a capital: "'Truyền thông"
        if "©" in w["text"]:  # no plan prints ©: it is a "c" in italics ("(b/©)" of "(b/c)")
            w.setdefault("ocr_text", w["text"])
            w["text"] = w["text"].replace("©", "c")
        if _SPECK_QUOTE.match(w["text"]) and not any(re.search("['’]", x["text"]) for x in out[i + 1:i + 8]):
            w.setdefault("ocr_text", w["text"])
            w["text"] = w["text"][1:]
        acronym = _acronym(w["text"], lex)
        if acronym:
            w.setdefault("ocr_text", w["text"])
            w["text"] = acronym
    parts = [_EDGE.match(w["text"]).groups() for w in out]
    cores = [new_tones(core.lower()) if core.isalpha() else None for _, core, _ in parts]

    def joined(i: int, j: int) -> bool:  # words i and j (= i + 1) are read as one phrase
        return (out[i]["line"][:2] == out[j]["line"][:2] and not parts[i][2] and not parts[j][0]
                and cores[i] is not None and cores[j] is not None)

    for i, w in enumerate(out):
        if cores[i] is None:
            continue
        left = cores[i - 1] if i > 0 and joined(i - 1, i) else None
        right = cores[i + 1] if i + 1 < len(out) and joined(i, i + 1) else None
        if left is None and right is None:
            continue
        fixed = best_spelling(lex, left, cores[i], right, w.get("conf", 0.0))
        if fixed:
            lead, core, trail = parts[i]
            w.setdefault("ocr_text", w["text"])
            w["text"] = lead + _cased(core, fixed) + trail
            cores[i] = fixed
    return out


__all__ = ["Lexicon", "lexicon", "best_spelling", "repair_words", "SURE"]
