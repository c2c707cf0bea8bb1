"""Tests for the spec loader: good specs load to the right values, bad ones say where and why."""
from __future__ import annotations

import dataclasses
import datetime as dt
import re
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from bulletin_cli import model
from bulletin_cli.errors import InputError, Problem
from bulletin_cli.spec import keys, nodes, source
from bulletin_cli.spec.keys import KNOWN_KEYS, MAX_ARTICLES, MAX_FILE_BYTES
from bulletin_cli.spec.reader import load_spec, parse_spec

FIXTURES = Path(__file__).parent / "fixtures"
VALID = FIXTURES / "valid"
INVALID = FIXTURES / "invalid"

MINIMAL = (VALID / "minimal.yaml").read_text(encoding="utf-8")


def problems(text: str) -> list[Problem]:
    with pytest.raises(InputError) as info:
        parse_spec(text, "t.yaml")
    return info.value.problems


def head(p: Problem) -> str:
    """The formatted message after the location, as the fixtures' `# Error:` lines give it."""
    return f"{p.path}: {p.message}" if p.path else p.message


# -- valid fixtures ------------------------------------------------------------------


def test_minimal():
    path = VALID / "minimal.yaml"
    spec = load_spec(path)
    assert spec.source == str(path)
    assert spec.masthead == model.Masthead(
        title="聊城市创建全国文明城市工作简报", issue=11, publisher="聊城市创建全国文明城市工作办公室",
        date=dt.date(2021, 3, 15))
    [article] = spec.articles
    assert article.title == "杨广平到第十网格督导创城工作"
    assert article.byline is None
    assert article.loc == model.Loc(str(path), 7, 5)
    assert [(p.text, p.loc.line, p.loc.col) for p in article.paragraphs] == [
        ("3月12日，市委常委杨广平到第十网格督导创城工作。", 8, 11)]
    assert spec.headlines is None and spec.editor_note is None and spec.distribution is None
    assert spec.style == model.Style()
    assert spec.headline_list == ["杨广平到第十网格督导创城工作"]


def test_full():
    spec = load_spec(str(VALID / "full.yaml"))
    m = spec.masthead
    assert (m.title, m.issue, m.total_issue) == ("聊城市创建全国文明城市工作简报", 11, 125)
    assert m.date == dt.date(2021, 3, 15)
    assert (m.publisher, m.marking) == ("聊城市创建全国文明城市工作办公室", "内部资料\u3000注意保存")
    assert spec.editor_note is not None
    # folded with `>`, yet no space between the two CJK lines
    assert spec.editor_note.text == "本期刊发各网格督导情况，请各单位对照查摆。"
    assert spec.editor_note.loc.line == 10
    assert spec.headlines == ["杨广平到第十网格督导创城工作", "市创城办召开 PDF 工作会"]

    first, second, third = spec.articles
    assert first.title == "杨广平到第十网格\n督导创城工作"  # `|` keeps the author's break
    assert first.byline == "来源：市创城办"
    assert first.loc.line == 16
    assert [(p.text, p.loc.line, p.loc.col) for p in first.paragraphs] == [
        ("3月12日，市委常委、宣传部部长杨广平到第十网格督导创城工作。", 21, 7),
        ("杨广平一行先后察看了背街小巷和农贸市场。The meeting used PDF version 1.7 files.", 24, 7),
        ("最后一段。", 30, 7),
    ]
    assert second.title == "市创城办召开\n工作调度会"  # a list of lines
    assert [(p.text, p.loc.line) for p in second.paragraphs] == [("第一段，引号内。", 32), ("第二段。", 32)]
    assert third.title == "Plain title continued here"
    assert [(p.text, p.loc.line) for p in third.paragraphs] == [
        ("Folded lines are joined", 36), ("第二段接着写", 39)]

    assert spec.distribution == model.Distribution(
        report_to="市委常委，市人大主任、副主任", copy_to="市政协主席，副主席",
        send_to="各县（市、区）创城办", copies=260)
    assert spec.style.fonts == {
        "title": "fonts/FZXiaoBiaoSong.ttf", "body": "FangSong", "heading": "SimHei", "kai": "KaiTi",
        "number": "Times New Roman", "fallback": "Noto Serif CJK SC"}
    assert spec.style.page_numbers == "center"
    assert spec.style.headline_label == "本期要目"


def test_bom_utf8_is_accepted():
    spec = load_spec(VALID / "bom.yaml")
    assert spec.masthead.title == "聊城市创建全国文明城市工作简报"
    assert spec.articles[0].loc.line == 7  # the BOM does not shift anything


def test_known_keys_match_the_model():
    """KNOWN_KEYS names the model's fields, so a JSON Schema made from it stays true."""
    def names(cls: type) -> set[str]:  # fields that come with style.fonts are not keys of their own
        not_keys = (model.FROM_FONTS, model.PLACES, model.ROOTED)
        return {f.name for f in dataclasses.fields(cls) if f.metadata not in not_keys}

    assert set(KNOWN_KEYS["masthead"].keys) == names(model.Masthead)
    assert set(KNOWN_KEYS["distribution"].keys) == names(model.Distribution)
    assert set(KNOWN_KEYS["style"].keys) == names(model.Style)
    assert set(KNOWN_KEYS["style"].keys["fonts"].keys) == set(model.ROLES)
    assert set(KNOWN_KEYS) == names(model.Spec) - {"source", "notes"}  # notes: found while loading


# -- invalid fixtures ----------------------------------------------------------------

# Fixtures that cannot carry a `# Error:` comment: (line, col, start of message).
BINARY_EXPECTATIONS = {
    "empty.yaml": (0, 0, "the spec must be a mapping of keys (masthead, articles, ...)"),
    "utf16.yaml": (0, 0, "file is UTF-16, not UTF-8"),
    "latin1.yaml": (1, 6, "file is not UTF-8 text"),
}
ERROR_LINE = re.compile(r"# Error: (\d+):(\d+) (.+)")


def expectations(path: Path) -> list[tuple[int, int, str]]:
    if path.name in BINARY_EXPECTATIONS:
        return [BINARY_EXPECTATIONS[path.name]]
    found = []
    for line in path.read_text(encoding="utf-8").splitlines():
        m = ERROR_LINE.fullmatch(line)
        if not m:
            break
        found.append((int(m[1]), int(m[2]), m[3]))
    return found


@pytest.mark.parametrize("path", sorted(INVALID.glob("*.yaml")), ids=lambda p: p.stem)
def test_invalid_fixture(path: Path):
    expected = expectations(path)
    assert expected, f"{path.name} states no `# Error: line:col message`"
    with pytest.raises(InputError) as info:
        load_spec(path)
    got = info.value.problems
    assert all(p.file == str(path) for p in got)
    assert got == sorted(got, key=lambda p: (p.line, p.col))
    for line, col, text in expected:
        assert any(p.line == line and p.col == col and head(p).startswith(text) for p in got), (
            f"wanted {line}:{col} {text}\ngot:\n" + "\n".join(f"{p.line}:{p.col} {head(p)}" for p in got))


def test_control_character_in_a_key_is_reported_once():
    [p] = problems(MINIMAL + "x\x01: 1\n")
    assert (p.line, p.col, p.message) == (9, 2, "control character U+0001 is not allowed")


def test_python_tag_is_never_run(tmp_path: Path):
    marker = tmp_path / "pwned"
    text = MINIMAL + f"style: !!python/object/apply:os.system ['touch {marker}']\n"
    [p] = problems(text)
    assert (p.line, p.col) == (9, 8) and "python/object/apply:os.system" in p.message
    assert not marker.exists()


def test_billion_laughs_is_refused():
    text = (INVALID / "billion_laughs.yaml").read_text(encoding="utf-8")
    found = problems(text)
    assert len(found) == 1 and "aliases" in found[0].message


def test_a_few_aliases_are_fine():
    spec = parse_spec(MINIMAL.replace("11", "&n 11") + "distribution: {copies: *n}\n", "t.yaml")
    assert spec.distribution == model.Distribution(copies=11)


def test_every_problem_is_reported_at_once_in_line_order():
    text = MINIMAL.replace("issue: 11", "issue: abc").replace("2021-03-15", "2021-02-30") + "extra: 1\n"
    found = problems(text.replace("  publisher:", "  publisher: yes\n  publisherr:"))
    assert [(p.line, head(p).split(":")[0]) for p in found] == [
        (3, "masthead.issue"), (4, "masthead.publisher"), (5, "masthead"), (6, "masthead.date"),
        (10, "unknown key 'extra'")]



@pytest.mark.parametrize("written, ok", [
    ("2021-03-15T09:30:00", True), ("2021-03-15 23:59", True), ("2021-03-15T23:59:60Z", True),
    ("2021-03-15T25:00:00", False), ("2021-03-15 10:75", False), ("2021-03-15T10:00:61", False)])
def test_a_time_after_the_date_must_be_a_time(written, ok):
    """The time is not printed, but 25:00 is a typing mistake that should not pass unseen."""
    text = MINIMAL.replace("2021-03-15", written)
    if ok:
        assert parse_spec(text, "x.yaml").masthead.date == dt.date(2021, 3, 15)
    else:
        (p,) = problems(text)
        assert p.path == "masthead.date" and "not a real date" in p.message and written in p.message


# -- files -----------------------------------------------------------------------------


def test_missing_file(tmp_path: Path):
    with pytest.raises(InputError) as raised:
        load_spec(tmp_path / "nope.yaml")
    [p] = raised.value.problems
    assert p.file == str(tmp_path / "nope.yaml") and p.message == "no such file"


def test_directory(tmp_path: Path):
    with pytest.raises(InputError) as raised:
        load_spec(tmp_path)
    [p] = raised.value.problems
    assert p.file == str(tmp_path) and "directory" in p.message


def test_unreadable_file(tmp_path: Path, monkeypatch: pytest.MonkeyPatch):
    def locked(*args, **kwargs):
        raise PermissionError(13, "Permission denied")

    monkeypatch.setattr(source, "open_regular", locked)  # works as root too
    with pytest.raises(InputError) as raised:
        load_spec(tmp_path / "locked.yaml")
    [p] = raised.value.problems
    assert p.file == str(tmp_path / "locked.yaml")
    assert p.message == "cannot read the file: Permission denied"


def test_file_over_the_size_limit(tmp_path: Path):
    path = tmp_path / "big.yaml"
    path.write_bytes(MINIMAL.encode() + b"#" * MAX_FILE_BYTES)
    with pytest.raises(InputError) as raised:
        load_spec(path)
    [p] = raised.value.problems
    assert "10 MB" in p.message


# -- values ----------------------------------------------------------------------------


def with_body(body_yaml: str) -> model.Article:
    text = MINIMAL.replace("    body: 3月12日，市委常委杨广平到第十网格督导创城工作。\n", body_yaml)
    return parse_spec(text, "t.yaml").articles[0]


def test_paragraph_lines_are_joined_by_script():
    article = with_body("    body: |\n      中文\n      接着\n      Latin\n      words 2021\n"
                        "      年\n\n\n      下一段\n")
    assert [p.text for p in article.paragraphs] == ["中文接着Latin words 2021年", "下一段"]
    assert [p.loc.line for p in article.paragraphs] == [9, 16]


def test_plain_multiline_body_keeps_line_numbers():
    article = with_body("    body: 第一段第一行\n      第一行续\n\n      第二段\n")
    assert [(p.text, p.loc.line, p.loc.col) for p in article.paragraphs] == [
        ("第一段第一行第一行续", 8, 11), ("第二段", 11, 7)]


def test_tagged_and_anchored_body_skips_its_properties():
    article = with_body("    body: !!str &b\n      正文\n")
    assert [(p.text, p.loc.line, p.loc.col) for p in article.paragraphs] == [("正文", 9, 7)]
    article = with_body("    body: &b |\n      正文\n")
    assert [(p.text, p.loc.line) for p in article.paragraphs] == [("正文", 9)]


def test_crlf_line_endings():
    text = MINIMAL.replace("\n", "\r\n").replace("body: 3", "body: |\r\n      A\r\n\r\n      3")
    paragraphs = parse_spec(text, "t.yaml").articles[0].paragraphs
    assert [(p.text[:6], p.loc.line) for p in paragraphs] == [("A", 9), ("3月12日，", 11)]


def test_a_50000_character_body_line_is_a_paragraph():
    article = with_body("    body: " + "字" * 50_000 + "\n")
    assert len(article.paragraphs[0].text) == 50_000


def test_a_string_over_200000_characters_is_refused():
    [p] = problems(MINIMAL.replace("body: 3月", "body: " + "字" * 200_001))
    assert p.path == "articles[1].body" and "200,000" in p.message


def test_too_many_articles():
    text = MINIMAL + "".join("  - {title: 标题, body: 正文}\n" for _ in range(MAX_ARTICLES))
    [p] = problems(text)
    assert p.path == "articles" and "at most 1000" in p.message


@pytest.mark.parametrize("written, expected", [
    ("2021-03-15", dt.date(2021, 3, 15)),
    ("2021-03-15 09:30:00", dt.date(2021, 3, 15)),
    ("2021-03-15T09:30:00+08:00", dt.date(2021, 3, 15)),
    ("2021-3-5", dt.date(2021, 3, 5)),
    ("'2021-03-15'", dt.date(2021, 3, 15)),
    ("2021/3/5", dt.date(2021, 3, 5)),
    ("2021年3月15日", dt.date(2021, 3, 15)),
    ("２０２１年３月１５日", dt.date(2021, 3, 15)),
])
def test_date_forms(written: str, expected: dt.date):
    assert parse_spec(MINIMAL.replace("2021-03-15", written), "t.yaml").masthead.date == expected


def test_numbers_as_text_and_text_as_numbers():
    text = MINIMAL.replace("issue: 11", "issue: '11'")
    text = text.replace("publisher: 聊城市创建全国文明城市工作办公室", "publisher: 2021")
    m = parse_spec(text, "t.yaml").masthead
    assert (m.issue, m.publisher) == (11, "2021")


@pytest.mark.parametrize("value, message", [
    ("yes", "expected text, got a boolean"),
    ("~", "must not be empty"),
    ("{a: 1}", "expected text, got a mapping"),
])
def test_text_refusals(value: str, message: str):
    [p] = problems(MINIMAL.replace("publisher: 聊城市创建全国文明城市工作办公室", f"publisher: {value}"))
    assert (p.path, p.message, p.line) == ("masthead.publisher", message, 4)


def test_optional_keys_left_empty_are_absent():
    spec = parse_spec(MINIMAL + "distribution:\nstyle:\n  headline_label:\n", "t.yaml")
    assert spec.distribution is None and spec.style == model.Style()


def test_official_fonts_and_page_numbers():
    spec = parse_spec(MINIMAL + "style: {fonts: official, page_numbers: none}\n", "t.yaml")
    assert spec.style.official and spec.style.fonts == {} and spec.style.page_numbers == "none"


def test_page_numbers_off_is_a_boolean_with_a_hint():
    [p] = problems(MINIMAL + "style: {page_numbers: off}\n")
    assert p.message.endswith("got a boolean") and "none" in (p.hint or "")


def test_quoted_title_escapes_become_breaks():
    text = MINIMAL.replace("title: 杨广平到第十网格督导创城工作", 'title: "杨广平\\n到第十网格"')
    assert parse_spec(text, "t.yaml").articles[0].title == "杨广平\n到第十网格"


def test_unknown_key_without_a_close_match_lists_the_keys():
    [p] = problems(MINIMAL + "zzz: 1\n")
    assert p.hint == ("expected one of: masthead, editor_note, headlines, articles, distribution, style, "
                      "extends")


# -- robustness ------------------------------------------------------------------------

FULL = (VALID / "full.yaml").read_text(encoding="utf-8")
NASTY = [*":-#&*!|>[]{},'\"?\t\n \x07\ufeff",
         "中", "  ", "\n\n", "---", "- ", ": ", "*a", "&a ", "!!python/name:os.system "]


def check(text: str) -> None:
    try:
        spec = parse_spec(text, "m.yaml")
    except InputError as e:
        assert e.problems and all(p.file == "m.yaml" for p in e.problems), e.problems
    else:
        assert isinstance(spec, model.Spec) and spec.articles


@settings(max_examples=300, deadline=None)
@given(st.lists(st.tuples(
    st.sampled_from(["delete_char", "insert", "replace", "delete_line", "duplicate_line", "swap_lines"]),
    st.integers(min_value=0, max_value=10**6),
    st.integers(min_value=0, max_value=10**6),
    st.one_of(st.sampled_from(NASTY), st.text(max_size=3)),
), min_size=1, max_size=6))
def test_mutated_spec_never_crashes(edits):
    text = FULL
    for op, a, b, piece in edits:
        lines = text.split("\n")
        i, j = a % (len(text) + 1), b % len(lines)
        if op == "delete_char":
            text = text[:i] + text[i + 1:]
        elif op == "insert":
            text = text[:i] + piece + text[i:]
        elif op == "replace":
            text = text[:i] + piece + text[i + len(piece):]
        elif op == "delete_line":
            text = "\n".join(lines[:j] + lines[j + 1:])
        elif op == "duplicate_line":
            text = "\n".join(lines[:j + 1] + lines[j:])
        else:
            k = a % len(lines)
            lines[j], lines[k] = lines[k], lines[j]
            text = "\n".join(lines)
    check(text)


@settings(max_examples=300, deadline=None)
@given(st.text(max_size=200))
def test_random_text_never_crashes(text):
    check(text)


def test_empty_headline_list_means_no_headlines():
    from bulletin_cli.spec.reader import parse_spec

    text = (FIXTURES / "valid" / "minimal.yaml").read_text("utf-8") + "\nheadlines: []\n"
    assert parse_spec(text, "m.yaml").headline_list == []


@pytest.mark.parametrize("path", sorted(INVALID.glob("*.yaml")), ids=lambda p: p.stem)
def test_invalid_fixture_through_the_cli(path: Path, tmp_path):
    """The same fixtures as a user meets them: exit 2, the located message, no traceback, no PDF."""
    from typer.testing import CliRunner

    from bulletin_cli.cli import app

    out = tmp_path / "out.pdf"
    result = CliRunner().invoke(app, ["build", str(path), "-o", str(out)])
    assert result.exit_code == 2, result.output
    assert result.exception is None or isinstance(result.exception, SystemExit)
    assert "Traceback" not in result.output
    for line, col, text in expectations(path):
        where = f"{path}:{line}:{col}: " if line else f"{path}: "
        assert f"error: {where}{text}" in result.output, result.output
    assert not out.exists()


# -- what a hostile but realistic user writes (issue 14) --------------------------------


def title_of(title_yaml: str) -> str:
    return parse_spec(MINIMAL.replace("title: 杨广平到第十网格督导创城工作", f"title: {title_yaml}"),
                      "t.yaml").articles[0].title


@pytest.mark.parametrize("escape", ["\\U00110000", "\\UFFFFFFFF"])
def test_an_escape_beyond_unicode_is_a_located_error(escape):
    [p] = problems(MINIMAL.replace("title: 杨广平到第十网格督导创城工作", f'title: "标题{escape}结束"'))
    assert (p.line, p.col) == (7, 15)  # where the escape starts
    assert p.message.startswith(f"escape {escape} is not a Unicode character")


def test_characters_that_print_nothing_are_dropped():
    escaped = '"杨广平\\u200b到\\u200d第十\\u2060网格\\ufeff督导\\ufe0f\\u00ad"'
    assert title_of(escaped) == "杨广平到第十网格督导"
    assert title_of("杨广平\u200b到第十网格\ufeff") == "杨广平到第十网格"  # pasted, not escaped


@pytest.mark.parametrize("char", ["\u202e", "\u202d", "\u2066", "\u200f"])
def test_a_bidi_control_is_refused_at_its_field(char):
    [p] = problems(MINIMAL.replace("publisher: 聊城市", f"publisher: 聊城{char}市"))
    assert (p.path, p.line) == ("masthead.publisher", 4)
    assert p.message == f"bidi control character U+{ord(char):04X} is not allowed"


def test_a_tab_in_a_value_is_a_space():
    for written in ('"A\\tB"', "'A\tB'", "A\tB", "\tA B"):
        assert title_of(written) == "A B", written
    text = MINIMAL.replace("publisher:", "publisher:\t")
    assert parse_spec(text, "t.yaml").masthead.publisher == "聊城市创建全国文明城市工作办公室"


def test_a_tab_that_indents_is_refused_with_the_indent_hint():
    [p] = problems(MINIMAL.replace("  publisher:", "\tpublisher:"))
    assert p.line == 4 and p.hint == "indent with spaces: YAML does not allow tabs there"


@pytest.mark.parametrize("escape", ["\\n", "\\N", "\\L", "\\P"])
def test_line_separator_escapes_break_a_title_and_join_other_text(escape):
    assert title_of(f'"杨广平{escape}到第十网格"') == "杨广平\n到第十网格"
    publisher = "publisher: 聊城市创建全国文明城市工作办公室"
    text = MINIMAL.replace(publisher, f'publisher: "聊城市{escape}办公室"')
    assert parse_spec(text, "t.yaml").masthead.publisher == "聊城市办公室"
    text = MINIMAL.replace(publisher, f'publisher: "Liaocheng{escape}Office"')
    assert parse_spec(text, "t.yaml").masthead.publisher == "Liaocheng Office"


@pytest.mark.parametrize("quote", ['"', "'"])
def test_a_quoted_scalar_over_lines_folds_chinese_without_a_space(quote):
    assert title_of(f"{quote}第一行中文\n      第二行中文{quote}") == "第一行中文第二行中文"
    assert title_of(f"{quote}Folded\n      lines{quote}") == "Folded lines"
    assert title_of(f"{quote}第一行\n\n      第二行{quote}") == "第一行\n第二行"  # a blank line breaks
    article = with_body(f'    body: {quote}第一段第一行\n      第一行续\n\n      第二段{quote}\n')
    assert [(p.text, p.loc.line, p.loc.col) for p in article.paragraphs] == [
        ("第一段第一行第一行续", 8, 12), ("第二段", 11, 7)]


def test_an_escaped_line_break_in_a_double_quoted_scalar_joins_as_written():
    assert title_of('"Fol\\\n      ded \\\n      words"') == "Folded words"


@pytest.mark.parametrize("written", ["10000000000000000000000000000000", "1000000", "1_000_000"])
def test_an_issue_number_too_large(written):
    [p] = problems(MINIMAL.replace("issue: 11", f"issue: {written}"))
    assert p.path == "masthead.issue" and p.message.startswith("too large:") and "999,999" in p.message


def test_the_largest_issue_number():
    assert parse_spec(MINIMAL.replace("issue: 11", "issue: 999999"), "t.yaml").masthead.issue == 999_999


@pytest.mark.parametrize("codec, name", [
    ("utf-32", "UTF-32"), ("utf-32-le", "UTF-32"), ("utf-32-be", "UTF-32"),
    ("utf-16", "UTF-16"), ("utf-16-le", "UTF-16"), ("utf-16-be", "UTF-16")])
def test_wide_encodings_are_named_with_the_right_iconv(tmp_path: Path, codec, name):
    path = tmp_path / "wide.yaml"
    path.write_bytes(MINIMAL.encode(codec))
    with pytest.raises(InputError) as raised:
        load_spec(path)
    [p] = raised.value.problems
    assert p.message == f"file is {name}, not UTF-8"
    assert f"iconv -f {name} -t UTF-8" in (p.hint or "")


def test_the_length_limit_does_not_count_the_line_break_a_block_adds():
    body = "字" * keys.MAX_STRING_CHARS
    article = with_body(f"    body: |\n      {body}\n")
    assert len(article.paragraphs[0].text) == keys.MAX_STRING_CHARS
    [p] = problems(MINIMAL.replace("body: 3月12日，市委常委杨广平到第十网格督导创城工作。",
                                   f"body: |\n      {body}字"))
    assert "200,001 characters" in p.message


@pytest.mark.parametrize("where", ["    byline: ", "style:\n  headline_label: "])
def test_a_byline_or_headline_label_is_a_line_or_two(where):
    at_most = keys.MAX_BYLINE_CHARS
    ok = MINIMAL + f"{where}{'来' * at_most}\n" if where.startswith("style") else \
        MINIMAL.replace("    body:", f"{where}{'来' * at_most}\n    body:")
    parse_spec(ok, "t.yaml")
    [p] = problems(ok.replace("来" * at_most, "来" * (at_most + 1)))
    assert p.message == f"too long: {at_most + 1} characters (at most {at_most})"


def test_problems_are_capped_and_the_rest_counted():
    text = MINIMAL + "".join(f"unknown{i}: 1\n" for i in range(350))
    found = problems(text)
    assert len(found) == keys.MAX_PROBLEMS + 1
    assert found[0].message == "unknown key 'unknown0'"
    assert found[-1].message == (f"and 250 more problems (only the first {keys.MAX_PROBLEMS} "
                                 "are listed)")


@pytest.mark.parametrize("title", ['""', "'  '", "~", '"\\u200b\\ufeff"', "\u200b"])
def test_an_empty_article_title_is_an_error_never_a_dropped_article(title):
    """An article whose title was empty (or only invisible characters) was left out, exit 0."""
    [p] = problems(MINIMAL.replace("title: 杨广平到第十网格督导创城工作", f"title: {title}"))
    assert (p.path, p.line, p.message) == ("articles[1].title", 7, "must not be empty")


def test_a_spec_of_too_many_values_is_refused_while_it_is_composed(monkeypatch):
    """300,000 unknown keys: PyYAML built all 600,000 nodes (25 s, 670 MB) before the first
    check. Composing stops at MAX_NODES values, with the place where the limit was crossed.
    The limit is lowered for the test: the loader reads it as it counts, and composing 200,000
    values to reach the real one took most of this test's 6 s."""
    import yaml

    made = []

    class Counted(yaml.nodes.ScalarNode):
        def __init__(self, *a, **k):
            made.append(1)
            super().__init__(*a, **k)

    monkeypatch.setattr(yaml.composer, "ScalarNode", Counted)
    limit = 3_000
    monkeypatch.setattr(nodes, "MAX_NODES", limit)
    text = MINIMAL + "".join(f"k{i}: 1\n" for i in range(2 * limit))
    [p] = problems(text)
    assert len(made) <= limit  # no value after the one crossing the limit was ever built
    assert p.message.startswith(f"too many values: more than {limit:,} keys, list items and texts")
    assert p.hint and p.path == ""
    # the value that crossed the limit: MINIMAL's values come first, then two per unknown key
    minimal = nodes._Loader(MINIMAL)
    minimal.get_single_node()
    extra = limit + 1 - minimal.nodes  # the crossing value is the extra-th after MINIMAL's
    assert (p.line, p.col) == (MINIMAL.count("\n") + (extra + 1) // 2, 1 if extra % 2 else 5)


def test_the_largest_spec_within_the_limits_has_far_fewer_values_than_the_limit():

    article = ("  - title: 第1篇 关于全面推进城市管理工作的通知\n    byline: 市创城办 张明\n"
               "    body: |\n      正文。\n")
    text = MINIMAL.split("articles:")[0] + "articles:\n" + article * keys.MAX_ARTICLES
    parse_spec(text, "t.yaml")
    loader = nodes._Loader(text)
    loader.get_single_node()
    assert loader.nodes * 20 < keys.MAX_NODES


@pytest.mark.parametrize("value, col", [('"\\u200b"', 11), ("\u200b\u2060", 11), ("'\ufeff '", 11)])
def test_a_font_made_only_of_characters_that_print_nothing_is_refused_at_its_key(value, col):
    """It was dropped as empty: the role silently went back to the bundled face."""
    fonts = f"style:\n  fonts:\n    body: {value}\n    title: fonts/t.ttf\narticles:"
    text = MINIMAL.replace("articles:", fonts)
    line = text.splitlines().index(f"    body: {value}") + 1
    [p] = problems(text)
    assert (p.line, p.col, p.path) == (line, col, "style.fonts.body")
    assert p.message.startswith("is only characters that print nothing") and p.hint
    # an empty value is still no font at all, as for any optional key
    parse_spec(text.replace(f"body: {value}", 'body: ""').replace("    title: fonts/t.ttf\n", ""), "t.yaml")
