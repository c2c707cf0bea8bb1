"""Every user-facing string goes through `_()`: an ast scan of src for English text passed
straight to the places messages go (echo/print, Problem, the errors, a source's report, help
texts, notes). Text that is made at run time from names (a variable, a call) is not judged; a
literal, an f-string or a concatenation holding English words is."""
from __future__ import annotations

import ast
import re

from .helpers import ROOT

SRC = ROOT / "src" / "bulletin_cli"
# callee name -> (positional indexes, keywords) that are said to the user
SINKS = {
    "echo": ((0,), ()), "print": ((0,), ()), "Problem": ((4, 5), ("message", "hint")),
    "InputError": ((0,), ()), "BuildError": ((0,), ()), "BulletinError": ((0,), ()),
    "report": ((2, 3), ("message", "hint")), "refused": ((0, 1), ("hint",)),
    "_refused": ((2, 3), ("hint",)), "problem": ((0, 1), ("hint",)), "fail": ((0, 1), ("hint",)),
    "Option": ((), ("help",)), "Argument": ((), ("help",)), "Typer": ((), ("help",)),
    "command": ((), ("help", "short_help")), "_command_of": ((0,), ()), "note": ((0,), ()),
    "_err": ((0,), ()), "_wrote": ((0,), ()), "Unreadable": ((0,), ()), "Refused": ((0, 2), ()),
    "Damaged": ((0,), ()), "PictureError": ((0,), ()), "FontFormatError": ((0,), ()),
    "NotText": ((0, 1), ()), "MarkupError": ((0, 2), ()),
}
WORDS = re.compile(r"[A-Za-z]{3,}")
# parts that are not English to translate: a leading field path, a name of an option or a key
NOT_WORDS = re.compile(r"--?[a-z][\w-]*|\b[a-z_]+(\[\d*\])?\.[a-z_.]+\b|\bU\+[0-9A-F]+"
                       r"|\b\w+\.(yaml|pdf|ofd|bak)\b")


def _english(node: ast.AST) -> bool:
    """A literal (or f-string, or + of them) whose own text holds an English word."""
    if isinstance(node, ast.Constant) and isinstance(node.value, str):
        return bool(WORDS.search(NOT_WORDS.sub("", node.value)))
    if isinstance(node, ast.JoinedStr):
        return any(_english(v) for v in node.values if isinstance(v, ast.Constant))
    if isinstance(node, ast.BinOp) and isinstance(node.op, ast.Add):
        return _english(node.left) or _english(node.right)
    if isinstance(node, ast.Call) and isinstance(node.func, ast.Attribute) and node.func.attr == "format":
        return _english(node.func.value)
    return False


def _callee(call: ast.Call) -> str | None:
    f = call.func
    return f.id if isinstance(f, ast.Name) else f.attr if isinstance(f, ast.Attribute) else None


def _notes_append(call: ast.Call) -> bool:
    f = call.func
    return (isinstance(f, ast.Attribute) and f.attr == "append"
            and isinstance(f.value, ast.Name | ast.Attribute)
            and (getattr(f.value, "id", None) or f.value.attr).endswith("notes"))


def unwrapped() -> list[str]:
    found = []
    for path in sorted(SRC.rglob("*.py")):
        for call in ast.walk(ast.parse(path.read_text("utf-8"))):
            if not isinstance(call, ast.Call):
                continue
            name = _callee(call)
            positions, keywords = SINKS.get(name, ((0,), ()) if _notes_append(call) else ((), ()))
            said = [call.args[i] for i in positions if i < len(call.args)]
            said += [k.value for k in call.keywords if k.arg in keywords]
            found += [f"{path.relative_to(ROOT)}:{node.lineno}: {name}({ast.unparse(node)[:70]})"
                      for node in said if _english(node)]
    return found


def test_every_message_goes_through_the_catalog():
    left = unwrapped()
    assert not left, "\n".join(["not wrapped in _():", *left])
