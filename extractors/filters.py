"""Is this number a commitment? The lexical tests on the words around one quantity.

Belongs here: numbers inside names (`50亿元以上项目2个`, quoted names, `十项行动`, `民生实事` lists),
ordinals after 第, baselines after 从/由 or `（上年…）`, rankings, progress against a year's plan,
facts about the country or the year (`我国有2.9亿在校学生`, `今年高校毕业生765万人`), the change
against last year that restates the figure before (`比去年增加5600亿元`), and the noun read after a
number (`新增2条镇村公交线路`). Patterns come from data/cues.csv via `Cues`. Does not belong: walking
sentences and building records (`commitments`).
"""

from __future__ import annotations

import re

from extractors.clauses import Span, quoted
from extractors.cues import Cues
from extractors.numbers import Quantity
from extractors.records import Commitment

_NAME_GAP = 8  # `50亿元以上项目2个`: a number this close before another one names the thing counted
# unit families that can stand before their noun (`新增2条镇村公交线路`); percentages never do
_NCN_FAMILIES = frozenset(
    "count money money_usd money_eur weight area length energy power volume time ratio".split()
)
_CONJ = re.compile(r"[和及与并或]")
_ORDINAL = re.compile(r"第 ?$")
_BASELINE_SPAN = 12  # `由2015年的`: the starting point of a change may name its year
_BASELINE = re.compile(r"(?:从|由) ?(?:(?:19|20)\d\d ?年(?:末|底)?的?)?$")  # `由2015年的45603元提高到…`
_RANK_UNITS = {"位", "名", "次"}


def admissible(text: str, cue: Cues, sent: Span, cl: Span, q: Quantity, ranked: bool) -> bool:
    """Lexical filters: quoted names, ordinals after 第, baselines after 从/由, attributive `…的`
    (not a level: `稳定在5%左右的较低水平`), rankings, progress shares."""
    if quoted(text, sent.start, q.start):
        return False
    before = text[max(cl.start, q.start - 2) : q.start]
    if "第" in before and _ORDINAL.search(before):  # (the `in` tests skip the regexes on most numbers)
        return False
    if "从" in before or "由" in before or "年" in before:
        wider = text[max(cl.start, q.start - _BASELINE_SPAN) : q.start]
        if _BASELINE.search(wider):
            return False
    if text.startswith("的", q.end) and not cue.patterns["level_after"].match(text[q.end : q.end + 12]):
        return False  # `5%以上的企业`: the number describes a noun; `5%左右的较低水平` states a level
    if ranked and q.unit in _RANK_UNITS:
        return False
    if q.family == "percent" and cue.patterns["task_share"].search(text, cl.start, q.start):
        return True  # `完成年度任务的135%`: a result as a share of the year's task (commitments keeps the words)
    return not cue.patterns["share_of_year"].search(text, cl.start, q.start)


def fact(cue: Cues, plan: bool, pre: str, ind: str, gap: str, q: Quantity) -> bool:
    """`我国有2.9亿在校学生`, `14亿多中国人`, `今年高校毕业生765万人`: facts about the country or the
    year, not commitments."""
    pat = cue.patterns
    if q.unit == "亿" and pat["population_after"].match(gap.strip()):
        return True
    return plan and bool(pat["existence_before"].search(pre.rstrip()) or pat["fact_subject"].match(ind))


def modifies_next(q: Quantity, nxt: Quantity, gap: str) -> bool:
    """A count directly followed (no 、) by a phrase ending in a rate is part of the rate's name."""
    return q.family == "count" and nxt.family in ("percent", "percentage_point") and "、" not in gap


def names_next(gap: str) -> bool:
    """`50亿元以上项目2个`: a short gap (no 、, 和, bracket) after a number means it names the next one's thing."""
    if "\t" in gap or "，" in gap or "；" in gap:
        return False  # a table cell or a clause (inside brackets) ends between them
    g = gap.strip()
    return 0 < len(g) <= _NAME_GAP and g[0] not in "（(" and "、" not in g and not _CONJ.search(g)


def post_noun(cue: Cues, gap: str, q: Quantity, last: bool, noun_first: bool) -> tuple[str | None, bool]:
    """The noun after a number in `新增2条镇村公交线路` order ("" when the noun came first), and
    whether it ends before the next number (else the next number's phrase starts with it). None for
    a duration followed by a verb (`5天签约`), a policy name (`15条硬措施`) or a class named by a ceiling
    (`30万千瓦以下煤电机组`)."""
    g = gap.strip()
    if not g or g[0] in "、，；：。（()）”" or _CONJ.match(g) or gap.lstrip(" ").startswith("\t"):
        return "", True  # nothing after the number, or the next table cell
    if cue.patterns["name_after"].match(g):
        return None, True
    if q.chinese and q.multiplier == 1:
        return None, True  # `十项行动`, `三大攻坚战`: Chinese numerals before a noun name a programme
    if q.family not in _NCN_FAMILIES and (noun_first or not last):
        return "", True  # `增长5%，…`; a share opening its clause names its noun after (`50%以上村卫生室…`)
    pat = cue.patterns
    if q.family == "time" or (q.unit_base == "条" and pat["policy_name"].match(g)):
        return None, True
    if pat["post_ignore"].match(g):
        return "", True
    if q.post and cue.after.get(q.post) == "max":
        return None, True  # `淘汰30万千瓦以下煤电机组`: a ceiling before a noun names a class of things
    consumed = True
    if not last:
        cut = g.rfind("、")
        if cut > 0:
            g = g[:cut]
        elif _CONJ.search(g):
            g = _CONJ.split(g)[0]
        else:
            consumed = False
    return g.rstrip("。；，、 ")[:24], consumed


def restates_previous(cue: Cues, prev: Commitment | None, pre: str, q: Quantity) -> bool:
    """`比去年增加5600亿元` after `财政赤字2.18万亿元`, `比上年提高1.2个百分点` after a target rate: a
    change against last year in the unit of the figure before. Growth rates in % are kept, and so is a
    result's `较上年提高1.58个百分点`: targets are often set as that change (`城镇化率提高1.5个百分点`)."""
    if prev is None or prev.value is None or q.family == "percent":
        return False
    if q.family == "percentage_point" and prev.kind == "result":
        return False
    if not cue.patterns["delta_before"].match(pre.strip()):
        return False
    return q.family == "percentage_point" or q.unit_base == prev.unit_base
