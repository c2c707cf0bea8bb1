"""Helpers for tests that run the CLI as a real process."""
import queue
import signal
import threading


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
