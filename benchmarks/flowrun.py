"""Time a whole `duixian run` in a subprocess and split its wall time: start-up, Prefect, stages, exit.

The split comes from benchmarks.child's marks and the flow's own summary (stage wall times and the
seconds spent inside the task functions, which every task returns with its result: the
summary's `inner`, flows.summary.Stages):
  python + imports   process spawn → duixian.cli imported
  prefect import     duixian.cli imported → Prefect, the flow and GX imported and the temporary API
                     server (spawned first, flows.api_server) answering; 0 when the run answered
                     "nothing changed" from the site's stamps without starting Prefect
  prefect before     → flow body starts (flow run created, task runner started)
  flow body          the flow function, stage by stage; Prefect's share inside it is the body minus
                     the time inside task functions (per stage, capped at the stage's wall time)
  prefect after      flow body ends → `duixian run` has its summary (final states, task runner shutdown)
  exit               summary printed → process gone (atexit; the server is stopped before)
"""

from __future__ import annotations

import json
import os
import shutil
import sys
from dataclasses import dataclass, field
from pathlib import Path

from benchmarks import proc

# the steps (keys of the summary's `inner`) inside each stage of the flow (flows/annual.py)
_INNER_OF = {
    "discover": ("discover",),
    "read and judge": ("extract", "validate-commitments", "scorecard", "validate-scorecard"),
    "render": ("render", "data-docs"),
    "publish": ("publish",),
}
# the steps the scale table shows (seconds inside the tasks, added over the parts and workers)
STEPS = {"extract": ("extract",), "validate": ("validate-commitments", "validate-scorecard"),
         "score": ("scorecard",)}


@dataclass
class FlowRun:
    label: str
    result: proc.ProcResult
    summary: dict = field(default_factory=dict)
    marks: dict = field(default_factory=dict)

    @property
    def reports(self) -> int:
        return int(self.summary.get("reports_found") or 0)

    def phases(self) -> dict[str, float]:
        """Wall seconds per phase (see the module docstring); empty when the child left no record."""
        m, s = self.marks, self.summary
        if not m or not s or "main returned" not in m:
            return {}  # the child left no record, or the run failed before its summary
        start = self.result.started_at
        returned = m.get("flow returned", m["main returned"])
        imported = m.get("prefect imported", m["cli imported"])  # absent: Prefect was never started
        if s.get("unchanged"):  # answered from the site's stamps: no Prefect, no flow; "body" = the check
            body, body_start = returned - imported, imported
        else:
            body = float(s.get("elapsed") or 0.0)
            body_start = m.get("flow body started", returned - body)
        out = {
            "python + imports": m["cli imported"] - start,
            "prefect import": imported - m["cli imported"],
            "prefect before flow": max(body_start - imported, 0.0),
            "flow body": body,
            "prefect after flow": max(returned - body_start - body, 0.0),
            "exit": max(start + self.result.wall - m["main returned"], 0.0),
        }
        return out

    def stages(self) -> dict[str, tuple[float, float]]:
        """stage -> (wall seconds in the flow, seconds inside its task functions, capped at the wall)."""
        timings, inner = self.summary.get("timings") or {}, self.summary.get("inner") or {}
        out = {}
        for stage, wall in timings.items():
            inside = sum(float(inner.get(key, 0.0)) for key in _INNER_OF.get(stage, (stage,)))
            out[stage] = (float(wall), min(inside, float(wall)))
        return out

    def steps(self) -> dict[str, float]:
        """step -> seconds inside the task functions (STEPS), over all parts and workers."""
        inner = self.summary.get("inner") or {}
        return {step: sum(float(inner.get(k, 0.0)) for k in keys) for step, keys in STEPS.items()}

    def prefect_share(self) -> dict[str, float]:
        """Seconds of Prefect: inside the body (body − task functions) and around it (server, engine)."""
        phases = self.phases()
        if not phases:
            return {}
        if self.summary.get("unchanged"):
            return {"in body": 0.0, "around body": 0.0, "exit": 0.0, "total": 0.0, "task functions": 0.0}
        inside = sum(t for _, t in self.stages().values())
        in_body = phases["flow body"] - inside
        around = phases["prefect import"] + phases["prefect before flow"] + phases["prefect after flow"]
        return {
            "in body": in_body,
            "around body": around,
            "exit": phases["exit"],
            "total": in_body + around + phases["exit"],
            "task functions": inside,
        }


def run_flow(
    label: str,
    raw: Path,
    out: Path,
    cache: Path,
    prefect_home: Path,
    log: Path,
    task_runner: str = "default",
    workers: int = 2,
    timeout: float | None = None,
    cwd: Path | None = None,
    extra_env: dict[str, str] | None = None,
) -> FlowRun:
    """`duixian run` (through benchmarks.child) with its own PREFECT_HOME; returns the measurements."""
    record = log.with_suffix(".json")
    record.unlink(missing_ok=True)
    argv = [
        sys.executable,
        "-m",
        "benchmarks.child",
        str(record),
        "run",
        "--raw",
        str(raw),
        "--out",
        str(out),
        "--cache-dir",
        str(cache),
        "--task-runner",
        task_runner,
    ]
    if task_runner == "dask":
        argv += ["--dask-workers", str(workers)]
    env = {
        "PREFECT_HOME": str(prefect_home),
        "PREFECT_SERVER_ANALYTICS_ENABLED": "false",
        "DO_NOT_TRACK": "1",
        **(extra_env or {}),
    }
    settle()
    result = proc.run(argv, env=env, cwd=cwd, log=log, timeout=timeout)
    run = FlowRun(label, result)
    if record.is_file():
        data = json.loads(record.read_text(encoding="utf-8"))
        run.summary, run.marks = data.get("summary") or {}, data.get("marks") or {}
    return run


def settle() -> None:
    """Flush the writes of earlier runs (and of deleting their folders) to disk now, so that a run
    does not pay for them: a run writes ~0.8 GB at 3,000 reports, and on this machine's disk the
    kernel's write-back of one run slowed the next by up to 20 s."""
    if hasattr(os, "sync"):
        os.sync()


def clean(*paths: Path) -> None:
    for path in paths:
        shutil.rmtree(path, ignore_errors=True)
