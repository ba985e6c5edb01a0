"""newsgraph: provenance-tracked knowledge graphs from news articles."""

from importlib.metadata import PackageNotFoundError, version

from newsgraph.analyzing import analyze

try:
    __version__ = version("newsgraph")
except PackageNotFoundError:  # running from a source tree that was never installed
    __version__ = "0.0.0"

__all__ = ["__version__", "analyze"]
