"""Chinese where the user is Chinese: the locale (LANG, LC_ALL, LC_MESSAGES) or BULLETIN_LANG
chooses; click's and typer's own words are Chinese too; -h and -V on every command."""
from __future__ import annotations

import os
import re

import pytest

from .helpers import run


def _env(**values):
    env = {k: v for k, v in os.environ.items()
           if k not in ("BULLETIN_LANG", "LC_ALL", "LC_MESSAGES", "LANG", "LANGUAGE")}
    return {**env, **values}


ZH = _env(LANG="zh_CN.UTF-8")


def test_help_is_chinese_on_a_chinese_locale():
    out = run("build", "--help", env=ZH).stdout
    assert out.startswith("用法：") and "[选项]" in out and "\n选项：\n" in out
    assert "显示本帮助并退出。" in out
    assert "Usage:" not in out and "Show this message" not in out


@pytest.mark.parametrize("env", [_env(LANG="C"), _env(LANG="zh_CN.UTF-8", BULLETIN_LANG="en"),
                                 _env(LC_ALL="en_US.UTF-8", LANG="zh_CN.UTF-8"), _env()])
def test_english_elsewhere(env):
    out = run("build", "--help", env=env).stdout
    assert out.startswith("Usage:") and "Show this message and exit." in out


def test_bulletin_lang_zh_wins_over_the_locale():
    assert "用法：" in run("--help", env=_env(LANG="en_US.UTF-8", BULLETIN_LANG="zh")).stdout


def test_click_errors_are_chinese():
    p = run("build", "--bogus", "x.yaml", env=ZH)
    assert p.returncode == 2
    assert "错误：没有这个选项：--bogus" in p.stderr and "查看帮助" in p.stderr, p.stderr
    typo = run("check", "--stirct", "x.yaml", env=ZH).stderr
    assert "是不是：--strict" in typo, typo
    assert "缺少参数“简报文件...”。" in run("check", env=ZH).stderr


@pytest.mark.parametrize("command", ["", "new", "build", "watch", "check", "fonts", "schema"])
def test_h_and_v_on_every_command(command):
    args = [command] if command else []
    helped = run(*args, "-h")
    assert helped.returncode == 0 and helped.stdout.startswith("Usage:"), helped.stderr
    assert "-V, --version" in helped.stdout and "-h, --help" in helped.stdout
    version = run(*args, "-V")
    assert version.returncode == 0 and version.stdout.startswith("bulletin "), version.stderr


def test_an_error_a_warning_and_the_progress_line_are_chinese(tmp_path):
    made = run("new", "a.yaml", "--date", "2026-01-15", cwd=tmp_path, env=ZH)
    assert made.stdout.startswith("已新建 a.yaml"), made.stdout
    built = run("build", "a.yaml", cwd=tmp_path, env=ZH)
    assert built.returncode == 0, built.stderr
    assert re.fullmatch(r"已生成 a\.pdf（2 页，\d+ KB）\n", built.stdout), built.stdout
    assert "警告：a.yaml:" in built.stderr and "（这是模板文字：请换成本期内容）" in built.stderr
    assert "说明：6 处校对提示" in built.stderr
    (tmp_path / "b.yaml").write_text("masthead:\n  title: 测试\n  bogus: 1\narticles: []\n", "utf-8")
    bad = run("build", "b.yaml", cwd=tmp_path, env=ZH)
    assert bad.returncode == 2
    # the place and the field as written stay; the words are Chinese
    assert "错误：b.yaml:3:3: masthead: 没有 bogus 这个键\n  提示：可用的键：" in bad.stderr, bad.stderr
    assert "错误：b.yaml:4:11: articles: 不能为空" in bad.stderr


def test_check_counts_with_chinese_measure_words(tmp_path):
    run("new", "a.yaml", "--date", "2026-01-15", cwd=tmp_path, env=ZH)
    assert "通过 a.yaml（2 页，6 处校对提示）" in run("check", "a.yaml", cwd=tmp_path, env=ZH).stdout


def test_shell_completion_is_offered():
    p = run("--show-completion", "bash")
    assert p.returncode == 0 and "COMPREPLY" in p.stdout, p.stderr
    assert "--install-completion" in run("--help").stdout
