"""Names and helpers that several test modules share. Test modules import from here (or from the
other helper modules: pdffacts, procs, typesetting, wordbreaks, fonts/), never from each other
or from conftest (tests/test_hermetic.py holds them to that)."""
from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
EXAMPLE = ROOT / "examples" / "liaocheng-11.yaml"
CORPUS = sorted((ROOT / "tests" / "corpus").glob("*.txt"))

WAIT = 120  # seconds: a bound on a hung process, not a measurement
# The smallest masthead, for a spec whose articles a test writes after it
MASTHEAD = """masthead:
  title: 工作简报
  issue: 1
  publisher: 办公室
  date: 2026-03-20
articles:
"""


def run(*args, cwd=None, stdin: str | None = None, env=None):
    """`bulletin ARGS` as a real process, run in `cwd` with `stdin` piped in (and `env` as its
    environment, when given: English unless it names a language, BULLETIN_LANG or a locale
    variable); whatever it returns, it never shows a traceback. The machine's own font folders
    stay out of it, as conftest keeps them out of the tests' own process: an official face
    installed here (used by default) would change what is drawn; a test finds official faces
    only in folders it makes (BULLETIN_FONT_PATH, --font-dir)."""
    if env is None:
        env = {**os.environ, "BULLETIN_LANG": os.environ.get("BULLETIN_LANG", "en")}
    elif not {"BULLETIN_LANG", "LC_ALL", "LC_MESSAGES", "LANG"} & set(env):
        env = {**env, "BULLETIN_LANG": "en"}
    env = {"BULLETIN_NO_SYSTEM_FONTS": "1", **env}
    p = subprocess.run([sys.executable, "-m", "bulletin_cli", *map(str, args)],
                       capture_output=True, text=True, cwd=cwd, input=stdin, env=env, timeout=WAIT)
    assert "Traceback" not in p.stderr, p.stderr
    return p


def corpus_spec(txt: Path, out_dir: Path) -> Path:
    """A spec in `out_dir` with one article: the corpus text `txt`, a paragraph per blank line."""
    paras = [p.strip() for p in txt.read_text("utf-8").split("\n\n")]
    paras = [p.replace("\n", "") for p in paras if p and not p.startswith("# ")]
    body = "\n\n".join("      " + p for p in paras)
    spec = out_dir / (txt.stem + ".yaml")
    spec.write_text(
        "masthead:\n  title: 语料排版测试工作简报\n  issue: 1\n  publisher: 测试办公室\n"
        "  date: 2026-01-01\narticles:\n"
        f"  - title: {paras[0][:40]}\n    body: |\n{body}\n"
        "distribution:\n  report_to: 各有关单位\n  copies: 1\n",
        encoding="utf-8",
    )
    return spec


# A series file and an issue that extends it from ../series/series.yaml (tests of `extends:`,
# `new --from` and `watch`).
SERIES = """\
masthead:
  title: 某区创建全国文明城市工作简报
  publisher: 某区创城办
  marking: 内部资料
headlines: [系列要目一, 系列要目二]
distribution:
  report_to: 区委常委
  copy_to: 区人大
  copies: 80
style:
  page_numbers: center
  fonts:
    body: fonts/mybody.ttf
"""

ISSUE = """\
extends: ../series/series.yaml
masthead:
  issue: 2
  total_issue: 13
  date: 2026-01-22
headlines: [本期要目]
distribution:
  copies: 90
articles:
  - title: 第一篇
    body: |
      正文第一段。
"""


def forget_process_faces(monkeypatch) -> None:
    """As a new process starts: only the cache on disk remembers a face. reportlab's registry
    is forgotten too, or a face registered here would be handed to a later test (pdfmetrics
    keeps the first font registered under a name) that loads the same face anew."""
    from reportlab.pdfbase import pdfmetrics

    from bulletin_cli.fonts import metrics
    from bulletin_cli.writers import pdf

    monkeypatch.setattr(metrics, "_PARSED", {})
    monkeypatch.setattr(pdf, "_LOADED", {})
    monkeypatch.setattr(pdf, "_BY_NAME", {})
    monkeypatch.setattr(pdfmetrics, "_fonts", dict(pdfmetrics._fonts))
    monkeypatch.setattr(pdfmetrics, "_dynFaceNames", dict(pdfmetrics._dynFaceNames))


# The template's sample texts rewritten as an issue's own: a spec built from the template with
# --strict must not be refused for template text left in (proofread/leftover.py).
OWN_TEXT = [("区领导到第一网格督导创城工作", "区领导到第三网格调研"),
            ("第二网格开展环境卫生集中整治行动", "第二网格整治环境"),
            ("1月12日，", "2月3日，"), ("1月13日，", "2月4日，"), ("督导组强调", "调研组强调"),
            ("本期刊登各网格", "本期刊登各街道")]


def written_over(template: str) -> str:
    for old, new in OWN_TEXT:
        template = template.replace(old, new)
    return template


# The top of a test spec whose articles follow: a masthead, no headline list.
ARTICLES_HEAD = """\
masthead: {title: 测试工作简报, issue: 1, publisher: 测试办公室, date: 2026-03-01}
headlines: []
articles:
"""
HEADING_FACE, BODY_FACE = "NotoSansCJKsc-Bold", "FandolFang-Regular"  # the bundled 黑体 and 仿宋 in a PDF


def word_body(folder: Path, paragraphs: list[tuple[str, str | None]]) -> Path:
    """A spec (folder/s.yaml) whose one article, titled 标题, is a Word file of `paragraphs`:
    (text, Word style or None)."""
    import docx

    doc = docx.Document()
    for text, style in paragraphs:
        doc.add_paragraph(text, style=style)
    doc.save(folder / "a.docx")
    spec = folder / "s.yaml"
    spec.write_text("masthead: {title: 测试工作简报, issue: 1, publisher: 办公室, date: 2026-03-20}\n"
                    "articles:\n  - {title: 标题, body_file: a.docx}\n", encoding="utf-8")
    return spec
