"""constraints.txt names the versions the recorded bytes were measured with: one exact version of
every runtime dependency, each one pyproject.toml admits (so `pip install . -c constraints.txt`
resolves)."""
import tomllib

from packaging.requirements import Requirement
from packaging.utils import canonicalize_name

from .helpers import ROOT


def pinned() -> dict[str, str]:
    lines = (ROOT / "constraints.txt").read_text("utf-8").splitlines()
    reqs = [Requirement(line) for line in lines if line.strip() and not line.startswith("#")]
    assert all(len(r.specifier) == 1 and next(iter(r.specifier)).operator == "==" for r in reqs)
    return {canonicalize_name(r.name): next(iter(r.specifier)).version for r in reqs}


def test_every_runtime_dependency_is_pinned_within_its_floor():
    pins = pinned()
    project = tomllib.loads((ROOT / "pyproject.toml").read_text("utf-8"))["project"]
    for dep in map(Requirement, project["dependencies"]):
        name = canonicalize_name(dep.name)
        assert name in pins, dep.name
        assert dep.specifier.contains(pins[name]), (dep, pins[name])

