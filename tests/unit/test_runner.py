"""flows.runner: the early server is waited for, stopped, and replaced when it fails; so is the early Dask cluster."""

from __future__ import annotations

import contextlib

from expectations import runtime
from flows import api_server, runner


class FakeServer:
    def __init__(self, fails: bool) -> None:
        self.fails, self.waited, self.stopped, self.url = fails, False, False, "http://127.0.0.1:1/api"

    def wait(self, timeout: float) -> None:
        self.waited = True
        if self.fails:
            raise api_server.ServerError("Prefect's temporary API server exited with status 1")

    def stop(self) -> None:
        self.stopped = True


def _patch(monkeypatch, server: FakeServer) -> list[bool]:
    replaced: list[bool] = []

    @contextlib.contextmanager
    def own_server(replace: bool = False):
        replaced.append(replace)
        yield

    monkeypatch.setattr(api_server, "start", lambda: server)
    monkeypatch.setattr(runtime, "warm", lambda: None)
    monkeypatch.setattr(runner, "shared_temporary_api", own_server)
    return replaced


def test_prefect_api__waits_for_the_early_server_and_stops_it_after(monkeypatch):
    server = FakeServer(fails=False)
    replaced = _patch(monkeypatch, server)
    with runner.prefect_api():
        assert server.waited and not server.stopped
    assert server.stopped and replaced == []


def test_prefect_api__falls_back_to_prefects_own_server_with_a_note(monkeypatch, capsys):
    server = FakeServer(fails=True)
    replaced = _patch(monkeypatch, server)
    with runner.prefect_api():
        assert server.stopped  # the failed one is gone before the run starts
    assert replaced == [True]
    assert "starting Prefect's own temporary server instead" in capsys.readouterr().err


def test_prefect_api__stops_the_server_when_the_run_fails(monkeypatch):
    server = FakeServer(fails=False)
    _patch(monkeypatch, server)
    try:
        with runner.prefect_api():
            raise RuntimeError("the flow crashed")
    except RuntimeError:
        pass
    assert server.stopped


def test_early_cluster__a_failed_start_is_one_line_and_the_run_falls_back(monkeypatch, capsys):
    import distributed

    from flows import cluster

    def broken(**options):
        raise OSError("no free port")

    monkeypatch.setattr(distributed, "LocalCluster", broken)
    monkeypatch.setattr(cluster, "fork_workers_from_server", lambda: False)  # process-wide: not in pytest
    early = cluster.EarlyCluster(2)
    early.start()
    try:
        early.address(timeout=30)
    except cluster.ClusterError as error:
        assert str(error) == "the local Dask cluster did not start (OSError: no free port)"
    else:
        raise AssertionError("expected ClusterError")
    assert runner._early_runner(early) is None  # the task runner then starts its own cluster
    assert "did not start (OSError: no free port); starting one with the flow instead" in capsys.readouterr().err
    early.close()  # nothing to stop, no error
    assert runner._early_runner(None) is None


def test_extraction_cache__an_empty_entry_is_a_miss(tmp_path):
    from steps.cache import ExtractionCache

    cache = ExtractionCache(tmp_path, "v1")
    cache.put("ab12", ("ok", 1))
    assert cache.get("ab12") == ("ok", 1)
    cache._path("ab12").write_bytes(b"")  # what a power cut can leave of an entry written without fsync
    assert cache.get("ab12") is None


def test_run__answers_unchanged_from_the_stamp_and_starts_prefect_once_a_file_changed(tmp_path, monkeypatch):
    import json

    import pytest

    from duixian.version import code_version
    from steps.fingerprint import default_overrides, input_fingerprint

    raw, out = tmp_path / "raw", tmp_path / "site"
    (raw / "demo").mkdir(parents=True)
    (raw / "demo" / "2024.txt").write_text("一、2023年工作回顾", encoding="utf-8")
    out.mkdir()
    stamp = {"inputs": input_fingerprint(raw, default_overrides(raw), code_version()),
             "summary": {"reports_read": 1, "exit_code": 0}}
    (out / ".duixian-site").write_text(json.dumps(stamp), encoding="utf-8")

    def no_prefect(*args, **kwargs):
        raise AssertionError("Prefect started")

    monkeypatch.setattr(runner, "prefect_api", no_prefect)
    summary = runner.run(str(raw), str(out))
    assert summary["unchanged"] and summary["from_cache"] == 1
    (raw / "demo" / "2024.txt").write_text("一、2023年工作回顾。", encoding="utf-8")
    with pytest.raises(AssertionError, match="Prefect started"):
        runner.run(str(raw), str(out))
