"""benchmarks.proc: the tree's PSS counts pages shared by forked processes once, RSS in each."""

from __future__ import annotations

import sys
from pathlib import Path

import psutil
import pytest

ROOT = Path(__file__).resolve().parents[2]
if str(ROOT) not in sys.path:  # benchmarks/ is not an installed package: `make bench` runs it from the root
    sys.path.insert(0, str(ROOT))

from benchmarks import proc  # noqa: E402

# 200 MB written (so resident), then a forked child that shares every page of it, both alive ~2 s.
SHARED = """
import os, time
block = bytearray(200 * 2**20)
block[::4096] = b"x" * len(block[::4096])
child = os.fork()
time.sleep(2.5)
if child:
    os.waitpid(child, 0)
"""


@pytest.mark.skipif(not psutil.LINUX, reason="PSS is read from /proc")
def test_pss_counts_a_forked_childs_shared_pages_once():
    result = proc.run([sys.executable, "-c", SHARED], interval=0.1, pss_interval=0.5)
    assert result.ok
    assert result.peak_tree_mb > 380  # two processes, 200 MB each as RSS sees it
    assert 180 < result.peak_pss_mb < 0.75 * result.peak_tree_mb
