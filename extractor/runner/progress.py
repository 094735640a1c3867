"""A progress bar on stderr: files/s, ETA, errors so far; silent when not a terminal."""
from __future__ import annotations

import sys


class Progress:
    def __init__(self, total: int, quiet: bool = False, desc: str = "extract"):
        self.errors = 0
        self.bar = None
        if not quiet and sys.stderr.isatty() and total:
            import shutil

            from tqdm import tqdm

            # a terminal that reports no size (0×0, as some ptys do) gets 100×20: tqdm would hide the bar
            size = shutil.get_terminal_size((100, 20))
            self.bar = tqdm(
                total=total, desc=desc, unit="file", file=sys.stderr, ncols=size.columns, nrows=size.lines, smoothing=0.1
            )

    def update(self, error: bool) -> None:
        self.errors += bool(error)
        if self.bar is not None:
            self.bar.set_postfix_str(f"errors={self.errors}", refresh=False)
            self.bar.update(1)

    def close(self) -> None:
        if self.bar is not None:
            self.bar.close()
