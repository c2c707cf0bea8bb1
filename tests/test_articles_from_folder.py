"""`bulletin new NEXT.yaml --articles 稿件/`: an issue from a folder of Word files, in two commands;
and the reader's rule that a body file's paragraph repeating the title or byline prints once."""
from __future__ import annotations

import json

import docx

from bulletin_cli.model import Paragraph
from bulletin_cli.spec.reader import load_spec
from tests.helpers import EXAMPLE, run
from tests.pdffacts import read_lines


def word_file(path, *paragraphs: str, heading: str | None = None, title_property: str = "") -> None:
    """A .docx as Word writes one: an optional Title paragraph, then Normal paragraphs."""
    document = docx.Document()
    document.core_properties.title = title_property
    if heading:
        document.add_heading(heading, level=0)
    for text in paragraphs:
        document.add_paragraph(text)
    document.save(path)


def three_articles(folder) -> None:
    folder.mkdir()
    word_file(folder / "01-督导.docx", "来源：区创城办", "1月12日，督导组到第一网格督导创城工作。",
              heading="第一网格开展创城督导")
    word_file(folder / "2_整治.docx", "第二网格集中整治环境卫生", "1月13日，第二网格组织志愿者清理卫生死角。",
              "（第二网格供稿）")
    word_file(folder / "10 志愿.docx", "志愿者走进第十网格", "志愿者为居民义务理发。",
              title_property="第十网格志愿服务")
    (folder / "~$督导.docx").write_bytes(b"Word's lock file")  # never an article


TITLES = ["第一网格开展创城督导", "第二网格集中整治环境卫生", "第十网格志愿服务"]


def test_a_folder_of_word_files_becomes_a_built_issue_in_two_commands(tmp_path):
    three_articles(tmp_path / "稿件")
    made = run("new", "12.yaml", "--from", EXAMPLE, "--articles", "稿件", cwd=tmp_path)
    assert made.returncode == 0, made.stderr
    said = made.stdout.splitlines()
    assert [line.split(":")[0] for line in said[:3]] == ["稿件/01-督导.docx", "稿件/2_整治.docx",
                                                         "稿件/10 志愿.docx"]  # 2 before 10
    assert "来源：区创城办" in said[0] and "1 paragraph" in said[0]
    built = run("build", "12.yaml", cwd=tmp_path)
    assert built.returncode == 0, built.stderr
    lines = [ln.text for ln in read_lines(tmp_path / "12.pdf")]
    titles = [t for t in lines if t in TITLES]
    assert titles[-3:] == TITLES  # the article titles, in the folder's order (after the headlines)
    for repeated in ("来源：区创城办", "（第二网格供稿）", "第二网格集中整治环境卫生"):
        # a byline prints under its title; a title or source line in the file is not printed again
        assert lines.count(repeated) == (2 if repeated in TITLES else 1), repeated
    assert "志愿者走进第十网格" in lines  # the Title property wins: the first paragraph is text


def test_the_spec_refers_to_the_files_so_edits_in_word_flow_in(tmp_path):
    three_articles(tmp_path / "稿件")
    assert run("new", "12.yaml", "--articles", "稿件", cwd=tmp_path).returncode == 0
    text = (tmp_path / "12.yaml").read_text("utf-8")
    assert 'body_file: "稿件/01-督导.docx"' in text
    assert 'title: "第一网格开展创城督导"' not in text  # the file's own title stays the file's
    word_file(tmp_path / "稿件" / "01-督导.docx", "正文。", heading="改过的标题")
    spec = load_spec(tmp_path / "12.yaml")
    assert spec.articles[0].title == "改过的标题"
    assert spec.masthead.title == "示范区创建全国文明城市工作简报"  # the template's masthead


def test_json_gives_what_was_taken_from_each_file(tmp_path):
    three_articles(tmp_path / "稿件")
    p = run("new", "12.yaml", "--articles", "稿件", "--json", cwd=tmp_path)
    assert p.returncode == 0, p.stderr
    taken = json.loads(p.stdout)["articles"]
    assert [(a["title"], a["title_from"]) for a in taken] == [
        (TITLES[0], "heading"), (TITLES[1], "paragraph"), (TITLES[2], "properties")]
    assert [a["byline"] for a in taken] == ["来源：区创城办", "（第二网格供稿）", None]
    assert [a["paragraphs"] for a in taken] == [1, 1, 2]


def test_a_file_without_a_title_is_named_by_its_file_name_without_its_number(tmp_path):
    folder = tmp_path / "稿件"
    folder.mkdir()
    word_file(folder / "03-网格员培训.docx", "1月14日，全区网格员参加培训，共120人。")
    (folder / "04 讲话.txt").write_text("会上强调了三点。\n\n第二段。\n", encoding="utf-8")
    p = run("new", "12.yaml", "--articles", folder / "04 讲话.txt",
            "--articles", folder / "03-网格员培训.docx", "--json", cwd=tmp_path)
    assert p.returncode == 0, p.stderr
    taken = json.loads(p.stdout)["articles"]
    assert [(a["file"], a["title"]) for a in taken] == [("稿件/03-网格员培训.docx", "网格员培训"),
                                                      ("稿件/04 讲话.txt", "讲话")]


def test_new_never_overwrites_and_refuses_a_folder_without_articles(tmp_path):
    three_articles(tmp_path / "稿件")
    (tmp_path / "12.yaml").write_text("mine\n", encoding="utf-8")
    p = run("new", "12.yaml", "--articles", "稿件", cwd=tmp_path)
    assert p.returncode == 2 and "--force" in p.stderr
    assert (tmp_path / "12.yaml").read_text("utf-8") == "mine\n"
    (tmp_path / "空").mkdir()
    p = run("new", "13.yaml", "--articles", "空", cwd=tmp_path)
    assert p.returncode == 2 and "no article files" in p.stderr
    assert not (tmp_path / "13.yaml").exists()


def test_a_paragraph_repeating_the_title_or_the_byline_is_printed_once(tmp_path):
    (tmp_path / "a.txt").write_text("网格 督导\n\n来源：区创城办\n\n正文。\n", encoding="utf-8")
    (tmp_path / "b.txt").write_text("另一个标题\n\n正文。\n\n来源：区创城办\n", encoding="utf-8")
    (tmp_path / "s.yaml").write_text(
        "masthead: {title: 测试工作简报, issue: 1, publisher: 测试办公室, date: 2026-03-01}\n"
        "articles:\n  - {title: 网格督导, byline: 来源：区创城办, body_file: a.txt}\n"
        "  - {title: 又一个, byline: 来源：区创城办, body_file: b.txt}\n"
        "  - {title: 正文。, body_file: a.txt}\n", encoding="utf-8")  # not its first paragraph: kept
    spec = load_spec(tmp_path / "s.yaml")
    texts = [[b.text for b in a.blocks if isinstance(b, Paragraph)] for a in spec.articles]
    assert texts == [["正文。"], ["另一个标题", "正文。"], ["网格 督导", "来源：区创城办", "正文。"]]


def test_new_says_when_a_build_from_here_may_not_read_the_files(tmp_path):
    three_articles(tmp_path / "稿件")
    (tmp_path / "sub").mkdir()
    p = run("new", "12.yaml", "--articles", "../稿件", cwd=tmp_path / "sub")
    assert p.returncode == 0, p.stderr
    assert p.stderr.count("note: ../稿件/") == 3 and "--root" in p.stderr
    assert "note:" not in run("new", "13.yaml", "--articles", "稿件", cwd=tmp_path).stderr


def test_a_source_line_is_the_byline_only_where_the_reader_leaves_it_out(tmp_path):
    folder = tmp_path / "稿件"
    folder.mkdir()
    document = docx.Document()
    for text in ("网格员培训会召开", "全区网格员参加培训。", "来源：区创城办"):
        document.add_paragraph(text)
    document.add_table(rows=1, cols=2).rows[0].cells[0].text = "参训人数"  # the last block: a table
    document.save(folder / "a.docx")
    p = run("new", "12.yaml", "--articles", "稿件", "--json", cwd=tmp_path)
    (taken,) = json.loads(p.stdout)["articles"]
    assert (taken["title"], taken["byline"], taken["paragraphs"]) == ("网格员培训会召开", None, 2)
    spec = load_spec(tmp_path / "12.yaml")
    printed = [b.text for b in spec.articles[0].blocks if isinstance(b, Paragraph)]
    assert printed == ["全区网格员参加培训。", "来源：区创城办"]  # as new said: nothing lost, nothing twice
