"""The OFD writer closes the font files it cuts faces from (fontTools opens them lazily): left
to the garbage collector, each one open was a ResourceWarning at some later moment, and
pikepdf's PDF/A checker, which records every warning raised while it parses a page, failed a
valid PDF in test_print when one fell inside its check."""
import os
from pathlib import Path

import pytest

from bulletin_cli import build

ROOT = Path(__file__).resolve().parents[1]


def open_fonts() -> list[str]:
    found = []
    for fd in os.listdir("/proc/self/fd"):
        try:
            target = os.readlink(f"/proc/self/fd/{fd}")
        except OSError:
            continue
        if target.lower().endswith((".ttf", ".otf", ".ttc", ".otc")):
            found.append(target)
    return found


@pytest.mark.skipif(not os.path.isdir("/proc/self/fd"), reason="lists open files through /proc")
def test_no_font_file_is_left_open_by_an_ofd_build(tmp_path):
    before = open_fonts()
    build(ROOT / "examples" / "hospital-7.yaml", tmp_path / "h.ofd")
    assert open_fonts() == before
