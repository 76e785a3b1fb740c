"""Writing a data file back as its curator wrote it, and atomically.

A rewritten record keeps its key order (Python dictionaries keep it, and steps rename in
place) and the file's style: its indent, its line ends, whether non-ASCII characters were
escaped, its final newline, so that a migration's diff shows the change and nothing else.

A file is replaced, never edited: the new content goes to a hidden temporary file beside
it (the validator ignores hidden entries, so even one left by a killed run is harmless),
is flushed to disk, and then takes the file's place in one ``os.replace``. A run stopped
at any point leaves each file whole, old or new.
"""

from __future__ import annotations

import json
import os
import tempfile
from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any


@dataclass(frozen=True)
class Style:
    """How a JSON text is laid out: enough to write a changed value back the same way."""

    indent: int | str | None = 2  # None: all on one line
    newline: str = "\n"
    ascii: bool = False
    final_newline: bool = True
    spaced: bool = True  # one line: ", " and ": " between items (else "," and ":")

    @classmethod
    def of(cls, text: str) -> Style:
        newline = "\r\n" if "\r\n" in text else "\n"
        body = text.rstrip("\r\n")
        lines = body.split(newline)
        indent: int | str | None = None
        if len(lines) > 1:
            second = lines[1]
            lead = second[: len(second) - len(second.lstrip(" \t"))]
            indent = lead if "\t" in lead else len(lead) or 2
        ascii = text.isascii() and "\\u" in text
        compact = indent is None and json.dumps(json.loads(body), ensure_ascii=ascii, separators=(",", ":")) == body
        return cls(indent=indent, newline=newline, ascii=ascii, final_newline=text.endswith("\n"), spaced=not compact)

    def dump(self, value: Any) -> str:
        separators = (",", ": ") if self.indent is not None else ((", ", ": ") if self.spaced else (",", ":"))
        text = json.dumps(value, indent=self.indent, ensure_ascii=self.ascii, separators=separators)
        return text.replace("\n", self.newline) if self.newline != "\n" else text

    def document(self, value: Any) -> bytes:
        """A whole record file."""
        return (self.dump(value) + (self.newline if self.final_newline else "")).encode("utf-8")


def atomic_write(path: str, chunks: Iterable[bytes], *, create: bool = False) -> None:
    """Replace the file at ``path`` by the concatenated ``chunks``, all at once or not at all.

    If producing or writing the chunks fails (or the run is interrupted), the file is as
    it was and the temporary file is removed. The file keeps its permission bits. With
    ``create``, the file is new: it gets the permissions a new file gets (the umask's), and
    an existing file is never replaced (``FileExistsError``).
    """
    folder, name = os.path.split(path)
    handle, temporary = tempfile.mkstemp(dir=folder, prefix=f".{name}.", suffix=".migrating")
    try:
        with os.fdopen(handle, "wb") as out:
            for chunk in chunks:
                out.write(chunk)
            out.flush()
            os.fsync(out.fileno())
        if create:
            os.chmod(temporary, 0o666 & ~_umask())
            os.link(temporary, path)  # fails if the file exists, never half there
            os.unlink(temporary)
            return
        os.chmod(temporary, os.stat(path).st_mode & 0o7777)
        os.replace(temporary, path)
    except BaseException:
        try:
            os.unlink(temporary)
        except FileNotFoundError:
            pass
        raise


def _umask() -> int:
    mask = os.umask(0o022)
    os.umask(mask)
    return mask
