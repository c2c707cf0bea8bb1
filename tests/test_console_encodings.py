"""Output to a console that cannot encode a character never fails (issue 23): a GBK console
(PYTHONIOENCODING=gbk, as a Chinese Windows console's code page 936) and 𪚥, which GBK lacks,
in the spec's text and in its file name. `--json` stays valid JSON (ASCII unless the output is
UTF-8); plain lines show what the console cannot hold escaped."""
from __future__ import annotations

import json
import os
import subprocess
import sys

from .helpers import WAIT

SPEC = """\
masthead:
  title: 聊城市创建全国文明城市工作简报
  issue: 11
  publisher: 聊城市创城办
  date: 2021-03-15
articles:
  - title: 测试
    body: 王𪚥同志参加会议。
"""
NAME = "工作 简报𪚥.yaml"  # a Chinese name with a space, and a character outside GBK


def gbk_run(*args, cwd):
    """`bulletin ARGS` writing to a GBK console: its output as bytes, decoded as the console would."""
    env = {**os.environ, "PYTHONIOENCODING": "gbk", "BULLETIN_NO_SYSTEM_FONTS": "1"}
    p = subprocess.run([sys.executable, "-m", "bulletin_cli", *args], cwd=cwd, env=env,
                       capture_output=True, timeout=WAIT)
    out, err = p.stdout.decode("gbk"), p.stderr.decode("gbk")
    assert "Traceback" not in err, err
    return p.returncode, out, err


def test_json_on_a_gbk_console_is_valid_json(tmp_path):
    (tmp_path / NAME).write_text(SPEC, encoding="utf-8")
    status, out, err = gbk_run("build", NAME, "--json", cwd=tmp_path)
    assert status == 0, err
    [record] = json.loads(out)
    assert record["input"] == NAME and record["missing"][0]["char"] == "𪚥"
    assert (tmp_path / NAME).with_suffix(".pdf").is_file()


def test_json_is_ascii_unless_the_output_is_utf8(tmp_path):
    """On GBK even the Chinese GBK has is escaped: `--json > report.json` on Chinese Windows
    gives bytes any JSON reader reads alike. On UTF-8 the Chinese stays as it is."""
    (tmp_path / "s.yaml").write_text(SPEC.replace("𪚥", "堃"), encoding="utf-8")  # 堃 is in GBK
    said = "s.yaml:8:11: 堃 not in the 仿宋 face (body); drawn in the 楷体 face (kai)"
    status, out, _err = gbk_run("build", "s.yaml", "--json", cwd=tmp_path)
    assert status == 0 and out.isascii()
    assert said in json.loads(out)[0]["notes"]
    env = {**os.environ, "PYTHONIOENCODING": "utf-8", "BULLETIN_NO_SYSTEM_FONTS": "1"}
    p = subprocess.run([sys.executable, "-m", "bulletin_cli", "build", "s.yaml", "--json"], cwd=tmp_path,
                       env=env, capture_output=True, timeout=WAIT)
    assert said in p.stdout.decode("utf-8")  # as it is, not escaped


def test_plain_lines_escape_what_the_console_cannot_show(tmp_path):
    (tmp_path / NAME).write_text(SPEC, encoding="utf-8")
    for command in ("build", "check"):
        status, out, err = gbk_run(command, NAME, cwd=tmp_path)
        assert status == 0, err
        assert "工作 简报\\U0002a6a5" in out + err  # the name, its last character escaped
        assert "\\U0002a6a5 U+2A6A5" in err  # the warning on the character printed as a box
