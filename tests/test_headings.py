"""Numbered headings inside articles are set in the GB/T 9704 faces."""
import pdfplumber

from bulletin_cli import build

SPEC = """\
masthead: {title: 测试工作简报, issue: 1, publisher: 测试办公室, date: 2026-01-01}
articles:
  - title: 标题
    body: |
      一、总体要求。坚持问题导向，扎实推进各项工作。

      （一）明确任务。各单位要对照清单逐项落实。

      1.加强组织领导。成立工作专班。

      这是普通的正文段落，用仿宋字体排版。
"""


def fonts_of(pdf_path, text):
    with pdfplumber.open(pdf_path) as pdf:
        chars = [c for p in pdf.pages for c in p.chars]
    s = "".join(c["text"] for c in chars)
    i = s.index(text)
    return {c["fontname"].split("+", 1)[1] for c in chars[i:i + len(text)]}


def test_heading_faces(tmp_path):
    spec = tmp_path / "h.yaml"
    spec.write_text(SPEC, encoding="utf-8")
    build(spec, tmp_path / "h.pdf")
    pdf = tmp_path / "h.pdf"
    assert fonts_of(pdf, "一、总体要求。") == {"NotoSansCJKsc-Bold"}  # 黑体
    assert fonts_of(pdf, "坚持问题导向") == {"FandolFang-Regular"}
    assert fonts_of(pdf, "（一）明确任务。") == {"WenKaiBulletin-Regular"}  # 楷体, its own 。
    assert fonts_of(pdf, "1.加强组织领导。") == {"FandolFang-Regular"}  # others: body face
    assert fonts_of(pdf, "这是普通的正文段落") == {"FandolFang-Regular"}
