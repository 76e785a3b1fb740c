"""The dataset as a Frictionless data package: CSV tables, JSON Lines and SQLite.

    >>> import communique
    >>> from communique.export import write_package
    >>> write_package(communique.load(), "out/export")  # doctest: +SKIP
"""

from communique.export.manifest import TargetRefused
from communique.export.package import files, write_package, write_records
from communique.export.writers import ExportError

__all__ = ["ExportError", "TargetRefused", "files", "write_package", "write_records"]
