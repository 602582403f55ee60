"""The early local Dask cluster (flows.cluster): workers forked from a forkserver that imported the
tasks once, at the lower priority, and ready before their first task."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]

pytestmark = [pytest.mark.slow,
              pytest.mark.skipif(not sys.platform.startswith("linux"), reason="workers are forked on Linux only")]

# Run in a fresh process: forkserver settings are process-wide.
SCRIPT = """
import json, os, sys
from distributed import Client
from flows import cluster

def report():
    return {"pid": os.getpid(), "parent": os.getppid(), "nice": os.nice(0),
            "preloaded": all(m in sys.modules for m in ("flows.tasks", "great_expectations"))}

early = cluster.EarlyCluster(2)
early.start()
try:
    with Client(early.address()) as client:
        client.wait_for_workers(2, timeout=120)
        print(json.dumps({"me": os.getpid(), "workers": list(client.run(report).values())}))
finally:
    early.close()
"""


def test_early_cluster__workers_are_forked_preloaded_and_niced():
    done = subprocess.run([sys.executable, "-c", SCRIPT], cwd=ROOT, capture_output=True, text=True, timeout=300)
    assert done.returncode == 0, done.stderr
    seen = json.loads(done.stdout.strip().splitlines()[-1])
    workers = seen["workers"]
    assert len(workers) == 2
    assert all(w["preloaded"] for w in workers)  # imported before any task ran
    assert [w["nice"] for w in workers] == [5, 5]  # the forkserver's 5, not 5 more
    parents = {w["parent"] for w in workers}
    assert len(parents) == 1 and seen["me"] not in parents  # both forked by the one forkserver
