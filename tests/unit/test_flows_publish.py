"""flows.publish: build beside <out>, swap at the end, never replace a folder duixian did not build."""

from __future__ import annotations

import pytest

from flows.publish import MARKER, PublishError, SiteBuild


def test_site_build__commit_swaps_in_the_new_site(tmp_path):
    out = tmp_path / "site"
    first = SiteBuild(out)
    first.write("index.html", "one")
    first.write("old.html", "stale")
    first.commit()
    second = SiteBuild(out)
    second.write("index.html", "two")
    assert (out / "index.html").read_text() == "one"  # readers still see the old site
    second.commit()
    assert (out / "index.html").read_text() == "two"
    assert not (out / "old.html").exists()
    assert (out / MARKER).exists()
    assert sorted(p.name for p in tmp_path.iterdir()) == ["site"]


def test_site_build__discard_leaves_the_previous_site(tmp_path):
    out = tmp_path / "site"
    build = SiteBuild(out)
    build.write("index.html", "one")
    build.commit()
    SiteBuild(out).discard()
    assert (out / "index.html").read_text() == "one"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["site"]


def test_site_build__refuses_a_folder_it_did_not_build(tmp_path):
    (tmp_path / "notes.txt").write_text("mine")
    with pytest.raises(PublishError, match="not built by duixian"):
        SiteBuild(tmp_path)
    with pytest.raises(PublishError, match="is a file"):
        SiteBuild(tmp_path / "notes.txt")


def test_site_build__clears_builds_left_by_dead_runs(tmp_path):
    stale = tmp_path / ".site.build-999999999"
    stale.mkdir()
    SiteBuild(tmp_path / "site").discard()
    assert not stale.exists()
