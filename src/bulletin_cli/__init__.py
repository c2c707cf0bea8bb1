"""bulletin: compose Chinese work bulletins (工作简报) from a YAML spec into print-ready PDF."""
from __future__ import annotations

from typing import TYPE_CHECKING

__version__ = "0.1.0"

__all__ = ["BuildOptions", "BuildResult", "__version__", "build", "load_spec"]

if TYPE_CHECKING:
    from .options import BuildOptions
    from .pipeline import BuildResult, build
    from .spec.reader import load_spec

# The API is imported when first used, not with the package: every module of the package
# imports this one first, and `bulletin --help`, `fonts`, `schema` or `new` need none of the
# pipeline (spec reader, proofreading, layout, fonts: ~0.1 s of imports).
_LAZY = {"BuildOptions": ".options", "BuildResult": ".pipeline", "build": ".pipeline",
         "load_spec": ".spec.reader"}


def __getattr__(name: str):
    if name not in _LAZY:
        raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
    from importlib import import_module

    value = getattr(import_module(_LAZY[name], __name__), name)
    globals()[name] = value
    return value
