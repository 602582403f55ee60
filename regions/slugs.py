"""The slug scheme: a stable, readable, unique folder name for every region.

1. The pinyin of the short name, without tones or separators: 湖南省 -> hunan, 株洲市天元区 -> tianyuan,
   驻马店市 -> zhumadian (a one-character short name keeps its suffix: 攸县 -> youxian).
2. When several regions share that pinyin, the one of the highest level keeps it if it is alone at that
   level (朝阳市 -> chaoyang); the others are qualified by their parent's slug (北京市朝阳区 ->
   beijing-chaoyang, 南京市鼓楼区 -> nanjing-gulou, 福州市 -> fujian-fuzhou beside jiangxi-fuzhou).
3. Where that is still taken or repeats the parent (朝阳县 under 朝阳市), the suffix's pinyin is added
   (chaoyangxian), then the parent and the suffix, then the code.
Slugs are assigned top-down in code order when the registry is built, and then kept in the data file:
a rebuild that would change a shipped slug is caught by the tests.
"""

from __future__ import annotations

import csv
import re
from collections import Counter, defaultdict
from functools import cache
from pathlib import Path

from regions.levels import LEVEL_ORDER

_ASCII = re.compile(r"[^a-z]")


def pinyin(text: str) -> str:
    from pypinyin import Style, lazy_pinyin  # only when the registry is built

    for phrase, reading in _fixes().items():  # place-name readings pypinyin gets wrong (data/pinyin_fixes.csv)
        text = text.replace(phrase, f" {reading} ")
    return _ASCII.sub("", "".join(lazy_pinyin(text, style=Style.NORMAL)).lower().replace("ü", "v"))


@cache
def _fixes() -> dict[str, str]:
    with (Path(__file__).parent / "data" / "pinyin_fixes.csv").open(encoding="utf-8", newline="") as fh:
        return {row["phrase"]: row["pinyin"] for row in csv.DictReader(fh)}


def assign_slugs(rows: list[dict]) -> None:
    """Set `slug` on every row (dicts with name, short, level, code, parent as a code; national has slug)."""
    bases = {id(r): pinyin(r["short"]) for r in rows if not r.get("slug")}
    holders: dict[str, list[dict]] = defaultdict(list)
    for row in rows:
        if id(row) in bases:
            holders[bases[id(row)]].append(row)
    taken = {r["slug"] for r in rows if r.get("slug")}
    slug_of_code = {r["code"]: r["slug"] for r in rows if r.get("slug")}
    order = sorted((r for r in rows if id(r) in bases), key=lambda r: (LEVEL_ORDER.index(r["level"]), r["code"]))
    for row in order:
        base = bases[id(row)]
        parent = slug_of_code.get(row["parent"], "")
        for candidate in _candidates(row, base, parent, holders[base]):
            if candidate and candidate not in taken:
                row["slug"] = candidate
                break
        taken.add(row["slug"])
        slug_of_code[row["code"]] = row["slug"]


def _candidates(row: dict, base: str, parent: str, sharing: list[dict]):
    suffix = pinyin(row["name"].removeprefix(row["short"])) if row["name"] != row["short"] else ""
    top = min(LEVEL_ORDER.index(r["level"]) for r in sharing)
    at_top = Counter(LEVEL_ORDER.index(r["level"]) for r in sharing)[top]
    if len(sharing) == 1 or (LEVEL_ORDER.index(row["level"]) == top and at_top == 1):
        yield base
    if parent and parent != "national" and not parent.endswith(base):
        yield f"{parent}-{base}"
    yield f"{base}{suffix}"
    if parent and parent != "national":
        yield f"{parent}-{base}{suffix}"
    yield f"{base}-{row['code']}"
