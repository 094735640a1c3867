"""`kh-extract extract` is as safe as `run`: every bad input is one error line, the rest goes on.

Damaged inputs are made here (a docx with a broken zip header, an unsupported
zip version, a bad deflate stream; a truncated TIFF); the fuzzing reproducers in
../shared/repro are read too when they are there.
"""
from __future__ import annotations

import glob
import json
import os
import subprocess
import sys
import zipfile

import pytest

from extractor.cli import main

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
REPRO = os.path.join(os.path.dirname(ROOT), "shared", "repro")
PLAN = os.path.join(ROOT, "corpus", "text", "002_337e30c1cff994e8.txt")
DOCX = os.path.join(ROOT, "corpus", "docx", "002_337e30c1cff994e8-docx.docx")
TIFF = sorted(glob.glob(os.path.join(ROOT, "corpus", "tiff", "*.tif*")))


def _damaged_docx(tmp_path) -> list[str]:
    data = open(DOCX, "rb").read()
    with zipfile.ZipFile(DOCX) as z:
        info = z.getinfo("word/document.xml")
    off = info.header_offset
    out = []
    bad_magic = bytearray(data)
    bad_magic[off:off + 4] = b"PK\x09\x09"  # the entry's local header is not a header
    out.append(("badmagic.docx", bytes(bad_magic)))
    # the body's compressed bytes overwritten: zlib cannot inflate them
    name_len, extra_len = int.from_bytes(data[off + 26:off + 28], "little"), int.from_bytes(data[off + 28:off + 30], "little")
    body = off + 30 + name_len + extra_len
    bad_zlib = bytearray(data)
    bad_zlib[body:body + 64] = b"\xff" * 64
    out.append(("zlib.docx", bytes(bad_zlib)))
    cd = data.rfind(b"PK\x01\x02")  # the last central entry claims a zip version nobody implements
    bad_version = bytearray(data)
    bad_version[cd + 6:cd + 8] = (148).to_bytes(2, "little")
    out.append(("zipversion.docx", bytes(bad_version)))
    if TIFF:
        out.append(("trunc.tif", open(TIFF[0], "rb").read()[:4000]))
    paths = []
    for name, blob in out:
        p = tmp_path / name
        p.write_bytes(blob)
        paths.append(str(p))
    return paths


def _run_main(capsys, args: list[str]) -> tuple[int, list[dict], list[str]]:
    rc = main(["extract", *args])
    cap = capsys.readouterr()
    return rc, [json.loads(x) for x in cap.out.splitlines() if x.strip()], cap.err.splitlines()


def _check_errors(err: list[str], bad: list[str]) -> None:
    assert not any("Traceback" in x for x in err), err
    lines = [x for x in err if x.startswith("error: ")]
    for path in bad:
        mine = [x for x in lines if x.startswith(f"error: {path}: ")]
        assert len(mine) == 1, (path, lines)
        stage, reason = mine[0][len(f"error: {path}: "):].split(": ", 1)
        assert stage in ("read", "sniff", "ingest", "ocr", "decode", "language") and reason.strip()


def test_damaged_files_are_error_lines_and_the_next_file_is_read(tmp_path, capsys):
    bad = _damaged_docx(tmp_path)
    rc, recs, err = _run_main(capsys, [*bad, PLAN])
    _check_errors(err, bad)
    assert [r["file"] for r in recs] == [os.path.basename(PLAN)] and rc == 1  # partial: the damaged files failed


@pytest.mark.skipif(not os.path.isdir(REPRO), reason="no ../shared/repro")
def test_fuzz_reproducers(capsys):
    bad = sorted(glob.glob(os.path.join(REPRO, "crash_extract_*")))
    assert bad
    rc, recs, err = _run_main(capsys, [*bad, PLAN])
    _check_errors(err, bad)
    assert [r["file"] for r in recs] == [os.path.basename(PLAN)] and rc == 1  # partial: the damaged files failed


def _cli(args: list[str], stdin: bytes, tmp_path) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "extractor", "extract", *args], input=stdin, cwd=ROOT,
                          capture_output=True, timeout=240)


def test_fifo_symlink_loop_and_stdin_pipe(tmp_path):
    d = tmp_path / "in"
    (d / "sub").mkdir(parents=True)
    os.mkfifo(d / "pipe.txt")
    os.symlink("self.txt", d / "self.txt")  # a link to itself: ELOOP
    os.symlink("..", d / "sub" / "up")  # a folder loop: not followed
    (d / "plan.txt").write_bytes(open(PLAN, "rb").read())
    data = open(PLAN, "rb").read()
    p = _cli([str(d), "-"], data, tmp_path)
    err = p.stderr.decode()
    assert "Traceback" not in err
    assert f"error: {d / 'pipe.txt'}: read: not a regular file (fifo)" in err
    assert f"error: {d / 'self.txt'}: read: " in err
    recs = [json.loads(x) for x in p.stdout.decode().splitlines()]
    assert [r["file"] for r in recs] == ["plan.txt", "<stdin>"]
    assert recs[0]["doc_id"] == recs[1]["doc_id"]  # the whole of stdin was read: the same content hash
    assert recs[0]["doc"]["code"] == recs[1]["doc"]["code"] and recs[1]["doc"]["code"]
    assert all(v == "<stdin>" for v in _files(recs[1]))
    assert p.returncode == 1  # partial: the FIFO and the looping link are error lines


def test_dev_stdin_is_read_fully(tmp_path):
    data = open(PLAN, "rb").read()
    assert len(data) > 8192  # more than the sniffer's head
    p = _cli(["/dev/stdin"], data, tmp_path)
    recs = [json.loads(x) for x in p.stdout.decode().splitlines()]
    import hashlib

    assert len(recs) == 1 and recs[0]["file"] == "<stdin>"
    assert recs[0]["doc_id"] == hashlib.sha256(data).hexdigest()[:16]


def _files(obj):
    if isinstance(obj, dict):
        for k, v in obj.items():
            if k == "file":
                yield v
            else:
                yield from _files(v)
    elif isinstance(obj, list):
        for v in obj:
            yield from _files(v)
