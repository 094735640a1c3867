"""Text that a PDF draws in annotation appearances, not in the page's content.

Offices that sign electronically (the Ban Cơ yếu Chính phủ CA, VGCA) let the
văn thư stamp the document's number and date into the header blank as the
appearance of a signature field: "Số: 142/QĐ-UBND" shows in every reader, yet
the "142" is not in the page's text, so pdfplumber never sees it. Readers draw
those appearances; poppler's `pdftotext -bbox` reads them with their boxes, and
the words inside a widget's rectangle are added to the page's words.
"""
from __future__ import annotations

import html
import re
import shutil
import subprocess

_WORD = re.compile(r'<word xMin="([\d.]+)" yMin="([\d.]+)" xMax="([\d.]+)" yMax="([\d.]+)">(.*?)</word>')
_PAGE = re.compile(r"<page\b[^>]*>(.*?)</page>", re.S)
TIMEOUT = 30


def widget_boxes(page) -> list[tuple[float, float, float, float]]:
    """(x0, top, x1, bottom) of the page's widget annotations that have an appearance."""
    try:
        annots = page.annots
    except Exception:  # pdfplumber resolves every annotation and fails on some real ones
        annots = _raw_widgets(page)
    out = []
    for a in annots:
        data = a.get("data") or {}
        if _name(data.get("Subtype")) == "Widget" and data.get("AP"):
            out.append((float(a["x0"]), float(a["top"]), float(a["x1"]), float(a["bottom"])))
    return out


def _raw_widgets(page) -> list[dict]:
    """The widget annotations read without pdfplumber's full resolution of their objects."""
    from pdfminer.pdftypes import resolve1

    out = []
    try:
        for ref in resolve1(page.page_obj.annots) or []:
            d = resolve1(ref)
            if not isinstance(d, dict) or _name(d.get("Subtype")) != "Widget" or not d.get("AP"):
                continue
            x0, y0, x1, y1 = (float(resolve1(v)) for v in resolve1(d["Rect"]))
            top = float(page.height) - max(y0, y1)
            out.append({"data": d, "x0": min(x0, x1), "x1": max(x0, x1), "top": top,
                        "bottom": top + abs(y1 - y0)})
    except Exception:
        return []
    return out


def _name(v) -> str:
    return str(getattr(v, "name", v) or "").strip("/'")


def appearance_words(path: str, number: int, boxes: list[tuple[float, float, float, float]],
                     page_words: list[dict]) -> list[dict]:
    """Words poppler draws inside `boxes` on page `number` that the page's own text lacks."""
    if not boxes or shutil.which("pdftotext") is None:
        return []
    try:
        out = subprocess.run(["pdftotext", "-f", str(number), "-l", str(number), "-bbox", path, "-"],
                             capture_output=True, timeout=TIMEOUT, check=False).stdout.decode("utf-8", "replace")
    except (OSError, subprocess.SubprocessError):
        return []
    page = _PAGE.search(out)
    by_box: dict[int, list[dict]] = {}
    for m in _WORD.finditer(page.group(1) if page else ""):
        x0, top, x1, bottom = (float(v) for v in m.groups()[:4])
        cx, cy = (x0 + x1) / 2, (top + bottom) / 2
        k = next((k for k, b in enumerate(boxes) if b[0] <= cx <= b[2] and b[1] <= cy <= b[3]), None)
        if k is None or any(_overlaps((x0, top, x1, bottom), w) for w in page_words):
            continue  # outside every widget, or the page's own text under one
        by_box.setdefault(k, []).append({"text": html.unescape(m.group(5)), "x0": x0, "x1": x1, "top": top,
                                         "bottom": bottom, "upright": True, "size": bottom - top, "fontname": ""})
    # the signer's stamp ("Ký bởi: …", "Thời gian ký: …", an e-mail) is not the document's text
    return [w for ws in by_box.values() if not SIGNING_STAMP.search(" ".join(w["text"] for w in ws)) for w in ws]


SIGNING_STAMP = re.compile(r"Ký bởi|Người ký|Thời gian ký|Ngày ký|Cơ quan\s*:|Email\s*:|@|[+]07:?00", re.I)


def _overlaps(box: tuple[float, float, float, float], w: dict) -> bool:
    x0, top, x1, bottom = box
    return min(x1, w["x1"]) - max(x0, w["x0"]) > 0.5 * (x1 - x0) and min(bottom, w["bottom"]) > max(top, w["top"])
