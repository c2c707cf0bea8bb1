"""Where the PDF goes: devices, pipes and sockets are written through, symlinks followed, and two
builds of one output at once both succeed (issue 8's output bug, issue 14's concurrent writers).
Every special file here is made inside tmp_path: a test never touches the machine's devices."""
import os
import socket
import stat
import subprocess
import sys
import textwrap
import threading
from importlib import resources

import pytest

from bulletin_cli.output import TMP_SUFFIX, write_atomic

from .helpers import run

TEMPLATE = resources.files("bulletin_cli").joinpath("template.yaml").read_text("utf-8")


@pytest.fixture(scope="module")
def spec_and_bytes(tmp_path_factory):
    """A small spec and the bytes it builds to as a plain file."""
    d = tmp_path_factory.mktemp("spec")
    spec = d / "s.yaml"
    spec.write_text(TEMPLATE, encoding="utf-8")
    assert run("build", spec, "-o", d / "plain.pdf").returncode == 0
    return spec, (d / "plain.pdf").read_bytes()


def _only(folder, *names):
    assert sorted(p.name for p in folder.iterdir()) == sorted(names)


def test_fifo_is_written_through_not_replaced(tmp_path, spec_and_bytes):
    spec, expected = spec_and_bytes
    fifo = tmp_path / "pipe.pdf"
    os.mkfifo(fifo)
    got = []
    reader = threading.Thread(target=lambda: got.append(fifo.read_bytes()), daemon=True)
    reader.start()
    p = run("build", spec, "-o", fifo)
    reader.join(timeout=60)
    assert p.returncode == 0, p.stderr
    assert got == [expected]
    assert stat.S_ISFIFO(os.lstat(fifo).st_mode)
    _only(tmp_path, "pipe.pdf")


def test_character_device_is_written_through_not_replaced(tmp_path, spec_and_bytes):
    spec, _ = spec_and_bytes
    dev = tmp_path / "null"  # a node of its own with /dev/null's numbers, never the real one
    os.mknod(dev, stat.S_IFCHR | 0o666, os.makedev(1, 3))
    p = run("build", spec, "-o", dev)
    assert p.returncode == 0, p.stderr
    st = os.lstat(dev)
    assert stat.S_ISCHR(st.st_mode) and st.st_rdev == os.makedev(1, 3)
    _only(tmp_path, "null")


def test_socket_is_written_through(tmp_path, spec_and_bytes):
    spec, expected = spec_and_bytes
    path = tmp_path / "s.sock"
    server = socket.socket(socket.AF_UNIX, socket.SOCK_STREAM)
    server.bind(os.fspath(path))
    server.listen(1)
    got = []

    def serve():
        conn, _ = server.accept()
        chunks = []
        while chunk := conn.recv(65536):
            chunks.append(chunk)
        got.append(b"".join(chunks))
        conn.close()

    t = threading.Thread(target=serve, daemon=True)
    t.start()
    p = run("build", spec, "-o", path)
    t.join(timeout=60)
    server.close()
    assert p.returncode == 0, p.stderr
    assert got == [expected]
    assert stat.S_ISSOCK(os.lstat(path).st_mode)


def test_symlink_is_followed_and_its_target_replaced_atomically(tmp_path, spec_and_bytes):
    spec, expected = spec_and_bytes
    (tmp_path / "real").mkdir()
    target = tmp_path / "real" / "issue.pdf"
    target.write_bytes(b"previous")
    link = tmp_path / "link.pdf"
    link.symlink_to(target)
    p = run("build", spec, "-o", link)
    assert p.returncode == 0, p.stderr
    assert link.is_symlink() and os.readlink(link) == str(target)
    assert target.read_bytes() == expected
    _only(tmp_path / "real", "issue.pdf")  # the temp file was beside the target, and is gone
    # a link to a file not there yet creates the file
    dangling = tmp_path / "new.pdf"
    dangling.symlink_to(tmp_path / "real" / "later.pdf")
    assert run("build", spec, "-o", dangling).returncode == 0
    assert dangling.is_symlink() and (tmp_path / "real" / "later.pdf").read_bytes() == expected


def test_block_device_is_refused_untouched(tmp_path, spec_and_bytes):
    spec, _ = spec_and_bytes
    dev = tmp_path / "blk"  # never opened: refused before anything is written
    os.mknod(dev, stat.S_IFBLK | 0o600, os.makedev(7, 200))
    p = run("build", spec, "-o", dev)
    assert p.returncode == 2
    assert "blk" in p.stderr and "regular file" in p.stderr
    assert stat.S_ISBLK(os.lstat(dev).st_mode)
    _only(tmp_path, "blk")


# A writer in another process that stops after making its temp file, until told to go on.
_PAUSED_WRITER = textwrap.dedent("""
    import sys, tempfile
    from pathlib import Path
    from bulletin_cli.output import write_atomic
    real = tempfile.mkstemp
    def paused(*a, **k):
        made = real(*a, **k)
        print("made", made[1], flush=True)
        sys.stdin.readline()
        return made
    tempfile.mkstemp = paused
    write_atomic(Path(sys.argv[1]), b"from the paused writer")
""")


def test_a_concurrent_build_never_removes_a_live_temp(tmp_path, spec_and_bytes):
    spec, expected = spec_and_bytes
    out = tmp_path / "issue.pdf"
    writer = subprocess.Popen([sys.executable, "-c", _PAUSED_WRITER, str(out)],
                              stdin=subprocess.PIPE, stdout=subprocess.PIPE, text=True)
    try:
        line = writer.stdout.readline()
        assert line.startswith("made "), line
        live_temp = line.split(" ", 1)[1].strip()
        # a whole build of the same output runs to the end meanwhile
        p = run("build", spec, "-o", out)
        assert p.returncode == 0, p.stderr
        assert out.read_bytes() == expected
        assert os.path.exists(live_temp)
        writer.stdin.write("go\n")
        writer.stdin.flush()
        assert writer.wait(timeout=60) == 0
    finally:
        writer.kill()
    assert out.read_bytes() == b"from the paused writer"  # the last rename wins, whole
    _only(tmp_path, "issue.pdf")


def test_two_builds_of_one_output_at_once_both_succeed(tmp_path, spec_and_bytes):
    spec, expected = spec_and_bytes
    other = tmp_path / "other.yaml"
    other.write_text(TEMPLATE.replace("  issue: 1 ", "  issue: 2 ", 1), encoding="utf-8")
    out = tmp_path / "same.pdf"
    procs = [subprocess.Popen([sys.executable, "-m", "bulletin_cli", "build", str(s), "-o", str(out)],
                              stdout=subprocess.PIPE, stderr=subprocess.PIPE) for s in (spec, other)]
    for p in procs:
        _, err = p.communicate(timeout=120)
        assert p.returncode == 0, err
    assert run("build", other, "-o", tmp_path / "other.pdf").returncode == 0
    assert out.read_bytes() in (expected, (tmp_path / "other.pdf").read_bytes())
    _only(tmp_path, "other.yaml", "same.pdf", "other.pdf")


def test_only_temps_of_dead_writers_are_removed(tmp_path):
    out = tmp_path / "a[b]*.pdf"
    dead = subprocess.Popen([sys.executable, "-c", "pass"])
    dead.wait()
    stale = tmp_path / f".{out.name}.{dead.pid}.x1{TMP_SUFFIX}"
    live = tmp_path / f".{out.name}.{os.getppid()}.x2{TMP_SUFFIX}"  # our parent: alive
    mine = tmp_path / f".{out.name}.{os.getpid()}.x3{TMP_SUFFIX}"  # another thread's, say
    unrelated = tmp_path / f".other.pdf.{dead.pid}.x4{TMP_SUFFIX}"
    for f in (stale, live, mine, unrelated):
        f.write_bytes(b"partial")
    write_atomic(out, b"whole")
    assert out.read_bytes() == b"whole"
    _only(tmp_path, out.name, live.name, mine.name, unrelated.name)


def test_a_failed_write_leaves_the_previous_file_and_no_temp(tmp_path, monkeypatch):
    out = tmp_path / "x.pdf"
    out.write_bytes(b"previous")

    def full(fd):
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(os, "fsync", full)
    with pytest.raises(OSError):
        write_atomic(out, b"new bytes")
    assert out.read_bytes() == b"previous"
    _only(tmp_path, "x.pdf")
