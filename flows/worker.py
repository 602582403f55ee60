"""What each worker of the early local Dask cluster loads before its first task (flows.cluster).

Imported once by the forkserver the workers are forked from (so two workers pay the ~5-7 s of
CPU of importing Prefect, the flow's tasks and Great Expectations once, not each), or by each
worker as it starts where there is no forkserver (distributed's `preload`, which then also calls
`dask_setup`). At a lower CPU priority: Prefect's server boots meanwhile (the flow cannot start
before it answers), and during the run the flow process and the server only coordinate, so they
should never wait behind the work.
"""

from __future__ import annotations

import contextlib
import os

NICENESS = 5  # below the flow process and Prefect's server, which the workers otherwise slow down


def lower_priority() -> None:
    """Niceness NICENESS (not NICENESS more: a forked worker inherits its forkserver's)."""
    with contextlib.suppress(OSError):
        os.nice(max(0, NICENESS - os.nice(0)))


def load() -> None:
    """Import what every task needs. Never raises: a worker that could not preload imports on its
    first task instead (and a forkserver whose preload raised would start no worker at all)."""
    with contextlib.suppress(Exception):
        import flows.tasks  # noqa: F401 - Prefect and the steps
        from expectations.runtime import warm

        warm()


def dask_setup(worker: object) -> None:
    lower_priority()


lower_priority()
load()
