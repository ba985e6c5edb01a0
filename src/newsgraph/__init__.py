"""newsgraph: provenance-tracked knowledge graphs from news articles."""

from importlib.metadata import PackageNotFoundError, version
from typing import TYPE_CHECKING

from newsgraph.analyzing import analyze

try:
    __version__ = version("newsgraph")
except PackageNotFoundError:  # running from a source tree that was never installed
    __version__ = "0.0.0"

__all__ = ["Corpus", "__version__", "analyze"]


if TYPE_CHECKING:
    from newsgraph.notebook import Corpus


def __getattr__(name: str) -> object:
    # Corpus loads SQLAlchemy and the store: only when asked for, so that `import newsgraph`
    # (and every stage) stays light.
    if name == "Corpus":
        from newsgraph.notebook import Corpus

        return Corpus
    raise AttributeError(f"module 'newsgraph' has no attribute {name!r}")
