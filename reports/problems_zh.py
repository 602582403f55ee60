"""Chinese for the English one-line reasons and actions shown on problems.html.

The readers, the run and the validation speak English (their messages are also logged and tested);
the page shows Chinese first, English second, like the rest of the site. The wording lives in
reports/data/problems_zh.toml (regular expressions with named groups), so a new message gets its
Chinese there, not in code. Pure: strings in, strings out.
"""

from __future__ import annotations

import re
import tomllib
from functools import cache
from importlib import resources


@cache
def _patterns() -> tuple[tuple[re.Pattern[str], str], ...]:
    text = resources.files("reports").joinpath("data", "problems_zh.toml").read_text(encoding="utf-8")
    return tuple((re.compile(m["pattern"], re.S), m["zh"]) for m in tomllib.loads(text)["message"])


def chinese(message: str | None) -> str:
    """The Chinese of one English reason or action, or "" when no pattern in the data file matches."""
    text = " ".join((message or "").split())
    for pattern, zh in _patterns():
        match = pattern.fullmatch(text)
        if match:
            return zh.format(**{k: v or "" for k, v in match.groupdict().items()})
    return ""
