"""The indicator lexicon: map an indicator phrase as written to a canonical key.

Belongs here: loading `data/lexicon.csv` (canonical, label, aliases separated by `|`, polarity
higher|lower|ceiling, unit families, headline yes/no) and the lookup rule.

Alias syntax: `^alias` is a head (below); `=alias` counts only as the whole phrase (`=规模以上工业`, the
old way to write 规模以上工业增加值 growth, is not `规模以上工业利润`); `alias@2014-`, `alias@-2013` or
`alias@2011-2014` records the report years in which a name was in use (renamings: 农民人均纯收入 until
2014, 农村居民人均可支配收入 from 2014). The years document the renaming, shown on the methodology page
and beside a verdict whose target and result use names of different eras; the lookup itself does
not depend on them, because local reports keep an old name for years after it was replaced. Does not belong: finding
indicator phrases in text (`commitments`) or comparing values (`scoring`).

Lookup rule: the alias that starts earliest in the phrase wins; at the same position the longest
alias wins. A head alias (written `^服务业增加值`) ends longer names (`租赁和商务服务业增加值`, `数字经济增速`):
it counts only at the start of the phrase or after a scope word (cues.csv `alias_boundary`). So `单位国内生产总值能耗` is energy intensity (its alias starts at 0, 国内生产总值 at 2),
`农村居民人均可支配收入` is rural income, and near-names stay apart because each is its own alias
(城镇调查失业率 / 城镇登记失业率, 城镇新增就业 / 农村劳动力转移就业, 粮食产量 / 粮食播种面积,
规模工业增加值 / 规模工业企业).
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

from extractors.datafiles import read_csv


@dataclass(frozen=True, slots=True)
class Indicator:
    """One lexicon row."""

    canonical: str
    label: str
    aliases: tuple[str, ...]
    polarity: str  # higher | lower | ceiling
    unit_families: tuple[str, ...]
    headline: bool
    years: tuple[tuple[str, int | None, int | None], ...] = ()  # (alias, first, last report year in use)

    def era(self, alias: str | None) -> tuple[int | None, int | None] | None:
        """(first, last) report year of the alias written in `alias` (a phrase containing it), or None."""
        if not alias:
            return None
        hits = [(len(a), lo, hi) for a, lo, hi in self.years if a.lower() in alias.replace(" ", "").lower()]
        return max(hits)[1:] if hits else None


@dataclass(frozen=True)
class Lexicon:
    entries: dict[str, Indicator]
    by_alias: dict[str, str]
    regex: re.Pattern[str]
    share_head: re.Pattern[str] | None = None  # cues.csv `share_head`: words after an alias that make a share
    sub_population: re.Pattern[str] | None = None  # cues.csv `sub_population`: words before an alias
    measure_after: re.Pattern[str] | None = None  # cues.csv `measure_after`: a measure of the alias's units
    heads: frozenset[str] = frozenset()  # aliases written `^alias`: heads of longer names
    boundary: re.Pattern[str] | None = None  # cues.csv `alias_boundary`: what may stand before a head alias
    exact: re.Pattern[str] | None = None  # `regex`, case-sensitive, grouped by first character
    whole: dict[str, str] | None = None  # aliases written `=alias`: canonical when the phrase is exactly the alias

    def _search(self, phrase: str) -> re.Match[str] | None:
        """`regex.search`. A phrase without a letter that has a case (nearly every Chinese phrase:
        `lower() == upper()` holds for no cased character) matches the same without IGNORECASE, and
        then the regex engine skips ahead to an alias's first character instead of trying every
        alias at every position (2-5x faster)."""
        if self.exact is not None and phrase.lower() == phrase == phrase.upper():
            return self.exact.search(phrase)
        return self.regex.search(phrase)

    def lookup(self, phrase: str | None) -> Indicator | None:
        """The indicator named in `phrase`, or None when no alias occurs in it."""
        if not phrase:
            return None
        phrase = phrase.replace(" ", "")
        if self.whole and phrase.lower() in self.whole:
            return self.entries[self.whole[phrase.lower()]]
        m = self._search(phrase)
        if m is None or (self.share_head and self.share_head.search(phrase, m.end())):
            return None  # `…占国内生产总值比重` is a share, not GDP
        if self.sub_population and self.sub_population.search(phrase, 0, m.start()):
            return None  # `脱贫地区农村居民收入` is about part of the population
        if self.measure_after and self.measure_after.match(phrase, m.end()):
            return None  # `规模以上工业企业研发经费支出`: a measure of the firms, not their number
        alias = m.group().lower()
        if (
            alias in self.heads
            and m.start()
            and self.boundary
            and not self.boundary.search(phrase, 0, m.start())
        ):
            return None  # `租赁和商务服务业增加值` is an industry of its own, not 服务业增加值
        return self.entries[self.by_alias[alias]]


@lru_cache(maxsize=1)
def load_lexicon() -> Lexicon:
    """Read data/lexicon.csv once."""
    entries: dict[str, Indicator] = {}
    by_alias: dict[str, str] = {}
    heads: set[str] = set()
    whole: dict[str, str] = {}
    for row in read_csv("lexicon.csv"):
        written = [_alias(a) for a in row["aliases"].split("|") if a.strip()]
        heads.update(a.lower() for a, mark, _, _ in written if mark == "^")
        whole.update((a.lower(), row["canonical"]) for a, mark, _, _ in written if mark == "=")
        aliases = tuple(a for a, mark, _, _ in written if mark != "=")
        ind = Indicator(
            canonical=row["canonical"],
            label=row.get("label") or row["canonical"],
            aliases=aliases,
            polarity=row["polarity"],
            unit_families=tuple(f for f in row["unit_family"].split("|") if f),
            headline=row["headline"].lower() in ("yes", "y", "true", "1"),
            years=tuple((a, lo, hi) for a, _, lo, hi in written if (lo, hi) != (None, None)),
        )
        entries[ind.canonical] = ind
        for alias in aliases:
            by_alias.setdefault(alias.lower(), ind.canonical)
    alternation = "|".join(re.escape(a) for a in sorted(by_alias, key=len, reverse=True))
    return Lexicon(
        entries,
        by_alias,
        re.compile(alternation, re.IGNORECASE),
        _cue("share_head"),
        _cue("sub_population"),
        _cue("measure_after"),
        frozenset(heads),
        _cue("alias_boundary"),
        re.compile(_by_first_character(sorted(by_alias, key=len, reverse=True))),
        whole,
    )


_ALIAS = re.compile(r"(?P<mark>[\^=]?)(?P<alias>[^@]+?)(?:@(?P<lo>\d{4})?-(?P<hi>\d{4})?)?")


def _alias(written: str) -> tuple[str, str, int | None, int | None]:
    """`^生产总值` -> (生产总值, ^, None, None); `农民人均纯收入@-2014` -> (农民人均纯收入, "", None, 2014)."""
    m = _ALIAS.fullmatch(written.strip())
    if m is None:
        raise ValueError(f"lexicon.csv: cannot read the alias {written!r} (alias, ^alias, =alias, alias@YYYY-YYYY)")
    lo, hi = m.group("lo"), m.group("hi")
    return m.group("alias"), m.group("mark"), int(lo) if lo else None, int(hi) if hi else None


def renamings() -> list[tuple[str, list[tuple[str, int | None, int | None]]]]:
    """(label, [(alias, first year, last year)]) of every indicator whose names carry years, for the
    methodology page."""
    def era(item: tuple[str, int | None, int | None]) -> tuple[int, int]:
        return item[1] or 0, item[2] or 9999

    return [(ind.label, sorted(ind.years, key=era)) for ind in load_lexicon().entries.values() if ind.years]


def _by_first_character(aliases: list[str]) -> str:
    """`a1|a2|…` (longest first) as `x(?:…)|y(?:…)|…`: at each position only the aliases opening with
    its character are tried, in the same order, so the match is the same and found ~2x faster."""
    groups: dict[str, list[str]] = {}
    for alias in aliases:
        groups.setdefault(alias[0], []).append(re.escape(alias[1:]))
    return "|".join(f"{re.escape(first)}(?:{'|'.join(rests)})" for first, rests in groups.items())


def _cue(kind: str) -> re.Pattern[str] | None:
    patterns = [r["pattern"] for r in read_csv("cues.csv") if r["kind"] == kind]
    return re.compile("|".join(f"(?:{p})" for p in patterns)) if patterns else None


def lookup(phrase: str | None) -> Indicator | None:
    """Module-level shortcut for `load_lexicon().lookup(phrase)`."""
    return load_lexicon().lookup(phrase)
