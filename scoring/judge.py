"""Judge one target against its matched result: the verdict rules, in one place.

Parameters (tolerances, margins, polarity and direction words) live in scoring/data/rules.toml;
`describe_rules()` states the same rules in plain words for methodology.html. Pure functions on
records; the caller decides whether a next report exists and which result was matched.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cache

from extractors.lexicon import load_lexicon, renamings
from extractors.records import Commitment
from scoring.config import section
from scoring.text import fmt_number, text_before_figure
from scoring.units import convert, is_percent, parse_unit

EPS = 1e-9


@dataclass(frozen=True)
class Verdict:
    """The status, gap (actual − target in the target's unit) and how the comparison was made."""

    status: str
    gap: float | None = None
    actual: float | None = None  # in the target's unit; for reductions the size of the fall
    goal: str = ""  # higher | lower | ceiling : which way was good
    reduction: bool = False
    estimated: bool = False
    edge: str = ""  # "" or why the verdict hangs on a tolerance edge (`edge_note`): flagged on the page


def lexicon_polarity(canonical: str | None) -> str | None:
    entry = load_lexicon().entries.get(canonical) if canonical else None
    return entry.polarity if entry else None


def polarity(c: Commitment) -> str:
    """higher (default), lower or ceiling: the lexicon's polarity for a canonical indicator (one source of
    truth, extractors/data/lexicon.csv), else rules.toml's word lists for indicators outside the lexicon."""
    pol = section("polarity")
    known = lexicon_polarity(c.canonical)
    if known:
        return known
    text = f"{c.canonical or ''} {c.indicator or ''}"
    for name in ("ceiling", "lower"):
        if any(word in text for word in pol.get(name, [])):
            return name
    return "higher"


@cache
def _direction_words() -> tuple[re.Pattern[str], dict[str, str]]:
    kinds: dict[str, str] = {}
    for kind in ("increase", "reduction", "level"):  # later kinds win on identical words
        for word in section("direction").get(kind, []):
            kinds[word] = kind
    words = sorted(kinds, key=len, reverse=True)
    return re.compile("|".join(map(re.escape, words))), kinds


def direction(c: Commitment) -> str | None:
    """How the figure moves: reduction, increase, level (降到 …) or None, from verb, phrase, clause."""
    pattern, kinds = _direction_words()
    for text in (c.verb, c.indicator, text_before_figure(c)):
        hits = pattern.findall(text or "")
        if hits:
            return kinds[hits[-1]]
    return None


def measure(c: Commitment) -> str:
    """What a figure states: `change` (a growth rate or an amount moved: 增长8%, 涨幅控制在3%, 增加50亿元)
    or `level` (完成500亿元, 失业率4.5%, 达到55%). A target is judged only against a result of the same
    kind: `完成XX亿元，增长X%` gives one of each. Counts are always `level`: a flow and a stock of people
    or things are written alike (脱贫1000万人 / 贫困人口减少1240万). Words: rules.toml [kind]."""
    family = parse_unit(c.unit).family
    if family in ("percent", "permille"):  # rates: 增长8%, 人口自然增长率5.8‰
        return _percent_measure(c)
    if family in ("count", "number"):  # people, things, and bare 万/亿 counts (500万沼气用户)
        return "level"
    return "change" if _moved_by_amount(c) else "level"


def _percent_measure(c: Commitment) -> str:
    kind = section("kind")
    said = f"{c.verb or ''}{c.indicator or ''}{text_before_figure(c)}"
    if any(w in said for w in kind.get("share_words", [])):
        return "level"  # a share (`分别占全市的73%`, `占全省比重增至76%`)
    moved = direction(c)
    if moved in ("increase", "reduction") or any(w in (c.indicator or "") for w in kind.get("change_nouns", [])):
        return "change"
    # no word at all (`…增长14%；社会消费品零售总额12%`): a % of an indicator measured in yuan,
    # people or jin is its growth rate; a %-only indicator (失业率, 城镇化率) states a level
    entry = load_lexicon().entries.get(c.canonical or "")
    levels = set(entry.unit_families) - {"percent"} if entry else set()
    return "change" if moved is None and levels else "level"


@cache
def _amount_words() -> tuple[re.Pattern[str], frozenset[str], re.Pattern[str] | None]:
    kind = section("kind")
    amounts = frozenset(kind.get("amount_verbs", []))
    words = sorted(amounts | set(section("direction").get("level", [])), key=len, reverse=True)
    names = kind.get("not_amount", [])
    strip = re.compile("|".join(map(re.escape, names))) if names else None
    return re.compile("|".join(map(re.escape, words))), amounts, strip


def _moved_by_amount(c: Commitment) -> bool:
    """The verb (else the phrase) moves the figure by an amount (增加50亿元), not to a level (提高到…)."""
    pattern, amounts, strip = _amount_words()
    for text in (c.verb, c.indicator):
        text = strip.sub("", text or "") if strip else (text or "")
        hits = pattern.findall(text)
        if hits:
            return hits[-1] in amounts
    return False


def _band(value: float, unit: str | None, pp_key: str, rel_key: str) -> float:
    judge = section("judge")
    return float(judge[pp_key]) if is_percent(unit) else float(judge[rel_key]) * abs(value)


def goal_of(t: Commitment, reduction: bool) -> str:
    """Which way is good for this target: explicit ceilings and ceiling indicators cap it."""
    if t.comparator == "max" or (polarity(t) == "ceiling" and not reduction):
        return "ceiling"
    if reduction or t.comparator in ("min", "range"):
        return "higher"
    return polarity(t)


def _status(t: Commitment, actual: float, goal: str, tol: float | None = None) -> str:
    v, high = float(t.value or 0.0), t.value_high
    if tol is None:
        tol = _band(v, t.unit, "approx_tolerance_pp", "approx_tolerance_rel") if t.comparator == "approx" else 0.0
    margin = _band(v, t.unit, "exceed_margin_pp", "exceed_margin_rel")
    if goal == "ceiling":
        limit = high if (t.comparator == "range" and high is not None) else v
        return "met" if actual <= limit + tol + EPS else "missed"
    if goal == "lower":
        if actual <= v - margin + EPS:
            return "exceeded"
        return "met" if actual <= v + tol + EPS else "missed"
    top = high if (t.comparator == "range" and high is not None) else v
    stretch_hit = bool(section("judge").get("stretch_reached_is_exceeded", True)
                       and t.stretch is not None and t.stretch > v and actual >= t.stretch - EPS)
    if actual >= top + margin - EPS or stretch_hit:
        return "exceeded"
    return "met" if actual >= v - tol - EPS else "missed"


def edge_note(t: Commitment, actual: float, goal: str) -> str:
    """Why a verdict hangs on a tolerance edge, or "": the 左右 band decided it (without the band the
    verdict would differ), or the actual lies within rules.toml's edge margin of the band's outer edge
    (a tolerance that much wider or narrower would flip it). Only targets with a band (左右) have one."""
    if t.comparator != "approx":
        return ""
    v = float(t.value or 0.0)
    tol = _band(v, t.unit, "approx_tolerance_pp", "approx_tolerance_rel")
    near = _band(v, t.unit, "edge_margin_pp", "edge_margin_rel")
    zh, en = ("个百分点", "pp") if is_percent(t.unit) else (t.unit or "", t.unit or "")
    if _status(t, actual, goal) != _status(t, actual, goal, tol=0.0):
        band = fmt_number(round(tol, 4))
        return f"仅在±{band}{zh}容差内 only within the ±{band} {en} tolerance"
    outer = v + tol if goal in ("ceiling", "lower") else v - tol
    if abs(actual - outer) <= near + EPS:
        off = fmt_number(round(abs(actual - outer), 4))
        return f"距容差边界{off}{zh} {off} {en} from the tolerance edge"
    return ""


def task_share(r: Commitment) -> bool:
    """A result stated as a share of the year's task (`完成年度任务的135%`, verb set by the extractor):
    judged as that share of the target it answers (rules.toml [task_share])."""
    words = section("task_share").get("verb_words", [])
    return r.unit == "%" and bool(r.verb) and any(w in (r.verb or "") for w in words)


def signed_actual(t: Commitment, r: Commitment, reduction: bool) -> float | None:
    """The result in the target's unit and sense: the size of the fall for reduction targets; a share
    of the year's task times the target (135% of 5.5万人 is 7.425万人)."""
    if task_share(r) and r.value is not None and t.value is not None and t.unit != "%":
        return round(float(t.value) * r.value / 100, 6)
    value = convert(r.value, r.unit, t.unit)
    if value is None:
        return None
    moved = direction(r)
    if (reduction and moved == "increase") or (not reduction and moved == "reduction"):
        return -value
    return value


def judge(t: Commitment, r: Commitment | None, next_report: bool) -> Verdict:
    """Verdict for target `t` given its matched result `r` and whether report Y+1 exists."""
    if t.comparator == "qualitative" or t.value is None:
        return Verdict("qualitative")
    if not next_report:
        return Verdict("pending")
    if r is None or r.value is None:
        return Verdict("not_reported")
    reduction = direction(t) == "reduction"
    actual = signed_actual(t, r, reduction)
    if actual is None:
        return Verdict("not_reported", estimated=r.estimated)
    goal = goal_of(t, reduction)
    gap = round(actual - float(t.value), int(section("judge").get("gap_decimals", 4)))
    return Verdict(_status(t, actual, goal), gap, actual, goal, reduction, r.estimated, edge_note(t, actual, goal))


def ceiling_labels() -> list[str]:
    """Labels of the lexicon's ceiling indicators (居民消费价格涨幅, 城镇登记失业率 …), in file order."""
    return [e.label for e in load_lexicon().entries.values() if e.polarity == "ceiling"]


def describe_rules() -> list[dict[str, str]]:
    """The rules in plain words (title, text), with the configured numbers, for methodology.html."""
    j, m = section("judge"), section("match")
    pol, tl = section("polarity"), section("term_level")
    groups = "; ".join("/".join(g["words"]) for g in m.get("exclusive", []))
    return [
        {"title": "配对 Pairing",
         "text": "第 Y 年报告提出的当年目标，与同一地区第 Y+1 年报告给出的第 Y 年结果对照。多年合计与多年目标"
                 "（年均、累计、十四五）不计入（唯一例外见“多年回顾的期末水平”）。没有第 Y+1 年报告时，目标为待评估。"
                 "\nTargets for year Y (from the report of year Y) are judged against results for year Y "
                 "from the report of year Y+1 of the same region. Multi-year aggregates and multi-year "
                 "targets (年均, 累计, 十四五) are left out (the one exception: end levels from a multi-year review). Without a report for Y+1 a target is pending."},
        {"title": "匹配 Matching",
         "text": "每个目标至多配一个结果，先配最可靠的：分析人员指定的配对，其次是词表中的同一规范指标（分数 100），"
                 f"再次是名称最相似的指标（rapidfuzz，评分方法 {m.get('scorer')}，满分 100，{m.get('fuzzy_threshold')} "
                 "分及以上才接受）。单位须可比（%、人、元、斤…；万、亿、万亿换算；“百分点”的变动从不与“%”的水平比较）。"
                 "同一指标有多个结果时，主要指标和非预计数优先。"
                 "\nA target is paired with at most one result, best pair first: an analyst's pin, then the "
                 "same canonical indicator from the lexicon (score 100), then the most similar indicator "
                 f"phrase (rapidfuzz, scorer {m.get('scorer')}, accepted at {m.get('fuzzy_threshold')} or "
                 "more out of 100). Units must be comparable (%, people, yuan, jin …; 万, 亿, 万亿 converted; "
                 "a change in 百分点 never compares with a level in %). "
                 "Among results of one indicator, headline and non-estimated figures come first."},
        {"title": "多年回顾的期末水平 End levels from a multi-year review",
         "text": "任期末的报告先回顾整个任期（过去五年、“十三五”时期），这些多年数字一般不计入；只有一种例外："
                 "写明任期末达到的水平的数字（动词为" + "、".join(tl.get("end_verbs", [])) + "），任期末即上年末，"
                 "所以它就是上年的水平。水平目标（要达到或保持的值、比例、比重、比率；新增、完成等当年流量不算）"
                 "在下一年报告中没有可配的单年结果时，用这个数字判定，该行注明“实际值取自多年回顾”。"
                 "单年结果只要有，总是优先。多年回顾中的变动数字（增长X%、提高X个百分点）、前面带"
                 + "、".join(tl.get("aggregate_words", [])) + "等词的数字、写明其他年份的数字，一律不用。"
                 "\nA report that closes a term first reviews the whole term (过去五年, “十三五”时期), and those "
                 "multi-year figures are left out, with one exception: a figure that states the level reached "
                 "at the end of the term (verbs above) is last year's level, since the term ends with last "
                 "year. A level target (a value to reach or hold, a ratio, a share, a rate; not a flow of the "
                 "year such as 新增 or 完成) with no one-year result in the next report that could answer it is "
                 "judged against that figure, and the row's note says the actual comes from the multi-year "
                 "review. A one-year result, when there is one, always wins. A term's changes (增长X%, 提高X个百分点), "
                 "figures after the aggregate words above, and figures naming another year are never used. "
                 "Words: scoring/data/rules.toml [term_level]."},
        {"title": "完成年度任务的比例 Shares of the year's task",
         "text": "结果写成“完成年度任务的135%”时，它对应同一指标的目标（任何单位），按目标乘以该比例折算后判定"
                 "（5.5万人的135%即7.425万人），页面注明折算。没有具体指标名的比例（“完成全年目标任务的105%”）不算结果。"
                 "\nA result written as a share of the year's task (`完成年度任务的135%`) answers the target of "
                 "its indicator in any unit and is judged as that share of the target (135% of 5.5万人 is "
                 "7.425万人); the row says so. A share that names no indicator is progress, not a result."},
        {"title": "近名不配 Near-names never match",
         "text": "中心词不同的名称（增加值与企业、产量与播种面积），或含同一区分组中不同词的名称"
                 f"（{groups}），指的是不同事物，从不配对。"
                 "\nPhrases with different head nouns (增加值 vs 企业, 产量 vs 播种面积) or with different words "
                 f"of one distinguishing group ({groups}) name different things and are never paired."},
        {"title": "状态 Statuses",
         "text": "完成、超额完成、未完成；下一年报告已发布但没有给出该目标的数字为“未报告”；还没有下一年报告为"
                 "“待评估”；目标没有数字为“定性”（页面给出下一年报告中最接近的句子及相似度，仅作证据，不作判定）。"
                 "\n完成 met, 超额完成 exceeded, 未完成 missed; 未报告 not_reported when the next report exists "
                 "but states no figure for the target; 待评估 pending when there is no next report yet; "
                 "定性 qualitative when the target has no number (the closest sentence of the next report is "
                 "shown as evidence, with its similarity score, not as a verdict)."},
        {"title": "左右 Approximate targets",
         "text": f"“左右”目标：百分比目标上下{j['approx_tolerance_pp']}个百分点以内、水平目标（人数、金额、斤…）上下"
                 f"{j['approx_tolerance_rel']:.0%}以内算完成。各级政府（国务院、省、市、县、区）、各年份一律使用同一容差。"
                 f"\nA 左右 target is met within ±{j['approx_tolerance_pp']} percentage point for % targets and "
                 f"±{j['approx_tolerance_rel']:.0%} of the target for levels (people, yuan, jin …). The same tolerances "
                 "apply at every level of government (State Council, province, city, county, district) and in every year."},
        {"title": "容差边缘 Verdicts on a tolerance edge",
         "text": "判定取决于容差时标注“容差边缘”（记分卡中的 tolerance_edge 列）：实际值只在“左右”容差带内才算完成"
                 f"（不计容差则结论不同），或实际值距容差带外沿不超过{j.get('edge_margin_pp', 0.1)}个百分点（水平目标为"
                 f"{float(j.get('edge_margin_rel', 0.01)):.0%}），容差稍宽或稍窄结论即会改变。"
                 "\nA verdict is flagged “tolerance edge” (column tolerance_edge of scorecard.csv) when the 左右 band "
                 "decided it (without the band it would differ), or when the actual lies within "
                 f"{j.get('edge_margin_pp', 0.1)} percentage point (levels: {float(j.get('edge_margin_rel', 0.01)):.0%}) "
                 "of the band's outer edge, so that a slightly wider or narrower tolerance would flip it."},
        {"title": "以上 / 区间 / 力争 Floors, ranges and stretch goals",
         "text": "“以上”和不带限定词的数字，实际值达到或高于该数即为完成；区间目标（5.0%—5.5%）达到下限即为完成。"
                 f"超额完成指明显高于目标（或区间上限）：百分比目标高出 {j['exceed_margin_pp']} 个百分点及以上，"
                 f"水平目标高出 {j['exceed_margin_rel']:.0%} 及以上"
                 + ("；达到“力争”值也算超额完成" if j.get("stretch_reached_is_exceeded", True) else "")
                 + "。力争值显示在判定旁。"
                 "\n以上 and plain numbers are met at or above the number; a range (5.0%—5.5%) is met from its "
                 "low end. Exceeded means clearly above the target (or a range's high end): "
                 f"+{j['exceed_margin_pp']} percentage point for %, +{j['exceed_margin_rel']:.0%} for levels"
                 + ("; reaching the 力争 stretch value also counts as exceeded" if j.get(
                     "stretch_reached_is_exceeded", True) else "")
                 + ". The stretch value is shown beside the verdict."},
        {"title": "上限 Ceilings",
         "text": "“以内”“控制在”“低于”等目标，以及下列上限指标，是上限而非点值：实际值等于或低于上限（“左右”目标加容差）"
                 "即为完成，远低于上限也算完成，超过上限（及容差）为未完成；上限目标不会“超额完成”。"
                 "\n以内 / 控制在 / 低于 targets and the ceiling indicators below are limits, not points: an actual at or "
                 "below the limit (plus the 左右 band when the target says 左右) is met, however far below; above it "
                 "is missed; a ceiling is never 'exceeded'. Lower-is-better indicators ("
                 + "、".join(pol.get("lower", [])) + ") are exceeded when clearly below."
                 + "\n上限指标 Ceiling indicators (extractors/data/lexicon.csv, polarity ceiling):"
                 + "".join(f"\n- {label}" for label in ceiling_labels())
                 + "\n其他含这些词的指标 Other indicators containing: " + "、".join(pol.get("ceiling", []))},
        {"title": "同类配对 Like with like",
         "text": "城市报告常同时给出总量和增速（“完成XX亿元，增长X%”）。增速目标只与增速结果比较，总量目标只与总量结果比较；"
                 "百分比目标从不与金额结果比较（单位须相容）。带“增长、提高、上涨、涨幅、增速”等词的百分比为增速，"
                 "“增加、减少、增产”等按数额变动的金额、重量为变动量，其余为水平（人数、项目等计数不区分）。"
                 "\nA city report usually states both a level and a growth rate (完成XX亿元，增长X%). A growth target is "
                 "judged only against a growth result and a level target against a level; a % target never against "
                 "a money result (units must be compatible). Words: scoring/data/rules.toml [kind]. A % level "
                 "named after an indicator that the lexicon never measures in % (科技型中小企业加计扣除比例100%) is "
                 "matched by its name, not as that indicator."},
        {"title": "指标更名 Renamed indicators",
         "text": "同一指标在不同年份名称不同（括号内为该名称使用的报告年份）；目标与结果使用不同时期的名称时，记分卡注明。"
                 "\nOne indicator under the names of different years (report years in brackets); a row whose target "
                 "and result use names of different eras says so."
                 + "".join(f"\n- {label}: " + " · ".join(
                     f"{alias} ({lo or ''}–{hi or ''})" for alias, lo, hi in names) for label, names in renamings())},
        {"title": "降低 Reductions",
         "text": "降低类目标（能耗降低2.5%左右）比较下降的幅度：实际下降3%即达到；实际上升按负的降幅计。"
                 "“降到”“降至”表示水平，不是降幅。"
                 "\nA reduction target (能耗降低2.5%左右) compares the size of the fall: a result that fell 3% "
                 "meets it; a result that rose counts as a negative fall. 降到/降至 state a level, not a fall."},
        {"title": "差距 Gap",
         "text": "差距 = 实际 − 目标，按目标的单位计（结果的单位先换算）；区间目标从下限算起，降低类目标为实际降幅 − 目标降幅。"
                 "\ngap = actual − target, in the target's unit after converting the result's unit "
                 "(for a range, from its low end; for reductions, fall − targeted fall)."},
        {"title": "预计 Estimated results",
         "text": "报告标为“预计”的结果照常判定，但在判定旁标注。"
                 "\nA result the report marks 预计 (estimated) is judged like any other but flagged beside the "
                 "verdict."},
        {"title": "人工复核 Analyst overrides",
         "text": "data/overrides.csv 可以指定或禁止某个配对，或直接设定状态，须写明理由、复核人和日期；这些行标注“人工复核”。"
                 "目标已不存在的覆盖列在问题页。"
                 "\ndata/overrides.csv can pin or forbid a match or set a status, with reason, reviewer and "
                 "date; such rows are marked reviewed. An override whose target no longer exists is "
                 "listed on the problems page."},
    ]
