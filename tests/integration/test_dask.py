"""`duixian run --task-runner dask` (LocalCluster, 2 workers) writes the same site as the default runner.

Both runs go through the CLI in a fresh process with a temporary PREFECT_HOME and their own
extraction cache, so the Dask run really extracts on its workers. Tables and saved texts must be
byte-identical; pages may differ only in their generated-at stamp. A healthy run prints no
traceback and none of Prefect's shutdown noise.
"""

from __future__ import annotations

import os
import re
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
DUIXIAN = Path(sys.executable).parent / "duixian"
NOISE = ("Traceback", "database is locked", "CancelledError", "ERROR")
STAMP = re.compile(r"20\d\d-\d\d-\d\dT\d\d:\d\d:\d\dZ")

pytestmark = pytest.mark.slow


def _run(tmp: Path, name: str, *extra: str, raw: Path = ROOT / "data" / "raw") -> subprocess.CompletedProcess:
    env = {k: v for k, v in os.environ.items() if not k.startswith("PREFECT_")}
    env["PREFECT_HOME"] = str(tmp / "home")
    command = [str(DUIXIAN), "run", "--raw", str(raw), "--out", str(tmp / name),
               "--cache-dir", str(tmp / f"cache-{name}"), *extra]
    return subprocess.run(command, cwd=ROOT, env=env, capture_output=True, text=True, timeout=900)


def _files(site: Path) -> dict[str, bytes]:
    return {p.relative_to(site).as_posix(): p.read_bytes() for p in sorted(site.rglob("*"))
            if p.is_file() and "validation" not in p.relative_to(site).parts}


def _same_outputs(tmp_path: Path, raw: Path = ROOT / "data" / "raw") -> None:
    default = _run(tmp_path, "default", raw=raw)
    dask = _run(tmp_path, "dask", "--task-runner", "dask", raw=raw)
    for result in (default, dask):
        assert result.returncode in (0, 1), result.stderr
        assert not [n for n in NOISE if n in result.stderr], result.stderr
        assert "site " in result.stdout
    assert default.returncode == dask.returncode
    one, two = _files(tmp_path / "default"), _files(tmp_path / "dask")
    assert sorted(one) == sorted(two)
    for name in one:
        if name.endswith(".html"):
            assert STAMP.sub("", one[name].decode()) == STAMP.sub("", two[name].decode()), name
        else:
            assert one[name] == two[name], name
    assert (tmp_path / "dask" / "data" / "scorecard.csv").stat().st_size > 1000


def test_dask__same_outputs_as_the_default_runner(tmp_path):
    _same_outputs(tmp_path)


def test_dask__same_problems_and_overrides_as_the_default_runner(tmp_path):
    """Parts of the regions merged (steps.parts): failures, duplicates, bad and stale overrides come
    out as one run over all regions gives them, in the same order."""
    import shutil

    raw = tmp_path / "in" / "raw"
    for region in ("national", "tianyuan", "beijing"):
        shutil.copytree(ROOT / "data" / "raw" / region, raw / region)
    (raw / "beijing" / "2024.docx").write_bytes(b"not a zip")
    shutil.copy(raw / "national" / "2023.txt", raw / "national" / "2023.html")
    (raw / "tianyuan" / "2024.txt").write_bytes(b"\xff\xfe\x00garbage")
    (raw.parent / "overrides.csv").write_text(
        "region,period_year,target_indicator,action,result_indicator,status,reason,reviewer,date\n"
        "national,2022,城镇新增就业,pin,城镇新增就业,,same,王,2026-04-02\n"
        "nowhere,2020,GDP,status,,met,gone,李,2026-04-02\nbad row\n", encoding="utf-8")
    _same_outputs(tmp_path, raw)
    problems = (tmp_path / "dask" / "data" / "problems.csv").read_text(encoding="utf-8-sig")
    for expected in ("2024.docx", "2023.html", "2024.txt", "line 4", "no targets for nowhere 2020"):
        assert expected in problems
