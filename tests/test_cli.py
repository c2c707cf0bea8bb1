"""The command line as a user and a script meet it: exit codes, messages, files left behind."""
import json
import re

import pytest

from .helpers import EXAMPLE, run


def test_new_then_build(tmp_path):
    spec = tmp_path / "x.yaml"
    p = run("new", spec)
    assert p.returncode == 0, p.stderr
    text = spec.read_text("utf-8")
    for key in ("masthead:", "title:", "issue:", "total_issue:", "publisher:", "date:", "marking:",
                "editor_note:", "headlines:", "articles:", "byline:", "body:", "distribution:",
                "report_to:", "copy_to:", "send_to:", "copies:", "style:", "fonts:"):
        assert key in text, key
    p = run("build", spec)
    assert p.returncode == 0, p.stderr
    assert (tmp_path / "x.pdf").read_bytes().startswith(b"%PDF-")
    assert "wrote" in p.stdout and "pages" in p.stdout


def test_new_refuses_to_overwrite_and_force_keeps_a_backup(tmp_path):
    spec = tmp_path / "x.yaml"
    spec.write_text("mine", encoding="utf-8")
    p = run("new", spec)
    assert p.returncode == 2 and "already exists" in p.stderr
    assert spec.read_text("utf-8") == "mine"
    p = run("new", spec, "--force")
    assert p.returncode == 0
    assert (tmp_path / "x.yaml.bak").read_text("utf-8") == "mine"
    assert "masthead:" in spec.read_text("utf-8")



def test_new_force_never_overwrites_a_different_backup(tmp_path):
    spec = tmp_path / "x.yaml"
    spec.write_text("mine", encoding="utf-8")
    assert run("new", spec, "--force").returncode == 0
    assert run("new", spec, "--force").returncode == 0  # the file is the template: nothing to keep
    assert sorted(f.name for f in tmp_path.iterdir()) == ["x.yaml", "x.yaml.bak"]
    spec.write_text("mine, second", encoding="utf-8")
    p = run("new", spec, "--force")
    assert p.returncode == 0 and "x.yaml.bak.1" in p.stderr
    assert (tmp_path / "x.yaml.bak").read_text("utf-8") == "mine"
    assert (tmp_path / "x.yaml.bak.1").read_text("utf-8") == "mine, second"


def test_bad_spec_exits_2_with_located_message_and_keeps_previous_pdf(tmp_path):
    spec = tmp_path / "s.yaml"
    spec.write_text(EXAMPLE.read_text("utf-8"), encoding="utf-8")
    assert run("build", spec).returncode == 0
    before = (tmp_path / "s.pdf").read_bytes()
    spec.write_text(EXAMPLE.read_text("utf-8").replace("date: 2021-03-15", "date: 2021-02-30"),
                    encoding="utf-8")
    p = run("build", spec)
    assert p.returncode == 2
    assert re.search(r"s\.yaml:\d+:\d+: masthead\.date: ", p.stderr), p.stderr
    assert (tmp_path / "s.pdf").read_bytes() == before
    assert sorted(x.name for x in tmp_path.iterdir()) == ["s.pdf", "s.yaml"]


@pytest.mark.parametrize("target", ["dir", "blocked", "spec"])
def test_bad_output_paths_are_refused(tmp_path, target):
    spec = tmp_path / "s.yaml"
    spec.write_text(EXAMPLE.read_text("utf-8"), encoding="utf-8")
    out = {"dir": tmp_path, "blocked": spec / "x.pdf", "spec": spec}[target]  # a file in the way
    p = run("build", spec, "-o", out)
    assert p.returncode == 2, p.stderr
    assert p.stderr.startswith("error: ") and p.stderr.count("\n") == 1
    assert spec.read_text("utf-8") == EXAMPLE.read_text("utf-8")


def test_json_output(tmp_path):
    out = tmp_path / "o.pdf"
    p = run("build", EXAMPLE, "-o", out, "--json")
    assert p.returncode == 0, p.stderr
    [data] = json.loads(p.stdout)  # one spec: a one-element list
    assert data["output"] == str(out) and data["pages"] >= 2 and data["bytes"] == out.stat().st_size
    assert data["status"] == "ok" and data["errors"] == [] and data["missing"] == []


def test_missing_glyph_is_reported_and_strict_fails(tmp_path):
    spec = tmp_path / "s.yaml"
    spec.write_text(EXAMPLE.read_text("utf-8").replace("3月12日，市人大", "3月12日😀，市人大", 1),
                    encoding="utf-8")
    p = run("build", spec)
    assert p.returncode == 0
    assert "U+1F600" in p.stderr and "s.yaml:" in p.stderr
    (tmp_path / "s.pdf").unlink()
    p = run("build", spec, "--strict")
    assert p.returncode == 1
    assert "U+1F600" in p.stderr
    assert not (tmp_path / "s.pdf").exists()


def test_usage_error_exits_2():
    assert run("build").returncode == 2
    assert run("frobnicate").returncode == 2


def test_version():
    p = run("--version")
    assert p.returncode == 0 and p.stdout.startswith("bulletin ")




def test_check_writes_nothing_and_reports_like_build(tmp_path):
    good = tmp_path / "good.yaml"
    good.write_text(EXAMPLE.read_text("utf-8"), encoding="utf-8")
    bad = tmp_path / "bad.yaml"
    bad.write_text(EXAMPLE.read_text("utf-8").replace("issue: 11", "issue: -3"), encoding="utf-8")
    p = run("check", good)
    assert p.returncode == 0 and f"ok {good} (7 pages)" in p.stdout
    p = run("check", good, bad)
    assert p.returncode == 2
    assert re.search(r"bad\.yaml:\d+:\d+: masthead\.issue: ", p.stderr), p.stderr
    assert sorted(f.name for f in tmp_path.iterdir()) == ["bad.yaml", "good.yaml"]
    emoji = tmp_path / "emoji.yaml"
    emoji.write_text(EXAMPLE.read_text("utf-8").replace("3月12日，", "3月12日😀，", 1), encoding="utf-8")
    p = run("check", emoji, "--strict")
    assert p.returncode == 1 and "U+1F600" in p.stderr


def test_missing_glyph_report_lists_ten_then_counts_the_rest(tmp_path):
    emoji = "".join(chr(0x1F600 + k) for k in range(13))
    spec = tmp_path / "s.yaml"
    spec.write_text(EXAMPLE.read_text("utf-8").replace("3月12日，市人大", f"3月12日{emoji}，市人大", 1),
                    encoding="utf-8")
    p = run("check", spec)
    assert p.returncode == 0
    listed = [ln for ln in p.stderr.splitlines() if re.match(r"\s+\S U\+1F6", ln)]
    assert len(listed) == 10
    line = next(k for k, t in enumerate(spec.read_text("utf-8").splitlines(), 1) if "😀" in t)
    where = rf"s\.yaml:{line}:\d+ \(杨广平到第十网格督导创城工作\)"
    assert all(re.search(where, ln) for ln in listed), listed
    assert "  and 3 others" in p.stderr


def test_check_goes_on_after_a_spec_it_cannot_read(tmp_path):
    """An escape beyond Unicode once stopped `check many/*.yaml` at that spec."""
    bad = tmp_path / "a-bad.yaml"
    bad.write_text(EXAMPLE.read_text("utf-8").replace("title: 聊城市", 'title: "聊城\\U00110000市', 1)
                   .replace("工作简报\n", '工作简报"\n', 1), encoding="utf-8")
    good = tmp_path / "b-good.yaml"
    good.write_text(EXAMPLE.read_text("utf-8"), encoding="utf-8")
    p = run("check", bad, good)
    assert p.returncode == 2
    assert re.search(r"a-bad\.yaml:\d+:\d+: escape \\U00110000 is not a Unicode character",
                     p.stderr), p.stderr
    assert f"ok {good}" in p.stdout


def test_check_goes_on_after_an_unexpected_error(tmp_path, monkeypatch):
    from typer.testing import CliRunner

    from bulletin_cli import pipeline as build_module  # imported by the command, not the package
    from bulletin_cli.cli import app

    real = build_module.check

    def flaky(spec, *args, **kw):
        if "first" in str(spec):
            raise RuntimeError("something nobody foresaw")
        return real(spec, *args, **kw)

    monkeypatch.setattr(build_module, "check", flaky)
    first, second = tmp_path / "first.yaml", tmp_path / "second.yaml"
    for f in (first, second):
        f.write_text(EXAMPLE.read_text("utf-8"), encoding="utf-8")
    result = CliRunner().invoke(app, ["check", str(first), str(second)])
    assert result.exit_code == 1
    assert f"error: {first}: internal error, please report it: RuntimeError: something nobody foresaw" \
        in result.output
    assert f"ok {second}" in result.output and "Traceback" not in result.output


@pytest.mark.parametrize("command", [[], ["new"], ["build"], ["check"], ["fonts"], ["schema"]])
def test_help_shows_flags_without_a_value_placeholder(command):
    p = run(*command, "--help")
    assert p.returncode == 0, p.stderr
    assert "<bool>" not in p.stdout
    assert re.search(r"^\s+-h, --help\s+Show this message", p.stdout, re.M), p.stdout
    if command == ["build"]:
        assert re.search(r"^\s+--strict\s+Fail", p.stdout, re.M)
        assert re.search(r"^\s+-o, --output FILE\s", p.stdout, re.M)  # a value is asked for by name
        assert re.search(r"^\s+-j, --jobs N\s", p.stdout, re.M)


@pytest.mark.parametrize("args", [[], ["--all"], ["SPEC"]])
def test_fonts_reports_an_unexpected_error_in_one_line_as_the_other_commands(monkeypatch, args):
    """`bulletin fonts` let an unexpected exception through as a traceback."""
    from typer.testing import CliRunner

    from bulletin_cli.cli import app
    from bulletin_cli.fonts import resolve as fonts

    def boom(*_a, **_k):
        raise RuntimeError("something nobody foresaw")

    monkeypatch.setattr(fonts, "resolve", boom)
    monkeypatch.setattr(fonts, "installed_rows", boom)
    args = [str(EXAMPLE) if a == "SPEC" else a for a in args]
    result = CliRunner().invoke(app, ["fonts", *args])
    assert result.exit_code == 1 and not isinstance(result.exception, RuntimeError)
    where = args[0] if args and args[0] != "--all" else "bulletin fonts"
    assert result.output == (f"error: {where}: internal error, please report it: "
                             "RuntimeError: something nobody foresaw\n")
