"""Nothing a user types crashes the tool or damages a file (issue 5)."""
import errno
import os
import signal
import subprocess
import sys
from importlib import resources

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from bulletin_cli import build
from bulletin_cli.errors import BulletinError, InputError

from .helpers import EXAMPLE

TEMPLATE = resources.files("bulletin_cli").joinpath("template.yaml").read_text("utf-8")


KILLED_AT_THE_WRITE = """
import os, sys, time
from bulletin_cli import build as run
build_module = sys.modules["bulletin_cli.output"]

def fsync(fd):  # the whole PDF is in the temp file: say so, then wait to be killed
    os.fsync(fd)
    print("written", flush=True)
    time.sleep(600)

build_module.os = type("os", (), {**{k: getattr(os, k) for k in dir(os)}, "fsync": staticmethod(fsync)})
run(sys.argv[1], sys.argv[2])
"""


def test_a_build_killed_while_writing_leaves_the_previous_pdf(tmp_path):
    """Killed at a signalled point (the new PDF written, not yet renamed), not on a timer."""
    spec = tmp_path / "s.yaml"
    spec.write_text(EXAMPLE.read_text("utf-8"), encoding="utf-8")
    out = tmp_path / "s.pdf"
    out.write_bytes(b"%PDF- previous")
    p = subprocess.Popen([sys.executable, "-c", KILLED_AT_THE_WRITE, str(spec), str(out)],
                         stdout=subprocess.PIPE, text=True)
    try:
        assert p.stdout.readline() == "written\n"
        [leftover] = [f for f in tmp_path.iterdir() if f.name.endswith(".bulletin-partial")]
        assert leftover.read_bytes().startswith(b"%PDF-")  # the new one was whole, only not in place
    finally:
        p.send_signal(signal.SIGKILL)
        p.wait()
    assert out.read_bytes() == b"%PDF- previous"
    build(spec, out)  # the next build clears what the killed one left (its writer is gone)
    assert sorted(f.name for f in tmp_path.iterdir()) == ["s.pdf", "s.yaml"]


def _fail_to_write(monkeypatch, where: str) -> None:
    """Make write_atomic fail at `where`, as a full disk or a failing device would."""
    build_module = sys.modules["bulletin_cli.output"]
    real_fdopen = os.fdopen

    class HalfWritten:
        def __init__(self, f):
            self.f = f

        def __enter__(self):
            return self

        def __exit__(self, *exc):
            self.f.close()

        def write(self, data):
            self.f.write(data[: len(data) // 2])
            raise OSError(errno.ENOSPC, "No space left on device")

    def fail(*_a, **_k):
        raise OSError(errno.EIO, "Input/output error")

    patched = {
        "write": ("fdopen", lambda fd, mode: HalfWritten(real_fdopen(fd, mode))),
        "fsync": ("fsync", fail),
        "rename": ("replace", fail),
    }[where]
    fake_os = type("os", (), {**{k: getattr(os, k) for k in dir(os)}, patched[0]: staticmethod(patched[1])})
    monkeypatch.setattr(build_module, "os", fake_os)


@pytest.mark.parametrize("where", ["write", "fsync", "rename"])
def test_a_write_that_fails_leaves_the_previous_pdf_and_no_temp(tmp_path, monkeypatch, where):
    """The failure injected into write_atomic itself, so its clean-up branch really runs."""
    from typer.testing import CliRunner

    from bulletin_cli.cli import app

    spec = tmp_path / "s.yaml"
    spec.write_text(EXAMPLE.read_text("utf-8"), encoding="utf-8")
    out = tmp_path / "s.pdf"
    out.write_bytes(b"previous")
    _fail_to_write(monkeypatch, where)
    with pytest.raises(OSError):
        build(spec, out)
    assert out.read_bytes() == b"previous"
    assert sorted(f.name for f in tmp_path.iterdir()) == ["s.pdf", "s.yaml"]
    result = CliRunner().invoke(app, ["build", str(spec)])
    assert result.exit_code == 1 and "Traceback" not in result.output
    assert ("No space left on device" if where == "write" else "Input/output error") in result.output
    assert out.read_bytes() == b"previous"


def test_failed_build_leaves_no_file(tmp_path, monkeypatch):
    import bulletin_cli.writers.pdf as pdf

    spec = tmp_path / "s.yaml"
    spec.write_text(EXAMPLE.read_text("utf-8"), encoding="utf-8")
    out = tmp_path / "s.pdf"
    out.write_bytes(b"previous")

    def boom(*a, **k):
        raise OSError("disk full")

    monkeypatch.setattr(pdf, "render", boom)
    with pytest.raises(OSError, match="disk full"):
        build(spec, out)
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
        assert e.problems and all(p.file == str(spec) for p in e.problems), e.problems
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


# ---- leftovers of the hunt: each hung, or was silently wrong ---------------------------------

def _bulletin(*args, **kw) -> subprocess.CompletedProcess:
    """The CLI as a real process, with a timeout: what used to hang fails the test, not the run."""
    return subprocess.run([sys.executable, "-m", "bulletin_cli", *map(str, args)], capture_output=True,
                          text=True, timeout=120, **kw)


def test_new_force_over_a_fifo_is_refused_not_waited_on(tmp_path):
    """`bulletin new FIFO --force` read the FIFO to back it up, and waited for a writer forever."""
    fifo = tmp_path / "issue.yaml"
    os.mkfifo(fifo)
    p = _bulletin("new", fifo, "--force")
    assert p.returncode == 2, p.stderr
    assert p.stderr == f"error: {fifo}: is not a regular file (a pipe, socket or device); " \
                       "give the name of a spec file to write\n"
    assert "Traceback" not in p.stderr and not list(tmp_path.glob("*.bak*"))


@pytest.mark.parametrize("command", ["build", "check"])
def test_a_spec_that_is_a_fifo_without_a_writer_is_refused_not_waited_on(tmp_path, command):
    fifo = tmp_path / "issue.yaml"
    os.mkfifo(fifo)
    p = _bulletin(command, fifo, cwd=tmp_path)
    assert p.returncode == 2, p.stderr
    assert p.stderr.startswith(f"error: {fifo}: is not a regular file (a pipe, socket or device), "
                               "not a spec file\n")
    assert "bulletin build - < FILE" in p.stderr and "Traceback" not in p.stderr
    assert list(tmp_path.iterdir()) == [fifo]  # no PDF, no temp file


def test_a_series_file_that_is_a_fifo_is_refused_at_its_extends_key(tmp_path):
    os.mkfifo(tmp_path / "series.yaml")
    spec = tmp_path / "issue.yaml"
    spec.write_text("extends: series.yaml\n" + TEMPLATE, encoding="utf-8")
    p = _bulletin("check", spec)
    assert p.returncode == 2, p.stderr
    assert f"error: {spec}:1:10: extends: " in p.stderr and "is not a regular file" in p.stderr
