"""The frozen application (tools/freeze.py) carries every data file the package reads at run time,
where the package looks for it: the word list, template, ICC profile, whatever data folder is
added later (message catalogs), and the bundled fonts where the wheel puts them. Making the
application takes minutes (run tools/freeze.py); this checks only what it is given."""
import sys

from bulletin_cli.fonts.resolve import fonts_dir

from .helpers import ROOT

sys.path.insert(0, str(ROOT / "tools"))
import freeze

PACKAGE = ROOT / "src" / "bulletin_cli"


def given() -> set[str]:
    """Each data file as the path the application will hold it at."""
    return {f"{folder}/{f.name}" for f, folder in freeze.package_data()}


def test_every_data_file_of_the_package_is_given_in_its_folder():
    data = {str(f.relative_to(PACKAGE.parent)) for f in PACKAGE.rglob("*")
            if f.is_file() and f.suffix not in (".py", ".pyc") and "__pycache__" not in f.parts}
    assert {"bulletin_cli/data/words.txt", "bulletin_cli/template.yaml",
            "bulletin_cli/data/FOGRA39L_coated.icc"} <= data
    assert data <= given()


def test_the_bundled_fonts_go_where_the_wheel_puts_them():
    fonts = {f"bulletin_cli/fonts/bundled/{f.relative_to(fonts_dir())}" for f in fonts_dir().rglob("*")
             if f.is_file()}
    assert {"bulletin_cli/fonts/bundled/body.ttf",
            "bulletin_cli/fonts/bundled/repertoire/tongyong-8105.txt"} <= fonts
    assert fonts <= given()


def test_no_code_is_given_as_data():
    assert not [p for p in given() if p.endswith((".py", ".pyc"))]
