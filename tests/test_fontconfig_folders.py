"""fontconfig's <dir> entries are read without an XML parser (installed._fontconfig_dirs): what a
parser would have given, for the forms a fonts.conf holds."""
from pathlib import Path

from bulletin_cli.fonts import installed


def test_comments_entities_and_quotes_read_as_an_xml_parser_reads_them(tmp_path, monkeypatch):
    monkeypatch.setenv("XDG_DATA_HOME", str(tmp_path / "xdg"))
    conf = tmp_path / "fonts.conf"
    conf.write_text("""<?xml version="1.0"?>
<fontconfig>
  <!-- <dir>/commented/out</dir> -->
  <!--
  <dir>/also/commented</dir>
  -->
  <dir>/opt/R&amp;D fonts</dir>
  <dir prefix='xdg'>fonts</dir>
  <dir salt="x" prefix = "relative" >extra</dir >
  <dir>  </dir>
  <dirs>/not/a/dir/element</dirs>
</fontconfig>
""", encoding="utf-8")
    assert installed._fontconfig_dirs([conf]) == [
        Path("/opt/R&D fonts"), tmp_path / "xdg" / "fonts", tmp_path / "extra"]


def test_a_file_that_cannot_be_read_as_text_is_skipped(tmp_path):
    conf = tmp_path / "fonts.conf"
    conf.write_bytes(b"\xff\xfe<dir>/x</dir>")
    folder = tmp_path / "a-folder.conf"
    folder.mkdir()
    assert installed._fontconfig_dirs([folder, tmp_path / "missing.conf"]) == []
    assert installed._fontconfig_dirs([conf]) == [Path("/x")]
