"""Run the annual flow from the command line: quiet Prefect, pick the task runner, show progress.

Prefect reads its settings when first imported, so `configure_environment` must run before any
`import prefect`. Defaults (each can be overridden by setting the variable yourself):
- no PREFECT_API_URL: a temporary local API for the run (no server needed), started before Prefect
  is imported so that it boots while we import (flows.api_server);
- PREFECT_HOME: Prefect's own default, ~/.prefect (its SQLite database and settings live there);
- PREFECT_SERVER_ANALYTICS_ENABLED=false: the telemetry heartbeat is what logs "database is locked";
- PREFECT_LOGGING_LEVEL=WARNING and the temporary server's own logs at CRITICAL, so a healthy run
  prints the progress bar and the summary only; `--verbose` shows everything.
"""

from __future__ import annotations

import contextlib
import importlib
import logging
import os
import sys
import time
from collections.abc import Callable, Iterator
from pathlib import Path
from urllib.parse import urlparse

from flows.cluster import ClusterError, EarlyCluster

QUIET_ENV = {
    "PREFECT_LOGGING_LEVEL": "WARNING",
    "PREFECT_SERVER_LOGGING_LEVEL": "CRITICAL",
    "PREFECT_INTERNAL_LOGGING_LEVEL": "CRITICAL",
    "DASK_LOGGING__DISTRIBUTED": "error",
}
ALWAYS_ENV = {
    "PREFECT_SERVER_ANALYTICS_ENABLED": "false",
    "PREFECT_SERVER_EPHEMERAL_STARTUP_TIMEOUT_SECONDS": "120",  # 2 busy cores: start-up can take 20 s+
}
# Shutdown chatter from Prefect's background services: not errors of the run.
NOISE = ("database is locked", "CancelledError", "Error flushing", "send_telemetry_heartbeat",
         "Stopping temporary server")


LOOPBACK = ("127.0.0.1", "localhost", "::1")


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
    # the API database's connection pool reports a cancelled rollback when the temporary server stops
    # under load (`Exception during reset or similar` … CancelledError): shutdown, not the run's error
    logging.getLogger("sqlalchemy.pool").setLevel(logging.CRITICAL)


class _RichListener:
    """Shows the run's stages (flows.summary) on a rich progress bar (stderr)."""

    def __init__(self, bar) -> None:
        self.bar = bar
        self.task = bar.add_task("starting Prefect", total=None)

    def stage(self, name: str, total: int | None = None) -> None:
        self.bar.remove_task(self.task)
        self.task = self.bar.add_task(name, total=total)

    def advance(self, count: int = 1) -> None:
        self.bar.advance(self.task, count)

    def reach(self, done: int) -> None:
        self.bar.update(self.task, completed=done)


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

    from flows import summary as progress

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

    from flows.cluster import cluster_options

    if address:
        return DaskTaskRunner(address=address)
    return DaskTaskRunner(cluster_kwargs=cluster_options(workers))


@contextlib.contextmanager
def shared_temporary_api(replace: bool = False) -> Iterator[None]:
    """Start Prefect's temporary API now and make its URL the setting, so Dask workers report to it.

    Without this each worker process, finding no API URL in the settings the flow sends along with
    each task, starts a temporary server of its own (5-10 s of CPU each, SQLite lock contention on
    the same PREFECT_HOME). The flow reuses the same server: Prefect keeps one per process.
    `replace`: start one even though a URL is set (the early server's, when it failed to come up).
    """
    from prefect.server.api.server import SubprocessASGIServer
    from prefect.settings import PREFECT_API_URL, get_current_settings, temporary_settings

    if get_current_settings().api.url and not replace:
        yield
        return
    server = SubprocessASGIServer()
    server.start(timeout=_startup_timeout())
    with temporary_settings(updates={PREFECT_API_URL: server.api_url}):
        yield


def _startup_timeout() -> int:
    return int(os.environ.get("PREFECT_SERVER_EPHEMERAL_STARTUP_TIMEOUT_SECONDS", "120"))


@contextlib.contextmanager
def prefect_api(also_import: tuple[str, ...] = (), gx: bool = True,
                beside: Callable[[], None] | None = None) -> Iterator[None]:
    """Prefect imported and an API to talk to, with the temporary server booted as early as possible.

    When Prefect would start a temporary server (no PREFECT_API_URL anywhere) and is not imported
    yet, flows.api_server starts it first and Prefect, the flow and (`gx`) Great Expectations are
    imported while it boots (benchmarks/findings.md: -5..10 s on a cold run); `beside` is called
    once the server is spawned (and its URL exported), e.g. to start the Dask workers. If that
    server does not come up, Prefect's own temporary server is used instead, as before; the run
    never depends on the trick.
    """
    from flows import api_server

    server = api_server.start()
    if beside is not None:
        beside()
    try:
        import flows.annual  # noqa: F401 - Prefect and the flow, while the server boots

        if server is None:
            yield
            return
        if gx:
            from expectations.runtime import warm

            warm()  # Great Expectations' import (~3 s), also while the server boots
        for module in also_import:
            importlib.import_module(module)
        try:
            server.wait(timeout=_startup_timeout())
        except api_server.ServerError as error:
            print(f"duixian: note: {error}; starting Prefect's own temporary server instead", file=sys.stderr)
            api_server.forget(server)
            server = None
            with shared_temporary_api(replace=True):
                yield
            return
        yield
    finally:
        if server is not None:
            api_server.forget(server)


def run(raw: str, out: str, task_runner: str = "default", dask_address: str | None = None,
        cache_dir: str | None = None, dask_workers: int = 2, force: bool = False) -> dict:
    """Run the annual flow and return its summary dict (see flows.summary.RunSummary).

    When the site in `out` was built from exactly these inputs and this code, nothing is redone and
    Prefect is not started: the previous summary comes back with `unchanged` set (`force` rebuilds).
    """
    from flows.publish import PublishError, SiteBuild

    if not Path(raw).is_dir():
        raise RunError(f"{raw}: no such folder; pass --raw with the folder that holds <region>/<year>.<ext>")
    try:
        SiteBuild.check(out)
    except PublishError as error:
        raise RunError(str(error)) from None
    if dask_address and task_runner != "dask":
        raise RunError("--dask-address needs --task-runner dask")
    if not force:
        previous = _unchanged_summary(raw, out)
        if previous is not None:
            return previous
    dask = task_runner == "dask"
    early = EarlyCluster(dask_workers) if dask and not dask_address else None
    try:
        # Under Dask, Great Expectations runs on the workers only (steps.parts): not imported here.
        with prefect_api(also_import=("prefect_dask",) if dask else (), gx=not dask,
                         beside=early.start if early else None):
            from flows.annual import annual_run

            runner = _early_runner(early) or make_task_runner(task_runner, dask_address, dask_workers)
            silence_noise()
            if runner is None:
                return annual_run(raw=raw, out=out, cache_dir=cache_dir)
            flow = annual_run.with_options(task_runner=runner)
            if dask_address and urlparse(dask_address).hostname not in LOOPBACK:
                _note_remote_workers()
                return flow(raw=raw, out=out, cache_dir=cache_dir)
            with shared_temporary_api():
                return flow(raw=raw, out=out, cache_dir=cache_dir)
    finally:
        if early is not None:
            early.close()


def _early_runner(early: EarlyCluster | None):
    """A task runner on the early cluster; None (the task runner starts its own) when there is none
    or it failed, with a note."""
    if early is None:
        return None
    try:
        from flows.dask_runner import on_early_cluster

        return on_early_cluster(early)
    except ClusterError as error:
        print(f"duixian: note: {error}; starting one with the flow instead", file=sys.stderr)
        return None


def _unchanged_summary(raw: str, out: str) -> dict | None:
    from duixian.version import code_version
    from steps.fingerprint import default_overrides, input_fingerprint, previous_summary

    started = time.perf_counter()
    # no site stamped yet (a first run): nothing to compare, so no file is read for the hash
    previous = previous_summary(out, lambda: input_fingerprint(raw, default_overrides(raw), code_version()))
    if previous is None:
        return None
    found = previous.get("reports_read", 0)
    return {**previous, "raw": raw, "out": str(Path(out).absolute()), "unchanged": True, "from_cache": found,
            "elapsed": time.perf_counter() - started, "timings": {}, "inner": {}, "peak_mb": {}}


def _note_remote_workers() -> None:
    from prefect.settings import get_current_settings

    url = get_current_settings().api.url
    if not url or urlparse(url).hostname in LOOPBACK:
        print("duixian: note: workers on other machines cannot reach the temporary Prefect API of this run; "
              "set PREFECT_API_URL to a server they can reach to record their task runs there", file=sys.stderr)
