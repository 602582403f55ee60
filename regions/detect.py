"""Which region and year a report is for, from its own words, with the words as evidence.

Region: the header's place clues (data/place_clues.csv: date line `在××市第×届人民代表大会`, title,
`我代表××人民政府`, the signatory `××市市长`, page words `××人民政府`) are resolved against the
registry (`株洲市天元区` -> 天元区, the chain of names must nest). The report's way of naming its
own government (data/self_words.csv: `我代表市人民政府`, `全市`, `我县`) keeps only regions of the fitting
level (a city report whose page header also names 河南省人民政府 is the city's). With no usable header
clue, the body decides if it names one region of that level far more often than any other (its
counties count half). Anything else is ambiguous: no region, and the reason says why.
Year: `extractors.metadata` (date line, title, headings, sentences; never a scraper's `年份：`).
The file name is only weak support: a disagreement is reported, never followed.
"""

from __future__ import annotations

import csv
import re
from collections import Counter
from dataclasses import dataclass, field
from functools import cache
from pathlib import Path

from extractors.metadata import decide_year, path_year, year_clues
from regions.registry import Region, Registry, load_registry

DATA = Path(__file__).parent / "data"
HEADER_CHARS = 2500  # the header: the first paragraphs, page words and title included
STRONG = 8
_P = r"([\u4e00-\u9fff]{2,24}?)"
KIND_ZH = {"date_line": "日期行", "title": "标题", "representing": "自称", "leader": "署名",
           "government": "页眉", "body": "正文", "self": "自称", "review_heading": "回顾标题",
           "plan_heading": "任务标题", "just_past": "回顾", "review_sentence": "回顾句",
           "later_sentence": "任务句", "scraper_year": "抓取头", "file_name": "文件名"}


@dataclass
class Detection:
    """What the text says: region and year (None when unknown or ambiguous), the words used, why not."""

    region: Region | None = None
    year: int | None = None
    evidence: list[str] = field(default_factory=list)
    region_reason: str = ""  # why no region ("" when found)
    year_reason: str = ""
    notes: list[str] = field(default_factory=list)  # disagreements with the file name, ignored headers
    candidates: list[Region] = field(default_factory=list)


@dataclass(frozen=True)
class _Clue:
    kind: str
    weight: int
    pattern: re.Pattern[str]
    national: bool


@cache
def _place_clues() -> tuple[_Clue, ...]:
    with (DATA / "place_clues.csv").open(encoding="utf-8") as fh:
        rows = list(csv.DictReader(line for line in fh if not line.startswith("#")))
    return tuple(_Clue(r["kind"], int(r["weight"]), re.compile(r["pattern"].replace("{P}", _P)),
                       "{P}" not in r["pattern"]) for r in rows)


@cache
def _self_words() -> tuple[dict[str, set[tuple[str, str]]], re.Pattern[str], re.Pattern[str]]:
    with (DATA / "self_words.csv").open(encoding="utf-8") as fh:
        rows = list(csv.DictReader(line for line in fh if not line.startswith("#")))
    fits = {r["word"]: {tuple(pair.split(":")) for pair in r["fits"].split()} for r in rows}
    words = "|".join(sorted((re.escape(w) for w in fits), key=len, reverse=True))
    representing = re.compile(rf"我代表({words})(?:人民政府)?")
    counted = re.compile(rf"(?:全|我|本)({words})")
    return fits, representing, counted


def self_level(text: str) -> tuple[str | None, str]:
    """The word a report uses for its own government (`市` in 我代表市人民政府) and the words shown."""
    fits, representing, counted = _self_words()
    match = representing.search(text[:HEADER_CHARS * 4])
    if match:
        return match.group(1), match.group(0)
    counts = Counter(m.group(1) for m in counted.finditer(text))
    for word in ("我国", "全国"):  # counted as `国`: normalise to the national words
        counts["国务院"] += counts.pop(word[1:], 0)
    ranked = counts.most_common(2)
    if not ranked or ranked[0][1] < 3 or (len(ranked) > 1 and ranked[0][1] < 2 * ranked[1][1]):
        return None, ""
    word, count = ranked[0]
    shown = "全国/我国" if word == "国务院" else f"全{word}/我{word}"
    return word, f"{shown} ×{count}"


def fits_level(region: Region, word: str | None) -> bool:
    if word is None:
        return True
    fits = _self_words()[0]
    return (region.level, region.subtype) in fits.get(word, set())


def resolve_place(text: str, registry: Registry) -> list[Region]:
    """The regions a run of characters ending in a place name means: the longest nested chain of
    registry names that ends where the text ends (`…会议上株洲市天元区` -> [天元区]); several when
    the last name repeats (鼓楼区 alone); [] when no name ends the text."""
    for start in range(len(text) - 1):
        found = _chain(text[start:], None, registry)
        if found:
            return sorted(found, key=lambda r: r.code)
    return []


def _chain(text: str, parent: Region | None, registry: Registry) -> set[Region]:
    found: set[Region] = set()
    for size in range(min(len(text), 24), 1, -1):
        for region in registry.named(text[:size]):
            if parent is not None and not registry.is_under(region, parent):
                continue
            if size == len(text):
                found.add(region)
            else:
                found |= _chain(text[size:], region, registry)
        if found:
            return found
    return found


def place_votes(text: str, registry: Registry) -> list[tuple[Region, int, str, str]]:
    """(region, weight, kind, words) for every place clue in the header."""
    head = text[:HEADER_CHARS]
    national = registry.get("national")
    votes = []
    for clue in _place_clues():
        for match in clue.pattern.finditer(head):
            words = " ".join(match.group(0).split())
            if clue.national:
                if national is not None:
                    votes.append((national, clue.weight, clue.kind, words))
                continue
            for region in resolve_place(match.group(1), registry):
                start = words.rfind(region.name)
                shown = words[start:] if start > 0 else words
                votes.append((region, clue.weight, clue.kind, shown))
    return votes


def detect(text: str, registry: Registry | None = None, path: str | Path | None = None) -> Detection:
    """Region and year of a normalised report text; `path` only adds notes when its year differs."""
    registry = registry or load_registry()
    found = Detection()
    _detect_year(text, found, path)
    _detect_region(text, registry, found)
    return found


def _detect_year(text: str, found: Detection, path: str | Path | None) -> None:
    clues = year_clues(text)
    year, used = decide_year(clues)
    found.year = year
    if year is None:
        seen = sorted({c.year for c in clues if c.weight > 0})
        found.year_reason = (f"the text's years disagree ({', '.join(map(str, seen))})" if len(seen) > 1
                             else "no report year in the text (no date line, title year or dated heading)")
    else:
        strongest = sorted(used, key=lambda c: -c.weight)[:2]
        found.evidence += [f"{KIND_ZH.get(c.kind, c.kind)}「{c.words}」" for c in strongest]
    for clue in clues:
        if clue.kind == "scraper_year" and year is not None and clue.year != year:
            found.notes.append(f"ignored the header's 「{clue.words}」: the report's words say {year}")
    named = path_year(Path(path)) if path else None
    if named and year and named != year:
        found.notes.append(f"file name says {named}, the text says {year}")


def _detect_region(text: str, registry: Registry, found: Detection) -> None:
    word, word_shown = self_level(text)
    votes = [v for v in place_votes(text, registry) if fits_level(v[0], word)]
    if word_shown:
        found.evidence.append(f"自称「{word_shown}」")
    strong = _ranked([v for v in votes if v[1] >= STRONG])
    weak = _ranked([v for v in votes if v[1] < STRONG])
    for ranked, label in ((strong, "strong"), (weak, "weak")):
        if not ranked:
            continue
        regions = [r for r, _ in ranked]
        if len(regions) > 1:
            regions = _by_body(regions, text, registry) or regions
        if len(regions) == 1:
            found.region = regions[0]
            found.evidence += [e for e in _shown(votes, regions[0])
                               if not any(e[4:-1] in shown for shown in found.evidence)]
            return
        names = "、".join(registry.full_name(r) for r in regions[:4])
        found.candidates = regions
        found.region_reason = f"the header names more than one region ({names})"
        if label == "strong":
            return
    _from_body(text, registry, word, found)


def _ranked(votes) -> list[tuple[Region, int]]:
    totals: Counter = Counter()
    for region, weight, _, _ in votes:
        totals[region] += weight
    return totals.most_common()


def _shown(votes, region: Region) -> list[str]:
    seen, out = set(), []
    for r, _, kind, words in sorted(votes, key=lambda v: -v[1]):
        if r == region and words not in seen and len(out) < 2:
            seen.add(words)
            out.append(f"{KIND_ZH.get(kind, kind)}「{words}」")
    return out


def _by_body(regions: list[Region], text: str, registry: Registry) -> list[Region]:
    """Of several same-level candidates, the one whose parents or children the text names most."""
    if len({r.name for r in regions}) != 1:
        return []  # different names in the header: ambiguous, not a question of which 鼓楼区
    scores = {}
    for region in regions:
        related = [*registry.ancestors(region), *registry.children(region)]
        scores[region] = sum(text.count(r.name) for r in related)
    ranked = sorted(regions, key=lambda r: -scores[r])
    if scores[ranked[0]] > 0 and scores[ranked[0]] >= 2 * scores[ranked[1]]:
        return [ranked[0]]
    return []


def _from_body(text: str, registry: Registry, word: str | None, found: Detection) -> None:
    if word is None:
        found.region_reason = found.region_reason or (
            "no region named in the header, and the text never says which level it speaks for")
        return
    counts = body_mentions(text, registry)
    scores: Counter = Counter()
    for region, count in counts.items():
        if fits_level(region, word):
            scores[region] += count
        parent = registry.get(region.parent)
        if parent is not None and fits_level(parent, word) and parent.short != region.short:
            scores[parent] += count / 2  # its counties count half (not 乌鲁木齐县 for 乌鲁木齐市: one word)
    for region in list(scores):  # a named region whose province the text names too
        parent = registry.get(region.parent)
        if counts.get(region) and parent is not None and parent.level != "national":
            scores[region] += counts.get(parent, 0) / 2
    ranked = scores.most_common(2)
    if not ranked or ranked[0][1] < 2 or (len(ranked) > 1 and ranked[0][1] < 2 * ranked[1][1]):
        shown = "、".join(f"{registry.full_name(r)}" for r, _ in ranked)
        found.region_reason = found.region_reason or (
            "no region named in the header" + (f"; the body names {shown} about as often" if len(ranked) > 1
                                               else "; the body names no region of that level often enough"))
        found.candidates = [r for r, _ in ranked]
        return
    region = ranked[0][0]
    found.region, found.region_reason = region, ""
    own = counts.get(region, 0)
    kids = sorted(((r, c) for r, c in counts.items() if r.parent == region.slug), key=lambda rc: -rc[1])[:3]
    parts = [f"{region.short if own else region.name} ×{own}"] + [f"{r.name} ×{c}" for r, c in kids]
    found.evidence.append("正文「" + "，".join(parts) + "」")


@cache
def _body_index(registry: Registry) -> tuple[dict[str, list[Region]], frozenset[str], tuple[int, ...]]:
    """Names worth counting in a body: official names of 3+ characters, short names of 3+ characters,
    and the provinces' short names (湖南); two-character names (城区, 攸县) are too often plain words."""
    names: dict[str, list[Region]] = {}
    for name, regions in registry.names().items():
        kept = [r for r in regions if len(name) >= 3 or (r.level == "province" and name == r.short)]
        if kept and not name.startswith("全"):
            names[name] = kept
    return names, frozenset(n[:2] for n in names), tuple(sorted({len(n) for n in names}, reverse=True))


def body_mentions(text: str, registry: Registry) -> Counter:
    """How often each region's name occurs in `text` (longest name at each place; ~5 ms a report)."""
    names, prefixes, sizes = _body_index(registry)
    counts: Counter = Counter()
    i, end = 0, len(text) - 1
    while i < end:
        if text[i:i + 2] not in prefixes:
            i += 1
            continue
        for size in sizes:
            regions = names.get(text[i:i + size])
            if regions:
                for region in regions:
                    counts[region] += 1
                i += size
                break
        else:
            i += 1
    return counts


def folder_warnings(doc, registry: Registry | None = None) -> list[str]:
    """The run's check of a report against its folder: a warning when the text clearly names another
    known region than the folder's (`data/raw/hunan/2026.txt` holding 浙江省's report). Folders that
    are not in the registry are not checked (their reports name places the registry does not have)."""
    registry = registry or load_registry()
    folder = registry.get(doc.region)
    if folder is None:
        return []
    found = detect(doc.text, registry)
    if found.region is None or found.region.slug == folder.slug:
        return []
    return [f"{doc.source}: the text is {registry.full_name(found.region)}'s report ({found.region.slug}: "
            f"{'; '.join(found.evidence[-2:])}) but it sits in the folder of {registry.full_name(folder)} "
            f"({folder.slug}); move it to {found.region.slug}/ or check the file"]
