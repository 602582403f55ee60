"""`duixian run` as users start it: a fresh process, no Prefect server, a new PREFECT_HOME.

The run starts Prefect's temporary API itself before importing Prefect (flows.api_server); this
checks that the flow and its tasks really ran against it (their states are in Prefect's database),
and that no server process outlives the run.
"""

from __future__ import annotations

import csv
import os
import sqlite3
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
DUIXIAN = Path(sys.executable).parent / "duixian"

pytestmark = pytest.mark.slow


def _processes_using(home: Path) -> list[int]:
    """Process ids whose environment names this PREFECT_HOME (Linux /proc)."""
    marker = f"PREFECT_HOME={home}".encode()
    found = []
    for entry in Path("/proc").iterdir():
        if entry.name.isdigit() and int(entry.name) != os.getpid():
            try:
                if marker in (entry / "environ").read_bytes().split(b"\0"):
                    found.append(int(entry.name))
            except OSError:
                continue
    return found


def test_run__records_a_completed_flow_run_and_leaves_no_server_behind(tmp_path):
    home = tmp_path / "home"
    env = {k: v for k, v in os.environ.items() if not k.startswith("PREFECT_")}
    env["PREFECT_HOME"] = str(home)
    result = subprocess.run([str(DUIXIAN), "run", "--out", str(tmp_path / "site")], cwd=ROOT, env=env,
                            capture_output=True, text=True, timeout=600)
    # 0, or 1 when validation flags a shipped report (e.g. a review whose results are not read yet),
    # never a failed run
    assert result.returncode in (0, 1), result.stderr[-2000:]
    with (tmp_path / "site" / "data" / "problems.csv").open(encoding="utf-8-sig") as fh:
        stages = {row["stage"] for row in csv.DictReader(fh)}
    assert stages <= {"validate"} and (result.returncode == 1) == bool(stages), (stages, result.stderr[-2000:])
    assert (tmp_path / "site" / "index.html").is_file()
    assert "Traceback" not in result.stderr and "own temporary server" not in result.stderr
    with sqlite3.connect(home / "prefect.db") as db:
        flows = db.execute("select flow_run.state_type from flow_run join flow on flow.id = flow_run.flow_id "
                           "where flow.name = 'duixian-annual'").fetchall()
        tasks = dict(db.execute("select task_key, count(*) from task_run where state_type = 'COMPLETED' "
                                "group by task_key").fetchall())
    assert flows == [("COMPLETED",)]
    assert any(key.startswith("read_and_judge") for key in tasks) and any(key.startswith("publish") for key in tasks)
    assert _processes_using(home) == []
