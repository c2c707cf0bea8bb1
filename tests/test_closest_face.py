"""Issue #26: a character the 仿宋 body face lacks is drawn by the face closest to it (楷), not
the heavier Song fallback, and the build says which characters and where."""
import pdfplumber

from bulletin_cli import build

NAMES = "喆堃啰"  # in 通用规范汉字表, not in FandolFang; WenKai has them
SPEC = """\
masthead: {title: 测试工作简报, issue: 1, publisher: 测试办公室, date: 2026-01-01}
articles:
  - title: 表彰
    body: |
      会议表彰了先进个人。

      张喆、李堃同志获表彰，大家不要啰嗦。
"""


def built(tmp_path):
    (tmp_path / "s.yaml").write_text(SPEC, encoding="utf-8")
    result = build(tmp_path / "s.yaml", tmp_path / "s.pdf")
    with pdfplumber.open(tmp_path / "s.pdf") as pdf:
        chars = [c for p in pdf.pages for c in p.chars if c["size"] == 16]
    return result, chars


def test_a_character_fangsong_lacks_is_drawn_in_kai_at_the_body_size(tmp_path):
    _, chars = built(tmp_path)
    faces = {c["text"]: c["fontname"].split("+", 1)[1] for c in chars}
    assert {faces[ch] for ch in NAMES} == {"WenKaiBulletin-Regular"}
    assert faces["张"] == faces["同"] == "FandolFang-Regular"
    line = [c for c in chars if c["text"] in "张喆李堃同"]
    assert len({round(c["matrix"][5], 2) for c in line}) == 1 and {c["size"] for c in line} == {16}


def test_the_build_notes_the_characters_and_the_face_at_their_place(tmp_path):
    result, _ = built(tmp_path)
    [note] = [n for n in result.notes if "喆" in n]
    assert note.startswith(f"{tmp_path / 's.yaml'}:7:")  # the paragraph's line in the spec
    assert "喆、堃、啰" in note and "仿宋" in note and "楷体" in note
