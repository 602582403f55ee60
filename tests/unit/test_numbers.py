"""numbers: quantities as written, multipliers, Chinese numerals, ranges, qualifiers after the unit."""

from pathlib import Path

import pytest

from extractors.numbers import find_quantities, parse_cn_number

ROOT = Path(__file__).resolve().parents[2]
SHARED = Path("/work/shared/corpus")


def corpus_file(region, year):
    """A real report: the shipped copy in data/raw, else the shared corpus it is shipped from."""
    for path in (ROOT / "data/raw" / region / f"{year}.txt", SHARED / region / f"{year}.txt"):
        if path.exists():
            return path
    pytest.skip(f"{region}/{year}.txt is neither shipped nor in the shared corpus")


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
    after = re.search(r"\*\(\?=\[((?:\\.|[^\]])*)\]\)", candidate.pattern).group(1)
    plain = re.compile(
        r"[百千]分之|\d+|[零〇一二两三四五六七八九十]+(?=[" + after + r"])|[lIOo](?=[lIOo\d.]*\d)"
    )
    text = "十万千分之七三千三十五个百分之五一二三四五亿百分٣٤万𝟏𝟐个2024年九点四l3.6％ Ok 1O％lO.5" + "".join(
        map(chr, range(0x2F00, 0x3100))
    )
    assert [m.span() for m in plain.finditer(text)] == [m.span() for m in candidate.finditer(text)]


# ---- older wording: Chinese numerals (cn2an), OCR'd digits, full-width forms ------------------
# Synthetic one-line sentences in the style of reports before 2004 and of county reports today.


@pytest.mark.parametrize(
    ("text", "value", "high", "post", "written"),
    [
        ("国民生产总值计划增长百分之七。", 7, None, None, "百分之七"),
        ("物价涨幅控制在百分之五以内。", 5, None, "以内", "百分之五以内"),
        ("比上年增长百分之九点四，", 9.4, None, None, "百分之九点四"),
        ("增长百分之十二点五左右", 12.5, None, "左右", "百分之十二点五左右"),
        ("居民消费价格涨幅百分之三左右", 3, None, "左右", "百分之三左右"),
        ("增长百分之七到百分之八", 7, 8, None, "百分之七到百分之八"),
        ("增长百分之七至八", 7, 8, None, "百分之七至八"),
        ("覆盖率达到百分之百", 100, None, None, "百分之百"),
    ],
)
def test_find_quantities__baifenzhi_with_decimals_ranges_and_qualifiers(text, value, high, post, written):
    q = one(text)
    assert (q.value, q.value_high, q.unit, q.post, q.chinese) == (value, high, "%", post, True)
    assert text[q.start : q.end] == written


@pytest.mark.parametrize(
    ("text", "value", "unit", "value_base"),
    [
        ("为民办好十件实事", 10, "件", 10),
        ("城镇新增就业三万人以上", 3, "万人", 3e4),
        ("财政收入一千二百亿元", 1200, "亿元", 1.2e11),
        ("新增三万五千人", 35000, "人", 35000),
        ("投资三亿五千万元", 3.5e8, "元", 3.5e8),
        ("造林十二万五千亩", 125000, "亩", 125000),
        ("完成九点四亿元", 9.4, "亿元", 9.4e8),
    ],
)
def test_find_quantities__chinese_numerals_with_units(text, value, unit, value_base):
    q = one(text)
    assert (q.value, q.unit, q.chinese) == (value, unit, True)
    assert q.value_base == pytest.approx(value_base)


def test_find_quantities__chinese_numeral_qualifier_after_the_unit():
    assert one("城镇新增就业三万人以上").post == "以上"


@pytest.mark.parametrize(
    ("text", "value", "written"),
    [
        ("国内生产总值增长1O％，", 10, "1O％"),
        ("工业增长l3.6％，", 13.6, "l3.6％"),
        ("零售总额增长lO.5％：", 10.5, "lO.5％"),
        ("出口增长4l.1％；", 41.1, "4l.1％"),
    ],
)
def test_find_quantities__letters_scanned_for_digits_are_read_as_digits(text, value, written):
    q = one(text)
    assert (q.value, q.unit, q.lookalike, q.chinese) == (value, "%", True, False)
    assert text[q.start : q.end] == written


@pytest.mark.parametrize("text", ["PM2.5浓度下降", "COVID19例", "Olympic Games", "第lO期"])
def test_find_quantities__letters_alone_or_after_letters_are_not_numbers(text):
    assert all(not q.lookalike for q in find_quantities(text))


@pytest.mark.parametrize(("text", "value"), [("增长５％", 5), ("增长5％", 5), ("增长５.２％", 5.2)])
def test_find_quantities__full_width_digits_and_percent(text, value):
    q = one(text)
    assert (q.value, q.unit) == (value, "%")


def test_parse_cn_number__uses_cn2an_and_rejects_runs_that_are_not_one_number():
    assert parse_cn_number("一千二百") == 1200
    assert parse_cn_number("二〇〇三") == 2003
    with pytest.raises(ValueError):
        parse_cn_number("十二三")
    assert find_quantities("十二三万人") == []  # `twelve or thirteen`: no one number


def test_find_quantities__zhumadian_2003_ocr_digits_in_the_real_report():
    """驻马店 2003 (scraped): `国内生产总值增长1O％`, `增长l3.6％`, `增长lO.5％` (letters for digits)."""
    from extractors.normalize import normalize_text

    text = normalize_text(corpus_file("zhumadian", 2003).read_text(encoding="utf-8"))
    found = {text[q.start : q.end]: q.value for q in find_quantities(text) if q.lookalike}
    assert found["1O%"] == 10 and found["l3.6%"] == 13.6 and found["lO.5%"] == 10.5


@pytest.mark.parametrize(
    ("text", "value", "unit", "post"),
    [
        ("人口自然增长率控制在千分之七以内", 7, "‰", "以内"),
        ("人口自然增长率千分之六点五", 6.5, "‰", None),
        ("比上年提高一个百分点。", 1, "个百分点", None),
        ("下降两个百分点", 2, "个百分点", None),
        ("提高三个百分点以上", 3, "个百分点", "以上"),
    ],
)
def test_find_quantities__permille_words_and_percentage_points_in_chinese(text, value, unit, post):
    q = one(text)
    assert (q.value, q.unit, q.post, q.chinese) == (value, unit, post, True)


def test_find_quantities__a_lone_numeral_before_baifendian_inside_a_phrase_is_not_a_figure():
    assert find_quantities("缩小两个百分点的差距") == []
