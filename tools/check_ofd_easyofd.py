"""A second, independent read-back of the OFD writer: easyofd redraws the example's OFD as a PDF,
and every glyph it draws must sit within 0.1 mm of the glyph in bulletin's own PDF.

    pip install -e '.[test]' easyofd && python tools/check_ofd_easyofd.py

Not in the test suite: easyofd pulls PyMuPDF, onnxruntime and numpy (about 270 MB), more than
the whole rest of the test extra. The suite's own read-back is ofdkit (tests/test_ofd.py: text,
pages, DocInfo, and where each run starts and ends). Run this after a change to writers/ofd.py.
Exit status 0: every page's text and places agree; 1: the first page that differs is named.

easyofd draws every character with a system face named 宋体 (it does not use the embedded fonts)
and scans the system font folders first: the check gives it the bundled fallback face under that
name instead, and an empty system list, so it depends neither on this machine's fonts nor on the
time a scan takes. It writes scratch files into the working folder, so it runs in a temporary one.
"""
from __future__ import annotations

import os
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
EXAMPLE = ROOT / "examples" / "liaocheng-11.yaml"
PT = 25.4 / 72  # mm per PDF unit


def glyphs(path: Path, scale: float) -> list[list[tuple[str, float, float]]]:
    """Per page: (char, x, baseline y) in mm from the top left (`scale`: PDF units per mm)."""
    import pdfplumber

    with pdfplumber.open(path) as pdf:
        return [[(c["text"], c["matrix"][4] / scale, (float(page.height) - c["matrix"][5]) / scale)
                 for c in page.chars] for page in pdf.pages]


def easyofd_pdf(ofd: Path, out: Path) -> None:
    from easyofd.draw import font_tools
    from easyofd.ofd import OFD
    from reportlab.pdfbase import pdfmetrics
    from reportlab.pdfbase.ttfonts import TTFont

    font_tools.FontTool.get_installed_fonts = lambda self: []
    pdfmetrics.registerFont(TTFont("宋体", str(ROOT / "fonts" / "fallback.ttf")))
    reader = OFD()
    reader.read(str(ofd), fmt="path")
    out.write_bytes(reader.to_pdf())


def main() -> int:
    os.environ["BULLETIN_NO_SYSTEM_FONTS"] = "1"
    from bulletin_cli import build

    with tempfile.TemporaryDirectory() as tmp:
        tmp = Path(tmp)
        build(EXAMPLE, tmp / "seed.ofd")
        build(EXAMPLE, tmp / "seed.pdf")
        os.chdir(tmp)
        easyofd_pdf(tmp / "seed.ofd", tmp / "easy.pdf")
        easy = glyphs(tmp / "easy.pdf", scale=200 / 25.4)  # easyofd draws on a page scaled to 200 dpi
        ours = glyphs(tmp / "seed.pdf", scale=1 / PT)
    if len(easy) != len(ours):
        print(f"easyofd drew {len(easy)} pages, the PDF has {len(ours)}")
        return 1
    for k, (a, b) in enumerate(zip(easy, ours), 1):
        if "".join(c for c, _, _ in a) != "".join(c for c, _, _ in b):
            print(f"page {k}: easyofd's text differs from the PDF's")
            return 1
        worst = max(max(abs(p[1] - q[1]), abs(p[2] - q[2])) for p, q in zip(a, b))
        if worst >= 0.1:
            print(f"page {k}: a glyph is {worst:.3f} mm off")
            return 1
    print(f"easyofd redraws all {len(ours)} pages: every glyph within 0.1 mm of the PDF's")
    return 0


if __name__ == "__main__":
    sys.exit(main())
