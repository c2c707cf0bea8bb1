"""PyYAML's parse errors said in Chinese on a Chinese machine, at the line where the mistake
is, with a hint for the common ones; English keeps PyYAML's own words."""
from __future__ import annotations

import os
import re

import yaml

from bulletin_cli.i18n import template_of
from bulletin_cli.spec import yamlerrors

from .helpers import MASTHEAD, run

ARTICLE = "  - title: 标题\n    body: 正文\n"
# name: (the spec's text, the line:col of the mistake, what the Chinese message says, its hint)
CASES = {
    "colon": (MASTHEAD + "  - title: 时间: 3月\n    body: 正文\n", "7:14", "这里不应有“: ”",
              "请用引号把整个值括起来"),
    "no_space": (MASTHEAD.replace("issue: 1", "issue:1") + ARTICLE, "3:3", "这一行缺少键后的冒号“:”",
                 "键名后要有冒号和空格"),
    "tab": (MASTHEAD.replace("  publisher", "\tpublisher") + ARTICLE, "4:1", "制表符（Tab）",
            "请用空格缩进"),
    "star": (MASTHEAD + ARTICLE + "    note: *注 本表数据截至月底\n", "9:12",
             "“*”或“&”后应为字母或数字，这里却是“注”",
             "请用引号把整个值括起来"),
    "alias": (MASTHEAD + ARTICLE.replace("正文", "*note"), "8:11", "找不到别名“note”",
              "请用引号把整个值括起来"),
    "quote": (MASTHEAD + '  - title: "标题\n    body: 正文\n', "7:12", "到文件末尾也没有遇到结束的引号",
              "补上结束的引号"),
    "escape": (MASTHEAD + ARTICLE + '    image: "D:\\照片\\1.jpg"\n', "9:16", "双引号里“\\”后面不能跟“照”",
               "请改用单引号"),
    "indent": (MASTHEAD + ARTICLE.replace("    body", "   body"), "8:4",
               "缩进或格式不对：这里不应出现新的一层“键: 值”",
               "缩进是否对齐"),
    "block": (MASTHEAD + "  - title: 标题\n    body: | 正文\n", "8:13",
              "这里只能接注释（#）或换行，却是“正”",
              "“|”或“>”后请换行"),
    "bracket": (MASTHEAD + "  - title: [转载\n    body: 正文\n", "8:9",
                "括号没有配对：这里应为“,”或“]”，却是“:”",
                "请用引号把整个值括起来"),
}


def _zh_env():
    env = {k: v for k, v in os.environ.items() if k not in ("BULLETIN_LANG", "LC_ALL", "LC_MESSAGES")}
    return {**env, "LANG": "zh_CN.UTF-8"}


def _write(tmp_path):
    for name, (text, *_) in CASES.items():
        (tmp_path / f"{name}.yaml").write_text(text, encoding="utf-8")
    return [f"{name}.yaml" for name in CASES]


def test_common_yaml_mistakes_are_said_in_chinese_where_they_are(tmp_path):
    p = run("check", *_write(tmp_path), cwd=tmp_path, env=_zh_env())
    assert p.returncode == 2
    lines = p.stderr.splitlines()
    for name, (_text, at, message, hint) in CASES.items():
        [i] = [i for i, line in enumerate(lines) if line.startswith(f"错误：{name}.yaml:")]
        assert lines[i].startswith(f"错误：{name}.yaml:{at}: YAML 格式有误："), lines[i]
        assert message in lines[i], lines[i]
        assert lines[i + 1].startswith("  提示：") and hint in lines[i + 1], lines[i + 1]
    assert not re.search(r"expected|found|allowed|token|stream", p.stderr), p.stderr


def test_english_keeps_pyyaml_words_and_gets_the_hints(tmp_path):
    p = run("check", *_write(tmp_path), cwd=tmp_path)
    out = p.stderr
    assert "colon.yaml:7:14: could not parse YAML: mapping values are not allowed here\n" in out
    assert "no_space.yaml:3:3: could not parse YAML: could not find expected ':'\n" in out
    assert "quote.yaml:7:12: could not parse YAML: found unexpected end of stream\n" in out
    assert "  hint: indent with spaces: YAML does not allow tabs there" in out
    assert out.count("  hint: ") == len(CASES)


def test_every_template_matches_what_pyyaml_says():
    texts = [c[0] for c in CASES.values()] + [
        "a: 1\n---\nb: 2\n", "a: &x 1\nb: &x 2\n", "a: @x\n", "a:\n  b: >x\n", "a: 1\n- b\n", "a: [\n",
        "a: - b\n", "a: 1\n%x\n"]
    matched = set()
    for text in texts:
        try:
            yaml.compose(text)
        except yaml.MarkedYAMLError as e:
            problem = e.problem if not e.problem.startswith("but ") else f"{e.context}, {e.problem}"
            template = template_of(problem, tuple(yamlerrors.PROBLEMS))
            assert template is not None, problem
            matched.add(template[0])
    assert len(matched) >= 15, set(yamlerrors.PROBLEMS) - matched


def test_a_wrong_value_is_quoted_in_chinese_quotes(tmp_path):
    spec = MASTHEAD.replace("issue: 1", "issue: 第一期") + ARTICLE
    (tmp_path / "a.yaml").write_text(spec, encoding="utf-8")
    zh = run("check", "a.yaml", cwd=tmp_path, env=_zh_env()).stderr
    assert "错误：a.yaml:3:10: masthead.issue: 应为整数，却是“第一期”" in zh
    assert "got '第一期'" in run("check", "a.yaml", cwd=tmp_path).stderr
