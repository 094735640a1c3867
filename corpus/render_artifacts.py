"""Render a seed's text PDF (corpus/pdf) with each artefact real office files carry.

One file per artefact under corpus/artifacts/, each with its seed's gold under the
rendered name (the artefacts add or hide nothing a reader would record):
- stamp: a colour scan with the red round seal over the signer's post and name and a
  red "KHẨN" box stamp at the top;
- esign: a colour scan with the e-signature stamp of the signing body ("Ký bởi: …",
  "Email: …", "Thời gian ký: …") printed small in blue at the top right;
- handwritten: the number and the day of the header erased and written in by hand;
- junk: the text PDF with a download wrapper's bytes before "%PDF-";
- badlayer: a grey scan carrying a scanner's unusable text layer (invisible garbage);
- bw1: a 1-bit CCITT Group 4 scan at 200 dpi;
- dpi100: a grey JPEG scan at 100 dpi;
- rotated: page images stored turned by 90° (the page shows sideways).

Deterministic: every random choice comes from a generator seeded by the artefact.
Usage: python corpus/render_artifacts.py [--pdfs DIR] [--out DIR] [--seed STEM]
"""
from __future__ import annotations

import argparse
import io
import sys
from pathlib import Path

import numpy as np
from PIL import Image, ImageChops, ImageDraw, ImageFont

ROOT = Path(__file__).resolve().parents[1]
for p in (ROOT, ROOT / "corpus", ROOT / "models"):
    if str(p) not in sys.path:
        sys.path.insert(0, str(p))

import handwriting  # noqa: E402
from render import load_gold, write_rendering_gold  # noqa: E402
from render_scan import bilevel, pages, save_pdf  # noqa: E402

ARTIFACTS = ("stamp", "esign", "handwritten", "junk", "badlayer", "bw1", "dpi100", "rotated")
SEED = "000_13a313f26e079968"
SANS = "/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf"
SERIF = "/usr/share/fonts/truetype/liberation2/LiberationSerif-Regular.ttf"
SERIF_ITALIC = "/usr/share/fonts/truetype/liberation2/LiberationSerif-Italic.ttf"
RED, BLUE = (205, 32, 40), (20, 40, 190)


def _font(size: int):
    try:
        return ImageFont.truetype(SANS, size)
    except OSError:
        return ImageFont.load_default()


def _words(pdf: Path, page: int) -> list[dict]:
    import pdfplumber

    with pdfplumber.open(str(pdf)) as doc:
        p = doc.pages[page]
        return [dict(w) for w in p.extract_words(keep_blank_chars=False)] + [
            {"text": c["text"], "x0": c["x0"], "x1": c["x1"], "top": c["top"], "bottom": c["bottom"], "char": True}
            for c in p.chars]


def _seal(img: Image.Image, cx: float, cy: float, r: float) -> Image.Image:
    """The red round seal: two rings, a star, and the body's name as dashes round the rim,
    inked over the page (the type under it stays dark, as under real seal ink)."""
    layer = Image.new("RGB", img.size, "white")
    d = ImageDraw.Draw(layer)
    d.ellipse((cx - r, cy - r, cx + r, cy + r), outline=RED, width=max(3, int(r / 14)))
    d.ellipse((cx - 0.62 * r, cy - 0.62 * r, cx + 0.62 * r, cy + 0.62 * r), outline=RED, width=max(2, int(r / 22)))
    star = [(cx + 0.4 * r * np.cos(a), cy + 0.4 * r * np.sin(a)) for a in np.linspace(-np.pi / 2, 3.5 * np.pi, 6)]
    d.line([(float(x), float(y)) for x, y in star[::2] + star[1::2] + star[:1]], fill=RED, width=max(2, int(r / 25)))
    for a in np.linspace(0, 2 * np.pi, 40, endpoint=False):  # the rim's lettering
        x0, y0 = cx + 0.72 * r * np.cos(a), cy + 0.72 * r * np.sin(a)
        d.line([(x0, y0), (cx + 0.9 * r * np.cos(a + 0.05), cy + 0.9 * r * np.sin(a + 0.05))], fill=RED, width=3)
    return ImageChops.multiply(img, layer)


def stamp(src: Path, gold: dict | None, dpi: int = 200) -> list[Image.Image]:
    imgs = [p.convert("RGB") for p in pages(src, dpi)]
    k = dpi / 72
    signer = (((gold or {}).get("doc") or {}).get("signer") or "").split()
    last = [w for w in _words(src, len(imgs) - 1) if not w.get("char")]
    sign = next((w for w in last if signer and w["text"] == signer[0]), None)
    if sign is not None:  # stamped across the post above the name and the name's start
        imgs[-1] = _seal(imgs[-1], (sign["x0"] - 8) * k, (sign["top"] - 26) * k, 58 * k)
    d = ImageDraw.Draw(imgs[0])
    d.rectangle((40 * k, 20 * k, 120 * k, 46 * k), outline=RED, width=4)
    d.text((50 * k, 23 * k), "KHẨN", fill=RED, font=_font(int(18 * k)))
    return imgs


def esign(src: Path, dpi: int = 200) -> list[Image.Image]:
    imgs = [p.convert("RGB") for p in pages(src, dpi)]
    k = dpi / 72
    d = ImageDraw.Draw(imgs[0])
    lines = ["Ký bởi: Sở Y tế", "Email: syt@baria-vungtau.gov.vn", "Cơ quan: Tỉnh Bà Rịa - Vũng Tàu",
             "Thời gian ký: 27.02.2023 16:05:31 +07:00"]
    for i, t in enumerate(lines):
        d.text((400 * k, (6 + 7 * i) * k), t, fill=BLUE, font=_font(int(6 * k)))
    return imgs


def _write_in(img: Image.Image, digits: list[dict], rest: list[dict], k: float, font: str,
              rng: np.random.Generator) -> None:
    """White out the printed digits and what follows them on the line, write the digits by
    hand where they stood, and print the rest again after the handwriting."""
    d = ImageDraw.Draw(img)
    chars = digits + rest
    x0, x1 = min(c["x0"] for c in chars) * k, max(c["x1"] for c in chars) * k
    top, bottom = min(c["top"] for c in chars) * k, max(c["bottom"] for c in chars) * k
    d.rectangle((x0 - 1, top - 1, x1 + 2, bottom + 2), fill=(255, 255, 255))
    h = (bottom - top) * 1.1
    x = x0
    for c in digits:
        x += handwriting.draw_digit(d, int(c["text"]), x, top - 0.25 * h, h, rng, ink=(25, 25, 70)) + 0.1 * h
    size = int(round((rest[0]["bottom"] - rest[0]["top"]) * k)) if rest else int(h)
    d.text((x + 0.35 * h, top - 0.1 * h), "".join(c["text"] for c in rest), fill=(0, 0, 0),
           font=ImageFont.truetype(font, size) if Path(font).exists() else _font(size))


def _line_after(chars: list[dict], i: int) -> list[dict]:
    """The characters of the line from `i` on (same baseline)."""
    top = chars[i]["top"]
    out = []
    for c in chars[i:]:
        if abs(c["top"] - top) > 2:
            break
        out.append(c)
    return out


def handwritten(src: Path, dpi: int = 200) -> list[Image.Image]:
    imgs = [p.convert("RGB") for p in pages(src, dpi)]
    k = dpi / 72
    chars = [w for w in _words(src, 0) if w.get("char")]
    rng = np.random.default_rng(7)
    text = "".join(c["text"] for c in chars)
    so = text.find("Số:")
    at = text.find("ngày", so)
    for start, font in ((so + 3, SERIF), (at + 4, SERIF_ITALIC)):
        line = _line_after(chars, start)
        first = next((j for j, c in enumerate(line) if c["text"].isdigit()), None)
        if first is None:
            continue
        end = first
        while end < len(line) and line[end]["text"].isdigit():
            end += 1
        rest = line[end:]
        while rest and not rest[0]["text"].strip():
            rest = rest[1:]
        _write_in(imgs[0], line[first:end], rest, k, font, rng)
    return imgs


def badlayer(src: Path, out: Path, dpi: int = 200) -> None:
    """Page images with an invisible text layer of garbage, as a scanner's failed OCR writes."""
    from reportlab.lib.utils import ImageReader
    from reportlab.pdfgen import canvas

    rng = np.random.default_rng(11)
    imgs = pages(src, dpi)
    c = canvas.Canvas(str(out), pagesize=(imgs[0].width * 72 / dpi, imgs[0].height * 72 / dpi), invariant=1)
    for im in imgs:
        w, h = im.width * 72 / dpi, im.height * 72 / dpi
        c.setPageSize((w, h))
        buf = io.BytesIO()
        im.save(buf, "JPEG", quality=55)
        c.drawImage(ImageReader(io.BytesIO(buf.getvalue())), 0, 0, w, h)
        t = c.beginText()
        t.setTextRenderMode(3)  # invisible, as OCR layers are
        t.setFont("Helvetica", 10)
        for y in range(int(h) - 60, 60, -14):
            t.setTextOrigin(60, y)
            t.textLine(" ".join("".join(rng.choice(list("ijlrtfIl1|!;:,.'-~^")) for _ in range(rng.integers(2, 7)))
                                for _ in range(12)))
        c.drawText(t)
        c.showPage()
    c.save()


def render(src: Path, out_dir: Path, gold_dir: Path) -> list[Path]:
    stem = src.stem.rsplit("-", 1)[0]
    gold = load_gold(stem, gold_dir)
    out_dir.mkdir(parents=True, exist_ok=True)
    written = []
    for art in ARTIFACTS:
        target = out_dir / f"{stem}-{art}.pdf"
        if art == "stamp":
            save_pdf(stamp(src, gold), target, 200, quality=55)
        elif art in ("esign", "handwritten"):
            save_pdf(globals()[art](src), target, 200, quality=55)
        elif art == "junk":
            target.write_bytes(b"HTTP/1.1 200 OK\r\nContent-Type: application/pdf\r\n\r\n" + src.read_bytes())
        elif art == "badlayer":
            badlayer(src, target)
        elif art == "bw1":
            save_pdf([bilevel(p) for p in pages(src, 200)], target, 200)
        elif art == "dpi100":
            save_pdf(pages(src, 100), target, 100, quality=60)
        elif art == "rotated":
            save_pdf([p.rotate(90, expand=True) for p in pages(src, 200)], target, 200, quality=55)
        written.append(target)
        if gold is not None:
            written.append(write_rendering_gold(gold, target.name, gold_dir / f"{stem}-{art}.json"))
    return written


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--pdfs", type=Path, default=ROOT / "corpus" / "pdf")
    ap.add_argument("--out", type=Path, default=ROOT / "corpus")
    ap.add_argument("--seed", default=SEED, help="the seed whose text PDF is rendered")
    args = ap.parse_args(argv)
    src = args.pdfs / f"{args.seed}-pdf.pdf"
    if not src.is_file():
        print(f"no {src}: run corpus/render_pdf.py first", file=sys.stderr)
        return 1
    for p in render(src, args.out / "artifacts", args.out / "gold"):
        print(f"{p.stat().st_size:>8}  {p}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
