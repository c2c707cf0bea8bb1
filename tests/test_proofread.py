"""Proofreading: what `bulletin check` marks, where it says it is, and what `--fix` writes."""
import json
from pathlib import Path

import pytest
import yaml
from hypothesis import given, settings
from hypothesis import strategies as st
from typer.testing import CliRunner

from bulletin_cli.cli import app
from bulletin_cli.errors import InputError
from bulletin_cli.proofread import fix
from bulletin_cli.proofread import marks as spec_marks
from bulletin_cli.proofread.rules import proofread
from bulletin_cli.spec.reader import load_text, parse_spec

from .helpers import CORPUS, corpus_spec

ROOT = Path(__file__).resolve().parents[1]
FIXTURES = ROOT / "tests" / "fixtures" / "proofread"
SEED = Path("/work/shared/seed/000_65fcf2bd8eebf98f.txt")
runner = CliRunner()

HEAD = "masthead:\n  title: 测试工作简报\n  issue: 1\n  publisher: 测试办公室\n  date: 2026-01-01\n"


def proofread_spec(text, name):
    """The marks in a spec's text (an issue or a series file), read as `check` reads it."""
    return spec_marks.proofread_spec(load_text(text, name, series=True))


def fix_spec(text, name):
    """(the fixed text, places changed), as `check --fix` makes them."""
    fixed = fix.fix_spec(load_text(text, name, series=True))
    return fixed.text, fixed.changed


def marks(text, field="articles[1].body"):
    """(marked text, rule, fix) for each hit: what a reader of the report sees."""
    return [(text[h.start:h.end], h.rule, h.fix) for h in proofread(text, field)]


def paragraphs(path):
    paras = [p.strip().replace("\n", "") for p in path.read_text("utf-8").split("\n\n")]
    return [p for p in paras if p and not p.startswith("# ")]


# -- the rules, on text --------------------------------------------------------------------

@pytest.mark.parametrize("text, expected", [
    ("会议指出,要求:落实;好吗?好!", [(",", "half-width-mark", "，"), (":", "half-width-mark", "："),
                              (";", "half-width-mark", "；"), ("?", "half-width-mark", "？"),
                              ("!", "half-width-mark", "！")]),
    ("审结案件.原告", [(".", "half-width-mark", "。")]),
    ("原告张某(化名)于", [("(", "half-width-bracket", "（"), (")", "half-width-bracket", "）")]),
    ('被告辩称"工资已付"。', [('"', "straight-quote", "“"), ('"', "straight-quote", "”")]),
    ("坚持'三个代表'重要思想", [("'", "straight-quote", "‘"), ("'", "straight-quote", "’")]),
    ("员工手册...法院", [("...", "ellipsis", "……")]),
    ("等等。。。", [("。。。", "ellipsis", "……")]),
    ("用人单位--劳动者", [("--", "dash", "——")]),
    ("用人单位－－劳动者", [("－－", "dash", "——")]),
    ("纳入月度绩效考核—整改不到位的要严肃问责", [("—", "dash", "——")]),
    ("会议 要求，落实", [(" ", "space", "")]),
    ("争创“ 名师名科名校” 激励办法", [(" ", "space", ""), (" ", "space", "")]),
    ("精神 ，，用人单位", [(" ", "space", ""), ("，，", "doubled-mark", "，")]),
    ("加班费。。", [("。。", "doubled-mark", "。")]),
    ("单位，。", [("，。", "mark-after-mark", "。")]),
    ("真的？。", [("？。", "mark-after-mark", "？")]),
    ("绍市教[2018]99号", [("[2018]", "doc-number", "〔2018〕")]),
    ("国发(2019)5号", [("(2019)", "doc-number", "〔2019〕")]),
    ("国发（2019）5号", [("（2019）", "doc-number", "〔2019〕")]),
    ("共计３２０００元，ＡＢＣ公司",
     [("３２０００", "full-width-alnum", "32000"), ("ＡＢＣ", "full-width-alnum", "ABC")]),
    ("“他说（好”）。", [("”", "crossed", None)]),
    ("《劳动法规定", [("《", "unpaired", None)]),
    ("他说“好。", [("“", "unpaired", None)]),
    ("好〕吗", [("〕", "unpaired", None)]),
])
def test_each_rule_marks_and_fixes(text, expected):
    assert marks(text) == expected


@pytest.mark.parametrize("text", [
    "圆周率约为3.14，共1,000人，21:00之前下班。",  # numbers keep their marks
    "详见https://www.example.cn/a?b=1,c=2;d:e（来源）",  # a URL keeps its marks
    "联系court@example.cn:好",  # an e-mail address; the colon after it is marked (below)
    "函数f(x)的值，IPv6(a)",  # a Latin call keeps ASCII parentheses
    "Note: 中文，Hello, world! 中文",  # Latin sentences keep theirs
    "Xi'an是古都，China’s经济",  # apostrophes are no quotes
    "（2018）京01民终123号判决",  # a court case number keeps its parentheses
    "成功举办中国—中亚峰会、推进中国—东盟自贸区3.0版谈判",  # 连接号 between names
    "开行北京—上海特别旅客快车，人类经历了古猿—猿人—古人—新人四个阶段",
    "2021－2025年，18-69岁",  # connectors between numbers
    "第一条　为了规范数据处理活动，制定本法。",  # the space after 第X条
    "第一章 总  则",  # a heading spaces its words
    "一、 综合",  # the space after a heading number
    "（一） 在饮用水水源保护区排放",
    "2021年6月10日 第十三届全国人民代表大会常务委员会第二十九次会议通过",  # no sentence: a date line
    "国务院总理　李强",
    "1）加强管理；2）完善制度",
    "……（三）其他",
    "今年GDP增长5%，5G基站达到337.7万个。",
])
def test_clean_text_is_not_marked(text):
    found = marks(text)
    if "court@" in text:
        assert found == [(":", "half-width-mark", "：")]
    else:
        assert found == []


def test_titles_bylines_and_the_marking_keep_their_spaces():
    assert marks("聊城市创建全国文明城市 工作简报", "masthead.title") == []
    assert marks("关于“双减” 工作的 通知", "articles[2].title") == []
    assert marks("本期 要目", "headlines[3]") == []
    assert marks("医务处 张明", "articles[1].byline") == []
    assert marks("内部资料　注意保存", "masthead.marking") == []
    assert marks("内部资料　注意保存", "editor_note") == []  # no sentence: nothing to mark


def test_a_quotation_over_paragraphs_opens_each_and_closes_in_the_last():
    assert proofread("他说：“第一段。", "articles[1].body", continued=True) == []
    assert [h.rule for h in proofread("他说：“第一段。", "articles[1].body")] == ["unpaired"]


# -- false alarms: the clean corpus, the seed and the examples report nothing --------------

def test_clean_corpus_and_seed_report_nothing():
    count, checked = 0, 0
    for path in [*CORPUS, *([SEED] if SEED.exists() else [])]:
        paras = paragraphs(path)
        for k, para in enumerate(paras):
            following = paras[k + 1] if k + 1 < len(paras) else ""
            count += len(proofread(para, "articles[1].body", following.startswith("“")))
            checked += len(para)
    assert checked > 70_000  # the whole corpus went through
    assert count == 0


@pytest.mark.parametrize("txt", CORPUS, ids=lambda p: p.stem)
def test_corpus_as_a_spec_reports_nothing(txt, tmp_path):
    spec = corpus_spec(txt, tmp_path)
    assert proofread_spec(spec.read_text("utf-8"), str(spec)) == []


@pytest.mark.parametrize("example", sorted((ROOT / "examples").glob("*.yaml")), ids=lambda p: p.stem)
def test_examples_report_nothing(example):
    assert proofread_spec(example.read_text("utf-8"), str(example)) == []


# -- locations: every style of scalar ------------------------------------------------------

def located(text):
    return [(f.line, f.col, f.field, f.rule, f.text, f.fix, f.fixable)
            for f in proofread_spec(text, "s.yaml")]


def test_locations_in_plain_quoted_and_block_scalars():
    text = HEAD + (
        "editor_note: \"本期\\\"典型\\\"案例,请学习\"\n"  # line 6: escapes before the marks
        "headlines:\n"
        "  - 关于\"双减\"工作\n"  # 8
        "  - '关于''双减''的,报告'\n"  # 9: '' is one quote
        "articles:\n"
        "  - title: !!str &t 加强管理,落实责任\n"  # 11: tag and anchor before the value
        "    body: |\n"
        "      第一段,内容\n"  # 13
        "\n"
        "      第二段\n"
        "      续行;结束\n"  # 16
        "  - title: >-\n"
        "      第二篇\n"
        "      报告\n"
        "    body: >\n"
        "      折叠\n"
        "      段落:内容\n"  # 22
        "distribution:\n"
        "  send_to: [甲单位,乙单位]\n"  # 24: the comma is YAML's, not the text's
        "  copy_to: 丙单位,丁单位\n"  # 25
    )
    assert located(text) == [
        (6, 17, "editor_note", "straight-quote", '"', "“", True),  # the \" escape starts at 17
        (6, 21, "editor_note", "straight-quote", '"', "”", True),
        (6, 25, "editor_note", "half-width-mark", ",", "，", True),
        (8, 7, "headlines[1]", "straight-quote", '"', "“", True),
        (8, 10, "headlines[1]", "straight-quote", '"', "”", True),
        (9, 8, "headlines[2]", "straight-quote", "'", "‘", True),  # '' starts at 8
        (9, 12, "headlines[2]", "straight-quote", "'", "’", True),
        (9, 15, "headlines[2]", "half-width-mark", ",", "，", True),
        (11, 25, "articles[1].title", "half-width-mark", ",", "，", True),
        (13, 10, "articles[1].body", "half-width-mark", ",", "，", True),
        (16, 9, "articles[1].body", "half-width-mark", ";", "；", True),
        (22, 9, "articles[2].body", "half-width-mark", ":", "：", True),
        (25, 15, "distribution.copy_to", "half-width-mark", ",", "，", True),
    ]


def test_a_line_folded_in_a_quoted_value_is_read_as_it_prints():
    """A quoted value over two lines prints its lines joined as any value's are (no space
    between two Chinese lines); proofreading once saw YAML's folding space there and marked a
    "space" that --fix could not mend, so check --strict could never pass it."""
    text = HEAD + 'articles:\n  - title: 标题\n    body: "会议指出，\n      要求落实。"\n'
    assert parse_spec(text, "s.yaml").articles[0].paragraphs[0].text == "会议指出，要求落实。"
    assert located(text) == []
    assert fix_spec(text, "s.yaml") == (text, 0)


def test_crlf_and_bom_are_kept():
    text = HEAD + "articles:\n  - title: 标题\n    body: |\n      会议指出,要求\n"
    text = "\ufeff" + text.replace("\n", "\r\n")
    assert located(text) == [(9, 11, "articles[1].body", "half-width-mark", ",", "，", True)]
    fixed, changed = fix_spec(text, "s.yaml")
    assert changed == 1 and fixed == text.replace(",", "，")


# -- --fix: byte for byte, and never a damaged file ---------------------------------------

def test_fix_writes_exactly_the_expected_spec_and_keeps_a_backup(tmp_path):
    spec = tmp_path / "court.yaml"
    original = (FIXTURES / "court-summary.yaml").read_bytes()
    spec.write_bytes(original)
    result = runner.invoke(app, ["check", "--fix", str(spec)])
    assert result.exit_code == 0, result.output
    assert spec.read_bytes() == (FIXTURES / "court-summary.fixed.yaml").read_bytes()
    assert (tmp_path / "court.yaml.bak").read_bytes() == original
    assert "fixed 41 places" in result.stderr
    again = runner.invoke(app, ["check", "--strict", str(spec)])
    assert again.exit_code == 0 and "warning:" not in again.stderr  # none of the fixed kinds is left


def test_fix_never_overwrites_a_different_backup(tmp_path):
    spec = tmp_path / "court.yaml"
    spec.write_bytes((FIXTURES / "court-summary.yaml").read_bytes())
    (tmp_path / "court.yaml.bak").write_text("someone's own backup")
    (tmp_path / "court.yaml.bak.1").write_text("another one")
    assert runner.invoke(app, ["check", "--fix", str(spec)]).exit_code == 0
    assert (tmp_path / "court.yaml.bak").read_text() == "someone's own backup"
    assert (tmp_path / "court.yaml.bak.1").read_text() == "another one"
    assert (tmp_path / "court.yaml.bak.2").read_bytes() == (FIXTURES / "court-summary.yaml").read_bytes()


def test_dry_run_prints_a_diff_and_writes_nothing(tmp_path):
    spec = tmp_path / "court.yaml"
    spec.write_bytes((FIXTURES / "court-summary.yaml").read_bytes())
    result = runner.invoke(app, ["check", "--fix", "--dry-run", str(spec)])
    assert result.exit_code == 0
    assert spec.read_bytes() == (FIXTURES / "court-summary.yaml").read_bytes()
    assert not (tmp_path / "court.yaml.bak").exists()
    assert "-      近日,我院审结一起劳动争议案件." in result.stdout
    assert "+      近日，我院审结一起劳动争议案件。" in result.stdout
    assert "warning:" not in result.stderr  # every mark in it is one --fix mends
    assert runner.invoke(app, ["check", "--dry-run", str(spec)]).exit_code == 2


def test_check_reports_each_finding_and_strict_fails(tmp_path):
    spec = FIXTURES / "court-summary.yaml"
    result = runner.invoke(app, ["check", str(spec)])
    assert result.exit_code == 0
    warnings = [line for line in result.stderr.splitlines() if line.startswith("warning:")]
    assert len(warnings) == 41
    assert (f"warning: {spec}:17:27: articles[1].body: half-width-bracket: …议案件.原告张某(化名)于2019… "
            "→ …议案件.原告张某（化名)于2019…") in warnings
    assert "40 proofreading notes" not in result.stdout and "41 proofreading notes" in result.stdout
    assert runner.invoke(app, ["check", "--strict", str(spec)]).exit_code == 1


def test_build_prints_one_line_and_json_carries_the_findings(tmp_path):
    spec = tmp_path / "court.yaml"
    spec.write_bytes((FIXTURES / "court-summary.yaml").read_bytes())
    result = runner.invoke(app, ["build", str(spec), "--json"])
    assert result.exit_code == 0
    assert [line for line in result.stderr.splitlines() if "proofreading" in line] == [
        f"note: 41 proofreading notes; see bulletin check {spec}"]
    assert "warning:" not in result.stderr
    found = json.loads(result.stdout)[0]["proofreading"]  # build --json: a record per spec
    assert len(found) == 41
    assert found[0] == {"file": str(spec), "line": 11, "col": 19, "field": "editor_note",
                        "code": "proof.straight-quote", "rule": "straight-quote", "text": '"', "fix": "“",
                        "context": '本期刊发"一站式"诉讼服务…', "fixable": True}


def test_escape_heavy_double_quoted_scalar_maps_or_stays():
    body = r'"\u4e2d\u6587,\x41\t\"引号\"\\ 中文 \/ \
      续行\u3002\U0001F600, 末尾\_完."'
    text = HEAD + f"articles:\n  - title: 标题\n    body: {body}\n"
    loaded = yaml.safe_load(text)["articles"][0]["body"]
    assert loaded == '中文,A\t"引号"\\ 中文 / 续行。\U0001F600, 末尾\xa0完.'
    fixed, changed = fix_spec(text, "s.yaml")
    # Each escape that stood for a marked character is replaced whole (the tab \t next to “ is
    # struck out like a space); the rest is untouched.
    assert fixed == (text.replace(r"\u6587,", r"\u6587，").replace(r'\t\"引号\"', "“引号”")
                     .replace(r"\_", "").replace('完."', '完。"'))
    assert changed == 6
    assert yaml.safe_load(fixed)["articles"][0]["body"] == '中文，A“引号”\\ 中文 / 续行。\U0001F600, 末尾完。'


STYLES = st.sampled_from(["plain", "single", "double", "literal", "folded"])
TEXT = st.text(st.sampled_from(list("中文会议，。、 ,.;:?!()\"'-—…３Ａ[]2018号\\\n")),
               min_size=1, max_size=40)


@settings(max_examples=300, deadline=None)
@given(TEXT, STYLES, st.sampled_from(["body", "cell"]))
def test_fix_never_damages_a_spec(raw, style, where):
    """Whatever the value, however it is written and wherever (a body, a table cell), --fix
    gives a spec that loads (fix_spec itself checks that each value reads back as its fixed
    text) and leaves nothing fixable."""
    indent = " " * (6 if where == "body" else 14)  # a block scalar's lines, deeper than its key
    if style == "double":
        written = '"' + raw.replace("\\", "\\\\").replace('"', '\\"').replace("\n", "\\n") + '"'
    elif style == "single":
        written = "'" + raw.replace("'", "''").replace("\n", " ") + "'"
    elif style in ("literal", "folded"):
        written = ("|" if style == "literal" else ">") + "\n" + "".join(
            indent + line + "\n" for line in raw.split("\n"))
    else:
        written = raw.replace("\n", " ")
    if where == "body":
        text = HEAD + f"articles:\n  - title: 标题\n    body: {written}\n"
    else:
        text = HEAD + ("articles:\n  - title: 标题\n    body:\n      - table:\n"
                       f"          - [项目]\n          - - {written}\n")
    try:
        parse_spec(text, "s.yaml")
    except InputError:  # not a valid spec (an empty body, a plain scalar starting with '"'): not our case
        return
    before = proofread_spec(text, "s.yaml")
    fixed, _ = fix_spec(text, "s.yaml")
    after = proofread_spec(fixed, "s.yaml")
    parse_spec(fixed, "s.yaml")
    # else left out whole: fixed, it would read as another type (ｙｅｓ -> yes)
    if fixed != text or not before:
        assert [f for f in after if f.fixable and f.fix is not None] == []


def test_fix_writes_through_a_symlinked_spec(tmp_path):
    real = tmp_path / "real.yaml"
    real.write_bytes((FIXTURES / "court-summary.yaml").read_bytes())
    link = tmp_path / "link.yaml"
    link.symlink_to(real)
    assert runner.invoke(app, ["check", "--fix", str(link)]).exit_code == 0
    assert link.is_symlink()
    assert real.read_bytes() == (FIXTURES / "court-summary.fixed.yaml").read_bytes()
    assert (tmp_path / "link.yaml.bak").read_bytes() == (FIXTURES / "court-summary.yaml").read_bytes()


def test_a_fix_in_a_long_paragraph_repeats_until_none_is_left():
    para = "会议指出,,要求 各单位(部门)落实\"双减\"...第一条 规定。" * 50
    text = HEAD + f"articles:\n  - title: 标题\n    body: |\n      {para}\n"
    fixed, _ = fix_spec(text, "s.yaml")
    assert proofread_spec(fixed, "s.yaml") == []
    mended = "会议指出，要求各单位（部门）落实“双减”……第一条规定。"
    assert yaml.safe_load(fixed)["articles"][0]["body"] == mended * 50 + "\n"


def test_body_blocks_captions_and_bylines_are_proofread():
    text = HEAD + (
        "articles:\n"
        "  - title: 标题\n"
        "    byline: 医务处,张明\n"  # 8
        "    body:\n"
        "      - 第一段,内容\n"  # 10
        "      - table: [[项目, 数量], [甲, 1]]\n"
        "        caption: 表1 数量;单位\n"  # 12
        "style:\n"
        "  headline_label: 本期要目!\n"  # 14
    )
    parse_spec(text, "s.yaml")
    assert [(line, col, field, rule) for line, col, field, rule, *_ in located(text)] == [
        (8, 16, "articles[1].byline", "half-width-mark"),
        (10, 12, "articles[1].body[1]", "half-width-mark"),
        (12, 23, "articles[1].body[2].caption", "half-width-mark"),
        (14, 23, "style.headline_label", "half-width-mark"),
    ]


def test_fix_from_stdin_writes_the_mended_spec_to_stdout_and_nothing_else(tmp_path):
    """`check --fix -`: a filter for scripts: the whole mended spec on stdout, the verdict on
    stderr, no file written anywhere; --dry-run prints the diff instead."""
    import subprocess
    import sys

    original = (FIXTURES / "court-summary.yaml").read_bytes()
    run = [sys.executable, "-m", "bulletin_cli", "check", "--fix"]
    done = subprocess.run([*run, "-"], input=original, capture_output=True, cwd=tmp_path)
    assert done.returncode == 0, done.stderr.decode()
    assert done.stdout == (FIXTURES / "court-summary.fixed.yaml").read_bytes()
    assert b"ok - (" in done.stderr
    assert list(tmp_path.iterdir()) == []
    dry = subprocess.run([*run, "--dry-run", "-"], input=original, capture_output=True, cwd=tmp_path)
    assert dry.returncode == 0
    diff = dry.stdout.decode()
    assert diff.startswith("--- <stdin>")
    assert "-  send_to: 院党组成员,各庭室\n+  send_to: 院党组成员，各庭室\n" in diff


# -- series files, table cells and body files: each mark where it was written ---------------

SERIES = FIXTURES / "series"  # series/series.yaml, extended by 2026/w02.yaml with its body files


@pytest.fixture
def issue(tmp_path, monkeypatch):
    import shutil

    shutil.copytree(SERIES, tmp_path / "s")
    monkeypatch.chdir(tmp_path / "s")  # the series layout is built from its folder (the root rule)
    return tmp_path / "s" / "2026" / "w02.yaml"


def where(findings):
    return [(Path(f.file).name, f.line, f.col, f.field, f.rule, f.fix, f.fixable) for f in findings]


def test_series_table_and_body_file_marks_are_placed_in_their_own_files(issue):
    found = proofread_spec(issue.read_text("utf-8"), str(issue))
    series_file = str(issue.parent.parent / "series" / "series.yaml")
    assert {f.file for f in found} == {str(issue), series_file, str(issue.parent / "稿件" / "各网格.md"),
                                       str(issue.parent / "稿件" / "文本.txt")}
    assert where(found) == [
        ("w02.yaml", 9, 13, "articles[1].body[1]", "half-width-mark", "，", True),
        ("w02.yaml", 9, 20, "articles[1].body[1]", "straight-quote", "“", True),
        ("w02.yaml", 9, 24, "articles[1].body[1]", "straight-quote", "”", True),
        ("w02.yaml", 11, 22, "articles[1].body[2].table[1][2]", "half-width-bracket", "（", True),  # a cell
        ("w02.yaml", 11, 24, "articles[1].body[2].table[1][2]", "half-width-bracket", "）", True),
        ("w02.yaml", 12, 20, "articles[1].body[2].table[2][2]", "full-width-alnum", "36", True),
        # "第二\u200b网格,东片": the escape prints nothing, and the comma is at its place after it
        ("w02.yaml", 13, 25, "articles[1].body[2].table[3][1]", "half-width-mark", "，", True),
        ("w02.yaml", 14, 25, "articles[1].body[2].caption", "half-width-mark", "：", True),
        # the series file's own lines; its headlines are replaced by the issue's: never read
        # "办公室 , 宣传科": once the comma is full width, the spaces beside it go too
        ("series.yaml", 4, 29, "masthead.publisher", "space", "", True),
        ("series.yaml", 4, 30, "masthead.publisher", "half-width-mark", "，", True),
        ("series.yaml", 4, 31, "masthead.publisher", "space", "", True),
        ("series.yaml", 8, 18, "distribution.report_to", "half-width-mark", "，", True),
        ("series.yaml", 9, 16, "distribution.copy_to", "half-width-bracket", "（", True),
        ("series.yaml", 9, 18, "distribution.copy_to", "half-width-bracket", "）", True),
        # body files: their lines and columns (the U+200B before the comma on line 3 is counted);
        # the .md's first heading is the article's title; "## 一、 主要做法" keeps its space
        ("各网格.md", 1, 10, "articles[2].title", "half-width-mark", "，", False),
        ("各网格.md", 3, 13, "articles[2].body_file", "half-width-mark", "，", False),
        ("各网格.md", 4, 9, "articles[2].body_file", "half-width-mark", "；", False),
        ("各网格.md", 8, 12, "articles[2].body_file", "space", "", False),
        ("文本.txt", 1, 13, "articles[3].body_file", "half-width-mark", "，", False),
        ("文本.txt", 2, 9, "articles[3].body_file", "space", "", False),
    ]
    assert all(f.document for f in found if not f.file.endswith(".yaml"))
    assert "(fix it in the source document)" in found[-1].format()


def test_fix_on_an_issue_mends_its_own_file_and_names_the_rest(issue):
    series = issue.parent.parent / "series" / "series.yaml"
    others = {p: p.read_bytes() for p in [series, *(issue.parent / "稿件").iterdir()]}
    result = runner.invoke(app, ["check", "--fix", str(issue)])
    assert result.exit_code == 0, result.output
    assert issue.read_bytes() == (SERIES / "2026" / "w02.fixed.yaml").read_bytes()
    assert (issue.parent / "w02.yaml.bak").read_bytes() == (SERIES / "2026" / "w02.yaml").read_bytes()
    assert {p: p.read_bytes() for p in others} == others  # the series file and body files untouched
    assert not (series.parent / "series.yaml.bak").exists()
    assert (f"note: 6 proofreading notes in {series}, which {issue} extends: "
            f"bulletin check --fix {series} mends them") in result.stderr
    md = issue.parent / "稿件" / "各网格.md"
    assert f"note: 4 proofreading notes in {md}: fix them in the source document" in result.stderr
    assert f"ok {issue} (2 pages, 12 proofreading notes)" in result.stdout
    assert not [f for f in proofread_spec(issue.read_text("utf-8"), str(issue)) if f.file == str(issue)]


def test_a_series_file_is_checked_and_fixed_on_its_own(issue):
    series = issue.parent.parent / "series" / "series.yaml"
    result = runner.invoke(app, ["check", str(series)])
    assert result.exit_code == 0, result.output
    assert f"ok {series} (a series file, 6 proofreading notes)" in result.stdout
    assert f"warning: {series}:8:18: distribution.report_to: half-width-mark: " in result.stderr
    assert runner.invoke(app, ["check", "--strict", str(series)]).exit_code == 1
    fixed = runner.invoke(app, ["check", "--fix", str(series)])
    assert fixed.exit_code == 0, fixed.output
    assert series.read_bytes() == (SERIES / "series" / "series.fixed.yaml").read_bytes()
    original = (SERIES / "series" / "series.yaml").read_bytes()
    assert (series.parent / "series.yaml.bak").read_bytes() == original
    assert f"ok {series} (a series file)" in fixed.stdout
    # the issue now finds nothing in the series file
    assert {f.file for f in proofread_spec(issue.read_text("utf-8"), str(issue))} == {
        str(issue), str(issue.parent / "稿件" / "各网格.md"), str(issue.parent / "稿件" / "文本.txt")}


def test_a_series_file_is_still_validated(tmp_path):
    series = tmp_path / "series.yaml"
    series.write_text("masthead:\n  publisher: 某区创城办\n  isue: 3\n", encoding="utf-8")
    result = runner.invoke(app, ["check", str(series)])
    assert result.exit_code == 2
    assert f"error: {series}:3:3: masthead: unknown key 'isue'" in result.stderr
    assert "missing required key" not in result.stderr  # a series file is a part of issues


def test_an_issue_that_forgot_its_articles_is_not_taken_for_a_series_file(tmp_path):
    """An issue has its number: without articles it is an issue missing them, not a series file."""
    spec = tmp_path / "w03.yaml"
    spec.write_text("masthead:\n  title: 某区工作简报\n  issue: 3\n  date: 2026-01-22\n"
                    "  publisher: 某区创城办\n", encoding="utf-8")
    result = runner.invoke(app, ["check", str(spec)])
    assert result.exit_code == 2, result.output
    assert "articles" in result.stderr and "a series file" not in result.stdout


def word_file(path):
    """A Word article: a Title paragraph, text, a run with a zero-width space, a table."""
    import docx

    doc = docx.Document()
    doc.add_paragraph("街长制,试点", style="Title")  # paragraph 1
    doc.add_paragraph("今年以来,第十网格推行街长制。")  # 2
    p = doc.add_paragraph()  # 3
    p.add_run("巡查").bold = True
    p.add_run("\u200b不少于两次 。")
    table = doc.add_table(rows=3, cols=2)  # 4: a table is one
    for cell, text in zip(table._cells, ["网格", "问题(个)", "第一\u200b网格", "３６", "第二网格", "３６"]):
        cell.text = text
    doc.add_paragraph("下一步\u200b将继续推进。")  # 5
    doc.save(path)


def test_word_body_file_marks_are_at_paragraph_and_character_and_never_fixed(tmp_path):
    word_file(tmp_path / "a.docx")
    spec = tmp_path / "s.yaml"
    spec.write_text(HEAD + "articles:\n  - body_file: a.docx\n", encoding="utf-8")
    before = (tmp_path / "a.docx").read_bytes()
    found = proofread_spec(spec.read_text("utf-8"), str(spec))
    assert where(found) == [
        ("a.docx", 1, 4, "articles[1].title", "half-width-mark", "，", False),
        ("a.docx", 2, 5, "articles[1].body_file", "half-width-mark", "，", False),
        ("a.docx", 3, 8, "articles[1].body_file", "space", "", False),  # the U+200B is gone
        ("a.docx", 4, 3, "articles[1].body_file.table[1][2]", "half-width-bracket", "（", False),
        ("a.docx", 4, 5, "articles[1].body_file.table[1][2]", "half-width-bracket", "）", False),
        ("a.docx", 4, 1, "articles[1].body_file.table[2][2]", "full-width-alnum", "36", False),
        # the same text
        ("a.docx", 4, 1, "articles[1].body_file.table[3][2]", "full-width-alnum", "36", False),
    ]
    result = runner.invoke(app, ["check", "--fix", str(spec)])
    assert result.exit_code == 0, result.output
    assert (tmp_path / "a.docx").read_bytes() == before and not (tmp_path / "s.yaml.bak").exists()
    assert (f"warning: {tmp_path / 'a.docx'}:2:5: articles[1].body_file: half-width-mark: "
            "今年以来,第十网格推行街长… → 今年以来，第十网格推行街长… "
            "(fix it in the source document)") in result.stderr


def test_what_prints_nothing_is_cleaned_from_body_files_and_table_cells(tmp_path):
    from bulletin_cli.model import Table

    word_file(tmp_path / "a.docx")
    (tmp_path / "b.md").write_text("# 标\u200b题\n\n第一\u2060段，\ufeff内容。\n", encoding="utf-8")
    (tmp_path / "c.txt").write_text("文\u00ad本\t段落。\n", encoding="utf-8")
    spec = tmp_path / "s.yaml"
    spec.write_text(HEAD + "articles:\n  - body_file: a.docx\n  - body_file: b.md\n"
                    "  - {title: 文本, body_file: c.txt}\n  - title: 表\n    body:\n"
                    "      - table: [[\"甲\\u200b乙\", 丙\u200b丁]]\n        header: false\n",
                    encoding="utf-8")
    loaded = parse_spec(spec.read_text("utf-8"), str(spec))
    word, md, txt, table = loaded.articles
    assert [b.text for b in word.blocks if not isinstance(b, Table)] == [
        "今年以来,第十网格推行街长制。", "巡查不少于两次 。", "下一步将继续推进。"]
    assert word.blocks[1].bold == ((0, 2),)  # bold spans counted on the cleaned text
    assert [b.rows for b in word.blocks if isinstance(b, Table)] == [
        [["网格", "问题(个)"], ["第一网格", "３６"], ["第二网格", "３６"]]]
    assert (md.title, md.blocks[0].text) == ("标题", "第一段，内容。")
    assert txt.blocks[0].text == "文本 段落。"
    assert table.blocks[0].rows == [["甲乙", "丙丁"]]


@pytest.mark.parametrize("ext", [".txt", ".md", ".docx"])
def test_clean_corpus_and_seed_as_body_files_report_nothing(ext, tmp_path):
    """The zero-false-alarm figure holds for text that arrives as a body file, read as the
    loader reads it (a Word paragraph each, or blank lines between paragraphs)."""
    import docx

    articles = ""
    for k, path in enumerate([*CORPUS, *([SEED] if SEED.exists() else [])]):
        paras = paragraphs(path)
        body = tmp_path / f"{k}{ext}"
        if ext == ".docx":
            doc = docx.Document()
            for para in paras:
                doc.add_paragraph(para)
            doc.save(body)
        else:
            body.write_text("\n\n".join(paras) + "\n", encoding="utf-8")
        articles += f"  - {{title: 第{k + 1}篇, body_file: {body.name}}}\n"
    spec = tmp_path / "s.yaml"
    spec.write_text(HEAD + "articles:\n" + articles, encoding="utf-8")
    loaded = load_text(spec.read_text("utf-8"), str(spec))
    assert sum(len(p.text) for a in loaded.spec.articles for p in a.paragraphs) > 70_000  # all of it was read
    assert spec_marks.proofread_spec(loaded) == []


@pytest.mark.parametrize("spec", sorted((ROOT / "tests" / "fixtures" / "valid").glob("*.yaml")),
                         ids=lambda p: p.stem)
def test_valid_fixtures_report_nothing(spec):
    assert proofread_spec(spec.read_text("utf-8-sig"), str(spec)) == []


def test_the_pdf_prints_cleaned_cells_and_body_files(issue, tmp_path):
    """What prints nothing never reaches the page: the table cell written "第二\\u200b网格,东片"
    and the .md line with a U+200B before its comma print without it."""
    import pdfplumber

    from bulletin_cli.pipeline import build

    result = build(issue, tmp_path / "w02.pdf")
    assert len(result.proofreading) == 20  # build's one line and --json carry them all, each at its file
    assert {Path(f.as_json()["file"]).name for f in result.proofreading} == {
        "w02.yaml", "series.yaml", "各网格.md", "文本.txt"}
    with pdfplumber.open(tmp_path / "w02.pdf") as pdf:
        text = "".join(c["text"] for page in pdf.pages for c in page.chars)
    assert "\u200b" not in text
    assert "第二网格,东片" in text and "共发现问题,整改率" in text
