"""The root rule (issue 22): a spec from an untrusted source reads no file outside its root.

Every file a build reads because the spec names it (series files, body files, pictures, a
`![](…)` inside a .md, fonts given by path) lies under --root, BULLETIN_ROOT, the current folder
(when the spec lies under it) or the spec's own folder; a refused file is never quoted.
"""
from __future__ import annotations

import json
import os
import shutil

import pytest
from PIL import Image

from bulletin_cli import build
from bulletin_cli.errors import InputError
from bulletin_cli.fonts.resolve import fonts_dir
from bulletin_cli.spec.reader import load_spec, parse_spec

from .helpers import run

HEAD = "masthead: {title: 测试工作简报, issue: 1, publisher: 测试办公室, date: 2026-03-01}\n"
ARTICLE = "articles:\n  - title: 一\n    body: 正文。\n"
SECRET = "password: hunter2-secret-text\n"


@pytest.fixture
def site(tmp_path, monkeypatch):
    """inside/ holds the spec and is the current folder; outside/ holds what it must not read."""
    (tmp_path / "inside").mkdir()
    (tmp_path / "outside").mkdir()
    (tmp_path / "outside" / "secret.yaml").write_text(SECRET, encoding="utf-8")
    (tmp_path / "outside" / "secret.md").write_text("hunter2-secret-text\n", encoding="utf-8")
    Image.new("RGB", (40, 30), (9, 9, 9)).save(tmp_path / "outside" / "secret.png")
    monkeypatch.chdir(tmp_path / "inside")
    return tmp_path


def problems(spec) -> list:
    with pytest.raises(InputError) as e:
        load_spec(spec)
    return e.value.problems


def only(spec, path: str):
    [p] = problems(spec)
    assert p.path == path, p.format()
    assert "hunter2" not in p.format()
    return p


@pytest.mark.parametrize("value", ["../outside/secret.yaml", "{outside}/secret.yaml"])
def test_extends_outside_the_root_is_refused_at_its_key(site, value):
    spec = site / "inside" / "s.yaml"
    spec.write_text(f"extends: {value.format(outside=site / 'outside')}\n" + HEAD + ARTICLE, encoding="utf-8")
    p = only(spec, "extends")
    assert (p.line, p.col) == (1, 10)
    widen = "the folder a spec may read from (--root DIR widens it)"
    assert f"is outside {site / 'inside'}, {widen}" in p.message


def test_extends_etc_passwd_quotes_nothing(site):
    spec = site / "inside" / "s.yaml"
    spec.write_text("extends: /etc/passwd\n" + HEAD + ARTICLE, encoding="utf-8")
    p = run("build", spec, "--json", cwd=site / "inside")
    assert p.returncode == 2
    assert "root:x" not in p.stderr + p.stdout and "/bin/" not in p.stderr + p.stdout
    [record] = json.loads(p.stdout)
    assert "--root" in record["errors"][0]["message"]


def test_proc_files_are_never_read_even_under_the_root(site):
    spec = site / "inside" / "s.yaml"
    spec.write_text("extends: /proc/self/status\n" + HEAD + ARTICLE, encoding="utf-8")
    p = run("build", spec, "--root", "/", cwd=site / "inside")
    assert p.returncode == 2
    [line] = [ln for ln in p.stderr.splitlines() if ln.startswith("error:")]  # not a line per key
    assert "extends: /proc/self/status: is not a regular file (it is in /proc)" in line


def test_a_body_file_outside_the_root_is_refused(site):
    spec = site / "inside" / "s.yaml"
    secret = site / "outside" / "secret.md"
    for where in ("../outside/secret.md", secret, "../../../../../" + str(secret)):
        spec.write_text(HEAD + f"articles:\n  - title: 一\n    body_file: {where}\n", encoding="utf-8")
        p = only(spec, "articles[1].body_file")
        assert "is outside" in p.message and "--root" in p.message


def test_pictures_outside_the_root_are_refused_in_the_spec_and_in_a_md(site):
    inside = site / "inside"
    spec = inside / "s.yaml"
    spec.write_text(HEAD + "articles:\n  - title: 一\n    body:\n      - {image: ../outside/secret.png}\n",
                    encoding="utf-8")
    assert "is outside" in only(spec, "articles[1].body[1].image").message
    (inside / "a.md").write_text("正文。\n\n![图](../outside/secret.png)\n", encoding="utf-8")
    spec.write_text(HEAD + "articles:\n  - title: 一\n    body_file: a.md\n", encoding="utf-8")
    p = only(spec, "articles[1].body_file")
    assert (p.file, p.line, p.col) == (str(inside / "a.md"), 3, 6)
    assert "../outside/secret.png: is outside" in p.message


def test_a_symlink_that_leads_out_is_refused(site):
    inside = site / "inside"
    (inside / "notes.md").symlink_to(site / "outside" / "secret.md")
    spec = inside / "s.yaml"
    spec.write_text(HEAD + "articles:\n  - title: 一\n    body_file: notes.md\n", encoding="utf-8")
    assert "is a symbolic link that leads out of" in only(spec, "articles[1].body_file").message


def test_whether_a_file_outside_exists_is_never_told(site):
    spec = site / "inside" / "s.yaml"
    spec.write_text(HEAD + "articles:\n  - {title: 一, body_file: ../outside/nothing.md}\n", encoding="utf-8")
    assert "is outside" in only(spec, "articles[1].body_file").message


def test_a_font_file_outside_the_root_is_refused_and_a_family_name_is_not(site):
    outside = site / "outside"
    shutil.copy(fonts_dir() / "body.ttf", outside / "mine.ttf")
    spec = site / "inside" / "s.yaml"
    spec.write_text(HEAD + ARTICLE + f"style:\n  fonts: {{body: {outside / 'mine.ttf'}}}\n", encoding="utf-8")
    p = run("build", spec, cwd=site / "inside")
    assert p.returncode == 2
    assert f"style.fonts.body: {outside / 'mine.ttf'}: is outside" in p.stderr
    # an installed face found by its family name, in a folder outside the root, is not a file the spec names
    spec.write_text(HEAD + ARTICLE + "style:\n  fonts:\n    body: FandolFang\n", encoding="utf-8")
    p = run("build", spec, "--json", "--font-dir", outside, cwd=site / "inside")
    assert p.returncode == 0, p.stderr


def test_root_and_bulletin_root_widen_what_a_spec_may_read(site, monkeypatch, tmp_path):
    spec = site / "inside" / "s.yaml"
    spec.write_text("extends: ../outside/secret.yaml\n" + HEAD + ARTICLE, encoding="utf-8")
    p = run("build", spec, "--root", site, cwd=site / "inside")
    assert p.returncode == 2 and "unknown key 'password'" in p.stderr  # read now: it is under the root
    monkeypatch.setenv("BULLETIN_ROOT", str(site))
    assert "unknown key 'password'" in problems(spec)[0].message
    monkeypatch.setenv("BULLETIN_ROOT", str(site / "nowhere"))
    [p] = problems(spec)
    assert p.message == f"BULLETIN_ROOT {site / 'nowhere'}: no such folder"


def test_the_spec_s_own_folder_is_the_root_when_it_lies_outside_the_current_one(site, monkeypatch):
    (site / "series.yaml").write_text("masthead: {marking: 内部}\n", encoding="utf-8")
    spec = site / "inside" / "s.yaml"
    spec.write_text("extends: ../series.yaml\n" + HEAD + ARTICLE, encoding="utf-8")
    monkeypatch.chdir(site / "outside")
    assert "is outside" in only(spec, "extends").message
    monkeypatch.chdir(site)  # from the folder that holds the series: the README's layout
    assert load_spec(spec).masthead.marking == "内部"


def test_a_spec_on_stdin_reads_under_the_current_folder(site):
    inside = site / "inside"
    (inside / "a.md").write_text("正文。\n", encoding="utf-8")
    ok = HEAD + "articles:\n  - title: 一\n    body_file: a.md\n"
    p = run("build", "-", "-o", "out.pdf", cwd=inside, stdin=ok)
    assert p.returncode == 0, p.stderr
    bad = HEAD + f"articles:\n  - title: 一\n    body_file: {site / 'outside' / 'secret.md'}\n"
    p = run("build", "-", "-o", "out2.pdf", cwd=inside, stdin=bad)
    assert p.returncode == 2 and "is outside" in p.stderr and not (inside / "out2.pdf").exists()
    p = run("check", "-", cwd=inside, stdin=bad)
    assert p.returncode == 2 and "is outside" in p.stderr


def test_a_spec_built_in_code_is_held_to_its_root_too(site):
    spec = parse_spec(HEAD + ARTICLE, str(site / "inside" / "s.yaml"))
    assert spec.root == str(site / "inside")
    text = HEAD + f"articles:\n  - title: 一\n    body_file: {site / 'outside' / 'secret.md'}\n"
    with pytest.raises(InputError, match="is outside"):
        build(parse_spec(text, "<stdin>"), site / "inside" / "x.pdf")
    parse_spec(text, "<stdin>", root=site)  # given a root that holds it, it reads
    assert os.path.exists(site / "outside" / "secret.md")


def test_a_text_file_extends_names_under_the_root_is_not_quoted_either(site):
    inside = site / "inside"
    (inside / "netrc.txt").write_text("machine example.org login bob password hunter2-secret-text\n",
                                      encoding="utf-8")
    spec = inside / "s.yaml"
    spec.write_text("extends: netrc.txt\n" + HEAD + ARTICLE, encoding="utf-8")
    [p] = problems(spec)
    assert p.hint == "this file holds text" and "hunter2" not in p.format() and "machine" not in p.format()


def test_a_removed_current_folder_leaves_the_spec_s_own(site, monkeypatch):
    from bulletin_cli.spec import paths

    def gone():
        raise FileNotFoundError(2, "No such file or directory")

    monkeypatch.setattr(os, "getcwd", gone)
    assert str(paths.find_root(str(site / "inside" / "s.yaml"))) == str(site / "inside")
    with pytest.raises(InputError, match="the current folder no longer exists"):
        paths.find_root("<stdin>")
