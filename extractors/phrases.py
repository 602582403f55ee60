"""Indicator phrases: turn the words around a number into (indicator, verb, qualifier) and list names.

Belongs here: stripping the tail of the text before a number (verbs 增长/达到, qualifiers 控制在/不低于,
adverbs 全年/平均), leading fillers (全年, 力争, 全区 …), notes like （下同）, list numbers, baselines
(`从60.2%提高到`); the names of a 分别 list (`城镇、农村居民人均可支配收入` -> two names); the comparator
from the words around a number. Word lists come from data/words.csv and data/qualifiers.csv via `Cues`.
Does not belong: deciding which numbers are commitments (`commitments`).
"""

from __future__ import annotations

import re

from extractors.cues import Cues
from extractors.numbers import Quantity

_PAREN_NOTE = re.compile(r"[（(](?:下同|预计[^）)]{0,6}|初步统计|快报数)[)）]")
_LIST_NUMBER = re.compile(r"^(?:\d{1,2}[.．、]|[①-⑳]|[（(]\d{1,2}[)）])")
# `从60.2%提高到`, `从一个月以上压缩到`: a baseline figure (not `从失业保险基金结余中拿出`)
_BASELINE_TAIL = re.compile(
    r"(?:从|由)[^从由，、]*(?:\d|[一二两三四五六七八九十百千]+(?:个|万|亿|倍|成|年|月|天))[^从由，、]*$"
)


_END_YEAR = re.compile(r"(?<=[到至为])(?:19|20)\d\d ?年(?:末|底)?的?$")


def clean(pre: str, cue: Cues, after_number: bool = False) -> tuple[str, str | None, str | None]:
    """(indicator, verb, qualifier) from the text before a number: `城镇调查失业率全年控制在` ->
    (`城镇调查失业率`, `控制在`, `控制在`)."""
    s = notes_off(last_cell(pre)).strip()
    if "年" in s:
        s = _END_YEAR.sub("", s)  # `提高到2020年的65632元`: the year of the end value, not a name
    if "，" in s:  # a clause inside brackets: `（其中，税收收入28亿元，增长8%）`
        s = s.replace("其中，", "其中")
        s = s[s.rfind("，") + 1 :]
    verb = qualifier = None
    rev = s[::-1]
    m = cue.tail_rev.match(rev)
    if m:
        for w in cue.tail_word_rev.findall(m.group()):  # nearest the number first
            word = w[::-1]
            if word in cue.before and qualifier is None:
                qualifier = word
            if word in cue.verbs:
                verb = word  # the leftmost verb of the tail is the one said of the indicator
        s = rev[m.end() :][::-1].rstrip()
    if "从" in s or "由" in s:  # the pattern needs one of them; most phrases have neither
        s = _BASELINE_TAIL.sub("", s).rstrip()  # `常住人口城镇化率从60.2%提高到` -> 常住人口城镇化率
    else:
        s = s.rstrip()
    s = strip_fillers(s, cue, after_number)
    if verb is None:
        m = cue.lead_verb.match(s)
        verb = m.group() if m else None
    return s, verb, qualifier


def strip_fillers(s: str, cue: Cues, after_number: bool = False) -> str:
    """Drop list numbers, notes like （下同）, leading fillers (全年, 力争 …) and, after another number,
    a leading conjunction (`和485元/月`)."""
    s = notes_off(s).strip(" 、，,；;：:。").rstrip("（(")
    if s[:1] in "（(" and not any(c in s for c in "）)"):
        s = s[1:]  # `地区生产总值500亿元（增长6%）`: the item after the open bracket
    m = (cue.lead_fill_conj if after_number else cue.lead_fill).match(s)
    return s[m.end() :] if m else s


def list_head(ind: str, cue: Cues) -> str:
    """`新增A、B、C等国家先进制造业集群` -> 新增国家先进制造业集群: examples listed before 等 name the
    head after it (not `…等方面突破关键技术`, `…等增幅`: cues.csv `not_list_head`)."""
    cut = ind.rfind("等")
    if cut <= 0 or "、" not in ind[:cut]:
        return ind
    head = ind[cut + 1 :]
    if len(head) < 3 or "、" in head or cue.patterns["not_list_head"].match(head):
        return ind
    lead = cue.lead_verb.match(ind)
    return (lead.group() if lead else "") + head


def last_cell(s: str) -> str:
    """A table row (`1\t教育\t新建幼儿园`, cells split by tabs): the last non-empty cell before the number."""
    if "\t" not in s:
        return s
    cells = [c for c in s.split("\t") if c.strip()]
    return cells[-1] if cells else ""


def notes_off(s: str) -> str:
    """Drop （下同）-style notes and a leading list number (`9.`, `①`)."""
    if "（" in s or "(" in s:
        s = _PAREN_NOTE.sub("", s)
    s = s.lstrip()
    if s[:1].isdigit() or s[:1] in "①②③④⑤⑥⑦⑧⑨⑩⑪⑫⑬⑭⑮⑯⑰⑱⑲⑳（(":
        s = _LIST_NUMBER.sub("", s)
    return s


def list_names(text: str, cue: Cues) -> list[str]:
    text = _PAREN_NOTE.sub("", text).replace("预计", "")
    parts = [p for p in re.split(r"[、]", text) if p.strip()]
    if len(parts) < 2:
        parts = [p for p in re.split(r"[和及与]", text) if p.strip()]
    names = [n for n in (strip_fillers(p, cue) for p in parts) if n]
    if names:
        names[-1] = cue.adverb_tail.sub("", names[-1])  # `…排放量要分别下降3%`; `同比分别增长` names nothing
    return [n for n in names if n]


def complete_names(names: list[str], cue: Cues) -> list[str]:
    """`城镇、农村居民人均可支配收入` -> 城镇居民人均可支配收入, 农村居民人均可支配收入."""
    if len(names) < 2:
        return names
    ordinals = _ordinal_names(names)
    if ordinals:
        return ordinals
    last = names[-1]
    out = []
    for n in names[:-1]:
        if n in cue.list_prefix and len(last) > len(n) and last[: len(n)] in cue.list_prefix:
            n += last[len(n) :]
        out.append(n)
    return [*out, last]


_ORDINAL_ITEM = re.compile(r"^(第)?([一二三四五六七八九十])$")
_ORDINAL_LAST = re.compile(r"^(第)?([一二三四五六七八九十])(.+)$")


def _ordinal_names(names: list[str]) -> list[str]:
    """`一、二、三产业` / `第一、二、三产业增加值` -> 第一产业…, 第二产业…, 第三产业…: ordinals that share
    the last item's noun. Empty when the list is not of that shape."""
    last = _ORDINAL_LAST.match(names[-1])
    items = [_ORDINAL_ITEM.match(n) for n in names[:-1]]
    if last is None or not all(items):
        return []
    noun = last.group(3)
    di = "第" if last.group(1) or items[0].group(1) or noun.startswith("产") else ""  # 一、二级医院: no 第
    return [f"{di}{m.group(2)}{noun}" for m in items] + [f"{di}{last.group(2)}{noun}"]


def strip_lead(name: str, cue: Cues) -> str:
    """`清理规范节庆` -> 节庆: drop a leading action verb and the verb right after it."""
    for _ in range(2):
        lead = next((w for w in cue.leads if name.startswith(w) and len(name) > len(w)), None)
        if lead is None:
            lead = next((w for w in ("清理规范", "清理", "规范", "整治") if name.startswith(w)), None)
        if lead is None:
            break
        name = name[len(lead) :]
    return name


def comparator(q: Quantity, pre: str, cue: Cues) -> str:
    if q.value_high is not None:
        return "range"
    if q.post:
        return cue.after[q.post]
    m = cue.before_re.search(pre)
    if m:
        return cue.before[m.group().rstrip()]
    word = _tail_qualifier(pre, cue)
    if word:
        return cue.before[word]
    if q.infix:
        return cue.infix.get(q.infix, "min")
    return "exact"


def _tail_qualifier(pre: str, cue: Cues) -> str | None:
    """A qualifier among the tail words before the number (`资费年内至少降低30%`: 至少 before the verb)."""
    m = cue.tail_rev.match(pre.rstrip()[::-1])
    if m is None:
        return None
    for w in cue.tail_word_rev.findall(m.group()):
        if w[::-1] in cue.before:
            return w[::-1]
    return None
