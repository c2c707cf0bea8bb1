"""The PDF writer's faces are made from a small record and the face's shared metrics, not from
reportlab's whole parse (pdf._Face): each question drawing asks of a face (which glyph, how
wide, where its outline and metrics lie, the names and descriptor values) gets the answer
reportlab's own parse gives, so the PDF stays the same byte for byte, cold or from the cache.
"""
from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest
from reportlab.pdfbase.ttfonts import TTFont

from bulletin_cli.fonts import cache, metrics
from bulletin_cli.fonts.resolve import FontFile, bundled
from bulletin_cli.writers import pdf

from .fonts.make_test_fonts import BUNDLED, FANG, TINY_SPEC, cut
from .helpers import forget_process_faces

CHARS = "第1期测试办公室2024年5月6日今天开会讨论工作，安排下一步。0123456789 "
SPACES = {0x20, 0xA0}  # reportlab lists the one it aliases to the other under neither glyph


@pytest.fixture(autouse=True)
def own_cache(monkeypatch, tmp_path):
    monkeypatch.setenv("BULLETIN_CACHE_DIR", str(tmp_path / "cache"))
    monkeypatch.delenv("BULLETIN_NO_CACHE", raising=False)
    forget_process_faces(monkeypatch)


def odd_font(path: Path) -> Path:
    """A face reportlab reads otherwise than fonts/ does: 2048 units per em (reportlab keeps the
    advances past the last full metric scaled), and two Unicode cmaps that disagree (fonts/
    takes the first format 4 one, reportlab the last one): 测 is drawn with another glyph, and
    一 is mapped in the first one only."""
    from fontTools.ttLib.tables._c_m_a_p import CmapSubtable

    font = cut(BUNDLED / "body.ttf", CHARS + "一", FANG)
    font["head"].unitsPerEm = 2048
    best = font.getBestCmap()
    tables = []
    for platform, encoding, mapping in (
            (0, 3, {**best, ord("测"): best[ord("试")]}),
            (3, 1, {c: g for c, g in best.items() if c != ord("一")})):
        table = CmapSubtable.newSubtable(4)
        table.platformID, table.platEncID, table.language, table.cmap = platform, encoding, 0, mapping
        tables.append(table)
    font["cmap"].tables = tables
    font.save(path)
    return path


def faces(tmp_path) -> dict[str, FontFile]:
    return {"title": bundled("title"), "body": bundled("body"), "number": bundled("number"),
            "odd": FontFile(odd_font(tmp_path / "odd.ttf"), 0, "spec")}


def assert_alike(ours, theirs) -> None:
    """Every answer of reportlab's parse `theirs`, given by the lean face `ours`."""
    for key, value in vars(theirs).items():
        if key not in pdf._NOT_KEPT and key != "name":  # the name is the registered one
            assert getattr(ours, key) == value and type(getattr(ours, key)) is type(value), key
    assert ours.name.startswith(theirs.name)
    assert ours._ttf_data == theirs._ttf_data
    assert [ours._pdfScale(x) for x in (0, 1, 517, -3)] == [theirs._pdfScale(x) for x in (0, 1, 517, -3)]
    assert ours.charToGlyph == theirs.charToGlyph
    codes = sorted(set(theirs.charToGlyph) | set(range(0, 0x3100, 7)) | {0x4E00, 0xFFFF, 0x10FFFF})
    assert [ours.getCharWidth(c) for c in codes] == [theirs.getCharWidth(c) for c in codes]
    assert ours.charWidths == theirs.charWidths
    assert len(ours.hmetrics) == len(theirs.hmetrics) and list(ours.hmetrics) == theirs.hmetrics
    assert len(ours.glyphPos) == len(theirs.glyphPos) and list(ours.glyphPos) == theirs.glyphPos
    strip = lambda m: {g: [c for c in cs if c not in SPACES] for g, cs in m.items()}  # noqa: E731
    assert strip(ours.glyphToChar) == strip(theirs.glyphToChar)
    with pytest.raises(IndexError):
        ours.hmetrics[len(theirs.hmetrics)]
    with pytest.raises(IndexError):
        ours.glyphPos[len(theirs.glyphPos)]


@pytest.mark.parametrize("which", ["title", "body", "number", "odd"])
def test_a_lean_face_answers_as_reportlabs_parse(monkeypatch, tmp_path, which):
    f = faces(tmp_path)[which]
    font = TTFont("reportlab", str(f.path), subfontIndex=f.index)
    built = pdf._load(f, which)
    forget_process_faces(monkeypatch)
    restored = pdf._load(f, which)  # from the record just written
    assert restored is not built
    for ours in (built, restored):
        assert set(vars(ours)) == set(vars(font)) and type(ours.encoding) is type(font.encoding)
        assert (ours.shapable, ours._asciiReadable) == (font.shapable, font._asciiReadable)
        assert_alike(ours.face, font.face)


def test_the_odd_face_is_read_otherwise_by_the_two(tmp_path):
    """So the test above compares something: reportlab's cmap is not the one layout reads."""
    f = faces(tmp_path)["odd"]
    theirs = TTFont("reportlab", str(f.path)).face
    ours = metrics.Metrics({"body": f}).face("body")
    assert ours.cmap[ord("测")] != theirs.charToGlyph[ord("测")]
    assert ord("一") in ours.cmap and ord("一") not in theirs.charToGlyph
    assert theirs.unitsPerEm == 2048 and len(theirs.hmetrics) > theirs.table["hmtx"]["length"] // 4


def test_a_face_record_holds_no_table_of_the_font(tmp_path):
    """A CJK face's record was 0.4-0.5 MB (the cmap both ways, widths and metrics of every
    glyph); what reportlab needs beyond the shared metrics is a few KB."""
    pdf._load(bundled("title"), "title")
    [record] = [p for p in (tmp_path / "cache" / cache.FACES_DIR).iterdir()
                if b"reportlab" in p.read_bytes()[:400]]
    assert record.stat().st_size < 10_000


LOAD_AS_REPORTLAB_DOES = """
import sys
from reportlab.pdfbase.ttfonts import TTFont
from bulletin_cli import build
from bulletin_cli.writers import pdf

def load(f, role):  # reportlab's own parse of the whole face, no record, no shared metrics
    font = TTFont(pdf._UNNAMED, str(f.path), subfontIndex=f.index)
    return pdf._registered(font, pdf._identity(f, font.face._ttf_data))

if sys.argv[1] == "reportlab":
    pdf._load = load
build(sys.argv[2], sys.argv[3])
"""


def test_the_pdf_is_the_one_reportlabs_own_parse_draws(tmp_path):
    """With the odd face as body. (The bundled faces are held to the bytes recorded before faces
    were lean by tests/test_digests.py.)"""
    odd = odd_font(tmp_path / "odd.ttf")
    spec = tmp_path / "odd.yaml"
    spec.write_text(TINY_SPEC.format(body=odd.name), encoding="utf-8")
    made = []
    for how in ("reportlab", "lean", "lean"):  # the first lean build writes records, the next reads them
        out = tmp_path / f"{len(made)}.pdf"
        p = subprocess.run([sys.executable, "-c", LOAD_AS_REPORTLAB_DOES, how, str(spec), str(out)],
                           capture_output=True, text=True)
        assert p.returncode == 0, p.stderr
        made.append(out.read_bytes())
    assert made[0] == made[1] == made[2]
