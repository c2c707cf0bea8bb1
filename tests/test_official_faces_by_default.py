"""The official faces are used without a flag where installed (issue 23): a free face renamed
仿宋_GB2312 in a folder the test makes is found by its name table and draws the body; what it
lacks is drawn by the bundled 仿宋 (its twin), then the 楷; `--bundled-fonts` keeps the machine
out. The machine's own font folders never take part (conftest, helpers.run)."""
from __future__ import annotations

import json
import os
import shutil
from pathlib import Path

import pdfplumber
import pytest

from bulletin_cli.errors import InputError
from bulletin_cli.fonts import installed, sfnt
from bulletin_cli.fonts import resolve as fonts

from .fonts.make_test_fonts import BODY_TEXT, BUNDLED, TINY_SPEC, cut
from .helpers import run

NOT_IN_OFFICIAL = "讨论"  # in GB2312 and in the bundled 仿宋, cut out of the fake 仿宋_GB2312
NOT_IN_GB2312 = "堃珺"  # in neither 仿宋 (the bundled FandolFang lacks them too): the 楷 draws them


@pytest.fixture(scope="module")
def office_fonts(tmp_path_factory) -> Path:
    """A folder holding the bundled 仿宋 cut to the test's text, its name table saying 仿宋_GB2312."""
    folder = tmp_path_factory.mktemp("office-fonts")
    chars = "".join(c for c in BODY_TEXT if c not in NOT_IN_OFFICIAL)
    cut(BUNDLED / "body.ttf", chars, "FangSong_GB2312", chinese="仿宋_GB2312").save(folder / "simfang.ttf")
    return folder


@pytest.fixture
def spec(tmp_path) -> Path:
    path = tmp_path / "s.yaml"
    text = TINY_SPEC.split("style:")[0].replace("安排下一步。", f"安排下一步。{NOT_IN_GB2312}。")
    path.write_text(text, encoding="utf-8")
    return path


def env_with(folder: Path, tmp_path: Path) -> dict[str, str]:
    return {**os.environ, "BULLETIN_FONT_PATH": str(folder), "BULLETIN_CACHE_DIR": str(tmp_path / "cache")}


def fonts_by_char(pdf_path: Path) -> dict[str, str]:
    with pdfplumber.open(pdf_path) as pdf:
        return {c["text"]: c["fontname"].split("+")[-1] for page in pdf.pages for c in page.chars}


def test_an_installed_fangsong_gb2312_draws_the_body_without_a_flag(office_fonts, spec, tmp_path):
    p = run("build", spec, "--json", env=env_with(office_fonts, tmp_path))
    assert p.returncode == 0, p.stderr
    [record] = json.loads(p.stdout)
    assert record["fonts"]["body"] == str(office_fonts / "simfang.ttf")
    assert record["fonts"]["body.bundled"] == str(fonts.bundled("body").path)
    drawn = fonts_by_char(spec.with_suffix(".pdf"))
    assert drawn["今"].startswith("FangSong_GB2312")
    assert all(drawn[c].startswith("FandolFang") for c in NOT_IN_OFFICIAL)  # the bundled 仿宋
    assert all(drawn[c].startswith("WenKai") for c in NOT_IN_GB2312)  # then the 楷
    said = f"{spec}:8:11: 讨、论 not in the official 仿宋 face (body); drawn in the bundled 仿宋 face"
    assert said in record["notes"] and f"note: {said}" in p.stderr
    then = "堃、珺 not in the 仿宋 face (body); drawn in the 楷体 face (kai)"
    assert any(then in n for n in record["notes"])
    assert f"body: drawn with 仿宋_GB2312 ({office_fonts / 'simfang.ttf'})" in record["notes"]
    assert not any("not found" in n for n in record["notes"])  # unasked: no word on missing ones
    assert record["faces"]["body"] == {"family": "仿宋_GB2312", "source": "installed",
                                       "file": str(office_fonts / "simfang.ttf")}
    assert record["faces"]["body.bundled"]["family"] == "FandolFang"
    assert {"where": f"{spec}:8:11", "role": "body", "drawn_by": "body.bundled",
            "chars": list(NOT_IN_OFFICIAL)} in record["stand_ins"]
    p = run("build", spec, "-o", tmp_path / "s.ofd", env=env_with(office_fonts, tmp_path))
    assert p.returncode == 0, p.stderr  # the OFD writer takes the twin as any role


def test_bundled_fonts_keeps_the_installed_face_out(office_fonts, spec, tmp_path):
    p = run("build", spec, "--bundled-fonts", "--json", env=env_with(office_fonts, tmp_path))
    assert p.returncode == 0, p.stderr
    [record] = json.loads(p.stdout)
    assert record["fonts"]["body"] == str(fonts.bundled("body").path)
    assert "body.bundled" not in record["fonts"]
    assert not any("仿宋_GB2312" in n for n in record["notes"])
    assert fonts_by_char(spec.with_suffix(".pdf"))["今"].startswith("FandolFang")


def test_official_fonts_still_says_which_are_missing(office_fonts, spec, tmp_path):
    env = env_with(office_fonts, tmp_path)
    p = run("build", spec, "--official-fonts", "--json", env=env)
    [record] = json.loads(p.stdout)
    assert f"body: 仿宋_GB2312 found: {office_fonts / 'simfang.ttf'}" in record["notes"]
    assert "heading: 黑体 not found; using bundled Noto Sans CJK SC Bold" in record["notes"]
    p = run("fonts", "--json", env=env)  # `bulletin fonts` says which face each role uses
    rows = {r["role"]: r for r in json.loads(p.stdout)["fonts"]}
    assert (rows["body"]["family"], rows["body"]["source"]) == ("仿宋_GB2312", "installed")
    assert rows["title"]["source"] == "bundled"


def test_the_tests_never_see_the_machines_fonts(office_fonts, tmp_path, monkeypatch):
    """A 仿宋_GB2312 in the user's own font folder (HOME in tmp_path) is found by a plain
    `bulletin fonts` only when the machine's folders are let in; helpers.run keeps them out."""
    home = tmp_path / "home"
    shutil.copytree(office_fonts, home / ".local" / "share" / "fonts")
    env = {**os.environ, "HOME": str(home), "BULLETIN_CACHE_DIR": str(tmp_path / "cache")}
    env.pop("BULLETIN_NO_SYSTEM_FONTS")
    body = {r["role"]: r for r in json.loads(run("fonts", "--json", env=env).stdout)["fonts"]}["body"]
    assert body["source"] == "bundled"
    monkeypatch.setenv("HOME", str(home))
    monkeypatch.setenv("BULLETIN_NO_SYSTEM_FONTS", "0")
    assert home / ".local" / "share" / "fonts" in installed.system_font_folders()


def test_a_folder_of_many_faces_is_looked_up_from_the_index(office_fonts, tmp_path, monkeypatch):
    """The official names are matched against the names the index keeps: a second lookup reads no
    font file and normalises no name."""
    monkeypatch.setenv("BULLETIN_CACHE_DIR", str(tmp_path / "cache"))
    folder = tmp_path / "many"
    folder.mkdir()
    for k in range(20):
        shutil.copy(BUNDLED / "number.ttf", folder / f"n{k:02d}.ttf")
    shutil.copy(office_fonts / "simfang.ttf", folder / "zz-simfang.ttf")
    assert fonts.resolve(None, [folder]).files["body"].path == folder / "zz-simfang.ttf"
    monkeypatch.setattr(installed, "read_faces", lambda *_a: pytest.fail("a font file read again"))
    monkeypatch.setattr(sfnt, "name_key", lambda *_a: pytest.fail("a name normalised again"))
    monkeypatch.setattr(fonts, "check_outlines", lambda *_a: pytest.fail("its outlines checked again"))
    assert fonts.resolve(None, [folder]).files["body"].path == folder / "zz-simfang.ttf"


def test_a_damaged_official_face_is_refused_from_the_cached_verdict_too(office_fonts, tmp_path, monkeypatch):
    from .fonts.make_test_fonts import damaged

    monkeypatch.setenv("BULLETIN_CACHE_DIR", str(tmp_path / "cache"))
    (tmp_path / "simfang.ttf").write_bytes(damaged(office_fonts / "simfang.ttf", "glyf garbled"))
    for _ in range(2):
        with pytest.raises(InputError, match=r"official body face 仿宋_GB2312 at .*: damaged font"):
            fonts.resolve(None, [tmp_path])
        monkeypatch.setattr(fonts, "check_outlines", lambda *_a: pytest.fail("checked again"))
