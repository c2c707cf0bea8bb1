"""Make `bulletin` an application that runs without Python: a PyInstaller one-folder build.

    pip install -e '.[freeze]' && python tools/freeze.py

Writes build/freeze/dist/bulletin/ (run bulletin/bulletin, or bulletin\\bulletin.exe on Windows;
hand on the whole folder), then builds the example with it and with this Python's install, PDF
and OFD, and compares the bytes (and with tests/fixtures/digests.json). Prints the folder's size
and how long making it and building the example took. Not a test: it takes minutes. PyInstaller
builds for the system it runs on: make the Windows application on Windows.
"""
from __future__ import annotations

import argparse
import hashlib
import json
import os
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
BUILD = ROOT / "build" / "freeze"
APP = BUILD / "dist" / "bulletin"
EXAMPLE = "examples/liaocheng-11.yaml"

# The frozen program's entry. freeze_support: a worker process that `build -j` starts on Windows
# is this executable again, and must become the worker rather than run the command line.
ENTRY = """\
import multiprocessing

from bulletin_cli.cli import run

if __name__ == "__main__":
    multiprocessing.freeze_support()
    run()
"""

# Modules imported by name at run time, which PyInstaller's reading of import statements does
# not see: the package's own lazy API (bulletin_cli.__getattr__), fontTools' table modules.
HIDDEN = ("bulletin_cli", "fontTools.ttLib.tables")


def package_data() -> list[tuple[Path, str]]:
    """Every data file of the package, as (file, folder in the application): what is not code
    under bulletin_cli/ (word list, template, ICC profile, message catalogs, whatever is added
    later: what PyInstaller's collect_data_files takes), and the bundled fonts, which a checkout
    keeps in fonts/ and the wheel puts in bulletin_cli/fonts/bundled."""
    import bulletin_cli
    from bulletin_cli.fonts.resolve import fonts_dir

    package = Path(bulletin_cli.__file__).parent
    data = [(f, str(f.parent.relative_to(package.parent))) for f in sorted(package.rglob("*"))
            if f.is_file() and f.suffix not in (".py", ".pyc") and "__pycache__" not in f.parts]
    fonts = fonts_dir()
    if not fonts.is_relative_to(package):  # a checkout: put them where the wheel does
        data += [(f, str(Path("bulletin_cli/fonts/bundled", f.parent.relative_to(fonts))))
                 for f in sorted(fonts.rglob("*")) if f.is_file()]
    return data


def make() -> float:
    """Run PyInstaller; the seconds it took."""
    import PyInstaller.__main__
    from PyInstaller.utils.hooks import collect_submodules

    BUILD.mkdir(parents=True, exist_ok=True)
    entry = BUILD / "bulletin.py"
    entry.write_text(ENTRY, encoding="utf-8")
    args = ["--noconfirm", "--clean", "--onedir", "--console", "--name", "bulletin", "--log-level", "WARN",
            "--distpath", str(BUILD / "dist"), "--workpath", str(BUILD / "work"), "--specpath", str(BUILD)]
    for module in HIDDEN:
        args += [f"--hidden-import={m}" for m in collect_submodules(module)]
    args += [f"--add-data={f}{os.pathsep}{folder}" for f, folder in package_data()]
    start = time.perf_counter()
    PyInstaller.__main__.run([*args, str(entry)])
    return time.perf_counter() - start


def folder_size(folder: Path) -> int:
    return sum(f.stat().st_size for f in folder.rglob("*") if f.is_file() and not f.is_symlink())


Times = tuple[float, float]  # wall, CPU seconds


def build_example(program: list[str], out: Path) -> Times:
    """Build the example, PDF and OFD, with the bundled fonts, in a fresh process: (wall seconds,
    CPU seconds; 0 where the system does not count a child's). The face cache is out's folder's
    own: empty the first time, made the second."""
    env = {**os.environ, "BULLETIN_NO_SYSTEM_FONTS": "1", "BULLETIN_CACHE_DIR": str(out.parent / "cache")}
    env.pop("BULLETIN_FONT_PATH", None)
    env.pop("SOURCE_DATE_EPOCH", None)
    start, cpu = time.perf_counter(), os.times()
    subprocess.run([*program, "build", str(ROOT / EXAMPLE), "-o", str(out), "--format", "pdf,ofd"],
                   check=True, env=env, capture_output=True)
    after = os.times()
    return time.perf_counter() - start, after.children_user + after.children_system - cpu.children_user \
        - cpu.children_system


def measure(program: list[str], folder: Path) -> tuple[Times, Times, dict[str, str]]:
    """The example's (wall, CPU) without a face cache, and with it; its {format: sha256}."""
    out = folder / "example.pdf"
    out.parent.mkdir()
    first, again = build_example(program, out), build_example(program, out)
    return first, again, {fmt: hashlib.sha256(out.with_suffix(f".{fmt}").read_bytes()).hexdigest()
                          for fmt in ("pdf", "ofd")}


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--no-make", action="store_true", help="check the application made before")
    args = ap.parse_args()
    made = None if args.no_make else make()
    exe = APP / ("bulletin.exe" if sys.platform == "win32" else "bulletin")
    recorded = json.loads((ROOT / "tests" / "fixtures" / "digests.json").read_text("utf-8"))
    with tempfile.TemporaryDirectory() as tmp:
        runs = {"frozen": measure([str(exe)], Path(tmp) / "frozen"),
                "pip install": measure([sys.executable, "-m", "bulletin_cli"], Path(tmp) / "installed")}
    frozen, installed = runs["frozen"][2], runs["pip install"][2]
    for fmt in ("pdf", "ofd"):
        print(f"{fmt}: frozen {'==' if frozen[fmt] == installed[fmt] else '!='} pip install, "
              f"{'==' if frozen[fmt] == recorded[f'{EXAMPLE} {fmt}'] else '!='} tests/fixtures/digests.json")
    if made is not None:
        print(f"made in {made:.0f} s")
    print(f"application: {APP.relative_to(ROOT)}, {folder_size(APP) / 2**20:.0f} MB")
    for name, (first, again, _) in runs.items():
        print(f"the example, PDF and OFD, {name}: {first[0]:.2f} s wall / {first[1]:.2f} s CPU without "
              f"a face cache, {again[0]:.2f} s / {again[1]:.2f} s with it")
    return 0 if frozen == installed else 1


if __name__ == "__main__":
    sys.exit(main())
