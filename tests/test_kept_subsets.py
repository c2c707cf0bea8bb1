"""A process that writes one bulletin after another makes and compresses a face's subset once
(writers/kept.py) and still writes the bytes a new process writes."""
import re
import subprocess
import sys

from reportlab.pdfbase.ttfonts import TTFontFile

from bulletin_cli import build
from bulletin_cli.writers import kept

from .helpers import EXAMPLE


def _issue(tmp_path, n: int):
    spec = tmp_path / f"issue-{n}.yaml"
    text = EXAMPLE.read_text("utf-8")
    spec.write_text(re.sub(r"(?m)^  issue: \d+", f"  issue: {n}", text, count=1), encoding="utf-8")
    return spec


def test_a_second_issue_reuses_the_subsets_and_gives_the_bytes_of_a_new_process(tmp_path, monkeypatch):
    made = []
    original = TTFontFile.makeSubset
    monkeypatch.setattr(TTFontFile, "makeSubset", lambda face, chars: made.append(1) or original(face, chars))
    first, second = _issue(tmp_path, 7), _issue(tmp_path, 8)
    build(first, tmp_path / "first.pdf")
    made.clear()
    build(second, tmp_path / "second.pdf")
    assert len(made) < 2  # the subsets of issue 7 serve issue 8 (at most the issue number's differs)
    alone = [sys.executable, "-m", "bulletin_cli", "build", str(second), "-o", str(tmp_path / "alone.pdf")]
    subprocess.run(alone, check=True, capture_output=True)
    assert (tmp_path / "second.pdf").read_bytes() == (tmp_path / "alone.pdf").read_bytes()


def test_kept_bytes_stay_within_their_limit_oldest_going_first():
    store = kept.Kept(10)
    for key in "abcd":
        assert store.get(key, lambda k=key: k.encode() * 4) == key.encode() * 4
    assert list(store.items) == ["c", "d"] and store.size == 8
    assert store.get("d", lambda: b"never made") == b"dddd"


def test_kept_flate_is_zlib_of_the_content():
    import zlib

    data = bytes(range(256)) * 50
    assert kept.KEPT_FLATE.encode(data) == zlib.compress(data) == kept.KEPT_FLATE.encode(bytes(data))
