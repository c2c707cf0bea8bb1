"""Font resolution: files and installed families per role, the official faces, the cached index
of installed fonts, coverage, CFF conversion, and a build that embeds a font the spec names.

The fonts are made at test time (tests/fonts/make_test_fonts.py); the machine's own fonts are
never looked at: every test runs with no system folders and a cache folder of its own."""
from __future__ import annotations

import json
import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pikepdf
import pytest

from bulletin_cli.errors import InputError
from bulletin_cli.fonts import installed, otf2ttf, sfnt
from bulletin_cli.fonts import resolve as fonts
from bulletin_cli.fonts.sfnt import FontFormatError
from bulletin_cli.model import ROLES
from bulletin_cli.spec.reader import load_spec

from .fonts.make_test_fonts import CFF, FANG, KAI, LACKING, TINY_SPEC
from .fonts.make_test_fonts import build as build_fonts
from .helpers import run


@pytest.fixture(scope="session")
def made(tmp_path_factory) -> dict[str, Path]:
    return build_fonts(tmp_path_factory.mktemp("test-fonts"))


@pytest.fixture(autouse=True)
def hermetic(monkeypatch, tmp_path):
    """No system font folders, no BULLETIN_FONT_PATH, a fresh index cache per test."""
    monkeypatch.setattr(installed, "system_font_folders", list)
    monkeypatch.delenv("BULLETIN_FONT_PATH", raising=False)
    monkeypatch.setenv("BULLETIN_CACHE_DIR", str(tmp_path / "cache"))


@pytest.fixture
def workdir(tmp_path, made) -> Path:
    """A spec folder holding copies of the test fonts, so specs can name them relatively."""
    d = tmp_path / "spec"
    d.mkdir()
    for name, path in made.items():
        if name != "fangsong":
            shutil.copy(path, d / name)
    (d / "sub").mkdir()
    return d


def write_spec(folder: Path, fonts_yaml: str) -> Path:
    """TINY_SPEC with its `style.fonts` block replaced by `fonts_yaml` (indented mapping lines
    or ' official')."""
    head = TINY_SPEC.split("style:")[0]
    path = folder / "spec.yaml"
    path.write_text(head + "style:\n  fonts:" + fonts_yaml + "\n", encoding="utf-8")
    return path


def spec_with(folder: Path, **roles: str):
    return load_spec(write_spec(folder, "".join(f"\n    {r}: {v}" for r, v in roles.items())))


def counting(monkeypatch) -> list[Path]:
    """Record every font file the index reads."""
    calls: list[Path] = []
    real = installed.read_faces

    def read_faces(path):
        calls.append(Path(path))
        return real(path)

    monkeypatch.setattr(installed, "read_faces", read_faces)
    return calls


# ---- the bundled faces ---------------------------------------------------------------------

def test_bundled_faces_scan_no_folder(monkeypatch):
    def no_scan(*_a):
        raise AssertionError("bundled faces must not scan font folders")

    monkeypatch.setattr(installed, "_walk", no_scan)
    monkeypatch.setattr(installed, "system_font_folders", lambda: [Path("/")])
    res = fonts.resolve(None, official=False)  # --bundled-fonts (how long it takes: tools/bench.py)
    assert res.notes == []
    assert set(res.files) == set(ROLES)
    for role, f in res.files.items():
        assert f.source == "bundled" and f.index == 0 and f.path.is_file()
        assert f.family == fonts.BUNDLED_FAMILY[role] and f.licence
        assert (fonts.fonts_dir() / re.search(r"\((.+)\)", f.licence).group(1)).is_file()


def test_spec_font_files_scan_no_folder(monkeypatch, workdir):
    monkeypatch.setattr(installed, "_walk", lambda *_a: pytest.fail("a file path must not scan folders"))
    res = fonts.resolve(spec_with(workdir, body="tiny.ttf", kai="pair.ttc#1"))
    assert res.files["body"] == fonts.FontFile(workdir / "tiny.ttf", 0, "spec", FANG,
                                               "http://www.gnu.org/licenses/licenses.html")
    assert res.files["kai"].path == workdir / "pair.ttc" and res.files["kai"].index == 1
    assert res.files["title"].source == "bundled"


def test_coverage_of_the_bundled_faces():
    assert fonts.coverage(fonts.bundled("body").path, 0) == {
        "gb2312": 7444, "gb2312_total": 7445, "tongyong": 6638, "tongyong_total": 8105}
    fallback = fonts.coverage(fonts.bundled("fallback").path, 0)
    assert (fallback["tongyong"], fallback["gb2312"]) == (8105, 7445)


def test_report_rows(workdir):
    rows = fonts.report_rows(fonts.resolve(spec_with(workdir, body="tiny.ttf")))
    assert [r["role"] for r in rows] == list(ROLES)
    body = rows[ROLES.index("body")]
    assert (body["family"], body["source"], body["file"]) == (FANG, "spec", str(workdir / "tiny.ttf"))
    assert body["gb2312"] == 23 and body["tongyong_total"] == 8105
    assert rows[ROLES.index("fallback")]["tongyong"] == 8105


# ---- files named in the spec ---------------------------------------------------------------

@pytest.mark.parametrize("value, index, family", [
    ("pair.ttc", 0, FANG),
    ("pair.ttc#1", 1, KAI),
    ("pair.ttc#BulletinTestKai", 1, KAI),  # PostScript name
    ("pair.ttc#Bulletin Test Kai", 1, KAI),  # family name
    ("mixed.ttc#1", 1, FANG),  # a TrueType face beside a CFF one
])
def test_ttc_faces(workdir, value, index, family):
    f = fonts.resolve(spec_with(workdir, kai=value)).files["kai"]
    assert (f.path.name, f.index, f.family, f.source) == (value.split("#")[0], index, family, "spec")


def test_a_file_without_suffix_beside_the_spec_is_a_file(workdir):
    shutil.copy(workdir / "tiny.ttf", workdir / "myfont")
    assert fonts.resolve(spec_with(workdir, body="myfont")).files["body"].path == workdir / "myfont"


def test_reportlab_and_metrics_load_what_resolve_chose(workdir):
    from bulletin_cli.fonts.metrics import Metrics
    from bulletin_cli.writers.pdf import Faces

    files = fonts.resolve(spec_with(workdir, body="tiny.ttf", kai="pair.ttc#BulletinTestKai")).files
    assert Faces(files).name("kai") != Faces(files).name("body")
    assert Metrics(files).covers("kai", "测") and not Metrics(files).covers("body", LACKING[0])


# ---- families found on the machine ---------------------------------------------------------

def test_family_from_bulletin_font_path(monkeypatch, made, workdir, tmp_path):
    (tmp_path / "env").mkdir()
    shutil.copy(made["tiny.ttf"], tmp_path / "env" / "tiny.ttf")
    monkeypatch.setenv("BULLETIN_FONT_PATH",
                       os.pathsep.join([str(tmp_path / "nowhere"), str(tmp_path / "env")]))
    f = fonts.resolve(spec_with(workdir, body="bulletin test fang")).files["body"]
    assert (f.path, f.index, f.source, f.family) == (tmp_path / "env" / "tiny.ttf", 0, "installed", FANG)


def test_family_from_font_dirs_before_the_environment(monkeypatch, made, workdir, tmp_path):
    mine = tmp_path / "mine"
    mine.mkdir()
    shutil.copy(made["pair.ttc"], mine / "pair.ttc")
    monkeypatch.setenv("BULLETIN_FONT_PATH", str(made["tiny.ttf"].parent))
    res = fonts.resolve(spec_with(workdir, body="BulletinTestFang", kai=KAI), font_dirs=[mine])
    assert res.files["body"].path == mine / "pair.ttc" and res.files["body"].index == 0
    assert res.files["kai"].path == mine / "pair.ttc" and res.files["kai"].index == 1


def test_family_names_match_in_any_language_without_case_or_spaces(made):
    faces = installed.installed_faces([made["fangsong"].parent])
    for name in ("仿宋_GB2312", "fangsong_gb2312", " FangSong_GB2312 ", "ＦａｎｇＳｏｎｇ_GB2312"):
        assert [f.path for f in fonts.find_family(name, faces)] == [made["fangsong"]], name
    assert fonts.find_family("FangSong", faces) == []


def test_windows_gbk_names_are_read():
    raw = b"".join(b if len(b) == 2 else b"\0" + b for b in (c.encode("gbk") for c in "仿宋_GB2312"))
    assert sfnt._decode_name(3, 3, raw) == "仿宋_GB2312"
    assert sfnt._decode_name(3, 1, "仿宋".encode("utf-16-be")) == "仿宋"


def test_fontconfig_folders(tmp_path, monkeypatch):
    monkeypatch.setenv("XDG_DATA_HOME", str(tmp_path / "xdg"))
    monkeypatch.setenv("HOME", str(tmp_path / "home"))
    conf = tmp_path / "fonts.conf"
    conf.write_text("""<?xml version="1.0"?>
<!DOCTYPE fontconfig SYSTEM "urn:fontconfig:fonts.dtd">
<fontconfig>
  <dir>/opt/fonts</dir>
  <dir prefix="xdg">fonts</dir>
  <dir>~/.fonts</dir>
  <dir prefix="relative">extra</dir>
  <dir>relative-without-prefix</dir>
</fontconfig>
""", encoding="utf-8")
    assert installed._fontconfig_dirs([conf, tmp_path / "missing.conf"]) == [
        Path("/opt/fonts"), tmp_path / "xdg" / "fonts", tmp_path / "home" / ".fonts", tmp_path / "extra"]


# ---- the official faces ----------------------------------------------------------------------

def test_official_without_them_keeps_the_bundled_faces():
    res = fonts.resolve(None, official=True)
    assert all(f.source == "bundled" for f in res.files.values())
    assert "title: 方正小标宋简体 not found; using bundled Noto Serif CJK SC Black" in res.notes
    assert "body: 仿宋_GB2312 not found; using bundled FandolFang" in res.notes
    assert len(res.notes) == len(fonts.OFFICIAL)  # fallback stays bundled, without a note


def test_official_uses_an_installed_fangsong(made):
    res = fonts.resolve(None, font_dirs=[made["fangsong"].parent], official=True)
    body = res.files["body"]
    assert (body.path, body.source, body.family, body.licence) == (
        made["fangsong"], "installed", "仿宋_GB2312", fonts.OFFICIAL_LICENCE)
    assert f"body: 仿宋_GB2312 found: {made['fangsong']}" in res.notes
    assert all(res.files[r].source == "bundled" for r in ROLES if r != "body")
    assert "heading: 黑体 not found; using bundled Noto Sans CJK SC Bold" in res.notes


def test_official_from_the_spec_and_bulletin_font_path(monkeypatch, made, workdir):
    monkeypatch.setenv("BULLETIN_FONT_PATH", str(made["fangsong"].parent))
    spec = load_spec(write_spec(workdir, " official"))
    assert spec.style.official and spec.style.fonts == {}
    assert fonts.resolve(spec).files["body"].path == made["fangsong"]


def test_a_face_the_spec_names_wins_over_the_official_one(made, workdir):
    res = fonts.resolve(spec_with(workdir, body="tiny.ttf"), font_dirs=[made["fangsong"].parent],
                        official=True)
    assert res.files["body"].path == workdir / "tiny.ttf"
    assert not any(n.startswith("body:") for n in res.notes)


def test_an_official_family_named_in_the_spec_is_marked_proprietary(made, workdir):
    spec = spec_with(workdir, body="仿宋_GB2312")
    f = fonts.resolve(spec, font_dirs=[made["fangsong"].parent]).files["body"]
    assert (f.path, f.licence) == (made["fangsong"], fonts.OFFICIAL_LICENCE)


def test_official_found_only_as_cff_falls_back_with_a_note(tmp_path):
    from .fonts.make_test_fonts import cff_font

    d = tmp_path / "cff-official"
    d.mkdir()
    cff_font("SimHei").save(d / "simhei.otf")
    res = fonts.resolve(None, font_dirs=[d], official=True)
    assert res.files["heading"].source == "bundled"
    [note] = [n for n in res.notes if n.startswith("heading:")]
    assert "CFF outlines" in note and "python -m bulletin_cli.fonts.otf2ttf" in note
    assert note.endswith("using bundled Noto Sans CJK SC Bold")


# ---- problems ------------------------------------------------------------------------------

@pytest.mark.parametrize("value, message, hint", [
    ("nothere.ttf", "font file not found: nothere.ttf", "relative to the spec's folder"),
    ("sub/", "sub/ is a folder, not a font file", "--font-dir"),
    ("corrupt.ttf", "corrupt.ttf: not a TrueType/OpenType font file", ".ttf or .ttc"),
    ("truncated.ttf", "truncated.ttf: the file is cut short", ".ttf or .ttc"),
    ("pair.ttc#2", ("pair.ttc#2: no face #2: pair.ttc has 2 faces (#0 Bulletin Test Fang, "
                    "#1 Bulletin Test Kai)"), "pair.ttc#BulletinTestKai"),
    ("pair.ttc#Nope", "pair.ttc#Nope: no face named Nope in pair.ttc", "PostScript name"),
    ("tiny.ttf#1", "tiny.ttf#1: no face #1: tiny.ttf has 1 face", "number faces from 0"),
    ("cff.otf", "has CFF (PostScript) outlines, which reportlab cannot embed",
     "pip install fonttools`): python -m bulletin_cli.fonts.otf2ttf"),
    ("mixed.ttc#0", "has CFF (PostScript) outlines", "otf2ttf {dir}/mixed.ttc#0 OUT.ttf"),
    ("Bulletin Test Fnag", "font family not found: Bulletin Test Fnag",
     "nearest installed: Bulletin Test Fang"),
    ("Nothing Like It", "font family not found: Nothing Like It", "`bulletin fonts` lists"),
])
def test_font_problems(made, workdir, value, message, hint):
    spec = spec_with(workdir, body=value)
    with pytest.raises(InputError) as e:
        fonts.resolve(spec, font_dirs=[made["tiny.ttf"].parent])
    [p] = e.value.problems
    assert (p.file, p.path, p.line, p.col) == (spec.source, "style.fonts.body", 11, 11)
    assert message in p.message
    assert hint.format(dir=workdir) in p.hint


def test_unreadable_font_file(monkeypatch, workdir):
    def denied(path):
        raise PermissionError(13, "Permission denied", str(path))

    monkeypatch.setattr(fonts, "read_faces", denied)
    with pytest.raises(InputError) as e:
        fonts.resolve(spec_with(workdir, body="tiny.ttf"))
    assert e.value.problems[0].message == "cannot read font file tiny.ttf: permission denied"


def test_a_font_that_forbids_embedding(workdir):
    from fontTools.ttLib import TTFont

    font = TTFont(workdir / "tiny.ttf")
    font["OS/2"].fsType = 0x0002
    font.save(workdir / "restricted.ttf")
    with pytest.raises(InputError, match=r"forbids embedding it in documents \(OS/2 fsType 0x0002\)"):
        fonts.resolve(spec_with(workdir, body="restricted.ttf"))


def test_every_font_problem_is_reported_at_once(workdir):
    spec = spec_with(workdir, title="nothere.ttf", body="cff.otf", kai="Nope Family")
    with pytest.raises(InputError) as e:
        fonts.resolve(spec)
    assert [(p.path, p.line) for p in e.value.problems] == [
        ("style.fonts.title", 11), ("style.fonts.body", 12), ("style.fonts.kai", 13)]
    assert str(e.value).startswith(f"{spec.source}:11:12: style.fonts.title: font file not found")


def test_a_missing_font_dir_is_an_input_error(tmp_path):
    with pytest.raises(InputError, match="font folder not found"):
        fonts.resolve(None, font_dirs=[tmp_path / "nope"])


def test_spec_records_where_each_font_was_named(workdir):
    spec = spec_with(workdir, body="tiny.ttf", kai="  KaiTi")
    assert spec.style.fonts == {"body": "tiny.ttf", "kai": "KaiTi"}
    assert {r: (loc.line, loc.col) for r, loc in spec.style.font_locs.items()} == {
        "body": (11, 11), "kai": (12, 12)}
    assert not spec.style.official


# ---- the index cache -----------------------------------------------------------------------

def test_index_is_cached_reused_and_invalidated(monkeypatch, made, tmp_path):
    folder = tmp_path / "fonts"
    folder.mkdir()
    shutil.copy(made["tiny.ttf"], folder / "tiny.ttf")
    shutil.copy(made["corrupt.ttf"], folder / "corrupt.ttf")
    calls = counting(monkeypatch)

    assert fonts.resolve(None, [folder], official=True).files["body"].source == "bundled"
    assert sorted(p.name for p in calls) == ["corrupt.ttf", "tiny.ttf"]
    cache = Path(os.environ["BULLETIN_CACHE_DIR"]) / "fonts-index.json"
    data = json.loads(cache.read_text(encoding="utf-8"))
    entry = data["folders"][os.path.abspath(folder)]
    assert len(entry["files"]) == 2
    assert any("error" in f for f in entry["files"])  # a broken file is remembered as broken

    calls.clear()
    fonts.resolve(None, [folder], official=True)
    assert calls == []  # nothing re-read

    shutil.copy(made["fangsong"], folder / "sub-folder-free.ttf")
    res = fonts.resolve(None, [folder], official=True)
    assert [p.name for p in calls] == ["sub-folder-free.ttf"]  # only the new file is read
    assert res.files["body"].path == folder / "sub-folder-free.ttf"


def test_a_font_added_in_a_subfolder_invalidates_the_index(monkeypatch, made, tmp_path):
    folder = tmp_path / "fonts"
    (folder / "deep" / "er").mkdir(parents=True)
    installed.installed_faces([folder])
    calls = counting(monkeypatch)
    shutil.copy(made["fangsong"], folder / "deep" / "er" / "f.ttf")
    assert [f.path for f in installed.installed_faces([folder])] == [folder / "deep" / "er" / "f.ttf"]
    assert len(calls) == 1


def test_an_unwritable_or_broken_cache_does_not_break_a_build(monkeypatch, made, tmp_path):
    blocker = tmp_path / "a-file"
    blocker.write_text("not a folder")
    monkeypatch.setenv("BULLETIN_CACHE_DIR", str(blocker / "cache"))
    res = fonts.resolve(None, [made["fangsong"].parent], official=True)
    assert res.files["body"].path == made["fangsong"]

    cache = tmp_path / "cache2"
    cache.mkdir()
    (cache / "fonts-index.json").write_text("{not json", encoding="utf-8")
    monkeypatch.setenv("BULLETIN_CACHE_DIR", str(cache))
    found = fonts.resolve(None, [made["fangsong"].parent], official=True).files["body"]
    assert found.path == made["fangsong"]
    index = json.loads((cache / installed.INDEX_FILE).read_text(encoding="utf-8"))
    assert index["version"] == installed.INDEX_VERSION


def _each_record(change):
    return lambda d: [change(r) for v in d["folders"].values() for r in v["files"]]


@pytest.mark.parametrize("damage", [
    lambda d: d["folders"].update({k: {"files": 7} for k in d["folders"]}),
    lambda d: d["folders"].update({k: {"files": [{"path": 1}]} for k in d["folders"]}),
    lambda d: d.update(folders=[]),
    lambda d: d.update(version=0),
    # a record that fits the file's stamp but not the format: once every later run crashed
    _each_record(lambda r: [f.pop("outlines") for f in r["faces"]]),
    _each_record(lambda r: r.update(faces=[{"index": "x"}])),
    _each_record(lambda r: r.update(faces=None)),
    _each_record(lambda r: r.update(faces=[7])),
    _each_record(lambda r: r.update(error=5)),
    _each_record(lambda r: r.pop("fingerprint")),
])
def test_a_damaged_index_is_rebuilt(made, damage):
    folder = made["fangsong"].parent
    installed.installed_faces([folder])
    cache = Path(os.environ["BULLETIN_CACHE_DIR"]) / "fonts-index.json"
    data = json.loads(cache.read_text(encoding="utf-8"))
    damage(data)
    cache.write_text(json.dumps(data), encoding="utf-8")
    assert [f.path for f in installed.installed_faces([folder])] == [made["fangsong"]]


def test_installed_rows_list_every_face(made):
    rows = {(Path(r["file"]).name, r["index"]): r for r in fonts.installed_rows([made["tiny.ttf"].parent])}
    assert rows[("pair.ttc", 1)]["family"] == KAI and rows[("pair.ttc", 1)]["usable"]
    assert not rows[("cff.otf", 0)]["usable"] and "otf2ttf" in rows[("cff.otf", 0)]["why"]
    assert rows[("fake-fangsong.ttf", 0)]["names"] == ["FangSong_GB2312", "仿宋_GB2312"]
    assert ("corrupt.ttf", 0) not in rows


# ---- converting CFF fonts ------------------------------------------------------------------

def test_otf2ttf_converts_a_cff_font(made, workdir, capsys):
    out = workdir / "converted.ttf"
    assert otf2ttf.main([str(made["cff.otf"]), str(out)]) == 0
    [face] = sfnt.read_faces(out)
    assert (face.outlines, face.family) == ("glyf", CFF)
    assert sfnt.cmap_chars(out) == {ord("测"), ord("试")}
    f = fonts.resolve(spec_with(workdir, title="converted.ttf")).files["title"]
    from reportlab.pdfbase.ttfonts import TTFont

    assert TTFont("converted-test", str(f.path)).face.charToGlyph[ord("测")] > 0


def test_otf2ttf_converts_one_face_of_a_collection(made, tmp_path):
    out = tmp_path / "face0.ttf"
    assert otf2ttf.main([f"{made['mixed.ttc']}#0", str(out)]) == 0
    assert sfnt.read_faces(out)[0].outlines == "glyf"


@pytest.mark.parametrize("source, message", [
    ("tiny.ttf", "already has TrueType outlines: use it as it is"),
    ("mixed.ttc", "is a collection of 2 faces (#0 BulletinTestCFF, #1 BulletinTestFang); choose one"),
    ("mixed.ttc#5", "no face #5"),
    ("corrupt.ttf", "is not a font fontTools can read"),
])
def test_otf2ttf_refusals(made, tmp_path, capsys, source, message):
    name, _, frag = source.partition("#")
    src = str(made[name]) + (f"#{frag}" if frag else "")
    assert otf2ttf.main([src, str(tmp_path / "out.ttf")]) == 2
    assert message in capsys.readouterr().err
    assert not (tmp_path / "out.ttf").exists()


def test_otf2ttf_without_fonttools(monkeypatch, made, tmp_path, capsys):
    monkeypatch.setitem(sys.modules, "fontTools", None)  # as if it were not installed
    monkeypatch.setitem(sys.modules, "fontTools.ttLib", None)
    assert otf2ttf.main([str(made["cff.otf"]), str(tmp_path / "out.ttf")]) == 1
    assert "pip install fonttools" in capsys.readouterr().err


# ---- a whole build -------------------------------------------------------------------------

def test_build_embeds_the_spec_font_and_falls_back_for_what_it_lacks(workdir):
    """A fresh process, as `bulletin build` runs (see PS_CLASH below for why)."""
    import pdfplumber

    out = workdir / "out.pdf"
    code = ("import json, sys; from bulletin_cli import build; "
            "print(json.dumps(build(sys.argv[1], sys.argv[2]).fonts))")
    done = subprocess.run([sys.executable, "-c", code, str(write_spec(workdir, "\n    body: tiny.ttf")),
                          str(out)], capture_output=True, text=True, timeout=120, check=False)
    assert done.returncode == 0, done.stderr
    used = json.loads(done.stdout)
    assert used["body"] == str(workdir / "tiny.ttf") and "kai" in used  # 仿宋 → 楷 first
    expected = {sfnt.read_faces(Path(p))[0].name(6) for p in used.values()}

    embedded = set()
    with pikepdf.open(out) as pdf:
        for page in pdf.pages:
            for font in page.Resources.Font.values():
                m = re.match(r"^/[A-Z]{6}\+(.+)$", str(font.BaseFont))
                assert m, f"{font.BaseFont} is not a subset"
                assert "/FontFile2" in font.FontDescriptor, f"{font.BaseFont} is not embedded"
                embedded.add(m.group(1))
    # (a face not bundled carries a short hash of its identity after its PostScript name)
    assert {re.sub(r"-[0-9a-f]{6}$", "", name) for name in embedded} == expected
    assert any(name.startswith("BulletinTestFang") for name in embedded)

    with pdfplumber.open(out) as pdf:
        chars = [c for page in pdf.pages for c in page.chars]
    body = [c for c in chars if "+BulletinTestFang" in c["fontname"]]
    assert {c["text"] for c in body} >= set("今天开会工作，安排下一步。")
    drawn_by = {c["text"]: c["fontname"].split("+")[1] for c in chars if c["text"] in LACKING}
    kai_ps = sfnt.read_faces(fonts.bundled("kai").path)[0].name(6)  # 仿宋 → 楷 → 宋
    assert set(drawn_by) == set(LACKING) and all(n.startswith(kai_ps) for n in drawn_by.values())


# reportlab registers faces by PostScript name and hands out the first font registered under a
# name in place of a later one (pdfmetrics.registerFont), and names PDF objects after it. The
# bundled number.ttf and fallback.ttf share one (NotoSerifCJKsc-Regular), and a spec's font may
# share a name with another. pdf.Faces must keep them apart; the fix is the lead's (pdf.py).


def test_each_role_draws_with_its_own_file_when_postscript_names_clash(workdir):
    from reportlab.pdfbase import pdfmetrics

    from bulletin_cli.writers.pdf import Faces

    first = Faces(fonts.resolve(None).files)
    first.font("number")  # before the fallback, as a bulletin without rare characters loads them
    second = Faces(fonts.resolve(spec_with(workdir, body="tiny.ttf", kai="mixed.ttc#1")).files)
    for faces in (first, second):
        for role in ("number", "fallback", "body", "kai"):
            # the canvas draws with what the registry gives for the name; layout measured faces.font
            assert pdfmetrics.getFont(faces.name(role)) is faces.font(role), role
            # (copies of one file share one face, named by its bytes: pdf._load)
            assert faces.font(role).face._ttf_data == faces.files[role].path.read_bytes(), role


def test_two_files_with_one_postscript_name_in_one_pdf(workdir):
    """tiny.ttf and mixed.ttc#1 are both BulletinTestFang; fallback and number both Noto."""
    import pdfplumber

    from bulletin_cli import build

    result = build(write_spec(workdir, "\n    body: tiny.ttf\n    kai: mixed.ttc#1"), workdir / "out.pdf")
    with pikepdf.open(workdir / "out.pdf") as pdf:
        embedded = {str(font.BaseFont)[8:] for page in pdf.pages for _, font in page.Resources.Font.items()}
    assert len(embedded) == len(set(result.fonts.values())) == 5  # one font per file used
    with pdfplumber.open(workdir / "out.pdf") as pdf:
        chars = [c for page in pdf.pages for c in page.chars]
    assert "\x00" not in {c["text"] for c in chars}
    assert {c["text"] for c in chars} >= set(LACKING)


def test_cli_font_dir_and_official_fonts_say_what_they_used(made, tmp_path):
    """`--official-fonts` with a 仿宋_GB2312 in `--font-dir`: body uses it, the others say why not."""
    import json
    import os

    folder = tmp_path / "office-fonts"
    folder.mkdir()
    shutil.copy(made["fangsong"], folder / "fangsong.ttf")
    spec = tmp_path / "s.yaml"
    spec.write_text(TINY_SPEC.split("style:")[0], encoding="utf-8")
    env = {**os.environ, "BULLETIN_CACHE_DIR": str(tmp_path / "cache")}
    env.pop("BULLETIN_FONT_PATH", None)
    p = run("build", spec, "--official-fonts", "--font-dir", folder, "--json", env=env)
    assert p.returncode == 0, p.stderr
    [data] = json.loads(p.stdout)  # build --json: a record per spec
    assert data["fonts"]["body"] == str(folder / "fangsong.ttf")
    assert any(n.startswith("title:") and "bundled" in n for n in data["notes"])
    assert "note: title:" in p.stderr
    p = run("fonts", "--official-fonts", "--font-dir", folder, "--json", env=env)
    rows = {r["role"]: r for r in json.loads(p.stdout)["fonts"]}
    assert rows["body"]["source"] == "installed" and rows["title"]["source"] == "bundled"
    p = run("check", spec, "--font-dir", tmp_path / "nope", env=env)
    assert p.returncode == 2 and "nope" in p.stderr


def test_build_says_which_user_face_drew_each_role(workdir):
    from bulletin_cli import build

    spec = write_spec(workdir, "\n    body: tiny.ttf")
    result = build(spec, workdir / "out.pdf")
    assert f"body: drawn with {FANG} ({workdir / 'tiny.ttf'})" in result.notes, result.notes
    assert not any(n.startswith("title:") for n in result.notes)  # bundled faces need no note


# ---- hostile fonts (issue 14) ----------------------------------------------------------------

from .fonts.make_test_fonts import DAMAGE, damaged  # noqa: E402


@pytest.mark.parametrize("kind", DAMAGE)
def test_a_damaged_font_is_refused_at_its_key(workdir, kind):
    (workdir / "damaged.ttf").write_bytes(damaged(workdir / "tiny.ttf", kind))
    assert sfnt.read_faces(workdir / "damaged.ttf")[0].family == FANG  # its names read fine
    spec = spec_with(workdir, body="damaged.ttf")
    with pytest.raises(InputError) as e:
        fonts.resolve(spec)
    [p] = e.value.problems
    assert (p.path, p.line, p.col) == ("style.fonts.body", 11, 11)
    assert p.message.startswith("damaged.ttf: damaged font: ") and "install or download it again" in p.hint


def test_the_bundled_faces_hold_together():
    for role in ROLES:
        sfnt.check_outlines(fonts.bundled(role).path)


def test_check_and_build_refuse_a_damaged_font(workdir):
    """reportlab once embedded this font's glyphs in `build` only: `check` said ok, then exit 1."""
    (workdir / "damaged.ttf").write_bytes(damaged(workdir / "tiny.ttf", "glyf garbled"))
    spec = write_spec(workdir, "\n    body: damaged.ttf")
    for command in ("check", "build"):
        p = run(command, spec)
        assert p.returncode == 2, p.stderr
        assert f"error: {spec}:11:11: style.fonts.body: damaged.ttf: damaged font:" in p.stderr
    assert not (workdir / "spec.pdf").exists()


def test_a_damaged_official_face_is_named(made, tmp_path):
    folder = tmp_path / "office"
    folder.mkdir()
    (folder / "fangsong.ttf").write_bytes(damaged(made["fangsong"], "composite of a missing glyph"))
    with pytest.raises(InputError) as e:
        fonts.resolve(None, font_dirs=[folder], official=True)
    assert str(folder / "fangsong.ttf") in str(e.value) and "damaged font" in str(e.value)


@pytest.mark.parametrize("value", ["a" * 300 + ".ttf", "fonts/" + "b" * 300, "c" * 300])
def test_a_font_name_too_long_for_the_system_is_a_located_error(workdir, value):
    spec = write_spec(workdir, f"\n    body: {value}")
    for command in ("check", "build"):
        p = run(command, spec)
        assert p.returncode == 2, p.stderr
        assert f"error: {spec}:11:11: style.fonts.body: " in p.stderr


def test_a_fifo_named_as_a_font_is_refused_not_waited_on(workdir):
    os.mkfifo(workdir / "pipe.ttf")
    spec = write_spec(workdir, "\n    body: pipe.ttf")
    with pytest.raises(InputError, match="pipe, socket or device, not a regular file"):
        fonts.resolve(load_spec(spec))
    p = subprocess.run([sys.executable, "-m", "bulletin_cli", "build", str(spec)], capture_output=True,
                       text=True, timeout=120)
    assert p.returncode == 2 and "style.fonts.body" in p.stderr


def test_a_fifo_in_a_font_folder_is_skipped(made, tmp_path):
    folder = tmp_path / "fonts"
    folder.mkdir()
    os.mkfifo(folder / "a-pipe.ttf")
    shutil.copy(made["fangsong"], folder / "b.ttf")
    assert [f.path.name for f in installed.installed_faces([folder])] == ["b.ttf"]
    with pytest.raises(FontFormatError, match="not a regular file"):
        sfnt.read_faces(folder / "a-pipe.ttf")


def test_a_font_dir_that_is_a_file(made):
    with pytest.raises(InputError) as e:
        fonts.resolve(None, font_dirs=[made["tiny.ttf"]])
    assert str(e.value) == f"--font-dir {made['tiny.ttf']}: a file, not a folder\n  hint: " \
        "give the folder that holds the fonts (or name a font file in style.fonts)"


def test_a_font_overwritten_in_place_is_described_anew(made, tmp_path):
    """Same size, same mtime (os.utime), different font: the index must not describe the old one."""
    folder = tmp_path / "fonts"
    folder.mkdir()
    old, new = made["tiny.ttf"].read_bytes(), made["fangsong"].read_bytes()
    size = max(len(old), len(new))
    target = folder / "font.ttf"
    target.write_bytes(old.ljust(size, b"\0"))  # sfnt readers ignore bytes after the tables
    st = target.stat()
    assert [f.family for f in installed.installed_faces([folder])] == [FANG]
    with open(target, "r+b") as f:
        f.write(new.ljust(size, b"\0"))
    os.utime(target, ns=(st.st_atime_ns, st.st_mtime_ns))
    assert (target.stat().st_size, target.stat().st_mtime_ns) == (st.st_size, st.st_mtime_ns)
    assert [f.family for f in installed.installed_faces([folder])] == ["FangSong_GB2312"]


def test_a_touched_font_is_not_read_again(monkeypatch, made, tmp_path):
    folder = tmp_path / "fonts"
    folder.mkdir()
    shutil.copy(made["tiny.ttf"], folder / "font.ttf")
    installed.installed_faces([folder])
    calls = counting(monkeypatch)
    monkeypatch.setattr(installed, "RACY_NS", 0)  # as if the font had been installed long ago
    os.utime(folder / "font.ttf", ns=(1, 1))
    assert [f.family for f in installed.installed_faces([folder])] == [FANG]
    assert calls == []  # its fingerprint matched: nothing re-read


def _styled(src: Path, dest: Path, family: str, style: str, full: str | None = None) -> None:
    from fontTools.ttLib import TTFont

    font = TTFont(src)
    name = font["name"]
    name.names = [n for n in name.names if n.nameID not in (1, 2, 3, 4, 6, 16, 17)]
    ps = f"{family}-{style}".replace(" ", "")
    for nid, value in ((1, family), (2, style), (3, ps), (4, full or f"{family} {style}"), (6, ps)):
        name.setName(value, nid, 3, 1, 0x409 if value.isascii() else 0x804)
    font.save(dest)


def test_a_family_name_prefers_the_regular_weight(made, tmp_path):
    """DejaVu Sans calls its regular face "Book" (full name just "DejaVu Sans"): it was passed
    over for DejaVuSans-Bold.ttf, which sorts first."""
    folder = tmp_path / "fonts"
    folder.mkdir()
    for file, style, full in (("a-bold.ttf", "Bold", None), ("b-book.ttf", "Book", "Test Sans"),
                              ("c-oblique.ttf", "Oblique", None)):
        _styled(made["tiny.ttf"], folder / file, "Test Sans", style, full)
    for file, style in (("d-bold.ttf", "粗体"), ("e-regular.ttf", "常规")):
        _styled(made["tiny.ttf"], folder / file, "测试宋体", style)
    faces = installed.installed_faces([folder])

    def first(name):
        return fonts.find_family(name, faces)[0].path.name

    assert first("Test Sans") == "b-book.ttf"
    assert first("Test Sans Bold") == "a-bold.ttf"  # a style asked for is a style given
    assert first("Test Sans Oblique") == "c-oblique.ttf"
    assert first("Test Sans Book") == "b-book.ttf"
    assert first("测试宋体") == "e-regular.ttf"
    assert first("测试宋体 粗体") == "d-bold.ttf"


def test_system_fonts_can_be_ignored(monkeypatch):
    monkeypatch.undo()  # the hermetic fixture's stand-in: test the real function
    monkeypatch.delenv("BULLETIN_NO_SYSTEM_FONTS", raising=False)
    assert Path("/usr/share/fonts") in installed.system_font_folders()
    monkeypatch.setenv("BULLETIN_NO_SYSTEM_FONTS", "1")
    assert installed.system_font_folders() == []
