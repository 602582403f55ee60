"""Whose number is it: the indicator that a bare or generic phrase refers to, from its sentence or paragraph.

Belongs here: a head noun alone (`总量达5.3万亿元`, `总数达到126家`) or a share (`占地区生产总值比重达到55%`)
belongs to the indicator before it in the sentence; a bare `全年增长4.8%` with no indicator in its sentence
takes the paragraph's implied subject (`经济运行…` → 经济增长, i.e. GDP); sub-groups introduced by 其中
(`其中城镇、农村居民分别增长…`) complete their names from the indicator before. The patterns are
data/cues.csv rows (`generic_head`, `share_start`, `implied_subject`, `implied_verb`).
Does not belong: reading numbers (`numbers`) or deciding what is a commitment (`commitments`).
"""

from __future__ import annotations

from extractors.cues import Cues


def attach(ind: str, before: str, cue: Cues) -> str:
    """`总量` after `GDP` → `GDP总量`; `占地区生产总值比重` after `民营经济增加值` → joined. A leading
    action verb of `before` is dropped (`新增规模工业企业` + `总数` → `规模工业企业总数`)."""
    if not before or not (cue.patterns["generic_head"].match(ind) or cue.patterns["share_start"].match(ind)):
        return ind
    m = cue.lead_verb.match(before)
    if m and len(before) > m.end():
        before = before[m.end() :]
    verb = cue.patterns["implied_verb"].search(before)
    if verb and verb.end() == len(before) and verb.start() > 0:
        before = before[: verb.start()]  # `经济增长` + `总量` → 经济总量
    return before + ind


def implied_subject(text: str, start: int, end: int, cue: Cues) -> str | None:
    """The subject the paragraph text[start:end] talks about (the last mention), e.g. 经济."""
    last = None
    for last in cue.patterns["implied_subject"].finditer(text, start, end):  # noqa: B007
        pass
    return next((g for g in last.groups() if g), None) if last else None


def implied_indicator(subject: str | None, verb: str | None, cue: Cues) -> str | None:
    """`经济` + `增长` → `经济增长`: only for a growth verb (`implied_verb`), else None."""
    m = cue.patterns["implied_verb"].search(verb) if subject and verb else None
    return subject + m.group() if subject and m else None


def complete_sub_names(names: list[str], parent: str) -> list[str]:
    """`城镇居民`, `农村居民` under `居民人均可支配收入` → 城镇居民人均可支配收入, 农村居民人均可支配收入:
    when every name ends with the start of the parent, the rest of the parent is appended."""
    for k in range(len(parent) - 1, 1, -1):
        if all(n.endswith(parent[:k]) for n in names):
            return [n + parent[k:] for n in names]
    return names
