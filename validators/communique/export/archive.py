"""The whole data package as one zip file, the same bytes for the same files.

A zip records a modification time, permissions and an order for every entry, and its
compressor's output depends on its level: each is fixed here (the package's ``created``
time, 0644, the package's file order, deflate level 6), so that two exports of the same
dataset give the same zip, as they give the same CSV and SQLite files.
"""

from __future__ import annotations

import datetime as dt
import zipfile
from collections.abc import Iterable
from pathlib import Path

ARCHIVE = "communique.zip"
_EARLIEST = dt.datetime(1980, 1, 1)  # a zip cannot hold an earlier time


def write_zip(path: Path, folder: Path, names: Iterable[str], created: str) -> None:
    """Write ``folder``'s files ``names`` (in that order) into the zip at ``path``, under ``communique/``,
    each dated ``created`` (the package's, ``2020-09-11T00:00:00Z``)."""
    try:
        moment = max(dt.datetime.strptime(created, "%Y-%m-%dT%H:%M:%SZ"), _EARLIEST)
    except ValueError:  # records exported without validation may date themselves in any way
        moment = _EARLIEST
    with zipfile.ZipFile(path, "w", compression=zipfile.ZIP_DEFLATED, compresslevel=6) as archive:
        for name in names:
            entry = zipfile.ZipInfo(f"communique/{name}", date_time=moment.timetuple()[:6])
            entry.external_attr = 0o100644 << 16
            entry.create_system = 3  # Unix, whatever system writes it, so that the bytes agree
            archive.writestr(entry, (folder / name).read_bytes(), zipfile.ZIP_DEFLATED, 6)
