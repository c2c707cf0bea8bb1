"""The bytes do not depend on where the spec and its pictures lie: a spec named by an absolute
path in one folder builds the same PDF and OFD as its copy in another (CI builds in a fresh
clone elsewhere; an office builds on another machine)."""
import shutil

import pytest

from bulletin_cli import build

from .helpers import ROOT


@pytest.mark.parametrize("fmt", ["pdf", "ofd"])
def test_a_spec_with_a_photo_and_a_word_file_builds_the_same_bytes_anywhere(tmp_path, fmt):
    outs = []
    for folder in ("a", "b/deeper"):
        d = tmp_path / folder
        shutil.copytree(ROOT / "examples", d)
        out = d / f"out.{fmt}"
        build(d / "grid-10.yaml", out)  # absolute: every picture's source is a different path
        outs.append(out.read_bytes())
    assert outs[0] == outs[1]
