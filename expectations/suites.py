"""Read a suite (expectations/suites/<table>.json) into rules, and rules into a GX ExpectationSuite.

A suite file is data an analyst edits: a list of GX expectations (`expectation_type`, `kwargs`) with
our `meta` (`rule` name, `row_level`, `description`, optional `report_column`). Four conveniences keep
the files short; this module expands them and nothing else:
- `for_each_column`: one expectation per listed column (same rule name);
- `for_each_band`: one `expect_column_values_to_be_between` per row of expectations/data/bands.csv
  (`canonical` `*` is the band for the indicators of that unit without a band of their own);
- `"value_set": "@units"`: the known units of the unit tables (expectations.derive.UNIT_TABLES);
- `row_condition` as a small dict: `{"kind": "target"}` (==), `{"status": ["met", "missed"]}` (in),
  `{"span": null}` (is null), `{"canonical": {"not_null": true}}`, `{"comparator": {"!=": "x"}}`;
  all entries must hold (and).
Only `to_gx_suite` imports great_expectations, and only when called.
"""

from __future__ import annotations

import csv
import json
from dataclasses import dataclass, field
from functools import cache
from pathlib import Path
from typing import Any

from expectations.derive import unit_table

SUITES_DIR = Path(__file__).resolve().parent / "suites"
BANDS_CSV = Path(__file__).resolve().parent / "data" / "bands.csv"


@dataclass(frozen=True)
class Rule:
    """One GX expectation with the project's name for the rule and what a failure means."""

    rule: str
    expectation_type: str
    kwargs: dict[str, Any]
    row_level: bool
    description: str
    report_column: str | None = None  # the column a quarantine row quotes (default: the checked column)

    @property
    def column(self) -> str | None:
        return self.report_column or self.kwargs.get("column") or _first(self.kwargs.get("column_list"))


@dataclass(frozen=True)
class Suite:
    name: str
    description: str
    row_keys: tuple[str, ...]
    rules: tuple[Rule, ...] = field(default_factory=tuple)
    source_column: str | None = None  # names the report of a row (`path` or `path#start-end`)


def _first(items: list[str] | None) -> str | None:
    return items[0] if items else None


@cache
def load_suite(name: str) -> Suite:
    """Load and expand expectations/suites/<name>.json. Raises ValueError for an unknown table."""
    path = SUITES_DIR / f"{name}.json"
    if not path.is_file():
        known = ", ".join(sorted(p.stem for p in SUITES_DIR.glob("*.json")))
        raise ValueError(f"no expectation suite for table {name!r} (known: {known})")
    data = json.loads(path.read_text(encoding="utf-8"))
    rules: list[Rule] = []
    for entry in data["expectations"]:
        rules.extend(_expand(entry))
    return Suite(
        data["name"],
        data.get("description", ""),
        tuple(data.get("row_keys", ())),
        tuple(rules),
        data.get("source_column"),
    )


def _expand(entry: dict[str, Any]) -> list[Rule]:
    meta = entry.get("meta", {})
    kwargs = dict(entry.get("kwargs", {}))
    if kwargs.get("value_set") == "@units":
        kwargs["value_set"] = sorted(unit_table()[0])
    variants = [kwargs]
    if "for_each_column" in entry:
        variants = [{**kwargs, "column": col} for col in entry["for_each_column"]]
    elif "for_each_band" in entry:
        variants = _band_variants(kwargs, entry["for_each_band"])
    return [
        Rule(
            rule=meta["rule"],
            expectation_type=entry["expectation_type"],
            kwargs=kw,
            row_level=bool(meta.get("row_level", True)),
            description=kw.pop("_description", None) or meta.get("description", ""),
            report_column=meta.get("report_column"),
        )
        for kw in variants
    ]


def load_bands() -> list[dict[str, str]]:
    with BANDS_CSV.open(encoding="utf-8") as fh:
        return list(csv.DictReader(fh))


def _band_variants(kwargs: dict[str, Any], cols: dict[str, str]) -> list[dict[str, Any]]:
    """One expectation per distinct (unit, low, high): indicators sharing a band share a check
    (GX's cost is per expectation, not per row). The generic `*` band covers the other indicators
    of its unit, so each value is checked against exactly one band."""
    groups: dict[tuple[str, float, float, bool], list[dict[str, str]]] = {}
    keyed: dict[str, list[str]] = {}
    for band in load_bands():
        generic = band["canonical"] == "*"
        groups.setdefault((band["unit"], float(band["low"]), float(band["high"]), generic), []).append(band)
        if not generic:
            keyed.setdefault(band["unit"], []).append(band["canonical"])
    out = []
    for (unit, low, high, generic), bands in groups.items():
        where = {**kwargs.get("row_condition", {}), cols["unit"]: unit}
        keys = [] if generic else [b["canonical"] for b in bands]
        where[cols["canonical"]] = {"not_in": keyed.get(unit, [])} if generic else keys
        label = ", ".join(keys) if keys else "other indicators"
        why = "; ".join(b["why"] for b in bands)
        out.append(
            {
                **kwargs,
                "column": cols["value"],
                "min_value": low,
                "max_value": high,
                "row_condition": where,
                "_description": f"{label}: a value in {unit} lies within {low:g}..{high:g} ({why}).",
            }
        )
    return out


# Expectations that only test equality, membership or nullness: a categorical column gives them the
# same answers (see expectations.validate.gx_frame). So do row conditions given as a value (==), a
# list (in) or null, and these operators (not `<`, `>`: an unordered categorical refuses them).
_SET_LIKE = frozenset(
    {
        "expect_column_values_to_be_in_set",
        "expect_column_values_to_not_be_in_set",
        "expect_column_values_to_not_be_null",
        "expect_column_values_to_be_null",
    }
)
_SET_LIKE_TESTS = frozenset({"not_null", "not_in", "!="})


def _rule_columns(rule: Rule) -> list[str]:
    kw = rule.kwargs
    return [kw[k] for k in ("column", "column_A", "column_B") if k in kw] + list(kw.get("column_list") or [])


def suite_columns(suite: Suite) -> frozenset[str]:
    """Every column a rule checks or conditions on (what GX needs to see)."""
    out: set[str] = set()
    for rule in suite.rules:
        out.update(_rule_columns(rule))
        out.update(rule.kwargs.get("row_condition") or {})
    return frozenset(out)


def set_like_columns(suite: Suite) -> frozenset[str]:
    """Columns that every rule and row condition naming them tests for equality, membership or nullness."""
    other: set[str] = set()
    for rule in suite.rules:
        if rule.expectation_type not in _SET_LIKE:
            other.update(_rule_columns(rule))
        for name, test in (rule.kwargs.get("row_condition") or {}).items():
            if isinstance(test, dict) and next(iter(test), None) not in _SET_LIKE_TESTS:
                other.add(name)
    return suite_columns(suite) - other


def to_condition(where: dict[str, Any] | None) -> Any:
    """The compact row_condition dict → a GX Condition (None when empty)."""
    if not where:
        return None
    from great_expectations.expectations.row_conditions import Column

    parts = []
    for name, test in where.items():
        col = Column(name)
        if test is None:
            parts.append(col.is_null())
        elif isinstance(test, list):
            parts.append(col.is_in(test))
        elif isinstance(test, dict):
            parts.append(_operator(col, *next(iter(test.items()))))
        else:
            parts.append(col == test)
    cond = parts[0]
    for part in parts[1:]:
        cond = cond & part
    return cond


def _operator(col: Any, op: str, arg: Any) -> Any:
    ops = {
        "not_null": lambda: col.is_not_null() if arg else col.is_null(),
        "not_in": lambda: col.is_not_in(arg),
        "!=": lambda: col != arg,
        "<": lambda: col < arg,
        "<=": lambda: col <= arg,
        ">": lambda: col > arg,
        ">=": lambda: col >= arg,
    }
    if op not in ops:
        raise ValueError(f"unknown row_condition operator {op!r} (use one of {', '.join(ops)})")
    return ops[op]()


def to_gx_suite(suite: Suite) -> Any:
    """Build the great_expectations ExpectationSuite; each meta keeps the rule's name and its index in
    `suite.rules` (GX does not return results in suite order).

    The expectations go to the constructor, not to `add_expectation`: that one compares each new
    expectation with every earlier one, and when a suite of the same name is already in the current
    context's store (a Data Docs folder from an earlier run) it rewrites the stored suite after each
    addition: ~2 s per table."""
    import great_expectations as gx
    from great_expectations.expectations.expectation_configuration import ExpectationConfiguration

    expectations = []
    for index, rule in enumerate(suite.rules):
        kwargs = {**rule.kwargs, "row_condition": to_condition(rule.kwargs.get("row_condition"))}
        if kwargs["row_condition"] is None:
            del kwargs["row_condition"]
        config = ExpectationConfiguration(
            type=rule.expectation_type,
            kwargs=kwargs,
            meta={"rule": rule.rule, "row_level": rule.row_level, "index": index},
            notes=f"{rule.rule}: {rule.description}",
        )
        expectations.append(config.to_domain_obj())
    return gx.ExpectationSuite(
        name=suite.name, expectations=expectations, meta={"description": suite.description}
    )
