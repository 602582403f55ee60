"""duixian.atomic.write_atomic: all or nothing, no temp files left behind."""

from __future__ import annotations

import os

import pytest

from duixian.atomic import write_atomic


def test_write_atomic__writes_bytes_and_text(tmp_path):
    write_atomic(tmp_path / "a" / "b.txt", "政府工作报告\n")
    write_atomic(tmp_path / "c.bin", b"\x00\x01")
    assert (tmp_path / "a" / "b.txt").read_text(encoding="utf-8") == "政府工作报告\n"
    assert (tmp_path / "c.bin").read_bytes() == b"\x00\x01"


def test_write_atomic__replaces_and_leaves_no_temp_file(tmp_path):
    target = tmp_path / "x.csv"
    target.write_text("old")
    write_atomic(target, "new")
    assert target.read_text() == "new"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["x.csv"]
    assert oct(target.stat().st_mode & 0o777) != oct(0o600)  # not mkstemp's private mode


def test_write_atomic__failure_keeps_the_old_file(tmp_path, monkeypatch):
    target = tmp_path / "x.csv"
    target.write_text("old")

    def broken(*args):
        raise OSError("disk full")

    monkeypatch.setattr(os, "replace", broken)
    with pytest.raises(OSError):
        write_atomic(target, "new")
    assert target.read_text() == "old"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["x.csv"]


def test_write_atomic__not_durable_skips_fsync_but_still_replaces(tmp_path, monkeypatch):
    import os

    from duixian.atomic import write_atomic

    synced: list[int] = []
    monkeypatch.setattr(os, "fsync", lambda fd: synced.append(fd))
    write_atomic(tmp_path / "a.pkl", b"one", durable=False)
    assert synced == [] and (tmp_path / "a.pkl").read_bytes() == b"one"
    write_atomic(tmp_path / "a.pkl", b"two")
    assert len(synced) == 1 and (tmp_path / "a.pkl").read_bytes() == b"two"
    assert [p.name for p in tmp_path.iterdir()] == ["a.pkl"]
