"""民生实事 judged: each programme of year Y with the claim of report Y+1 and the status of its items.

Belongs here: pairing a claim (`10件区人大代表票决实事顺利完成`) with the programme it answers (names
compared with rapidfuzz after counts and noise words are removed, `scoring/data/programmes.toml`),
each item's status from its own scorecard row (items are targets: matched and judged like every
other target, same rules and overrides) and whether a programme-level claim covers an item that the
next report does not mention one by one (`claimed`: shown as claimed, never as verified). Does not
belong: extracting lists and claims (extractors/programmes.py), HTML (reports/).
"""

from __future__ import annotations

import re
import tomllib
from collections import defaultdict
from collections.abc import Sequence
from dataclasses import dataclass, field
from functools import cache
from pathlib import Path
from typing import Any

from extractors.programmes import outcome_class
from extractors.records import Commitment
from scoring.match import similarity
from scoring.scorecard import ScoreRow

CONFIG = Path(__file__).with_name("data") / "programmes.toml"
_COUNT = re.compile(r"[\d一二两三四五六七八九十百]+\s*(?:类|件|项|个|大|方面)")
ITEM_STATUSES = ("met", "missed", "not_reported", "pending")


@cache
def config() -> dict[str, Any]:
    with CONFIG.open("rb") as fh:
        return tomllib.load(fh)


@dataclass
class ItemVerdict:
    record: Commitment
    status: str  # met | missed | not_reported | pending
    verified: bool  # the status rests on an item-level result (a figure in the next report)
    claimed: bool  # not reported one by one, but the programme's claim says the list was completed
    row: ScoreRow | None


@dataclass
class ProgrammeVerdict:
    programme: Commitment
    claim: Commitment | None
    claim_class: str | None  # complete | partial | progress
    next_exists: bool
    items: list[ItemVerdict] = field(default_factory=list)

    @property
    def status(self) -> str:
        """claimed_complete | claimed_partial | claimed_progress | not_reported | pending."""
        if self.claim is not None:
            return f"claimed_{self.claim_class or 'complete'}"
        return "not_reported" if self.next_exists else "pending"


def _core(name: str) -> str:
    text = _COUNT.sub("", name)
    for w in sorted(config().get("noise_words", []), key=len, reverse=True):
        text = text.replace(w, "")
    return text or name


def _levels(name: str) -> set[int]:
    return {i for i, g in enumerate(config().get("level", [])) if any(w in name for w in g["words"])}


def name_score(programme: str, claim: str) -> float:
    """0-100: how well a claim's name answers a programme's name: 0 when they name different
    governments' lists (省定 vs 我市), the threshold at least when they name the same one."""
    a, b = _levels(programme), _levels(claim)
    if a and b and not a & b:
        return 0.0
    score = similarity(_core(programme), _core(claim))
    return max(score, float(config().get("name_threshold", 60))) if a & b else score


def pair_claims(programmes: Sequence[Commitment], claims: Sequence[Commitment]) -> dict[int, Commitment]:
    """Programme index → the claim that answers it: one to one, best score first; a claim with a
    generic name (`民生实事`) answers a year's only programme, one with the programme's count
    (`十五件` for `15件`) answers it unless the names say different governments."""
    threshold = float(config().get("name_threshold", 60))
    generic = set(config().get("generic_names", []))
    scored = []
    for i, p in enumerate(programmes):
        for j, c in enumerate(claims):
            score = name_score(p.indicator, c.indicator)
            if score > 0 and (
                (c.indicator in generic and len(programmes) == 1) or (c.value and c.value == p.value)
            ):
                score = max(score, threshold)  # `民生实事全面完成` / the same count (15件 and 十五件)
            if score >= threshold:
                counts_agree = p.value is not None and p.value == c.value
                scored.append((-score, not counts_agree, c.value is None, i, j))
    out: dict[int, Commitment] = {}
    used: set[int] = set()
    for *_, i, j in sorted(scored):
        if i not in out and j not in used:
            out[i] = claims[j]
            used.add(j)
    return out


def _item(rec: Commitment, row: ScoreRow | None, claim_class: str | None, next_exists: bool) -> ItemVerdict:
    status = row.status if row is not None else ("not_reported" if next_exists else "pending")
    verified = status in ("met", "exceeded", "missed")
    status = {"exceeded": "met", "qualitative": "not_reported" if next_exists else "pending"}.get(
        status, status
    )
    claimed = status == "not_reported" and claim_class == "complete"
    return ItemVerdict(rec, status, verified, claimed, row)


def _source(c: Commitment) -> str:
    return f"{c.source}#{c.start}-{c.end}"


def judge_programmes(
    records: Sequence[Commitment], rows: Sequence[ScoreRow], report_years: set[tuple[str, int]]
) -> list[ProgrammeVerdict]:
    """Every programme of `records` with its claim and item statuses. `rows`: the scorecard rows (an
    item's row is the row of its target); `report_years`: the (region, year) reports that exist."""
    by_source = {r.target_source: r for r in rows}
    progs: dict[tuple[str, int], list[Commitment]] = defaultdict(list)
    claims: dict[tuple[str, int], list[Commitment]] = defaultdict(list)
    items: dict[tuple[str, str, str], list[Commitment]] = defaultdict(list)
    for r in records:
        if r.kind == "programme":
            progs[(r.region, r.period_year)].append(r)
        elif r.programme and r.kind == "result":
            claims[(r.region, r.period_year)].append(r)
        elif r.programme and r.kind == "target":
            items[(r.source, r.region, r.programme)].append(r)
    out: list[ProgrammeVerdict] = []
    for (region, year), ps in sorted(progs.items()):
        paired = pair_claims(ps, claims.get((region, year), []))
        nxt = (region, year + 1) in report_years
        for i, p in enumerate(ps):
            claim = paired.get(i)
            cls = outcome_class(claim.verb) if claim is not None else None
            v = ProgrammeVerdict(p, claim, cls, nxt)
            v.items = [
                _item(t, by_source.get(_source(t)), cls, nxt) for t in items[(p.source, region, p.programme)]
            ]
            out.append(v)
    return out


def unanswered_claims(
    records: Sequence[Commitment], verdicts: Sequence[ProgrammeVerdict]
) -> list[Commitment]:
    """Claims that answer no programme of the records (last year's list is not in the shipped reports)."""
    used = {id(v.claim) for v in verdicts if v.claim is not None}
    return [r for r in records if r.kind == "result" and r.programme and id(r) not in used]


def describe() -> list[dict[str, str]]:
    """The methodology's paragraphs on 民生实事 (methodology.html)."""
    cfg = config()
    return [
        {
            "title": "民生实事 · programmes of promised items",
            "text": (
                "A list of 民生实事 (票决实事, 惠民工程 …) in a plan is one programme; its count N is the number the "
                "text states (null when it states none). Each numbered item is a target of its own, matched to the "
                "next report's results and judged with the same rules, tolerances and overrides as every other "
                "target: 完成/met when an item-level result meets it, 未完成/missed when one falls short, "
                "未报告/not reported when the next report names no figure for it, 待评估/pending before the next "
                "report. An item without a figure counts as not reported unless a result answers it.\n"
                "The next report's claim about the list (`10件票决实事顺利完成`, `省定民生实事、市定惠民工程全面完成`) "
                f"is paired with the programme by name (rapidfuzz score ≥ {cfg.get('name_threshold')} after counts and "
                "the words "
                + "、".join(cfg.get("noise_words", []))
                + " are removed; a claim of a province's list never "
                "answers a city's). It is shown with both quotes, as claimed. When the claim says 全部完成 (or "
                "全面完成, 顺利完成 …) but the items are not reported one by one, each such item stays "
                "未报告/not reported and is marked 据称完成/claimed: the claim is the government's own word, "
                "distinguished from a status verified by a figure, and it never turns an item into met.\n"
                "When a list's stated count N and the number of items found differ, the report gets a "
                "validation problem (programme_count_agrees) instead of a silent mismatch. When a report names "
                "a list with its count but does not list it (持续办好十件民生实事), the year page says the items "
                "are not in the report and cannot be tracked one by one."
            ),
        }
    ]
