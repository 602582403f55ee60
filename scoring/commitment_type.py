"""Is a target an outcome to achieve or an allocation to spend or issue? (scorecard `commitment_type`)

The words that decide live in scoring/data/commitment_types.toml (an analyst extends them there); this
module only applies them. Pages compute completion rates over outcomes and count allocations apart,
because the next report seldom repeats a budget figure (赤字率拟按3%安排) and a rate that counted those
as "not reported" would say the government failed promises it never made. Knows records, not files.
"""

from __future__ import annotations

import tomllib
from functools import cache
from pathlib import Path

from scoring.config import DATA_DIR

TYPES_PATH: Path = DATA_DIR / "commitment_types.toml"
OUTCOME, ALLOCATION = "outcome", "allocation"
COMMITMENT_TYPES: tuple[str, ...] = (OUTCOME, ALLOCATION)


@cache
def type_rules() -> dict:
    """The parsed commitment_types.toml (read once per process)."""
    with TYPES_PATH.open("rb") as fh:
        return tomllib.load(fh)


def commitment_type(indicator: str | None, clause: str | None = None, canonical: str | None = None) -> str:
    """'allocation' when the indicator (or canonical key) names a budget, bond, deficit or transfer, or
    the clause says 拟安排/拟按…; else the file's default ('outcome')."""
    rules = type_rules()
    names = f"{indicator or ''}|{canonical or ''}"
    if any(w in (indicator or "") for w in rules.get("outcome", {}).get("outcome_words", [])):
        return OUTCOME
    allocation = rules.get("allocation", {})
    if any(w in names for w in allocation.get("indicator_words", [])) or any(
        w in (clause or "") for w in allocation.get("clause_words", [])
    ):
        return ALLOCATION
    return str(rules.get("default", OUTCOME))
