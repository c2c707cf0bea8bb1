"""`bulletin new` writes its template commented in Chinese for a Chinese user: the same keys and
values as the English one, so the same bulletin, byte for byte."""
from __future__ import annotations

import os
import re

from .helpers import run


def _env(lang: str) -> dict:
    env = {k: v for k, v in os.environ.items() if k not in ("LC_ALL", "LC_MESSAGES", "LANG")}
    return {**env, "BULLETIN_LANG": lang}


def _comments(text: str) -> list[str]:
    return [line.split("#", 1)[1] for line in text.splitlines() if "#" in line]


def test_the_chinese_template_is_commented_in_chinese_and_builds_the_same_pdf(tmp_path):
    pdfs = {}
    for lang in ("en", "zh"):
        folder = tmp_path / lang
        folder.mkdir()
        made = run("new", "issue.yaml", "--date", "2026-01-15", cwd=folder, env=_env(lang))
        assert made.returncode == 0, made.stderr
        text = (folder / "issue.yaml").read_text("utf-8")
        # every comment says something in Chinese, but a key commented out (# headlines:)
        english = [c for c in _comments(text)
                   if not re.search("[\u4e00-\u9fff]", c) and not re.fullmatch(r"\s*[\w-]+:\s*", c)]
        if lang == "zh":
            assert "必填" in text and "可选" in text and "版记" in text and "required" not in text
            assert not english, english
        else:
            assert "required" in text
        built = run("build", "issue.yaml", cwd=folder, env=_env(lang))
        assert built.returncode == 0, built.stderr
        pdfs[lang] = (folder / "issue.pdf").read_bytes()
    assert pdfs["en"] == pdfs["zh"]
