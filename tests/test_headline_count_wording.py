"""A headline list that does not match the articles says its counts as a person would."""
import pytest

from bulletin_cli import build
from bulletin_cli.errors import InputError

SPEC = """masthead:
  title: 工作简报
  issue: 1
  publisher: 某办公室
  date: 2026-03-01
headlines: [只有一条]
articles:
  - title: 第一篇
    body: 正文。
  - title: 第二篇
    body: 正文。
style:
  headline_pages: true
"""


def test_one_headline_is_one_headline_not_one_headlines(tmp_path):
    spec = tmp_path / "s.yaml"
    spec.write_text(SPEC, encoding="utf-8")
    with pytest.raises(InputError) as raised:
        build(spec, tmp_path / "s.pdf")
    assert "1 headline, 2 articles" in str(raised.value)
