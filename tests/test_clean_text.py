"""Text that would make invalid files (issue 22): control characters in a .md or .txt body are
refused at their place, as in spec values; the writers never write XML that no reader opens."""
from __future__ import annotations

import xml.etree.ElementTree as ET
import zipfile

import pikepdf
import pytest

from bulletin_cli import build
from bulletin_cli.errors import BuildError, InputError
from bulletin_cli.spec.reader import load_spec

HEAD = "masthead: {title: 测试工作简报, issue: 1, publisher: 测试办公室, date: 2026-03-01}\n"


def body_file(tmp_path, name: str, data: bytes):
    (tmp_path / name).write_bytes(data)
    spec = tmp_path / "s.yaml"
    spec.write_text(HEAD + f"articles:\n  - {{title: 一, body_file: {name}}}\n", encoding="utf-8")
    return spec


@pytest.mark.parametrize("name, text, where, message", [
    ("a.txt", "第一段。\n\n第二\x01段。\n", (3, 3), "control character U+0001 is not allowed"),
    ("a.txt", "正文\x80。\n", (1, 3), "control character U+0080 is not allowed"),
    ("a.md", "# 标题\uffff\n\n正文。\n", (1, 5), "character U+FFFF is not allowed"),
    ("a.md", "正文。\n\n正\u202e文。\n", (3, 2), "bidi control character U+202E is not allowed"),
])
def test_a_character_no_file_may_hold_is_refused_where_it_is(tmp_path, name, text, where, message):
    spec = body_file(tmp_path, name, text.encode("utf-8"))
    with pytest.raises(InputError) as e:
        load_spec(spec)
    [p] = e.value.problems
    assert (p.file, p.line, p.col, p.path) == (str(tmp_path / name), *where, "articles[1].body_file")
    assert p.message == message


def test_a_utf16_text_without_a_bom_is_told_apart(tmp_path):
    spec = body_file(tmp_path, "a.txt", "plain text\n".encode("utf-16-le"))
    with pytest.raises(InputError) as e:
        load_spec(spec)
    [p] = e.value.problems
    # main's one decoder (spec/source.decode) names the encoding before any character is looked at
    assert p.message == "a.txt: file is UTF-16, not UTF-8" and "iconv -f UTF-16" in p.hint


def test_line_breaks_of_every_kind_still_separate_lines(tmp_path):
    spec = body_file(tmp_path, "a.txt", "一行。\f二行。\x0b三行。\r四行。\n".encode())
    paragraphs = load_spec(spec).articles[0].paragraphs
    assert [p.text for p in paragraphs] == ["一行。", "二行。", "三行。", "四行。"]


def test_the_writers_never_write_invalid_xml(tmp_path):
    spec = load_spec(body_file(tmp_path, "a.txt", "正文。\n".encode()))
    spec.articles[0].paragraphs[0].text += "\x01"  # as a Spec built in code may hold it
    with pytest.raises(BuildError, match="U\\+0001 cannot be written into the file's XML"):
        build(spec, tmp_path / "a.ofd")
    spec.articles[0].paragraphs[0].text = "正文。"
    spec.articles[0].title = "标题\ufffe"  # a keyword of the PDF's XMP packet
    with pytest.raises(BuildError, match="U\\+FFFE"):
        build(spec, tmp_path / "a.pdf")
    assert not (tmp_path / "a.ofd").exists() and not (tmp_path / "a.pdf").exists()
    spec.articles[0].title = "标题"
    build(spec, tmp_path / "a.pdf")
    build(spec, tmp_path / "a.ofd")
    with pikepdf.open(tmp_path / "a.pdf") as pdf:
        ET.fromstring(pdf.Root.Metadata.read_bytes())
    with zipfile.ZipFile(tmp_path / "a.ofd") as z:
        for name in z.namelist():
            if name.endswith(".xml"):
                ET.fromstring(z.read(name))
