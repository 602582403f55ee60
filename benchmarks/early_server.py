"""Experiment (benchmark only): start Prefect's temporary API server first, then import while it boots.

What `duixian run` does today (Prefect 3.9 with no PREFECT_API_URL): import Prefect, then on the
first API call import `prefect.server.api.server` in the CLI process (~2 s more), spawn the server
(uvicorn, another ~6-8 s to import and open its SQLite database) and wait for it, idle. Under
`--task-runner dask` every worker process does the same again: one more temporary server per
worker, all on the same SQLite database.

This module does what flows/runner.py could do instead: spawn the same server command Prefect uses
(SubprocessASGIServer's uvicorn line) *before* importing Prefect, export PREFECT_API_URL so this
process and every Dask worker use that one server, import Prefect and Great Expectations while it
boots, then wait for /api/health. `python -m benchmarks.child` uses it when DUIXIAN_BENCH_EARLY_SERVER=1
so the benchmark can measure before/after without touching the product code.
"""

from __future__ import annotations

import atexit
import os
import socket
import subprocess
import sys
import time
import urllib.request
from importlib.util import find_spec
from pathlib import Path


def _free_port() -> int:
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


class EarlyServer:
    def __init__(self) -> None:
        self.port = _free_port()
        self.url = f"http://127.0.0.1:{self.port}/api"
        spec = find_spec("prefect")
        assert spec is not None and spec.origin is not None
        app_dir = str(Path(spec.origin).parent.parent)
        env = {
            **os.environ,
            "PREFECT_UI_ENABLED": "0",
            "PREFECT__SERVER_EPHEMERAL": "1",
            "PREFECT__SERVER_FINAL": "1",
        }
        env.pop("PREFECT_API_URL", None)
        self.process = subprocess.Popen(
            [
                sys.executable,
                "-m",
                "uvicorn",
                "--app-dir",
                app_dir,
                "--factory",
                "prefect.server.api.server:create_app",
                "--host",
                "127.0.0.1",
                "--port",
                str(self.port),
                "--log-level",
                "error",
                "--lifespan",
                "on",
            ],
            env=env,
        )
        os.environ["PREFECT_API_URL"] = self.url  # this process and the Dask workers it spawns
        atexit.register(self.stop)

    def wait(self, timeout: float = 120.0) -> None:
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            if self.process.poll() is not None:
                raise RuntimeError(f"temporary Prefect server exited with {self.process.returncode}")
            try:
                with urllib.request.urlopen(f"{self.url}/health", timeout=2) as response:
                    if response.status == 200:
                        return
            except OSError:
                pass
            time.sleep(0.1)
        raise RuntimeError("temporary Prefect server did not answer in time")

    def stop(self) -> None:
        if self.process.poll() is None:
            self.process.terminate()
            try:
                self.process.wait(timeout=5)
            except subprocess.TimeoutExpired:
                self.process.kill()
                self.process.wait()
