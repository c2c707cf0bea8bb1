"""Standard output closed by the shell (`>&-`): Python then has no sys.stdout, and `-o -` ended
in "AttributeError: 'NoneType' object has no attribute 'flush'" (issue 22)."""
import os
import subprocess
import sys
from importlib import resources

import pytest

TEMPLATE = resources.files("bulletin_cli").joinpath("template.yaml").read_text("utf-8")


def _close_stdout():
    os.close(1)


@pytest.mark.parametrize("args", [["build", "q.yaml", "-o", "-"], ["build", "-", "-o", "-"],
                                  ["check", "--fix", "-"]])
def test_writing_to_a_closed_standard_output_is_refused_in_one_line(tmp_path, args):
    (tmp_path / "q.yaml").write_text(TEMPLATE, encoding="utf-8")
    with open(tmp_path / "q.yaml", "rb") as spec:
        p = subprocess.run([sys.executable, "-m", "bulletin_cli", *args], cwd=tmp_path, stdin=spec,
                           stderr=subprocess.PIPE, text=True, preexec_fn=_close_stdout)
    what = "check --fix -" if args[0] == "check" else "-o -"
    assert p.returncode == 2, p.stderr
    assert p.stderr == f"error: {what}: standard output is closed; give a file name instead\n"
    assert os.listdir(tmp_path) == ["q.yaml"]
