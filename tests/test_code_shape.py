"""The sizes a reader can hold: no module of the package over 600 lines, no class over 300, no
function over 80 (docs/architecture.md). A part that grows past them is split where it grew."""
import ast
from pathlib import Path

import pytest

PACKAGE = Path(__file__).resolve().parents[1] / "src" / "bulletin_cli"
MODULES = sorted(PACKAGE.rglob("*.py"))
LIMITS = {"module": 600, "class": 300, "function": 80}


def _too_long(path: Path) -> list[str]:
    text = path.read_text(encoding="utf-8")
    found = []
    if len(text.splitlines()) > LIMITS["module"]:
        found.append(f"module: {len(text.splitlines())} lines")
    for node in ast.walk(ast.parse(text)):
        kind = ("class" if isinstance(node, ast.ClassDef)
                else "function" if isinstance(node, ast.FunctionDef | ast.AsyncFunctionDef) else None)
        length = node.end_lineno - node.lineno + 1 if kind else 0
        if kind and length > LIMITS[kind]:
            found.append(f"{kind} {node.name} (line {node.lineno}): {length} lines")
    return found


def test_the_package_has_its_stage_folders():
    assert {p.name for p in PACKAGE.iterdir() if (p / "__init__.py").exists()} >= {
        "spec", "text", "fonts", "layout", "writers", "proofread"}


@pytest.mark.parametrize("path", MODULES, ids=lambda p: str(p.relative_to(PACKAGE)))
def test_no_module_class_or_function_is_longer_than_a_reader_can_hold(path):
    assert _too_long(path) == []
