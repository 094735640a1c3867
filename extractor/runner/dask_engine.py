"""The same per-file work on a dask.distributed cluster.

Each task is `worker.process_file(path, doc_id)`; a Dask worker process builds
the spaCy pipeline once (`extractor._nlp` is cached per process) and reuses it.
Results come back to this process, which caches and merges them exactly as a
local run does, so the tables are the same. Workers must have kh-extract
installed and see the files at the same paths (a shared or copied folder).

Limits: a Dask task cannot be interrupted from outside, so the per-file time
limit is the worker's soft timer only when the task runs on the worker's main
thread (it does not by default): give workers `--memory-limit` (the nanny
restarts a worker past it) and `--resources` as usual. A task whose worker
died (more than `distributed.scheduler.allowed-failures` times) is an error
row, and the run goes on.
"""
from __future__ import annotations

from collections.abc import Callable

from .worker import Outcome, process_file


def _task(path: str, doc_id: str | None, timeout: float | None) -> Outcome:
    return process_file(path, doc_id, timeout)


def run_dask(
    todo: list[tuple[str, str | None]],
    done: Callable[[Outcome], None],
    scheduler: str | None,
    timeout: float | None = None,
    client=None,
) -> None:
    """Submit every file to the cluster at `scheduler` (a `Client` may be passed instead)."""
    if not todo:
        return
    from distributed import Client, as_completed

    own = client is None
    if own:
        client = Client(scheduler) if scheduler else Client(processes=True)
    try:
        futures = {}
        for path, doc_id in todo:
            fut = client.submit(_task, path, doc_id, timeout, pure=False, key=f"kh-extract-{doc_id}-{abs(hash(path))}")
            futures[fut] = (path, doc_id)
        for fut in as_completed(futures):
            path, doc_id = futures[fut]
            try:
                out = fut.result()
            except Exception as e:  # the worker died under it, or the cluster lost it
                out = Outcome(path, doc_id, stage="limit", reason=f"dask task failed: {type(e).__name__}: {e}", cacheable=False)
            done(out)
            fut.release()
    finally:
        if own:
            client.close()
