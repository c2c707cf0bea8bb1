import os
from pathlib import Path

import pytest
from hypothesis import settings

# CI replays the same examples every run (a landing must not depend on luck); developers'
# runs draw new ones, and HYPO_N / UNSEEN_N raise the counts for a long search.
settings.register_profile("ci", derandomize=True)
if os.environ.get("CI"):
    settings.load_profile("ci")

ROOT = Path(__file__).resolve().parents[1]


@pytest.fixture(autouse=True)
def no_system_fonts(monkeypatch):
    """Fonts installed on the machine never take part in a test, in this process or in the
    `bulletin` processes tests start (an installed 方正小标宋简体 once changed what was drawn)."""
    monkeypatch.setenv("BULLETIN_NO_SYSTEM_FONTS", "1")
    monkeypatch.delenv("BULLETIN_FONT_PATH", raising=False)
EXAMPLE = ROOT / "examples" / "liaocheng-11.yaml"


@pytest.fixture(scope="session")
def seed_pdf(tmp_path_factory):
    """The seed issue built once for all PDF tests."""
    from bulletin_cli import build

    out = tmp_path_factory.mktemp("seed") / "seed.pdf"
    result = build(EXAMPLE, out)
    return out, result


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
