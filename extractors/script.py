"""Traditional characters to simplified, for reports found in Traditional script.

Belongs here: deciding whether a text is written in Traditional characters (a converted web page,
`縣第十五屆人民代表大會`) and converting it, so every cue, lexicon alias and heading rule (written in
simplified characters) applies. Does not belong: any other normalisation (`normalize`).

Why OpenCC (the pure-Python reimplementation, Apache-2.0): the maintained conversion tables of the
OpenCC project, no system library. A text counts as Traditional when the conversion changes more
than a small share of its Chinese characters: a simplified text (where t2s changes almost nothing)
is left byte for byte as it was. Offsets stay valid because the result is used only if it has the
same length; otherwise characters are converted one by one.
"""

from __future__ import annotations

import re
from functools import lru_cache
from pathlib import Path

_CJK = re.compile(r"[\u4e00-\u9fff]")
_SAMPLE = 2000  # characters read to decide
_SHARE = 0.03  # share of Chinese characters that must change for the text to count as Traditional


@lru_cache(maxsize=1)
def _converter():
    from opencc import OpenCC  # imported on first use: most reports never need it

    return OpenCC("t2s")


@lru_cache(maxsize=1)
def _traditional_only() -> frozenset[str]:
    """The characters OpenCC turns into another simplified character (its TSCharacters table):
    counting them in a sample costs well under a millisecond."""
    import opencc

    table = Path(opencc.__file__).parent / "dictionary" / "TSCharacters.txt"
    chars = set()
    for line in table.read_text(encoding="utf-8").splitlines():
        source, _, targets = line.partition("\t")
        if len(source) == 1 and targets and source not in targets.split():
            chars.add(source)
    return frozenset(chars)


def is_traditional(text: str) -> bool:
    """True when more than `_SHARE` of a sample's Chinese characters are Traditional-only ones."""
    sample = text[:_SAMPLE]
    traditional = _traditional_only()
    found = sum(1 for c in sample if c in traditional)
    return found >= 5 and found / max(len(_CJK.findall(sample)), 1) > _SHARE


def to_simplified(text: str) -> str:
    """The text in simplified characters when it is Traditional; otherwise the text unchanged."""
    if not is_traditional(text):
        return text
    out = _converter().convert(text)
    if len(out) != len(text):
        out = "".join(_converter().convert(c) for c in text)
    return out
