"""lexicon: aliases to canonical keys, near-names kept apart, shares and sub-populations not matched."""

import pytest

from extractors.lexicon import load_lexicon, lookup


@pytest.mark.parametrize(
    ("phrase", "canonical"),
    [
        ("国内生产总值", "gdp"),
        ("地区生产总值", "gdp"),
        ("天元区GDP", "gdp"),
        ("经济增长", "gdp"),
        ("规上工业增加值", "industrial_value_added"),
        ("规模工业企业", "industrial_enterprises"),
        ("城镇调查失业率", "surveyed_unemployment"),
        ("城镇登记失业率", "registered_unemployment"),
        ("新增城镇就业", "urban_new_jobs"),
        ("农村劳动力转移就业", "rural_labor_transfer"),
        ("粮食产量", "grain_output"),
        ("粮食播种面积", "grain_area"),
        ("居民消费价格上涨", "cpi"),
        ("单位国内生产总值能耗", "energy_intensity"),
        ("农村居民人均可支配收入", "rural_income"),
        ("全体居民人均可支配收入", "disposable_income"),
        ("全社会研发投入强度", "rd_intensity"),
        ("海洋生产总值", "marine_gdp"),
    ],
)
def test_lookup__alias_to_canonical(phrase, canonical):
    assert lookup(phrase).canonical == canonical


@pytest.mark.parametrize(
    "phrase",
    [
        "数字经济核心产业增加值占国内生产总值比重",  # a share of GDP
        "对全球经济增长的贡献率",
        "脱贫地区农村居民收入",  # part of the population
        "为市场主体减负",  # the alias is an object
        "新增博士学位授权点",
        "",
        None,
    ],
)
def test_lookup__shares_parts_and_unknown_phrases_have_no_canonical(phrase):
    assert lookup(phrase) is None


def test_lexicon__headline_polarity_and_units_from_the_data_file():
    lex = load_lexicon()
    assert lex.entries["cpi"].polarity == "ceiling" and lex.entries["cpi"].headline
    assert lex.entries["energy_intensity"].polarity == "lower"
    assert "percent" in lex.entries["gdp"].unit_families
    assert not lex.entries["rural_labor_transfer"].headline
    assert all(e.polarity in ("higher", "lower", "ceiling") for e in lex.entries.values())


@pytest.mark.parametrize(
    "phrase",
    [
        "租赁和商务服务业增加值",  # an industry that ends with a head alias
        "数字经济增速",
        "服务贸易进出口",
        "人均地区生产总值",
        "户籍人口城镇化率",
        "规模以上工业企业研发经费支出",  # a measure of the firms, not their number
        "高新技术企业营业收入",
    ],
)
def test_lookup__head_aliases_inside_longer_names_do_not_match(phrase):
    assert lookup(phrase) is None


@pytest.mark.parametrize(
    ("phrase", "canonical"),
    [
        ("全市服务业增加值", "service_value_added"),
        ("实现地区生产总值", "gdp"),
        ("全县经济增长", "gdp"),
        ("货物贸易进出口总额", "trade"),
        ("北京地区进出口总额", "trade"),
        ("高新技术企业数", "high_tech_enterprises"),
    ],
)
def test_lookup__head_aliases_after_a_scope_or_verb_match(phrase, canonical):
    assert lookup(phrase).canonical == canonical


def test_search__case_sensitive_fast_path_matches_like_the_ignorecase_regex():
    lex = load_lexicon()
    phrases = [
        "天元区GDP增长",
        "gdp",
        "新建改建农村公路",
        "城镇调查失业率",
        "PM2.5浓度",
        "pm2.5",
        "全年居民消费价格",
    ]
    for phrase in phrases:
        plain, fast = lex.regex.search(phrase), lex._search(phrase)
        assert (plain and plain.span()) == (fast and fast.span()), phrase


# ---- older names and renamings across years (synthetic phrases) ------------------------------


@pytest.mark.parametrize(
    ("phrase", "canonical"),
    [
        ("国民生产总值", "gdp"),
        ("全市生产总值", "gdp"),
        ("社会总产值", "gross_social_product"),
        ("工农业总产值", "gross_agri_industrial_output"),
        ("国民收入", "national_income"),
        ("农民人均纯收入", "rural_income"),
        ("地方财政一般预算收入", "general_budget_revenue"),
        ("地方公共财政预算收入", "general_budget_revenue"),
        ("一般公共预算收入", "general_budget_revenue"),
        ("规模以上工业", "industrial_value_added"),
        ("规上工业增加值", "industrial_value_added"),
        ("新增城镇就业人员", "urban_new_jobs"),
        ("人口自然增长率", "population_natural_growth"),
        ("物价涨幅", "cpi"),
    ],
)
def test_lookup__older_names(phrase, canonical):
    assert lookup(phrase).canonical == canonical


@pytest.mark.parametrize("phrase", ["规模以上工业利润", "规模以上工业主营业务收入", "居民收入"])
def test_lookup__whole_phrase_alias_does_not_name_longer_phrases(phrase):
    found = lookup(phrase)
    assert found is None or found.canonical != "industrial_value_added"


def test_lookup__material_product_accounts_are_not_gdp_or_household_income():
    assert lookup("工农业总产值").canonical != "gdp"
    assert lookup("国民收入").canonical != "disposable_income"


def test_lexicon__renamings_carry_their_years():
    rural = load_lexicon().entries["rural_income"]
    assert rural.era("农民人均纯收入") == (None, 2014)
    assert rural.era("农村居民人均可支配收入") == (2014, None)
    assert rural.era("农民收入") is None  # a name used in every era
    budget = load_lexicon().entries["general_budget_revenue"]
    assert budget.era("地方公共财政预算收入") == (2011, 2015)


def test_lexicon__bad_year_syntax_is_refused():
    from extractors.lexicon import _alias

    assert _alias("^国民生产总值@-1994") == ("国民生产总值", "^", None, 1994)
    assert _alias("一般公共预算收入@2015-") == ("一般公共预算收入", "", 2015, None)
    with pytest.raises(ValueError):
        _alias("农民人均纯收入@14")
