"""From the command line's INPUTs (files, folders, globs) to the documents to read.

Folders are walked recursively without following symlinked folders (a symlink
loop cannot trap the walk); hidden files and the run's own output are
skipped. Anything that is not a regular file (a FIFO, a device, a socket)
would block or make no sense to read: it becomes an error row, not a hang.

Only documents are read: a folder of plans usually also holds gold JSON,
scripts, notes and tables, and reading those as plans doubles citations and
invents "documents". Files found in a folder or by a glob whose extension is
not a document format are skipped and counted; a file named explicitly with
such an extension gets an error row saying why. `.zip` archives are opened
(`archives.py`) and their document members read as `archive.zip!member`.
"""
from __future__ import annotations

import glob
import os
import stat
from dataclasses import dataclass, field

# text, HTML, Word, OpenDocument, RTF, PDF and the image formats OCR reads
DOC_EXTS = frozenset(
    ".txt .text .htm .html .xhtml .docx .doc .odt .rtf .pdf .png .jpg .jpeg .tif .tiff .gif .bmp .webp".split()
)
ARCHIVE_EXTS = frozenset({".zip"})
KINDS = "text, HTML, DOCX, DOC/ODT, RTF, PDF, images, or a .zip of them"


def is_document(name: str) -> bool:
    return os.path.splitext(name)[1].lower() in DOC_EXTS


@dataclass
class Inputs:
    """What the inputs name: files to read, error rows, files skipped, archive members' labels."""

    files: list[str] = field(default_factory=list)
    errors: list[dict] = field(default_factory=list)
    skipped: list[str] = field(default_factory=list)  # not documents (found in a folder or by a glob)
    labels: dict[str, str] = field(default_factory=dict)  # unpacked member path -> "archive.zip!member"

    def label(self, path: str) -> str:
        return self.labels.get(path, path)


def _error(path: str, reason: str, stage: str = "read") -> dict:
    return {"file": path, "stage": stage, "reason": reason, "doc_id": None}


def collect(inputs: list[str], skip: list[str] | None = None, unpack_dir: str | None = None) -> Inputs:
    """The documents named by `inputs` in a stable order without repeats; archives unpacked
    under `unpack_dir` (a temporary folder when None)."""
    from .archives import unpack

    skip_real = [os.path.realpath(s) for s in skip or []]
    res = Inputs()

    def add(p: str, explicit: bool) -> None:
        real = os.path.realpath(p)
        if any(real == s or real.startswith(s + os.sep) for s in skip_real):
            return
        try:
            st = os.stat(p)
        except OSError:  # missing, a dangling link, a symlink loop: the reader names it
            if explicit or is_document(p):
                res.files.append(p)
            return
        if stat.S_ISDIR(st.st_mode):
            walk(p)
        elif not stat.S_ISREG(st.st_mode):
            device = stat.S_ISCHR(st.st_mode) or stat.S_ISBLK(st.st_mode)
            kind = "fifo" if stat.S_ISFIFO(st.st_mode) else "device" if device else "socket"
            res.errors.append(_error(p, f"not a regular file ({kind})"))
        elif os.path.splitext(p)[1].lower() in ARCHIVE_EXTS:
            members, errors, skipped = unpack(p, unpack_dir)
            res.errors.extend(errors)
            res.skipped.extend(skipped)
            for path, label in members:
                res.files.append(path)
                res.labels[path] = label
        elif is_document(p) or (explicit and not os.path.splitext(p)[1]):
            res.files.append(p)  # a file named without extension: the sniffer decides
        elif explicit:
            ext = os.path.splitext(p)[1]
            res.errors.append(_error(p, f"not a document ({ext} file); kh-extract reads {KINDS}", "sniff"))
        else:
            res.skipped.append(p)

    def walk(d: str) -> None:
        for root, dirs, names in os.walk(d):
            dirs[:] = sorted(x for x in dirs if not x.startswith("."))
            for n in sorted(names):
                if not n.startswith("."):
                    add(os.path.join(root, n), False)

    for p in inputs:
        if any(ch in p for ch in "*?[") and not os.path.exists(p):
            for m in sorted(glob.glob(p, recursive=True)):
                add(m, False)
        else:
            add(p, True)
    seen: set[str] = set()
    res.files = [f for f in res.files if not (f in seen or seen.add(f))]
    return res


def expand(inputs: list[str], skip: list[str] | None = None) -> tuple[list[str], list[dict]]:
    """(files, error rows): `collect` for callers that need neither skipped files nor archives' labels."""
    res = collect(inputs, skip)
    return res.files, res.errors


def skipped_note(n: int) -> str:
    """The summary's words for the files left out ("" when none were)."""
    if not n:
        return ""
    return "skipped 1 file that is not a document" if n == 1 else f"skipped {n} files that are not documents"


def out_names(labels: list[str]) -> dict[str, str]:
    """One output name (no extension) per input label, unique among them.

    The file's stem when no other input has it; otherwise the path relative to
    the colliding inputs' common folder, separators as `__` (`a/plan.txt` and
    `b/plan.txt` → `a__plan`, `b__plan`), the extension kept when still needed.
    """
    def parts(label: str) -> str:
        return label.replace("!", os.sep)

    stem = {x: os.path.splitext(os.path.basename(parts(x)))[0] or "input" for x in labels}
    groups: dict[str, list[str]] = {}
    for x in labels:
        groups.setdefault(stem[x].casefold(), []).append(x)
    names: dict[str, str] = {}
    for group in groups.values():
        if len(group) == 1:
            names[group[0]] = stem[group[0]]
            continue
        paths = [os.path.abspath(parts(x)) for x in group]
        base = os.path.commonpath([os.path.dirname(p) for p in paths])
        rel = [os.path.relpath(p, base) for p in paths]
        cands = [os.path.splitext(r)[0] for r in rel]
        if len({c.casefold() for c in cands}) < len(cands):
            cands = rel
        for x, c in zip(group, cands):
            names[x] = c.replace(os.sep, "__")
    taken: set[str] = set()
    for x in labels:  # a last resort for names that still meet (`a__plan.txt` beside `a/plan.txt`)
        n, k = names[x], 2
        while names[x].casefold() in taken:
            names[x] = f"{n}-{k}"
            k += 1
        taken.add(names[x].casefold())
    return names
