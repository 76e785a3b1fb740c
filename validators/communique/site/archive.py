"""One archive of the whole data package, the same bytes for the same files.

A zip records each member's time, permissions and order; all three are fixed here (the
zip epoch, rw-r--r--, names in sorted order), so that building the site twice from the
same data gives the same archive, whose checksum a reader can compare between versions.
"""

from __future__ import annotations

import io
import zipfile
from collections.abc import Mapping

EPOCH = (1980, 1, 1, 0, 0, 0)  # the earliest time a zip can hold
MODE = 0o100644  # a regular file, rw-r--r--


def zip_bytes(files: Mapping[str, bytes], folder: str) -> bytes:
    """A zip of ``files`` (path -> content), each under ``folder/``, deflated, reproducibly."""
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        for name in sorted(files):
            info = zipfile.ZipInfo(f"{folder}/{name}", date_time=EPOCH)
            info.external_attr = MODE << 16
            info.compress_type = zipfile.ZIP_DEFLATED
            info.create_system = 3  # Unix, whatever the machine building it, so that the mode is read
            archive.writestr(info, files[name], compresslevel=9)
    return buffer.getvalue()
