"""Synthetic corpora for the scale benchmark: N regions × 2 consecutive years from the shipped .txt texts.

Each generated region `gen-0001 …` gets two reports, `<Y>.txt` and `<Y+1>.txt`, made from a
template pair of shipped texts: two consecutive reports of one region (national 2021 → 2022 …), or
one report used twice with its years shifted by one more the second time (so the second always
reviews the first). Per region the years are shifted by 0-3 years back, the issuer's name in the
header is replaced by a made-up place (东安区人民政府 …), and every other figure is scaled by a
seeded factor in ±10 % that keeps its decimals (dates and years are left as dates and years).
Deterministic for a given (N, seed); reads only the source folder, writes only under `raw`.
"""

from __future__ import annotations

import random
import re
from dataclasses import dataclass
from pathlib import Path

from extractors.encoding import decode_text  # the project's own decoder: sources in any encoding
from extractors.metadata import display_name, text_year

# Made-up place names: three characters from this table, then a level.
_SYLLABLES = "东西南北安平宁康泰和兴华明光德仁信义清秀青云山水河湖江川石林松竹梅兰"
_LEVELS = "区县市"
_NUMBER = re.compile(r"(?<![\dA-Za-z.])(\d+)(\.\d+)?(?![\dA-Za-z])")
_KEEP_AFTER = re.compile(r"\s?[月日号时届次]")  # dates, sessions: not figures
MAX_SHIFT = 3  # years shifted back at most (keeps every year ≤ the newest shipped report + 1)


@dataclass(frozen=True)
class Template:
    """Two texts whose reports are one year apart (the second reviews the first's year)."""

    first: str
    second: str
    first_year: int  # report year of `first`
    second_shift: int  # extra shift applied to `second` (1 when `second` is `first` reused)
    label: str


def place_name(index: int) -> str:
    """A made-up place for region `index`: 东安区, 西安县 … (unique for index < 46656 × 3)."""
    n = len(_SYLLABLES)
    chars = [_SYLLABLES[(index // n**k) % n] for k in range(3)]
    return "".join(chars) + _LEVELS[(index // n**3) % len(_LEVELS)]


def _read_text(path: Path) -> str:
    return decode_text(path.read_bytes(), path.name)[0]


def _renamable(text: str) -> bool:
    """A template must name its issuer one way only: renaming it must leave no other name behind
    (a scraped header with `…省政府工作报告` and `在…省第十四届…` besides `…省人民政府` is skipped)."""
    issuer = display_name(text)
    probe = "东东东区人民政府"
    return issuer is not None and display_name(text.replace(issuer, probe)) == probe


def load_templates(sources: Path) -> list[Template]:
    """Consecutive pairs of shipped .txt reports of one region, then every .txt paired with itself."""
    texts: dict[str, dict[int, str]] = {}
    for path in sorted(Path(sources).glob("*/*.txt")):
        text = _read_text(path)
        year = text_year(text)
        if year is not None and _renamable(text):
            texts.setdefault(path.parent.name, {})[year] = text
    templates = []
    for region, years in sorted(texts.items()):
        for year in sorted(years):
            if year + 1 in years:
                templates.append(
                    Template(years[year], years[year + 1], year, 0, f"{region}/{year}+{year + 1}")
                )
    for region, years in sorted(texts.items()):
        for year in sorted(years):
            templates.append(Template(years[year], years[year], year, 1, f"{region}/{year}+shifted"))
    if not templates:
        raise ValueError(f"no .txt report with a year under {sources}")
    return templates


def perturb(text: str, shift: int, name: str, rng: random.Random) -> str:
    """Shift years by `shift`, rename the issuer to `name`, scale the other figures by ±10 %."""
    issuer = display_name(text)
    if issuer:
        text = text.replace(issuer, name)

    def number(match: re.Match[str]) -> str:
        whole, frac = match.group(1), match.group(2) or ""
        value = int(whole)
        if not frac and len(whole) == 4 and 1949 <= value <= 2060:
            return str(value + shift)  # a year (2035年, 2021-2025, 2000多 alike: harmless)
        if _KEEP_AFTER.match(text, match.end()) or (value == 0 and not frac):
            return match.group(0)
        scaled = float(match.group(0)) * rng.uniform(0.9, 1.1)
        if text.startswith(("%", "％"), match.end()) and float(match.group(0)) <= 100:
            scaled = min(scaled, 100.0)  # shares stay shares
        decimals = len(frac) - 1 if frac else 0
        out = f"{scaled:.{decimals}f}"
        return out if float(out) > 0 else match.group(0)

    return _NUMBER.sub(number, text)


def generate(raw: Path, regions: int, sources: Path = Path("data/raw"), seed: int = 0) -> list[Path]:
    """Write `regions` × 2 reports under `raw/gen-NNNN/<year>.txt`; return the paths written."""
    templates = load_templates(sources)
    written = []
    for i in range(regions):
        template = templates[i % len(templates)]
        back = (i // len(templates)) % (MAX_SHIFT + 1)
        rng = random.Random(f"{seed}-{i}")
        name = f"{place_name(i)}人民政府"
        folder = Path(raw) / f"gen-{i + 1:04d}"
        folder.mkdir(parents=True, exist_ok=True)
        year = template.first_year - back
        for text, shift, report_year in (
            (template.first, -back, year),
            (template.second, template.second_shift - back, year + 1),
        ):
            path = folder / f"{report_year}.txt"
            path.write_text(perturb(text, shift, name, rng), encoding="utf-8")
            written.append(path)
    return written
