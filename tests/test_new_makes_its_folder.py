"""`bulletin new sub/x.yaml` makes the folder it names, as scaffolding tools (mkdir -p) and
`build -o out/12.pdf` do; a folder that is a file is one clear error (exit 2)."""
from bulletin_cli.spec.reader import load_spec

from .helpers import run


def test_new_makes_the_folders_it_names(tmp_path):
    p = run("new", "2026/issue-1.yaml", "--date", "2026-01-22", cwd=tmp_path)
    assert p.returncode == 0, p.stderr
    assert load_spec(tmp_path / "2026" / "issue-1.yaml").masthead.issue == 1


def test_articles_are_named_from_the_new_folder(tmp_path):
    (tmp_path / "稿件").mkdir()
    (tmp_path / "稿件" / "a.md").write_text("# 第一篇\n\n正文一段。\n", encoding="utf-8")
    p = run("new", "--articles", "稿件", "out/deep/x.yaml", "--date", "2026-01-22", cwd=tmp_path)
    assert p.returncode == 0, p.stderr
    spec = load_spec(tmp_path / "out" / "deep" / "x.yaml", root=tmp_path)  # build run from tmp_path
    assert [a.title for a in spec.articles] == ["第一篇"]  # its body file found from out/deep/


def test_a_folder_that_is_a_file_is_refused(tmp_path):
    (tmp_path / "sub").write_text("not a folder", encoding="utf-8")
    p = run("new", "sub/x.yaml", cwd=tmp_path)
    assert p.returncode == 2
    assert "sub/x.yaml: sub is a file, not a folder" in p.stderr
    assert (tmp_path / "sub").read_text(encoding="utf-8") == "not a folder"
