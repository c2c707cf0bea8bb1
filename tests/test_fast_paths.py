"""What is done for speed changes nothing in the PDF.

The per-face cache (fonts.cache.through_cache): what metrics.py and pdf.py derive from a font file
is kept in the user cache folder between runs. It is a hint: a damaged or stale record is built
again, never trusted, never a crash; a font overwritten in place is read again; a cache that
cannot be written changes nothing; and the PDF is the same byte for byte with a cold cache, a
warm one, or none. reportlab's C helpers (rl_accel) write the same bytes as its Python ones."""
from __future__ import annotations

import marshal
import os
import subprocess
import sys
from pathlib import Path

import pytest

from bulletin_cli.fonts import cache, metrics
from bulletin_cli.fonts import resolve as fonts
from bulletin_cli.fonts.resolve import FontFile
from bulletin_cli.writers import pdf

from .fonts.make_test_fonts import BUNDLED, FANG, cut
from .helpers import EXAMPLE, forget_process_faces

CHARS = "测试工作简报"


@pytest.fixture(autouse=True)
def own_cache(monkeypatch, tmp_path):
    """A cache folder per test, and no face kept in this process from an earlier test; nor one
    left for a later test: reportlab's registry (first registered wins) is put back as it was,
    or a later test in this worker gets this test's face under a bundled name."""

    monkeypatch.setenv("BULLETIN_CACHE_DIR", str(tmp_path / "cache"))
    monkeypatch.delenv("BULLETIN_NO_CACHE", raising=False)
    forget_process_faces(monkeypatch)


def records(tmp_path) -> dict[Path, tuple[int, int]]:
    folder = tmp_path / "cache" / cache.FACES_DIR
    return {p: (p.stat().st_ino, p.stat().st_mtime_ns) for p in folder.iterdir()} if folder.is_dir() else {}


def two_fonts(tmp_path) -> tuple[bytes, bytes]:
    """Two versions of one small face, the same size, differing in the advance of 测."""
    from fontTools.ttLib import TTFont

    base, a, b = tmp_path / "base.ttf", tmp_path / "a.ttf", tmp_path / "b.ttf"
    cut(BUNDLED / "body.ttf", CHARS, FANG).save(base)
    for path, narrower in ((a, 100), (b, 300)):  # both narrower: hmtx keeps one length
        font = TTFont(base)
        glyph = font.getBestCmap()[ord("测")]
        advance, lsb = font["hmtx"][glyph]
        font["hmtx"][glyph] = (advance - narrower, lsb)
        font.save(path)
    data_a, data_b = a.read_bytes(), b.read_bytes()
    assert len(data_a) == len(data_b) and data_a != data_b
    return data_a, data_b


def build_seed(out: Path, env: dict) -> bytes:
    p = subprocess.run([sys.executable, "-m", "bulletin_cli", "build", str(EXAMPLE), "-o", str(out)],
                       capture_output=True, text=True, env=env)
    assert p.returncode == 0, p.stderr
    return out.read_bytes()


def test_the_pdf_is_the_same_with_a_cold_a_warm_and_no_cache(tmp_path):
    env = {**os.environ, "BULLETIN_CACHE_DIR": str(tmp_path / "cache")}
    cold = build_seed(tmp_path / "cold.pdf", env)
    made = records(tmp_path)
    assert len(made) >= 2 * 4  # metrics and reportlab's parse of title, body, heading, number faces
    warm = build_seed(tmp_path / "warm.pdf", env)
    assert records(tmp_path) == made  # every record was used as it was, none written again
    none = build_seed(tmp_path / "none.pdf", {**env, "BULLETIN_NO_CACHE": "1",
                                               "BULLETIN_CACHE_DIR": str(tmp_path / "unused")})
    assert not (tmp_path / "unused").exists()
    assert cold == warm == none


@pytest.mark.parametrize("damage", [
    lambda data: b"",
    lambda data: data[: len(data) // 2],
    lambda data: b"\xff" * 40,
    lambda data: marshal.dumps("a string, not a record"),
    lambda data: marshal.dumps((1, 2)),
    # the head fits and the digest is right, but the payload is not what the reader expects
    lambda data: (lambda h, d, g: marshal.dumps((h, marshal.dumps([7]), __import__("hashlib").blake2b(
        marshal.dumps([7])).digest())))(*marshal.loads(data)),
])
def test_a_damaged_record_is_built_again(monkeypatch, tmp_path, damage):
    f = fonts.bundled("number")
    widths = metrics._load(f, "number").widths
    names = pdf._load(f, "number").face.name
    made = records(tmp_path)
    assert len(made) == 2
    for path in made:
        path.write_bytes(damage(path.read_bytes()))
    forget_process_faces(monkeypatch)
    assert metrics._load(f, "number").widths == widths
    assert pdf._load(f, "number").face.name == names
    forget_process_faces(monkeypatch)
    again = records(tmp_path)
    assert set(again) == set(made) and all(again[p] != made[p] for p in made)  # written anew
    assert metrics._load(f, "number").widths == widths  # and now read from it
    assert records(tmp_path) == again


def test_a_payload_changed_after_it_was_written_is_not_trusted(monkeypatch, tmp_path):
    f = fonts.bundled("number")
    widths = metrics._load(f, "number").widths
    [record] = [p for p in records(tmp_path) if marshal.loads(p.read_bytes())[0][3].startswith("metrics")]
    head, data, digest = marshal.loads(record.read_bytes())
    cmap, stored = marshal.loads(data)
    assert stored == widths
    record.write_bytes(marshal.dumps((head, marshal.dumps((cmap, tuple(w + 1 for w in stored))), digest)))
    forget_process_faces(monkeypatch)
    assert metrics._load(f, "number").widths == widths


def test_a_font_overwritten_in_place_is_read_again(monkeypatch, tmp_path):
    first, second = two_fonts(tmp_path)
    path = tmp_path / "face.ttf"
    path.write_bytes(first)
    st = os.stat(path)
    f = FontFile(path, 0, "spec")
    width = metrics._load(f, "body").width(ord("测"))
    pdf_width = pdf._load(f, "body").face.charWidths[ord("测")]
    assert width == pdf_width
    with open(path, "r+b") as out:  # same size, same mtime: only the content (and ctime) differ
        out.write(second)
    os.utime(path, ns=(st.st_atime_ns, st.st_mtime_ns))
    assert (os.stat(path).st_size, os.stat(path).st_mtime_ns) == (st.st_size, st.st_mtime_ns)
    forget_process_faces(monkeypatch)
    assert metrics._load(f, "body").width(ord("测")) == width - 200
    assert pdf._load(f, "body").face.charWidths[ord("测")] == pdf_width - 200


def test_a_new_version_replaces_a_face_record_and_never_reads_the_old_one(tmp_path):
    path = fonts.bundled("number").path
    built: list[str] = []

    def through(kind: str) -> str:
        def build():
            built.append(kind)
            return kind, kind
        return cache.through_cache(path, 0, kind, build, lambda payload: payload)

    assert through("test 1") == through("test 1") == "test 1"
    assert through("test 2") == "test 2"  # another version of the code: built, not read
    assert through("test 1") == "test 1"
    assert built == ["test 1", "test 2", "test 1"]
    assert len(records(tmp_path)) == 1  # one record per face and name, whatever the versions


def test_a_record_is_never_read_for_another_file_or_face(monkeypatch, tmp_path):
    first, second = two_fonts(tmp_path)
    a, b = tmp_path / "one.ttf", tmp_path / "two.ttf"
    a.write_bytes(first)
    b.write_bytes(second)
    one = metrics._load(FontFile(a, 0, "spec"), "body").width(ord("测"))
    assert metrics._load(FontFile(b, 0, "spec"), "body").width(ord("测")) == one - 200


def test_an_unwritable_cache_folder_still_builds_the_same_pdf(monkeypatch, tmp_path):
    from bulletin_cli import build

    blocker = tmp_path / "a-file"
    blocker.write_text("not a folder")
    monkeypatch.setenv("BULLETIN_CACHE_DIR", str(blocker / "cache"))
    build(EXAMPLE, tmp_path / "blocked.pdf")
    forget_process_faces(monkeypatch)
    monkeypatch.setenv("BULLETIN_NO_CACHE", "1")
    build(EXAMPLE, tmp_path / "none.pdf")
    assert (tmp_path / "blocked.pdf").read_bytes() == (tmp_path / "none.pdf").read_bytes()
    assert blocker.read_text() == "not a folder"


def test_reportlab_with_and_without_its_c_helpers_writes_the_same_pdf(tmp_path):
    """rl_accel is a dependency for speed only: reportlab formats numbers, escapes strings and
    encodes streams the same way in C as in Python."""
    code = ("import sys\n"
            "if sys.argv[1] == 'python': sys.modules['_rl_accel'] = None  # import fails: Python fallbacks\n"
            "from reportlab.lib import rl_accel\n"
            "assert bool(rl_accel._c_funcs) == (sys.argv[1] == 'c'), rl_accel._c_funcs\n"
            "from bulletin_cli import build\n"
            "build(sys.argv[2], sys.argv[3])\n")
    out = {}
    for helpers in ("c", "python"):
        out[helpers] = tmp_path / f"{helpers}.pdf"
        p = subprocess.run([sys.executable, "-c", code, helpers, str(EXAMPLE), str(out[helpers])],
                           capture_output=True, text=True)
        assert p.returncode == 0, p.stderr
    assert out["c"].read_bytes() == out["python"].read_bytes()
