"""One reader of the spec: each file is read, decoded and composed once per build and per check
(twice for check --fix: before and after), whether it comes from a file or from standard input;
everything downstream (proofreading, the JSON report) reads that one source."""
import json
import os
import shutil
import subprocess
import sys
from collections import Counter
from pathlib import Path

import pytest
import yaml.composer
from typer.testing import CliRunner

from bulletin_cli.cli import app

ROOT = Path(__file__).resolve().parents[1]
COURT = ROOT / "tests" / "fixtures" / "proofread" / "court-summary.yaml"  # 41 proofreading notes
SERIES = ROOT / "tests" / "fixtures" / "proofread" / "series"  # an issue, its series file, body files
MINIMAL = (ROOT / "tests" / "fixtures" / "valid" / "minimal.yaml").read_text(encoding="utf-8")
runner = CliRunner()


@pytest.fixture
def composed(monkeypatch):
    """The files composed, counted by name, by wrapping PyYAML's compose_document."""
    seen: Counter = Counter()
    real = yaml.composer.Composer.compose_document

    def counted(self):
        seen[self.name] += 1
        return real(self)

    monkeypatch.setattr(yaml.composer.Composer, "compose_document", counted)
    return seen


def _invoke(args, data=None):
    result = runner.invoke(app, [str(a) for a in args], input=data)
    assert result.exit_code == 0, result.output
    return result


def test_build_check_and_fix_compose_each_file_once(tmp_path, composed):
    spec = tmp_path / "court.yaml"
    shutil.copy(COURT, spec)
    _invoke(["build", spec, "-o", tmp_path / "out.pdf"])
    assert composed == {str(spec): 1}
    composed.clear()
    _invoke(["check", spec])
    assert composed == {str(spec): 1}
    composed.clear()
    _invoke(["check", "--fix", spec])
    assert composed == {str(spec): 2}  # before, and the fixed text read back
    composed.clear()
    _invoke(["build", "-", "-o", tmp_path / "stdin.pdf"], COURT.read_bytes())
    assert composed == {"<stdin>": 1}


def test_a_spec_and_its_series_file_are_each_composed_once(tmp_path, composed):
    shutil.copytree(SERIES, tmp_path / "series-case")
    issue = tmp_path / "series-case" / "2026" / "w02.yaml"
    _invoke(["check", "--root", tmp_path / "series-case", issue])  # the series lies beside 2026/
    assert sorted(composed.values()) == [1, 1] and str(issue) in composed


def test_build_from_stdin_proofreads_like_build_from_a_file(tmp_path):
    """`build - < court.yaml` reported 0 proofreading notes where `build court.yaml` reports 41:
    build() skipped proofreading for a spec it had not read itself."""
    spec = tmp_path / "court.yaml"
    shutil.copy(COURT, spec)
    from_file = json.loads(_invoke(["build", spec, "--json"]).stdout)[0]["proofreading"]
    from_stdin = json.loads(_invoke(["build", "-", "-o", tmp_path / "s.pdf", "--json"],
                                    COURT.read_bytes()).stdout)[0]["proofreading"]
    assert len(from_file) == 41
    assert [(f["line"], f["col"], f["rule"]) for f in from_stdin] == [(f["line"], f["col"], f["rule"])
                                                                      for f in from_file]
    assert {f["file"] for f in from_stdin} == {"<stdin>"}


def _messages(tmp_path: Path, data: bytes) -> dict[str, list[str]]:
    """The error lines of build and check, from a file and from standard input, the file's
    name taken out: what a user sees whichever way the spec came in."""
    spec = tmp_path / "s.yaml"
    spec.write_bytes(data)
    out = {}
    for name, args, stdin in [("build FILE", ["build", spec], None), ("check FILE", ["check", spec], None),
                              ("build -", ["build", "-", "-o", tmp_path / "x.pdf"], data),
                              ("check -", ["check", "-"], data)]:
        result = runner.invoke(app, [str(a) for a in args], input=stdin)
        assert result.exit_code == 2, result.output
        lines = [line for line in result.stderr.splitlines() if line.startswith(("error:", "  hint:"))]
        out[name] = [line.replace(str(spec), "SPEC").replace("<stdin>", "SPEC") for line in lines]
    return out


@pytest.mark.parametrize("data", [
    "# naïve café\n".encode("latin-1") + MINIMAL.encode(),  # neither UTF-8 nor Chinese GB18030
    MINIMAL.encode("utf-16"),
    b"\xef\xbb\xbf" + MINIMAL.encode() + b"#" * (10 * 1024 * 1024),  # over the size limit
], ids=["latin-1", "utf-16", "too-large"])
def test_one_message_for_a_spec_whichever_command_and_way_it_came(tmp_path, data):
    """A GB18030 spec got three different messages (U+DCB2 not allowed three times from `build -`,
    "not UTF-8; convert it first" from `check -`, the located GBK one from a file). GB18030 is
    read now (tests/test_files_windows_writes.py); what is neither still gets one message."""
    found = _messages(tmp_path, data)
    assert len({tuple(lines) for lines in found.values()}) == 1, found
    [lines] = {tuple(lines) for lines in found.values()}
    assert len(lines) <= 2 and "U+DC" not in "".join(lines)


def test_a_gbk_spec_on_stdin_with_a_utf8_locale_is_read_with_a_note_not_a_traceback(tmp_path):
    env = {**os.environ, "PYTHONIOENCODING": "utf-8"}
    p = subprocess.run([sys.executable, "-m", "bulletin_cli", "build", "-", "-o", "x.pdf"], cwd=tmp_path,
                       env=env, input=MINIMAL.encode("gb18030"), capture_output=True)
    assert p.returncode == 0 and b"Traceback" not in p.stderr
    assert "note: <stdin>: read as GB18030, not UTF-8" in p.stderr.decode()


def test_standard_input_is_read_within_the_limit_and_refused_before_it_is_parsed(tmp_path, composed):
    """`check -` parsed 100 MB before checking its size (93 s, 414 MB); `build -` read any amount."""
    data = MINIMAL.encode() + b"#" * (10 * 1024 * 1024)
    for args in (["check", "-"], ["build", "-", "-o", tmp_path / "x.pdf"]):
        result = runner.invoke(app, [str(a) for a in args], input=data)
        assert result.exit_code == 2 and "larger than 10 MB" in result.stderr
    assert not composed  # refused from its size alone


def test_the_stdin_reader_stops_after_the_limit():
    from bulletin_cli import files

    sizes = []

    class Endless:
        def read(self, n):
            sizes.append(n)
            return b"x" * n

    class Stdin:
        buffer = Endless()

    real, sys.stdin = sys.stdin, Stdin()
    try:
        assert len(files.read_stdin(3 * 1024 * 1024)) == 3 * 1024 * 1024 + 1
    finally:
        sys.stdin = real
    assert sum(sizes) == 3 * 1024 * 1024 + 1


def test_a_gbk_body_file_is_read_as_a_gbk_spec_is(tmp_path):
    """A GBK .txt body said "file is not UTF-8 text" without the GB18030 hint spec files got;
    both are read as GB18030 now, with the same note."""
    from bulletin_cli.spec.reader import load_spec

    (tmp_path / "body.txt").write_bytes("第一段。\n\n第二段，内容。\n".encode("gbk"))
    spec = tmp_path / "s.yaml"
    body = "    body: 3月12日，市委常委杨广平到第十网格督导创城工作。\n"
    spec.write_text(MINIMAL.replace(body, "    body_file: body.txt\n"), encoding="utf-8")
    loaded = load_spec(spec)
    assert [p.text for p in loaded.articles[0].paragraphs] == ["第一段。", "第二段，内容。"]
    assert loaded.notes == [f"{tmp_path / 'body.txt'}: read as GB18030, not UTF-8; save it as UTF-8 "
                            "(in Notepad: File > Save as > Encoding: UTF-8)"]
