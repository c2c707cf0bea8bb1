"""A Word file holding an EMF or WMF picture (a chart pasted from Excel) builds: Pillow draws
metafiles only on Windows, at screen resolution, so none is drawn anywhere; the article prints
and a note names the picture to save as PNG. A metafile named in the spec itself is an error
at its key. Any other picture a Word file cannot give is still a located problem or note, never
an internal error (the reader's `_` once shadowed gettext's there)."""
from __future__ import annotations

import gzip
import io
import os
import struct
import zipfile

import docx
import pdfplumber
import pytest
from PIL import Image

from bulletin_cli.errors import InputError
from bulletin_cli.spec.images import metafile_kind
from bulletin_cli.spec.reader import load_spec

from .helpers import run

HEAD = "masthead: {title: 测试工作简报, issue: 1, publisher: 测试办公室, date: 2026-03-01}\narticles:\n"
# A minimal EMF: its header record (the " EMF" signature at byte 40) and the end-of-file record
EMF = (struct.pack("<II4i4i4sIIIHHIIIiiii", 1, 88, 0, 0, 100, 50, 0, 0, 2646, 1323, b" EMF", 0x10000,
                   108, 2, 1, 0, 0, 0, 0, 1920, 1080, 508, 286) + struct.pack("<5I", 14, 20, 0, 16, 20))
# A placeable WMF: the Aldus header, then the metafile header of a file with no records
WMF = struct.pack("<IH4hHIH", 0x9AC6CDD7, 0, 0, 0, 100, 50, 1440, 0, 0) + struct.pack("<HHHIHIH", 1, 9, 0x300,
                                                                                        12, 0, 3, 0)


def png() -> bytes:
    out = io.BytesIO()
    Image.new("RGB", (40, 30), (200, 30, 40)).save(out, "PNG")
    return out.getvalue()


def word_file(picture: bytes, suffix: str, uses: int = 1, link: bool = False) -> bytes:
    """A Word file as python-docx writes it, its one picture part swapped for `picture`."""
    d = docx.Document()
    d.add_paragraph("图前正文。")
    for _ in range(uses):
        d.add_picture(io.BytesIO(png()))
    d.add_paragraph("图后正文。")
    made = io.BytesIO()
    d.save(made)
    out = io.BytesIO()
    with zipfile.ZipFile(io.BytesIO(made.getvalue())) as zin, zipfile.ZipFile(out, "w") as z:
        for name in zin.namelist():
            data = zin.read(name)
            if name == "word/media/image1.png":
                name, data = f"word/media/image1.{suffix}", picture
            elif name == "word/_rels/document.xml.rels":
                data = data.replace(b'Target="media/image1.png"', f'Target="media/image1.{suffix}"'.encode()
                                    + (b' TargetMode="External"' if link else b""))
            z.writestr(name, data)
    return out.getvalue()


def spec_with(tmp_path, data: bytes):
    (tmp_path / "a.docx").write_bytes(data)
    (tmp_path / "s.yaml").write_text(HEAD + "  - {title: 一, body_file: a.docx}\n", encoding="utf-8")
    return tmp_path / "s.yaml"


@pytest.mark.parametrize("kind, data, suffix", [("EMF", EMF, "emf"), ("WMF", WMF, "wmf"),
                                                ("EMF", gzip.compress(EMF, mtime=0), "emz")])
def test_a_metafile_in_word_is_noted_and_the_article_prints(tmp_path, kind, data, suffix):
    assert metafile_kind(data) == kind
    spec = load_spec(spec_with(tmp_path, word_file(data, suffix, uses=2)))
    (note,) = [n for n in spec.notes if "cannot be embedded" in n]  # once, however often it is drawn
    assert note.endswith(f"a.docx: paragraph 2: picture word/media/image1.{suffix}: picture format {kind} "
                         "cannot be embedded: save it as PNG in Word")
    blocks = spec.articles[0].blocks
    assert [b.text for b in blocks] == ["图前正文。", "图后正文。"]


def test_the_build_goes_on_and_says_so_in_chinese(tmp_path):
    spec_with(tmp_path, word_file(EMF, "emf"))
    p = run("build", "s.yaml", cwd=tmp_path, env={**os.environ, "BULLETIN_LANG": "zh"})
    assert p.returncode == 0, p.stderr
    assert "图片 word/media/image1.emf：图片格式 EMF 无法嵌入：请在 Word 中另存为 PNG" in p.stderr
    with pdfplumber.open(tmp_path / "s.pdf") as pdf:
        text = "".join(page.extract_text() or "" for page in pdf.pages)
        assert "图前正文" in text and "图后正文" in text and not any(page.images for page in pdf.pages)


def test_a_metafile_named_in_the_spec_is_an_error_at_its_key(tmp_path):
    (tmp_path / "chart.emf").write_bytes(EMF)
    body = "  - title: 一\n    body:\n      - 正文。\n      - {image: chart.emf}\n"
    (tmp_path / "s.yaml").write_text(HEAD + body, encoding="utf-8")
    with pytest.raises(InputError) as e:
        load_spec(tmp_path / "s.yaml")
    (problem,) = e.value.problems
    assert (problem.line, problem.path) == (6, "articles[1].body[2].image")
    assert "picture format EMF cannot be embedded: save it as PNG" in problem.message


def test_other_pictures_word_cannot_give_are_located_not_internal_errors(tmp_path):
    spec = load_spec(spec_with(tmp_path, word_file(png(), "png", link=True)))
    assert any("a linked (not embedded) picture is not printed" in n for n in spec.notes)
    with pytest.raises(InputError) as e:
        load_spec(spec_with(tmp_path, word_file(b"\x89PNG\r\n\x1a\n" + bytes(40), "png")))
    (problem,) = e.value.problems
    assert (problem.line, problem.code) == (2, "body.word")
    assert "a.docx:word/media/image1.png: not an image we can read" in problem.message
