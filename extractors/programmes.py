"""民生实事: the numbered lists of promises a report makes for the year, and the next report's claim.

Belongs here: finding a programme's declaration in the plan (`办好区人大代表票决民生实事：1.…；2.…`,
`扎实办好“十大重点民生实事”。①…`, `继续实施好十方面民生实事。\\n1.…`, `全力办好我市确定的10件民生实事。一是…`,
an appendix heading `2024年十件民生实事` followed by its list), its count (digits or Chinese numerals,
`M类N件`), its items (numbered `1.`, `（1）`, `①`, `一是`, `（一）`, or a `；` run after `包括：`), and
the review's claims (`22件省、市重点民生实事、10件区人大代表票决实事顺利完成`, `省定民生实事、市定惠民
工程全面完成`). Records: the programme (kind `programme`, value = N), each item (kind `target`,
`programme` and `programme_item` set; its figure is the first one `commitments` read inside the
item, or none: qualitative), each claim (kind `result`, `programme` set, value = the count claimed,
`verb` = the outcome words). Records of `commitments` that an item or claim restates (same figure
inside its span) are dropped, so nothing is counted twice. Genre words live in data/programmes.csv.
Does not belong: whether N and the items found agree (a validation rule, expectations/), which claim
answers which programme (scoring/programmes.py).
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field, replace
from functools import cache

from extractors.datafiles import read_csv
from extractors.numbers import parse_cn_number
from extractors.records import Commitment, Document

_CJK = r"\u4e00-\u9fff"
_NAME_CHAR = re.compile(rf"[{_CJK}0-9A-Za-z“”\"「」《》]")
_LEVEL_LIST = re.compile(r"[省市区县州](?=、[省市区县州])")  # `省、市重点民生实事`
_QUOTES = '“”"「」'
_MAX_NAME = 26  # characters a name may reach back from its noun
_MAX_ITEM = 700  # characters between two markers of one list
_MAX_TAIL = 30  # characters a sentence may run on after a programme's name before its list's line
_CN_NUM = "[一二两三四五六七八九十百]+"


@dataclass(frozen=True)
class _Words:
    nouns: re.Pattern[str]
    needs_count: frozenset[str]
    counters: dict[str, bool]  # counter -> kept as unit
    verbs: tuple[str, ...]
    cuts: tuple[str, ...]
    joiners: tuple[str, ...]
    references: tuple[str, ...]
    qualifiers: tuple[str, ...]
    outcomes: tuple[tuple[str, str], ...]  # (words, class), longest first
    intros: tuple[str, ...]
    markers: tuple[tuple[re.Pattern[str], str], ...]
    count: re.Pattern[str]


@cache
def words() -> _Words:
    rows = read_csv("programmes.csv")
    by = lambda role: [r for r in rows if r["role"] == role]  # noqa: E731
    longest = lambda xs: tuple(sorted(xs, key=len, reverse=True))  # noqa: E731
    nouns = longest(r["word"] for r in by("noun"))
    counters = {r["word"]: r["flag"] == "unit" for r in by("counter")}
    alt = "|".join(map(re.escape, longest(counters)))
    count = re.compile(
        rf"(?:(?P<groups>\d+|{_CN_NUM})\s*类\s*)?(?P<count>\d+|{_CN_NUM})\s*(?P<counter>{alt})(?![{_CJK}]*年)"
    )
    return _Words(
        nouns=re.compile("|".join(map(re.escape, nouns))),
        needs_count=frozenset(r["word"] for r in by("noun") if r["flag"] == "count"),
        counters=counters,
        verbs=longest(r["word"] for r in by("verb")),
        cuts=longest(r["word"] for r in by("cut")),
        joiners=longest(r["word"] for r in by("joiner")),
        references=longest(r["word"] for r in by("reference")),
        qualifiers=longest(r["word"] for r in by("qualifier")),
        outcomes=tuple(sorted(((r["word"], r["flag"]) for r in by("outcome")), key=lambda x: -len(x[0]))),
        intros=longest(r["word"] for r in by("list_intro")),
        markers=tuple((re.compile(r["word"]), r["flag"]) for r in by("marker")),
        count=count,
    )


@dataclass
class Item:
    number: int
    start: int  # after the marker
    end: int

    def text(self, text: str) -> str:
        return text[self.start : self.end]


@dataclass
class Name:
    """A programme's name as written (`十大重点民生实事`), its span and its count."""

    text: str
    start: int
    end: int
    noun: str
    count: float | None = None
    counter: str | None = None
    groups: float | None = None
    listed: list[Item] = field(
        default_factory=list
    )  # `“A、B、C”等3件…`: the items enumerated before the name


@dataclass
class Programme:
    name: Name
    clause: tuple[int, int]
    items: list[Item] = field(default_factory=list)


@dataclass
class Claim:
    name: Name
    outcome: str
    outcome_class: str
    clause: tuple[int, int]


def _quoted_run(text: str, cut: int) -> list[Item]:
    """`做好“A、B、C”等11项…`: the quoted 、-run ending just before the cut word (`等`) ending at `cut`."""
    close = cut - 2  # the closing quote before the one-character cut word
    if close <= 0 or text[close] not in '”"':
        return []
    floor = max(0, close - _MAX_ITEM)
    opening = max(text.rfind("“", floor, close), text.rfind('"', floor, close))
    if opening < 0:
        return []
    pos, out = opening + 1, []
    for k, part in enumerate(text[opening + 1 : close].split("、")):
        out.append(Item(k + 1, pos, pos + len(part)))
        pos += len(part) + 1
    return out if len(out) >= 2 else []


def _number(token: str) -> float:
    return float(token) if token.isdigit() else parse_cn_number(token)


def _name_before(text: str, noun: re.Match[str], floor: int) -> Name | None:
    """The name ending with `noun`: back over name characters (not past `floor`), then after the
    last verb or cut word; its count where it has one."""
    w = words()
    b = noun.start()
    while b > floor and noun.end() - b < _MAX_NAME:
        prev = text[b - 1]
        if (
            _NAME_CHAR.match(prev)
            or prev == " "
            or (prev == "、" and b >= 2 and _LEVEL_LIST.match(text, b - 2))
        ):
            b -= 1
            continue
        break
    head = text[b : noun.start()]
    cuts = w.verbs + w.cuts + tuple(j for j in w.joiners if j != "、")
    cut = max((head.rfind(x) + len(x) for x in cuts if x in head), default=0)
    listed = _quoted_run(text, b + cut) if head[:cut].endswith(w.cuts) else []
    b += cut
    while b < noun.start() and (text[b] in " " + _QUOTES or any(text.startswith(j, b) for j in w.joiners)):
        b += next((len(j) for j in w.joiners if text.startswith(j, b)), 1)
    name = Name(re.sub(f"[{_QUOTES} ]", "", text[b : noun.end()]), b, noun.end(), noun.group(), listed=listed)
    m = next(reversed(list(w.count.finditer(text, b, noun.start()))), None)  # the count nearest the noun
    if m is not None:
        name.count, name.counter = _number(m.group("count")), m.group("counter")
        name.groups = _number(m.group("groups")) if m.group("groups") else None
    if noun.group() in w.needs_count and name.count is None and not any(q in name.text for q in w.qualifiers):
        return None
    return name if len(name.text) >= 2 else None


def _names(text: str, start: int, end: int) -> list[Name]:
    out: list[Name] = []
    floor = start
    for noun in words().nouns.finditer(text, start, end):
        name = _name_before(text, noun, floor)
        floor = noun.end()
        if name is not None:
            out.append(name)
    return out


def _clause_start(text: str, pos: int, floor: int) -> int:
    stops = "，。；：:;！？\n"
    i = pos
    while i > floor and text[i - 1] not in stops:
        i -= 1
    return i


def _after_quote(text: str, pos: int) -> int:
    while pos < len(text) and text[pos] in _QUOTES:
        pos += 1
    return pos


# ---- lists ---------------------------------------------------------------------------------------


def _read_marker(m: re.Match[str], how: str) -> int:
    n = m.group("n")
    if how == "circled":
        return ord(n) - ord("①") + 1
    return int(_number(n))


def _marker_at(text: str, pos: int, want: int | None = None) -> tuple[re.Match[str], str] | None:
    for pattern, how in words().markers:
        m = pattern.match(text, pos)
        if m and (want is None or _read_marker(m, how) == want):
            return m, how
    return None


def _separated(text: str, pos: int, start: int) -> bool:
    """A marker at `pos` stands at a list position: after a separator (or a line start)."""
    i = pos
    while i > start and text[i - 1] == " ":
        i -= 1
    return i <= start or text[i - 1] in "；;。，,：:\n"


def _next_marker(
    text: str, pos: int, end: int, pattern: re.Pattern[str], how: str, want: int
) -> re.Match[str] | None:
    for m in pattern.finditer(text, pos, min(end, pos + _MAX_ITEM)):
        if _read_marker(m, how) == want and _separated(text, m.start(), pos):
            return m
    return None


def _trim(text: str, s: int, e: int) -> tuple[int, int]:
    while s < e and text[s] in " \n":
        s += 1
    while e > s and text[e - 1] in " \n；;。，,":
        e -= 1
    return s, e


def numbered_items(text: str, pos: int, end: int) -> list[Item]:
    """The numbered list starting at `pos` (its first marker is 1), up to its last item's end."""
    first = _marker_at(text, pos, 1)
    if first is None:
        return []
    m, how = first
    pattern = m.re
    marks = [m]
    while (nxt := _next_marker(text, marks[-1].end(), end, pattern, how, len(marks) + 1)) is not None:
        marks.append(nxt)
    lines = all(text[k.start() - 1 : k.start()] == "\n" for k in marks[1:]) and len(marks) > 1
    items = []
    for k, mark in enumerate(marks):
        if k + 1 < len(marks):
            stop = marks[k + 1].start()
        else:
            stop = _last_item_end(text, mark.end(), end, lines)
        s, e = _trim(text, mark.end(), stop)
        items.append(Item(k + 1, s, e))
    return items


def _last_item_end(text: str, pos: int, end: int, lines: bool) -> int:
    line_end = text.find("\n", pos, end)
    line_end = end if line_end < 0 else line_end
    if lines:
        return line_end
    stop = text.find("。", pos, line_end)
    return line_end if stop < 0 else stop


def semicolon_items(text: str, pos: int, end: int) -> list[Item]:
    """`包括：A；B；C。`: the items of a run of clauses separated by `；`, up to the sentence end."""
    stop = min(x for x in (text.find("。", pos, end), text.find("\n", pos, end), end) if x >= 0)
    parts, s = [], pos
    for m in re.finditer("[；;]", text[pos:stop]):
        parts.append((s, pos + m.start()))
        s = pos + m.end()
    parts.append((s, stop))
    if len(parts) < 2:
        return []
    return [Item(k + 1, *_trim(text, a, b)) for k, (a, b) in enumerate(parts)]


def _list_start(text: str, pos: int, end: int) -> tuple[int, str] | None:
    """After a programme's name: where its list starts and the words between (`：`, `。`, `包括：`)."""
    pos = _after_quote(text, pos)
    while pos < end and text[pos] == " ":
        pos += 1
    for intro in ("",) + words().intros:
        q = pos + len(intro)
        if text.startswith(intro, pos):
            while q < end and text[q] in " \n":
                q += 1
            if _marker_at(text, q, 1):
                return q, intro
    for intro in words().intros:
        if text.startswith(intro, pos) and intro.rstrip("：:") != intro:  # `包括：A；B` / `：A；B`
            return pos + len(intro), "semicolons"
    return _list_after_tail(text, pos, end)


def _list_after_tail(text: str, pos: int, end: int) -> tuple[int, str] | None:
    """`办好十方面民生实事，坚决做到言必信、行必果。\n1.…`: the sentence ends in a few more words and the
    list starts on the next line with its first marker."""
    stop = min((k for k in (text.find(c, pos, min(end, pos + _MAX_TAIL)) for c in "。：:") if k >= 0), default=-1)
    if stop < 0 or "\n" in text[pos:stop]:
        return None
    q = stop + 1
    while q < end and text[q] in " ":
        q += 1
    if q >= end or text[q] != "\n":
        return None
    while q < end and text[q] in " \n":
        q += 1
    return (q, "tail") if _marker_at(text, q, 1) else None


def list_items(text: str, pos: int, end: int) -> list[Item]:
    """The items listed right after position `pos` (the end of a programme's name), if any."""
    found = _list_start(text, pos, end)
    if found is None:
        return []
    q, how = found
    return semicolon_items(text, q, end) if how == "semicolons" else numbered_items(text, q, end)


# ---- programmes and claims -----------------------------------------------------------------------


def _reference(text: str, name: Name) -> bool:
    after = text[_after_quote(text, name.end) : name.end + 12]
    return any(after.startswith(r) for r in words().references)


def find_programmes(text: str, start: int = 0, end: int | None = None) -> list[Programme]:
    """Programmes declared in text[start:end] (a plan, an appendix): a name with a count or a list."""
    end = len(text) if end is None else end
    out: list[Programme] = []
    for name in _names(text, start, end):
        if _reference(text, name):
            continue
        items = list_items(text, name.end, end) or name.listed
        if not items and name.count is None:
            continue
        clause = (_clause_start(text, name.start, start), _after_quote(text, name.end))
        out.append(Programme(name, clause, items))
    return _one_per_name(out)


def _one_per_name(found: list[Programme]) -> list[Programme]:
    """A plan that names its programme twice declares it once (same name, or same noun and count):
    the mention with the list, else the longer name, else the first."""
    best: dict[tuple, Programme] = {}
    for p in found:
        key = (p.name.noun, p.name.count) if p.name.count is not None else (p.name.text,)
        have = best.get(key)
        if (
            have is None
            or (p.items and not have.items)
            or (bool(p.items) == bool(have.items) and len(p.name.text) > len(have.name.text))
        ):
            best[key] = p
    return sorted(best.values(), key=lambda p: p.name.start)


def _outcome(text: str, pos: int) -> tuple[str, str] | None:
    pos = _after_quote(text, pos)
    return next(((w, c) for w, c in words().outcomes if text.startswith(w, pos)), None)


def _joined(text: str, a: Name, b: Name) -> bool:
    gap = text[_after_quote(text, a.end) : b.start].strip(_QUOTES + " ")
    return gap in words().joiners


def find_claims(text: str, start: int = 0, end: int | None = None) -> list[Claim]:
    """Claims in text[start:end] (a review): names followed by outcome words, several names
    joined by 、/和 sharing one outcome (`省定民生实事、市定惠民工程全面完成`)."""
    end = len(text) if end is None else end
    names = _names(text, start, end)
    out: list[Claim] = []
    run: list[Name] = []
    for k, name in enumerate(names):
        run.append(name)
        nxt = names[k + 1] if k + 1 < len(names) else None
        if nxt is not None and _joined(text, name, nxt):
            continue
        said = _outcome(text, name.end)
        if said is not None:
            words_, cls = said
            stop = _after_quote(text, name.end) + len(words_)
            clause = (_clause_start(text, run[0].start, start), stop)
            out.extend(Claim(n, words_, cls, clause) for n in run)
        run = []
    return out


# ---- records -------------------------------------------------------------------------------------


def _section_at(doc: Document, pos: int):
    return next((s for s in doc.sections if s.start <= pos < s.end), None)


def _base(doc: Document, year: int, kind: str, start: int, end: int, section) -> dict:
    return dict(
        source=doc.source,
        region=doc.region,
        report_year=year,
        kind=kind,
        section=(section.heading or None) if section else None,
        clause=doc.text[start:end],
        start=start,
        end=end,
        canonical=None,
        value_high=None,
        stretch=None,
        estimated=False,
    )


def _programme_record(doc: Document, year: int, p: Programme) -> Commitment:
    n = p.name
    unit = n.counter if n.counter and words().counters.get(n.counter) else None
    return Commitment(
        **_base(doc, year, "programme", *p.clause, _section_at(doc, p.clause[0])),
        period_year=year,
        indicator=n.text,
        verb=None,
        value=n.count,
        unit=unit,
        comparator="exact" if n.count is not None else "qualitative",
        programme=n.text,
        programme_groups=int(n.groups) if n.groups else None,
    )


def _item_indicator(text: str) -> str:
    head = re.split("[。；;]", text, maxsplit=1)[0]
    return head[:40].strip(" ，,") or text[:40]


def _item_record(doc: Document, year: int, p: Programme, it: Item, figure: Commitment | None) -> Commitment:
    rec = Commitment(
        **_base(doc, year, "target", it.start, it.end, _section_at(doc, it.start)),
        period_year=year,
        indicator=_item_indicator(it.text(doc.text)),
        verb=None,
        value=None,
        unit=None,
        comparator="qualitative",
        programme=p.name.text,
        programme_item=it.number,
    )
    if figure is None:
        return rec
    verb = figure.verb if figure.verb and figure.verb in rec.clause else None  # not `是` of `三是`
    return replace(
        rec,
        canonical=figure.canonical,
        verb=verb,
        value=figure.value,
        value_high=figure.value_high,
        stretch=figure.stretch,
        unit=figure.unit,
        comparator=figure.comparator,
        estimated=figure.estimated,
        value_base=figure.value_base,
        unit_base=figure.unit_base,
        headline=False,
    )


def _claim_record(doc: Document, year: int, c: Claim) -> Commitment:
    n = c.name
    unit = n.counter if n.counter and words().counters.get(n.counter) else None
    return Commitment(
        **_base(doc, year, "result", *c.clause, _section_at(doc, c.clause[0])),
        period_year=year - 1,
        indicator=n.text,
        verb=c.outcome,
        value=n.count,
        unit=unit,
        comparator="exact" if n.count is not None else "qualitative",
        programme=n.text,
        programme_groups=int(n.groups) if n.groups else None,
    )


def _inside(r: Commitment, s: int, e: int) -> bool:
    return s <= r.start < e or r.start <= s < r.end


def _spans(doc: Document, kinds: tuple[str, ...]) -> list[tuple[int, int]]:
    spans = [(s.start, s.end) for s in doc.sections if s.kind in kinds]
    return spans if doc.sections else [(0, len(doc.text))]


def _restating(records: list[Commitment], kind: str, value: float | None, start: int, end: int) -> set[int]:
    """ids of the records of `kind` that state `value` inside text[start:end]."""
    if value is None:
        return set()
    return {id(r) for r in records if r.kind == kind and r.value == value and _inside(r, start, end)}


def _programme_records(doc: Document, year: int, p: Programme, records: list[Commitment]) -> tuple[list, set]:
    out = [_programme_record(doc, year, p)]
    drop = _restating(records, "target", p.name.count, p.name.start, p.name.end)
    for it in p.items:
        figure = next(
            (
                r
                for r in records
                if r.kind == "target"
                and r.value is not None
                and id(r) not in drop
                and it.start <= _value_pos(r) < it.end
            ),
            None,
        )
        out.append(_item_record(doc, year, p, it, figure))
        if figure is not None:
            drop.add(id(figure))
    return out, drop


def add_programmes(doc: Document, records: list[Commitment]) -> list[Commitment]:
    """`records` (from commitments) with the report's programmes, items and claims added and the
    records they restate removed, in text order."""
    if doc.report_year is None:
        return records
    year, text = doc.report_year, doc.text
    drop: set[int] = set()
    added: list[Commitment] = []
    for p in _one_per_name(
        [p for s, e in _spans(doc, ("plan", "other")) for p in find_programmes(text, s, e)]
    ):
        recs, gone = _programme_records(doc, year, p, records)
        added.extend(recs)
        drop |= gone
    for s, e in _spans(doc, ("review",)):
        for c in find_claims(text, s, e):
            added.append(_claim_record(doc, year, c))
            drop |= _restating(records, "result", c.name.count, c.name.start, c.name.end)
    if not added:
        return records
    kept = [r for r in records if id(r) not in drop]
    return sorted(kept + added, key=lambda r: (r.start, r.kind != "programme"))


def _value_pos(r: Commitment) -> int:
    """Where a record's number stands in the text (its clause may begin before an item's marker)."""
    digits = f"{r.value:g}"
    k = r.clause.find(digits)
    return r.start + k if k >= 0 else r.start


def outcome_class(outcome: str | None) -> str | None:
    """`complete` / `partial` / `progress` for a claim's outcome words as written (data/programmes.csv)."""
    return next((c for w, c in words().outcomes if w == outcome), None)
