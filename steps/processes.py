"""Worker processes for the CPU-bound steps of a large part run in the flow's own process, and
memory handed back to the system between steps.

Why: the default task runner runs its tasks as threads of the flow's process, and extraction and
page rendering are pure Python, so the GIL keeps them on one core. A pool of processes started by
a fork server (clean processes, not forks of this one and its threads) gives them the other cores;
the server imports the steps once (`preload`) and is stopped with the pool, so it does not hold its
memory for the rest of the run. Under Dask the worker processes are the parallelism instead.
"""

from __future__ import annotations

import functools
import os
from collections.abc import Iterator
from concurrent.futures import ProcessPoolExecutor
from contextlib import contextmanager


def cores() -> int:
    """The cores this process may run on (its CPU affinity, e.g. a container's share)."""
    try:
        return max(1, len(os.sched_getaffinity(0)))
    except AttributeError:  # not on Linux
        return max(1, os.cpu_count() or 1)


@contextmanager
def pool(processes: int, preload: list[str]) -> Iterator[ProcessPoolExecutor]:
    """A pool of `processes` fork-server processes with the `preload` modules imported; the fork
    server is stopped when the pool is done, unless it was running before (someone else's)."""
    import multiprocessing
    from multiprocessing import forkserver

    server = getattr(forkserver, "_forkserver", None)
    ours = getattr(server, "_forkserver_pid", 0) is None  # not started yet: this pool starts it
    context = multiprocessing.get_context("forkserver")
    context.set_forkserver_preload(preload)
    try:
        with ProcessPoolExecutor(processes, mp_context=context) as executor:
            yield executor
    finally:
        if ours:
            _stop(server)


def _stop(server: object) -> None:
    """multiprocessing keeps its fork server for a next pool: stopped, it does not hold its ~25 MB
    for the rest of the run (a next pool starts it again). `_stop` is the method CPython's own tests
    stop it with; where it is missing, the server stays."""
    stop = getattr(server, "_stop", None)
    if stop is not None:
        stop()


def give_back_memory() -> None:
    """Collect garbage and hand the freed heap back to the system (glibc's malloc_trim; a no-op
    elsewhere) and pyarrow's (pandas' strings live in its own pool, which keeps what it freed:
    ~120 MB after validating 3,000 reports): without it the process keeps the peak of a step's
    temporary frames for the rest of the run, on top of what the next step needs (as Dask's nanny
    does for its workers)."""
    import gc
    import sys

    gc.collect()
    arrow = sys.modules.get("pyarrow")  # only if something imported it: nothing of it to give back otherwise
    if arrow is not None:
        arrow.default_memory_pool().release_unused()
    trim = _malloc_trim()
    if trim is not None:
        trim(0)


@functools.cache
def _malloc_trim():
    """glibc's malloc_trim, looked up once (find_library runs ldconfig); None without glibc."""
    import ctypes
    import ctypes.util

    try:
        return ctypes.CDLL(ctypes.util.find_library("c")).malloc_trim
    except (OSError, AttributeError, TypeError):  # no glibc: the freed memory stays with the process
        return None
