"""Run a command in a subprocess and measure it: wall time, exit status, peak RSS of its process tree.

Peak RSS is polled (psutil, every `interval` s) as the sum over the process and all its descendants
(Prefect's temporary API server, Dask's worker processes), and also reported for the largest single
process; the kernel's RUSAGE_CHILDREN maxrss (largest single process ever waited for) is kept beside.
The sum of RSS counts a page shared by several processes once per process: Dask workers forked from
one forkserver share its imports (flows.cluster). So the tree's PSS (each shared page divided among
the processes that map it; Linux) is polled too, every `pss_interval` s (reading it costs ~10 ms
per 600 MB process, too much for every poll): the memory the tree really holds.
"""

from __future__ import annotations

import os
import resource
import subprocess
import threading
import time
from dataclasses import dataclass
from pathlib import Path

import psutil


@dataclass
class ProcResult:
    argv: list[str]
    returncode: int | None  # None: killed after the timeout
    wall: float  # seconds
    peak_tree_mb: float  # max over time of the sum of RSS over the process tree
    peak_single_mb: float  # max RSS of any one process of the tree (polled)
    started_at: float  # time.time() just before the spawn
    log: Path | None = None
    peak_pss_mb: float = float("nan")  # max over time of the sum of PSS over the tree (nan: not on Linux)

    @property
    def ok(self) -> bool:
        return self.returncode is not None and self.returncode in (0, 1)


def _tree_memory(proc: psutil.Process, pss: bool) -> tuple[int, int, int]:
    """(sum of RSS, largest RSS, sum of PSS or 0) over the process and its descendants."""
    total = biggest = proportional = 0
    try:
        members = [proc, *proc.children(recursive=True)]
    except psutil.Error:
        return 0, 0, 0
    for member in members:
        try:
            if pss:
                info = member.memory_full_info()  # /proc/<pid>/smaps_rollup
                proportional += info.pss
            else:
                info = member.memory_info()
        except psutil.Error:
            continue
        total += info.rss
        biggest = max(biggest, info.rss)
    return total, biggest, proportional


def run(
    argv: list[str],
    env: dict[str, str] | None = None,
    cwd: Path | None = None,
    log: Path | None = None,
    timeout: float | None = None,
    interval: float = 0.1,
    pss_interval: float = 1.0,
) -> ProcResult:
    """Run `argv` to completion (stdout and stderr to `log`, or discarded) while polling its memory."""
    sink = open(log, "wb") if log else subprocess.DEVNULL  # noqa: SIM115 - closed below
    peak = {"tree": 0, "single": 0, "pss": 0}
    pss = psutil.LINUX
    started_at = time.time()
    started = time.perf_counter()
    try:
        child = subprocess.Popen(
            argv,
            env={**os.environ, **(env or {})},
            cwd=cwd,
            stdout=sink,
            stderr=subprocess.STDOUT,
            start_new_session=True,
        )
        watched = psutil.Process(child.pid)
        done = threading.Event()

        def poll() -> None:
            last_pss = 0.0
            while not done.is_set():
                now = time.perf_counter()
                with_pss = pss and now - last_pss >= pss_interval
                last_pss = now if with_pss else last_pss
                tree, single, proportional = _tree_memory(watched, with_pss)
                peak["tree"], peak["single"] = max(peak["tree"], tree), max(peak["single"], single)
                peak["pss"] = max(peak["pss"], proportional)
                done.wait(interval)

        poller = threading.Thread(target=poll, daemon=True)
        poller.start()
        try:
            returncode: int | None = child.wait(timeout=timeout)
        except subprocess.TimeoutExpired:
            os.killpg(child.pid, 9)  # our own session: the child and everything it started
            child.wait()
            returncode = None
        wall = time.perf_counter() - started
        done.set()
        poller.join()
    finally:
        if log:
            sink.close()
    return ProcResult(
        list(argv), returncode, wall, peak["tree"] / 2**20, peak["single"] / 2**20, started_at, log,
        peak["pss"] / 2**20 if pss else float("nan"),
    )


def children_maxrss_mb() -> float:
    """Largest RSS of any child process waited for so far (kernel accounting, Linux: KiB)."""
    return resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024
