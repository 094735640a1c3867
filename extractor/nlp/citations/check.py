"""What an auditor should look at in each citation (SCHEMA §3 `issues`)."""
from __future__ import annotations

import datetime as dt
import re

from rapidfuzz import fuzz

from ...normalize import fold
from ...records import Citation
from .resolve import code_parts
from .find import TYPE_WORDS

# bodies a code names under other names: TU is the party committee of a province (Tỉnh ủy) or of a centrally-run
# city (Hà Nội's "Kế hoạch số 358-KH/TU … của Thành ủy Hà Nội"), its standing board and conferences included
_ALIASES = {
    "TU": ("tỉnh ủy", "thành ủy", "ban chấp hành đảng bộ tỉnh", "ban chấp hành đảng bộ thành phố"),
    "TW": ("trung ương", "bộ chính trị", "ban bí thư", "tw"),  # "Ban Chấp hành TW khóa XII"
    "TTg": ("thủ tướng chính phủ",),
    "CP": ("chính phủ",),
}


def check(c: Citation, named_issuer: str | None, type_word: str | None, plan_date: str | None) -> list[str]:
    issues = list(c.issues)
    if len(set(c.dates)) > 1:
        issues.append("conflicting_dates")
    if c.code and c.date:
        m = re.search(r"/((?:19|20)\d\d)/", c.code)
        if m and m.group(1) != c.date[:4]:
            issues.append("year_mismatch")
    for d in c.dates:
        if not _valid(d) or (plan_date and d[:len(plan_date)] > plan_date[:len(d)]):
            issues.append("invalid_date")
            break
    if c.code:
        _, tpart, ipart = code_parts(c.code)
        if type_word and tpart:
            word_code = TYPE_WORDS.get(_key(type_word))
            if word_code and word_code != tpart and not (word_code == "CV"):
                issues.append("type_mismatch")
        if named_issuer and ipart and _mismatch(ipart, named_issuer):
            issues.append("issuer_mismatch")
    return sorted(set(issues), key=issues.index)


def _key(w: str) -> str:
    for k in TYPE_WORDS:
        if k.lower() == w.lower():
            return k
    return w


def _valid(iso: str) -> bool:
    if re.fullmatch(r"(19|20)\d\d(-(0[1-9]|1[0-2]))?", iso):  # only the year (and month) given
        return True
    try:
        dt.date.fromisoformat(iso)
        return True
    except ValueError:
        return False


def _mismatch(ipart: str, named: str) -> bool:
    """The symbol's issuer part and the named issuer are clearly different bodies.

    Only codes the issuer table or the party aliases know are judged: an
    auditor's flag must be trustworthy, so an unknown code is never a mismatch.
    """
    head = re.sub(r"\d+$", "", re.split(r"[-&]", ipart)[0])
    name = _letters(named)
    if head in _ALIASES:  # "Ban Thường vụ Thành ủy Hải Phòng", "Hội nghị lần thứ sáu Ban Chấp hành Trung ương"
        return not any(_letters(a) in name for a in _ALIASES[head])
    known = _issuer_names().get(head)
    if known is None:
        return False
    want = _letters(known)
    if want in name or want.replace(" ", "") in name.replace(" ", ""):  # "Sở Kế hoạchvà Đầu tư": a lost space
        return False
    # a long name with one word misspelt ("… Phát triển nông Xóm") is the same body, not another one
    return not (len(want) >= 20 and fuzz.partial_ratio(want, name) >= 90)


def _letters(s: str) -> str:
    """Folded words only: dashes, commas and case are spelling, not a different body."""
    return " ".join(re.findall(r"\w+", fold(s)))


def _issuer_names() -> dict[str, str]:
    from ...data import issuer_codes

    return {k: v[0] for k, v in issuer_codes().items()}
