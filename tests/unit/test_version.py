"""duixian.version: the code version changes when a source or data file changes."""

from __future__ import annotations

import re

from duixian import __version__
from duixian.version import _source_files, code_version, source_hash


def test_code_version__is_package_version_plus_hash():
    assert re.fullmatch(re.escape(__version__) + r"\+[0-9a-f]{10}", code_version())
    assert code_version() == code_version()  # computed once, stable


def test_code_version__extractors_only_differs_from_all():
    assert code_version(("extractors",)) != code_version()


def test_source_files__skip_caches_and_dotfiles(tmp_path):
    (tmp_path / "__pycache__").mkdir()
    (tmp_path / "__pycache__" / "m.cpython-311.pyc").write_bytes(b"x")
    (tmp_path / ".hidden").write_text("x")
    (tmp_path / "m.py").write_text("x = 1\n")
    (tmp_path / "data").mkdir()
    (tmp_path / "data" / "lexicon.csv").write_text("a,b\n")
    assert [p.relative_to(tmp_path).as_posix() for p in _source_files(tmp_path)] == ["data/lexicon.csv", "m.py"]


def test_source_hash__ignores_unknown_packages():
    assert source_hash(("no_such_package_here",)) == source_hash(())


def test_source_files__skip_a_site_built_inside_a_package(tmp_path):
    """reports/site is the default --out: building it must not change the code version."""
    (tmp_path / "render.py").write_text("x = 1\n")
    site = tmp_path / "site"
    (site / "national").mkdir(parents=True)
    (site / ".duixian-site").write_text("{}")
    (site / "national" / "2024.html").write_text("<p>page</p>")
    assert [p.relative_to(tmp_path).as_posix() for p in _source_files(tmp_path)] == ["render.py"]
