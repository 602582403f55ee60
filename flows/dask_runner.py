"""A DaskTaskRunner that knows how many workers its cluster is starting (flows.cluster).

Imported on the Dask path only (prefect_dask and distributed cost ~1 s to import).
"""

from __future__ import annotations

from typing import Any

from prefect_dask import DaskTaskRunner

from flows.cluster import START_TIMEOUT


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
