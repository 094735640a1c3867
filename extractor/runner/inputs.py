"""From the command line's INPUTs (files, folders, globs) to the files to read.

Folders are walked recursively without following symlinked folders (a symlink
loop cannot trap the walk); hidden files and the run's own output are
skipped. Anything that is not a regular file (a FIFO, a device, a socket)
would block or make no sense to read: it becomes an error row, not a hang.
"""
from __future__ import annotations

import glob
import os
import stat


def expand(inputs: list[str], skip: list[str] | None = None) -> tuple[list[str], list[dict]]:
    """Return (files in a stable order without repeats, error rows)."""
    skip_real = [os.path.realpath(s) for s in skip or []]
    files: list[str] = []
    errors: list[dict] = []

    def add(p: str) -> None:
        real = os.path.realpath(p)
        if any(real == s or real.startswith(s + os.sep) for s in skip_real):
            return
        try:
            st = os.stat(p)
        except OSError:  # missing, a dangling link, a symlink loop: the reader names it
            files.append(p)
            return
        if stat.S_ISDIR(st.st_mode):
            walk(p)
        elif stat.S_ISREG(st.st_mode):
            files.append(p)
        else:
            kind = "fifo" if stat.S_ISFIFO(st.st_mode) else "device" if stat.S_ISCHR(st.st_mode) or stat.S_ISBLK(st.st_mode) else "socket"
            errors.append({"file": p, "stage": "read", "reason": f"not a regular file ({kind})", "doc_id": None})

    def walk(d: str) -> None:
        for root, dirs, names in os.walk(d):
            dirs[:] = sorted(x for x in dirs if not x.startswith("."))
            for n in sorted(names):
                if not n.startswith("."):
                    add(os.path.join(root, n))

    for p in inputs:
        if any(ch in p for ch in "*?[") and not os.path.exists(p):
            for m in sorted(glob.glob(p, recursive=True)):
                add(m)
        else:
            add(p)
    seen: set[str] = set()
    uniq = [f for f in files if not (f in seen or seen.add(f))]
    return uniq, errors
