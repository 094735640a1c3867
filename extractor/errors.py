"""One error type for the whole pipeline, so a batch can turn any failure into a row."""
from __future__ import annotations


class ExtractError(Exception):
    """A file could not go through a stage. `stage` and `reason` become the error row."""

    def __init__(self, path: str, stage: str, reason: str):
        super().__init__(f"{path}: {stage}: {reason}")
        self.path = path
        self.stage = stage
        self.reason = reason
