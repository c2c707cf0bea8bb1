"""`bulletin watch`: a real process, fed real file changes; every wait is bounded."""
import shutil

from bulletin_cli.fonts.resolve import fonts_dir

from .helpers import ISSUE, SERIES
from .procs import WAIT, built, watching


def test_watch_rebuilds_on_changes_to_the_spec_and_its_series_and_keeps_the_last_good_pdf(tmp_path):
    (tmp_path / "series" / "fonts").mkdir(parents=True)
    (tmp_path / "2026").mkdir()
    shutil.copy(fonts_dir() / "body.ttf", tmp_path / "series" / "fonts" / "mybody.ttf")
    series = tmp_path / "series" / "series.yaml"
    series.write_text(SERIES, encoding="utf-8")
    spec = tmp_path / "2026" / "w02.yaml"
    spec.write_text(ISSUE, encoding="utf-8")
    pdf = spec.with_suffix(".pdf")
    with watching(spec, cwd=tmp_path) as out:
        assert " built " in out.get(timeout=WAIT)  # the first build: nothing written yet
        first = pdf.read_bytes()
        spec.write_text(ISSUE.replace("issue: 2", "issue: 3"), encoding="utf-8")  # the spec changes
        built(out)
        second = pdf.read_bytes()
        assert second != first
        spec.write_text(ISSUE.replace("date: 2026-01-22", "date: 2026-02-30"), encoding="utf-8")
        line = out.get(timeout=WAIT)
        assert " invalid: " in line and "last good PDF is kept" in line
        assert pdf.read_bytes() == second
        spec.write_text(ISSUE.replace("issue: 2", "issue: 3"), encoding="utf-8")
        built(out)
        assert pdf.read_bytes() == second  # same spec again: same bytes
        changed = SERIES.replace("publisher: 某区创城办", "publisher: 某区创城指挥部")
        series.write_text(changed, encoding="utf-8")
        built(out)  # a change in the series file it extends
        assert pdf.read_bytes() != second
    assert sorted(f.name for f in (tmp_path / "2026").iterdir()) == ["w02.pdf", "w02.yaml"]
