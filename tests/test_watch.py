"""`bulletin watch`: a real process, fed real file changes; every wait is bounded."""
import queue
import shutil
import signal
import subprocess
import sys
import threading

from bulletin_cli.fonts.resolve import fonts_dir

from .procs import ctrl_c_works
from .test_series import ISSUE, SERIES

WAIT = 120  # seconds: a bound on a hung watcher, not a measurement


def _lines(stream):
    q = queue.Queue()
    threading.Thread(target=lambda: [q.put(line) for line in stream], daemon=True).start()
    return q


def _built(out) -> str:
    """The next build's line. write_text truncates before it writes, so a watcher may catch the
    file empty or half written and report it invalid first, as it should: what counts is that
    the finished file is built."""
    while True:
        line = out.get(timeout=WAIT)
        if " built " in line:
            return line
        assert " invalid: " in line, line


def test_watch_rebuilds_on_changes_to_the_spec_and_its_series_and_keeps_the_last_good_pdf(tmp_path):
    (tmp_path / "series" / "fonts").mkdir(parents=True)
    (tmp_path / "2026").mkdir()
    shutil.copy(fonts_dir() / "body.ttf", tmp_path / "series" / "fonts" / "mybody.ttf")
    series = tmp_path / "series" / "series.yaml"
    series.write_text(SERIES, encoding="utf-8")
    spec = tmp_path / "2026" / "w02.yaml"
    spec.write_text(ISSUE, encoding="utf-8")
    pdf = spec.with_suffix(".pdf")
    p = subprocess.Popen([sys.executable, "-m", "bulletin_cli", "watch", str(spec)],
                         stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True,
                         preexec_fn=ctrl_c_works, cwd=tmp_path)  # the folder of the series layout
    out = _lines(p.stdout)
    try:
        assert " built " in out.get(timeout=WAIT)  # the first build: nothing written yet
        first = pdf.read_bytes()
        spec.write_text(ISSUE.replace("issue: 2", "issue: 3"), encoding="utf-8")  # the spec changes
        _built(out)
        second = pdf.read_bytes()
        assert second != first
        spec.write_text(ISSUE.replace("date: 2026-01-22", "date: 2026-02-30"), encoding="utf-8")
        line = out.get(timeout=WAIT)
        assert " invalid: " in line and "last good PDF is kept" in line
        assert pdf.read_bytes() == second
        spec.write_text(ISSUE.replace("issue: 2", "issue: 3"), encoding="utf-8")
        _built(out)
        assert pdf.read_bytes() == second  # same spec again: same bytes
        series.write_text(SERIES.replace("publisher: 某区创城办", "publisher: 某区创城指挥部"), encoding="utf-8")
        _built(out)  # a change in the series file it extends
        assert pdf.read_bytes() != second
    finally:
        p.send_signal(signal.SIGINT)
        try:
            _, err = p.communicate(timeout=WAIT)
        finally:
            p.kill()
    assert p.returncode == 0 and "Traceback" not in err, err
    assert sorted(f.name for f in (tmp_path / "2026").iterdir()) == ["w02.pdf", "w02.yaml"]
