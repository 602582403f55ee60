"""Load the scoring rules (scoring/data/rules.toml) once: matching thresholds, tolerances, word lists.

Only data files shipped with the package are read here; nothing about reports or overrides.
"""

from __future__ import annotations

import tomllib
from functools import cache
from pathlib import Path
from typing import Any

DATA_DIR = Path(__file__).with_name("data")
RULES_PATH = DATA_DIR / "rules.toml"


@cache
def rules() -> dict[str, Any]:
    """The parsed rules file (cached: the file is read once per process)."""
    with RULES_PATH.open("rb") as fh:
        return tomllib.load(fh)


def section(name: str) -> dict[str, Any]:
    """One table of the rules file, e.g. `section("judge")`."""
    return rules().get(name, {})
