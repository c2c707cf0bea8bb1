"""Help is wrapped by what the terminal shows: a Chinese character takes two cells, Chinese text
breaks between characters but not before a closing mark, an option name never breaks, and help
without Chinese breaks exactly where click breaks it."""
from __future__ import annotations

import os
import re

import pytest
from typer._click.formatting import HelpFormatter
from typer._click.formatting import wrap_text as click_wrap
from typer.main import get_command

from bulletin_cli import helpwrap
from bulletin_cli.cli import app

from .helpers import run

GROUP = get_command(app)
COMMANDS = [GROUP, *GROUP.commands.values()]
OPTION_BROKEN = re.compile(r"--?[\w-]*-\n\s*\w")  # `--bundled-` / `fonts`


def _env(**values):
    env = {k: v for k, v in os.environ.items()
           if k not in ("BULLETIN_LANG", "LC_ALL", "LC_MESSAGES", "LANG", "LANGUAGE")}
    return {**env, **values}


def _helps() -> list[str]:
    texts = [c.help for c in COMMANDS]
    texts += [p.help for c in COMMANDS for p in c.params if getattr(p, "help", None)]
    return [t for t in texts if t and helpwrap.cells(t) == len(t)]  # no wide character


def test_a_chinese_character_takes_two_cells():
    assert helpwrap.cells("用法：bulletin") == 14
    assert helpwrap.cells("“简报”") == 6 and helpwrap.cells("“简报”", chinese=True) == 8


@pytest.mark.parametrize("width", range(30, 80, 6))
def test_english_breaks_where_click_breaks(width):
    texts = _helps()
    assert len(texts) > 30
    for text in texts:
        ours = helpwrap.wrap_text(text, width, preserve_paragraphs=True)
        theirs = click_wrap(text, width, preserve_paragraphs=True)
        if OPTION_BROKEN.search(theirs):  # what was wrong, and only that, reads otherwise
            assert not OPTION_BROKEN.search(ours) and ours.split() != theirs.split()
        else:
            assert ours == theirs


@pytest.mark.parametrize("width", [50, 78])
def test_english_option_lists_and_usage_as_click_writes_them(width):
    for command in COMMANDS:
        ctx = command.context_class(command, info_name="bulletin")
        rows = [r for r in (p.get_help_record(ctx) for p in command.get_params(ctx)) if r]
        rows = [r for r in rows if helpwrap.cells("".join(r)) == len("".join(r))]
        ours, theirs = helpwrap.CellFormatter(width=width), HelpFormatter(width=width)
        for f in (ours, theirs):
            f.write_usage("bulletin build", "[OPTIONS] SPEC... " * 4)
            f.write_dl(rows)
        assert ours.getvalue() == theirs.getvalue()


def _lines(lang: str, *args: str) -> list[str]:
    out = run(*args, "--help", env=_env(BULLETIN_LANG=lang, COLUMNS="80")).stdout
    return out.splitlines()


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_help_fits_the_terminal_and_keeps_names_whole(lang):
    for command in ("build", "check"):
        lines = _lines(lang, command)
        assert max(helpwrap.cells(line, chinese=True) for line in lines) <= 78
        text = "\n".join(lines)
        assert "--bundled-fonts" in text and "--official-fonts" in text and "楷体_GB2312" in text
        assert not OPTION_BROKEN.search(text)


def test_chinese_lines_break_between_characters_by_the_rules():
    lines = [line.strip() for line in _lines("zh", "build")]
    assert not [line for line in lines if line and line[0] in "，。、；：）"]
    assert not [line for line in lines if line and line[-1] in "（“"]
    assert sum(len(line) > 30 for line in lines) > 5  # the lines are filled, not broken early


def test_an_option_name_never_breaks_at_its_hyphen():
    text = "Only the bundled faces with --bundled-fonts: the same bytes everywhere."
    assert OPTION_BROKEN.search(click_wrap(text, 40))
    assert helpwrap.wrap_text(text, 40).splitlines()[1].startswith("--bundled-fonts: the")
    assert "--bundled-fonts" in helpwrap.wrap_text("只用随附字体：--bundled-fonts；", 20, chinese=True)
