"""numbers: quantities as written, multipliers, Chinese numerals, ranges, qualifiers after the unit."""

import pytest

from extractors.numbers import find_quantities, parse_cn_number


def one(text):
    qs = find_quantities(text)
    assert len(qs) == 1, qs
    return qs[0]


@pytest.mark.parametrize(
    ("text", "value", "unit", "unit_base", "value_base"),
    [
        ("粮食产量1.3万亿斤以上", 1.3, "万亿斤", "斤", 1.3e12),
        ("移交社区服务用房3.1万平米", 3.1, "万平米", "平米", 3.1e4),
        ("人才补贴3500万元", 3500, "万元", "元", 3.5e7),
        ("市场主体总量突破6万户", 6, "万户", "户", 6e4),
        ("城镇新增就业1200万人以上", 1200, "万人", "人", 1.2e7),
        ("新增学位2500个", 2500, "个", "个", 2500),
        ("增长5.2%", 5.2, "%", "%", 5.2),
        ("城乡低保标准提高到740元/月", 740, "元/月", "元/月", 740),
        ("总用户数近3500万", 3500, "万", "", 3.5e7),
        ("惠及5.6万人次", 5.6, "万人次", "人次", 5.6e4),
    ],
)
def test_find_quantities__unit_as_written_with_multiplier(text, value, unit, unit_base, value_base):
    q = one(text)
    assert (q.value, q.unit, q.unit_base) == (value, unit, unit_base)
    assert q.value_base == pytest.approx(value_base)


def test_find_quantities__spaces_inside_numbers_from_pdf():
    assert one("移交社区服务用房3. 1 万平米").value == 3.1


@pytest.mark.parametrize(
    ("text", "low", "high"), [("5.0%—5.5%", 5.0, 5.5), ("6%－6.5%", 6, 6.5), ("6.5%-7%", 6.5, 7)]
)
def test_find_quantities__ranges(text, low, high):
    q = one(f"增长{text}")
    assert (q.value, q.value_high, q.unit) == (low, high, "%")


@pytest.mark.parametrize(
    ("text", "post"), [("5%左右", "左右"), ("1200万人以上", "以上"), ("5.5%以内", "以内")]
)
def test_find_quantities__post_qualifier(text, post):
    assert one(text).post == post


@pytest.mark.parametrize(
    ("text", "infix"), [("100余家企业", "余"), ("6600多万纳税人", "多"), ("2.1万余人", "余")]
)
def test_find_quantities__yu_duo_between_number_and_unit(text, infix):
    q = one(text)
    assert q.infix == infix
    assert "余" not in q.unit and "多" not in q.unit


@pytest.mark.parametrize(
    ("text", "value", "unit"),
    [("三十万亩", 30, "万亩"), ("两万人", 2, "万人"), ("百分之五", 5, "%"), ("一百二十个", 120, "个")],
)
def test_find_quantities__chinese_numerals_before_a_unit(text, value, unit):
    q = one(text)
    assert (q.value, q.unit, q.chinese) == (value, unit, True)


@pytest.mark.parametrize(
    "text",
    [
        "2023年",
        "3月5日",
        "C919",
        "5G基站",
        "株洲西500KV变电站",
        "用3—5年时间",
        "两次降低",
        "五个一工程",
        "4000吨级起重机",
        "十三五",
    ],
)
def test_find_quantities__no_quantity_in_dates_codes_and_idioms(text):
    assert find_quantities(text) == []


def test_find_quantities__offsets_point_into_the_text():
    text = "GDP增长7.5%左右；规模工业增加值增长10%左右"
    for q in find_quantities(text):
        assert text[q.start : q.end].startswith(str(int(q.value)))


@pytest.mark.parametrize(
    ("cn", "value"),
    [("十", 10), ("三十", 30), ("一百零五", 105), ("两千", 2000), ("二点五", 2.5), ("十二", 12)],
)
def test_parse_cn_number(cn, value):
    assert parse_cn_number(cn) == value


def test_find_quantities__qualifier_after_a_space():
    assert one("增长5% 左右").post == "左右"


@pytest.mark.parametrize(
    ("text", "value", "unit"), [("新建幼儿园三所。", 3, "所"), ("医疗中心两个", 2, "个")]
)
def test_find_quantities__lone_chinese_numeral_ending_its_clause(text, value, unit):
    (q,) = find_quantities(text)
    assert (q.value, q.unit, q.chinese) == (value, unit, True)


@pytest.mark.parametrize("text", ["两个确立", "建立一批", "三项行动计划", "两次降低"])
def test_find_quantities__lone_chinese_numeral_before_a_word_is_not_a_quantity(text):
    assert find_quantities(text) == []


def test_find_quantities__suo_before_yishang():
    (q,) = find_quantities("新建中小学10所以上。")
    assert (q.value, q.unit, q.post) == (10, "所", "以上")


def test_find_quantities__bare_numbers_listed_before_a_quantity_share_its_unit():
    assert [(q.value, q.unit) for q in find_quantities("分别为12、8、5个")] == [
        (12, "个"),
        (8, "个"),
        (5, "个"),
    ]
    assert find_quantities("2019、2020年") == []


def test_find_quantities__candidates_same_as_the_plain_pattern():
    import re

    from extractors.numbers import _tables

    candidate = _tables().candidate
    after = candidate.pattern.rsplit("(?=[", 1)[1][:-3]
    plain = re.compile(r"百分之|\d+|[零〇一二两三四五六七八九十]+(?=[" + after + "])")
    text = "十万三十五个百分之五一二三四五亿百分٣٤万𝟏𝟐个2024年" + "".join(map(chr, range(0x2F00, 0x3100)))
    assert [m.span() for m in plain.finditer(text)] == [m.span() for m in candidate.finditer(text)]
