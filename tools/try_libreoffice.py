"""The real conversion of .doc, .odt and .rtf body files through LibreOffice, run by hand where it
is installed (the tests use a stand-in soffice: tests/test_word_files_through_libreoffice.py).

    python tools/try_libreoffice.py [FOLDER]     # default: a temporary folder, removed after

Writes a Word article with python-docx (a title paragraph, a source line, a bold phrase, two
paragraphs), has the real soffice save it as .doc, .odt and .rtf, then runs `bulletin new
--articles` on those three and `bulletin build`, and checks the PDF's text: each title once, each
source line once (as the byline), the body text. Prints the seconds of `new` (LibreOffice
converting), of a build from the cache and of one converting again. Exit 1 if anything is wrong.
"""
from __future__ import annotations

import os
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import docx
import pdfplumber

from bulletin_cli.spec.soffice import find_soffice

KINDS = {".doc": "doc", ".odt": "odt", ".rtf": "rtf"}


def word_article(path: Path, n: int) -> tuple[str, str, str]:
    title, source, text = f"第{n}网格开展创城督导", f"来源：第{n}网格", f"1月{n}日，督导组到第{n}网格检查。"
    document = docx.Document()
    document.add_paragraph(title)
    document.add_paragraph(source)
    body = document.add_paragraph(text)
    body.add_run("列出清单、明确时限。").bold = True
    document.add_paragraph("第二段：群众满意度明显提高。")
    document.save(path)
    return title, source, text


def bulletin(*args: str, cwd: Path) -> float:
    started = time.perf_counter()
    p = subprocess.run([sys.executable, "-m", "bulletin_cli", *args], cwd=cwd, capture_output=True, text=True)
    print(p.stdout + p.stderr, end="")
    if p.returncode:
        sys.exit(f"bulletin {' '.join(args)}: exit {p.returncode}")
    return time.perf_counter() - started


def main(folder: Path) -> int:
    soffice = find_soffice()
    if soffice is None:
        sys.exit("no LibreOffice (soffice) found: install it to run this")
    print(f"LibreOffice: {soffice}")
    articles = folder / "稿件"
    articles.mkdir(parents=True, exist_ok=True)
    expected = []
    for n, (ext, kind) in enumerate(KINDS.items(), 1):
        made = folder / f"0{n}-稿件.docx"
        expected.append(word_article(made, n))
        subprocess.run([soffice, f"-env:UserInstallation={(folder / 'profile').as_uri()}", "--headless",
                        "--convert-to", kind, "--outdir", str(articles), str(made)], check=True,
                       capture_output=True, timeout=120)
        print(f"made {articles / made.with_suffix(ext).name}")
    os.environ["BULLETIN_CACHE_DIR"] = str(folder / "cache")
    converting = bulletin("new", "issue.yaml", "--articles", "稿件", "--force", cwd=folder)
    cached = bulletin("build", "issue.yaml", cwd=folder)
    os.environ["BULLETIN_NO_CACHE"] = "1"
    uncached = bulletin("build", "issue.yaml", cwd=folder)
    with pdfplumber.open(folder / "issue.pdf") as pdf:
        text = "\n".join(page.extract_text() or "" for page in pdf.pages)
    wrong = [f"{what} printed {text.count(what)} times, expected {times}"
             for title, source, body in expected
             for what, times in ((title, 2), (source, 1), (body, 1))  # a title: headline + article
             if text.count(what) != times]
    print("\n".join(wrong) or "every title, byline and text printed as expected")
    print(f"new (converting {len(KINDS)} files): {converting:.1f} s; build with the conversions cached: "
          f"{cached:.1f} s; build converting again (BULLETIN_NO_CACHE=1): {uncached:.1f} s")
    return 1 if wrong else 0


if __name__ == "__main__":
    if len(sys.argv) > 1:
        sys.exit(main(Path(sys.argv[1])))
    with tempfile.TemporaryDirectory() as tmp:
        sys.exit(main(Path(tmp)))
