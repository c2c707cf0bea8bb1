"""Many specs in one call, and the same bytes for a spec however it is built (issue 8)."""
import shutil
import subprocess
import sys
import textwrap
from importlib import resources

from bulletin_cli.fonts import fonts_dir

TEMPLATE = resources.files("bulletin_cli").joinpath("template.yaml").read_text("utf-8")


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
    a.write_text(TEMPLATE.replace("  # fonts:                ", "  fonts: {body: mybody.ttf, kai: mybody.ttf}  #", 1)
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
