"""民生实事 judged: each programme of year Y with the claim of report Y+1 and the status of its items.

Belongs here: pairing a claim (`10件区人大代表票决实事顺利完成`) with the programme it answers (names
compared with rapidfuzz after counts and noise words are removed, `scoring/data/programmes.toml`),
each item's status from its own scorecard row (items are targets: matched and judged like every
other target, same rules and overrides, then one by one against the next report's review in
scoring/programme_items.py) and whether a programme-level claim covers an item that the next report
does not mention one by one (`claimed`: shown as claimed, never as verified). Does not belong:
extracting lists and claims (extractors/programmes.py), HTML (reports/).
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
from scoring.match import clean_phrase, similarity
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


def _key(region: str, year: int, canonical: str | None, indicator: str, value: float | None,
         high: float | None, unit: str | None, comparator: str, clause: str) -> tuple:
    """What makes two targets one row (scoring.compare's `_dedupe`): the same figure for the same indicator."""
    return (region, year, canonical or clean_phrase(indicator), value, high, unit, comparator,
            clause if value is None else "")


class ItemRows:
    """An item's scorecard row: its own, else the row of the target it repeats (`城镇新增就业5.5万人` in
    the main targets and again as item 1 of the list make one row, the first one's)."""

    def __init__(self, rows: Sequence[ScoreRow]) -> None:
        self._by_source = {r.target_source: r for r in rows}
        self._by_key: dict[tuple, ScoreRow] = {}
        for r in rows:
            self._by_key.setdefault(_key(r.region, r.period_year, r.canonical, r.indicator, r.target_value,
                                         r.target_value_high, r.target_unit, r.comparator, r.target_clause), r)

    def get(self, t: Commitment) -> ScoreRow | None:
        own = self._by_source.get(_source(t))
        if own is not None:
            return own
        return self._by_key.get(_key(t.region, t.period_year, t.canonical, t.indicator, t.value, t.value_high,
                                     t.unit, t.comparator, t.clause))


def judge_programmes(
    records: Sequence[Commitment], rows: Sequence[ScoreRow], report_years: set[tuple[str, int]]
) -> list[ProgrammeVerdict]:
    """Every programme of `records` with its claim and item statuses. `rows`: the scorecard rows (an
    item's row is the row of its target, or of the target it repeats: `ItemRows`); `report_years`: the (region, year) reports that exist."""
    row_of = ItemRows(rows)
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
                _item(t, row_of.get(t), cls, nxt) for t in items[(p.source, region, p.programme)]
            ]
            out.append(v)
    return out


def unanswered_claims(
    records: Sequence[Commitment], verdicts: Sequence[ProgrammeVerdict]
) -> list[Commitment]:
    """Claims that answer no programme of the records (last year's list is not in the shipped reports)."""
    used = {id(v.claim) for v in verdicts if v.claim is not None}
    return [r for r in records if r.kind == "result" and r.programme and id(r) not in used]


def _objects_text(cfg: dict[str, Any]) -> str:
    return "；".join("/".join(g["words"]) for g in cfg.get("object", []))


def describe() -> list[dict[str, str]]:
    """The methodology's paragraphs on 民生实事 (methodology.html): Chinese first, English second."""
    cfg = config()
    items = cfg.get("items", {})
    noise = "、".join(cfg.get("noise_words", []))
    same_units = "；".join("=".join(g) for g in items.get("same_units", []))
    mods = "；".join("/".join(g) for g in items.get("exclusive", []))
    return [
        {
            "title": "民生实事 · 清单与总体表述 Programmes of promised items",
            "text": (
                "计划部分列出的一份民生实事（票决实事、惠民工程……）清单是一个“清单”记录，数量 N 取报告写明的数字（未写明则为空）。"
                "每一条目是一个目标，下一年报告对它的判定见下一段。下一年报告关于整份清单的表述（“10件票决实事顺利完成”"
                "“省定民生实事、市定惠民工程全面完成”）按名称与清单配对（rapidfuzz，去掉数量和"
                f"{noise}等词后得分 ≥ {cfg.get('name_threshold')}；省定清单的表述从不对应市定清单），"
                "页面给出两段原文，标为“已报告完成”（据称）。写明的数量与找到的条目数不一致时，报告在问题页出现"
                "（programme_count_agrees），不会悄悄忽略；只提到清单名称和数量而没有列出条目的报告，年度页面注明无法逐项跟踪。"
                "\nA list of 民生实事 (票决实事, 惠民工程 …) in a plan is one programme; its count N is the number the "
                "text states (null when it states none). Each numbered item is a target of its own, judged as the "
                "next paragraph says. The next report's claim about the list (`10件票决实事顺利完成`, "
                "`省定民生实事、市定惠民工程全面完成`) is paired with the programme by name (rapidfuzz score ≥ "
                f"{cfg.get('name_threshold')} after counts and the words above are removed; a claim of a province's "
                "list never answers a city's) and shown with both quotes, as claimed. When a list's stated count N "
                "and the number of items found differ, the report gets a validation problem "
                "(programme_count_agrees) instead of a silent mismatch; when a report names a list with its count "
                "but does not list it (持续办好十件民生实事), the year page says the items cannot be tracked one by one."
            ),
        },
        {
            "title": "民生实事 · 逐项核对与“据称完成” Items judged one by one, and what “claimed” means",
            "text": (
                "有数字的条目（新建改扩建幼儿园12所、完成老旧小区改造86个）先和其他目标一样匹配、判定；与计划中另一目标"
                "重复的条目（同一指标、同一数字，如主要目标里的城镇新增就业）与它共用一行，显示那一行的判定。没有配上的，"
                "再到下一年报告的回顾部分（只在回顾部分，不用计划部分和多年合计）找同一事物的数字：单位相同"
                f"（万所与所可换算；视为相同的单位：{same_units}），所数的对象相同，且两边数字前后的词语 rapidfuzz 得分"
                f"（评分方法同“匹配”）≥ {items.get('threshold')}；两边说的是同一类对象时 ≥ {items.get('threshold_same_object')}。"
                "对象词表（同组为同一对象，取短语中最后出现的对象词）："
                f"{_objects_text(items)}。两边还不能含同一组中不同的限定词（{mods}；如农村公路与高速公路）。"
                "“学校”从不对应“幼儿园”；“新改扩建中小学校、幼儿园134所”是两类的合计，"
                "不对应其中任何一类。每个结果至多对应一个条目，得分高者优先。配上后按通常规则判定完成、超额完成或未完成，"
                "记分卡该行的配对方式为 programme，结果原文、文件和字符位置即证据。"
                f"实际数达到承诺的 {items.get('far_above')} 倍及以上时，该行注明可能是累计数或更大范围的数，请核对原文（判定不变）。"
                "\n没有配上、而下一年报告说整份清单“全部完成”（全面完成、顺利完成……）的条目仍为“未报告”，另标“据称完成”："
                "这是政府自己的说法，证据是那句总体表述，不是该条目的数字，所以从不算作“完成”。没有数字的条目（定性）不作逐项判定。"
                "\nItems with a figure are first matched and judged like every other target; an item that repeats another "
                "target of the plan (the same indicator and figure, e.g. 城镇新增就业 among the main targets) shares "
                "that target's row and shows its verdict. Those left unmatched are "
                "looked for in the next report's review only (not its plan, not multi-year totals): a figure in the "
                f"same unit (万所 converts to 所; units counted alike: {same_units}), counting the same object, whose "
                f"surrounding words score ≥ {items.get('threshold')} with rapidfuzz (the matching scorer), ≥ "
                f"{items.get('threshold_same_object')} when both name the same listed object. Objects (one group per "
                "object; a phrase counts the listed word ending last) are listed above: 学校 never answers 幼儿园, and "
                "`新改扩建中小学校、幼儿园134所` is a total of two objects that answers neither alone; nor may the two "
                "carry different words of one modifier group above (农村公路 vs 高速公路). Each result "
                "answers at most one item, best score first. The item is then judged met, exceeded or missed by the "
                "usual rules; its scorecard row has match method `programme` and the result's clause, file and "
                "character offsets as evidence. A figure at least "
                f"{items.get('far_above')} times the promise is flagged as possibly a running total or a wider "
                "area (check the text); the verdict is not changed.\n"
                "An item left unmatched while the next report says the whole list was done (全部完成, 全面完成, 顺利完成 …) "
                "stays not reported and is marked 据称完成/claimed: the claim is the government's own word, its clause "
                "is the evidence, not a figure for the item, so it never counts as met. Items without a figure "
                "(qualitative) are not judged one by one. Words and thresholds: scoring/data/programmes.toml."
            ),
        },
    ]
