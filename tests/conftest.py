from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
EXAMPLE = ROOT / "examples" / "liaocheng-11.yaml"


@pytest.fixture(scope="session")
def seed_pdf(tmp_path_factory):
    """The seed issue built once for all PDF tests."""
    from bulletin_cli import build

    out = tmp_path_factory.mktemp("seed") / "seed.pdf"
    result = build(EXAMPLE, out)
    return out, result
