"""Helpers for tests that run the CLI as a real process."""
import signal


def ctrl_c_works() -> None:
    """preexec_fn for a process the test will interrupt with SIGINT. A job started in the
    background (nohup, a CI runner) inherits SIGINT ignored, and Python then keeps ignoring it,
    so a test that presses Ctrl-C must give its child the default disposition back."""
    signal.signal(signal.SIGINT, signal.SIG_DFL)
