"""The local Dask cluster of `--task-runner dask`, started in a thread while Prefect's API server boots.

Why: Prefect's DaskTaskRunner starts its LocalCluster when the flow begins, once Prefect, the flow
and the server are up; each worker then imports Prefect, the tasks and Great Expectations (~5-7 s
of CPU) before its first task, while the flow waits. Started beside the server's boot instead, the
workers are ready when the flow needs them. On Linux the workers are forked from a forkserver that
imported all that once (flows.worker), instead of each worker spawned and importing it again: on
two cores those imports competed with the server's boot and each other (benchmarks/findings.md).
If the cluster does not come up, the run goes on with the DaskTaskRunner's own cluster, as before.
"""

from __future__ import annotations

import multiprocessing
import sys
import threading
from typing import Any

WORKER_PRELOAD = "flows.worker"
START_TIMEOUT = 120.0  # seconds; two busy cores can take 20 s+ to spawn and import


def fork_workers_from_server() -> bool:
    """Make distributed start worker processes from a forkserver that preloads flows.worker (on
    Linux; elsewhere they are spawned, as before: macOS's system libraries are not safe to use in
    a forked child). True when it will. Process-wide, and meant for the processes that start our
    local clusters (the `duixian` CLI)."""
    if not sys.platform.startswith("linux") or "forkserver" not in multiprocessing.get_all_start_methods():
        return False
    import dask
    from distributed.utils import get_mp_context

    dask.config.set({"distributed.worker.multiprocessing-method": "forkserver"})
    # distributed's own preload (itself and its dependencies), then the tasks' imports. The
    # forkserver starts with the first worker, so this holds for every cluster after it.
    get_mp_context().set_forkserver_preload(["distributed", WORKER_PRELOAD])
    return True


class ClusterError(Exception):
    """The early cluster did not start (one line; the caller falls back to the task runner's own)."""


def cluster_options(workers: int) -> dict[str, Any]:
    """LocalCluster options: worker processes of one thread each (the tasks are CPU-bound Python),
    on this machine only, dashboard on a free port."""
    return {"n_workers": workers, "threads_per_worker": 1, "processes": True,
            "dashboard_address": "127.0.0.1:0", "host": "127.0.0.1"}


class EarlyCluster:
    """`start()` spawns the cluster in a thread; `address()` waits for it; `close()` stops it.
    (flows.dask_runner.on_early_cluster makes the task runner on it.)"""

    def __init__(self, workers: int) -> None:
        self.workers = workers
        self.cluster: Any = None
        self.error: BaseException | None = None
        self._thread = threading.Thread(target=self._start, name="duixian-early-cluster", daemon=True)

    def start(self) -> None:
        self._thread.start()

    def _start(self) -> None:
        try:
            from distributed import LocalCluster

            fork_workers_from_server()
            options = {**cluster_options(self.workers), "n_workers": 0}  # the scheduler, now
            self.cluster = LocalCluster(**options, preload=[WORKER_PRELOAD])
            self.cluster.scale(self.workers)  # the workers, in the background
        except BaseException as error:  # noqa: BLE001 - reported by address(), the run falls back
            self.error = error

    def address(self, timeout: float = START_TIMEOUT) -> str:
        """The scheduler's address (its workers may still be starting); ClusterError if it failed."""
        self._thread.join(timeout)
        if self.cluster is None:
            reason = f"{type(self.error).__name__}: {self.error}" if self.error else f"not up within {timeout:.0f} s"
            raise ClusterError(f"the local Dask cluster did not start ({reason})")
        return self.cluster.scheduler_address

    def close(self) -> None:
        """Stop the workers and the scheduler (after the flow has let go of them)."""
        if self._thread.ident is not None:  # started
            self._thread.join()
        if self.cluster is not None:
            self.cluster.close()
            self.cluster = None
