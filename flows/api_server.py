"""Start Prefect's temporary API server before Prefect is imported, and boot it while we import.

Why: with no PREFECT_API_URL, Prefect 3 starts a temporary server at the flow's first API call:
the CLI imports Prefect (~1 s), then the server module (~2 s), then spawns uvicorn and waits,
idle, 6-8 s for it (16-20 s on a new PREFECT_HOME: database migrations). That was over half of a
cold `duixian run`. Spawning the same command first lets the server boot on the second core while
this process imports Prefect, the flow and Great Expectations. Its URL goes into os.environ, so
Prefect reads it as the setting and Dask worker processes inherit it (one server for all of them,
instead of one per worker on the same SQLite file).

Only when Prefect would start a temporary server anyway: nothing happens when PREFECT_API_URL is
set (in the environment or the active Prefect profile) or ephemeral mode is switched off.
"""

from __future__ import annotations

import os
import socket
import subprocess
import sys
import time
import tomllib
import urllib.request
from importlib.util import find_spec
from pathlib import Path

# The variables Prefect's own SubprocessASGIServer sets for its temporary server.
SERVER_ENV = {"PREFECT_UI_ENABLED": "0", "PREFECT__SERVER_EPHEMERAL": "1", "PREFECT__SERVER_FINAL": "1"}
PORT_IN_USE = 3  # uvicorn's exit status when the port was taken between our check and its bind


class ServerError(Exception):
    """The early server did not come up (the caller falls back to Prefect's own)."""


def api_url_configured(environ: dict[str, str] | None = None) -> bool:
    """True when Prefect has an API to talk to already: the variable, or the active profile's setting.

    Read without importing Prefect (that is the point); a profile file we cannot parse counts as
    configured, so that we leave the decision to Prefect rather than override the user's setup.
    """
    env = os.environ if environ is None else environ
    if env.get("PREFECT_API_URL"):
        return True
    home = Path(env.get("PREFECT_HOME") or Path.home() / ".prefect").expanduser()
    profiles = Path(env.get("PREFECT_PROFILES_PATH") or home / "profiles.toml").expanduser()
    if not profiles.is_file():
        return False
    try:
        data = tomllib.loads(profiles.read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError, tomllib.TOMLDecodeError):
        return True
    active = env.get("PREFECT_PROFILE") or data.get("active") or "ephemeral"
    profile = (data.get("profiles") or {}).get(active) or {}
    return bool(profile.get("PREFECT_API_URL"))


def _wanted(environ: dict[str, str]) -> bool:
    allow = environ.get("PREFECT_SERVER_ALLOW_EPHEMERAL_MODE", "true").strip().lower()
    return allow not in ("0", "false", "no", "off") and not api_url_configured(environ)


def _free_port() -> int:
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


class EarlyServer:
    """Prefect's temporary API server (the same uvicorn command), started by us, stopped at `stop`."""

    def __init__(self) -> None:
        self.port = _free_port()
        self.url = f"http://127.0.0.1:{self.port}/api"
        self.process = self._spawn()

    def _spawn(self) -> subprocess.Popen:
        spec = find_spec("prefect")
        if spec is None or spec.origin is None:
            raise ServerError("prefect is not installed")
        env = {**os.environ, **SERVER_ENV}
        env.pop("PREFECT_API_URL", None)
        return subprocess.Popen(
            [sys.executable, "-m", "uvicorn", "--app-dir", str(Path(spec.origin).parent.parent),
             "--factory", "prefect.server.api.server:create_app", "--host", "127.0.0.1",
             "--port", str(self.port), "--log-level", "error", "--lifespan", "on"],
            env=env, stdin=subprocess.DEVNULL,
        )

    def wait(self, timeout: float = 120.0) -> None:
        """Block until /api/health answers; ServerError if the server exits or times out."""
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            status = self.process.poll()
            if status == PORT_IN_USE:
                self.port = _free_port()
                self.url = f"http://127.0.0.1:{self.port}/api"
                self.process = self._spawn()
                continue
            if status is not None:
                raise ServerError(f"Prefect's temporary API server exited with status {status}")
            try:
                with urllib.request.urlopen(f"{self.url}/health", timeout=2) as response:
                    if response.status == 200:
                        return
            except OSError:
                pass
            time.sleep(0.1)
        raise ServerError(f"Prefect's temporary API server did not answer within {timeout:.0f} s")

    def stop(self) -> None:
        """Terminate the server and wait for it (a few seconds at most), so no process is left behind."""
        if self.process.poll() is None:
            self.process.terminate()
            try:
                self.process.wait(timeout=5)
            except subprocess.TimeoutExpired:
                self.process.kill()
                self.process.wait()


def start(environ: dict[str, str] | None = None) -> EarlyServer | None:
    """Spawn the server and export its URL, when Prefect would start a temporary one; else None.

    Also None once Prefect is imported: it has read its settings by then, the URL would be ignored.
    """
    env = os.environ if environ is None else environ
    if "prefect" in sys.modules or not _wanted(dict(env)):
        return None
    try:
        server = EarlyServer()
    except (OSError, ServerError):
        return None
    os.environ["PREFECT_API_URL"] = server.url
    return server


def forget(server: EarlyServer) -> None:
    """Undo `start` (the URL) after the server is stopped, for a process that runs again."""
    server.stop()
    if os.environ.get("PREFECT_API_URL") == server.url:
        del os.environ["PREFECT_API_URL"]
