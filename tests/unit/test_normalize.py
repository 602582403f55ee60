"""extractors.normalize: undo what PDF, Word and web pages do to the text."""

import time
from pathlib import Path

import pytest

from extractors.normalize import normalize_text
from extractors.read import read_document

ROOT = Path(__file__).resolve().parents[2]


@pytest.mark.parametrize(
    ("raw", "expected"),
    [
        ("增 长 10.5%", "增长10.5%"),
        ("增 速 回 落 影 响", "增速回落影响"),
        ("社区服务用房 3. 1 万平米", "社区服务用房3.1万平米"),
        ("3. 1 万平米", "3.1万平米"),
        ("分别增长 9.7% 、9.6% 。", "分别增长9.7%、9.6%。"),
        ("城镇新增就业 1 2 0 0 万人以上", "城镇新增就业1200万人以上"),
        ("增长 1 0 . 5 %", "增长10.5%"),
        ("天元区 GDP 增长 4.0% ，规模", "天元区GDP增长4.0%，规模"),
        ("2022 年", "2022年"),
    ],
)
def test_normalize__spaces_inside_numbers_and_between_cjk(raw, expected):
    assert normalize_text(raw) == expected


def test_normalize__latin_words_keep_their_space_and_numbers_stay_apart():
    assert normalize_text("Public domain (PD)") == "Public domain (PD)"
    assert normalize_text("2.57 1.75") == "2.57 1.75"
    assert normalize_text("1,200 and 10:30") == "1,200 and 10:30"


def test_normalize__full_width_digits_letters_percent_become_ascii():
    assert normalize_text("增长５．５％，ＧＤＰ　１２３＋４－５") == "增长5.5%，GDP 123+4-5"


def test_normalize__chinese_punctuation_is_kept():
    text = "目标是：增长5%左右；（一）稳增长，促就业、保民生。"
    assert normalize_text(text) == text


def test_normalize__ascii_punctuation_next_to_cjk_becomes_full_width():
    assert (
        normalize_text("( 一 ) 坚持精准施策,经济运行稳中向好;审议, 并请")
        == "（一）坚持精准施策，经济运行稳中向好；审议，并请"
    )
    assert normalize_text("“村社分账” (P14) :村民") == "“村社分账”（P14）：村民"


def test_normalize__zero_width_soft_hyphen_and_kangxi_radicals():
    assert normalize_text("高\u200b质\u200c量\u200d发\u2060展\ufeff\u00ad") == "高质量发展"
    assert normalize_text("\u2fbc质量") == "高质量"  # ⾼ (Kangxi radical) from PDF fonts


def test_normalize__lines_broken_mid_sentence_are_joined():
    raw = "高新区跻身 2022 年全国园\n区高质量发展百强榜第 49 位。\n下一段。"
    assert normalize_text(raw) == "高新区跻身2022年全国园区高质量发展百强榜第49位。\n下一段。"


def test_normalize__headings_and_titles_stay_on_their_own_line():
    raw = (
        "政府工作报告\n——2024年3月5日在第十四届全国人民代表大会第二次会议上\n国务院总理\u3000\n李\u3000强\n\n\n"
        "各位代表：\n一、2023年工作回顾\n过去一年，我们\n( 二 ) 坚持稳中求进\n1.新建一批电力配套路由；\n"
        + "这是一段很长的正文，用来让行宽的估计可靠，像真实报告的段落一样长，包含很多很多的文字，并且句子在行尾被截断没有标点\n继续这句话。\n"
        * 10
    )
    lines = normalize_text(raw).split("\n")
    assert lines[:9] == [
        "政府工作报告",
        "——2024年3月5日在第十四届全国人民代表大会第二次会议上",
        "国务院总理",
        "李强",
        "各位代表：",
        "一、2023年工作回顾",
        "过去一年，我们",
        "（二）坚持稳中求进",
        "1.新建一批电力配套路由；",
    ]
    assert lines[9].endswith("句子在行尾被截断没有标点继续这句话。")


def test_normalize__indented_paragraphs_from_pdf_text_layers():
    line = "这是一个排版整齐的PDF文本行，长度大约相同，到右边"
    raw = "\n".join(["\u3000\u3000" + line, line + "。", line, "结束。"] * 4)
    out = normalize_text(raw).split("\n")
    assert len(out) == 4  # a full line ending in 。 does not end the paragraph; the indent does
    assert out[0] == line + line + "。" + line + "结束。"


def test_normalize__blank_lines_collapse_and_indents_go():
    assert normalize_text("\n\n\u3000\u3000第一段。\n\n\n\n  第二段。  \n\n") == "第一段。\n第二段。"


def test_normalize__page_numbers_are_dropped_and_table_cells_kept():
    assert normalize_text("第一页的句子。\n- 2 -\n第二页的句子。") == "第一页的句子。\n第二页的句子。"
    assert normalize_text("指标\t 目标 \t备注\nGDP\t5%左右\t") == "指标\t目标\t备注\nGDP\t5%左右"


def test_normalize__is_idempotent_on_the_corpus():
    for path in ["data/raw/tianyuan/2023.txt", "data/raw/national/2023.txt", "data/raw/beijing/2025.docx"]:
        text = read_document(ROOT / path).text
        assert normalize_text(text) == text, path


def test_normalize__tianyuan_pdf_artefacts():
    text = read_document(ROOT / "data/raw/tianyuan/2023.txt").text
    for phrase in [
        "（一）坚持精准施策",
        "分别增长9.7%、9.6%",
        "GDP增长4.0%",
        "规模工业增加值增长10.5%",
        "3.1万平米",
        "GDP增长7.5%左右",
        "新增学位2500个",
    ]:
        assert phrase in text, phrase
    assert "( 一 )" not in text and "增 长" not in text


def test_normalize__pdf_fixture_reads_like_its_docx():
    pdf = read_document(ROOT / "tests/fixtures/hunan-2025.pdf", region="hunan")
    assert "今年经济社会发展主要预期目标是：地区生产总值增长5.5%左右" in pdf.text
    assert "克服二季度增速回落影响" in pdf.text
    assert pdf.text == read_document(ROOT / "data/raw/hunan/2025.docx").text


@pytest.mark.parametrize(
    ("unit", "size"),
    [
        ("增 长 10.5%，新增学位 2500 个，交出一份人\n民满意的答卷。\n", 10_000_000),
        ("1 ", 10_000_000),
        ("增 ", 10_000_000),
        ("(", 10_000_000),
        (
            "a\n",
            2_000_000,
        ),  # a million one-letter lines: the per-line path (linear, but the slowest per byte)
    ],
)
def test_normalize__ten_megabytes_finish_in_bounded_time(unit, size):
    raw = unit * (size // len(unit.encode("utf-8")))
    start = time.perf_counter()
    normalize_text(raw)
    assert time.perf_counter() - start < 60


@pytest.mark.parametrize(
    ("raw", "text"),
    [
        ("全 年 接 待 游 客 3 2\n6 0 万 人 次", "全年接待游客3260万人次"),  # a justified number over two lines
        ("收 入 达 到 1 7 8\n60元。", "收入达到17860元。"),
        ("转 移 就 业 1 .\n2万人。", "转移就业1.2万人。"),
        ("改 造 农 村 公 路 3\n00公里。", "改造农村公路300公里。"),
        ("万 元 G D\nP 能 耗", "万元GDP能耗"),
        ("P M 2 . 5 平 均 浓 度", "PM2.5平均浓度"),
        ("建 成 5 G 基 站", "建成5G基站"),
    ],
)
def test_normalize__justified_pdf_lines_close_up_numbers_and_acronyms(raw, text):
    assert normalize_text(raw) == text


def test_normalize__a_wrapped_paragraph_ends_at_its_short_last_line():
    """An unpunctuated list item wrapped like a PDF line: its short last line ends the paragraph."""
    full = "这是一个排版到右边界的整行文字，用于确定折行宽度。"  # 25 characters
    raw = "\n".join([full] * 8 + ["8.居民收入增长和经济增长基本同步，完成上级下达的节", "能减排任务", "围绕上述目标，重点抓好以下工作："])
    lines = normalize_text(raw).split("\n")
    assert lines[-2:] == ["8.居民收入增长和经济增长基本同步，完成上级下达的节能减排任务", "围绕上述目标，重点抓好以下工作："]


def test_map_chars__same_as_str_translate_on_every_character():
    from extractors.normalize import _CHAR_TABLE, _map_chars

    every = "".join(chr(c) for c in range(0x110000) if not 0xD800 <= c < 0xE000)
    assert _map_chars(every) == every.translate(_CHAR_TABLE)


@pytest.mark.parametrize(
    ("raw", "expected"),
    [
        ("发展 (一)目标", "发展（一）目标"),  # parentheses made full-width, then the space before them goes
        ("a  b\tc", "a b\tc"),
        ("增长5 %", "增长5%"),
        ("增长 10 .5%", "增长10.5%"),
    ],
)
def test_normalize__passes_skipped_only_when_they_cannot_apply(raw, expected):
    assert normalize_text(raw) == expected


def test_normalize__traditional_script_becomes_simplified_and_simplified_is_untouched():
    from extractors.normalize import normalize_text

    traditional = "在縣第十五屆人民代表大會第一次會議上。全縣生產總值比上年增長8%，財政總收入增長5%。"
    assert normalize_text(traditional) == "在县第十五届人民代表大会第一次会议上。全县生产总值比上年增长8%，财政总收入增长5%。"
    simplified = "乾隆年间的后来者。全县生产总值比上年增长8%，财政总收入增长5%，发展了经济。"
    assert normalize_text(simplified) == simplified
