"""Communiqué: a hand-curated, versioned dataset of diplomatic statements.

    >>> import communique
    >>> data = communique.load()
    >>> data.actors["sergey-lavrov"].name
    'Sergey Lavrov'
"""

from importlib.metadata import PackageNotFoundError, version

try:
    __version__ = version("communique")
except PackageNotFoundError:  # running from a checkout without an install
    __version__ = "0+unknown"

from communique.load import Dataset, load  # noqa: E402

__all__ = ["Dataset", "load", "__version__"]
