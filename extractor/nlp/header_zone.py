"""The header block Nghị định 30/2020 puts on every document, read from any flattening.

The block is two columns: the issuing body (its parent above it) and "Số: …"
on the left; the national motto (or "ĐẢNG CỘNG SẢN VIỆT NAM") and "<place>,
ngày … tháng … năm …" on the right. Formats flatten it every way: column after
column, row after row with `|` between cells, the two columns glued into one
line ("ỦY BAN NHÂN DÂN TỈNH X CỘNG HÒA XÃ HỘI …"), words of a name split over
lines ("ỦY" / "BAN NHÂN DÂN"), "Số:" on one line and the number on the next,
rule lines under each part. So the zone is read as a stream: the motto is found
wherever it stands (across lines too) and taken out, "Số" and the date are
found by their own shape, and the upper-case lines left over are the body's
name, split into bodies where a new head noun starts after a complete name.
"""
from __future__ import annotations

import re
from dataclasses import dataclass, field

from ..ingest.model import Block
from ..normalize import fold, strip_marks
from .names import dash, province_by_letters, province_name

_SP = r"[\s|]+"
# capitals with the marks OCR and careless typing put on code letters ("KL/TƯ"): read, then taken off
_MARKED = "ÀÁẢÃẠĂẰẮẲẴẶÂẦẤẨẪẬÈÉẺẼẸÊỀẾỂỄỆÌÍỈĨỊÒÓỎÕỌÔỒỐỔỖỘƠỜỚỞỠỢÙÚỦŨỤƯỪỨỬỮỰỲÝỶỸỴ"


def _loose(words: str, sep: str = _SP) -> str:
    """A pattern for `words` whatever marks a typist or OCR put on their vowels
    ("HÒA", "HOÀ", "HOA"): each vowel stands for any vowel of its base letter; `sep` between words."""
    out = []
    for ch in words:
        base = strip_marks(ch).lower()
        if base in _VOWELS:
            out.append(_VOWELS[base])
        elif ch == " ":
            out.append(sep)
        else:
            out.append(re.escape(ch))
    return "".join(out)


_VOWELS = {v: "[" + group + group.upper() + "]" for v, group in {
    "a": "aàáảãạăằắẳẵặâầấẩẫậ", "e": "eèéẻẽẹêềếểễệ", "i": "iìíỉĩị", "o": "oòóỏõọôồốổỗộơờớởỡợ",
    "u": "uùúủũụưừứửữự", "y": "yỳýỷỹỵ"}.items()}
# the quốc hiệu and tiêu ngữ, wherever the flattening put them
MOTTO = re.compile(
    # (a PDF's text layer may run its words together: "CỘNG HÒA XÃHỘI CHỦ NGHĨA")
    _loose("cộng hòa xã hội chủ nghĩa", r"[\s|]*") + f"(?:{_SP}" + _loose("việt nam") + ")?"
    + "|" + _loose("độc lập") + rf"\s*[-–—]?{_SP}?" + _loose("tự do") + rf"\s*[-–—]?{_SP}?" + _loose("hạnh phúc"),
    re.I,
)
# the party's heading in the right column: a line by itself
PARTY_MOTTO = re.compile(rf"(?m)^\s*{_loose('ĐẢNG CỘNG SẢN VIỆT NAM')}\s*$")
# the Đoàn's heading in the right column (as the party's): by itself, or glued after the left column's name
# ("BAN CHẤP HÀNH TRUNG ƯƠNG ĐOÀN TNCS HỒ CHÍ MINH" once a site has squeezed the columns' spaces)
YOUTH_MOTTO = re.compile(rf"^(?P<left>.*?)\s*\|?\s*{_loose('ĐOÀN')}{_SP}(?:TNCS|{_loose('THANH NIÊN CỘNG SẢN')})"
                         rf"{_SP}{_loose('HỒ CHÍ MINH')}\s*\|?\s*$")
# "Số: 28/KH-SYT", "Số:    /KH-UBND", "Số 25-KH/TU", "Số: 25 /2013/QĐ-UBND"; the date column may follow
SO = re.compile(
    r"^(?:(?:Nghị quyết|Quyết định|Kế hoạch|Chỉ thị|Thông báo|NGHỊ QUYẾT|QUYẾT ĐỊNH|KẾ HOẠCH)\s+)?"
    r"(?:Số|SỐ|số|Sô|Só)\s*:?\s*(?P<num>[0-9][0-9A-Za-z.]*)?\s*(?P<yr>/\s*\d{4})?\s*"
    rf"(?P<sym>[/-]\s*[&'‘’.,]?\s*[A-ZĐ{_MARKED}][A-ZĐ{_MARKED}a-zđ0-9&./\-]*(?:\s?[-&]\s?[A-ZĐ][A-ZĐa-zđ0-9&.]*)*"
    r"(?:\s[A-ZĐ0-9&]+(?![\wà-ỹ]))*)\s*(?P<rest>.*)$"
)
# "Số: KH-UBND": no number yet and the slash lost (OCR reads a blank number's slash as nothing)
SO_BARE = re.compile(r"^(?:Số|SỐ)\s*:?\s*(?P<num>)(?P<yr>)(?P<sym>[A-ZĐ][A-ZĐa-z]{1,4}\s*-\s*[A-ZĐ][A-ZĐa-zđ0-9&.\-]*)"
                     r"\s*(?P<rest>.*)$")
SO_ALONE = re.compile(r"^(?:Số|SỐ)\s*:?\s*$")
# "Số: O{_ /TTr-UBND", "Số: /Œ /QĐ-UBND": what OCR makes of a number written by hand in the blank
_SO_PARTS = re.compile(r"^((?:Số|SỐ|Sô|Só)\s*:?\s*)([^\n]{0,8}?)\s*(/\s*[A-ZĐ][A-ZĐa-z]{0,4}\s*-\s*[A-ZĐ].*)$")


def _blurred(line: str) -> str | None:
    """The line without the unreadable number, or None when the number is absent or digits."""
    m = _SO_PARTS.match(line)
    if not m or not m.group(2):
        return None
    tok = m.group(2)
    if any(c.isdigit() for c in tok) or re.search(r"[A-ZĐ]{2}", tok) or tok.startswith("-"):
        return None
    return m.group(1) + m.group(3)
DATE = re.compile(
    r"^(?P<place>[^,\n]{2,40}?)\s*,\s*ngày\s*(?:(?P<d>\d{1,2})|(?P<dx>[^\s\d]{1,3}|\d\S{1,2}))?\s*"
    r"tháng\s*(?P<m>\d{1,2})?\s*năm\s*(?P<y>\d{4})\s*[.|]?\s*$",
    re.I,
)
RULE = re.compile(r"^[\s\-_=*~.—–|]*$")
# head nouns that open the name of a body (NĐ 30/2020 Phụ lục I; party bodies, Quy định 66-QĐ/TW)
BODY_HEADS = (
    "ỦY BAN", "UỶ BAN", "UBND", "HĐND", "HỘI ĐỒNG", "THƯỜNG TRỰC", "BAN", "SỞ", "PHÒNG", "VĂN PHÒNG", "TRUNG TÂM",
    "CHI CỤC", "TỔNG CỤC", "CỤC", "BỘ CHỈ HUY", "BỘ", "CÔNG AN", "TIỂU BAN", "ĐẢNG ỦY", "ĐẢNG BỘ", "TỈNH ỦY",
    "TỈNH UỶ", "THÀNH ỦY", "THÀNH UỶ", "HUYỆN ỦY", "HUYỆN UỶ", "THỊ ỦY", "QUẬN ỦY", "CHI BỘ", "ĐOÀN", "HỘI",
    "TRƯỜNG", "BỆNH VIỆN", "KHO BẠC", "CHI NHÁNH", "ĐÀI", "THANH TRA", "LIÊN ĐOÀN", "MẶT TRẬN", "VIỆN", "HỌC VIỆN",
    "TÒA ÁN", "BAN CHỈ ĐẠO", "BCĐ", "BAN THƯỜNG VỤ", "BCH", "UBMTTQ", "ỦY BAN MTTQ",
)
_HEAD_RE = re.compile(r"^(?:" + "|".join(sorted(map(re.escape, BODY_HEADS), key=len, reverse=True)) + r")\b")
# ("XÃ HỘI" is the noun "society" — "CÔNG TÁC XÃ HỘI", "THƯƠNG BINH VÀ XÃ HỘI" —, not a commune)
_LOCALITY = re.compile(r"\b(?:TỈNH|THÀNH PHỐ|TP\.|HUYỆN|THỊ XÃ|QUẬN|XÃ(?!\s+HỘI\b)|PHƯỜNG|THỊ TRẤN)\s+(?!ỦY\b|UỶ\b)\S")
_PARTY_COMMITTEE = re.compile(r"^(?:TỈNH|THÀNH|HUYỆN|THỊ|QUẬN|ĐẢNG)\s+[ỦU][YỶ]\b")
_YOUTH_COMMITTEE = re.compile(r"^(?:TỈNH|THÀNH|HUYỆN|THỊ|QUẬN)\s+ĐOÀN\b")  # "TỈNH ĐOÀN QUẢNG NAM"
_TYPE_WORDS = re.compile(r"^(?:KẾ HOẠCH|QUYẾT ĐỊNH|CHƯƠNG TRÌNH|THÔNG BÁO|HƯỚNG DẪN|BÁO CÁO|CHỈ THỊ|NGHỊ QUYẾT|"
                         r"PHƯƠNG ÁN|ĐỀ ÁN|TỜ TRÌNH|QUY CHẾ|QUY ĐỊNH|KẾT LUẬN|CÔNG ĐIỆN|DỰ ÁN)\b")
_OPENER = re.compile(r"^(?:Căn cứ|Thực hiện|Triển khai|Theo|Nhằm|Để|Trên cơ sở|Qua|Ngày\s+\d)\b")


@dataclass
class Zone:
    """What the header block says, as printed, and where it ends."""

    body_lines: list[list[str]] = field(default_factory=list)  # left-column lines, grouped by cell
    number: str | None = None
    code: str | None = None
    place: str | None = None
    date: str | None = None
    motto: bool = False
    party: bool = False
    youth: bool = False  # the Đoàn TNCS Hồ Chí Minh's heading: the left column names one of its committees
    begin: int | None = None  # first block with a header part (what stands before it is the site's)
    end: int = 0  # first block after the zone
    spans: dict[str, tuple[int, int]] = field(default_factory=dict)
    elements: int = 0  # how many header elements were seen (motto, số, date)
    type_rest: str | None = None  # the type line and what follows it, when they share the zone's last block
    unreadable: list[str] = field(default_factory=list)  # "number", "day": printed (by hand) but not read


def is_body_line(line: str) -> bool:
    """An upper-case line that names (part of) a body, not a title ("BAN HÀNH …" is a verb)."""
    t = line.strip()
    # "BAN HÀNH …" is a verb, "PHÒNG, CHỐNG …" (prevent and combat) opens a title, not a Phòng's name
    return (bool(_HEAD_RE.match(t)) or bool(_LOCALITY.match(t))) and not re.match(r"^(?:BAN HÀNH|PHÒNG\s*,?\s*CHỐNG)\b", t)


def starts_as_body(line: str) -> bool:
    """An upper-case line that opens with the name of a body ("ỦY BAN NHÂN DÂN TỈNH …", "TỈNH QUẢNG BÌNH"),
    not one that only names a place inside it ("… TRÊN ĐỊA BÀN TỈNH BÌNH ĐỊNH", a title's wrapped line)."""
    t = line.strip()
    if _LOCALITY.match(t):  # a place's name by itself ("TỈNH QUẢNG BÌNH"), not a title going on with one
        return len(t.split()) <= 6 and not re.search(r"\d", t)
    return is_body_line(t) and bool(_HEAD_RE.match(t))


def is_type_line(line: str) -> bool:
    return bool(_TYPE_WORDS.match(line.strip()))


def read_so(line: str) -> tuple[str | None, str, str] | None:
    """(number, code, rest of the line) of a "Số: …" line; an unreadable number is None."""
    line = _blurred(line) or line
    m = SO.match(line) or SO_BARE.match(line)
    if not m:
        return None
    num = (m.group("num") or "").strip(" .") or None
    sym = re.sub(r"\s+|(?<=[/-])[&'‘’.,]", "", m.group("sym"))  # a speck after the slash: "/&KH-UBND"
    sym = sym if sym[0] in "/-" else "/" + sym
    sym = strip_marks(sym)  # "KL/TƯ" → "KL/TU" (Đ is a letter, not a mark: kept)
    yr = re.sub(r"\s+", "", m.group("yr") or "")
    code = f"{num or ''}{yr}{sym}"
    if num and "-" not in code.rsplit("/", 1)[-1]:  # a text layer that lost the hyphen: "5556/QĐBYT"
        from .citations.clean import repair_code

        fixed = repair_code(code)
        code = fixed[0] if fixed else code
    return num, code, m.group("rest").strip()


def read_date(line: str) -> tuple[str, str] | None:
    """(place, ISO date with what is known) of a "<place>, ngày … tháng … năm …" line."""
    m = DATE.match(line.strip())
    if not m:
        return None
    place = dash(re.sub(r"\s+", " ", m.group("place").strip(" |")))
    y, mo, d = m.group("y"), m.group("m"), m.group("d")
    return place, y + (f"-{int(mo):02d}" if mo else "") + (f"-{int(d):02d}" if mo and d else "")


def _cells(b: Block) -> list[list[str]]:
    """A block's cells, each a list of lines: a layout table column by column, text split at `|`."""
    if b.table is not None:
        rows = b.table.rows
        width = max((len(r) for r in rows), default=0)
        return [c.text.split("\n") for k in range(width) for r in rows if k < len(r) for c in [r[k]] if c.text.strip()]
    cells: list[list[str]] = [[]]
    for line in b.text.split("\n"):
        parts = [line] if b.ocr_conf is not None else line.split("|")  # OCR reads a stroke as "|": no cell edge
        for n, part in enumerate(parts):
            if n and cells[-1]:
                cells.append([])
            if part.strip():
                cells[-1].append(part.strip())
    return [c for c in cells if c]


def scan(blocks: list[Block], start: int, limit: int = 30) -> Zone:
    """Read the header block from `blocks[start]` on; stop at the type line or the body.

    Lines before any header part (a site's headline) are passed over. The zone ends
    at a type line, a preamble, a mixed-case line after header parts, or an
    upper-case line once both columns are read (the title of a page that lost
    its type line).
    """
    z = Zone(end=start)
    pending_so = False
    for i in range(start, min(len(blocks), start + limit)):
        b = blocks[i]
        if b.table is not None and (z.elements or z.body_lines) and i > start + 8:
            return _done(z, start)
        if _ocr_noise(b):  # a seal or a signing stamp read as letters: passed over
            z.end = i + 1 if z.begin is not None else z.end
            continue
        cells = [_strip_mottos(c, z) for c in _cells(b)]
        first = " ".join(cells[0]).strip() if cells and cells[0] else ""
        if b.table is None and ((_OPENER.match(first) and len(first) > 40) or len(first) > 160 or is_type_line(first)):
            return _done(z, start)
        stop = None  # "here": the zone ends before this block; "after": it ends with it
        for n_cell, cell in enumerate(cells):
            body_cell: list[str] = []
            for n_line, line in enumerate(cell):
                if not line or RULE.match(line):
                    continue
                if pending_so and re.match(r"^[0-9/]", line):
                    line, pending_so = "Số: " + line, False
                if z.code is None and SO_ALONE.match(line):
                    pending_so = True
                    continue
                if z.code is None and _take_so(line, z, b):
                    continue
                if z.date is None and _take_date(line, z, b):
                    if z.body_lines and z.code is not None:
                        stop = "after"
                    continue
                complete = z.date is not None and bool(z.body_lines)
                if line.isupper() or line == "*":
                    if is_type_line(line) or (complete and (z.code is not None or not is_body_line(line))):
                        stop = "here" if n_cell == 0 and n_line == 0 and not body_cell else "after"
                        if stop == "after" and is_type_line(line):
                            z.type_rest = "\n".join([line] + [x for x in cell[n_line + 1:] if x])
                        break
                    body_cell.append(snap_province(line) if b.ocr_conf is not None else line)
                    continue
                if z.elements or z.body_lines or body_cell:
                    stop = "here" if n_cell == 0 and n_line == 0 else "after"
                    break
            if body_cell:
                z.body_lines.append(body_cell)
                z.spans.setdefault("issuer", (b.start, b.end))  # the first line of the body's name
            if stop:
                break
        if z.begin is None and (z.elements or z.body_lines):
            z.begin = i
        if stop == "here":
            z.end = i
            return _done(z, start)
        z.end = i + 1
        if stop == "after":
            return _done(z, start)
    return _done(z, start)


def _done(z: Zone, start: int) -> Zone:
    if not z.elements and not any(is_body_line(x) for c in z.body_lines for x in c):
        return Zone(end=start)  # no header here: upper-case lines are a title or a heading
    return z


OCR_NOISE = 0.6  # below this mean word confidence an OCR line that is no header part is a seal's or stamp's


def _ocr_noise(b: Block) -> bool:
    if b.ocr_conf is None or b.ocr_conf >= OCR_NOISE or b.table is not None:
        return False
    t = b.text.strip()
    return not (is_body_line(t) or MOTTO.search(t) or read_so(t) or read_date(t) or is_type_line(t))


def snap_province(line: str) -> str:
    """An OCR'd header line whose province lost or changed its marks ("TÍNH LẠI CHẦU")
    written as the province is spelled, when the letters leave no other reading."""
    m = re.match(r"^(.*?\b)(T[IÍÌỈĨỊ]NH|THÀNH PHỐ)\s+(\S+(?:\s+\S+){0,3})\s*$", line)
    if not m:
        return line
    name = province_by_letters(m.group(3))
    if name is None:
        return line
    kind = "TỈNH" if m.group(2) != "THÀNH PHỐ" else "THÀNH PHỐ"
    return f"{m.group(1)}{kind} {name.upper()}"


def _strip_mottos(lines: list[str], z: Zone) -> list[str]:
    text = "\n".join(lines)
    if PARTY_MOTTO.search(text):
        z.party, z.elements = True, z.elements + 1
        text = PARTY_MOTTO.sub("\n", text)
    kept = []
    for line in text.split("\n"):
        m = YOUTH_MOTTO.match(line.strip())
        left = m.group("left").strip(" |") if m else ""
        if m and (not left or (_HEAD_RE.match(left) or _YOUTH_COMMITTEE.match(left)) and not is_type_line(left)):
            z.youth, z.elements = True, z.elements + 1
            line = left  # what stands before it is the left column's: the committee that issues
        kept.append(line)
    text = "\n".join(kept)
    if MOTTO.search(text):
        z.motto = True
        z.elements += 1
        text = MOTTO.sub("\n", text)
    out = [x.strip(" |-–") for x in text.split("\n")]
    return [x for x in out if x and fold(x) != "việt nam"]


def _take_so(line: str, z: Zone, b: Block) -> bool:
    got = read_so(line)
    if got is None:
        return False
    num, code, rest = got
    if rest and not _take_date(rest, z, b):
        return False
    z.number, z.code = num, code
    if _blurred(line) or (b.ocr_conf is not None and num is None):
        z.unreadable.append("number")
    z.spans["code"] = (b.start, b.end)
    z.elements += 1
    return True


def _take_date(line: str, z: Zone, b: Block) -> bool:
    got = read_date(line)
    if got is None:
        return False
    z.place, z.date = got
    m = DATE.match(line.strip())
    if m.group("dx") or (b.ocr_conf is not None and not m.group("d")):  # a scan's blank day was filled by hand
        z.unreadable.append("day")
    z.spans["date"] = (b.start, b.end)
    z.elements += 1
    return True


def bodies(cells: list[list[str]]) -> list[str]:
    """The bodies the left column names, top first, each as printed on one line.

    A name runs on over lines until a line opens a new body (a head noun) after a
    name that is complete (it names its place, or is a party committee), so
    "ỦY" / "BAN NHÂN DÂN" / "TỈNH X" is one body and "UBND TỈNH X" / "SỞ Y TẾ" two.
    """
    out: list[str] = []
    for cell in cells:
        cur = ""
        for line in cell:
            line = re.sub(r"^Y BAN (?=NHÂN DÂN|MẶT TRẬN)", "ỦY BAN ", line.strip())  # a site that lost the "Ủ"
            if line == "*":
                continue
            for part in _split_glued(line):
                if cur and _HEAD_RE.match(part) and _complete(cur):
                    out.append(cur)
                    cur = part
                else:
                    cur = f"{cur} {part}".strip()
        if cur:
            if out and not _HEAD_RE.match(cur) and not _complete(out[-1]):
                out[-1] = f"{out[-1]} {cur}"  # a cell that only goes on with the name above
            else:
                out.append(cur)
    return [re.sub(r"\s+", " ", x) for x in out]


def _complete(name: str) -> bool:
    return bool(_LOCALITY.search(name)) or bool(_PARTY_COMMITTEE.match(name)) or name.startswith("BỘ ")


def _split_glued(line: str) -> list[str]:
    """"ỦY BAN NHÂN DÂN TỈNH KHÁNH HÒA SỞ Y TẾ": a province's name closes the first body."""
    m = re.match(r"^(.*?\b(?:TỈNH|THÀNH PHỐ)\s+)(.+)$", line)
    if not m:
        return [line]
    words = m.group(2).split()
    for k in range(min(4, len(words) - 1), 0, -1):
        if province_name(" ".join(words[:k])) and _HEAD_RE.match(" ".join(words[k:])):
            return [m.group(1) + " ".join(words[:k]), " ".join(words[k:])]
    return [line]
