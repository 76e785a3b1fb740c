"""Communiqué: a hand-curated, versioned dataset of diplomatic statements.

    >>> import communique
    >>> data = communique.load()
    >>> data.actors["sergey-lavrov"].name
    'Sergey Lavrov'

``load`` and ``Dataset`` are imported on first use, so that the command line (a
pre-commit hook runs it on every commit) does not pay for pydantic when it does not
need it.
"""

from importlib.metadata import PackageNotFoundError, version

try:
    __version__ = version("communique")
except PackageNotFoundError:  # running from a checkout without an install
    __version__ = "0+unknown"

__all__ = ["Dataset", "load", "__version__"]


def __getattr__(name: str):
    if name in ("Dataset", "load"):
        from communique import loading

        return getattr(loading, name)
    raise AttributeError(f"module 'communique' has no attribute {name!r}")
