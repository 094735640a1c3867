"""One error type for the whole pipeline, so a batch can turn any failure into a row."""
from __future__ import annotations


class ExtractError(Exception):
    """A file could not go through a stage. `stage` and `reason` become the error row."""

    def __init__(self, path: str, stage: str, reason: str):
        super().__init__(f"{path}: {stage}: {reason}")
        self.path = path
        self.stage = stage
        self.reason = reason


def read_error(path: str, e: OSError) -> ExtractError:
    """The error row for a file that could not be opened or read, worded for the user."""
    if isinstance(e, IsADirectoryError):
        reason = "is a directory"
    elif isinstance(e, FileNotFoundError):
        reason = "no such file"
    elif isinstance(e, PermissionError):
        reason = "permission denied"
    else:
        reason = f"cannot read: {e.strerror or e}"
    return ExtractError(path, "read", reason)
