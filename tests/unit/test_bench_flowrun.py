"""benchmarks.flowrun: a run's stages and steps come from the timings its summary carries back."""

from __future__ import annotations

import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
if str(ROOT) not in sys.path:  # benchmarks/ is not an installed package: `make bench` runs it from the root
    sys.path.insert(0, str(ROOT))

from benchmarks import flowrun, proc  # noqa: E402


def _run(summary: dict) -> flowrun.FlowRun:
    result = proc.ProcResult(["duixian"], 0, 10.0, 100.0, 50.0, 0.0)
    return flowrun.FlowRun("test", result, summary)


def test_flowrun__steps_add_up_over_parts_and_stages_are_capped_at_their_wall():
    run = _run({"timings": {"discover": 0.1, "read and judge": 4.0, "render": 1.0},
                "inner": {"discover": 0.05, "extract": 3.0, "validate-commitments": 1.0, "scorecard": 0.5,
                          "validate-scorecard": 0.75, "render": 0.5, "data-docs": 0.25}})
    assert run.steps() == {"extract": 3.0, "validate": 1.75, "score": 0.5}
    stages = run.stages()
    assert stages["read and judge"] == (4.0, 4.0)  # 5.25 s inside two workers' tasks: capped at the wall
    assert stages["render"] == (1.0, 0.75) and stages["discover"] == (0.1, 0.05)
