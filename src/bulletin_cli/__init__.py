"""bulletin: compose Chinese work bulletins (工作简报) from a YAML spec into print-ready PDF."""
__version__ = "0.1.0"

from .pipeline import BuildResult, build  # noqa: E402
from .spec.reader import load_spec  # noqa: E402

__all__ = ["BuildResult", "__version__", "build", "load_spec"]
