"""One read of an input file: its bytes copied to a private file and hashed as they are copied.

The readers then work on the copy, so the record is made from exactly the bytes
whose hash it is filed under. Reading the original twice (once to hash, once to
extract; or sniff, then open again) lets a file replaced in between give the
record of one content under the other's hash, which the cache would serve on
every later run. Copying in chunks keeps memory flat for any file size.
"""
from __future__ import annotations

import hashlib
import os
import shutil
import tempfile
from collections.abc import Iterator
from contextlib import contextmanager

from ..errors import read_error

CHUNK = 1 << 20


class SnapshotError(OSError):
    """The copy could not be written (a full or read-only temp folder): the machine's fault, not the file's."""


@contextmanager
def snapshot(path: str) -> Iterator[tuple[str, str]]:
    """Yield (private copy, content hash of what was read); the copy is removed afterwards."""
    tmp = tempfile.mkdtemp(prefix="kh-read-")
    copy = os.path.join(tmp, "input" + os.path.splitext(path)[1].lower()[:16])
    h = hashlib.sha256()
    try:
        try:
            src = open(path, "rb")
        except OSError as e:
            raise read_error(path, e) from None
        with src:
            try:
                dst = open(copy, "wb")
            except OSError as e:
                raise SnapshotError(f"cannot copy to {tmp}: {e.strerror or e}") from None
            with dst:
                for chunk in iter(lambda: src.read(CHUNK), b""):
                    h.update(chunk)
                    try:
                        dst.write(chunk)
                        dst.flush()
                    except OSError as e:
                        raise SnapshotError(f"cannot copy to {tmp}: {e.strerror or e}") from None
        yield copy, h.hexdigest()[:16]
    finally:
        shutil.rmtree(tmp, ignore_errors=True)
