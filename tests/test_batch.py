"""Many specs in one call, and the same bytes for a spec however it is built (issue 8)."""
import json
import os
import re
import shutil
import signal
import subprocess
import sys
import textwrap
from importlib import resources
from pathlib import Path

import jsonschema
import pikepdf

from bulletin_cli.fonts.resolve import fonts_dir

from .helpers import run, written_over
from .procs import ctrl_c_works

TEMPLATE = written_over(resources.files("bulletin_cli").joinpath("template.yaml").read_text("utf-8"))


def _in_one_process(*pairs):
    """Build (spec, output) pairs one after another in one fresh Python process."""
    code = textwrap.dedent("""
        import sys
        from bulletin_cli import build
        args = sys.argv[1:]
        for spec, out in zip(args[::2], args[1::2]):
            build(spec, out)
    """)
    subprocess.run([sys.executable, "-c", code, *map(str, (x for p in pairs for x in p))], check=True)


def test_a_spec_gives_the_same_bytes_alone_or_after_another(tmp_path):
    # A loads its faces in another order than B, and draws its body with a copy of a bundled
    # face: same PostScript name, another file. Before faces were named by file and face, B
    # built after A embedded renamed faces and its bytes differed from B built alone.
    shutil.copy(fonts_dir() / "body.ttf", tmp_path / "mybody.ttf")
    a = tmp_path / "a.yaml"
    fonts = "  fonts: {body: mybody.ttf, kai: mybody.ttf}  #"
    a.write_text(TEMPLATE.replace("  # fonts:                ", fonts, 1)
                 .replace("  issue: 1 ", "  issue: 7 ", 1), encoding="utf-8")
    b = tmp_path / "b.yaml"
    b.write_text(TEMPLATE, encoding="utf-8")
    _in_one_process((b, tmp_path / "b-alone.pdf"))
    _in_one_process((a, tmp_path / "a.pdf"), (b, tmp_path / "b-after-a.pdf"))
    _in_one_process((a, tmp_path / "a-again.pdf"), (a, tmp_path / "a-twice.pdf"))
    assert (tmp_path / "b-after-a.pdf").read_bytes() == (tmp_path / "b-alone.pdf").read_bytes()
    assert (tmp_path / "a-twice.pdf").read_bytes() == (tmp_path / "a.pdf").read_bytes()
    assert b"FandolFang-Regular-" in (tmp_path / "a.pdf").read_bytes()  # the copy is named apart


def test_bundled_faces_have_distinct_postscript_names():
    # Bundled faces are embedded under their own PostScript names, unsuffixed (pdf._load): two
    # bundled files sharing one would draw with one file's glyphs.
    from reportlab.pdfbase.ttfonts import TTFontFace

    names = [TTFontFace(str(f)).name for f in sorted(fonts_dir().glob("*.tt[fc]"))]
    assert len(names) >= 5 and len(set(names)) == len(names)


# --- many specs in one call, through the real command ---------------------------------------



def _spec(folder, name, issue, change=None):
    text = TEMPLATE.replace("  issue: 1 ", f"  issue: {issue} ", 1)
    if change:
        text = text.replace(*change, 1)
    (folder / name).write_text(text, encoding="utf-8")
    return folder / name


FIRST_BODY_LINE = re.search(r"body: \|[^\n]*\n([^\n]+)\n", TEMPLATE).group(1)  # the first article's
BAD_DATE = ("date: 2026-01-15", "date: 2026-02-30")


def test_a_mixed_batch_builds_every_good_spec_and_reports_each(tmp_path):
    specs, two, one = tmp_path / "specs", tmp_path / "two", tmp_path / "one"
    for d in (specs, two, one):
        d.mkdir()
    for i in (1, 2, 3):
        _spec(specs, f"good-{i}.yaml", i)
    _spec(specs, "bad.yaml", 9, BAD_DATE)
    first_body_line = FIRST_BODY_LINE
    _spec(specs, "emoji.yaml", 8, (first_body_line, first_body_line + "😀"))
    (specs / "notes.txt").write_text("not a spec")
    p = run("build", specs, "--out-dir", two, "--jobs", "2", "--json", "--strict")
    assert p.returncode == 2, p.stderr  # an invalid spec outranks a failed build
    records = json.loads(p.stdout)  # stdout holds the report and nothing else
    jsonschema.validate(records, json.loads(run("schema", "--report").stdout))
    assert [(r["input"], r["status"]) for r in records] == [
        (str(specs / "bad.yaml"), "invalid"), (str(specs / "emoji.yaml"), "failed"),
        (str(specs / "good-1.yaml"), "ok"), (str(specs / "good-2.yaml"), "ok"),
        (str(specs / "good-3.yaml"), "ok")]
    bad, emoji = records[0], records[1]
    [error] = bad["errors"]
    assert error["file"] == str(specs / "bad.yaml") and error["field"] == "masthead.date"
    assert error["line"] > 1 and error["column"] > 1 and "2026-02-30" in error["message"]
    assert "U+1F600" in emoji["errors"][0]["message"]
    for r in records[2:]:
        assert r["output"] == str(two / Path(r["input"]).with_suffix(".pdf").name)
        assert r["pages"] == 2 and r["bytes"] == Path(r["output"]).stat().st_size and r["errors"] == []
        assert set(r) >= {"input", "output", "status", "pages", "bytes", "seconds", "warnings", "errors"}
    assert sorted(f.name for f in two.iterdir()) == ["good-1.pdf", "good-2.pdf", "good-3.pdf"]
    # the messages reach stderr too, with file:line:column
    assert f"{specs / 'bad.yaml'}:{error['line']}:{error['column']}: masthead.date" in p.stderr
    # one worker: the same report (but for timings) and the same bytes
    q = run("build", specs, "--out-dir", one, "--jobs", "1", "--json", "--strict")
    assert q.returncode == 2
    def same(r):  # what must not depend on the number of workers
        return {**r, "seconds": 0, "output": Path(r["output"]).name,
                "outputs": [{**o, "output": Path(o["output"]).name} for o in r.get("outputs", [])]}

    assert [same(r) for r in json.loads(q.stdout)] == [same(r) for r in records]
    for f in two.iterdir():
        assert (one / f.name).read_bytes() == f.read_bytes()


def test_failed_but_none_invalid_exits_1_and_builds_the_rest(tmp_path):
    first_body_line = FIRST_BODY_LINE
    a = _spec(tmp_path, "a.yaml", 1, (first_body_line, first_body_line + "😀"))
    b = _spec(tmp_path, "b.yaml", 2)
    p = run("build", a, b, "--strict", "--jobs", "2")
    assert p.returncode == 1
    assert (tmp_path / "b.pdf").exists() and not (tmp_path / "a.pdf").exists()
    assert f"wrote {tmp_path / 'b.pdf'}" in p.stdout and "U+1F600" in p.stderr


def test_spec_from_stdin_resolves_paths_against_the_current_folder(tmp_path):
    shutil.copy(fonts_dir() / "body.ttf", tmp_path / "mybody.ttf")
    spec = _spec(tmp_path, "s.yaml", 3, ("  # fonts:                ", "  fonts: {body: mybody.ttf}  #"))
    assert run("build", spec, "-o", tmp_path / "from-file.pdf").returncode == 0
    p = subprocess.run([sys.executable, "-m", "bulletin_cli", "build", "-", "-o", "from-stdin.pdf", "--json"],
                       input=spec.read_bytes(), capture_output=True, cwd=tmp_path)
    assert p.returncode == 0, p.stderr
    [record] = json.loads(p.stdout)
    assert record["input"] == "-" and record["fonts"]["body"].endswith("mybody.ttf")
    assert (tmp_path / "from-stdin.pdf").read_bytes() == (tmp_path / "from-file.pdf").read_bytes()
    # an error in it is located in <stdin>
    bad = spec.read_text("utf-8").replace(*BAD_DATE)
    p = subprocess.run([sys.executable, "-m", "bulletin_cli", "build", "-", "-o", "x.pdf"],
                       input=bad.encode(), capture_output=True, cwd=tmp_path)
    assert p.returncode == 2 and b"<stdin>:" in p.stderr and b"masthead.date" in p.stderr
    assert not (tmp_path / "x.pdf").exists()


def test_pdf_to_stdout_and_nothing_else_there(tmp_path):
    spec = _spec(tmp_path, "s.yaml", 4)
    assert run("build", spec).returncode == 0
    p = subprocess.run([sys.executable, "-m", "bulletin_cli", "build", "-", "-o", "-"],
                       input=spec.read_bytes(), capture_output=True, cwd=tmp_path)
    assert p.returncode == 0, p.stderr
    assert p.stdout == (tmp_path / "s.pdf").read_bytes()
    assert b"wrote -" in p.stderr
    assert sorted(f.name for f in tmp_path.iterdir()) == ["s.pdf", "s.yaml"]
    assert run("build", spec, "-o", "-", "--json").returncode == 2  # two things cannot share stdout
    both = run("build", spec, "-o", "-", "--format", "pdf,ofd", cwd=tmp_path)  # nor two files
    assert both.returncode == 2 and "--format" in both.stderr and both.stdout == ""
    assert sorted(f.name for f in tmp_path.iterdir()) == ["s.pdf", "s.yaml"]  # no '-.pdf', '-.ofd'


def test_ctrl_c_stops_the_workers_and_leaves_no_partial_file(tmp_path):
    specs, out = tmp_path / "specs", tmp_path / "out"
    specs.mkdir()
    out.mkdir()
    for i in range(1, 9):
        _spec(specs, f"i{i:02}.yaml", i)
    p = subprocess.Popen([sys.executable, "-m", "bulletin_cli", "build", str(specs), "--out-dir", str(out),
                          "--jobs", "2"], stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True,
                         preexec_fn=ctrl_c_works)
    first = p.stdout.readline()  # the first spec is written: workers are busy with the next ones
    assert first.startswith("wrote "), first
    p.send_signal(signal.SIGINT)
    _, err = p.communicate(timeout=120)
    assert p.returncode == 130, err
    assert "Traceback" not in err and "interrupted" in err
    left = sorted(os.listdir(out))
    assert not [f for f in left if not f.endswith(".pdf")], left  # no temp file anywhere
    for f in left:
        with pikepdf.open(out / f) as pdf:  # every PDF there is whole
            assert len(pdf.pages) == 2


def test_two_specs_planned_into_one_output_are_refused_before_anything_is_built(tmp_path):
    """a/issue.yaml and b/issue.yaml into one --out-dir: the second replaced the first's PDF and
    both said 'wrote'. The same spec named twice still builds (into the same file)."""
    for d in ("a", "b"):
        (tmp_path / d).mkdir()
        (tmp_path / d / "issue.yaml").write_text(TEMPLATE, encoding="utf-8")
    out = tmp_path / "out"
    out.mkdir()
    p = run("build", tmp_path / "a" / "issue.yaml", tmp_path / "b" / "issue.yaml", "--out-dir", out)
    assert p.returncode == 2, p.stderr
    assert p.stderr == (f"error: {tmp_path / 'a' / 'issue.yaml'} and {tmp_path / 'b' / 'issue.yaml'} "
                        f"would both be written to {out / 'issue.pdf'}; "
                        "build them into different --out-dir folders, or rename one\n")
    assert list(out.iterdir()) == []
    # beside their specs they do not meet; one spec named twice (the same file) is one output
    p = run("build", tmp_path / "a" / "issue.yaml", tmp_path / "b" / "issue.yaml")
    assert p.returncode == 0, p.stderr
    p = run("build", tmp_path / "a" / "issue.yaml", tmp_path / "a" / "." / "issue.yaml", "--out-dir", out)
    assert p.returncode == 0, p.stderr
    assert [f.name for f in out.iterdir()] == ["issue.pdf"]
