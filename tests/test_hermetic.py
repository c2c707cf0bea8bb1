"""The suite itself: test modules share code through helper modules only, so any one of them
runs alone, in any order, in any worker; and no test writes into the user's cache folder."""
import ast
import os
import tempfile
from pathlib import Path

import pytest

TESTS = Path(__file__).parent


def _imported(tree: ast.Module) -> set[str]:
    """The modules of this package a module imports, by their last name (`.test_cli` ->
    `test_cli`), at the top or inside a function."""
    names = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.ImportFrom) and node.level:
            if node.module:
                names.add(node.module.split(".")[-1])
            names.update(a.name for a in node.names)
        elif isinstance(node, ast.ImportFrom) and (node.module or "").startswith("tests."):
            names.add(node.module.split(".")[-1])
        elif isinstance(node, ast.Import):
            names.update(a.name.split(".")[-1] for a in node.names if a.name.startswith("tests."))
    return names


@pytest.mark.parametrize("path", sorted(TESTS.rglob("*.py")), ids=lambda p: str(p.relative_to(TESTS)))
def test_no_module_imports_a_test_module_or_conftest(path):
    used = _imported(ast.parse(path.read_text("utf-8")))
    assert sorted(n for n in used if n.startswith("test_") or n == "conftest") == [], (
        "move what is shared into tests/helpers.py")


def test_the_font_cache_is_a_temporary_folder_of_this_run():
    cache = Path(os.environ["BULLETIN_CACHE_DIR"])
    assert cache.is_relative_to(tempfile.gettempdir()) and cache.name.startswith("bulletin-test-cache-")
