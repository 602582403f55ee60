"""Extract every number-bearing commitment (targets in the plan, results in the review) from a Document.

Belongs here: reading one sentence at a time and deciding, for each quantity in it, whether it is a
commitment and what it says: indicator (as written), verb, comparator (左右 approx, 以上 min, 以内 max,
ranges, 力争 stretch), 预计 estimated, 分别 lists, shared verbs in 、 lists, 其中 sub-targets, the
qualitative clauses of the 主要预期目标 sentence (also when it goes on in the next sentence), and
what is *not* a commitment: relational comparisons `高于全国0.9个百分点`, restatements of the
targets, forecasts `预计今年…` in the plan, and the word-level tests of `filters` (names, ordinals,
baselines, facts). Whose number a bare `增长4.8%` or `总量…` is comes from `subjects`.

Multi-year figures are kept but marked: `span="multi-year"` for five-year reviews (`过去五年`,
`年均`, `累计…以来`) and multi-year targets (`到2027年`, `十四五`, `用3—5年时间`), `span="sub-year"`
for quarter and month figures (`三季度增长4.6%`). Scoring ignores records with a span; keeping them
lets a reader see that the five-year figures were read and set aside. Genre words live in data/*.csv.
Does not belong: reading files (`read`), sections (`sections`), the wording of indicator phrases
(`phrases`), matching years (`scoring`).
"""

from __future__ import annotations

import re
from bisect import bisect_left
from collections import Counter
from dataclasses import dataclass, field

from extractors.clauses import Span, clauses, paragraphs, sentences
from extractors.cues import Cues, cues
from extractors.filters import admissible, fact, modifies_next, names_next, post_noun, restates_previous
from extractors.lexicon import Indicator, Lexicon, load_lexicon
from extractors.numbers import Quantity, find_quantities
from extractors.phrases import (
    clean,
    comparator,
    complete_names,
    list_head,
    list_names,
    strip_fillers,
    strip_lead,
)
from extractors.records import Commitment, Document, Section
from extractors.sections import split_sections
from extractors.subjects import attach, complete_sub_names, implied_indicator, implied_subject

_CARRY_ESTIMATE = re.compile(r"预计[（(]下同[)）]")
_SAME_BELOW = re.compile(r"\s*[（(]下同[)）]")  # `比2012年（下同）`: said once for the figures that follow
_CONJ = re.compile(r"[和及与并或]")
_FENBIE = "分别"
_COMPARE_START = re.compile(r"^(?:比|较|同比|环比)")
_TERM_REVIEW = re.compile(r"^(?!.*(?:一年|\d{4}年)).*(?:[两二三四五六七八九十]年|本届|十[一二三四五六]五)")  # `一、过去五年工作回顾`
_LIST_ITEM = re.compile(
    r"^(?:\d{1,2}[.．、]|[（(][一二三四五六七八九十\d]{1,3}[)）]|[①-⑳]|[一二三四五六七八九十]+是)"
)
_HEADLINE_ITEMS = 15
_LEVEL_CHARS = "国省市区县州盟旗"
_SIZE_WORD = re.compile(r"(?:总规模|规模|总量|总额)$")
_TO_VERB = re.compile(r"(?:提高|提升|降低|下调|上调|调整|增加|扩大|降|升)(?:至|到)\s*$")
_RAISE_LEAD = re.compile(r"^(?:不断|持续|进一步|继续|逐步|稳步|大幅)*(?:提高|提升|降低|扩大|下调|上调|调整)?")
_PER_HEAD = re.compile(r"人均|每人")  # a figure per head (`…，人均64331元`)
_MEASURE_END = re.compile(r"(?:比例|比重|税率|费率|标准|水平|幅度|率)$")


@dataclass
class _Doc:
    """Per-document context."""

    doc: Document
    year: int
    lex: Lexicon
    cue: Cues
    out: list[Commitment] = field(default_factory=list)
    own_scope: str = ""  # 市 when the report speaks of 全市 most: a 全省/全国 figure is another government's
    quantities: list[Quantity] = field(default_factory=list)  # every quantity of the text, in order
    starts: list[int] = field(default_factory=list)

    def quantities_in(self, start: int, end: int) -> list[Quantity]:
        return self.quantities[bisect_left(self.starts, start) : bisect_left(self.starts, end)]


@dataclass
class _Sec:
    """Per-section state: the section, its kind, and what carries from sentence to sentence."""

    section: Section
    top: str
    estimated_carry: bool = False
    multi_year: bool = False
    para_multi_year: bool | None = None  # the paragraph's own state, when a sentence inside it switched
    skip_paragraph: bool = False
    headline_items: int = 0  # the targets are listed one per line after `主要预期目标：`
    # the 主要预期目标 sentence may go on in the next sentences: 2 = of its paragraph, 1 = the next paragraph's
    # first sentence (a PDF line ending at `。`), 0 = not
    headline_follow: int = 0
    para_start: int = 0  # where the current paragraph starts (for its implied subject)
    para_indicator: str = ""  # the last own indicator of the paragraph's earlier sentences …
    para_indicator_at: int = 0  # … and where its number was


@dataclass
class _Sent:
    """Per-sentence state: indicators and verbs carry over clauses within one sentence."""

    span: Span
    headline: bool = False
    prev: Commitment | None = None
    prev_indicator: str = ""
    prev_verb: str | None = None
    verb_clause: int = -1  # start of the clause prev_verb was read in (leading verbs are shared within it)
    names: list[str] = field(default_factory=list)  # pending 分别 names
    last_clause: Span | None = None  # the previous clause of this sentence
    last_indicators: list[str] = field(default_factory=list)  # own indicators of the previous clause
    own_indicators: list[str] = field(default_factory=list)  # own indicators of the sentence so far
    clause_indicators: list[str] = field(default_factory=list)  # … of the current clause


def extract_commitments(doc: Document) -> list[Commitment]:
    """All commitments of a Document (its sections, or split here when it has none)."""
    if doc.report_year is None:
        return []
    ctx = _Doc(doc, doc.report_year, load_lexicon(), cues())
    ctx.own_scope = _own_scope(ctx.cue, doc)
    ctx.quantities = find_quantities(doc.text)
    ctx.starts = [q.start for q in ctx.quantities]
    sections = doc.sections or split_sections(doc.text, doc.report_year)
    state: _Sec | None = None
    for section in sections:
        top = section.heading.split(" > ")[0]
        if state is None or state.top != top or state.section.kind != section.kind:
            state = _Sec(section, top, multi_year=section.kind == "review" and bool(_TERM_REVIEW.search(top)))
        state.section = section
        if section.kind != "other":
            _section(ctx, state)
    return ctx.out


def _own_scope(cue: Cues, doc: Document) -> str:
    """The level a report speaks for: from the issuer's name (株洲市天元区人民政府 -> 区, 国务院 -> 国),
    else from how it speaks of itself, when clearly (我市 three times and twice as often as any other).
    Empty when unknown: nothing is then set aside as another government's."""
    name = (doc.name or "").removesuffix("人民政府")
    if name == "国务院":
        return "国"
    if name and name[-1] in _LEVEL_CHARS:
        return name[-1]
    counts = Counter(m.group(1) for m in cue.finditer("self_scope", doc.text)).most_common(2)
    if counts and counts[0][1] >= 3 and (len(counts) == 1 or counts[0][1] >= 2 * counts[1][1]):
        return counts[0][0]
    return ""


def _foreign_scope(ctx: _Doc, pre: str) -> bool:
    """`全省生产总值增长5.4%` quoted in a city's report: another government's figure, not a result or
    target of this one (`全市`, `我市`, `本市` are its own)."""
    if not ctx.own_scope:
        return False
    m = ctx.cue.patterns["scope"].match(pre.lstrip("，、；：。 \n"))
    return bool(m) and m.group(1) != ctx.own_scope


def _section(ctx: _Doc, sec: _Sec) -> None:
    text = ctx.doc.text
    plan = sec.section.kind == "plan"
    for para in paragraphs(text, sec.section.start, sec.section.end):
        sec.para_start, sec.headline_follow = para.start, 1 if sec.headline_follow == 2 else 0
        sec.para_indicator, sec.para_indicator_at = "", para.start
        if sec.para_multi_year is not None:
            sec.multi_year = sec.para_multi_year  # a switch inside the last paragraph ended with it
        _paragraph_state(ctx, sec, _opening(text, sec.section, para))
        sec.para_multi_year = None
        if sec.skip_paragraph:
            continue
        item = _headline_item(ctx, para) if sec.headline_items else None
        if item is not None:
            sec.headline_items -= 1
            _headline_sentence(ctx, sec, item, ctx.quantities_in(item.start, item.end))
            if item.end >= para.end:
                continue
            sec.headline_items = 0  # the list's last line ran on into `围绕上述目标…`: read that as usual
            para = Span(item.end + 1, para.end, True)
        opened = sec.headline_items == _HEADLINE_ITEMS  # `主要预期目标是：` ended its line (PDF, Word)
        sec.headline_items = 0
        carry = text.find("下同", para.start, para.end) >= 0
        has_target_words = plan and (
            text.find("目标", para.start, para.end) >= 0 or text.find("指标", para.start, para.end) >= 0
        )
        if not carry and not has_target_words and not ctx.quantities_in(para.start, para.end):
            continue
        for sent in sentences(text, para.start, para.end):
            if carry and _CARRY_ESTIMATE.search(text, sent.start, sent.end):
                sec.estimated_carry = True  # `预计（下同）`: every later result of the section is estimated
            if not plan and sent.start > para.start:
                was = sec.multi_year
                _stretch(ctx, sec, text[sent.start : sent.start + 20].lstrip("—- "))
                if sec.multi_year != was and sec.para_multi_year is None:
                    sec.para_multi_year = was
            if opened:
                _headline_sentence(ctx, sec, sent, ctx.quantities_in(sent.start, sent.end))
                sec.headline_follow, opened = 2, False
            else:
                _sentence(ctx, sec, sent, plan)


def _headline_item(ctx: _Doc, para: Span) -> Span | None:
    """The line of a target list (`1.地区生产总值增长6%左右；`) that `para` holds: one sentence, not a
    task paragraph of several sentences, and not the line after the list (`围绕上述目标，…：`); an
    unpunctuated last item that ran on into that line is cut at the line break."""
    text = ctx.doc.text
    end = para.end
    after = ctx.cue.patterns["restatement"].search(text, para.start, para.end)
    if after:
        end = text.rfind("\n", para.start, after.start())
        if end < 0:
            return None
    line = text[para.start : end]
    if len(line) > 120 or "。" in line.rstrip("。"):
        return None
    if _LIST_ITEM.match(line) or line.endswith(("；", ";")) or len(line) <= 40:
        return Span(para.start, end, True)
    return None


def _sentence(ctx: _Doc, sec: _Sec, sent: Span, plan: bool) -> None:
    text = ctx.doc.text
    pat = ctx.cue.patterns
    qs = ctx.quantities_in(sent.start, sent.end)
    intro = None
    if plan and (
        text.find("目标", sent.start, sent.end) >= 0 or text.find("指标", sent.start, sent.end) >= 0
    ):
        intro = pat["headline_intro"].search(text, sent.start, sent.end)
    if intro and not text[intro.end() : sent.end].strip(" ：:"):
        sec.headline_items = _HEADLINE_ITEMS  # `主要预期目标如下：` and one target per line
    elif intro:
        start = _headline_start(ctx, sent, intro)
        if start != intro.end() and _named_already(ctx, text[start : intro.start()]):
            return  # `经济增长预期目标为6%左右，与中长期目标相衔接`: explains a target already read
        _headline_sentence(ctx, sec, Span(start, sent.end), qs)
        sec.headline_follow = 2
    elif sec.headline_follow and _continues_headline(ctx, sec, sent):
        # `…。单位国内生产总值能耗下降3.4%以上，主要污染物排放继续减少。`
        _headline_sentence(ctx, sec, sent, qs)
        sec.headline_follow = 2
    else:
        sec.headline_follow = 0
        if qs and not (plan and pat["restatement"].search(text, sent.start, sent.end)):
            st = _Sent(sent)
            for cl in clauses(text, sent.start, sent.end):
                _clause(ctx, sec, st, cl, [q for q in qs if cl.start <= q.start < cl.end])


def _headline_start(ctx: _Doc, sent: Span, intro: re.Match[str]) -> int:
    """Where the targets start: after the intro (`主要预期目标是：国内生产总值增长…`), or at the
    indicator that comes before an intro followed at once by the figure (`中央提出今年经济增长预期目标
    为7%左右`, the older national wording): the figure is then that indicator's."""
    text = ctx.doc.text
    first = ctx.quantities_in(intro.end(), sent.end)
    if not first or text[intro.end() : first[0].start].strip(" ，,"):
        return intro.end()
    clause_start = max(text.rfind(c, sent.start, intro.start()) for c in "，,；;") + 1
    clause_start = max(clause_start, sent.start)
    found = [m for m in ctx.lex.regex.finditer(text[clause_start : intro.start()].replace(" ", ""))]
    if not found or " " in text[clause_start : intro.start()]:
        return intro.end()
    return clause_start + found[-1].start()


def _named_already(ctx: _Doc, phrase: str) -> bool:
    """A headline target of this indicator was read already (the sentence restates it)."""
    entry = ctx.lex.lookup(phrase.replace(" ", ""))
    return entry is not None and any(
        r.headline and r.kind == "target" and r.canonical == entry.canonical for r in ctx.out
    )


def _continues_headline(ctx: _Doc, sec: _Sec, sent: Span) -> bool:
    """A sentence right after the 主要预期目标 sentence continues it when it opens with a headline
    indicator (`单位国内生产总值能耗下降3.4%以上…`) the targets have not named yet, also after a group
    label in the same paragraph (`绿色发展取得新提升，单位生产总值能耗…`), and does not
    restate or explain them (not `经济增速…的考虑`, `生产总值预期增长在8.5%左右，充分考虑了…`)."""
    text = ctx.doc.text
    if ctx.cue.patterns["restatement"].search(text, sent.start, sent.end):
        return False
    cls = clauses(text, sent.start, sent.end)
    if sec.headline_follow == 2 and ctx.cue.search("target_group", text[cls[0].start : cls[0].end].strip()):
        return True  # `绿色发展取得新提升，单位生产总值能耗下降1%以上…`: targets grouped under a label
    opening = strip_fillers(text[cls[0].start : cls[0].end], ctx.cue).replace(" ", "")
    m = ctx.lex.regex.match(opening)
    entry = ctx.lex.entries[ctx.lex.by_alias[m.group().lower()]] if m else None
    if entry is None:  # a local variant of the name (`城镇居民登记失业率控制在3%以内`)
        first = next(iter(ctx.quantities_in(cls[0].start, cls[0].end)), None)
        name = clean(text[cls[0].start : first.start], ctx.cue)[0] if first else ""
        entry = ctx.lex.lookup(name) if name else None
    if entry is None or not entry.headline:
        return False
    return not any(r.headline and r.kind == "target" and r.canonical == entry.canonical for r in ctx.out)


def _opening(text: str, section: Section, para: Span) -> str:
    """The first words of a paragraph, after the section's heading when the heading runs into it
    (`一、过去五年工作回顾刚刚过去的2016年，…`)."""
    start = para.start
    if start == section.start and section.heading:
        own = section.heading.split(" > ")[-1]
        if text.startswith(own, start):
            start += len(own)
    return text[start : min(para.end, start + 40)]


def _paragraph_state(ctx: _Doc, sec: _Sec, first_sentence: str) -> None:
    pat = ctx.cue.patterns
    s = first_sentence.lstrip("—- ")
    sec.skip_paragraph = sec.section.kind == "plan" and bool(pat["restatement_paragraph"].search(s))
    if sec.section.kind != "review":
        return
    _stretch(ctx, sec, s)


def _stretch(ctx: _Doc, sec: _Sec, s: str) -> None:
    """A review paragraph or sentence that opens on five years (`五年来`, `“十四五”时期`) starts a
    multi-year stretch; one that opens on last year (`过去一年`, `刚刚过去的2025年`, `2025年，`) ends
    it, also in the middle of a paragraph of an end-of-term review. An opener naming another year
    (`2016年，` in a 2018 report) changes nothing."""
    pat = ctx.cue.patterns
    if pat["multi_year_paragraph"].search(s):
        sec.multi_year = True
        return
    one = pat["one_year_paragraph"].search(s)
    if one is None and not s.startswith(f"{ctx.year - 1}年"):
        return
    years = re.findall(r"(\d{4})年", one.group() if one else s[:5])
    if not years or int(years[0]) == ctx.year - 1:
        sec.multi_year = False


# ---- the 主要预期目标 sentence ----------------------------------------------------------------


def _headline_sentence(ctx: _Doc, sec: _Sec, span: Span, qs: list[Quantity]) -> None:
    text = ctx.doc.text
    st = _Sent(span, headline=True)
    for cl in clauses(text, span.start, span.end):
        mine = [q for q in qs if cl.start <= q.start < cl.end]
        before = len(ctx.out)
        if mine:
            _clause(ctx, sec, st, cl, mine)
        if not mine or (len(ctx.out) == before and ctx.cue.search("relational", text, cl.start, cl.end)):
            _qualitative(ctx, sec, cl)  # `生产总值增速高于全省1个百分点左右`: a relational target


def _qualitative(ctx: _Doc, sec: _Sec, cl: Span) -> None:
    clause = ctx.doc.text[cl.start : cl.end]
    phrase = strip_fillers(clause.strip("。 "), ctx.cue)
    if len(phrase) < 4 or ctx.cue.patterns["rider"].search(clause):
        return  # `并留有适当弹性`: a rider on the previous clause, not a target of its own
    for indicator, entry in _qualitative_items(ctx, phrase):
        ctx.out.append(
            _record(
                ctx,
                sec,
                cl,
                indicator=indicator,
                canonical=entry and entry.canonical,
                verb=None,
                q=None,
                comparator="qualitative",
                estimated=False,
                headline=True,
                span=None,
            )
        )


def _qualitative_items(ctx: _Doc, phrase: str) -> list[tuple[str, Indicator | None]]:
    """`规模以上工业增加值、全社会固定资产投资、一般公共预算收入增速高于全省平均水平`: one target per
    indicator of a 、 list, each with the shared predicate; with one known indicator in the phrase
    (`利用省外资金、境外资金和进出口持续增长`), the phrase as that indicator's target."""
    compact = phrase.replace(" ", "")
    whole = ctx.lex.lookup(phrase)
    names = [n for n in compact.split("、") if n]
    last = ctx.lex.regex.match(names[-1]) if len(names) > 1 else None
    if last and last.end() < len(names[-1]):
        items = [*names[:-1], last.group()]
        known = [(n, e) for n in items if (e := ctx.lex.lookup(n))]
        if len(known) == len(items):
            return [(n + names[-1][last.end() :], e) for n, e in known]
    if whole is None:
        known = [e for n in re.split(r"[、和及与]", compact) if n and (e := ctx.lex.lookup(n))]
        if len(known) == 1:
            return [(phrase, known[0])]
    return [(phrase, whole)]


# ---- ordinary sentences ------------------------------------------------------------------------


def _clause(ctx: _Doc, sec: _Sec, st: _Sent, cl: Span, found: list[Quantity]) -> None:
    st.clause_indicators = []
    if found:
        _clause_records(ctx, sec, st, cl, found)
    st.last_clause = cl
    st.last_indicators = st.clause_indicators


def _clause_records(ctx: _Doc, sec: _Sec, st: _Sent, cl: Span, found: list[Quantity]) -> None:
    text = ctx.doc.text
    pat = ctx.cue.patterns
    if pat["list_name"].search(text, cl.start, cl.end):
        return  # `民营企业500强…等五张榜单`: numbers naming league tables
    ranked = bool(pat["ranking"].search(text, cl.start, cl.end))
    qs = [q for q in found if admissible(ctx.doc.text, ctx.cue, st.span, cl, q, ranked)]
    if not qs:
        return
    if sec.section.kind == "plan" and text.startswith("预计", cl.start, cl.end):
        return  # `预计今年高校毕业生超过1170万人`: a forecast, not a promise
    fen = text.find(_FENBIE, cl.start, cl.end)
    if fen >= 0 and _distribute(ctx, sec, st, cl, qs, fen):
        return
    if st.names and len(qs) == len(st.names) and _all_bare(ctx, cl, qs):
        _distribute_names(ctx, sec, st, cl, qs, st.names, verb_from=cl.start)
        return
    names = _implicit_fenbie(ctx, cl, qs)
    if names:
        st.names = names
        _distribute_names(ctx, sec, st, cl, qs, names, verb_from=cl.start)
        return
    st.names = []
    _items(ctx, sec, st, cl, qs)


def _implicit_fenbie(ctx: _Doc, cl: Span, qs: list[Quantity]) -> list[str]:
    """`城镇、农村居民人均可支配收入29462元、16733元`: a list of named indicators, then as many bare values
    in the same order, is a 分别 list without the word. Only when every name is a lexicon indicator."""
    if len(qs) < 2 or not _all_bare(ctx, Span(qs[0].end, cl.end), qs[1:]):
        return []
    ind, _, _ = clean(ctx.doc.text[cl.start : qs[0].start], ctx.cue)
    names = complete_names(list_names(ind, ctx.cue), ctx.cue) if "、" in ind else []
    if len(names) != len(qs) or not all(ctx.lex.lookup(n) for n in names):
        return []
    return names


def _all_bare(ctx: _Doc, cl: Span, qs: list[Quantity]) -> bool:
    """True when no quantity of the clause has an indicator of its own (`增长13.8%、87.5%`)."""
    text = ctx.doc.text
    prev = cl.start
    for q in qs:
        gap = text[prev : q.start]
        if q is not qs[0]:
            conj = ctx.cue.lead_fill_conj.match(gap)  # `…、8240亿元和1573亿元`: the list's last item
            gap = gap[conj.end() :] if conj else gap
        ind, _, _ = clean(gap, ctx.cue)
        if ind:
            return False
        prev = q.end
    return True


def _distribute(ctx: _Doc, sec: _Sec, st: _Sent, cl: Span, qs: list[Quantity], fen: int) -> bool:
    """`营业收入、技工贸收入分别增长9.7%、9.6%`: one record per name, values in order. The names may
    be a 城乡 pair (`城乡居民人均可支配收入分别增长4.3%、6.1%`) or the list of the clause before
    (`清理规范节庆、论坛、展会，数量分别压减75%、95%、73%`)."""
    text = ctx.doc.text
    after = [q for q in qs if q.start > fen]
    if len(after) != len(qs) or not after:
        return False
    if ctx.cue.patterns["relational"].search(text, fen, after[0].start):
        return True  # `分别高于全省2.2个、3.7个百分点`, `分别比全国、全省高1.2、0.8个百分点`: comparisons
    if len(after) == 1:
        return _distribute_one(ctx, sec, st, cl, after[0], fen)
    names = _fenbie_names(ctx, st, cl, fen, after)
    if _distribute_shared_end(ctx, sec, st, cl, fen, after, names):
        return True
    if len(names) != len(after):
        return False
    st.names = names
    _distribute_names(ctx, sec, st, cl, after, names, verb_from=fen + len(_FENBIE))
    return True


def _fenbie_names(ctx: _Doc, st: _Sent, cl: Span, fen: int, after: list[Quantity]) -> list[str]:
    """The names a 分别 list gives its values to: written before 分别, a 城乡 pair, or the clause before."""
    text = ctx.doc.text
    names = list_names(text[cl.start : fen], ctx.cue)
    sub = bool(names) and names[0].startswith("其中")
    if sub:
        names[0] = names[0][2:]
    names = complete_names(names, ctx.cue)
    if sub and st.prev_indicator:
        names = complete_sub_names(names, st.prev_indicator)  # `其中城镇、农村居民分别增长…`
    if len(names) == 1 and len(after) == 2 and names[0].startswith("城乡"):
        names = ["城镇" + names[0][2:], "农村" + names[0][2:]]
    if not names and len(st.last_indicators) == len(after):
        names = list(st.last_indicators)  # `A45678元、B23456元，分别增长5.1%和6.8%`
    elif not names and len(st.own_indicators) >= len(after):
        names = st.own_indicators[-len(after) :]  # `接待游客3260万人次，实现旅游收入286亿元，分别增长…`
    if len(names) <= 1 and st.last_clause is not None:
        before = list_names(text[st.last_clause.start : st.last_clause.end], ctx.cue)
        if len(before) == len(after):
            before[0] = strip_lead(before[0], ctx.cue)
            names = [b + names[0] for b in before] if names else before  # `A、B、C，分别完成…的135%、163%、193%`
    return names


def _distribute_shared_end(
    ctx: _Doc, sec: _Sec, st: _Sent, cl: Span, fen: int, after: list[Quantity], names: list[str]
) -> bool:
    """`A、B分别从50%、75%提高至100%`: one record per name with the shared end value (`_shared_end`)."""
    end = _shared_end(ctx, fen, after)
    if end is None or len(names) < 2:
        return False
    names = [n + _measure_before(ctx, st, names) for n in names]
    st.names = []
    _distribute_names(ctx, sec, st, cl, [end] * len(names), names, verb_from=fen + len(_FENBIE))
    return True


def _shared_end(ctx: _Doc, fen: int, after: list[Quantity]) -> Quantity | None:
    """`A、B分别从50%、75%提高至100%`: the starting values are A's and B's, the end value is shared by
    both; the figure after the last `提高至` then. None for an ordinary 分别 list."""
    text = ctx.doc.text
    if len(after) < 2 or not text.startswith("从", fen + len(_FENBIE)):
        return None
    return after[-1] if _TO_VERB.search(text, after[-2].end, after[-1].start) else None


def _measure_before(ctx: _Doc, st: _Sent, names: list[str]) -> str:
    """The measure the clause before names for the list (`提高企业研发费用加计扣除比例，将制造业企业、
    科技型中小企业分别从…提高至100%` -> 研发费用加计扣除比例), without the noun the names end with."""
    cl = st.last_clause
    if cl is None or st.last_indicators:
        return ""
    measure = _RAISE_LEAD.sub("", strip_fillers(ctx.doc.text[cl.start : cl.end].strip("，。；、 "), ctx.cue))
    if not _MEASURE_END.search(measure):
        return ""
    for n in range(min(4, len(measure) - 1), 0, -1):
        if all(name.endswith(measure[:n]) for name in names):
            return measure[n:]
    return measure


def _distribute_one(ctx: _Doc, sec: _Sec, st: _Sent, cl: Span, q: Quantity, fen: int) -> bool:
    """`二氧化硫、氮氧化物排放量要分别下降3%`: one figure said of each name of the list."""
    names = complete_names(list_names(ctx.doc.text[cl.start : fen], ctx.cue), ctx.cue)
    if len(names) < 2 or any(n.startswith("其中") for n in names):
        return False
    st.names = []
    _distribute_names(ctx, sec, st, cl, [q] * len(names), names, verb_from=fen + len(_FENBIE))
    return True


def _distribute_names(
    ctx: _Doc, sec: _Sec, st: _Sent, cl: Span, qs: list[Quantity], names: list[str], verb_from: int
) -> None:
    text = ctx.doc.text
    _, verb, _ = clean(text[verb_from : qs[0].start], ctx.cue)
    first = len(ctx.out)
    for name, q in zip(names, qs, strict=True):
        _emit(ctx, sec, st, cl, q, name, verb, pre=text[verb_from : q.start])
    new = ctx.out[first:]
    if len(new) == len(qs) and qs[-1].post and all(r.comparator == "exact" for r in new[:-1]):
        for r in new[:-1]:
            r.comparator = new[-1].comparator  # `分别增长8%、9%以上`: the qualifier is said of the list


def _items(ctx: _Doc, sec: _Sec, st: _Sent, cl: Span, qs: list[Quantity]) -> None:
    """Quantities of one clause in order; a number that names the next one's thing is absorbed."""
    text = ctx.doc.text
    pre_start = cl.start
    for i, q in enumerate(qs):
        last = i + 1 == len(qs)
        nxt = cl.end if last else qs[i + 1].start
        gap = text[q.end : nxt]
        if not last and names_next(gap):
            continue  # `50亿元以上项目2个`: 50亿元以上 is part of the project class's name
        pre = text[pre_start : q.start]
        after_number = pre_start > cl.start
        if after_number and "、" in pre:
            pre = pre[pre.rfind("、") + 1 :]  # `…安排、比上年提高1个百分点`: this item only
        pre_start = q.end
        if ctx.cue.search("relational", pre) or _foreign_scope(ctx, pre):
            continue
        if not last and modifies_next(q, qs[i + 1], gap):
            continue  # `147个国考断面水质优良率达98.6%`: the count qualifies the rate
        ind, verb, _ = clean(pre, ctx.cue, after_number)
        if ctx.cue.search("relational", ind) or ctx.cue.patterns["baseline_label"].match(ind):
            continue  # `高于全国…`; `（上年3.5%）`
        if fact(ctx.cue, sec.section.kind == "plan", pre, ind, gap, q):
            continue
        if not q.unit_base and ctx.cue.search("people_after", gap.lstrip()[:8]):
            q.unit, q.unit_base = q.unit + "人", "人"  # `10.02万农村贫困人口脱贫`: 万 people
        post, consumed = post_noun(ctx.cue, gap, q, last, noun_first=bool(ind))
        if post is None:
            continue  # a duration before a verb (`5天签约`), a policy name (`15条措施`)
        if post:
            if consumed:
                pre_start = q.end + gap.find(post) + len(post)
            post, _, _ = clean(post, ctx.cue)
            ind = post if not ind or ind.endswith("等") else ind + post
        _emit(ctx, sec, st, cl, q, ind, verb, pre=pre, shared_verb=not post)


def _emit(
    ctx: _Doc,
    sec: _Sec,
    st: _Sent,
    cl: Span,
    q: Quantity,
    ind: str,
    verb: str | None,
    pre: str,
    shared_verb: bool = True,
) -> None:
    cue = ctx.cue
    if restates_previous(ctx.cue, st.prev, pre, q):
        return  # `财政赤字2.18万亿元，比去年增加5600亿元`: the change restates the figure before
    ind = list_head(ind, cue) or _subject_clause(ctx, st, q, verb)
    before = st.prev_indicator
    if not before and (not ind or cue.patterns["generic_head"].match(ind)):
        before, implied = _context_subject(ctx, sec, q, verb)
        ind = ind or implied
    ind = attach(ind, before, cue)  # `总量` → `GDP总量`; `占…比重` → `民营经济增加值占…比重`
    own = bool(ind)
    if not ind or _COMPARE_START.match(ind) or cue.patterns["basis_only"].match(ind):
        if (
            st.prev is not None
            and any(w in pre for w in cue.stretch)
            and st.prev.unit == q.unit
            and st.prev.stretch is None
            and st.prev.value is not None
            and 0.5 * st.prev.value <= q.value <= 2 * st.prev.value  # not `新增20家，力争达到150家`
        ):
            st.prev.stretch = q.value  # `7%以上、力争达到8%`
            return
        ind = _per_head(ctx, pre, _inherited_indicator(ctx, st, q, verb))
        verb = verb or st.prev_verb
        own = False
    elif (
        not verb
        and shared_verb
        and st.prev_verb in cue.leads
        and (st.verb_clause == cl.start or ind.startswith("其中"))
    ):
        verb = st.prev_verb if _inherits_verb(ind, cue) else None  # `新增A420家、B40家`; `其中企业2000家`
    verb, keep = _task_share_verb(ctx, cl, q, ind, own, verb)
    if not keep:
        return  # `完成全年目标任务的105%` of nothing named: progress, not a result
    estimated = _estimated(ctx, sec, st, q)
    span = _span(ctx, sec, st, cl, q)
    ind, entry = _lookup(ctx, ind, verb, own)
    headline = st.headline or bool(sec.section.kind == "review" and entry and entry.headline and span is None)
    rec = _record(
        ctx,
        sec,
        cl,
        indicator=ind,
        canonical=entry and entry.canonical,
        verb=verb,
        q=q,
        comparator=comparator(q, pre, cue),
        estimated=estimated,
        headline=headline,
        span=span,
    )
    if not _shows_number(rec, q):
        return
    ctx.out.append(rec)
    if span != "sub-year":
        st.prev = rec
        if own:
            st.prev_indicator, st.prev_verb, st.verb_clause = ind, verb, cl.start
            st.clause_indicators.append(ind)
            st.own_indicators.append(ind)
            sec.para_indicator, sec.para_indicator_at = ind, q.end


def _lookup(ctx: _Doc, ind: str, verb: str | None, own: bool) -> tuple[str, Indicator | None]:
    """The indicator's lexicon entry; `经济增长6%左右`: the alias may take the verb in."""
    entry = ctx.lex.lookup(ind)
    if entry is None and own and verb:
        with_verb = ctx.lex.lookup(ind + verb)
        if with_verb:
            return ind + verb, with_verb
    return ind, entry


def _task_share_verb(
    ctx: _Doc, cl: Span, q: Quantity, ind: str, own: bool, verb: str | None
) -> tuple[str | None, bool]:
    """(verb, keep): a % after `完成年度任务的` in its clause is a share of the year's task, kept only for
    an indicator of its own (`城镇新增就业…分别完成年度任务的135%`), with those words as its verb so
    scoring judges it against the target; any other figure keeps its verb."""
    share = ctx.cue.patterns["task_share"].search(ctx.doc.text, cl.start, q.start) if q.family == "percent" else None
    if share is None:
        return verb, True
    if not own or ctx.cue.patterns["task_share"].search(ind):
        return verb, False
    return "完成" + share.group(), True


def _inherited_indicator(ctx: _Doc, st: _Sent, q: Quantity, verb: str | None) -> str:
    """The indicator a figure with none of its own takes from the one before in the sentence."""
    ind = st.prev_indicator
    lead = ctx.cue.lead_verb.match(ind)
    if lead and verb and ctx.cue.patterns["level_verb"].match(verb) and len(ind) > lead.end():
        ind = ind[lead.end() :]  # `新增规模以上工业企业20家，力争达到150家`: the total, not the increase
    if q.family == "percent" and verb and ctx.cue.search("implied_verb", verb):
        bare = _SIZE_WORD.sub("", ind) or ind  # `转移支付规模近9.8万亿元，增长18%`: the growth of the transfers
        entry = ctx.lex.lookup(ind)
        if entry is None or ctx.lex.lookup(bare) == entry:
            ind = bare  # but `社会消费品零售总额…，增长14%`: 总额 is part of the indicator's name
    return ind


def _per_head(ctx: _Doc, pre: str, ind: str) -> str:
    """`全市完成生产总值4406亿元，人均64331元`: a figure per head of the indicator before it is its
    per-capita measure (人均生产总值), not the indicator itself."""
    per = _PER_HEAD.search(pre)
    if per is None or per.group() in ind:
        return ind
    lead = ctx.cue.lead_verb.match(ind) or re.match(r"(?:实现|完成)", ind)
    return per.group() + (ind[lead.end() :] if lead else ind)


def _subject_clause(ctx: _Doc, st: _Sent, q: Quantity, verb: str | None) -> str:
    """The indicator a bare figure takes from the clause before it when that clause names one and
    states no figure (`粮食总产再创历史新高，达494万吨，比上年增长19.4%`), if the figure fits it: a
    unit of the indicator's family, or a growth rate (not `分别完成省定任务的184%`). Empty otherwise."""
    cl = st.last_clause
    if cl is None or st.last_indicators or ctx.quantities_in(cl.start, cl.end):
        return ""
    m = ctx.lex.regex.search(ctx.doc.text[cl.start : cl.end].replace(" ", ""))
    entry = ctx.lex.lookup(m.group()) if m else None
    if entry is None:
        return ""
    growth = q.family == "percent" and bool(verb) and bool(ctx.cue.search("implied_verb", verb))
    return m.group() if growth or q.family in entry.unit_families else ""


def _estimated(ctx: _Doc, sec: _Sec, st: _Sent, q: Quantity) -> bool:
    """A review figure is 预计 when `预计（下同）` came before in the section, when `预计` opens the
    sentence's figures (`预计全年地区生产总值增长5%，…`), or when a `预计` later in the sentence is
    not cut off from the figure by a `；` (`社零额预计增长7.8%，进出口预计下降3.2%；城镇新增就业…`)."""
    if sec.section.kind != "review":
        return False
    if sec.estimated_carry:
        return True
    text = ctx.doc.text
    at = text.rfind("预计", st.span.start, q.start)
    if at < 0:
        return False
    first = ctx.quantities_in(st.span.start, st.span.end)
    if first and at < first[0].start:
        return True
    return text.find("；", at, q.start) < 0 and text.find(";", at, q.start) < 0


def _context_subject(ctx: _Doc, sec: _Sec, q: Quantity, verb: str | None) -> tuple[str, str]:
    """(subject, indicator) for a number with no indicator in its sentence: the subject the
    paragraph mentions after its last indicator (`经济运行…。全年增长6%` → 经济, 经济增长), else the last
    indicator of the paragraph's earlier sentences (`完成固定资产投资250亿元。增长10.2%。`). The
    indicator is given only for a growth verb (`implied_verb`); a generic head (`总量`) uses the subject."""
    subject = implied_subject(ctx.doc.text, sec.para_indicator_at, q.start, ctx.cue)
    if subject:
        return subject, implied_indicator(subject, verb, ctx.cue) or ""
    carried = sec.para_indicator
    return carried, carried if implied_indicator(carried, verb, ctx.cue) else ""


def _inherits_verb(ind: str, cue: Cues) -> bool:
    """An item of a 、 list with no verb of its own shares the first item's (`高新技术企业40家`)."""
    return cue.lead_verb.match(ind) is None


def _span(ctx: _Doc, sec: _Sec, st: _Sent, cl: Span, q: Quantity) -> str | None:
    text = ctx.doc.text
    head = text[cl.start : q.end]
    if ctx.cue.search("sub_year", head):
        return "sub-year"
    if sec.section.kind == "review":
        if ctx.cue.search("multi_year_result", head) or _since_earlier_year(ctx, head):
            return "multi-year"
        if sec.multi_year and not _last_years_level(ctx, st, q):
            return "multi-year"
        carried = q.family == "percent" and "下同" in text[sec.para_start : q.start]
        if carried and _since_earlier_year_carried(ctx, text[sec.para_start : q.start]):
            return "multi-year"  # `比2012年（下同）增长47.7%；固定资产投资353.7亿元，增长125.1%`: the rates
        return None
    if ctx.cue.search("multi_year_clause", text, cl.start, cl.end):
        return "multi-year"
    if st.headline:
        return None
    for m in ctx.cue.finditer("multi_year_sentence", text, st.span.start, q.start):
        years = [int(y) for y in m.groups() if y]
        if not years or any(y > ctx.year for y in years):
            return "multi-year"
    return None


def _since_earlier_year(ctx: _Doc, head: str) -> bool:
    """`比2002年增长65.5%`, `是2017年的1.8倍` in a 2008 or 2023 review: a change over several years, not
    last year's result (a comparison with the year before last, `比2016年` in 2018, is one year's)."""
    for m in ctx.cue.finditer("compared_year", head):
        if int(m.group(1)) < ctx.year - 2:
            return True
    return False


def _last_years_level(ctx: _Doc, st: _Sent, q: Quantity) -> bool:
    """Inside a term review, a level (not a rate or a multiple) in a sentence that has named last year
    (`过去五年…，2021年，实现生产总值288.7亿元，年均增长5.1%`) is last year's: the term's rates stay multi-year."""
    if q.family in ("percent", "permille") or q.unit in ("倍",):
        return False
    return bool(re.search(rf"{ctx.year - 1} ?年(?:末|底)?[，,]", ctx.doc.text[st.span.start : q.start]))


def _since_earlier_year_carried(ctx: _Doc, before: str) -> bool:
    """A comparison with an earlier year said to hold for what follows (`比2012年（下同）`)."""
    for m in ctx.cue.finditer("compared_year", before):
        if int(m.group(1)) < ctx.year - 2 and _SAME_BELOW.match(before, m.end()):
            return True
    return False


def _shows_number(rec: Commitment, q: Quantity) -> bool:
    """The contract: a record's clause shows its number (Chinese numerals and OCR'd `l3.6` as written)."""
    if q.chinese or q.lookalike:
        return True
    return f"{q.value:g}" in rec.clause.replace(" ", "").replace(",", "")


def _record(
    ctx: _Doc,
    sec: _Sec,
    cl: Span,
    *,
    indicator: str,
    canonical: str | None,
    verb: str | None,
    q: Quantity | None,
    comparator: str,
    estimated: bool,
    headline: bool,
    span: str | None,
) -> Commitment:
    doc = ctx.doc
    review = sec.section.kind == "review"
    return Commitment(
        source=doc.source,
        region=doc.region,
        report_year=ctx.year,
        kind="result" if review else "target",
        period_year=ctx.year - 1 if review else ctx.year,
        indicator=indicator,
        canonical=canonical,
        verb=verb,
        value=q.value if q else None,
        value_high=q.value_high if q else None,
        stretch=None,
        unit=q.unit if q else None,
        comparator=comparator,  # type: ignore[arg-type]
        estimated=estimated,
        section=sec.section.heading or None,
        clause=doc.text[cl.start : cl.end],
        start=cl.start,
        end=cl.end,
        headline=headline,
        span=span,
        value_base=q.value_base if q else None,
        unit_base=q.unit_base if q else None,
    )
