"""A progress hook the flow reports to and the CLI listens on (a rich bar); silent by default.

The flow body runs in the caller's process under every task runner, so a module-level listener is
enough: tasks never call it, only the flow as their futures complete.
"""

from __future__ import annotations

from typing import Protocol


class Listener(Protocol):
    def stage(self, name: str, total: int | None = None) -> None: ...

    def advance(self, count: int = 1) -> None: ...


class _Silent:
    def stage(self, name: str, total: int | None = None) -> None:
        pass

    def advance(self, count: int = 1) -> None:
        pass


_listener: Listener = _Silent()


def listen(listener: Listener | None) -> None:
    """Install `listener` (None restores silence)."""
    global _listener
    _listener = listener or _Silent()


def stage(name: str, total: int | None = None) -> None:
    _listener.stage(name, total)


def advance(count: int = 1) -> None:
    _listener.advance(count)


class Stages:
    """Times each stage of a run (wall seconds) and tells the listener which stage is running."""

    def __init__(self) -> None:
        self.seconds: dict[str, float] = {}
        self.peak_mb: dict[str, float] = {}  # peak resident memory of this process when the stage ended

    def __call__(self, name: str, total: int | None = None) -> _Stage:
        return _Stage(self, name, total)


class _Stage:
    def __init__(self, owner: Stages, name: str, total: int | None) -> None:
        self.owner, self.name, self.total = owner, name, total

    def __enter__(self) -> None:
        import time

        stage(self.name, self.total)
        self.started = time.perf_counter()

    def __exit__(self, *exc: object) -> None:
        import resource
        import time

        self.owner.seconds[self.name] = self.owner.seconds.get(self.name, 0.0) + time.perf_counter() - self.started
        self.owner.peak_mb[self.name] = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
