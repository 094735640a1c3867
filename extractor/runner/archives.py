"""`.zip` archives of plans: their document members are read as `archive.zip!member`.

An archive is untrusted input. Member names are never used as paths (a name
such as `../../etc/x` or `/abs` cannot write outside the unpack folder: each
member is written as `<index>-<last part of its name, cleaned>`), symlink and
encrypted members are not followed, and the bytes actually inflated are
counted against limits, so an archive that lies about its sizes (a zip bomb)
stops at the limit with an error row instead of filling the disk.
"""
from __future__ import annotations

import atexit
import hashlib
import os
import re
import shutil
import stat
import tempfile
import zipfile

MAX_MEMBERS = 10_000
MAX_MEMBER_BYTES = 200 * 2**20
MAX_TOTAL_BYTES = 1024 * 2**20
MAX_RATIO = 200  # inflated / compressed, for members past 1 MB
CHUNK = 1 << 20


class ArchiveLimit(ValueError):
    """An archive (or one member) is over the unpack limits."""


def _row(file: str, reason: str, stage: str = "ingest") -> dict:
    return {"file": file, "stage": stage, "reason": reason, "doc_id": None}


def _safe_name(index: int, name: str) -> str:
    base = re.split(r"[\\/]", name)[-1].lstrip(".")
    base = re.sub(r"[^\w.\-]+", "_", base)[-120:] or "member"
    return f"{index:05d}-{base}"


def _where(path: str, unpack_dir: str | None) -> str:
    st = os.stat(path)
    key = hashlib.sha256(f"{os.path.realpath(path)}|{st.st_size}|{st.st_mtime_ns}".encode()).hexdigest()[:16]
    if unpack_dir is None:
        unpack_dir = tempfile.mkdtemp(prefix="kh-zip-")
        atexit.register(shutil.rmtree, unpack_dir, True)
    return os.path.join(unpack_dir, key)


def _copy(z: zipfile.ZipFile, info: zipfile.ZipInfo, dest: str, budget: int) -> int:
    """Inflate one member to `dest`, counting real bytes; the bytes written."""
    limit = min(MAX_MEMBER_BYTES, budget)
    n = 0
    tmp = dest + ".part"
    with z.open(info) as src, open(tmp, "wb") as out:
        while chunk := src.read(CHUNK):
            n += len(chunk)
            if n > limit:
                out.close()
                os.unlink(tmp)
                what = "the archive's total" if budget < MAX_MEMBER_BYTES else "one member's"
                raise ArchiveLimit(f"zip bomb: inflates past {what} limit of {limit // 2**20} MB")
            if n > 2**20 and n > MAX_RATIO * max(info.compress_size, 1):
                out.close()
                os.unlink(tmp)
                raise ArchiveLimit(f"zip bomb: inflates over {MAX_RATIO} times its compressed size")
            out.write(chunk)
    os.replace(tmp, dest)
    return n


def unpack(path: str, unpack_dir: str | None) -> tuple[list[tuple[str, str]], list[dict], list[str]]:
    """([(unpacked path, "archive.zip!member")], error rows, skipped labels) of one archive."""
    from .inputs import is_document

    try:
        z = zipfile.ZipFile(path)
    except (zipfile.BadZipFile, OSError, ValueError) as e:
        return [], [_row(path, f"not a readable zip archive ({e})", "sniff")], []
    members: list[tuple[str, str]] = []
    errors: list[dict] = []
    skipped: list[str] = []
    with z:
        infos = z.infolist()
        if len(infos) > MAX_MEMBERS:
            return [], [_row(path, f"zip archive of {len(infos)} members is over the limit of {MAX_MEMBERS}")], []
        dest_dir = _where(path, unpack_dir)
        os.makedirs(dest_dir, exist_ok=True)
        total = 0
        for i, info in enumerate(infos):
            label = f"{path}!{info.filename}"
            mode = info.external_attr >> 16
            if info.is_dir():
                continue
            if stat.S_ISLNK(mode):
                errors.append(_row(label, "a symbolic link inside an archive is not followed", "read"))
                continue
            if not is_document(info.filename) or os.path.basename(info.filename).startswith("."):
                skipped.append(label)
                continue
            if info.flag_bits & 0x1:
                errors.append(_row(label, "encrypted zip member"))
                continue
            dest = os.path.join(dest_dir, _safe_name(i, info.filename))
            try:
                if os.path.isfile(dest) and os.path.getsize(dest) == info.file_size:
                    total += info.file_size  # unpacked by an earlier run (the name holds the archive's size and time)
                else:
                    total += _copy(z, info, dest, MAX_TOTAL_BYTES - total)
            except ArchiveLimit as e:
                errors.append(_row(label, str(e)))
                if total >= MAX_TOTAL_BYTES or "total" in str(e):
                    break
                continue
            except (zipfile.BadZipFile, OSError, EOFError, ValueError, NotImplementedError) as e:
                errors.append(_row(label, f"cannot read zip member: {e}"))
                continue
            members.append((dest, label))
    return members, errors, skipped
