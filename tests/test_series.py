"""`extends:` a series file, and `new --from` the previous issue (issue 8)."""
import datetime as dt
import json
import re
import shutil

import pdfplumber
import pytest

from bulletin_cli.errors import InputError
from bulletin_cli.fonts.resolve import fonts_dir
from bulletin_cli.spec.reader import load_spec

from .helpers import ISSUE, ROOT, SERIES, run


@pytest.fixture
def series(tmp_path, monkeypatch):
    # run from the folder that holds the series and the issues, as the README lays them out:
    # every file the issues name lies under it (the root rule, spec/paths.py)
    monkeypatch.chdir(tmp_path)
    (tmp_path / "series" / "fonts").mkdir(parents=True)
    (tmp_path / "2026").mkdir()
    shutil.copy(fonts_dir() / "body.ttf", tmp_path / "series" / "fonts" / "mybody.ttf")
    (tmp_path / "series" / "series.yaml").write_text(SERIES, encoding="utf-8")
    issue = tmp_path / "2026" / "w02.yaml"
    issue.write_text(ISSUE, encoding="utf-8")
    return issue


def _errors(spec):
    with pytest.raises(InputError) as e:
        load_spec(spec)
    return e.value.problems


def test_issue_keys_win_mappings_merge_lists_are_replaced(series):
    spec = load_spec(series)
    m = spec.masthead
    assert (m.title, m.publisher, m.marking, m.issue, m.total_issue) == (
        "某区创建全国文明城市工作简报", "某区创城办", "内部资料", 2, 13)
    d = spec.distribution
    assert (d.report_to, d.copy_to, d.copies) == ("区委常委", "区人大", 90)  # merged key by key
    assert spec.headlines == ["本期要目"]  # a list is replaced whole
    assert spec.style.page_numbers == "center"
    series_file = str(series.parent.parent / "series" / "series.yaml")
    assert spec.extends == (series_file,)
    # a path in the series file resolves against the series file's folder, and says so
    assert spec.style.font_locs["body"].file == series_file


def test_series_builds_through_the_cli_with_the_series_font(series, tmp_path):
    p = run("build", series, "--json")
    assert p.returncode == 0, p.stderr
    [record] = json.loads(p.stdout)
    assert record["fonts"]["body"].endswith("mybody.ttf")
    with pdfplumber.open(series.with_suffix(".pdf")) as pdf:
        text = "".join(page.extract_text() for page in pdf.pages)
        fonts = {c["fontname"] for c in pdf.pages[0].chars if c["text"] == "正"}
    text = re.sub(r"\s", "", text)
    assert "某区创建全国文明城市工作简报" in text and "某区创城办" in text and "共印90份" in text
    assert any("FandolFang-Regular-" in f for f in fonts)  # the series' copy, not the bundled face


def test_errors_name_the_file_and_line_they_come_from(series):
    s = series.parent.parent / "series" / "series.yaml"
    s.write_text(SERIES.replace("page_numbers: center", "page_numbers: centre"), encoding="utf-8")
    series.write_text(ISSUE.replace("date: 2026-01-22", "date: 2026-02-30"), encoding="utf-8")
    problems = _errors(series)
    where = {(p.file, p.line, p.path) for p in problems}
    assert (str(series), 5, "masthead.date") in where
    assert (str(s), 11, "style.page_numbers") in where
    # and through the CLI, formatted file:line:column
    p = run("build", series)
    assert p.returncode == 2
    assert re.search(rf"{re.escape(str(s))}:11:\d+: style\.page_numbers: ", p.stderr), p.stderr
    assert re.search(rf"{re.escape(str(series))}:5:\d+: masthead\.date: ", p.stderr), p.stderr
    # an unknown key in the series is reported in the series, with its line
    s.write_text(SERIES + "colour: red\n", encoding="utf-8")
    series.write_text(ISSUE, encoding="utf-8")
    [problem] = _errors(series)
    assert (problem.file, problem.line, problem.message) == (str(s), 14, "unknown key 'colour'")


def test_chains_merge_in_order_and_cycles_name_the_chain(series, tmp_path):
    s = tmp_path / "series" / "series.yaml"
    (tmp_path / "base.yaml").write_text("distribution:\n  send_to: 各街道\n  copies: 70\nmasthead:\n"
                                        "  marking: 机密\n  total_issue: 1\n", encoding="utf-8")
    s.write_text("extends: ../base.yaml\n" + SERIES, encoding="utf-8")
    spec = load_spec(series)
    assert spec.distribution.send_to == "各街道" and spec.distribution.copies == 90
    assert spec.masthead.marking == "内部资料" and spec.masthead.total_issue == 13
    assert spec.extends == (str(s), str(tmp_path / "base.yaml"))
    (tmp_path / "base.yaml").write_text("extends: 2026/w02.yaml\n", encoding="utf-8")
    [problem] = _errors(series)
    assert problem.file == str(tmp_path / "base.yaml") and problem.line == 1 and problem.path == "extends"
    assert problem.message == (f"files extend each other in a cycle: {series} -> {s} -> "
                               f"{tmp_path / 'base.yaml'} -> {series}")


def test_a_missing_series_file_is_named_at_the_extends_line(series):
    series.write_text(ISSUE.replace("../series/series.yaml", "../series/nope.yaml"), encoding="utf-8")
    [problem] = _errors(series)
    assert (problem.file, problem.line, problem.col, problem.path) == (str(series), 1, 10, "extends")
    assert "nope.yaml: no such file" in problem.message


def test_new_from_writes_the_next_issue_of_the_series(series, tmp_path):
    (tmp_path / "2027").mkdir()
    nxt = tmp_path / "2027" / "w03.yaml"  # another folder: extends is rewritten to still reach the series
    p = run("new", nxt, "--from", series, "--date", "2027-01-05")
    assert p.returncode == 0, p.stderr
    spec = load_spec(nxt)
    m = spec.masthead
    assert (m.issue, m.total_issue, m.date) == (3, 14, dt.date(2027, 1, 5))
    assert spec.extends == (str(tmp_path / "series" / "series.yaml"),)
    assert m.publisher == "某区创城办" and spec.distribution.copies == 90  # the issue's own override
    assert "# - title:" in nxt.read_text("utf-8")  # placeholders to fill in, commented
    assert run("build", nxt).returncode == 0
    # never overwrites without --force
    nxt.write_text("mine", encoding="utf-8")
    p = run("new", nxt, "--from", series)
    assert p.returncode == 2 and "already exists" in p.stderr and nxt.read_text("utf-8") == "mine"
    before = dt.date.today()  # without --date: today, read on both sides of midnight
    assert run("new", nxt, "--from", series, "--force").returncode == 0
    assert load_spec(nxt).masthead.date in {before, dt.date.today()}
    assert run("new", tmp_path / "x.yaml", "--from", series, "--date", "2027-02-30").returncode == 2


def test_new_from_an_issue_without_a_series_copies_masthead_distribution_and_style(tmp_path):
    previous = ROOT / "examples" / "hospital-7.yaml"
    nxt = tmp_path / "next.yaml"
    assert run("new", nxt, "--from", previous, "--date", "2026-12-01").returncode == 0
    old, new = load_spec(previous), load_spec(nxt)
    assert new.masthead.issue == old.masthead.issue + 1
    assert new.masthead.total_issue == old.masthead.total_issue + 1
    assert (new.masthead.title, new.masthead.publisher, new.masthead.marking) == (
        old.masthead.title, old.masthead.publisher, old.masthead.marking)
    assert new.distribution == old.distribution and new.style == old.style
    assert run("build", nxt).returncode == 0
    # an invalid previous issue is refused with its own location
    bad = tmp_path / "bad.yaml"
    bad.write_text(previous.read_text("utf-8").replace("issue: 7", "issue: seven", 1), encoding="utf-8")
    p = run("new", tmp_path / "n2.yaml", "--from", bad)
    assert p.returncode == 2 and re.search(r"bad\.yaml:\d+:\d+: masthead\.issue", p.stderr), p.stderr
    assert not (tmp_path / "n2.yaml").exists()


def test_photos_and_body_files_named_in_a_series_file_resolve_beside_it(series):
    """A standing column kept in the series file names its photo and its text relative to the
    series file, like its fonts: the issue lives in another folder."""
    from PIL import Image

    folder = series.parent.parent / "series"
    Image.new("RGB", (300, 200), (200, 40, 40)).save(folder / "logo.png")
    (folder / "notice.md").write_text("常设栏目的正文。\n", encoding="utf-8")
    text = (folder / "series.yaml").read_text(encoding="utf-8")
    (folder / "series.yaml").write_text(text + (
        "articles:\n"
        "  - title: 常设栏目\n"
        "    body_file: notice.md\n"
        "  - title: 图片栏目\n"
        "    body:\n"
        "      - 图片说明文字。\n"
        "      - {image: logo.png, caption: 栏目图}\n"), encoding="utf-8")
    issue = series.read_text(encoding="utf-8")
    series.write_text(issue[:issue.index("articles:")], encoding="utf-8")  # the series' articles
    spec = load_spec(series)
    assert [a.title for a in spec.articles] == ["常设栏目", "图片栏目"]
    assert "常设栏目的正文。" in str(spec.articles[0])
    # a missing file is named where the series file wrote it
    (folder / "notice.md").unlink()
    (problem,) = _errors(series)
    assert problem.file == str(folder / "series.yaml") and problem.path.endswith("body_file")
