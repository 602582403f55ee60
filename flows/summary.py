"""The run summary: counts for the console, the exit status, and the Prefect artifact's markdown."""

from __future__ import annotations

from dataclasses import asdict, dataclass, field

EXIT_OK, EXIT_PROBLEMS, EXIT_NOTHING = 0, 1, 2


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
    inner: dict[str, float] = field(default_factory=dict)  # stage -> seconds inside the pure functions
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
    """The summary as markdown for the Prefect UI: counts, statuses, then the problems table."""
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
    return "\n".join(lines) + "\n"
