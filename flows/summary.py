"""What a run tells its operator: progress while it runs, then the summary, its exit status and timings.

Progress: the flow (and, under the thread runner, a task in the flow's process) reports to one
listener that the CLI installs (a rich bar); silent otherwise, and in a Dask worker, where no one
listens. That listener is the only state kept at module level: it is display only and never read
back. Timings travel with results: each task returns the seconds spent inside its function and the
flow adds them up in its own `Stages` (flows.tasks); the summary and `make bench` show them.
"""

from __future__ import annotations

import resource
import time
from collections import Counter
from dataclasses import asdict, dataclass, field
from typing import Protocol

EXIT_OK, EXIT_PROBLEMS, EXIT_NOTHING = 0, 1, 2


class Listener(Protocol):
    def stage(self, name: str, total: int | None = None) -> None: ...

    def advance(self, count: int = 1) -> None: ...

    def reach(self, done: int) -> None: ...


class _Silent:
    def stage(self, name: str, total: int | None = None) -> None:
        pass

    def advance(self, count: int = 1) -> None:
        pass

    def reach(self, done: int) -> None:
        pass


_listener: Listener = _Silent()


def listen(listener: Listener | None) -> None:
    """Install `listener` (None restores silence)."""
    global _listener
    _listener = listener or _Silent()


def advance(count: int = 1) -> None:
    """`count` more items of the current stage done (called from tasks in this process too)."""
    _listener.advance(count)


def reach(done: int) -> None:
    """`done` items of the current stage done in all (as parts finish, whichever process ran them)."""
    _listener.reach(done)


class Stages:
    """Times each stage of a run (wall seconds), tells the listener which stage is running, and adds
    up the seconds the tasks report from inside their functions (`inner`)."""

    def __init__(self) -> None:
        self.seconds: dict[str, float] = {}
        self.peak_mb: dict[str, float] = {}  # peak resident memory of this process when the stage ended
        self.inner: Counter = Counter()  # step -> seconds inside the task functions

    def __call__(self, name: str, total: int | None = None) -> _Stage:
        return _Stage(self, name, total)

    def took(self, name: str, timed: tuple):
        """The value of a task's (value, seconds) result, its seconds added to `inner[name]`."""
        value, seconds = timed
        self.inner[name] += seconds
        return value


class _Stage:
    def __init__(self, owner: Stages, name: str, total: int | None) -> None:
        self.owner, self.name, self.total = owner, name, total

    def __enter__(self) -> None:
        _listener.stage(self.name, self.total)
        self.started = time.perf_counter()

    def __exit__(self, *exc: object) -> None:
        self.owner.seconds[self.name] = self.owner.seconds.get(self.name, 0.0) + time.perf_counter() - self.started
        self.owner.peak_mb[self.name] = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


@dataclass
class RunSummary:
    raw: str
    out: str
    code_version: str
    reports_found: int = 0
    reports_read: int = 0
    from_cache: int = 0
    records: int = 0
    quarantined: int = 0
    targets: dict[str, int] = field(default_factory=dict)  # status -> count
    problems: list[dict] = field(default_factory=list)  # file, reason, action, stage
    produced: bool = False
    elapsed: float = 0.0
    timings: dict[str, float] = field(default_factory=dict)  # stage -> seconds (wall, in the flow)
    inner: dict[str, float] = field(default_factory=dict)  # step -> seconds inside the task functions
    peak_mb: dict[str, float] = field(default_factory=dict)  # stage -> peak RSS (MiB) of the flow's process

    @property
    def exit_code(self) -> int:
        """0 every input fine; 1 finished but some inputs had problems; 2 nothing produced."""
        if not self.produced:
            return EXIT_NOTHING
        return EXIT_PROBLEMS if self.problems else EXIT_OK

    def to_dict(self) -> dict:
        return {**asdict(self), "exit_code": self.exit_code}


def _cell(text: object) -> str:
    return str(text).replace("|", "\\|").replace("\n", " ")


def markdown(summary: RunSummary, limit: int = 50) -> str:
    """The summary as markdown for the Prefect UI: counts, statuses, the problems table, then where the
    time went (each stage's wall seconds; each step's seconds inside its tasks, added over the parts)."""
    lines = [
        f"# duixian run: {'site written to ' + summary.out if summary.produced else 'nothing produced'}",
        "",
        "| | |",
        "|---|---|",
        f"| reports found | {summary.reports_found} |",
        f"| reports read | {summary.reports_read} ({summary.from_cache} from cache) |",
        f"| records | {summary.records} ({summary.quarantined} quarantined) |",
        *(f"| targets {status} | {count} |" for status, count in summary.targets.items()),
        f"| problems | {len(summary.problems)} |",
        f"| elapsed | {summary.elapsed:.1f} s |",
        f"| code version | {summary.code_version} |",
    ]
    if summary.problems:
        lines += ["", "## Problems", "", "| file | reason | action | stage |", "|---|---|---|---|"]
        lines += [
            f"| {_cell(p['file'])} | {_cell(p['reason'])} | {_cell(p['action'])} | {_cell(p['stage'])} |"
            for p in summary.problems[:limit]
        ]
        if len(summary.problems) > limit:
            lines.append(f"\n… and {len(summary.problems) - limit} more in data/problems.csv")
    if summary.timings:
        lines += ["", "## Timings", "", "| stage | wall s |", "|---|---|"]
        lines += [f"| {stage} | {seconds:.2f} |" for stage, seconds in summary.timings.items()]
    if summary.inner:
        lines += ["", "| step | s inside its tasks |", "|---|---|"]
        lines += [f"| {step} | {seconds:.2f} |" for step, seconds in summary.inner.items()]
    return "\n".join(lines) + "\n"
