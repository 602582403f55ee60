"""A cheap necessary condition for a cue pattern: characters one of which every match contains.

Why: cue patterns (data/cues.csv) such as `sub_year` or `relational` open with a character class,
a repeat or an anchor, so the regex engine tries them at every position of the string: ~80 ns a
character, run several times for every number of a report. A class of the characters that every
match must contain (`季 半 月` for `[一二三四]季度|上半年|下半年|…|\\d+月份`) is searched for in C at a few
ns a character; when none is there, the pattern cannot match and is not run. Derived from the
pattern itself, so an analyst's new cue row needs nothing here.

Belongs here: reading a compiled pattern's syntax tree for its required characters. Does not
belong: what the patterns mean (`cues`, `commitments`).
"""

from __future__ import annotations

import re
from re import _constants as C  # noqa: N812  (the regex engine's opcodes)
from re import _parser

_MAX_CHARS = 64  # a larger set is no cheap test
_REPEATS = (C.MAX_REPEAT, C.MIN_REPEAT, getattr(C, "POSSESSIVE_REPEAT", C.MAX_REPEAT))

Chars = frozenset[str]


def needed(pattern: re.Pattern[str]) -> re.Pattern[str] | None:
    """A character class one of whose characters every match of `pattern` contains, or None when
    the pattern can match without a fixed character (an empty match, `.`, `\\d`, case-insensitive …)."""
    if pattern.flags & re.IGNORECASE or not isinstance(pattern.pattern, str):
        return None
    chars = _sequence(_parser.parse(pattern.pattern, pattern.flags))
    if not chars or len(chars) > _MAX_CHARS:
        return None
    return re.compile("[" + "".join(re.escape(c) for c in sorted(chars)) + "]")


def _sequence(items) -> Chars | None:
    """The smallest required set of any item of a sequence (each item of it must match)."""
    best: Chars | None = None
    for op, av in items:
        chars = _item(op, av)
        if chars is not None and (best is None or len(chars) < len(best)):
            best = chars
    return best


def _item(op, av) -> Chars | None:
    if op is C.LITERAL:
        return frozenset(chr(av))
    if op is C.IN:
        return _charset(av)
    if op is C.SUBPATTERN:
        _group, add_flags, _del_flags, sub = av
        return None if add_flags & re.IGNORECASE else _sequence(sub)
    if op is C.BRANCH:
        union: set[str] = set()
        for alternative in av[1]:
            chars = _sequence(alternative)
            if chars is None:
                return None  # this alternative can match without a fixed character
            union |= chars
        return frozenset(union)
    if op in _REPEATS:
        low, _high, sub = av
        return _sequence(sub) if low >= 1 else None
    return None  # anchors, lookarounds (not part of the match), `.`, negated literals, back-references


def _charset(items) -> Chars | None:
    chars: set[str] = set()
    for op, av in items:
        if op is C.LITERAL:
            chars.add(chr(av))
        elif op is C.RANGE and av[1] - av[0] < _MAX_CHARS:
            chars.update(chr(c) for c in range(av[0], av[1] + 1))
        else:
            return None  # NEGATE, categories (\d, \w), wide ranges
    return frozenset(chars)
