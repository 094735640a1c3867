"""The per-file work, the same for the local pool and Dask: a path in, an outcome out.

An outcome is a record or an error row, never an exception, so a batch only
ever sees rows. Limits are set inside the worker process: the memory limit
with RLIMIT_AS (an allocation past it raises MemoryError in Python, which
becomes a row), and a soft time limit with an interval timer (a SIGALRM
raising in the worker's main thread). The supervisor in `pool.py` also kills
a worker that overruns, for code stuck where no signal gets through.
"""
from __future__ import annotations

import os
import resource
import signal
from dataclasses import dataclass

from ..errors import ExtractError
from ..records import PlanRecord


@dataclass
class Outcome:
    """What one file gave: `record`, or `stage` + `reason` for its error row."""

    path: str
    doc_id: str | None
    record: PlanRecord | None = None
    stage: str | None = None
    reason: str | None = None
    restart: bool = False  # the worker's state is suspect (it ran out of memory): replace it
    cacheable: bool = True  # a result of the file's content, the same on every run

    def error_row(self) -> dict:
        return {"file": self.path, "stage": self.stage, "reason": self.reason, "doc_id": self.doc_id}


class _TimeLimit(BaseException):  # not an Exception: no `except Exception` in the pipeline may swallow it
    pass


def _alarm(signum, frame):  # noqa: ARG001
    raise _TimeLimit()


def _address_space() -> int:
    """This process's virtual size in bytes (what RLIMIT_AS counts); 0 when unknown."""
    try:
        with open("/proc/self/statm") as f:
            return int(f.read().split()[0]) * os.sysconf("SC_PAGE_SIZE")
    except (OSError, ValueError):
        return 0


def set_memory_limit(max_memory_mb: int | None) -> None:
    """Let one file take `max_memory_mb` on top of what the worker already maps.

    Called after the pipeline is loaded: libraries and models map hundreds of MB
    of address space (thread arenas, BLAS), which is not the file's doing.
    """
    if max_memory_mb:
        limit = _address_space() + int(max_memory_mb) * 2**20
        _, hard = resource.getrlimit(resource.RLIMIT_AS)
        resource.setrlimit(resource.RLIMIT_AS, (limit, hard if hard != resource.RLIM_INFINITY and hard < limit else limit))


def init_worker(max_memory_mb: int | None = None) -> None:
    """Once per worker process: limits, then the spaCy pipeline (the slow part, ~1 s)."""
    from .. import _nlp

    _nlp()
    set_memory_limit(max_memory_mb)


def process_file(path: str, doc_id: str | None, timeout: float | None = None) -> Outcome:
    """Extract one file under the limits; every failure becomes an error outcome."""
    use_alarm = bool(timeout) and _main_thread()
    if use_alarm:
        old = signal.signal(signal.SIGALRM, _alarm)
        signal.setitimer(signal.ITIMER_REAL, float(timeout))
    try:
        return _extract_stable(path, doc_id)
    except ExtractError as e:
        return Outcome(path, doc_id, stage=e.stage, reason=e.reason)
    except _TimeLimit:
        return Outcome(path, doc_id, stage="limit", reason=f"timed out after {timeout:g} s")
    except MemoryError:
        return Outcome(path, doc_id, stage="limit", reason="memory limit exceeded", restart=True)
    except RecursionError as e:
        return Outcome(path, doc_id, stage="internal", reason=f"RecursionError: {e}")
    except Exception as e:  # a bug we did not foresee: one row, not a dead batch
        return Outcome(path, doc_id, stage="internal", reason=f"{type(e).__name__}: {e}")
    finally:
        if use_alarm:
            signal.setitimer(signal.ITIMER_REAL, 0)
            signal.signal(signal.SIGALRM, old)


READ_TRIES = 3


def _extract_stable(path: str, doc_id: str | None) -> Outcome:
    """Read `path` once (a private copy, hashed as it is copied), extract from that copy, then
    check the file still holds those bytes; a file that changed meanwhile is done again.

    The record, or the error row, is of the bytes whose hash it carries, whatever happens to the
    file. A file replaced while the run works (a sync tool, an editor saving) is redone with its
    new content, up to READ_TRIES times, then reported "changed while read" (not cached).
    """
    from .. import _nlp, extract
    from .snapshot import SnapshotError, snapshot

    for _ in range(READ_TRIES):
        try:
            with snapshot(path) as (copy, read_id):
                try:
                    out = Outcome(path, read_id, record=extract(copy, _nlp(), doc_id=read_id, name=path))
                except ExtractError as e:
                    out = Outcome(path, read_id, stage=e.stage, reason=e.reason)
        except SnapshotError as e:
            return Outcome(path, doc_id, stage="read", reason=str(e), cacheable=False)
        except ExtractError as e:  # could not open it (removed, made unreadable): no fact about any content
            return Outcome(path, doc_id, stage=e.stage, reason=e.reason, cacheable=False)
        now = _hash_or_none(path)
        if now is None:
            return Outcome(path, read_id, stage="read", reason="removed or unreadable while read", cacheable=False)
        if now == read_id:
            return out
    return Outcome(path, doc_id, stage="read", reason=f"changed while read ({READ_TRIES} tries)", cacheable=False)


def _hash_or_none(path: str) -> str | None:
    from ..build import file_hash

    try:
        return file_hash(path)
    except OSError:
        return None


def _main_thread() -> bool:
    import threading

    return threading.current_thread() is threading.main_thread()


def serve(conn, max_memory_mb: int | None, timeout: float | None) -> None:
    """A worker process's loop: (path, doc_id) in, `Outcome` out, until None or EOF.

    The run that started it may be gone (killed, Ctrl-C): its end of the pipe is closed, or the
    interrupt reaches the worker too. Then the worker ends quietly, with no traceback of its own
    (a BrokenPipeError, a KeyboardInterrupt) under the user's one line.
    """
    try:
        _serve(conn, max_memory_mb, timeout)
    except (BrokenPipeError, ConnectionResetError, EOFError, KeyboardInterrupt):
        return


def _serve(conn, max_memory_mb: int | None, timeout: float | None) -> None:
    try:
        init_worker(max_memory_mb)
    except (KeyboardInterrupt, BrokenPipeError):
        raise
    except BaseException as e:  # cannot even load the pipeline: say so once, then stop
        conn.send(("init-failed", f"{type(e).__name__}: {e}"))
        return
    conn.send(("ready", os.getpid()))
    while True:
        task = conn.recv()
        if task is None:
            return
        out = process_file(task[0], task[1], timeout)
        try:
            conn.send(("done", out))
        except MemoryError:
            conn.send(("done", Outcome(out.path, out.doc_id, stage="limit", reason="memory limit exceeded", restart=True)))
        if out.restart:
            return
