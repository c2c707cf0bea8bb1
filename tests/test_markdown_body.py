"""A .md body file is read by a Markdown parser: lists, emphasis, quotes, links, code, tables and
pictures become the spec's blocks, and nothing prints as markup."""
from __future__ import annotations

import pytest
from PIL import Image

from bulletin_cli import build
from bulletin_cli.errors import InputError
from bulletin_cli.model import Figure, Paragraph, Table
from bulletin_cli.spec.reader import load_spec

from .helpers import MASTHEAD
from .pdffacts import read_lines

SPEC = MASTHEAD + "  - body_file: a.md\n"

MARKDOWN = """# 文件里的标题

第一段，
接着写**重点**，*强调*，`代码`，[链接](http://example.com)，\\*\\*照写。

1. 加强组织领导；
2. 压实工作责任；
   1. 细化到人；
3. 强化督查考核。

- 背街小巷
- 农贸市场

> 引文一段，**要点**在此。

| 网格 | 数量 |
|---|--:|
| 第一网格 | 136 |
| 第二网格 |

![督导组检查](照片/p.jpg)

<div>网页<b>文字</b></div>
"""


def _issue(tmp_path, markdown=MARKDOWN):
    (tmp_path / "照片").mkdir(exist_ok=True)
    Image.new("RGB", (300, 200), (200, 160, 140)).save(tmp_path / "照片" / "p.jpg")
    (tmp_path / "a.md").write_text(markdown, encoding="utf-8")
    spec = tmp_path / "s.yaml"
    spec.write_text(SPEC, encoding="utf-8")
    return spec


def test_markdown_maps_onto_the_spec_blocks(tmp_path):
    (article,) = load_spec(_issue(tmp_path)).articles
    assert article.title == "文件里的标题"
    texts = [b.text for b in article.blocks if isinstance(b, Paragraph)]
    assert texts == ["第一段，接着写重点，强调，代码，链接，**照写。", "1.加强组织领导；", "2.压实工作责任；",
                     "（1）细化到人；", "3.强化督查考核。", "●背街小巷", "●农贸市场", "引文一段，要点在此。",
                     "网页文字"]
    first, *_ = article.blocks
    assert first.bold == ((7, 9),) and first.loc.line == 3
    quote = next(b for b in article.blocks if isinstance(b, Paragraph) and b.text.startswith("引文"))
    assert quote.kai and quote.bold == ((5, 7),) and quote.loc.line == 14
    (table,) = [b for b in article.blocks if isinstance(b, Table)]
    assert table.rows == [["网格", "数量"], ["第一网格", "136"], ["第二网格", ""]] and table.header
    (figure,) = [b for b in article.blocks if isinstance(b, Figure)]
    assert figure.caption == "督导组检查" and figure.loc.line == 21


def test_markdown_prints_no_markup_and_list_items_start_lines(tmp_path):
    out = tmp_path / "s.pdf"
    build(_issue(tmp_path), out)
    lines = [ln.text for ln in read_lines(out)]
    printed = "".join(lines)
    for mark in ("*强调", "`", "[", "](", "|", ">", "<", "#"):
        assert mark not in printed, mark
    for item in ("1.加强组织领导；", "2.压实工作责任；", "（1）细化到人；", "3.强化督查考核。", "●背街小巷",
                 "●农贸市场"):
        assert item in lines, (item, lines)
    fonts = {c["text"]: c["fontname"].split("+", 1)[1] for ln in read_lines(out) for c in ln.chars}
    assert fonts["引"] != fonts["第"]  # the quotation in 楷体, the body in 仿宋
    assert fonts["重"] == fonts["要"] != fonts["第"]  # **strong** in 黑体, in a quotation too


@pytest.mark.parametrize("markdown, where, message", [
    ("# 标题\n\n正文**没有关上。\n", (3, 3), "** starts bold text that is never closed"),
    ("# 标题\n\n第一段。\n\n- 一项\n- ![图](照片/没有.jpg)\n", (6, 8), "照片/没有.jpg: "),
    ("第一段，\n接着写。**没有关上\n", (2, 5), "** starts bold text"),
    ("# 标题\n\n| 项目 | 数量 |\n|---|---|\n| **甲 | 1 |\n", (5, 3), "** starts bold text"),
])
def test_a_problem_in_a_markdown_file_names_its_line(tmp_path, markdown, where, message):
    with pytest.raises(InputError) as e:
        load_spec(_issue(tmp_path, markdown))
    (problem,) = e.value.problems
    assert (problem.file, problem.line, problem.col) == (str(tmp_path / "a.md"), *where), problem.format()
    assert problem.message.startswith(message), problem.format()


def test_a_full_width_space_after_the_hashes_still_makes_a_heading(tmp_path):
    (article,) = load_spec(_issue(tmp_path, "#\u3000标题\n\n正文。\n\n##\u3000做法\n\n内容。\n")).articles
    assert article.title == "标题"
    assert [(b.text, b.subheading) for b in article.blocks] == [("正文。", False), ("做法", True),
                                                                 ("内容。", False)]


def test_proofreading_reads_a_link_as_its_text(tmp_path):
    from bulletin_cli.proofread.marks import proofread_spec
    from bulletin_cli.spec.reader import load

    markdown = "# 标题\n\n见[通知](http://example.com/a(1),b)，以及[图](照片/p.jpg \"题\")。半角(括号)。\n"
    found = proofread_spec(load(str(_issue(tmp_path, markdown))))
    # 半角(括号) only
    assert [(f.line, f.col, f.rule) for f in found] == [(3, 56, "half-width-bracket"),
                                                         (3, 59, "half-width-bracket")]


def test_what_a_markdown_file_does_not_print_is_named_in_a_note(tmp_path):
    markdown = "# 标题\n\n正文。\n\n---\n\n| 项目 | 图 |\n|---|---|\n| 甲 | ![现场](照片/p.jpg) |\n"
    spec = load_spec(_issue(tmp_path, markdown))
    assert spec.notes == [f"{tmp_path / 'a.md'}: line 5: a horizontal rule (---) is not printed",
                          f"{tmp_path / 'a.md'}: line 9: a picture inside a table prints its caption only: "
                          "put it between paragraphs"]
    (table,) = [b for b in spec.articles[0].blocks if isinstance(b, Table)]
    assert table.rows[1] == ["甲", "现场"]
