"""Fuzzing: mutated corpus files of every format through `kh-extract run` and `extract`.

A seeded mutator makes N inputs from the corpus files (text, legacy-encoded text,
HTML, DOCX, PDF, .doc, TIFF): byte flips, truncations, junk inserted, chunks
repeated or zeroed, two files spliced, and the shapes the fuzzing reproducers
of issue 13 found (a long whitespace run, one citation repeated, thousands of
codes in one sentence, HTML nested deep or with a lying `<meta charset>`, junk
or a BOM before `%PDF-`, UTF-16/32 re-encodings, a broken zip entry header,
version or deflate stream, a truncated TIFF). Each input must give exactly one
record or one error row, with no crash (an "internal" error row, a traceback)
and no hang (a "timed out" row, or the command over its time limit).

    python bench/fuzz.py [--cases 10000] [--seed 1] [--extract 500] [--kinds text,html,...] [--keep DIR]
"""
from __future__ import annotations

import argparse
import glob
import json
import os
import random
import re
import subprocess
import sys
import tempfile
import time
import zipfile
from collections import Counter

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
KINDS = ("text", "legacy", "html", "docx", "pdf", "doc", "tiff")
CITATION = "Căn cứ Quyết định số 749/QĐ-TTg ngày 03/6/2020 của Thủ tướng Chính phủ; "


def sources() -> dict[str, list[str]]:
    """Corpus files by kind (what a clone has; `make corpus` renders the rest)."""
    pats = {"text": "text/*.txt", "legacy": "legacy/*.txt", "html": "html/*.html", "docx": "docx/*.docx",
            "pdf": "pdf/*.pdf", "doc": "doc/*.doc", "tiff": "tiff/*.tif*"}
    out = {k: sorted(glob.glob(os.path.join(ROOT, "corpus", p))) for k, p in pats.items()}
    return {k: v for k, v in out.items() if v}


def _flip(data: bytes, rng: random.Random, scale: float) -> bytes:
    b = bytearray(data)
    for _ in range(rng.randint(1, 16)):
        if b:
            b[rng.randrange(len(b))] ^= 1 << rng.randrange(8)
    return bytes(b)


def _truncate(data: bytes, rng: random.Random, scale: float) -> bytes:
    return data[:rng.choice([0, 1, 7, 100, rng.randrange(max(1, len(data)))])]


def _insert(data: bytes, rng: random.Random, scale: float) -> bytes:
    at = rng.randrange(len(data) + 1)
    junk = bytes(rng.randrange(256) for _ in range(rng.randint(1, 4096)))
    return data[:at] + junk + data[at:]


def _repeat(data: bytes, rng: random.Random, scale: float) -> bytes:
    if not data:
        return data
    a = rng.randrange(len(data))
    chunk = data[a:a + rng.randint(1, 2000)]
    at = rng.randrange(len(data) + 1)
    return data[:at] + chunk * rng.randint(2, max(2, int(50 * scale))) + data[at:]


def _zeros(data: bytes, rng: random.Random, scale: float) -> bytes:
    if not data:
        return data
    a = rng.randrange(len(data))
    n = rng.randint(1, 4096)
    return data[:a] + b"\x00" * n + data[a + n:]


BYTES = (_flip, _truncate, _insert, _repeat, _zeros)


def _text_shape(text: str, rng: random.Random, scale: float) -> tuple[str, str]:
    """The hostile text shapes: whitespace runs, a repeated citation, codes in one sentence."""
    at = text.find("\n", rng.randrange(max(1, len(text))))
    at = at if at >= 0 else len(text)
    shape = rng.choice(["spaces", "citation", "codes", "controls", "long-line"])
    n = int(rng.randint(1_000, 60_000) * scale)
    if shape == "spaces":
        filler = rng.choice([" ", "\t", " \n", "\u00a0", "\n\n"]) * n
    elif shape == "citation":
        filler = CITATION * max(1, n // 60)
    elif shape == "codes":
        filler = "các văn bản " + ", ".join(f"{i}/KH-UBND" for i in range(max(1, n // 12))) + "."
    elif shape == "controls":
        filler = "".join(chr(rng.randrange(1, 32)) for _ in range(min(n, 5000)))
    else:
        filler = "a" * n
    return text[:at] + filler + text[at:], shape


def _encode(text: str, rng: random.Random) -> tuple[bytes, str]:
    codec = rng.choice(["utf-8-sig", "utf-16", "utf-16-le", "utf-16-be", "utf-32", "utf-32-le", "utf-32-be", "cp1258"])
    return text.encode(codec, errors="replace"), codec


def _html_shape(data: bytes, rng: random.Random, scale: float) -> tuple[bytes, str]:
    if rng.random() < 0.5:
        depth = int(rng.choice([300, 3000, 30_000, 100_000]) * min(1.0, scale * 2))
        at = data.find(b"<body")
        at = data.find(b">", at) + 1 if at >= 0 else 0
        return data[:at] + b"<div>" * depth + data[at:] + b"</div>" * rng.choice([0, depth]), f"nested-{depth}"
    lie = rng.choice([b"utf-16", b"utf-32", b"iso-8859-1", b"koi8-r", b"x-nonsense", b"utf-7"])
    return data.replace(b'charset="utf-8"', b'charset="' + lie + b'"', 1), "meta-" + lie.decode()


def _pdf_shape(data: bytes, rng: random.Random, scale: float) -> tuple[bytes, str]:
    prefix = rng.choice([b"\xef\xbb\xbf", b"junk before the header\r\n", bytes(rng.randrange(256) for _ in range(900)),
                         b"Content-Type: application/pdf\r\n\r\n"])
    return prefix + data, f"prefix-{len(prefix)}"


def _zip_shape(data: bytes, rng: random.Random, scale: float) -> tuple[bytes, str]:
    try:
        with zipfile.ZipFile(_bytes_io(data)) as z:
            info = rng.choice(z.infolist())
    except (zipfile.BadZipFile, IndexError):
        return _flip(data, rng, scale), "flip"
    off, b = info.header_offset, bytearray(data)
    how = rng.choice(["magic", "version", "deflate", "central", "sizes"])
    if how == "magic":
        b[off:off + 4] = b"PK\x09\x09"
    elif how == "version":
        cd = data.rfind(b"PK\x01\x02")
        b[cd + 6:cd + 8] = rng.choice([148, 63, 999]).to_bytes(2, "little")
    elif how == "deflate":
        body = off + 30 + int.from_bytes(data[off + 26:off + 28], "little") + int.from_bytes(data[off + 28:off + 30], "little")
        b[body:body + 64] = bytes(rng.randrange(256) for _ in range(64))
    elif how == "central":
        b = b[:data.rfind(b"PK\x01\x02") + rng.randrange(40)]
    else:
        cd = data.rfind(b"PK\x01\x02")
        b[cd + 24:cd + 28] = (2**31 + rng.randrange(2**20)).to_bytes(4, "little")  # uncompressed size lies
    return bytes(b), f"zip-{how}"


def _bytes_io(data: bytes):
    import io

    return io.BytesIO(data)


def mutate(kind: str, data: bytes, other: bytes, rng: random.Random, scale: float) -> tuple[bytes, str]:
    """One mutated input from `data` (a file of `kind`), `other` for splices; (bytes, what was done)."""
    r = rng.random()
    if r < 0.1:
        cut = rng.randrange(len(data) + 1)
        return data[:cut] + other[rng.randrange(len(other) + 1):], "splice"
    if r < 0.45:
        if kind == "text":
            text, shape = _text_shape(data.decode("utf-8", "replace"), rng, scale)
            if rng.random() < 0.3:
                blob, codec = _encode(text, rng)
                return blob, f"{shape}+{codec}"
            return text.encode("utf-8"), shape
        if kind == "html":
            return _html_shape(data, rng, scale)
        if kind == "pdf":
            return _pdf_shape(data, rng, scale)
        if kind == "docx":
            return _zip_shape(data, rng, scale)
        if kind == "tiff":
            return data[:rng.randrange(8, max(9, len(data)))], "truncate"
    op = rng.choice(BYTES)
    return op(data, rng, scale), op.__name__.strip("_")


def _head(data: bytes, kind: str, head: int | None) -> bytes:
    if not head or kind not in ("text", "legacy") or len(data) <= head:
        return data
    cut = data.rfind(b"\n", 0, head)
    return data[:cut if cut > 0 else head]


EXT = {"text": ".txt", "legacy": ".txt", "html": ".html", "docx": ".docx", "pdf": ".pdf", "doc": ".doc", "tiff": ".tif"}


def make_cases(out_dir: str, n: int, seed: int = 1, scale: float = 1.0, kinds=KINDS, head: int | None = None) -> dict[str, str]:
    """Write `n` mutated inputs into `out_dir`; return {path: what was done}. `scale` sizes the
    hostile shapes; `head` cuts plain-text sources to their first bytes (a quicker test)."""
    rng = random.Random(seed)
    src = {k: v for k, v in sources().items() if k in kinds}
    blobs = {k: [_head(open(p, "rb").read(), k, head) for p in v] for k, v in src.items()}
    every = [b for v in blobs.values() for b in v]
    os.makedirs(out_dir, exist_ok=True)
    made = {}
    for i in range(n):
        kind = list(src)[i % len(src)]
        data = rng.choice(blobs[kind])
        blob, how = mutate(kind, data, rng.choice(every), rng, scale)
        path = os.path.join(out_dir, f"case{i:05d}_{kind}_{how.replace('/', '-')[:30]}{EXT[kind]}")
        with open(path, "wb") as f:
            f.write(blob)
        made[path] = f"{kind}:{how}"
    return made


def check_run(cases: dict[str, str], out: str, workers: int = 2, timeout: float = 60.0, limit: float | None = None) -> dict:
    """`kh-extract run` over the cases: one record or one error row each, no crash, no hang."""
    import pandas as pd

    d = os.path.dirname(next(iter(cases)))
    t0 = time.monotonic()
    p = subprocess.run([sys.executable, "-m", "extractor", "run", d, "--out", out, "--workers", str(workers),
                        "--timeout", str(timeout), "--quiet"], capture_output=True, text=True, timeout=limit, cwd=ROOT,
                       env={**os.environ, "PYTHONPATH": ROOT})
    wall = time.monotonic() - t0
    docs = pd.read_parquet(os.path.join(out, "documents.parquet"))
    errs = pd.read_parquet(os.path.join(out, "errors.parquet"))
    seen = Counter(list(docs["file"]) + list(errs["file"]))
    return {"cases": len(cases), "records": len(docs), "error_rows": len(errs), "wall_s": round(wall, 1),
            "exit": p.returncode, "traceback": "Traceback" in p.stderr,
            "missing": sorted(set(cases) - set(seen)), "twice": sorted(f for f, c in seen.items() if c > 1),
            "extra": sorted(set(seen) - set(cases)),
            "by_stage": dict(Counter(errs["stage"])),
            "crashes": sorted(f"{f}: {s}: {r}" for f, s, r in zip(errs["file"], errs["stage"], errs["reason"]) if _crash(s, r)),
            "hangs": sorted(f for f, r in zip(errs["file"], errs["reason"]) if "timed out" in str(r))}


def _crash(stage: str, reason: str) -> bool:
    """An error row that is a bug caught, not a fact about the file: an exception the pipeline did not expect."""
    return stage == "internal" or (stage == "nlp" and re.match(r"[A-Z]\w*(Error|Exception)\b", str(reason)) is not None)


def check_extract(paths: list[str], limit: float) -> dict:
    """`kh-extract extract` over the same inputs: one JSON line or one error line each, no traceback."""
    t0 = time.monotonic()
    try:
        p = subprocess.run([sys.executable, "-m", "extractor", "extract", *paths], capture_output=True, text=True,
                           timeout=limit, cwd=ROOT, env={**os.environ, "PYTHONPATH": ROOT})
    except subprocess.TimeoutExpired:
        return {"inputs": len(paths), "hang": True, "wall_s": round(time.monotonic() - t0, 1)}
    recs = [json.loads(x)["file"] for x in p.stdout.splitlines() if x.strip()]
    errs = [x[len("error: "):].split(": ", 1)[0] for x in p.stderr.splitlines() if x.startswith("error: ")]
    names = Counter(recs + [os.path.basename(e) for e in errs])
    return {"inputs": len(paths), "records": len(recs), "error_lines": len(errs), "exit": p.returncode, "hang": False,
            "traceback": "Traceback" in p.stderr, "wall_s": round(time.monotonic() - t0, 1),
            "unaccounted": sorted(os.path.basename(x) for x in paths if names[os.path.basename(x)] != 1)}


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--cases", type=int, default=10_000)
    ap.add_argument("--seed", type=int, default=1)
    ap.add_argument("--extract", type=int, default=500, help="of the cases, how many also go through `extract`")
    ap.add_argument("--workers", type=int, default=2)
    ap.add_argument("--kinds", default=",".join(KINDS), help=f"formats to mutate (of {','.join(KINDS)})")
    ap.add_argument("--timeout", type=float, default=300.0, help="seconds per file; a file over it counts as a hang")
    ap.add_argument("--keep", metavar="DIR", help="keep the cases and tables in DIR")
    a = ap.parse_args()
    tmp = a.keep or tempfile.mkdtemp(prefix="kh-fuzz-")
    cases = make_cases(os.path.join(tmp, "cases"), a.cases, a.seed, kinds=tuple(a.kinds.split(",")))
    print(f"{len(cases)} cases in {tmp}/cases ({dict(Counter(v.split(':')[0] for v in cases.values()))})", flush=True)
    run = check_run(cases, os.path.join(tmp, "out"), a.workers, timeout=a.timeout, limit=max(1800.0, 10.0 * a.cases))
    ext = check_extract(sorted(cases)[:a.extract], limit=max(300.0, 3.0 * a.extract)) if a.extract else {}
    print(json.dumps({"run": run, "extract": ext}, indent=1, ensure_ascii=False))
    bad = (run["missing"] or run["twice"] or run["extra"] or run["crashes"] or run["hangs"] or run["traceback"]
           or ext.get("hang") or ext.get("traceback") or ext.get("unaccounted"))
    if not a.keep:
        import shutil

        shutil.rmtree(tmp, ignore_errors=True)
    sys.exit(1 if bad else 0)


if __name__ == "__main__":
    main()
