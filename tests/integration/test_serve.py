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


def _request(url: str, body: dict | None = None) -> object:
    data = json.dumps(body).encode() if body is not None else None
    request = urllib.request.Request(url, data=data, headers={"Content-Type": "application/json"})
    with urllib.request.urlopen(request, timeout=10) as response:
        return json.loads(response.read())


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


@pytest.mark.slow
def test_serve__registers_the_deployment_with_its_cron(tmp_path):
    port = _free_port()
    api = f"http://127.0.0.1:{port}/api"
    server = subprocess.Popen(
        [str(BIN / "prefect"), "server", "start", "--host", "127.0.0.1", "--port", str(port), "--no-ui"],
        cwd=tmp_path, env=_env(tmp_path / "home"), stdout=subprocess.DEVNULL, stderr=subprocess.PIPE,
        start_new_session=True,
    )
    serve = None
    try:
        _wait_for(lambda: _request(f"{api}/health") is True, 240, "the Prefect server", server)
        serve = subprocess.Popen(
            [str(BIN / "duixian"), "serve", "--cron", "0 6 1 4 *"], cwd=ROOT,
            env=_env(tmp_path / "home", PREFECT_API_URL=api), stdout=subprocess.DEVNULL, stderr=subprocess.PIPE,
            start_new_session=True,
        )

        def deployment():
            found = _request(f"{api}/deployments/filter", {"deployments": {"name": {"any_": ["duixian-annual"]}}})
            return found[0] if found else None

        found = _wait_for(deployment, 180, "the duixian-annual deployment", serve)
        schedules = [s["schedule"] for s in found["schedules"]]
        assert [s["cron"] for s in schedules] == ["0 6 1 4 *"]
        assert schedules[0]["timezone"] == "Asia/Shanghai"
        assert found["parameters"]["raw"] == str(ROOT / "data" / "raw")
        flow = _request(f"{api}/flows/{found['flow_id']}")
        assert flow["name"] == "duixian-annual"
    finally:
        if serve is not None:
            _stop(serve)
        _stop(server)
