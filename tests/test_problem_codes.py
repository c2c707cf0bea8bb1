"""`build --json` gives each problem a stable `code` (errors.CODES), the same in every language,
so that scripts never read the message text; every code the sources set is a listed one."""
from __future__ import annotations

import json
import os
import re

from bulletin_cli.errors import CODES
from bulletin_cli.report import REPORT_SCHEMA

from .helpers import ROOT, run

BAD = """\
masthead:
  title: 测试工作简报
  issue: x
  bogus: 1
  date: 2026-13-01
articles:
  - title: 标题
    body: 正文。
    body_file: a.docx
"""


def _report(tmp_path, lang: str) -> list[dict]:
    env = {k: v for k, v in os.environ.items() if k not in ("LC_ALL", "LC_MESSAGES", "LANG")}
    p = run("build", "--json", "bad.yaml", "missing.yaml", cwd=tmp_path, env={**env, "BULLETIN_LANG": lang})
    assert p.returncode == 2, p.stderr
    return json.loads(p.stdout)


def test_two_languages_give_the_same_codes_and_places(tmp_path):
    (tmp_path / "bad.yaml").write_text(BAD, "utf-8")
    en, zh = _report(tmp_path, "en"), _report(tmp_path, "zh")

    def kinds(records):
        return [[(e["code"], e["file"], e["line"], e["column"], e["field"]) for e in r["errors"]]
                for r in records]

    assert kinds(en) == kinds(zh)
    codes = [e["code"] for r in en for e in r["errors"]]
    assert {"spec.missing-key", "spec.unknown-key", "spec.wrong-value", "spec.conflicting-keys",
            "file.missing"} <= set(codes), codes
    assert [e["message"] for e in en[0]["errors"]] != [e["message"] for e in zh[0]["errors"]]


def test_every_code_the_sources_set_is_listed_in_the_readme_and_the_schema():
    pattern = re.compile(r'"((?:spec|file|font|body|image|layout|pdfua|output|build)\.[a-z-]+)"')
    used = {m for path in (ROOT / "src" / "bulletin_cli").rglob("*.py")
            for m in pattern.findall(path.read_text("utf-8")) if not m.endswith((".ttf", ".yaml"))}
    assert used <= set(CODES), used - set(CODES)
    readme = (ROOT / "README.md").read_text("utf-8")
    assert all(f"`{code}`" in readme for code in CODES), [c for c in CODES if f"`{c}`" not in readme]
    error = REPORT_SCHEMA["items"]["properties"]["errors"]["items"]
    assert "code" in error["required"] and set(error["properties"]["code"]["enum"]) == set(CODES)
