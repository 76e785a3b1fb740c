"""Where the schemas and the curated dataset live, installed or in a checkout.

A wheel carries them inside the package (``communique/schema``, ``communique/dataset``);
a source checkout (editable install, or running from the tree) has them at the
repository's top level. Everything else asks this module, never builds paths itself.
"""

from __future__ import annotations

from importlib.resources import files
from pathlib import Path

_PACKAGE = Path(str(files("communique")))
_CHECKOUT = _PACKAGE.parent.parent  # validators/communique -> repository root


def _bundled(name: str) -> Path:
    inside = _PACKAGE / name
    if inside.is_dir():
        return inside
    return _CHECKOUT / name


def schema_dir() -> Path:
    """The folder holding ``v1/`` and any later major versions of the schemas."""
    return _bundled("schema")


def dataset_dir() -> Path:
    """The curated dataset shipped with this copy of communique."""
    return _bundled("dataset")


def working_dataset() -> Path:
    """The dataset a command works on by default: ``./dataset`` when there is one, else the shipped one."""
    local = Path("dataset")
    return local if local.is_dir() else dataset_dir()
