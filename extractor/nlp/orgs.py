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
from functools import lru_cache
from dataclasses import dataclass

# Head nouns, longest first. Capitalized heads need a name after them (or a
# relative word); group heads start with "các"/"những".
HEADS = [
    "Ủy ban Mặt trận Tổ quốc Việt Nam", "Ủy ban Mặt trận Tổ quốc", "Ủy ban MTTQ", "UBMTTQ",
    "Văn phòng HĐND và UBND", "Văn phòng Hội đồng nhân dân và Ủy ban nhân dân", "VP HĐND và UBND",
    "Ủy ban nhân dân", "Uỷ ban nhân dân", "UBND", "Hội đồng nhân dân", "HĐND",
    "Ban Chấp hành Đảng bộ", "Ban chấp hành Đảng bộ", "Ban Thường vụ", "Ban Chỉ đạo", "BCĐ",
    "Ban biên tập", "Ban Biên tập", "BBT", "Ban Giám đốc", "Ban GD", "Ban",
    "Văn phòng", "VP", "Trung tâm", "Thủ tướng Chính phủ", "Chính phủ", "Quốc hội",
    "Sở", "Bộ phận", "Bộ", "Phòng", "Chi cục", "Tổng cục", "Cục", "Đài", "Báo", "Trường",
    "Bệnh viện", "Công an", "Thành ủy", "Tỉnh ủy", "Huyện ủy", "Thị ủy", "Đảng ủy",
    "Công đoàn", "Liên đoàn", "Hội", "Đoàn", "Thanh tra", "Kho bạc", "Viện", "Cổng",
    "Mặt trận Tổ quốc", "MTTQ", "Bưu điện", "Đảng bộ", "Chi bộ", "Cơ quan",
]
GROUP_HEADS = [
    "cơ quan, đơn vị", "cơ quan", "đơn vị", "phòng", "ban", "ngành", "sở", "địa phương",
    "phòng, ban", "trường", "xã", "phường", "huyện", "tổ chức", "hội", "đoàn thể",
    "đơn vị sự nghiệp", "cơ quan báo chí", "cơ quan thông tin đại chúng",
]
GROUP_HEADS.remove("hội")
PLACE_WORDS = ["tỉnh", "thành phố", "Thành phố", "huyện", "quận", "thị xã", "xã", "phường", "thị trấn", "Tỉnh"]
# Lower-case words and two-word verbs that end a name.
STOP = set("để về tại trong theo với có là được những các cho đến từ khi nếu hoặc bằng gửi giao trình này đó sau trước như và nhằm đối".split())
STOP_PHRASES = set(
    """thực hiện|phối hợp|chủ trì|tổ chức|xây dựng|triển khai|tham mưu|báo cáo|tổng hợp|đăng tải|cập nhật|
    thông qua|kiểm tra|đôn đốc|hướng dẫn|căn cứ|đề nghị|phản ánh|xem xét|giải quyết|bố trí|ban hành|
    tăng cường|đẩy mạnh|tiếp tục|biên tập|lồng ghép|cung cấp|niêm yết|quán triệt|bám sát|chủ động|
    đầu mối|theo dõi|đánh giá|tuyên truyền|phổ biến|công khai|tiếp nhận|trả lời|phát hành|hỗ trợ""".replace("\n", "").split("|")
)
# Lower-case runs that belong to names.
NAME_PHRASES = [
    "thông tin điện tử", "công nghệ thông tin", "dịch vụ hành chính công trực tuyến",
    "hành chính công", "trực tuyến", "chuyên môn, nghiệp vụ", "chuyên môn", "nghiệp vụ",
    "trực thuộc", "sự nghiệp trực thuộc", "sự nghiệp công lập", "sự nghiệp", "liên quan",
    "và tương đương", "thông tin đại chúng", "báo chí", "tiếp nhận và trả kết quả", "một cửa",
    "nhân dân", "điện tử", "truyền thanh", "cơ sở", "vận tải",
]
RELATIVE = ("Sở", "tỉnh", "Tỉnh", "Thành phố", "thành phố", "huyện", "Huyện", "Ban")


@dataclass
class OrgMention:
    text: str
    start: int
    end: int
    group: bool = False


def _is_cap(tok: str) -> bool:
    return tok[:1].isupper()


def _tokens(text: str) -> list[tuple[str, int, int]]:
    return [(m.group(0), m.start(), m.end()) for m in re.finditer(r"\w+(?:[./&]\w+)*(?:-\w+)*|[,–\-()]", text)]


def find_orgs(text: str, base: int = 0) -> list[OrgMention]:
    """All organization mentions in `text`, left to right, not overlapping."""
    toks = _tokens(text)
    ltoks = [(t.lower(), a, b) for t, a, b in toks]  # lowered once: matching is per position
    out: list[OrgMention] = []
    i = 0
    while i < len(toks):
        m = _match_at(toks, i, text, ltoks)
        if m is None:
            i += 1
            continue
        j, group = m
        s, e = toks[i][1], toks[j - 1][2]
        out.append(OrgMention(text[s:e], base + s, base + e, group))
        i = j
    return out


@lru_cache(maxsize=None)
def _words(phrase: str) -> tuple[str, ...]:
    return tuple(phrase.replace(",", " ,").split())


def _match_words(toks, i, phrase: str) -> int | None:
    words = _words(phrase)
    if toks[i][0] != words[0] if i < len(toks) else True:
        return None
    if i + len(words) > len(toks):
        return None
    for k, w in enumerate(words):
        if toks[i + k][0] != w:
            return None
    return i + len(words)


def _match_at(toks, i: int, text: str, ltoks) -> tuple[int, bool] | None:
    tok = toks[i][0]
    low = tok.lower()
    if low in ("các", "những") and i + 1 < len(toks):
        for g in sorted(GROUP_HEADS, key=len, reverse=True):
            j = _match_words(ltoks, i + 1, g)
            if j is not None:
                return _tail(toks, j, True, ltoks), True
        return None
    if low in ("cơ", "đơn") and i + 1 < len(toks):  # "cơ quan báo chí của tỉnh"
        for g in ("cơ quan báo chí", "cơ quan thông tin đại chúng"):
            j = _match_words(toks, i, g)
            if j is not None:
                return _tail(toks, j, True, ltoks), True
    if tok.islower() and low in ("trường", "trung", "phòng", "ban", "sở", "văn") and i + 1 < len(toks):
        for h in HEADS:  # "trường Cao đẳng nghề Lạng Sơn": a lower-case head before a name
            j = _match_words(ltoks, i, h.lower())
            if j is not None and j < len(toks) and _is_cap(toks[j][0]) and not _starts_org(toks, j):
                return _tail(toks, j, False, ltoks), False
        return None
    if not _is_cap(tok):
        return None
    for h in HEADS:
        j = _match_words(toks, i, h)
        if j is None:
            continue
        if h in ("UBND", "Ủy ban nhân dân", "Uỷ ban nhân dân") and j < len(toks) and toks[j][0].lower() == "các":
            g = _match_at(toks, j, text, ltoks)
            if g is not None:
                return g[0], True
        k = _tail(toks, j, False, ltoks)
        if k == j and " và " not in h and h not in ("Thủ tướng Chính phủ", "Chính phủ", "Quốc hội", "Thành ủy", "Tỉnh ủy", "Huyện ủy"):
            return None  # "Sở" alone in prose is not a name unless relative ("thuộc Sở") — see names.py
        return k, False
    return None


def _tail(toks, j: int, group: bool, ltoks) -> int:
    """Extend a name after its head; return the index after its last token."""
    n = len(toks)
    lower_run = 0
    last_good = j
    k = j
    while k < n:
        tok = toks[k][0]
        low = tok.lower()
        # place qualifier: "tỉnh Khánh Hòa", "thành phố Vũng Tàu", or bare "tỉnh"
        pj = None
        for pw in PLACE_WORDS:
            pj = _match_words(toks, k, pw)
            if pj is not None:
                break
        if pj is not None:
            q = pj
            while q < n and _is_cap(toks[q][0]) and toks[q][0] not in ("UBND",):
                q += 1
            k = last_good = q
            lower_run = 0
            continue
        phrase_end = None
        for ph in NAME_PHRASES:
            phrase_end = _match_words(ltoks, k, ph)
            if phrase_end is not None:
                break
        if phrase_end is not None:
            k = last_good = phrase_end
            lower_run = 0
            continue
        if low in ("thuộc", "của") and k + 1 < n and toks[k + 1][0] in RELATIVE:
            k += 1
            continue
        if tok in RELATIVE and k > 0 and (k == j or toks[k - 1][0].lower() in ("thuộc", "của")):
            k = last_good = k + 1  # "Văn phòng Sở", "thuộc Sở", "của tỉnh": the plan's own body
            if tok == "Sở" and k < n and _is_cap(toks[k][0]) and not _starts_org(toks, k):
                continue  # "Văn phòng Sở Y tế": the name goes on
            lower_run = 0
            continue
        if tok in ("và", ",", "-", "–") and k + 1 < n and _is_cap(toks[k + 1][0]) and not _starts_org(toks, k + 1):
            k += 1
            continue
        if tok == "," and group and k + 1 < n and toks[k + 1][0].lower() in ("đơn", "ban", "ngành", "xã", "phường", "thị", "đoàn", "trường", "sở", "địa"):
            k += 1
            continue
        if group and tok.lower() in ("vị", "ngành", "xã", "phường", "trấn", "phương", "thể", "quan", "ban", "đơn", "thị", "địa"):
            k = last_good = k + 1
            continue
        if _is_cap(tok) and tok not in ("UBND", "HĐND") and not _starts_org(toks, k):
            k = last_good = k + 1
            lower_run = 0
            continue
        stop = low in STOP or (k + 1 < n and f"{low} {toks[k + 1][0].lower()}" in STOP_PHRASES)
        if tok.isalpha() and tok.islower() and not stop and lower_run < 2 and (_is_cap(toks[k - 1][0]) or lower_run == 1):
            lower_run += 1
            k = last_good = k + 1
            continue
        break
    return last_good


def _starts_org(toks, k: int) -> bool:
    for h in ("Sở", "Phòng", "Trung tâm", "Văn phòng", "Ban", "UBND", "Ủy ban", "Cổng", "Bộ phận", "Hội đồng", "HĐND", "Đài", "Trường"):
        if _match_words(toks, k, h) is not None:
            return True
    return False
