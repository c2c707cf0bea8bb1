"""`bulletin watch` on a Chinese machine: its line per build is Chinese."""
from __future__ import annotations

import os

from .helpers import ISSUE, SERIES
from .procs import WAIT, watching


def test_watch_says_its_lines_in_chinese(tmp_path):
    (tmp_path / "series").mkdir()
    (tmp_path / "series" / "series.yaml").write_text(SERIES.replace("    body: fonts/mybody.ttf\n", "")
                                                     .replace("  fonts:\n", ""), encoding="utf-8")
    (tmp_path / "2026").mkdir()
    spec = tmp_path / "2026" / "w02.yaml"
    spec.write_text(ISSUE, encoding="utf-8")
    env = {k: v for k, v in os.environ.items() if k not in ("BULLETIN_LANG", "LC_ALL", "LC_MESSAGES")}
    with watching(spec, cwd=tmp_path, env={**env, "LANG": "zh_CN.UTF-8"}) as out:
        first = out.get(timeout=WAIT)
        assert " 已生成 " in first and " 页，" in first and " 秒）" in first, first
        spec.write_text(ISSUE.replace("date: 2026-01-22", "date: 2026-02-30"), encoding="utf-8")
        line = out.get(timeout=WAIT)
        while " 已生成 " in line:  # a save caught half written may build before the bad one shows
            line = out.get(timeout=WAIT)
        assert " 有误：" in line and "（保留上一次生成的 PDF）" in line, line
