"""A PDF held open by a viewer (issue 23): on Windows the atomic replace fails with a permission
error. The build says so at the output's path (close it, or write elsewhere with -o), exits 1
(the build could not be completed), removes its temporary file and leaves the old PDF as it was."""
from __future__ import annotations

import os

import pytest
from typer.testing import CliRunner

from bulletin_cli import build, output
from bulletin_cli.cli import app
from bulletin_cli.errors import BuildError

from .helpers import ROOT

SPEC = ROOT / "tests" / "fixtures" / "valid" / "minimal.yaml"
OLD = b"%PDF-1.4 the PDF open in the viewer\n"


@pytest.fixture
def held(monkeypatch, tmp_path):
    """An old PDF in tmp_path that os.replace cannot replace, as on Windows while a viewer has it."""
    out = tmp_path / "简报 第11期.pdf"
    out.write_bytes(OLD)
    real = os.replace

    def replace(src, dst, *args, **kwargs):
        if os.fspath(dst) == os.fspath(out):
            raise PermissionError(13, "Access is denied", os.fspath(src), None, os.fspath(dst))
        return real(src, dst, *args, **kwargs)

    monkeypatch.setattr(os, "replace", replace)
    monkeypatch.setattr(output.time, "sleep", lambda _s: None)  # the waits for a moment's hold
    return out


def test_the_build_says_close_it_or_write_elsewhere_and_loses_nothing(held):
    with pytest.raises(BuildError) as e:
        build(SPEC, held)
    message = str(e.value)
    assert message.startswith(f"{held}: cannot replace it: it is open in another program (a PDF viewer?)")
    assert "close it there and build again, or write elsewhere: -o OTHER.pdf" in message
    assert held.read_bytes() == OLD
    assert sorted(p.name for p in held.parent.iterdir()) == [held.name]  # no temporary file left


def test_the_command_exits_1_with_the_message(held):
    result = CliRunner().invoke(app, ["build", str(SPEC), "-o", str(held)])
    assert result.exit_code == 1, result.output
    assert f"error: {held}: cannot replace it" in result.stderr and "Traceback" not in result.stderr
    assert held.read_bytes() == OLD
    result = CliRunner().invoke(app, ["build", str(SPEC), "-o", str(held.with_name("other.pdf"))])
    assert result.exit_code == 0 and held.with_name("other.pdf").read_bytes().startswith(b"%PDF")


def test_a_moment_s_hold_is_waited_out(monkeypatch, tmp_path):
    """An antivirus or indexer opening the new file for a moment: the replace is tried again."""
    out = tmp_path / "out.pdf"
    out.write_bytes(OLD)
    real, failures = os.replace, []

    def replace(src, dst, *args, **kwargs):
        if len(failures) < 2:
            failures.append(dst)
            raise PermissionError(13, "Access is denied", os.fspath(src), None, os.fspath(dst))
        return real(src, dst, *args, **kwargs)

    monkeypatch.setattr(os, "replace", replace)
    monkeypatch.setattr(output.time, "sleep", lambda _s: None)
    build(SPEC, out)
    assert len(failures) == 2 and out.read_bytes().startswith(b"%PDF")
    assert sorted(p.name for p in tmp_path.iterdir()) == ["out.pdf"]
