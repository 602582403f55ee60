"""Run the annual flow from the command line: quiet Prefect, pick the task runner, show progress.

Prefect reads its settings when first imported, so `configure_environment` must run before any
`import prefect`. Defaults (each can be overridden by setting the variable yourself):
- no PREFECT_API_URL: Prefect starts a temporary local API for the run (no server needed);
- PREFECT_HOME: Prefect's own default, ~/.prefect (its SQLite database and settings live there);
- PREFECT_SERVER_ANALYTICS_ENABLED=false: the telemetry heartbeat is what logs "database is locked";
- PREFECT_LOGGING_LEVEL=WARNING and the temporary server's own logs at CRITICAL, so a healthy run
  prints the progress bar and the summary only; `--verbose` shows everything.
"""

from __future__ import annotations

import contextlib
import logging
import os
from collections.abc import Iterator

QUIET_ENV = {
    "PREFECT_LOGGING_LEVEL": "WARNING",
    "PREFECT_SERVER_LOGGING_LEVEL": "CRITICAL",
    "PREFECT_LOGGING_INTERNAL_LEVEL": "CRITICAL",
    "DASK_LOGGING__DISTRIBUTED": "error",
}
ALWAYS_ENV = {
    "PREFECT_SERVER_ANALYTICS_ENABLED": "false",
    "PREFECT_SERVER_EPHEMERAL_STARTUP_TIMEOUT_SECONDS": "120",  # 2 busy cores: start-up can take 20 s+
}
# Shutdown chatter from Prefect's background services: not errors of the run.
NOISE = ("database is locked", "CancelledError", "Error flushing", "send_telemetry_heartbeat",
         "Stopping temporary server")


class RunError(Exception):
    """The run could not start (bad arguments, unsafe --out). One line."""


def configure_environment(verbose: bool = False) -> None:
    """Set Prefect's environment before it is imported (never overriding what the user set)."""
    for key, value in {**ALWAYS_ENV, **({} if verbose else QUIET_ENV)}.items():
        os.environ.setdefault(key, value)


class _DropNoise(logging.Filter):
    def filter(self, record: logging.LogRecord) -> bool:
        text = record.getMessage()
        if record.exc_info and record.exc_info[0] is not None:
            text += record.exc_info[0].__name__
        return not any(marker in text for marker in NOISE)


def silence_noise() -> None:
    """Filter the known shutdown noise on every handler Prefect configured."""
    noise = _DropNoise()
    loggers = [logging.getLogger()] + [
        logger for logger in logging.Logger.manager.loggerDict.values() if isinstance(logger, logging.Logger)
    ]
    for logger in loggers:
        for handler in logger.handlers:
            if not any(isinstance(f, _DropNoise) for f in handler.filters):
                handler.addFilter(noise)


class _RichListener:
    """Shows flows.progress stages on a rich progress bar (stderr)."""

    def __init__(self, bar) -> None:
        self.bar = bar
        self.task = bar.add_task("starting Prefect", total=None)

    def stage(self, name: str, total: int | None = None) -> None:
        self.bar.remove_task(self.task)
        self.task = self.bar.add_task(name, total=total)

    def advance(self, count: int = 1) -> None:
        self.bar.advance(self.task, count)


@contextlib.contextmanager
def progress_display(enabled: bool = True) -> Iterator[None]:
    """A progress bar on stderr while the flow runs (nothing when disabled)."""
    if not enabled:
        yield
        return
    from rich.console import Console
    from rich.progress import (
        BarColumn,
        MofNCompleteColumn,
        Progress,
        SpinnerColumn,
        TextColumn,
        TimeElapsedColumn,
    )
    from rich.text import Text

    from flows import progress

    class Count(MofNCompleteColumn):
        def render(self, task):  # "3/9" for counted stages, nothing for the others
            return super().render(task) if task.total is not None else Text("")

    columns = (SpinnerColumn(), TextColumn("{task.description:<17}"), BarColumn(), Count(), TimeElapsedColumn())
    with Progress(*columns, console=Console(stderr=True), transient=True) as bar:
        progress.listen(_RichListener(bar))
        try:
            yield
        finally:
            progress.listen(None)


def make_task_runner(kind: str, address: str | None = None, workers: int = 2):
    """None for Prefect's default (threads); a DaskTaskRunner for `dask` (LocalCluster unless `address`)."""
    if kind == "default":
        if address:
            raise RunError("--dask-address needs --task-runner dask")
        return None
    from prefect_dask import DaskTaskRunner

    if address:
        return DaskTaskRunner(address=address)
    return DaskTaskRunner(cluster_kwargs={"n_workers": workers, "threads_per_worker": 1,
                                          "processes": True, "dashboard_address": "127.0.0.1:0", "host": "127.0.0.1"})


def run(raw: str, out: str, task_runner: str = "default", dask_address: str | None = None,
        cache_dir: str | None = None, dask_workers: int = 2) -> dict:
    """Run the annual flow and return its summary dict (see flows.summary.RunSummary)."""
    from flows.publish import PublishError, SiteBuild

    try:
        SiteBuild.check(out)
    except PublishError as error:
        raise RunError(str(error)) from None
    runner = make_task_runner(task_runner, dask_address, dask_workers)
    from flows.annual import annual_run

    silence_noise()
    flow = annual_run.with_options(task_runner=runner) if runner is not None else annual_run
    return flow(raw=raw, out=out, cache_dir=cache_dir)
