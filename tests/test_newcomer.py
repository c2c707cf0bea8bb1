"""What a newcomer met following the README and the help: --date without --from, an output
named .png, counts in messages, usage lines, command summaries, the top-level help, and the
option suggested for a typo."""
import datetime as dt
import re

import pytest
from typer.testing import CliRunner

from bulletin_cli.cli import app
from bulletin_cli.wording import counted

runner = CliRunner()


def test_new_without_from_takes_the_date(tmp_path):
    spec = tmp_path / "x.yaml"
    assert runner.invoke(app, ["new", str(spec), "--date", "2026-04-01"]).exit_code == 0
    assert "  date: 2026-04-01" in spec.read_text("utf-8")


def test_new_without_a_date_is_dated_today(tmp_path):
    spec = tmp_path / "x.yaml"
    assert runner.invoke(app, ["new", str(spec)]).exit_code == 0
    assert f"  date: {dt.date.today().isoformat()}" in spec.read_text("utf-8")


def test_new_refuses_a_bad_date(tmp_path):
    result = runner.invoke(app, ["new", str(tmp_path / "x.yaml"), "--date", "2026-02-30"])
    assert result.exit_code == 2 and "--date" in result.output
    assert not (tmp_path / "x.yaml").exists()


@pytest.mark.parametrize("name", ["z.png", "z", "z.pdf.txt"])
def test_an_output_neither_pdf_nor_ofd_is_refused(tmp_path, name):
    spec = tmp_path / "x.yaml"
    runner.invoke(app, ["new", str(spec)])
    result = runner.invoke(app, ["build", str(spec), "-o", str(tmp_path / name)])
    assert result.exit_code == 2, result.output
    assert "--format pdf" in result.output and not (tmp_path / name).exists()


def test_with_format_any_name_is_written(tmp_path):
    spec = tmp_path / "x.yaml"
    runner.invoke(app, ["new", str(spec)])
    result = runner.invoke(app, ["build", str(spec), "-o", str(tmp_path / "z.png"), "--format", "pdf"])
    assert result.exit_code == 0, result.output
    assert (tmp_path / "z.png").read_bytes().startswith(b"%PDF")


@pytest.mark.parametrize("n, noun, said", [(1, "page", "1 page"), (2, "page", "2 pages"),
                                           (1, "proofreading note", "1 proofreading note"),
                                           (3, "place", "3 places"), (1, "headline", "1 headline")])
def test_counts_are_said_right(n, noun, said):
    assert counted(n, noun) == said


def test_a_one_page_build_says_1_page(tmp_path):
    spec = tmp_path / "x.yaml"
    spec.write_text("masthead:\n  title: 测试工作简报\n  issue: 1\n  publisher: 测试办公室\n"
                    "  date: 2026-01-01\narticles:\n  - title: 标题\n    body: 正文,一处。\n", "utf-8")
    checked = runner.invoke(app, ["check", str(spec)])
    assert "(1 page, 1 proofreading note)" in checked.output, checked.output
    fixed = runner.invoke(app, ["check", "--fix", str(spec)])
    assert "fixed 1 place in" in fixed.output
    built = runner.invoke(app, ["build", str(spec)])
    assert re.search(r"\(1 page, \d+ KB\)", built.output), built.output


@pytest.mark.parametrize("command, usage", [("new", "PATH"), ("build", "SPEC..."), ("watch", "SPEC"),
                                            ("check", "SPEC..."), ("fonts", "[SPEC]")])
def test_usage_lines_name_arguments_alike(command, usage):
    first = runner.invoke(app, [command, "--help"], prog_name="bulletin").output.splitlines()[0]
    assert first == f"Usage: bulletin {command} [OPTIONS] {usage}"


def test_command_summaries_are_whole_and_the_help_names_ofd():
    out = runner.invoke(app, ["--help"]).output
    summaries = out.split("Commands:")[1].strip().splitlines()
    assert len(summaries) == 6 and not any(s.endswith(("...", "…")) for s in summaries)
    assert "OFD" in out.split("Options:")[0]


def test_a_bogus_option_gets_no_unrelated_suggestion():
    result = runner.invoke(app, ["build", "--bogus", "x.yaml"])
    assert result.exit_code == 2 and "No such option: --bogus" in result.output
    assert "Possible options" not in result.output
    typo = runner.invoke(app, ["check", "--stirct", "x.yaml"])
    assert "Possible options: --strict" in typo.output
