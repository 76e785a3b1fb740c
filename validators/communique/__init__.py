"""Communiqué: a hand-curated, versioned dataset of diplomatic statements.

    >>> import communique
    >>> data = communique.load()
    >>> data.actors["sergey-lavrov"].name
    'Sergey Lavrov'
    >>> data.actor("Lavrov").id
    'sergey-lavrov'

``load()`` returns a :class:`Dataset`: the records by kind (``data.statements``), look-ups
(``data.actor(name)``, ``data.find_statements(speaker=..., topic=..., since=...)``) and the
exports' tables as DataFrames (``data.to_pandas("statements", resolve=True)``, with the
``pandas`` or ``polars`` extra). ``communique.frames`` has the tables, ``communique.cite``
the citation.

``communique.versions()`` gives the package's, the schemas' and the dataset's versions.

``load``, ``Dataset``, ``versions`` and ``__version__`` are looked up on first use, so that the
command line (a pre-commit hook runs it on every commit) does not pay for pydantic or
the installed metadata when it does not need them; ``dir()`` and ``help()`` list them all
the same.
"""

__all__ = ["Dataset", "DatasetError", "load", "versions", "__version__"]


def __getattr__(name: str):
    if name == "versions":
        from communique.versioning.versions import versions

        return versions
    if name in ("Dataset", "DatasetError", "load"):
        from communique import loading

        return getattr(loading, name)
    if name == "__version__":
        from importlib.metadata import PackageNotFoundError, version

        try:
            return version("communique")
        except PackageNotFoundError:  # running from a checkout without an install
            return "0+unknown"
    raise AttributeError(f"module 'communique' has no attribute {name!r}")


def __dir__() -> list[str]:
    return sorted({*globals(), *__all__})
