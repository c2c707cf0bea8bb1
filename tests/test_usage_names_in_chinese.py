"""The placeholders of the usage line and the options (SPEC, FILE, DIR) are the user's words, as
the messages name them (请用 -o 文件, --out-dir 文件夹), and what the user wrote is quoted “thus”
in click's messages; English stays as click writes it."""
from __future__ import annotations

import os
import re

import pytest

from bulletin_cli.helpwrap import cells

from .helpers import run


def _zh():
    env = {k: v for k, v in os.environ.items() if k not in ("BULLETIN_LANG", "LC_ALL", "LC_MESSAGES")}
    return {**env, "LANG": "zh_CN.UTF-8", "COLUMNS": "80"}


@pytest.mark.parametrize("command, usage", [("new", "简报文件"), ("build", "简报文件..."),
                                            ("watch", "简报文件"), ("check", "简报文件..."),
                                            ("fonts", "[简报文件]")])
def test_usage_lines_name_arguments_in_chinese(command, usage):
    out = run(command, "--help", env=_zh()).stdout
    first = out.splitlines()[0]
    assert first.startswith("用法：") and first.endswith(f" {command} [选项] {usage}"), first
    assert "SPEC" not in out and "PATH" not in out


def test_option_placeholders_are_chinese_and_the_help_names_them_alike():
    out = run("build", "--help", env=_zh()).stdout
    assert "-o, --output 文件 " in out and "--out-dir 文件夹 " in out and "--format 格式 " in out
    assert "--root 文件夹 " in out and "-j, --jobs N " in out
    assert not any(w in out for w in ("FILE", "DIR", "FORMATS"))
    # the help column starts at one place on the screen whatever the placeholder's script
    rows = [re.match(r"(  -\S.*?  +)\S", line) for line in out.splitlines()]
    assert {cells(m.group(1)) for m in rows if m} == {34}
    new = run("new", "--help", env=_zh()).stdout
    assert "--from 上一期 " in new and "--articles 文件夹|文件 " in new and "PREVIOUS" not in new


def test_click_quotes_what_was_written_in_chinese_quotes():
    assert "错误：缺少参数“简报文件...”。" in run("check", env=_zh()).stderr
    assert "“abc”不是整数。" in run("build", "-j", "abc", "x.yaml", env=_zh()).stderr
    english = run("build", "-j", "abc", "x.yaml").stderr
    assert "Error: Invalid value for '--jobs' / '-j': 'abc' is not a valid int" in english
