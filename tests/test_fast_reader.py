"""libyaml's parser (C) composes a spec into the very nodes and marks PyYAML's would, or the text
is read by PyYAML: the fast path never changes what a spec means or where a message points."""
from pathlib import Path

import pytest
import yaml
from hypothesis import given, settings
from hypothesis import strategies as st
from yaml.nodes import ScalarNode, SequenceNode

from bulletin_cli.errors import InputError
from bulletin_cli.spec import nodes
from bulletin_cli.spec.keys import ALLOWED_TAGS
from bulletin_cli.spec.reader import load_text
from bulletin_cli.spec.source import File

ROOT = Path(__file__).resolve().parents[1]
SPECS = sorted(p for p in ROOT.glob("**/*.yaml") if ".venv" not in p.parts)
needs_libyaml = pytest.mark.skipif(nodes.CParser is None, reason="PyYAML without libyaml")


def flat(node, seen=None) -> list:
    """A tree as comparable values: kind, tag, value, style and marks of every node."""
    seen = set() if seen is None else seen
    if node is None or id(node) in seen:
        return [None if node is None else "alias"]
    seen.add(id(node))
    mark = (node.start_mark.name, node.start_mark.index, node.start_mark.line, node.start_mark.column,
            node.end_mark.index)
    if isinstance(node, ScalarNode):
        return [("scalar", node.tag, node.value, node.style or None, mark)]
    children = node.value if isinstance(node, SequenceNode) else [n for pair in node.value for n in pair]
    return [(type(node).__name__, node.tag, mark), *(x for c in children for x in flat(c, seen))]


def both(text: str):
    """What PyYAML and libyaml compose of `text`, made ready as the loader makes it; None for a
    text the loader gives to PyYAML alone."""
    file = File.of_text(text, "f")
    nodes._sanitize(file)
    if nodes._libyaml_differs(file.text):
        return None
    out = []
    for loader in (nodes._Loader(file.text, "f"), nodes._FastLoader(file.text, "f")):
        try:
            out.append(flat(loader.get_single_node()))
        except yaml.YAMLError:
            out.append("error")
        except nodes.Refused as e:
            out.append(("refused", e.args[0]))
    return out


@needs_libyaml
@pytest.mark.parametrize("path", SPECS, ids=lambda p: str(p.relative_to(ROOT)))
def test_every_spec_in_the_repository_composes_the_same(path):
    found = both(path.read_text(encoding="utf-8", errors="replace"))
    if found is not None:
        pure, fast = found
        assert fast == pure or fast == "error"  # an error is read again by PyYAML, for its message


PIECES = st.sampled_from([
    *"ab 中文，\n:-#|>'\"\\[]{},&*!?%@`~0123.", "\u3000", "\u2028", "\x85", "\ufeff", "\t", "  - ", ": ",
    "\n  ", "'x'", '"\\n"', '"\\\n"', "|\n  ", ">-\n  ", "!!str ", "&a ", "*a "])


@needs_libyaml
@settings(max_examples=400, deadline=None)
@given(st.lists(PIECES, min_size=1, max_size=30).map("".join), st.booleans())
def test_what_libyaml_reads_it_reads_as_pyyaml_does(pieces, newline):
    found = both(pieces + ("\n" if newline else ""))
    if found is None:
        return  # read by PyYAML alone
    pure, fast = found
    if fast == "error" or fast == pure:
        return
    # the one difference left: a tag PyYAML cannot even scan (!@!x), which libyaml passes on;
    # the loader refuses it either way, as a tag that is not allowed
    assert pure == "error" and any(n[1] not in ALLOWED_TAGS for n in fast if n and n[0] != "alias")


@pytest.mark.parametrize("path", sorted((ROOT / "tests" / "fixtures").glob("*/*.yaml")), ids=lambda p: p.name)
def test_a_spec_reads_the_same_with_or_without_libyaml(path, monkeypatch):
    text = path.read_text(encoding="utf-8", errors="replace")

    def read():
        try:
            loaded = load_text(text, str(path), series=True)
        except InputError as e:
            return e.problems
        return loaded.spec

    fast = read()
    monkeypatch.setattr(nodes, "CParser", None)
    assert read() == fast
