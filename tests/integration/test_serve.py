"""`duixian serve` registers the annual deployment with its cron schedule on a real Prefect server.

The slow test starts `prefect server start` on loopback with a temporary PREFECT_HOME, runs
`duixian serve` for as long as it takes to register, and finds the deployment and its schedule
through the REST API (POST /api/deployments/filter). No network beyond 127.0.0.1.
"""

from __future__ import annotations

import json
import os
import signal
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.request
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
BIN = Path(sys.executable).parent


def _env(home: Path, **extra: str) -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if not k.startswith("PREFECT_")}
    env.update(PREFECT_HOME=str(home), PREFECT_SERVER_ANALYTICS_ENABLED="false", PREFECT_UI_ENABLED="false",
               PREFECT_SERVER_UI_ENABLED="false", **extra)
    return env


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def _request(url: str, body: dict | None = None, method: str | None = None) -> object:
    data = json.dumps(body).encode() if body is not None else None
    request = urllib.request.Request(url, data=data, headers={"Content-Type": "application/json"}, method=method)
    with urllib.request.urlopen(request, timeout=10) as response:
        payload = response.read()
    return json.loads(payload) if payload else None


def _wait_for(check, timeout: float, what: str, process: subprocess.Popen):
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if process.poll() is not None:
            raise AssertionError(f"{what}: process exited with {process.returncode}")
        try:
            found = check()
        except (urllib.error.URLError, ConnectionError, TimeoutError, OSError):
            found = None
        if found:
            return found
        time.sleep(0.5)
    raise AssertionError(f"timed out waiting for {what}")


def _stop(process: subprocess.Popen) -> None:
    """Stop a process group this test started (by its id), politely first."""
    if process.poll() is None:
        os.killpg(process.pid, signal.SIGINT)
        try:
            process.wait(timeout=20)
        except subprocess.TimeoutExpired:
            os.killpg(process.pid, signal.SIGKILL)
            process.wait(timeout=10)


def test_serve__without_a_server_says_how_to_start_one(tmp_path):
    result = subprocess.run([str(BIN / "duixian"), "serve"], cwd=ROOT, env=_env(tmp_path / "home"),
                            capture_output=True, text=True, timeout=120)
    assert result.returncode == 2
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1, result.stderr
    assert "prefect server start" in lines[0] and "PREFECT_API_URL=http://127.0.0.1:4200/api" in lines[0]


@pytest.fixture(scope="module")
def prefect_server(tmp_path_factory):
    """`prefect server start` on a free loopback port with its own PREFECT_HOME: (api url, home)."""
    home = tmp_path_factory.mktemp("prefect-home")
    port = _free_port()
    api = f"http://127.0.0.1:{port}/api"
    server = subprocess.Popen(
        [str(BIN / "prefect"), "server", "start", "--host", "127.0.0.1", "--port", str(port), "--no-ui"],
        cwd=home, env=_env(home), stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, start_new_session=True,
    )
    try:
        _wait_for(lambda: _request(f"{api}/health") is True, 240, "the Prefect server", server)
        yield api, home
    finally:
        _stop(server)


def _deployment(api: str) -> dict | None:
    found = _request(f"{api}/deployments/filter", {"deployments": {"name": {"any_": ["duixian-annual"]}}})
    return found[0] if found else None


@pytest.mark.slow
def test_serve__registers_the_deployment_with_its_cron(prefect_server):
    api, home = prefect_server
    serve = subprocess.Popen(
        [str(BIN / "duixian"), "serve", "--cron", "0 6 1 4 *"], cwd=ROOT,
        env=_env(home, PREFECT_API_URL=api), stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
        start_new_session=True,
    )
    try:
        found = _wait_for(lambda: _deployment(api), 180, "the duixian-annual deployment", serve)
    finally:
        _stop(serve)
    schedules = [s["schedule"] for s in found["schedules"]]
    assert [s["cron"] for s in schedules] == ["0 6 1 4 *"]
    assert schedules[0]["timezone"] == "Asia/Shanghai"
    assert found["parameters"]["raw"] == str(ROOT / "data" / "raw")
    assert _request(f"{api}/flows/{found['flow_id']}")["name"] == "duixian-annual"
    _request(f"{api}/deployments/{found['id']}", None, method="DELETE")


@pytest.mark.slow
def test_prefect_yaml__deploys_to_a_process_work_pool(prefect_server):
    api, home = prefect_server
    env = _env(home, PREFECT_API_URL=api, PWD=str(ROOT))  # prefect.yaml resolves {{ $PWD }} at deploy time
    for command in (["work-pool", "create", "duixian", "--type", "process"], ["deploy", "--name", "duixian-annual"]):
        result = subprocess.run([str(BIN / "prefect"), "--no-prompt", *command], cwd=ROOT, env=env,
                                capture_output=True, text=True, timeout=300)
        assert result.returncode == 0, result.stdout + result.stderr
    found = _deployment(api)
    assert found["work_pool_name"] == "duixian"
    assert found["entrypoint"] == "flows/annual.py:annual_run"
    assert found["parameters"] == {"raw": "data/raw", "out": "reports/site"}
    assert [(s["schedule"]["cron"], s["schedule"]["timezone"]) for s in found["schedules"]] == [
        ("0 6 1 4 *", "Asia/Shanghai")]
    step = found["pull_steps"][0]["prefect.deployments.steps.set_working_directory"]
    assert Path(step["directory"]) == ROOT
