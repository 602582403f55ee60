"""The genre's cue words and patterns, read from the data files and compiled once.

Belongs here: `data/words.csv` (verbs, leading action verbs, fillers, adverbs, conjunctions, list
prefixes), `data/qualifiers.csv` (左右, 以上, 控制在, 力争, 预计 …) and `data/cues.csv` (regular
expressions by kind: multi-year markers, rankings, relational comparisons, the 主要预期目标 intro …).
An analyst extends those files; nothing here needs to change. Does not belong: using them
(`phrases`, `commitments`).
"""

from __future__ import annotations

import re
import sys
from collections.abc import Iterator
from dataclasses import dataclass
from functools import lru_cache

from extractors.datafiles import read_csv
from extractors.prefilter import needed


@dataclass(frozen=True)
class Cues:
    """Compiled cue words and patterns (see data/words.csv, qualifiers.csv, cues.csv)."""

    verbs: tuple[str, ...]  # said of an indicator right before its number (增长, 达到 …), longest first
    leads: tuple[str, ...]  # action verbs that open a task (新增, 建成 …), longest first
    list_prefix: frozenset[str]  # short first items of a 分别 list (`城镇、农村…`)
    adverb_tail: re.Pattern[str]  # adverbs ending a text (`排放量要` before 分别), repeated
    tail_rev: re.Pattern[str]  # the tail words reversed, repeated: strips a whole tail in one match
    tail_word_rev: re.Pattern[str]  # one reversed tail word
    lead_verb: re.Pattern[str]  # one leading action verb (longest first)
    before_re: re.Pattern[str]  # a qualifier written right before the number, at the end of a text
    lead_fill: re.Pattern[str]  # leading fillers, repeated
    lead_fill_conj: re.Pattern[str]  # leading fillers and conjunctions, repeated
    before: dict[str, str]  # qualifier written before the number -> comparator
    after: dict[str, str]
    infix: dict[str, str]
    stretch: tuple[str, ...]
    patterns: dict[str, re.Pattern[str]]
    needs: dict[str, re.Pattern[str]]  # per kind, characters one of which every match contains (`prefilter`)

    def search(self, kind: str, text: str, pos: int = 0, endpos: int = sys.maxsize) -> re.Match[str] | None:
        """`patterns[kind].search(text, pos, endpos)`, not run when a character it needs is missing."""
        need = self.needs.get(kind)
        if need is not None and need.search(text, pos, endpos) is None:
            return None
        return self.patterns[kind].search(text, pos, endpos)

    def finditer(
        self, kind: str, text: str, pos: int = 0, endpos: int = sys.maxsize
    ) -> Iterator[re.Match[str]]:
        """`patterns[kind].finditer(text, pos, endpos)`, with the same shortcut as `search`."""
        need = self.needs.get(kind)
        if need is not None and need.search(text, pos, endpos) is None:
            return iter(())
        return self.patterns[kind].finditer(text, pos, endpos)


@lru_cache(maxsize=1)
def cues() -> Cues:
    """Read and compile the data files once per process."""
    words = read_csv("words.csv")
    quals = read_csv("qualifiers.csv")

    def by_role(role: str) -> tuple[str, ...]:
        return tuple(sorted({w["word"] for w in words if w["role"] == role}, key=len, reverse=True))

    def quals_at(position: str) -> dict[str, str]:
        return {q["word"]: q["comparator"] for q in quals if q["position"] == position}

    patterns: dict[str, list[str]] = {}
    for row in read_csv("cues.csv"):
        patterns.setdefault(row["kind"], []).append(f"(?:{row['pattern']})")
    compiled = {k: re.compile("|".join(v)) for k, v in patterns.items()}
    before = quals_at("before")
    tail = {*before, *by_role("verb"), *by_role("adverb")}
    tail_sorted = tuple(sorted(tail, key=len, reverse=True))
    word_rev = "|".join(re.escape(w[::-1]) for w in tail_sorted)
    fillers = [w for w in by_role("filler") if w != "其中"]  # 其中 stays: it marks a sub-target

    def leading(words: list[str]) -> re.Pattern[str]:
        alt = "|".join(re.escape(w) for w in sorted(words, key=len, reverse=True))
        return re.compile(rf"(?:(?:{alt})(?![性级域面内])[ 、，,]*)+")  # not 全市性, 全省域

    return Cues(
        verbs=by_role("verb"),
        leads=by_role("lead"),
        list_prefix=frozenset(by_role("list_prefix")),
        adverb_tail=re.compile("(?:" + "|".join(re.escape(w) for w in by_role("adverb")) + ")+$"),
        tail_rev=re.compile(rf"(?:(?:{word_rev}) *)+"),
        tail_word_rev=re.compile(word_rev),
        lead_verb=re.compile("|".join(re.escape(w) for w in by_role("lead"))),
        before_re=re.compile(
            "(?:" + "|".join(re.escape(w) for w in sorted(before, key=len, reverse=True)) + r") *$"
        ),
        lead_fill=leading(fillers),
        lead_fill_conj=leading([*fillers, *by_role("conj")]),
        before=before,
        after=quals_at("after"),
        infix=quals_at("infix"),
        stretch=tuple(q["word"] for q in quals if q["comparator"] == "stretch"),
        patterns=compiled,
        needs={k: need for k, p in compiled.items() if (need := needed(p)) is not None},
    )
