"""A run's tables belong together: one generation folder per run, one pointer switched last.

Each run that writes tables writes all of them into a new `OUT/gen-N/`, then its
`MANIFEST.json` (the run's key, the errors count, each table's size and SHA-256),
then switches the symlink `OUT/current` to it with one `rename` (atomic on
POSIX). A kill or a full disk before the switch leaves the previous generation
complete and current; the next run removes the half-written one. The names
readers already use (`OUT/documents.parquet`, `OUT/plans.sqlite`, ...) are
symlinks through `current`, so they all change at the same instant; a reader that
wants several tables of one run resolves `OUT/current` once (`cli_citations` does).

An advisory lock (`fcntl.flock` on `OUT/.lock`) is held for the whole run: a
second run on the same `OUT` stops at once with a message naming the first.
"""
from __future__ import annotations

import fcntl
import hashlib
import json
import os
import re
import shutil
from collections.abc import Iterator
from contextlib import contextmanager, suppress

CURRENT = "current"
MANIFEST = "MANIFEST.json"
LOCK = ".lock"
_GEN = re.compile(r"gen-(\d+)$")


class OutBusy(RuntimeError):
    """Another run holds the lock on this output folder."""


@contextmanager
def locked(out: str) -> Iterator[None]:
    """Hold the lock on `out` for the block; `OutBusy` if another process holds it."""
    os.makedirs(out, exist_ok=True)
    fd = os.open(os.path.join(out, LOCK), os.O_RDWR | os.O_CREAT, 0o666)
    try:
        try:
            fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError:
            holder = os.pread(fd, 32, 0).decode(errors="replace").strip() or "?"
            raise OutBusy(f"{out}: another kh-extract run (pid {holder}) is writing there; "
                          f"wait for it to end or give another --out") from None
        os.ftruncate(fd, 0)
        os.pwrite(fd, str(os.getpid()).encode(), 0)
        yield
    finally:
        os.close(fd)  # closing the descriptor releases the lock, also when the process is killed


def current(out: str) -> str | None:
    """The current generation's folder (a real path), or None before the first complete run."""
    link = os.path.join(out, CURRENT)
    if not os.path.islink(link):
        return None
    real = os.path.realpath(link)
    return real if os.path.isfile(os.path.join(real, MANIFEST)) else None


def read_dir(out: str) -> str:
    """Where a reader finds one run's tables: the current generation, else `out` itself (older layouts)."""
    return current(out) or out


def new_generation(out: str) -> str:
    """A fresh, empty `out/gen-N` (N one more than any there)."""
    n = max((int(m.group(1)) for m in map(_GEN.match, os.listdir(out)) if m), default=0) + 1
    path = os.path.join(out, f"gen-{n}")
    os.mkdir(path)
    return path


def _files(gen: str) -> list[str]:
    out = []
    for root, dirs, names in os.walk(gen):
        dirs.sort()
        out += [os.path.relpath(os.path.join(root, n), gen) for n in sorted(names)
                if n != MANIFEST and not n.startswith(".tmp-")]
    return out


def _sha256(path: str) -> str:
    h = hashlib.sha256()
    with open(path, "rb") as f:
        for chunk in iter(lambda: f.read(1 << 20), b""):
            h.update(chunk)
    return h.hexdigest()


def commit(out: str, gen: str, key: str, errors: int) -> list[str]:
    """Seal `gen` with its manifest, make it current, and return the reader's paths of its tables."""
    from ..tables.atomic import write_atomic

    files = {rel: {"size": os.path.getsize(os.path.join(gen, rel)), "sha256": _sha256(os.path.join(gen, rel))}
             for rel in _files(gen)}
    data = json.dumps({"manifest": key, "errors": errors, "files": files}, indent=1)
    write_atomic(os.path.join(gen, MANIFEST), lambda tmp: _write_synced(tmp, data))
    tmp = os.path.join(out, f".tmp-current-{os.getpid()}")
    with suppress(FileNotFoundError):
        os.unlink(tmp)
    os.symlink(os.path.basename(gen), tmp)
    os.replace(tmp, os.path.join(out, CURRENT))  # the switch: before it the old run, after it the new
    tops = sorted({rel.split(os.sep)[0] for rel in files})
    for top in tops:
        _link(out, top)
    return [os.path.join(out, rel) for rel in files]


def _write_synced(path: str, data: str) -> None:
    with open(path, "w", encoding="utf-8") as f:
        f.write(data)
        f.flush()
        os.fsync(f.fileno())


def _link(out: str, name: str) -> None:
    """`out/name` → `current/name`; a real file or folder left there by an older layout is replaced."""
    path, target = os.path.join(out, name), os.path.join(CURRENT, name)
    if os.path.islink(path) and os.readlink(path) == target:
        return
    if os.path.isdir(path) and not os.path.islink(path):
        shutil.rmtree(path)
    tmp = os.path.join(out, f".tmp-link-{os.getpid()}")
    with suppress(FileNotFoundError):
        os.unlink(tmp)
    os.symlink(target, tmp)
    os.replace(tmp, path)


def verify(out: str, key: str) -> dict | None:
    """The current generation's manifest if it is complete (every table there, at its size) and made
    from `key` (the same inputs, contents, code and format); None otherwise."""
    gen = current(out)
    if gen is None:
        return None
    try:
        with open(os.path.join(gen, MANIFEST), encoding="utf-8") as f:
            man = json.load(f)
    except (OSError, ValueError):
        return None
    if man.get("manifest") != key or not man.get("files"):
        return None
    for rel, meta in man["files"].items():
        p = os.path.join(gen, rel)
        if not os.path.isfile(p) or os.path.getsize(p) != meta.get("size"):
            return None
    return {**man, "outputs": [os.path.join(out, rel) for rel in man["files"]]}


def cleanup(out: str) -> None:
    """Remove what interrupted runs left: generations that are not current, temp files, dangling links."""
    cur = current(out)
    keep = os.path.basename(cur) if cur else None
    for name in os.listdir(out):
        path = os.path.join(out, name)
        if _GEN.match(name) and name != keep and not os.path.islink(path):
            shutil.rmtree(path, ignore_errors=True)
        elif name.startswith(".tmp-"):
            with suppress(OSError):
                shutil.rmtree(path) if os.path.isdir(path) and not os.path.islink(path) else os.unlink(path)
        elif name != CURRENT and os.path.islink(path) and os.readlink(path).startswith(CURRENT + os.sep) \
                and not os.path.exists(path):
            os.unlink(path)  # a table of a format the current run did not write
