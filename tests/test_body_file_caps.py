"""Body files are held to what a body written in the spec is held to (issue 22, found while
hunting): a first heading of 20,000 characters printed 83 pages of title; a 1.8 MB .txt printed
2,728 pages. A file's title is a title line (at most 200 characters); a body file prints at most
200,000 characters."""
from __future__ import annotations

import io
import zipfile

import pytest

from bulletin_cli.errors import InputError
from bulletin_cli.spec import bodyfile
from bulletin_cli.spec.reader import load_spec

HEAD = "masthead: {title: 测试工作简报, issue: 1, publisher: 测试办公室, date: 2026-03-01}\n"
W = 'xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"'


def word(*paragraphs: tuple[str, str]) -> bytes:
    """A Word file of (style id, text) paragraphs, with a Title style."""
    body = "".join(f'<w:p><w:pPr><w:pStyle w:val="{s}"/></w:pPr><w:r><w:t>{t}</w:t></w:r></w:p>'
                   for s, t in paragraphs)
    rel = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
    parts = {
        "word/document.xml": f"<w:document {W}><w:body>{body}</w:body></w:document>",
        "word/_rels/document.xml.rels": '<Relationships xmlns="http://schemas.openxmlformats.org/'
        f'package/2006/relationships"><Relationship Id="s" Type="{rel}/styles" '
        'Target="styles.xml"/></Relationships>',
        "word/styles.xml": f'<w:styles {W}><w:style w:type="paragraph" w:styleId="Title">'
        '<w:name w:val="Title"/></w:style></w:styles>',
    }
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w") as z:
        for name, text in parts.items():
            # A fixed date, not the clock's: these bytes are test parameters, which every xdist
            # worker must collect alike, even when the collections straddle a second.
            z.writestr(zipfile.ZipInfo(name, (2026, 3, 1, 0, 0, 0)), text)
    return out.getvalue()


def problems(tmp_path, name: str, data: bytes, title: str = "") -> list:
    (tmp_path / name).write_bytes(data)
    spec = tmp_path / "s.yaml"
    spec.write_text(HEAD + f"articles:\n  - {{{title}body_file: {name}}}\n", encoding="utf-8")
    with pytest.raises(InputError) as e:
        load_spec(spec)
    return e.value.problems


@pytest.mark.parametrize("name, data, where", [
    ("a.md", ("# " + "很长的标题" * 41 + "\n\n正文。\n").encode(), (1, 3)),
    ("a.docx", word(("Title", "很长的标题" * 41), ("Normal", "正文。")), (1, 0)),
])
def test_a_body_file_s_title_is_a_title_line(tmp_path, name, data, where):
    [p] = problems(tmp_path, name, data)
    assert (p.file, p.line, p.col, p.path) == (str(tmp_path / name), *where, "articles[1].title")
    assert p.message == "title too long: 205 characters (at most 200)"


def test_a_long_file_title_the_spec_replaces_is_no_problem(tmp_path):
    (tmp_path / "a.md").write_text("# " + "很长的标题" * 41 + "\n\n正文。\n", encoding="utf-8")
    spec = tmp_path / "s.yaml"
    spec.write_text(HEAD + "articles:\n  - {title: 短标题, body_file: a.md}\n", encoding="utf-8")
    assert load_spec(spec).articles[0].title == "短标题"


@pytest.mark.parametrize("name, data", [
    ("a.txt", "正文第一段。\n\n正文第二段。\n".encode()),
    ("a.docx", word(("Normal", "正文第一段。"), ("Normal", "正文第二段。"))),
])
def test_a_body_file_prints_at_most_what_a_body_may_hold(tmp_path, monkeypatch, name, data):
    monkeypatch.setattr(bodyfile, "MAX_BODY_CHARS", 10)
    [p] = problems(tmp_path, name, data, "title: 一, ")
    assert (p.line, p.path) == (3, "articles[1].body_file")
    assert "characters" in p.message and "a body may hold" in p.message
