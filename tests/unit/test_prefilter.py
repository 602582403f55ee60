"""extractors.prefilter and the fast paths built on it: same answers as the plain patterns."""

import random
import re

import pytest

from extractors.cues import cues
from extractors.prefilter import needed


@pytest.mark.parametrize(
    ("pattern", "chars"),
    [
        (r"[一二三四]季度|上半年|下半年|\d+月份", "上下季月"),
        (r"(?:到|至)\s*(20\d\d)\s*年", "2"),  # the smallest set of a mandatory item, the first one
        (r"^(?:同比|比)(?:上年)?$", "同比"),
        (r"榜单|上榜", "上榜"),
    ],
)
def test_needed__characters_every_match_contains(pattern, chars):
    need = needed(re.compile(pattern))
    assert need is not None and set(re.findall(r"[^\[\]\\]", need.pattern)) == set(chars)


@pytest.mark.parametrize("pattern", [r"a?", r".{2}", r"\d+", r"(?<=x)y?", r"[^a]b?", r"(?i)gdp", r"x|\w"])
def test_needed__none_when_a_match_can_do_without_a_fixed_character(pattern):
    assert needed(re.compile(pattern)) is None


def test_cues_search__same_as_the_pattern_on_random_text():
    cue = cues()
    alphabet = "年月季度上下半前三2024到至用来以累计十五四连续比高于全国占预期目标上述分别的 ，。、"
    rng = random.Random(4)
    for _ in range(3000):
        text = "".join(rng.choice(alphabet) for _ in range(rng.randint(0, 30)))
        pos = rng.randint(0, len(text))
        for kind in cue.needs:
            plain = cue.patterns[kind].search(text, pos)
            fast = cue.search(kind, text, pos)
            assert (plain and plain.span()) == (fast and fast.span()), (kind, text, pos)
