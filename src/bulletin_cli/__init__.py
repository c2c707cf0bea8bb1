"""bulletin: compose Chinese work bulletins (工作简报) from a YAML spec into print-ready PDF."""
__version__ = "0.1.0"

from .options import BuildOptions
from .pipeline import BuildResult, build
from .spec.reader import load_spec

__all__ = ["BuildOptions", "BuildResult", "__version__", "build", "load_spec"]
