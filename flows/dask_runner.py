"""A DaskTaskRunner on the early local cluster (flows.cluster) that knows how many workers it is starting.

Imported on the Dask path only (prefect_dask and distributed cost ~1 s to import). Depends on
flows.cluster, never the other way round.
"""

from __future__ import annotations

from typing import Any

from prefect_dask import DaskTaskRunner

from flows.cluster import START_TIMEOUT, EarlyCluster


class WorkersMissing(RuntimeError):
    """The cluster's workers did not all start (one line)."""


class LocalClusterRunner(DaskTaskRunner):
    """Connects to the early local cluster; `wait_for_workers` blocks until `expected_workers` are up."""

    def __init__(self, *args: Any, expected_workers: int = 0, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.expected_workers = expected_workers

    def duplicate(self) -> LocalClusterRunner:
        copy = super().duplicate()
        copy.expected_workers = self.expected_workers
        return copy

    def wait_for_workers(self, timeout: float = START_TIMEOUT) -> None:
        try:
            self.client.wait_for_workers(self.expected_workers, timeout=timeout)
        except TimeoutError:
            raise WorkersMissing(f"the local Dask workers did not all start within {timeout:.0f} s") from None


def on_early_cluster(early: EarlyCluster, timeout: float = START_TIMEOUT) -> LocalClusterRunner:
    """A task runner on the early cluster that waits for its workers when the flow first asks for
    them; ClusterError when the cluster did not start."""
    return LocalClusterRunner(address=early.address(timeout), expected_workers=early.workers)
