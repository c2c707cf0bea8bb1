"""Helpers for tests that run the CLI as a real process."""
import queue
import signal
import subprocess
import sys
import threading
from collections.abc import Iterator
from contextlib import contextmanager

from .helpers import WAIT


def ctrl_c_works() -> None:
    """preexec_fn for a process the test will interrupt with SIGINT. A job started in the
    background (nohup, a CI runner) inherits SIGINT ignored, and Python then keeps ignoring it,
    so a test that presses Ctrl-C must give its child the default disposition back."""
    signal.signal(signal.SIGINT, signal.SIG_DFL)


def line_queue(stream) -> queue.Queue:
    """The lines of a process's stream, read in a thread: `get(timeout=...)` bounds each wait."""
    q: queue.Queue = queue.Queue()
    threading.Thread(target=lambda: [q.put(line) for line in stream], daemon=True).start()
    return q


def stop_with_ctrl_c(p, timeout: float) -> str:
    """Press Ctrl-C in a process started with ctrl_c_works and wait for it to end (killed if
    it does not within `timeout` seconds); its stderr."""
    p.send_signal(signal.SIGINT)
    try:
        _, err = p.communicate(timeout=timeout)
    finally:
        p.kill()
    return err


def built(out: queue.Queue) -> str:
    """The next build's line of `bulletin watch`. write_text truncates before it writes, so a
    watcher may catch the file empty or half written and report it invalid first, as it should:
    what counts is that the finished file is built."""
    while True:
        line = out.get(timeout=WAIT)
        if " built " in line:
            return line
        assert " invalid: " in line, line


@contextmanager
def watching(spec, *args, cwd=None, env=None) -> Iterator[queue.Queue]:
    """`bulletin watch SPEC ARGS...` as a real process (run in `cwd`, with `env` when given): its
    output lines; Ctrl-C at the end, which must stop it cleanly (exit 0, no traceback)."""
    command = [sys.executable, "-m", "bulletin_cli", "watch", str(spec), *map(str, args)]
    p = subprocess.Popen(command, stdout=subprocess.PIPE, env=env,
                         stderr=subprocess.PIPE, text=True, preexec_fn=ctrl_c_works, cwd=cwd)
    try:
        yield line_queue(p.stdout)
    finally:
        err = stop_with_ctrl_c(p, WAIT)
    assert p.returncode == 0 and "Traceback" not in err, err
