"""Whatever face draws a role, 、。，；：？！ sit where the mainland puts them (GB/T 15834), and a
character a face maps to glyph 0 (.notdef) is not covered by it. Fonts made here with fontTools."""
from pathlib import Path

import pdfplumber
import pytest

from bulletin_cli import build
from bulletin_cli.fonts import resolve as fonts
from bulletin_cli.fonts import sfnt
from bulletin_cli.fonts.metrics import Metrics

from .typesetting import count_defects

BUNDLED = Path(__file__).resolve().parents[1] / "fonts"
SPEC = """\
masthead: {{title: 测试工作简报, issue: 1, publisher: 测试办公室, date: 2026-01-01}}
articles:
  - title: 测试文章
    body: |
      （一）明确任务。各单位要抓好落实，认真讨论。
style:
  fonts: {{{role}: {file}}}
"""
KAI_TEXT = "（一）明确任务。"
BODY_TEXT = "各单位要抓好落实，认真讨论。测试办公室第1期2026年1月日"


def cut(src: Path, chars: str, dest: Path, family: str, edit=None) -> Path:
    from fontTools import subset
    from fontTools.ttLib import TTFont

    font = TTFont(src)
    opts = subset.Options()
    opts.layout_features, opts.notdef_outline = [], True
    sub = subset.Subsetter(opts)
    sub.populate(unicodes={ord(c) for c in chars})
    sub.subset(font)
    for rec in font["name"].names:
        if rec.nameID in (1, 4):
            rec.string = family
        elif rec.nameID in (3, 6):
            rec.string = family.replace(" ", "")
    if edit:
        edit(font)
    font.save(dest)
    return dest


def centre_marks(font) -> None:
    """Move the ink of 。 and ， to the middle of the cell, as Taiwan-style faces draw them."""
    cmap, glyf = font.getBestCmap(), font["glyf"]
    upm = font["head"].unitsPerEm
    for ch in "。，":
        if ord(ch) not in cmap:
            continue
        g = glyf[cmap[ord(ch)]]
        shift = upm // 2 - (g.xMin + g.xMax) // 2
        g.coordinates.translate((shift, 0))
        g.recalcBounds(glyf)
        font["hmtx"][cmap[ord(ch)]] = (font["hmtx"][cmap[ord(ch)]][0], g.xMin)  # renderers place by lsb


def notdef_for(ch: str):
    def edit(font) -> None:
        for table in font["cmap"].tables:
            if ord(ch) in table.cmap:
                table.cmap[ord(ch)] = ".notdef"
    return edit


def faces_of(pdf_path, text) -> list[str]:
    with pdfplumber.open(pdf_path) as pdf:
        chars = [c for p in pdf.pages for c in p.chars]
    s = "".join(c["text"] for c in chars)
    i = s.index(text)
    # PostScript names without the subset tag, and without the identity suffix a user's face gets
    return [c["fontname"].split("+", 1)[1].split("-")[0] for c in chars[i:i + len(text)]]


def test_centred_marks_of_a_users_kai_come_from_the_body_face(tmp_path):
    kai = cut(BUNDLED / "kai.ttf", KAI_TEXT + "测试文章", tmp_path / "tw-kai.ttf", "Test Centred Kai",
              centre_marks)
    left, right = sfnt.ink_extents(kai, 0, "。")["。"]
    assert (left + right) / 2 > 0.45  # the face really centres it
    spec = tmp_path / "s.yaml"
    spec.write_text(SPEC.format(role="kai", file=kai.name), encoding="utf-8")
    build(spec, tmp_path / "s.pdf")
    got = faces_of(tmp_path / "s.pdf", KAI_TEXT)
    assert set(got[:-1]) == {"TestCentredKai"}  # the heading in the user's 楷体 ...
    # ... 。 from the body
    assert got[-1] != "TestCentredKai" and got[-1] == faces_of(tmp_path / "s.pdf", "，")[0]
    assert count_defects(tmp_path / "s.pdf", spec)["centred_mark"] == []


def test_counter_sees_a_centred_mark(tmp_path):
    """The counter measures the ink from the glyph's bounds in the PDF: when no face has the
    mark at the left (body and fallback both centre it), it is drawn centred and counted."""
    body = cut(BUNDLED / "body.ttf", BODY_TEXT + "测试文章", tmp_path / "tw-body.ttf", "Test Centred Fang",
               centre_marks)
    spec = tmp_path / "s.yaml"
    spec.write_text(SPEC.format(role="body", file=f"{body.name}, fallback: {body.name}"), encoding="utf-8")
    build(spec, tmp_path / "s.pdf")
    assert count_defects(tmp_path / "s.pdf", spec)["centred_mark"]


def test_a_character_mapped_to_notdef_is_not_covered(tmp_path):
    body = cut(BUNDLED / "body.ttf", BODY_TEXT + "测试文章", tmp_path / "hole.ttf", "Test Hole Fang",
               notdef_for("讨"))
    cmap = sfnt.read_cmap(sfnt.face_tables(body, 0, [b"cmap"])[b"cmap"])
    assert ord("讨") not in sfnt.cmap_chars(body) and cmap[ord("讨")] == 0
    files = dict(fonts.resolve(None).files)
    files["body"] = fonts.FontFile(body, 0, "spec", "Test Hole Fang")
    faces = Metrics(files)
    assert faces.covers("body", "论") and not faces.covers("body", "讨")
    spec = tmp_path / "s.yaml"
    spec.write_text(SPEC.format(role="body", file=body.name), encoding="utf-8")
    build(spec, tmp_path / "s.pdf")
    got = faces_of(tmp_path / "s.pdf", "讨论")
    assert got[1] == "TestHoleFang" and got[0] != "TestHoleFang"  # 讨 from the fallback face


@pytest.mark.parametrize("role", ["title", "body", "heading", "kai", "fallback"])
def test_bundled_faces_put_marks_at_the_left(role):
    ink = sfnt.ink_extents(BUNDLED / fonts.BUNDLED[role], 0, "、。，；：！")
    assert all(v is not None and (v[0] + v[1]) / 2 <= 0.33 for v in ink.values()), ink
