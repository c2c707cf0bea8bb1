"""`bulletin fonts` on a Chinese machine names each role by the glossary's 用途 (and its key, as
style.fonts writes it) and each source in Chinese; English and the JSON keep the names."""
from __future__ import annotations

import json
import os

from .helpers import run


def _zh():
    env = {k: v for k, v in os.environ.items() if k not in ("BULLETIN_LANG", "LC_ALL", "LC_MESSAGES")}
    return {**env, "LANG": "zh_CN.UTF-8"}


def test_roles_and_sources_are_said_in_chinese():
    out = run("fonts", "--bundled-fonts", env=_zh()).stdout
    for shown in ("标题（title）", "正文（body）", "小标题（heading）", "楷体（kai）", "数字（number）",
                  "备用（fallback）"):
        assert shown in out, out
    assert "随附" in out and "bundled" not in out


def test_english_and_the_json_keep_the_names():
    out = run("fonts", "--bundled-fonts").stdout
    assert "│ title " in out and "bundled" in out and "标题" not in out
    rows = json.loads(run("fonts", "--bundled-fonts", "--json", env=_zh()).stdout)["fonts"]
    assert {r["role"] for r in rows} >= {"title", "body"} and {r["source"] for r in rows} == {"bundled"}
