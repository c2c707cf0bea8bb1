"""Files as Chinese Windows tools save them (issue 23): a spec, a series file or a .txt/.md body in
GB18030 (GBK, Notepad's "ANSI") is read, with a note naming the encoding; every problem keeps
its line and column; what is neither UTF-8 nor Chinese GB18030 is still refused."""
from __future__ import annotations

import json

import pytest

from bulletin_cli.errors import InputError
from bulletin_cli.spec.reader import load, load_spec

from .helpers import ISSUE, ROOT, SERIES, run

GBK_SPEC = ROOT / "tests" / "fixtures" / "encodings" / "gbk.yaml"
MINIMAL = (ROOT / "tests" / "fixtures" / "valid" / "minimal.yaml").read_text(encoding="utf-8")
NOTE = "read as GB18030, not UTF-8; save it as UTF-8"


def test_the_gbk_fixture_builds_with_a_note(tmp_path):
    raw = GBK_SPEC.read_bytes()
    assert "聊城市" in raw.decode("gb18030")
    with pytest.raises(UnicodeDecodeError):
        raw.decode("utf-8")
    p = run("build", GBK_SPEC, "-o", tmp_path / "out.pdf", "--json")
    assert p.returncode == 0, p.stderr
    [record] = json.loads(p.stdout)
    assert f"note: {GBK_SPEC}: {NOTE}" in p.stderr
    assert any(n.startswith(f"{GBK_SPEC}: {NOTE}") for n in record["notes"])


def test_problems_keep_their_places_after_decoding(tmp_path):
    """The same invalid spec in UTF-8 and in GB18030: the same problems at the same places, a
    Chinese title before the bad value on its line."""
    text = MINIMAL.replace("masthead:\n", "masthead:\n  subtitle: 聊城市创城办编印\n", 1)
    text = text.replace("  issue: 11\n", "  issue: {第十一期: x}\n")
    found = {}
    for encoding in ("utf-8", "gb18030"):
        spec = tmp_path / f"{encoding}.yaml"
        spec.write_bytes(text.encode(encoding))
        with pytest.raises(InputError) as e:
            load(str(spec))
        found[encoding] = [(p.line, p.col, p.path, p.message) for p in e.value.problems]
    assert found["utf-8"] == found["gb18030"] and found["utf-8"]


def test_a_series_file_and_a_body_file_in_gb18030_are_named(tmp_path):
    (tmp_path / "series").mkdir()
    (tmp_path / "series" / "series.yaml").write_bytes(SERIES.replace("    body: fonts/mybody.ttf\n", "")
                                                      .encode("gb18030"))
    (tmp_path / "issue").mkdir()
    (tmp_path / "issue" / "body.md").write_bytes("第一段，王堃同志发言。\n".encode("gb18030"))
    issue = tmp_path / "issue" / "issue.yaml"
    text = ISSUE.replace("    body: |\n      正文第一段。\n", "    body_file: body.md\n")
    issue.write_text(text, encoding="utf-8")
    spec = load_spec(issue, root=tmp_path)
    assert spec.articles[0].paragraphs[0].text == "第一段，王堃同志发言。"
    assert spec.masthead.title == "某区创建全国文明城市工作简报"
    said = [n for n in spec.notes if NOTE in n]
    assert [n.split(": read as")[0] for n in said] == [str(tmp_path / "series" / "series.yaml"),
                                                          str(tmp_path / "issue" / "body.md")]


@pytest.mark.parametrize("data", ["# naïve café\n".encode("latin-1"), b"\x80\x81\xfe\xff" * 8])
def test_what_is_not_chinese_is_still_refused(tmp_path, data):
    spec = tmp_path / "s.yaml"
    spec.write_bytes(data + MINIMAL.encode())
    with pytest.raises(InputError) as e:
        load_spec(spec)
    assert e.value.problems[0].message == "file is not UTF-8 text"


def test_check_fix_writes_a_gb18030_spec_back_in_gb18030(tmp_path):
    spec = tmp_path / "s.yaml"
    spec.write_bytes(MINIMAL.replace("工作。", "工作,").encode("gb18030"))  # a half-width comma
    p = run("check", "--fix", spec)
    assert p.returncode in (0, 1), p.stderr
    fixed = spec.read_bytes().decode("gb18030")
    assert "督导创城工作，" in fixed and "工作," not in fixed
    with pytest.raises(UnicodeDecodeError):
        spec.read_bytes().decode("utf-8")
