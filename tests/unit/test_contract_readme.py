"""The README describes the public contract itself (a clone has no ../shared/contract_check.py), the
deployment prefect.yaml names, and `serve --help` shows its defaults."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from duixian.cli import main
from extractors.records import CONTRACT_KEYS
from reports.tables import KIND_COLUMNS, REGION_COLUMNS
from scoring.scorecard import SCORECARD_COLUMNS, STATUSES

ROOT = Path(__file__).resolve().parents[2]
README = (ROOT / "README.md").read_text(encoding="utf-8")


def _section(title: str) -> str:
    match = re.search(rf"^## {re.escape(title)}\n(.*?)(?=^## )", README, re.S | re.M)
    assert match, f"README has no section '{title}'"
    return match.group(1)


def _ticked(text: str) -> list[str]:
    return re.findall(r"`([A-Za-z_]+)`", text)


def test_readme__contract_lists_record_keys_in_order():
    records = _section("Public contract").split("- **Verdicts**")[0]
    keys = [k for k in _ticked(records) if k in CONTRACT_KEYS]
    assert keys[: len(CONTRACT_KEYS)] == list(CONTRACT_KEYS)


def test_readme__contract_lists_scorecard_columns_in_order_and_the_added_ones():
    verdicts = _section("Public contract").split("- **Verdicts**")[1].split("- **Command line**")[0]
    columns = (*SCORECARD_COLUMNS, *REGION_COLUMNS, *KIND_COLUMNS)
    named = [c for c in _ticked(verdicts) if c in columns]
    assert [c for c in dict.fromkeys(named)] == list(columns)
    assert all(s in verdicts for s in STATUSES)


def test_readme__points_to_nothing_outside_the_project():
    assert "../shared" not in README and "contract_check" not in README


def test_readme__deploy_command_names_the_deployment_in_prefect_yaml():
    yaml = pytest.importorskip("yaml")
    names = {d["name"] for d in yaml.safe_load((ROOT / "prefect.yaml").read_text())["deployments"]}
    said = set(re.findall(r"prefect deploy --name ([\w-]+)", README))
    assert said and said <= names
    assert "deploy --all" not in README


def test_serve_help__shows_every_default(capsys):
    with pytest.raises(SystemExit):
        main(["serve", "--help"])
    text = " ".join(capsys.readouterr().out.split())
    assert "default Asia/Shanghai" in text
    assert re.search(r"--raw RAW .*default data/raw", text) and re.search(r"--out OUT .*default reports/site", text)
    assert '"0 6 1 4 *"' in text
