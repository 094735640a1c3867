"""Find names of organizations in Vietnamese administrative prose.

Names of bodies follow a grammar the Nghị định 30/2020 family shares: a head
noun (Sở, Phòng, Ủy ban nhân dân, Trung tâm, các đơn vị…) and a tail of
capitalized syllables with a few lower-case ones ("Sở Y tế", "Phòng Văn hóa
và Thông tin"), an optional place ("tỉnh Khánh Hòa", "thành phố"), and
relative tails ("thuộc Sở", "của tỉnh"). Groups ("các phòng, đơn vị thuộc
Sở") are names too. This module finds such spans; `names.py` normalizes them.
"""
from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

from ..data import org_patterns

# The lexicon is data (extractor/data/org_patterns.tsv): head nouns, longest first (capitalized heads need a
# name after them, or a relative word; group heads follow "các"/"những"), place words, the lower-case runs that
# belong to names, and the words and two-word verbs that end one.
_LEX = org_patterns()
HEADS = list(_LEX["head"])
GROUP_HEADS = list(_LEX["group_head"])
PLACE_WORDS = list(_LEX["place"])
STOP = set(_LEX["stop_word"])  # lower-case words that end a name
STOP_PHRASES = set(_LEX["stop_phrase"])  # two-word verbs that end a name
NAME_PHRASES = list(_LEX["name_phrase"])  # lower-case runs that belong to names
# After "," or "và" inside a group these words go on listing places or kinds of body.
GROUP_AFTER_COMMA = set(_LEX["group_after_comma"])
GROUP_WORDS = set(_LEX["group_word"])
# "các huyện, thị xã" after a name: the name is repeated for each place ("Trung tâm Y tế các huyện").
PLACE_GROUP_START = set(_LEX["place_group_start"])
# Heads a body of the same authority hangs under without "của": "Đảng đoàn HĐND tỉnh", "Văn phòng cơ quan Ủy ban MTTQ".
SUB_HEADS = set(_LEX["sub_head"])
PARENT_HEADS = tuple(_LEX["parent_head"])
_PARENT_SET = frozenset(PARENT_HEADS)
RELATIVE = tuple(_LEX["relative"])
_PLACES, _NAME_RUNS = tuple(PLACE_WORDS), tuple(NAME_PHRASES)  # as the phrase matcher takes them, made once


@dataclass
class OrgMention:
    text: str
    start: int
    end: int
    group: bool = False


def _is_cap(tok: str) -> bool:
    return tok[:1].isupper()


_TOKEN = re.compile(r"\w+(?:[./&]\w+)*(?:-\w+)*|[,–\-()]")


def _tokens(text: str) -> list[tuple[str, int, int]]:
    return [(m[0], m.start(), m.end()) for m in _TOKEN.finditer(text)]


def find_orgs(text: str, base: int = 0) -> list[OrgMention]:
    """All organization mentions in `text`, left to right, not overlapping."""
    toks = _tokens(text)
    ltoks = [(t.lower(), a, b) for t, a, b in toks]  # lowered once: matching is per position
    sc = _Scan(toks, ltoks, text)
    out: list[OrgMention] = []
    heads, starts = _heads_by_first(), _LOWER_STARTS
    # only where a head's first word or a lower-case start stands can a name start (see _match_at)
    can = [k for k, (t, lt) in enumerate(zip(toks, ltoks)) if t[0] in heads or lt[0] in starts]
    i = 0
    for k in can:
        if k < i:  # inside the name found before
            continue
        m = _match_at(sc, k)
        if m is None:
            continue
        j, group = m
        s, e = toks[k][1], toks[j - 1][2]
        out.append(OrgMention(text[s:e], base + s, base + e, group))
        i = _past_person(sc, j)
    return out


@dataclass
class _Scan:
    """One text's tokens and lowered tokens, computed once, and the text (what lies between two tokens is
    read only where a name is being extended, not for every token of a plan's body)."""
    toks: list
    ltoks: list
    text: str


@lru_cache(maxsize=None)
def _words(phrase: str) -> tuple[str, ...]:
    return tuple(phrase.replace(",", " ,").split())


def _by_first(phrases) -> dict[str, tuple[tuple[str, tuple[str, ...]], ...]]:
    """(phrase, its words) grouped by the first word, in the phrases' order: only those can match at a token."""
    out: dict[str, list[tuple[str, tuple[str, ...]]]] = {}
    for p in phrases:
        out.setdefault(_words(p)[0], []).append((p, _words(p)))
    return {w: tuple(ps) for w, ps in out.items()}


def _first_phrase(toks, i: int, by_first: dict) -> int | None:
    """End of the first phrase of `by_first` (`_by_first`, in list order) that matches at token i, else None."""
    if i >= len(toks):
        return None
    for _, words in by_first.get(toks[i][0], ()):
        j = _match_seq(toks, i, words)
        if j is not None:
            return j
    return None


def _match_words(toks, i, phrase: str) -> int | None:
    return _match_seq(toks, i, _words(phrase))


def _match_seq(toks, i: int, words: tuple[str, ...]) -> int | None:
    """The index after `words` matched at token i, else None."""
    end = i + len(words)
    if end > len(toks):
        return None
    for k, w in enumerate(words):
        if toks[i + k][0] != w:
            return None
    return end


@lru_cache(maxsize=1)
def _groups_longest_first() -> tuple[str, ...]:
    return tuple(sorted(GROUP_HEADS, key=len, reverse=True))


@lru_cache(maxsize=1)
def _groups_at() -> dict:
    return _by_first(_groups_longest_first())


@lru_cache(maxsize=1)
def _lower_heads() -> dict[str, list[tuple[str, str]]]:
    """(head, its lower case) by the first lower-case word, in HEADS order: only those can match there."""
    out: dict[str, list[tuple[str, str]]] = {}
    for h in HEADS:
        out.setdefault(_words(h.lower())[0], []).append((h, h.lower()))
    return out


@lru_cache(maxsize=None)
def _heads_by_first() -> dict[str, list[str]]:
    out: dict[str, list[str]] = {}
    for h in HEADS:
        out.setdefault(_words(h)[0], []).append(h)
    return out


def _head_at(toks, k: int) -> tuple[str, int] | None:
    """The longest head starting at token k (HEADS is longest-first), and where it ends."""
    if k >= len(toks):
        return None
    for h in _heads_by_first().get(toks[k][0], ()):
        j = _match_words(toks, k, h)
        if j is not None:
            return h, j
    return None


def _broken(sc: _Scan, k: int) -> bool:
    """A sentence or clause boundary lies just before token k: names never run across it."""
    return bool(k and _BOUNDARY.search(sc.text, sc.toks[k - 1][2], sc.toks[k][1]))


def _gap(sc: _Scan, k: int) -> str:
    """What stands between token k - 1 and token k."""
    return sc.text[sc.toks[k - 1][2]:sc.toks[k][1]]


_BOUNDARY = re.compile(r"[.;:\n]")


# The lower-case words a match can start at without a capitalized head there: the group words, "cấp ủy",
# "cơ quan …"/"đơn vị …", and the heads written in lower case before a name. Any other token starts one only
# if it is the first word of a head (`_heads_by_first`), so `find_orgs` tries `_match_at` nowhere else.
_LOWER_STARTS = frozenset({"các", "những", "cấp", "cơ", "đơn", "trường", "trung", "phòng", "ban", "sở", "văn"})


def _match_at(sc: _Scan, i: int) -> tuple[int, bool] | None:
    toks, ltoks = sc.toks, sc.ltoks
    tok = toks[i][0]
    low = ltoks[i][0]
    if low in ("các", "những") and i + 1 < len(toks):
        for g, words in _groups_at().get(ltoks[i + 1][0], ()):  # only those can match there
            j = _match_seq(ltoks, i + 1, words)
            if j is not None:  # "các Tổ đại biểu HĐND huyện": a team of a council hangs under it
                head = "Tổ đại biểu" if g == "tổ đại biểu" else ("tổ" if g.startswith("tổ ") else "các")
                return _tail(sc, j, True, head), True
        return None
    if low == "cấp" and i + 1 < len(toks) and ltoks[i + 1][0] == "ủy":  # "cấp ủy các chi bộ, đảng bộ cơ sở"
        return _tail(sc, i + 2, True, "các"), True
    if low in ("cơ", "đơn") and i + 1 < len(toks):  # "cơ quan báo chí của tỉnh"
        for g in ("cơ quan báo chí", "cơ quan thông tin đại chúng"):
            j = _match_words(toks, i, g)
            if j is not None:
                return _tail(sc, j, True, g), True
    if i and ltoks[i - 1][0] in _NOT_BEFORE_HEAD.get(low, ()):
        return None  # "Quảng trường Nhân Dân", "hội trường UBND": a place, not a school
    if low in ("phòng", "hội", "báo") and i + 1 < len(toks) and ltoks[i + 1][0].split("-")[0] in _NOT_AFTER_HEAD \
            and not (low == "hội" and i + 2 < len(toks) and (ltoks[i + 2][0] == "lần" or _is_cap(toks[i + 2][0]))):
        # "phòng COVID-19", "Hội nghị", "Hội thi", "Báo cáo": an act, an event, a report
        # (but "Hội nghị lần thứ sáu Ban Chấp hành Trung ương" issues resolutions)
        return None
    if tok.islower() and low in ("trường", "trung", "phòng", "ban", "sở", "văn") and i + 1 < len(toks):
        for h, lh in _lower_heads().get(low, ()):  # "trường Cao đẳng nghề Lạng Sơn": a lower-case head before a name
            j = _match_words(ltoks, i, lh)
            if j is not None and j < len(toks) and _is_cap(toks[j][0]) and not _starts_org(toks, j):
                return _tail(sc, j, False, h), False
        return None
    if not _is_cap(tok):
        return None
    hit = _head_at(toks, i)
    if hit is None:
        return None
    h, j = hit
    if h in ("UBND", "Ủy ban nhân dân", "Uỷ ban nhân dân") and j < len(toks) and ltoks[j][0] == "các":
        g = _match_at(sc, j)
        if g is not None:
            return g[0], True
    k = _tail(sc, j, False, h)
    if k == j and " và " not in h and h not in ("Thủ tướng Chính phủ", "Chính phủ", "Quốc hội", "Thành ủy", "Tỉnh ủy", "Huyện ủy",
                                                 "Mặt trận", "UBMTTQVN", "UBMTTQ", "MTTQ"):
        return None  # "Sở" alone in prose is not a name unless relative ("thuộc Sở") — see names.py
    return k, False


_NOT_BEFORE_HEAD = {"trường": ("quảng", "hội", "thị", "môi", "chiến", "hiện", "lập", "công", "thương"),
                    "phòng": ("văn",)}
_NOT_AFTER_HEAD = {"covid", "chống", "ngừa", "nghị", "thi", "thao", "thảo", "diễn", "chợ", "trại", "khỏe", "cáo"}


def _tail(sc: _Scan, j: int, group: bool, head: str) -> int:
    """Extend a name after its head; return the index after its last token."""
    toks, ltoks = sc.toks, sc.ltoks
    n = len(toks)
    lower_run = 0
    last_good = j
    k = j
    while k < n and not _broken(sc, k):
        tok = toks[k][0]
        low = ltoks[k][0]
        # place qualifier: "tỉnh Khánh Hòa", "thành phố Vũng Tàu", or bare "tỉnh"
        pj = _first_phrase(toks, k, _PLACES_AT)
        if pj is not None:
            q = pj
            while q < n and _is_cap(toks[q][0]) and toks[q][0] not in ("UBND",) and not _broken(sc, q) \
                    and not _starts_org(toks, q) and not _verb_at(ltoks, q):
                q += 1
            if ltoks[pj - 1][0] == "tỉnh" and q > pj and (q >= n or toks[q][0] not in ("-", "–")):
                p_end = _province_end(toks, pj, q)
                if p_end < q:  # "UBND tỉnh Lê Trường Sơn ký": a person after the body, not (all) a province
                    return p_end
            k = last_good = q
            lower_run = 0
            continue
        if low == "số" and k + 1 < n and re.fullmatch(r"\d{1,3}", toks[k + 1][0]) and not _broken(sc, k + 1):
            k = last_good = k + 2  # a numbered body: "Tổ đại biểu số 01", "Trường Tiểu học số 2"
            lower_run = 0
            continue
        if low == "lần" and k + 2 < n and ltoks[k + 1][0] == "thứ" and re.fullmatch(r"[IVXLC]+", toks[k + 2][0]):
            k = last_good = k + 3  # "Tiểu ban Tuyên truyền Đại hội Đảng bộ xã lần thứ I"
            lower_run = 0
            continue
        c = k + (tok == ",")
        if k > j and c + 2 < n and ltoks[c][0] == "nhiệm" and ltoks[c + 1][0] == "kỳ" \
                and re.fullmatch(r"(?:19|20)\d\d", toks[c + 2][0]) and k >= 2 and ltoks[k - 2][0] == "thứ" \
                and re.fullmatch(r"[IVXLC]+", toks[k - 1][0]):  # after "lần thứ I"
            k = last_good = c + 3  # "…, nhiệm kỳ 2025–2030": the term of the body's congress
            while k + 1 < n and toks[k][0] in ("-", "–") and re.fullmatch(r"\d{4}", toks[k + 1][0]):
                k = last_good = k + 2
            lower_run = 0
            continue
        if low in ("khóa", "khoá") and k + 1 < n and re.fullmatch(r"[IVXLC]+", toks[k + 1][0]) and not _broken(sc, k + 1):
            k = last_good = k + 2  # a council or committee of one term: "HĐND huyện khóa XIX"
            lower_run = 0
            continue
        if low == "số" and k + 1 < n and toks[k + 1][0][:1].isdigit():
            break  # "Sở Y tế số 12/KH-SYT": the number of a document
        phrase_end = _first_phrase(ltoks, k, _NAME_RUNS_AT)
        if phrase_end is not None:
            k = last_good = phrase_end
            lower_run = 0
            continue
        if low == "các" and k + 1 < n and ltoks[k + 1][0] in PLACE_GROUP_START and not _broken(sc, k + 1):
            group = True  # "Trung tâm Y tế các huyện, thị xã, thành phố"
            k = last_good = k + 1
            continue
        if low in ("thuộc", "của") and group and k + 1 < n and ltoks[k + 1][0] in PLACE_GROUP_START and not _broken(sc, k + 1):
            k = last_good = k + 2  # "các tổ tiêm phòng của xã, thị trấn"
            continue
        if group and head == "tổ" and k == j and tok.isalpha() and tok.islower() and low not in STOP \
                and not (k + 1 < n and f"{low} {ltoks[k + 1][0]}" in STOP_PHRASES):
            lower_run += 1  # a team named by its work: "các tổ tiêm phòng vacxin"
            k = last_good = k + 1
            continue
        if low in ("thuộc", "của") and k + 1 < n and toks[k + 1][0] in RELATIVE:
            k += 1
            continue
        if low in ("thuộc", "của") and k + 1 < n and _is_cap(toks[k + 1][0]) and (group or head in SUB_HEADS):
            m = _match_at(sc, k + 1)  # "các tổ chức thành viên của Mặt trận tỉnh"
            if m is not None:
                k = last_good = m[0]
                continue
        if tok in RELATIVE and k > 0 and (k == j or ltoks[k - 1][0] in ("thuộc", "của")):
            k = last_good = k + 1  # "Văn phòng Sở", "thuộc Sở", "của tỉnh": the plan's own body
            if tok == "Sở" and k < n and _is_cap(toks[k][0]) and not _starts_org(toks, k):
                continue  # "Văn phòng Sở Y tế": the name goes on
            lower_run = 0
            continue
        if head in SUB_HEADS and (k > j or head not in ("Ban", "Phòng")) \
                and (toks[k][0] in _PARENT_SET or _first_phrase(toks, k, _PARENTS_AT) is not None):
            m = _match_at(sc, k)  # "Đảng đoàn HĐND tỉnh", "Ban Giám đốc Công an tỉnh"
            if m is not None:
                k = last_good = m[0]
                continue
            if toks[k][0] in ("HĐND", "UBND") and head in ("Thường trực", "Tổ đại biểu"):
                k = last_good = k + 1  # "Thường trực HĐND, Ủy ban MTTQ các xã": the places come after the list
                continue
        if tok in ("và", ",", "-", "–") and k + 1 < n and _is_cap(toks[k + 1][0]) and not _broken(sc, k + 1) \
                and not _starts_org(toks, k + 1) and (tok in ("-", "–") or _head_at(toks, k + 1) is None) \
                and not (k + 2 < n and f"{toks[k + 1][0]} {ltoks[k + 2][0]}" in _POSTS):
            k += 1  # "Sở Văn hóa, Thể thao và Du lịch"; but "Sở Tư pháp, Báo Hà Tĩnh" are two
            continue
        if tok in (",", "và") and group and k + 1 < n and ltoks[k + 1][0] in GROUP_AFTER_COMMA and not _broken(sc, k + 1):
            k += 1
            continue
        if group and low in GROUP_WORDS:
            k = last_good = k + 1
            continue
        if _verb_at(ltoks, k):
            break  # "… tỉnh Phê duyệt Đề án …", "… Xã hội vềviệc …": the title of the document begins
        if _is_cap(tok) and tok not in ("UBND", "HĐND") and (k == j or not _starts_org(toks, k)):
            k = last_good = k + 1
            lower_run = 0
            continue
        stop = low in STOP or (k + 1 < n and f"{low} {ltoks[k + 1][0]}" in STOP_PHRASES)
        if tok.isalpha() and tok.islower() and not stop and lower_run < 4 and (_is_cap(toks[k - 1][0]) or lower_run >= 1):
            lower_run += 1
            k = last_good = k + 1
            continue
        break
    return last_good


# a post after a comma starts the next addressee, not a field of this name ("…, Chủ tịch UBND các xã")
_POSTS = frozenset({"Chủ tịch", "Giám đốc", "Thủ trưởng", "Bí thư", "Lãnh đạo", "Phó Chủ", "Phó Giám", "Chánh Văn", "Trưởng ban",
                    "Trưởng phòng", "Hiệu trưởng"})


def _province_end(toks, a: int, b: int) -> int:
    """After "tỉnh", the longest run of capitalized words from `a` (up to `b`) that is a province's name;
    `a` when none is (the words are a person's name: "Phó Chủ tịch UBND tỉnh Lê Trường Sơn")."""
    from .names import province_by_letters, province_name

    for q in range(min(b, a + 4), a, -1):
        words = " ".join(t for t, _, _ in toks[a:q])
        if province_name(words) or province_by_letters(words):
            return q
    return a


def _past_person(sc: _Scan, j: int) -> int:
    """Where scanning goes on after a name that ends in "tỉnh": past the person named right after it
    (capitalized words that are not a province), so "Trường Sơn" of a name is not read as a school."""
    toks = sc.toks
    if j >= len(toks) or not _is_cap(toks[j][0]) or _broken(sc, j) or _gap(sc, j) != " " or not (
            sc.ltoks[j - 1][0] == "tỉnh" or (j >= 2 and _province_end(toks, j - 2, j) == j)
            or (j >= 3 and _province_end(toks, j - 3, j) == j)):
        return j
    q = j
    while q < len(toks) and q - j < 4 and _is_cap(toks[q][0]) and toks[q][0] not in ("UBND", "HĐND") and not _broken(sc, q):
        q += 1
    return q


# verbs that open a cited document's title, capitalized or not ("… của UBND tỉnh Phê duyệt Đề án …");
# other two-word stop phrases end a name only in lower case ("Ban Chỉ đạo" is a name, "chỉ đạo" a verb)
_TITLE_VERBS = frozenset({"phê duyệt", "ban hành", "công bố", "quy định", "hướng dẫn", "sửa đổi"})


def _verb_at(ltoks, k: int) -> bool:
    """A verb that opens a document's title starts at k, in any case ("Phê duyệt"), or a stop word
    glued to the next word by a lost space ("vềviệc")."""
    low = ltoks[k][0]
    if k + 1 < len(ltoks) and f"{low} {ltoks[k + 1][0]}" in _TITLE_VERBS:
        return True
    return low.isalpha() and any(low[:i] in STOP and low[i:] in STOP for i in range(1, len(low)))


def _starts_org(toks, k: int) -> bool:
    """A new body starts at k even without a separator ("Văn phòng Sở", "… UBND tỉnh")."""
    return _first_phrase(toks, k, _NEW_BODY_AT) is not None


_NEW_BODY = tuple(_LEX["new_body"])
_PLACES_AT, _NAME_RUNS_AT, _NEW_BODY_AT, _PARENTS_AT = map(_by_first, (_PLACES, _NAME_RUNS, _NEW_BODY, PARENT_HEADS))


def starts_with_org(text: str) -> bool:
    """Does `text` begin with the head of a body's name ("Sở TTTT", "UBMTTQ", "các đoàn thể")?"""
    toks = _tokens(text)
    if not toks:
        return False
    if toks[0][0].lower() in ("các", "những"):
        return len(toks) > 1 and any(_match_words([(t.lower(), a, b) for t, a, b in toks], 1, g) for g in GROUP_HEADS)
    return _head_at(toks, 0) is not None
