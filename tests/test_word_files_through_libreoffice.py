""".doc, .wps, .rtf and .odt body files, converted to .docx by LibreOffice (spec/soffice.py).

CI has no LibreOffice (installing it costs every run a minute and ~300 MB), so these tests put a
stand-in `soffice` on PATH: a script that takes LibreOffice's arguments and writes a .docx with
python-docx, one paragraph per line of the file it is given. Everything up to LibreOffice is
tested here: finding it, its arguments, the time limit, what it says when it fails, the cache, the
refusal without it. The real conversion is tools/try_libreoffice.py, run by hand where LibreOffice
is installed (README)."""
from __future__ import annotations

import os
import sys

import pytest

from bulletin_cli.errors import InputError
from bulletin_cli.spec import soffice
from bulletin_cli.spec.reader import load_spec
from tests.helpers import run
from tests.pdffacts import read_lines

STAND_IN = """\
#!{python}
import pathlib, sys
import docx
args = sys.argv[1:]
with open({log!r}, "a", encoding="utf-8") as log:
    log.write(" ".join(args) + "\\n")
{behaviour}
out, source = pathlib.Path(args[args.index("--outdir") + 1]), pathlib.Path(args[-1])
out.mkdir(parents=True, exist_ok=True)
document = docx.Document()
for line in source.read_text("utf-8").splitlines():
    document.add_paragraph(line)
document.save(out / (source.stem + ".docx"))
"""

SPEC = """\
masthead: {title: 测试工作简报, issue: 1, publisher: 测试办公室, date: 2026-03-01}
headlines: []
articles:
  - {title: 第一篇, body: 正文。}
  - {title: 老格式稿件, body_file: 稿件/a%s}
"""


def stand_in(tmp_path, monkeypatch=None, behaviour: str = "") -> tuple[dict, object]:
    """A PATH whose soffice is the stand-in (its calls logged), and a cache of the test's own."""
    bin_dir, log = tmp_path / "bin", tmp_path / "soffice.log"
    bin_dir.mkdir()
    script = bin_dir / "soffice"
    script.write_text(STAND_IN.format(python=sys.executable, log=str(log), behaviour=behaviour), "utf-8")
    script.chmod(0o755)
    env = dict(os.environ, PATH=f"{bin_dir}{os.pathsep}{os.environ['PATH']}",
               BULLETIN_CACHE_DIR=str(tmp_path / "cache"))
    if monkeypatch:
        for name in ("PATH", "BULLETIN_CACHE_DIR"):
            monkeypatch.setenv(name, env[name])
    return env, log


def calls(log) -> list[str]:
    return log.read_text("utf-8").splitlines() if log.exists() else []


def old_file(tmp_path, ext: str, text: str = "第一段，从旧格式转来。\n第二段。\n"):
    (tmp_path / "稿件").mkdir(exist_ok=True)
    (tmp_path / "稿件" / f"a{ext}").write_text(text, encoding="utf-8")
    spec = tmp_path / "s.yaml"
    spec.write_text(SPEC % ext, encoding="utf-8")
    return spec


@pytest.mark.skipif(sys.platform == "win32", reason="the stand-in is a #! script")
@pytest.mark.parametrize("ext", soffice.SUFFIXES)
def test_an_old_word_file_is_converted_once_and_printed(tmp_path, ext):
    env, log = stand_in(tmp_path)
    spec = old_file(tmp_path, ext)
    p = run("build", spec, env=env, cwd=tmp_path)
    assert p.returncode == 0, p.stderr
    lines = [ln.text for ln in read_lines(tmp_path / "s.pdf")]
    assert "第一段，从旧格式转来。" in "".join(lines) and "第二段。" in lines
    (call,) = calls(log)
    args = call.split(" ")
    assert args[0].startswith("-env:UserInstallation=file://")  # its own profile, never the user's
    assert {"--headless", "--norestore"} <= set(args) and " --convert-to docx --outdir " in call
    assert run("build", spec, env=env, cwd=tmp_path).returncode == 0
    assert len(calls(log)) == 1  # the second build took the conversion from the cache
    (tmp_path / "稿件" / f"a{ext}").write_text("改过的一段。\n", encoding="utf-8")
    assert run("build", spec, env=env, cwd=tmp_path).returncode == 0
    assert len(calls(log)) == 2  # an edited file is converted again


@pytest.mark.skipif(sys.platform == "win32", reason="the stand-in is a #! script")
def test_new_takes_articles_from_old_word_files_too(tmp_path):
    env, _ = stand_in(tmp_path)
    old_file(tmp_path, ".wps", "网格员培训会召开\n来源：区创城办\n正文一段。\n正文二段。\n")
    p = run("new", "12.yaml", "--articles", "稿件", cwd=tmp_path, env=env)
    assert p.returncode == 0, p.stderr
    assert p.stdout.startswith("稿件/a.wps: title 《网格员培训会召开》 (from its first paragraph), "
                               "2 paragraphs, byline 来源：区创城办"), p.stdout


def test_without_libreoffice_the_key_says_so_and_how_to_go_on(tmp_path, monkeypatch):
    empty = tmp_path / "nothing"
    empty.mkdir()
    monkeypatch.setenv("PATH", str(empty))
    monkeypatch.setenv("BULLETIN_CACHE_DIR", str(tmp_path / "cache"))
    monkeypatch.setattr(soffice, "USUAL_PLACES", ())
    spec = old_file(tmp_path, ".doc")
    with pytest.raises(InputError) as e:
        load_spec(spec)
    assert e.value.exit_code == 2
    (problem,) = e.value.problems
    assert (problem.file, problem.line, problem.path) == (str(spec), 5, "articles[2].body_file")
    assert "LibreOffice" in problem.message and "另存为 .docx" in (problem.hint or "")


@pytest.mark.skipif(sys.platform == "win32", reason="the stand-in is a #! script")
@pytest.mark.parametrize("behaviour, said", [
    ("print('Error: source file could not be loaded'); sys.exit(0)", "source file could not be loaded"),
    ("import time; time.sleep(60)", "took more than 1 seconds"),
])
def test_a_conversion_that_fails_or_hangs_is_a_located_problem(tmp_path, monkeypatch, behaviour, said):
    stand_in(tmp_path, monkeypatch, behaviour)
    monkeypatch.setattr(soffice, "TIME_LIMIT", 1)
    spec = old_file(tmp_path, ".rtf")
    with pytest.raises(InputError) as e:
        load_spec(spec)
    (problem,) = e.value.problems
    assert problem.path == "articles[2].body_file" and said in problem.message, problem.format()
    assert "另存为 .docx" in (problem.hint or "")
