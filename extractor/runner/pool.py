"""A pool of worker processes that survives its workers.

Why not `concurrent.futures.ProcessPoolExecutor`: it cannot stop one running
task (a file stuck in C code holds its worker forever), and a worker killed by
the kernel breaks the whole executor and every pending future with it. Here
each worker has its own pipe and gets one file at a time, so the supervisor
knows which file each worker holds: one that overruns its time limit is
killed and replaced, one that dies is replaced, and that file, and only it,
becomes an error row.

Workers are started with "spawn" (no forked copy of the parent's threads or
locks) and build the spaCy pipeline once each (`worker.init_worker`).
"""
from __future__ import annotations

import multiprocessing as mp
import time
from collections import deque
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from multiprocessing.connection import wait

from .worker import Outcome, serve

GRACE_S = 5.0  # beyond the worker's own soft limit, before the supervisor kills it


@dataclass
class _Slot:
    proc: mp.Process
    conn: object
    ready: bool = False
    task: tuple[str, str | None] | None = None
    started: float = 0.0
    pid: int | None = None
    tasks_done: int = 0
    retired: bool = False  # sent home: nothing more to do


@dataclass
class PoolStats:
    restarts: int = 0
    pids: list[int] = field(default_factory=list)


class WorkerPool:
    def __init__(self, workers: int, timeout: float | None = None, max_memory_mb: int | None = None):
        self.n = max(1, workers)
        self.timeout = timeout
        self.max_memory_mb = max_memory_mb
        self.ctx = mp.get_context("spawn")
        self.slots: list[_Slot] = []
        self.stats = PoolStats()
        self.start_failures = 0

    def _start(self) -> _Slot:
        parent, child = self.ctx.Pipe()
        p = self.ctx.Process(target=serve, args=(child, self.max_memory_mb, self.timeout), daemon=True)
        p.start()
        child.close()
        return _Slot(p, parent)

    def _stop(self, s: _Slot, kill: bool = False) -> None:
        if kill and s.proc.is_alive():
            s.proc.kill()
        s.proc.join(timeout=5)
        if s.proc.is_alive():
            s.proc.kill()
            s.proc.join()
        s.conn.close()

    def _replace(self, i: int, kill: bool) -> None:
        self._stop(self.slots[i], kill=kill)
        self.slots[i] = self._start()
        self.stats.restarts += 1

    def map(self, tasks: Iterable[tuple[str, str | None]], on_result: Callable[[Outcome], None]) -> None:
        """Run every (path, doc_id) task; `on_result` gets each outcome as it arrives."""
        todo = deque(tasks)
        if not todo:
            return
        n = min(self.n, len(todo))
        self.slots = [self._start() for _ in range(n)]
        busy = 0
        try:
            while todo or busy:
                for s in self.slots:  # hand out work to idle, ready workers
                    if s.ready and s.task is None and todo:
                        s.task, s.started = todo.popleft(), time.monotonic()
                        s.conn.send(s.task)
                        busy += 1
                if not todo:  # let idle workers go home early
                    for s in self.slots:
                        if s.ready and s.task is None and not s.retired:
                            s.conn.send(None)
                            s.retired = True
                if not busy and not todo:
                    break
                live = [s for s in self.slots if not s.retired]
                ready = wait([s.conn for s in live] + [s.proc.sentinel for s in live], timeout=self._next_deadline())
                for i, s in enumerate(list(self.slots)):
                    if not s.retired and (s.conn in ready or s.proc.sentinel in ready):
                        busy -= self._on_ready(i, on_result)
                busy -= self._check_deadlines(on_result)
        finally:
            for s in self.slots:
                self._stop(s, kill=True)

    def _on_ready(self, i: int, on_result) -> int:
        s = self.slots[i]
        try:
            if not s.conn.poll():
                raise EOFError
            kind, payload = s.conn.recv()
        except (EOFError, OSError):
            code = s.proc.exitcode if not s.proc.is_alive() else None
            if not s.ready:  # died while starting: do not restart it forever
                self.start_failures += 1
                if self.start_failures >= 3:
                    raise RuntimeError(f"worker processes could not start (exit code {code})") from None
            done = 0
            if s.task is not None:
                reason = "worker died (memory limit exceeded or crash" + (f", exit code {code})" if code is not None else ")")
                on_result(Outcome(s.task[0], s.task[1], stage="limit", reason=reason, cacheable=False))
                done = 1
            self._replace(i, kill=True)
            return done
        if kind == "ready":
            s.ready, s.pid = True, payload
            self.stats.pids.append(payload)
            return 0
        if kind == "init-failed":
            raise RuntimeError(f"worker could not start: {payload}")
        s.task = None
        s.tasks_done += 1
        on_result(payload)
        if payload.restart:
            self._replace(i, kill=False)
        return 1

    def _next_deadline(self) -> float | None:
        if not self.timeout:
            return None
        now = time.monotonic()
        left = [s.started + self.timeout + GRACE_S - now for s in self.slots if s.task is not None]
        return max(0.05, min(left)) if left else None

    def _check_deadlines(self, on_result) -> int:
        if not self.timeout:
            return 0
        done = 0
        now = time.monotonic()
        for i, s in enumerate(self.slots):
            if s.task is not None and now - s.started > self.timeout + GRACE_S:
                on_result(Outcome(s.task[0], s.task[1], stage="limit", reason=f"timed out after {self.timeout:g} s"))
                self._replace(i, kill=True)
                done += 1
        return done
