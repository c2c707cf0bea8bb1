"""Ctrl-C and a batch of specs (issue 22): the batch stops as one, or not at all, and what it
says it built is what it wrote."""
import contextlib
import os
import queue
import re
import signal
import subprocess
import sys
from importlib import resources

import pikepdf

from .procs import ctrl_c_works, line_queue

TEMPLATE = resources.files("bulletin_cli").joinpath("template.yaml").read_text("utf-8")
SPECS = 6


def _specs(tmp_path):
    specs, out = tmp_path / "specs", tmp_path / "out"
    specs.mkdir()
    out.mkdir()
    for i in range(1, SPECS + 1):
        text = TEMPLATE.replace("  issue: 1 ", f"  issue: {i} ", 1)
        (specs / f"i{i:02}.yaml").write_text(text, encoding="utf-8")
    return specs, out


def _ignore_ctrl_c():
    signal.signal(signal.SIGINT, signal.SIG_IGN)


def test_a_batch_started_with_ctrl_c_ignored_ignores_it_in_every_worker(tmp_path):
    """As bash starts an `&` job: Ctrl-C to the whole process group stopped nothing in the
    parent, but the workers took it back and failed the specs they were building (exit 1)."""
    specs, out = _specs(tmp_path)
    p = subprocess.Popen([sys.executable, "-m", "bulletin_cli", "build", str(specs), "--out-dir", str(out),
                          "--jobs", "2"], stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True,
                         preexec_fn=_ignore_ctrl_c, start_new_session=True)
    first = p.stdout.readline()  # the workers are building the next ones now
    assert first.startswith("wrote "), first
    os.killpg(p.pid, signal.SIGINT)
    _, err = p.communicate(timeout=120)
    assert p.returncode == 0, err
    assert "interrupted" not in err and "Traceback" not in err
    assert sorted(os.listdir(out)) == [f"i{i:02}.pdf" for i in range(1, SPECS + 1)]


def test_after_ctrl_c_the_count_of_specs_built_is_the_count_of_files_written(tmp_path):
    """"interrupted: 0 of 200 specs built" while 5 PDFs had been written: the workers went on
    with the specs queued to them after Ctrl-C, and nobody counted them."""
    specs, out = _specs(tmp_path)
    p = subprocess.Popen([sys.executable, "-m", "bulletin_cli", "build", str(specs), "--out-dir", str(out),
                          "--jobs", "2"], stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True,
                         preexec_fn=ctrl_c_works)
    # stdout read by a thread, line by line: readline() then communicate() would lose what the
    # first read had buffered beyond its line (communicate reads the pipe itself)
    lines = line_queue(p.stdout)
    first = lines.get(timeout=120)
    assert first.startswith("wrote "), first
    p.send_signal(signal.SIGINT)
    err = p.stderr.read()
    p.wait(timeout=120)
    rest = []
    with contextlib.suppress(queue.Empty):
        while True:
            rest.append(lines.get(timeout=3))
    assert p.returncode == 130 and "Traceback" not in err, err
    said = re.search(rf"^interrupted: (\d+) of {SPECS} specs built$", err, re.M)
    written = sorted(os.listdir(out))
    assert said and int(said.group(1)) == len(written) < SPECS, (err, written)
    assert {line.split()[1] for line in [first, *rest]} == {str(out / f) for f in written}
    for f in written:
        with pikepdf.open(out / f) as pdf:  # each one whole
            assert len(pdf.pages) == 2
