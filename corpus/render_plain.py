"""Render a plain-text plan in the shapes people paste it in, and its header in portal layouts.

Text shapes (the same plan, so the same record):
- `one_per_line`: one paragraph per line, no blank lines (copied from a web page);
- `hard_wrap`: lines wrapped at a fixed width in mid-sentence and mid-citation;
- `wrap_no_blank`: wrapped and without blank lines;
- `mixed`: the first half wrapped, the second one paragraph per line.
Header layouts (how portals export the two ND30 columns):
- `piped`: each cell of the header table on its own, closed by " |", a bare "|" between rows;
- `glued`: the two columns of each row on one line;
- `split_words`: each line of the body's name and the motto broken after its first word, "Số:" apart from its number.

Used by the tests (rendered on the fly, nothing is written): `python corpus/render_plain.py FILE KIND`
prints one rendering.
"""
from __future__ import annotations

import re
import sys
import textwrap

_TABLE_ROW = re.compile(r"\t")


def one_per_line(text: str) -> str:
    return re.sub(r"\n[ \t]*\n+", "\n", text.strip()) + "\n"


def hard_wrap(text: str, width: int = 80) -> str:
    out = []
    for line in text.split("\n"):
        if len(line) <= width or _TABLE_ROW.search(line):
            out.append(line)
        else:
            out.extend(textwrap.wrap(line, width=width, break_long_words=False, break_on_hyphens=False))
    return "\n".join(out)


def wrap_no_blank(text: str, width: int = 80) -> str:
    return one_per_line(hard_wrap(text, width))


def mixed(text: str, width: int = 72) -> str:
    paras = text.strip().split("\n\n")
    half = len(paras) // 2
    return hard_wrap("\n\n".join(paras[:half]), width) + "\n" + one_per_line("\n\n".join(paras[half:]))


TEXT_SHAPES = {"one_per_line": one_per_line, "hard_wrap": hard_wrap, "wrap_no_blank": wrap_no_blank, "mixed": mixed}


def _header_parts(text: str) -> tuple[list[str], list[str], str, str, str] | None:
    """(left lines, motto lines, "Số" line, date line, the rest) of a plan whose text opens with the ND30 block."""
    lines = text.split("\n")
    so = next((i for i, x in enumerate(lines[:20]) if re.match(r"^(?:Số|SỐ)\b", x.strip())), None)
    date = next((i for i, x in enumerate(lines[:20]) if re.search(r",\s*ngày\b.*\bnăm\s+\d{4}\s*$", x)), None)
    motto = next((i for i, x in enumerate(lines[:20]) if "CỘNG HÒA XÃ HỘI" in x or "ĐẢNG CỘNG SẢN" in x), None)
    if so is None or date is None or motto is None or not (motto < so < date):
        return None
    left = [x.strip() for x in lines[:motto] if x.strip() and x.strip() != "*"]
    mot = [x.strip() for x in lines[motto:so] if x.strip() and not re.fullmatch(r"[-_=*\s]+", x)]
    if not left:
        return None
    return left, mot, lines[so].strip(), lines[date].strip(), "\n".join(lines[date + 1:])


def piped(text: str) -> str:
    parts = _header_parts(text)
    if parts is None:
        return text
    left, mot, so, date, rest = parts
    head = "\n".join(left) + " |\n" + "\n".join(mot) + " |\n|\n" + so + " |\n" + date + " |\n"
    return head + rest


def glued(text: str) -> str:
    parts = _header_parts(text)
    if parts is None:
        return text
    left, mot, so, date, rest = parts
    rows = [f"{a} {b}".strip() for a, b in zip(left + [""] * (len(mot) - len(left)), mot + [""] * (len(left) - len(mot)))]
    return "\n".join(rows) + "\n" + f"{so} {date}\n" + rest


def split_words(text: str) -> str:
    parts = _header_parts(text)
    if parts is None:
        return text
    left, mot, so, date, rest = parts
    broken = []  # each line of the column broken after its first word, as a narrow cell wraps ("ỦY" / "BAN NHÂN DÂN")
    for line in left:
        words = line.split()
        broken += [words[0], " ".join(words[1:])] if len(words) >= 3 else [line]
    mwords = " ".join(mot[:1]).split()
    m = "\n".join([mwords[0], " ".join(mwords[1:])] + mot[1:])
    body = "\n".join(x for x in broken if x)
    num = re.sub(r"^(?:Số|SỐ)\s*:?\s*", "", so)
    return f"{body}\n-------\n|\n{m}\n---------------\n|\nSố:\n{num}\n|\n{date}\n|\n{rest}"


HEADER_LAYOUTS = {"piped": piped, "glued": glued, "split_words": split_words}


if __name__ == "__main__":
    path, kind = sys.argv[1], sys.argv[2]
    src = open(path, encoding="utf-8").read()
    fn = {**TEXT_SHAPES, **HEADER_LAYOUTS}[kind]
    sys.stdout.write(fn(src))
