"""Run a command in a subprocess and measure it: wall time, exit status, peak RSS of its process tree.

Peak RSS is polled (psutil, every `interval` s) as the sum over the process and all its descendants
(Prefect's temporary API server, Dask's worker processes), and also reported for the largest single
process; the kernel's RUSAGE_CHILDREN maxrss (largest single process ever waited for) is kept beside.
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

    @property
    def ok(self) -> bool:
        return self.returncode is not None and self.returncode in (0, 1)


def _tree_rss(proc: psutil.Process) -> tuple[int, int]:
    total = biggest = 0
    try:
        members = [proc, *proc.children(recursive=True)]
    except psutil.Error:
        return 0, 0
    for member in members:
        try:
            rss = member.memory_info().rss
        except psutil.Error:
            continue
        total += rss
        biggest = max(biggest, rss)
    return total, biggest


def run(
    argv: list[str],
    env: dict[str, str] | None = None,
    cwd: Path | None = None,
    log: Path | None = None,
    timeout: float | None = None,
    interval: float = 0.1,
) -> ProcResult:
    """Run `argv` to completion (stdout and stderr to `log`, or discarded) while polling its memory."""
    sink = open(log, "wb") if log else subprocess.DEVNULL  # noqa: SIM115 - closed below
    peak = {"tree": 0, "single": 0}
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
            while not done.is_set():
                tree, single = _tree_rss(watched)
                peak["tree"], peak["single"] = max(peak["tree"], tree), max(peak["single"], single)
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
        list(argv), returncode, wall, peak["tree"] / 2**20, peak["single"] / 2**20, started_at, log
    )


def children_maxrss_mb() -> float:
    """Largest RSS of any child process waited for so far (kernel accounting, Linux: KiB)."""
    return resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024
