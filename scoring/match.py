"""Pair each target of year Y with at most one result of year Y (from report Y+1).

Order of evidence: an analyst's pin, then the canonical indicator (method "lexicon", score 100),
then a fuzzy match of the indicator phrases (method "fuzzy", rapidfuzz score ≥ the threshold in
scoring/data/rules.toml). Every pair needs compatible units (scoring.units) and must pass the
near-name guard (`distinct`): phrases whose head nouns differ (规模工业增加值 / 规模工业企业), that
carry different words of one distinguishing group (调查 / 登记), or different numbers (100亿元以上项目
/ 10亿元以上项目) name different things; the word lists are data (rules.toml [match]). The pairing
is one-to-one, greedy best-first: pins, then lexicon pairs, then fuzzy pairs by score; among
results sharing a canonical, headline and non-estimated ones come first.

Scorer choice, measured on scoring/data/match_pairs.csv: 122 target/result phrase pairs from the
shipped corpus (47 same indicator, 75 different), labelled by hand; F1 with the guard, at the best
threshold: character-level "char" (mean of fuzz.ratio and token_sort_ratio over characters) 0.87
at 68 (P 0.89, R 0.85; AUC 0.91), 0.88 (P 0.89, R 0.87) when a pair also scores its objects without
leading action verbs (rules.toml `lead_words`: 新建改建农村公路 vs 农村公路 of `新建改建高速公路…、农村公路…`); plain fuzz.ratio 0.86; jieba words under token_sort_ratio 0.89
(AUC 0.93); any token_set_ratio (character bigrams 0.70, jieba words 0.75) fails because a short
generic phrase is a subset of a long one (规模 vs 一般公共预算支出规模 scores 100). jieba's edge is one
pair in 122, inside the noise, and it costs a ~1 s dictionary load and segments short statistical
names inconsistently, so the default is "char"; rules.toml can switch to "jieba". The guard, not
the scorer, keeps near-names apart: most wrong pairs score 70-85 on every scorer.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from functools import cache, lru_cache

import numpy as np
from rapidfuzz import fuzz, process

from extractors.lexicon import load_lexicon
from extractors.records import Commitment
from scoring.config import section
from scoring.judge import measure, task_share
from scoring.units import compatible, parse_unit

METHOD_RANK = {"override": 3, "lexicon": 2, "fuzzy": 1}


@dataclass(frozen=True)
class Match:
    """Target index → result index, with the score (0-100) and how it was found."""

    target: int
    result: int
    score: float
    method: str  # lexicon | fuzzy | override


@cache
def _noise_pattern() -> re.Pattern[str] | None:
    words = sorted(section("match").get("noise_words", []), key=len, reverse=True)
    return re.compile("|".join(map(re.escape, words))) if words else None


def clean_phrase(phrase: str | None) -> str:
    """The indicator phrase without spaces, punctuation and when/where words (全年, 年末, 全市 …)."""
    text = re.sub(r"[\s，,、：:；;“”\"'（）()]+", "", phrase or "")
    pattern = _noise_pattern()
    stripped = pattern.sub("", text) if pattern else text
    return stripped or text


@cache
def _lead_pattern() -> re.Pattern[str] | None:
    words = sorted(section("match").get("lead_words", []), key=len, reverse=True)
    return re.compile("^(?:" + "|".join(map(re.escape, words)) + ")+") if words else None


def object_phrase(phrase: str | None) -> str:
    """`clean_phrase` without the leading action verbs (新建改建农村公路 → 农村公路): a task's object.
    Items of a 、 list share the verb of the first item, so a result may be written without it."""
    text = clean_phrase(phrase)
    pattern = _lead_pattern()
    stripped = pattern.sub("", text) if pattern else text
    return stripped if len(stripped) >= 2 else text


def _spaced(texts: Sequence[str]) -> list[str]:
    return [" ".join(t) for t in texts]


def _jieba(texts: Sequence[str]) -> list[str]:
    import jieba  # lazy: ~1 s dictionary load, only for the "jieba" scorer

    jieba.setLogLevel(60)
    return [" ".join(w for w in jieba.lcut(t) if w.strip()) for t in texts]


def _cdist(a: Sequence[str], b: Sequence[str], scorer: Callable[..., float]) -> np.ndarray:
    return process.cdist(a, b, scorer=scorer, dtype=np.float32).astype(float)


# name → scores of every left phrase against every right phrase (phrases already cleaned)
SCORERS: dict[str, Callable[[Sequence[str], Sequence[str]], np.ndarray]] = {
    "char": lambda a, b: (_cdist(a, b, fuzz.ratio) + _cdist(_spaced(a), _spaced(b), fuzz.token_sort_ratio)) / 2,
    "char_ratio": lambda a, b: _cdist(a, b, fuzz.ratio),
    "char_sort": lambda a, b: _cdist(_spaced(a), _spaced(b), fuzz.token_sort_ratio),
    "jieba": lambda a, b: _cdist(_jieba(a), _jieba(b), fuzz.token_sort_ratio),
    "char_bigram_set": lambda a, b: _cdist(
        [" ".join(t[i:i + 2] for i in range(len(t) - 1)) or t for t in a],
        [" ".join(t[i:i + 2] for i in range(len(t) - 1)) or t for t in b], fuzz.token_set_ratio),
}


def score_matrix(left: Sequence[str], right: Sequence[str], scorer: str | None = None) -> np.ndarray:
    """Scores (0-100) of every left phrase against every right phrase: the better of the cleaned
    phrases and of their objects (`object_phrase`: 新建改建农村公路 vs 农村公路 is 100, not 65)."""
    a = [clean_phrase(s) for s in left]
    b = [clean_phrase(s) for s in right]
    if not a or not b:
        return np.zeros((len(a), len(b)))
    score = SCORERS[scorer or section("match").get("scorer", "char")]
    whole = score(a, b)
    objects = score([object_phrase(s) for s in left], [object_phrase(s) for s in right])
    return np.round(np.maximum(whole, objects), 1)


def similarity(a: str, b: str, scorer: str | None = None) -> float:
    """Score (0-100) of two indicator phrases with the configured scorer."""
    return float(score_matrix([a], [b], scorer)[0, 0])


def _found(phrase: str, words: Iterable[str]) -> list[tuple[int, int, str]]:
    """Non-overlapping occurrences of `words` in `phrase`, longest first: (start, end, word)."""
    taken: list[tuple[int, int, str]] = []
    for word in sorted(set(words), key=len, reverse=True):
        for m in re.finditer(re.escape(word), phrase):
            if all(m.end() <= s or m.start() >= e for s, e, _ in taken):
                taken.append((m.start(), m.end(), word))
    return taken


@cache
def head_noun(phrase: str) -> str | None:
    """The head noun of an indicator phrase: the listed noun ending last (longest on ties).
    Cached: the same phrases meet many candidates (rules.toml is read once per process)."""
    hits = [(e, e - s, w) for s, e, w in _found(clean_phrase(phrase), section("match").get("head_nouns", []))]
    if not hits:
        return None
    best = max(hits)
    counted = section("match").get("counted_words", [])
    if best[2] in counted:  # `城镇新增就业人口`: the people counted by 就业, so the head is 就业
        before = [h for h in hits if h[0] == best[0] - best[1] and h[2] not in counted]
        if before:
            return max(before)[2]
    return best[2]


@lru_cache(maxsize=1 << 16)
def distinct(a: str, b: str) -> bool:
    """True when two indicator phrases name different things (the near-name guard). Cached: the
    same pairs of names meet again in every year and region (rules.toml is read once per process)."""
    ha, hb = head_noun(a), head_noun(b)
    if ha and hb and not (ha.endswith(hb) or hb.endswith(ha)):
        return True
    ca, cb = clean_phrase(a), clean_phrase(b)
    da, db = re.findall(r"\d+(?:\.\d+)?", ca), re.findall(r"\d+(?:\.\d+)?", cb)
    if section("match").get("digits_must_agree", True) and da and db and da != db:
        return True
    for group in section("match").get("exclusive", []):
        wa = {w for _, _, w in _found(ca, group["words"])}
        wb = {w for _, _, w in _found(cb, group["words"])}
        if wa and wb and not (wa & wb):
            return True
    return False


def canonical(c: Commitment) -> str | None:
    """The record's canonical indicator, unless its unit contradicts the lexicon row: a % level named after
    an indicator never measured in % (`科技型中小企业加计扣除比例100%` is not the number of 科技型中小企业;
    `经营主体增长6.3%`, a growth rate, is fine), or another figure named after a %-only indicator. Such a
    record is matched by its name instead."""
    entry = load_lexicon().entries.get(c.canonical or "")
    family = parse_unit(c.unit).family
    if entry is None or not entry.unit_families or family in (None, "other"):
        return c.canonical
    is_rate = family in ("percent", "percentage_point", "permille")
    if is_rate and not {"percent", "permille"} & set(entry.unit_families) and measure(c) == "level":
        return None
    if not is_rate and set(entry.unit_families) <= {"percent", "permille"}:
        return None
    return c.canonical


def pairable(t: Commitment, r: Commitment, canonicals: tuple[str | None, str | None] | None = None) -> bool:
    """Units compatible, the same kind of figure (a change or a level: `scoring.judge.measure`),
    canonicals not contradicting each other, and not near-names. `canonicals`: (canonical(t),
    canonical(r)) when the caller has them already."""
    tc, rc = canonicals if canonicals is not None else (canonical(t), canonical(r))
    if task_share(r):  # `完成年度任务的135%` answers a target of its indicator in any unit
        return t.value is not None and t.unit != "%" and bool(tc) and tc == rc
    if not compatible(t.unit, r.unit) or measure(t) != measure(r):
        return False
    if tc and rc and tc != rc:
        return False
    return not distinct(t.indicator, r.indicator)


def _candidates(targets: Sequence[Commitment], results: Sequence[Commitment], scores: np.ndarray,
                threshold: float, forbids: set[tuple[int, int | None]]) -> list[tuple[tuple, Match]]:
    out: list[tuple[tuple, Match]] = []
    result_canonicals = [canonical(r) for r in results]
    with_canonical: dict[str, list[int]] = {}
    for j, rc in enumerate(result_canonicals):
        if rc:
            with_canonical.setdefault(rc, []).append(j)
    for i, t in enumerate(targets):
        if (i, None) in forbids:
            continue
        tc = canonical(t)
        # cheap tests first (the same canonical, or a fuzzy score at the threshold): the near-name guard is costly
        near = set(np.flatnonzero(scores[i] >= threshold).tolist()) | set(with_canonical.get(tc, ()) if tc else ())
        for j in sorted(near):
            r, rc = results[j], result_canonicals[j]
            lexicon = bool(tc and tc == rc)
            if (i, j) in forbids or not pairable(t, r, (tc, rc)):
                continue
            m = Match(i, j, 100.0 if lexicon else round(scores[i, j], 1), "lexicon" if lexicon else "fuzzy")
            key = (METHOD_RANK[m.method], m.score, r.headline, not r.estimated, scores[i, j], -r.start, -i)
            out.append((key, m))
    return out


def has_candidate(t: Commitment, results: Sequence[Commitment], *, skip: Iterable[int] = (),
                  threshold: float | None = None) -> bool:
    """True when some result (index not in `skip`) could be paired with target `t`: the same canonical or a
    fuzzy score at the threshold, and `pairable`. Whether it was, or went to another target, does not matter."""
    threshold = section("match").get("fuzzy_threshold", 70) if threshold is None else threshold
    if not results:
        return False
    scores = score_matrix([t.indicator], [r.indicator for r in results])
    return bool(_candidates([t], results, scores, threshold, {(0, j) for j in skip}))


def match(targets: Sequence[Commitment], results: Sequence[Commitment], *,
          pins: Iterable[tuple[int, int]] = (), forbids: Iterable[tuple[int, int | None]] = (),
          threshold: float | None = None) -> dict[int, Match]:
    """One-to-one pairing: {target index: Match}. `forbids` (i, None) keeps target i unmatched."""
    threshold = section("match").get("fuzzy_threshold", 70) if threshold is None else threshold
    scores = score_matrix([t.indicator for t in targets], [r.indicator for r in results])
    chosen: dict[int, Match] = {}
    used: set[int] = set()
    for i, j in pins:
        if i not in chosen and j not in used:
            chosen[i] = Match(i, j, round(float(scores[i, j]), 1), "override")
            used.add(j)
    ranked = sorted(_candidates(targets, results, scores, threshold, set(forbids)),
                    key=lambda km: km[0], reverse=True)
    for _, m in ranked:
        if m.target not in chosen and m.result not in used:
            chosen[m.target] = m
            used.add(m.result)
    return chosen
