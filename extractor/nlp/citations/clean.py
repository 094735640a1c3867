"""Repair số/ký hiệu tokens damaged by typing or OCR, only where the repair is unambiguous.

Scans and hurried typing damage symbols in a few regular ways: `0`/`O` and
`1`/`l`/`I` swapped in the number, `D` for `Đ` in the type part (`QD`, `ND`),
lost hyphens (`749/QĐTTg`), letters read twice (`QĐ-TTTg`), hyphens for slashes in party symbols
(`16-NQ-TU`) and stray spaces (`05/KH-SLĐT BXH`). A repair is kept only when
exactly one reading has a type part and an issuer head that the data tables
(doc_types.tsv, issuer_codes.tsv) know; otherwise the token is left as written.
Any repair means the code as written was not valid: `malformed_code`.

No false repairs: a code as written is valid when its number is digits, its type
part one of the type codes, and its issuer part a known code or written in capitals
(`12/KH-BQL` of a Ban Quản lý, `KBNN` of the Kho bạc Nhà nước: bodies the table does
not list are countless). A valid code is never changed. Only an issuer part that is
not valid (`TTEg`, `TTTg`: small letters no code has), or one inside a code damaged
elsewhere (`749/QĐTTE`: the hyphen lost), is read as the one known code it is an
OCR slip away from.
"""
from __future__ import annotations

import re
from functools import lru_cache

from ...normalize import strip_marks

_DIGITISH = str.maketrans({"O": "0", "o": "0", "I": "1", "l": "1", "|": "1"})


@lru_cache(maxsize=1)
def type_codes() -> tuple[str, ...]:
    """Type parts of a symbol, longest first (so `TTLT` is tried before `TT`)."""
    from ...data import doc_type_entries

    codes = {r["code"] for r in doc_type_entries()}
    codes |= {"HP", "BL", "PL", "NQ", "NĐ", "QĐ", "CT", "TT", "TTLT", "QC", "QyĐ", "TB", "HD", "CTr", "KH",
              "PA", "ĐA", "DA", "BC", "TTr", "CĐ", "VBHN", "KL", "QĐi"}
    return tuple(sorted(codes, key=len, reverse=True))


@lru_cache(maxsize=1)
def issuer_heads() -> frozenset[str]:
    from ...data import issuer_codes

    return frozenset(issuer_codes())


def known_issuer(part: str) -> bool:
    """An issuer part whose head is in the table, or shaped like one (QH14, UBTVQH13, Sở codes)."""
    head = re.split(r"[-&]", part)[0]
    head = re.sub(r"\d+$", "", head)
    return head in issuer_heads() or bool(re.fullmatch(r"S[A-ZĐ][A-ZĐa-z]{1,8}", head))


_CAPITALS = re.compile(r"[A-ZĐ0-9&]+(?:-[A-ZĐ0-9&]+)*")


def valid_issuer(part: str) -> bool:
    """An issuer part as a body writes it: a known code (`TTg`, `QH14`), or capitals and digits (`BQL`, `KBNN`)."""
    return known_issuer(part) or bool(_CAPITALS.fullmatch(part))


def undoubled(part: str, broken: bool = False) -> str | None:
    """The issuer part in the table that `part` is an OCR slip away from, or None if not exactly one.

    Slips (Tesseract doubles letters of bold or tight symbols and misreads their
    small letters): letters read twice (`TTTg`, `UBNDD`), one stray letter (`TTEg`),
    one letter misread (`TTE` for `TTg`). A valid part (`valid_issuer`) is never
    read as another code; inside a code `broken` elsewhere (hyphen lost, number
    misread) a part in capitals may be, by letters read twice or by the table code's
    small letter read as a capital — never by a capital for another capital
    (`BQL` is not `BQP`) or a letter dropped (`KBNN` is not `BNN`).
    """
    heads = issuer_heads()
    if len(part) < 3 or part in heads or known_issuer(part) or (valid_issuer(part) and not broken):
        return None
    capitals = valid_issuer(part)
    found = {x[:k] + x[k + 1:] for x in {part} for k in range(1, len(x)) if x[k] == x[k - 1]}
    found |= {x[:k] + x[k + 1:] for x in found for k in range(1, len(x)) if x[k] == x[k - 1]}
    if not capitals and len(part) >= 4:
        stray = {part[:k] + part[k + 1:] for k in range(len(part))}
        found |= stray | {x[:k] + x[k + 1:] for x in stray for k in range(1, len(x)) if x[k] == x[k - 1]}
    if not any(x in heads for x in found):  # one letter misread: `TTE` for `TTg`
        found = {h for h in heads if len(h) == len(part) and _one_misread(h, part, capitals)}
    known = [x for x in found if x in heads]
    return known[0] if len(known) == 1 else None


def _one_misread(code: str, written: str, capitals: bool) -> bool:
    """`written` is `code` with one letter misread; for a part in capitals, only a small letter of the code."""
    diff = [k for k, (a, b) in enumerate(zip(code, written)) if a != b]
    return len(diff) == 1 and (not capitals or code[diff[0]].islower())


def same_symbol(a: str, b: str) -> bool:
    """Two codes that are one, letters read twice and one stray letter after the issuer part
    aside (`485/KH-STTTTTT` and `485/KH-STTTTTL` are `485/KH-STTTT`); number and type must agree."""
    squeeze = lambda c: re.sub(r"([A-Za-zĐđ])\1+", r"\1", c.casefold())  # noqa: E731
    a, b = squeeze(a), squeeze(b)
    if a == b:
        return True
    (head_a, _, iss_a), (head_b, _, iss_b) = a.rpartition("-"), b.rpartition("-")
    short, long_ = sorted((iss_a, iss_b), key=len)
    return bool(head_a) and head_a == head_b and len(short) >= 2 and long_.startswith(short) and len(long_) == len(short) + 1


def _fix_digits(tok: str) -> str | None:
    """`2O19` → `2019`, `l2` → `12`; None when it is not a damaged number."""
    if not tok or not any(ch.isdigit() for ch in tok):
        return None
    fixed = tok.translate(_DIGITISH)
    return fixed if re.fullmatch(r"\d+[a-z]?", fixed) else None


def _split_type(part: str) -> list[tuple[str, str]]:
    """Readings of `QĐ-TTg`/`QĐTTg`/`QD-TTg` as (type, issuer) with the type known.

    A type written exactly wins; `D` is read as `Đ` only when no exact reading exists.
    """
    exact: list[tuple[str, str]] = []
    d_read: list[tuple[str, str]] = []
    if "-" in part:
        t, _, iss = part.partition("-")
        if t in type_codes():
            exact.append((t, iss))
        elif t.replace("D", "Đ") in type_codes():
            d_read.append((t.replace("D", "Đ"), iss))
        return exact or d_read
    for t in type_codes():
        for written, bucket in ((t, exact), (t.replace("Đ", "D"), d_read)):
            if part.startswith(written) and len(part) > len(written) and part[len(written)].isupper():
                if (t, part[len(written):]) not in bucket:
                    bucket.append((t, part[len(written):]))
    return exact or d_read


def repair_code(raw: str) -> tuple[str, bool] | None:
    """(normalized code, whether the written form was damaged), or None if no valid reading.

    Normalization (SCHEMA §3): no spaces inside, one `-` between parts,
    party symbols as `NUMBER-TYPE/ISSUER`.
    """
    raw = raw.strip()
    # a space on one side of a separator only ("24/2019/TT- BNNPTNT") breaks the code; " / " and " - " are a typing style
    lopsided = bool(re.search(r"\S[/–-][ \t]+\S|\S[ \t]+[/–-]\S", raw))
    s = re.sub(r"\s*([/–-])\s*", lambda m: "-" if m.group(1) == "–" else m.group(1), raw)
    damaged = lopsided or bool(re.search(r"\w\s+\w", s))
    unmarked = strip_marks(s)  # symbols carry no vowel marks: "16-NQ-TỦ" is an OCR "TU"
    damaged |= unmarked != s
    s = unmarked
    s = re.sub(r"\s+", "", s)
    glued = re.fullmatch(r"(\d+)([A-ZĐ][A-Za-zĐđ]{0,3})/((?:TW|TU|HU|ĐU|QU|TĐ|BCS)[A-ZĐa-z0-9&-]*)", s)
    if glued and glued.group(2) in type_codes():  # "20NQ/TW", "298 KH/TWĐTN": a party code that lost its dash
        s, damaged = f"{glued.group(1)}-{glued.group(2)}/{glued.group(3)}", True
    m = re.fullmatch(r"([0-9OoIl|]+[a-z]?)-([A-Za-zĐđ]+)[/-]([A-ZĐ][A-ZĐa-z0-9]*(?:&[A-ZĐ]+)?(?:-[A-ZĐ][A-ZĐ0-9]*)*)", s)
    if m:  # party: 02-NQ/TU, 16-NQ-TU
        num = _fix_digits(m.group(1))
        typ = m.group(2) if m.group(2) in type_codes() else m.group(2).replace("D", "Đ")
        if num is None or typ not in type_codes():
            return None
        fixed = f"{num}-{typ}/{m.group(3)}"
        return fixed, damaged or fixed != s
    parts = s.split("/")
    if len(parts) < 2 or len(parts) > 3:
        return None
    num = _fix_digits(parts[0])
    if num is None:
        return None
    year = None
    if len(parts) == 3:
        year = _fix_digits(parts[1])
        if year is None or not re.fullmatch(r"(19|20)\d\d", year):
            return None
    last = parts[-1]
    broken = damaged or num != parts[0] or (year is not None and year != parts[1])
    readings = []
    if "-" not in last and (known_issuer(last) or re.fullmatch(r"(QH|UBTVQH)\d*", last)):
        readings.append(last)  # law 91/2015/QH13, letter 123/UBND
    elif "-" not in last and not _split_type(last) and (head := undoubled(last, broken)):
        readings.append(head)
    for t, iss in _split_type(last):
        # the type part glued to the issuer ("QĐTTg") or read with D for Đ: the code is damaged already
        glued = broken or "-" not in last or t != last.partition("-")[0]
        fixed = None if known_issuer(iss) else undoubled(iss, glued)
        if fixed:
            readings.append(f"{t}-{fixed}")
        elif known_issuer(iss) or "-" in last and (t == last.partition("-")[0] or valid_issuer(iss)):
            readings.append(f"{t}-{iss}")
    if not readings and "-" in last and not _split_type(last):
        readings.append(last)  # official letter 5104/BTTTT-PTTH&TTĐT: issuer, then unit
    readings = list(dict.fromkeys(readings))
    if len(readings) != 1:
        return None
    fixed = "/".join([num] + ([year] if year else []) + [readings[0]])
    return fixed, damaged or fixed != s


# what is left of a date the end of the page cut: "ngày 15/11/202", "ngày 15 tháng 11 năm"
_CUT_DATE = re.compile(r"[\s,]*(?:ngày|ngay)?[\s\d/.\-]*(?:tháng[\s\d]*(?:năm[\s\d]*)?)?")


def cut_by_page_end(text: str, end: int) -> bool:
    """The text ends inside an undated citation whose code ends at `end`: in its code ("531/Q",
    "2629/QĐ-T") or in its date ("… số 3754/TTr-STTTT ngày 15/11/202"). A whole text never ends on a bare code."""
    rest = text[end:]
    if not rest.strip():
        return True
    return len(rest) <= 30 and _CUT_DATE.fullmatch(rest) is not None and re.search(r"\d|ngày", rest) is not None
