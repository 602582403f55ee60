"""Levels of government and their sub-types, from data/levels.csv: what a name's suffix makes it.

`classify` is used when the registry is built (regions.refresh); `LEVELS`/`label` when it is shown.
Order of rows in levels.csv matters: the first suffix that ends the name wins (自治县 before 县).
"""

from __future__ import annotations

import csv
from dataclasses import dataclass
from functools import cache
from pathlib import Path

DATA = Path(__file__).parent / "data"
LEVEL_ORDER = ("national", "province", "prefecture", "county")
LEVEL_ZH = {"national": "国家级", "province": "省级", "prefecture": "地级", "county": "县级"}
LEVEL_EN = {"national": "national", "province": "province", "prefecture": "prefecture", "county": "county"}


@dataclass(frozen=True)
class Subtype:
    level: str
    subtype: str
    suffix: str
    zh: str
    en: str


@cache
def subtypes() -> tuple[Subtype, ...]:
    with (DATA / "levels.csv").open(encoding="utf-8", newline="") as fh:
        return tuple(Subtype(**row) for row in csv.DictReader(fh))


@cache
def ethnic_stems() -> tuple[str, ...]:
    """`朝鲜族` and `朝鲜`, longest first: what autonomous names carry before 自治州/县/旗."""
    with (DATA / "ethnic_groups.csv").open(encoding="utf-8") as fh:
        names = [line.strip() for line in fh if line.strip()]
    stems = {n for n in names} | {n.removesuffix("族") for n in names}
    return tuple(sorted(stems, key=len, reverse=True))


def subtype_of(level: str, subtype: str) -> Subtype | None:
    return next((s for s in subtypes() if s.level == level and s.subtype == subtype), None)


def classify(name: str, is_province: bool, is_prefecture: bool) -> tuple[str, str, str]:
    """(level, subtype, short name) of an official name, e.g. 延边朝鲜族自治州 -> prefecture, autonomous_prefecture, 延边."""
    level = "province" if is_province else "prefecture" if is_prefecture else "county"
    for sub in subtypes():
        if sub.level == level and sub.suffix and name.endswith(sub.suffix):
            return level, sub.subtype, short_name(name, sub.suffix)
    return level, "other", name


def short_name(name: str, suffix: str) -> str:
    """The name without its suffix and, for autonomous ones, without the peoples' names (≥ 2 characters kept)."""
    base = name.removesuffix(suffix)
    if suffix.startswith("自治"):
        stripped = True
        while stripped:
            stripped = False
            for stem in ethnic_stems():
                if base.endswith(stem) and len(base) - len(stem) >= 2:
                    base, stripped = base[: -len(stem)], True
                    break
    return base if len(base) >= 2 else name


def label(level: str, subtype: str) -> tuple[str, str]:
    """(`县级 · 市辖区`, `county · district`) for pages; the level alone when the sub-type is unknown."""
    sub = subtype_of(level, subtype)
    zh, en = LEVEL_ZH.get(level, level or "未知"), LEVEL_EN.get(level, level or "unknown")
    if sub is None or level == "national":
        return zh, en
    return f"{zh} · {sub.zh}", f"{en} · {sub.en}"
