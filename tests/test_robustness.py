"""Nothing a user types crashes the tool or damages a file (issue 5)."""
import os
import signal
import subprocess
import sys
import time
from importlib import resources

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from bulletin_cli import build
from bulletin_cli.errors import BulletinError, InputError

from .conftest import EXAMPLE

TEMPLATE = resources.files("bulletin_cli").joinpath("template.yaml").read_text("utf-8")


def test_killed_build_leaves_previous_pdf_intact(tmp_path):
    spec = tmp_path / "s.yaml"
    spec.write_text(EXAMPLE.read_text("utf-8"), encoding="utf-8")
    out = tmp_path / "s.pdf"
    build(spec, out)
    before = out.read_bytes()
    # kill builds at several moments, from start-up to the write
    for delay in (0.05, 0.2, 0.35, 0.5, 0.7, 0.9):
        p = subprocess.Popen([sys.executable, "-m", "bulletin_cli", "build", str(spec)],
                             stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        time.sleep(delay)
        p.send_signal(signal.SIGKILL)
        p.wait()
        assert out.read_bytes() == before
        for f in tmp_path.iterdir():
            assert f.name in ("s.yaml", "s.pdf") or f.name.endswith(".bulletin-partial"), f.name
    # the next build clears what a killed one left
    build(spec, out)
    assert sorted(f.name for f in tmp_path.iterdir()) == ["s.pdf", "s.yaml"]


def test_failed_build_leaves_no_file(tmp_path, monkeypatch):
    import bulletin_cli.pdf as pdf

    spec = tmp_path / "s.yaml"
    spec.write_text(EXAMPLE.read_text("utf-8"), encoding="utf-8")
    out = tmp_path / "s.pdf"
    out.write_bytes(b"previous")

    def boom(*a, **k):
        raise OSError("disk full")

    monkeypatch.setattr(pdf, "render", boom)
    try:
        build(spec, out)
    except OSError:
        pass
    assert out.read_bytes() == b"previous"
    assert sorted(f.name for f in tmp_path.iterdir()) == ["s.pdf", "s.yaml"]


def _mutations():
    lines = TEMPLATE.splitlines()
    line_ops = st.one_of(
        st.tuples(st.just("delete"), st.integers(0, len(lines) - 1)),
        st.tuples(st.just("duplicate"), st.integers(0, len(lines) - 1)),
        st.tuples(st.just("replace"), st.integers(0, len(lines) - 1), st.text(max_size=40)),
        st.tuples(st.just("indent"), st.integers(0, len(lines) - 1), st.integers(-4, 4)),
        st.tuples(st.just("chars"), st.integers(0, len(TEMPLATE)), st.text(max_size=8)),
    )
    return st.lists(line_ops, min_size=1, max_size=4)


def _apply(ops):
    text = TEMPLATE
    for op in ops:
        lines = text.splitlines()
        if not lines:
            break
        k = op[1] % len(lines)
        if op[0] == "delete":
            del lines[k]
        elif op[0] == "duplicate":
            lines.insert(k, lines[k])
        elif op[0] == "replace":
            lines[k] = op[2]
        elif op[0] == "indent":
            lines[k] = (" " * op[2] + lines[k]) if op[2] > 0 else lines[k][-op[2]:]
        if op[0] == "chars":
            pos = op[1] % (len(text) + 1)
            text = text[:pos] + op[2] + text[pos:]
        else:
            text = "\n".join(lines)
    return text


def _build_outcome(text: str, tmp_path) -> None:
    spec = tmp_path / "h.yaml"
    spec.write_bytes(text.encode("utf-8", "surrogatepass") if isinstance(text, str) else text)
    out = tmp_path / "h.pdf"
    try:
        result = build(spec, out)
    except InputError as e:
        for p in e.problems:
            assert p.format(), p
            if p.file:
                assert p.file == str(spec)
        assert not out.exists()
        return
    except BulletinError as e:  # exit 1 is allowed only for a real build failure
        raise AssertionError(f"unexpected build failure: {e}") from e
    assert out.read_bytes().startswith(b"%PDF-") and result.pages >= 1
    out.unlink()


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(ops=_mutations())
def test_mutated_template_builds_or_fails_with_located_message(ops, tmp_path):
    text = _apply(ops)
    try:
        text.encode("utf-8")
    except UnicodeEncodeError:
        return  # lone surrogates cannot be saved as a file a user could have
    _build_outcome(text, tmp_path)


YAML_SCALARS = st.one_of(st.none(), st.booleans(), st.integers(), st.floats(allow_nan=False),
                         st.text(max_size=20))
YAML_VALUES = st.recursive(
    YAML_SCALARS,
    lambda inner: st.one_of(st.lists(inner, max_size=3),
                            st.dictionaries(st.sampled_from(
                                ["masthead", "title", "issue", "publisher", "date", "articles", "body",
                                 "distribution", "copies", "style", "fonts", "x"]), inner, max_size=4)),
    max_leaves=12,
)


@settings(max_examples=200, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(doc=YAML_VALUES)
def test_random_yaml_documents_fail_cleanly(doc, tmp_path):
    import yaml

    _build_outcome(yaml.safe_dump(doc, allow_unicode=True), tmp_path)
