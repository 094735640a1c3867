""".doc (Word 97-2003) and .odt plans: converted to DOCX by LibreOffice, then read
by the DOCX reader.

Old portals still publish .doc; LibreOffice is the one free converter that keeps
Word's automatic numbering and tables. Each call runs soffice headless with its
own throw-away user profile (two soffice processes sharing a profile block each
other, so parallel runs would hang) and a timeout.
"""
from __future__ import annotations

import os
import shutil
import subprocess
import tempfile
from pathlib import Path

from ..errors import ExtractError
from .model import SourceDocument

TIMEOUT_S = 120


def soffice() -> str | None:
    return shutil.which("soffice") or shutil.which("libreoffice")


def convert(path: str, target: str, out_dir: str, timeout: float = TIMEOUT_S) -> Path:
    """Convert `path` with LibreOffice to `target` ("docx", "doc", ...) in `out_dir`."""
    exe = soffice()
    if exe is None:
        raise ExtractError(path, "convert", "LibreOffice (soffice) is not installed: apt-get install libreoffice-writer-nogui")
    with tempfile.TemporaryDirectory(prefix="kh-lo-profile-") as profile:
        src = Path(out_dir) / ("in" + Path(path).suffix.lower())  # a plain name: soffice dislikes odd paths
        shutil.copyfile(path, src)
        filt = {"doc": "doc:MS Word 97", "docx": "docx:MS Word 2007 XML"}.get(target, target)
        cmd = [exe, f"-env:UserInstallation=file://{profile}", "--headless", "--norestore", "--nologo",
               "--convert-to", filt, "--outdir", out_dir, str(src)]
        try:
            proc = subprocess.run(cmd, capture_output=True, timeout=timeout, env={**os.environ, "HOME": profile})
        except subprocess.TimeoutExpired:
            raise ExtractError(path, "convert", f"LibreOffice did not finish in {timeout:.0f} s") from None
    out = src.with_suffix("." + target)
    if proc.returncode != 0 or not out.is_file() or out.stat().st_size == 0:
        msg = (proc.stderr or proc.stdout).decode("utf-8", "replace").strip().splitlines()
        why = msg[-1][:200] if msg else f"exit {proc.returncode}"
        raise ExtractError(path, "convert", f"LibreOffice could not convert the file ({why})")
    return out


def read_office(path: str, kind: str) -> SourceDocument:
    """Read a .doc or .odt (`kind`) through a DOCX conversion; format stays `kind`."""
    from .docx import read_docx

    with tempfile.TemporaryDirectory(prefix="kh-lo-") as tmp:
        docx = convert(path, "docx", tmp)
        doc = read_docx(str(docx))
    doc.path, doc.format = path, kind
    return doc
