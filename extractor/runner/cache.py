"""Per-file results on disk, keyed by content hash, written atomically.

`DIR/.cache/<code>/<doc_id>.pkl` holds one file's `Outcome` (its record or its
error row). Each is written to a temp file and renamed, so a run killed at any
moment leaves only whole entries, and the next run redoes only what is
missing. `<code>` fingerprints the extractor's own source and data files: a
new version of the rules never serves records made by the old one.
Each entry carries the SHA-256 of its bytes and names the content hash it is for;
both are checked on load.
Pickle, not JSON: it is several times faster to load, and the cache is private
to this machine's runs (never load a cache folder from someone else).
"""
from __future__ import annotations

import hashlib
import os
import pickle
from functools import lru_cache
from pathlib import Path

from ..tables.atomic import write_atomic
from .worker import Outcome

PKG = Path(__file__).resolve().parent.parent
MAGIC = b"KHC1"  # then the SHA-256 of the pickle, then the pickle


@lru_cache(maxsize=1)
def code_version() -> str:
    h = hashlib.sha256()
    for p in sorted(PKG.rglob("*")):
        if p.suffix in (".py", ".tsv") and "__pycache__" not in p.parts:
            h.update(str(p.relative_to(PKG)).encode())
            h.update(p.read_bytes())
    return h.hexdigest()[:12]


class Cache:
    def __init__(self, root: str):
        self.dir = os.path.join(root, code_version())
        os.makedirs(self.dir, exist_ok=True)

    def _path(self, doc_id: str) -> str:
        return os.path.join(self.dir, f"{doc_id}.pkl")

    def has(self, doc_id: str | None) -> bool:
        return bool(doc_id) and os.path.exists(self._path(doc_id))

    def get(self, doc_id: str | None) -> Outcome | None:
        """The entry for `doc_id`, verified: its checksum, and that it is about that content.
        Anything else (damaged, truncated, another file's outcome) is None: the file is redone."""
        if not doc_id:
            return None
        try:
            with open(self._path(doc_id), "rb") as f:
                blob = f.read()
        except OSError:
            return None
        head, digest, data = blob[:len(MAGIC)], blob[len(MAGIC):len(MAGIC) + 32], blob[len(MAGIC) + 32:]
        if head != MAGIC or hashlib.sha256(data).digest() != digest:
            return None
        try:
            out = pickle.loads(data)
        except Exception:  # noqa: BLE001 - an entry that does not load is a miss, whatever the reason
            return None
        if not isinstance(out, Outcome) or out.doc_id != doc_id:
            return None
        if out.record is not None and out.record.doc_id != doc_id:
            return None
        return out

    def put(self, out: Outcome) -> bool:
        """Store `out` under its content hash; False when it is not for the cache."""
        if not out.doc_id or not out.cacheable:
            return False
        if out.record is not None and out.record.doc_id != out.doc_id:
            return False  # never file a record under another content's hash
        data = pickle.dumps(out, protocol=pickle.HIGHEST_PROTOCOL)
        blob = MAGIC + hashlib.sha256(data).digest() + data
        write_atomic(self._path(out.doc_id), lambda tmp: Path(tmp).write_bytes(blob))
        return True

    def __len__(self) -> int:
        return sum(1 for n in os.listdir(self.dir) if n.endswith(".pkl"))
