"""flows.api_server: when the early Prefect server is started, and how a failed one is reported.

The server itself is started for real in tests/integration/test_run_cli.py (a `duixian run`)."""

from __future__ import annotations

import subprocess
import sys

import pytest

from flows import api_server


def _profiles(tmp_path, text: str) -> dict[str, str]:
    (tmp_path / "profiles.toml").write_text(text, encoding="utf-8")
    return {"PREFECT_HOME": str(tmp_path)}


def test_api_url_configured__by_the_environment_variable(tmp_path):
    assert api_server.api_url_configured({"PREFECT_HOME": str(tmp_path), "PREFECT_API_URL": "http://x:4200/api"})


def test_api_url_configured__not_without_variable_or_profile(tmp_path):
    assert not api_server.api_url_configured({"PREFECT_HOME": str(tmp_path)})


def test_api_url_configured__by_the_active_profile(tmp_path):
    env = _profiles(tmp_path, 'active = "work"\n[profiles.work]\nPREFECT_API_URL = "http://x:4200/api"\n'
                              '[profiles.ephemeral]\n')
    assert api_server.api_url_configured(env)
    assert not api_server.api_url_configured({**env, "PREFECT_PROFILE": "ephemeral"})


def test_api_url_configured__an_unreadable_profile_file_leaves_it_to_prefect(tmp_path):
    assert api_server.api_url_configured(_profiles(tmp_path, "active = [unclosed\n"))


def test_start__not_when_prefect_is_already_imported(monkeypatch, tmp_path):
    monkeypatch.setitem(sys.modules, "prefect", object())
    assert api_server.start({"PREFECT_HOME": str(tmp_path)}) is None


@pytest.mark.parametrize("env", [{"PREFECT_API_URL": "http://x:4200/api"},
                                 {"PREFECT_SERVER_ALLOW_EPHEMERAL_MODE": "false"}])
def test_start__not_when_prefect_would_not_start_a_temporary_server(monkeypatch, tmp_path, env):
    monkeypatch.delitem(sys.modules, "prefect", raising=False)
    spawned = []
    monkeypatch.setattr(api_server.EarlyServer, "__init__", lambda self: spawned.append(self))
    assert api_server.start({"PREFECT_HOME": str(tmp_path), **env}) is None
    assert spawned == []


def test_wait__a_server_that_exits_is_a_one_line_error(monkeypatch):
    monkeypatch.setattr(api_server.EarlyServer, "_spawn",
                        lambda self: subprocess.Popen([sys.executable, "-c", "raise SystemExit(1)"]))
    server = api_server.EarlyServer()
    with pytest.raises(api_server.ServerError, match="exited with status 1"):
        server.wait(timeout=30)
    server.stop()


def test_wait__a_server_that_never_answers_times_out(monkeypatch):
    monkeypatch.setattr(api_server.EarlyServer, "_spawn",
                        lambda self: subprocess.Popen([sys.executable, "-c", "import time; time.sleep(30)"]))
    server = api_server.EarlyServer()
    with pytest.raises(api_server.ServerError, match="did not answer within 1 s"):
        server.wait(timeout=1)
    server.stop()
    assert server.process.poll() is not None  # stopped, not left behind


def test_forget__stops_the_server_and_restores_the_setting(monkeypatch):
    monkeypatch.setattr(api_server.EarlyServer, "_spawn",
                        lambda self: subprocess.Popen([sys.executable, "-c", "import time; time.sleep(30)"]))
    monkeypatch.delenv("PREFECT_API_URL", raising=False)
    server = api_server.EarlyServer()
    monkeypatch.setenv("PREFECT_API_URL", server.url)
    api_server.forget(server)
    assert server.process.poll() is not None
    import os

    assert "PREFECT_API_URL" not in os.environ
