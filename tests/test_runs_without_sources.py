"""Nothing at run time reads the package's own source files (issue 23). A frozen application
(PyInstaller) lays out the package's data files in a folder and keeps the compiled code in an
archive: each module's __file__ names a .pyc in that folder that does not exist. Here the
package is laid out the same way (its data files and the bundled fonts where the wheel puts
them, no .py and no .pyc), its compiled code loaded from elsewhere by the import hook below, in a
fresh process that builds the example to the recorded bytes, PDF and OFD."""
import compileall
import hashlib
import json
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from .helpers import EXAMPLE, ROOT, WAIT

TABLE = json.loads((ROOT / "tests" / "fixtures" / "digests.json").read_text("utf-8"))

# Run as `python -c FROZEN SITE CODE ARGS...`: bulletin_cli's modules come from CODE's .pyc
# files, but they are told they live in SITE (__file__, resources), as PyInstaller tells them.
FROZEN = """
import importlib.machinery, importlib.util, runpy, sys
from pathlib import Path

site, code = map(Path, sys.argv[1:3])

class Archived(importlib.machinery.SourcelessFileLoader):
    def get_data(self, path):  # the compiled code is read from the archive, not from `path`
        return (code / Path(path).relative_to(site)).read_bytes()

class Finder:
    def find_spec(self, name, path=None, target=None):
        if name.partition(".")[0] != "bulletin_cli":
            return None
        rel = Path(*name.split("."))
        for file, package in ((rel / "__init__.pyc", True), (rel.parent / f"{rel.name}.pyc", False)):
            if (code / file).exists():
                return importlib.util.spec_from_file_location(
                    name, site / file, loader=Archived(name, str(site / file)),
                    submodule_search_locations=[str(site / rel)] if package else None)
        return None

sys.meta_path.insert(0, Finder())
sys.argv = ["bulletin", *sys.argv[3:]]
runpy.run_module("bulletin_cli", run_name="__main__")
"""


@pytest.fixture(scope="module")
def frozen(tmp_path_factory) -> tuple[Path, Path]:
    """(SITE, CODE): the package's data files, and its compiled modules."""
    site, code = tmp_path_factory.mktemp("site"), tmp_path_factory.mktemp("code")
    package = ROOT / "src" / "bulletin_cli"
    for source in package.rglob("*.py"):
        copy = code / source.relative_to(package.parent)
        copy.parent.mkdir(parents=True, exist_ok=True)
        shutil.copyfile(source, copy)
    assert compileall.compile_dir(code, legacy=True, quiet=1)  # legacy: x.pyc where x.py was
    shutil.copytree(package, site / "bulletin_cli", ignore=shutil.ignore_patterns("__pycache__", "*.py"))
    shutil.copytree(ROOT / "fonts", site / "bulletin_cli" / "fonts" / "bundled")  # pyproject's force-include
    return site, code


def bulletin(frozen: tuple[Path, Path], *args: str, cwd: Path) -> subprocess.CompletedProcess:
    env = {**os.environ, "BULLETIN_CACHE_DIR": str(cwd / "cache")}
    return subprocess.run([sys.executable, "-B", "-c", FROZEN, *map(str, frozen), *args], capture_output=True,
                          text=True, cwd=cwd, env=env, timeout=WAIT)


def test_the_package_folder_holds_no_code(frozen):
    site, code = frozen
    assert (code / "bulletin_cli" / "fonts" / "metrics.pyc").exists()
    assert [p for p in site.rglob("*") if p.suffix in (".py", ".pyc")] == []
    assert (site / "bulletin_cli" / "data" / "words.txt").exists()


def test_the_example_builds_to_the_recorded_bytes_without_sources(frozen, tmp_path):
    for attempt in ("the face cache made", "the face cache read"):  # it is keyed by the code
        p = bulletin(frozen, "build", str(EXAMPLE), "-o", "out.pdf", "--format", "pdf,ofd", cwd=tmp_path)
        assert p.returncode == 0, (attempt, p.stderr)
        for fmt in ("pdf", "ofd"):
            built = hashlib.sha256((tmp_path / f"out.{fmt}").read_bytes()).hexdigest()
            assert built == TABLE[f"examples/liaocheng-11.yaml {fmt}"], (attempt, fmt)
