import os
import shutil
import tempfile

import pytest
from hypothesis import settings

from .helpers import EXAMPLE

# CI replays the same examples every run (a landing must not depend on luck); developers'
# runs draw new ones, and HYPO_N / UNSEEN_N raise the counts for a long search.
settings.register_profile("ci", derandomize=True)
if os.environ.get("CI"):
    settings.load_profile("ci")


def pytest_configure(config):
    """Every test process (each xdist worker too) gets a font cache of its own in a temporary
    folder, set before any test runs so the `bulletin` processes tests start inherit it: the
    suite never writes into the user's cache folder, nor shares one with another run."""
    config._bulletin_cache = (os.environ.get("BULLETIN_CACHE_DIR"),
                              tempfile.mkdtemp(prefix="bulletin-test-cache-"))
    os.environ["BULLETIN_CACHE_DIR"] = config._bulletin_cache[1]
    # The machine's fonts, for the whole process: session and module fixtures (seed_pdf) are
    # made before a test's own fixtures (no_system_fonts below), and a build uses the official
    # faces it finds installed by default.
    config._bulletin_fonts = {k: os.environ.pop(k, None) for k in ("BULLETIN_NO_SYSTEM_FONTS",
                                                                     "BULLETIN_FONT_PATH")}
    os.environ["BULLETIN_NO_SYSTEM_FONTS"] = "1"
    # The suite reads the English messages, on a Chinese machine too: tests of the Chinese ones
    # set the language themselves (BULLETIN_LANG=zh, or LANG with BULLETIN_LANG removed).
    config._bulletin_lang = os.environ.get("BULLETIN_LANG")
    os.environ["BULLETIN_LANG"] = "en"


def pytest_unconfigure(config):
    for name, value in getattr(config, "_bulletin_fonts", {}).items():
        os.environ.pop(name, None)
        if value is not None:
            os.environ[name] = value
    if hasattr(config, "_bulletin_cache"):
        before, folder = config._bulletin_cache
        shutil.rmtree(folder, ignore_errors=True)
        if config._bulletin_lang is None:
            os.environ.pop("BULLETIN_LANG", None)
        else:
            os.environ["BULLETIN_LANG"] = config._bulletin_lang
        if before is None:
            os.environ.pop("BULLETIN_CACHE_DIR", None)
        else:
            os.environ["BULLETIN_CACHE_DIR"] = before


@pytest.fixture(autouse=True)
def no_system_fonts(monkeypatch):
    """Fonts installed on the machine never take part in a test, in this process or in the
    `bulletin` processes tests start (an installed 方正小标宋简体 once changed what was drawn)."""
    monkeypatch.setenv("BULLETIN_NO_SYSTEM_FONTS", "1")
    monkeypatch.delenv("BULLETIN_FONT_PATH", raising=False)


@pytest.fixture(scope="session")
def seed_pdf(tmp_path_factory):
    """The seed issue built once for all PDF tests."""
    from bulletin_cli import build

    out = tmp_path_factory.mktemp("seed") / "seed.pdf"
    result = build(EXAMPLE, out)
    return out, result
