"""Issue #26: the folders a user names for output are made (-o out/12.pdf, --out-dir pdf/), as
the README's examples use them; the folders a spec reads from are not."""
import json

import pdfplumber

from .helpers import run

SPEC = ("masthead:\n  title: 市城市管理局工作简报\n  issue: 4\n  publisher: 市城市管理局办公室\n"
        "  date: 2026-06-30\narticles:\n  - title: 要闻\n    body: 全市城市绿化工作会议召开。\n")


def pages_text(pdf):
    with pdfplumber.open(pdf) as doc:
        return "".join(p.extract_text() or "" for p in doc.pages)


def test_o_makes_the_folders_it_names(tmp_path):
    (tmp_path / "issue-12.yaml").write_text(SPEC, encoding="utf-8")
    p = run("build", "issue-12.yaml", "-o", "out/deep/12.pdf", cwd=tmp_path)
    assert p.returncode == 0, p.stderr
    assert "全市城市绿化工作会议召开" in pages_text(tmp_path / "out/deep/12.pdf")


def test_out_dir_is_made_and_the_batch_reports_no_spec_invalid(tmp_path):
    (tmp_path / "2025").mkdir()
    for n in (1, 2):
        (tmp_path / "2025" / f"issue-{n}.yaml").write_text(SPEC, encoding="utf-8")
    p = run("build", "2025/", "--out-dir", "pdf/", "--jobs", "2", "--json", cwd=tmp_path)
    assert p.returncode == 0, p.stderr
    assert sorted(f.name for f in (tmp_path / "pdf").iterdir()) == ["issue-1.pdf", "issue-2.pdf"]
    assert "invalid" not in p.stdout + p.stderr and json.loads(p.stdout)


def test_a_file_in_the_way_of_the_output_folder_is_exit_2_and_named(tmp_path):
    (tmp_path / "x.yaml").write_text(SPEC, encoding="utf-8")
    (tmp_path / "out").write_text("not a folder")
    p = run("build", "x.yaml", "-o", "out/12.pdf", cwd=tmp_path)
    assert p.returncode == 2 and "out is not a folder" in p.stderr and "Traceback" not in p.stderr


def test_a_missing_spec_folder_is_not_made(tmp_path):
    p = run("build", "nope/x.yaml", "-o", "out/x.pdf", cwd=tmp_path)
    assert p.returncode == 2
    assert not (tmp_path / "nope").exists() and not (tmp_path / "out").exists()
