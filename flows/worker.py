"""Run by each worker of the early local Dask cluster as it starts (distributed's `preload`).

Imports what every task needs (Prefect, the flow's tasks and steps, Great Expectations: ~5 s of
CPU) while the flow process is still waiting for Prefect's API server (flows.cluster). At a lower
CPU priority: Prefect's server boots meanwhile (the flow cannot start before it answers), and
during the run the flow process and the server only coordinate, so they should never wait behind
the work.
"""

from __future__ import annotations

import contextlib
import os

NICENESS = 5  # below the flow process and Prefect's server, which the workers otherwise slow down


def dask_setup(worker: object) -> None:
    with contextlib.suppress(OSError):
        os.nice(NICENESS)
    import flows.tasks  # noqa: F401 - Prefect and the steps
    from expectations.runtime import warm

    warm()
