"""One options value for build, check, watch and batch (issue 19): the library takes a
BuildOptions (or single options by name), reports what it wrote as typed records, and `watch`
takes every output option `build` takes."""
import os
import re
import subprocess
import sys
from importlib import resources

import pikepdf
import pytest
from typer.testing import CliRunner

from bulletin_cli import BuildOptions, build
from bulletin_cli.cli import app
from bulletin_cli.pipeline import Output, check

from .procs import ctrl_c_works, line_queue, stop_with_ctrl_c

TEMPLATE = resources.files("bulletin_cli").joinpath("template.yaml").read_text("utf-8")
WAIT = 120  # seconds: a bound on a hung process, not a measurement


@pytest.fixture
def spec(tmp_path):
    path = tmp_path / "issue.yaml"
    path.write_text(TEMPLATE, encoding="utf-8")
    return path


def test_options_as_one_value_or_by_name_build_the_same_and_report_each_file(spec, tmp_path):
    one = build(spec, tmp_path / "one.pdf", BuildOptions(duplex=True, formats=["pdf", "ofd"]))
    named = build(spec, tmp_path / "named.pdf", duplex=True)
    assert (tmp_path / "one.pdf").read_bytes() == (tmp_path / "named.pdf").read_bytes()
    assert one.outputs == [Output("pdf", tmp_path / "one.pdf", (tmp_path / "one.pdf").stat().st_size),
                           Output("ofd", tmp_path / "one.ofd", (tmp_path / "one.ofd").stat().st_size)]
    assert named.outputs == [Output("pdf", tmp_path / "named.pdf", one.outputs[0].size)]
    assert one.pages % 2 == 0 and one.output == tmp_path / "one.pdf" and one.size == one.outputs[0].size
    assert check(spec, BuildOptions(duplex=True)).pages == one.pages  # check takes the same value
    with pytest.raises(TypeError):
        build(spec, tmp_path / "typo.pdf", dupelx=True)  # a misspelt option is not ignored
    assert not (tmp_path / "typo.pdf").exists()


def test_options_are_one_frozen_value_with_room_for_a_root():
    options = BuildOptions(font_dirs=["a"], formats=["pdf"])
    assert options.font_dirs == (options.font_dirs[0],) and options.formats == ("pdf",)
    assert options.root is None and options.but(marks=True).marks and not options.marks
    with pytest.raises(AttributeError):
        options.strict = True  # type: ignore[misc]


def test_watch_help_lists_every_output_option_build_takes():
    def flags(command):
        text = CliRunner().invoke(app, [command, "--help"]).output
        return set(re.findall(r"^\s+(?:-\w, )?(--[\w-]+)", text, re.M))

    build_only = {"--out-dir", "--jobs", "--json"}  # many specs, one report: not a watch's
    output_options = {"--format", "--duplex", "--pdfa", "--marks", "--strict", "--font-dir",
                      "--official-fonts"}
    assert output_options <= flags("watch")
    assert flags("build") - build_only == flags("watch")


def test_watch_builds_with_the_output_options_it_is_given(spec):
    p = subprocess.Popen([sys.executable, "-m", "bulletin_cli", "watch", str(spec), "--format", "pdf,ofd",
                          "--duplex", "--marks"], stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True,
                         preexec_fn=ctrl_c_works)
    try:
        line = line_queue(p.stdout).get(timeout=WAIT)
        assert f" built {spec.with_suffix('.pdf')}, {spec.with_suffix('.ofd')} (" in line, line
        with pikepdf.open(spec.with_suffix(".pdf")) as pdf:
            assert len(pdf.pages) % 2 == 0  # --duplex
            assert all("/TrimBox" in page.obj and "/BleedBox" in page.obj for page in pdf.pages)  # --marks
    finally:
        err = stop_with_ctrl_c(p, WAIT)
    assert p.returncode == 0 and "Traceback" not in err, err


def test_watch_of_a_spec_that_is_not_there_is_a_usage_error_not_a_wait(tmp_path):
    """`bulletin watch nope.yaml` (a typo) said "invalid ... the last good PDF is kept" and
    waited for ever (issue 26)."""
    p = subprocess.run([sys.executable, "-m", "bulletin_cli", "watch", "nope.yaml"], cwd=tmp_path,
                       capture_output=True, text=True, timeout=WAIT)
    assert p.returncode == 2 and p.stderr == "error: nope.yaml: no such file\n" and p.stdout == ""
    assert os.listdir(tmp_path) == []


@pytest.mark.parametrize(("args", "message"), [
    (["-o", "-"], "-o -: watch prints a line per build on standard output; give -o FILE"),
    (["--format", "xyz"], "--format: unknown format xyz; choose from pdf, ofd (several separated by commas)"),
    (["-o", "issue.yaml", "--format", "pdf"],
     "issue.yaml: output would overwrite the spec itself; choose another -o"),
    (["-o", "issue.yaml"], "issue.yaml: bulletin writes PDF (.pdf) or OFD (.ofd); name the output so, "
                           "or give --format pdf to write a PDF under this name"),
])
def test_watch_refuses_outputs_it_can_never_write_at_the_start(spec, args, message):
    """No edit of the spec mends these: watch said `invalid` on every save and waited."""
    p = subprocess.run([sys.executable, "-m", "bulletin_cli", "watch", spec.name, *args], cwd=spec.parent,
                       capture_output=True, text=True, timeout=WAIT)
    assert (p.returncode, p.stdout, p.stderr) == (2, "", f"error: {message}\n")
