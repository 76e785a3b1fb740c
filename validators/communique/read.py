"""Find a dataset's files and read their bytes, never more than a cap at a time.

A kind's folder (``statements/``, ...) holds two layouts, which may be mixed:

* record files, ``<id>.json``: one pretty-printed JSON object each, the curated layout;
* JSON Lines files, ``*.jsonl``: one record per line, for large imported data. They are
  streamed line by line, so a file of any size is read in constant memory.

Anything else in a kind's folder (a ``README``, hidden files) is not data
and is left alone. A file or line over :data:`MAX_DOCUMENT_BYTES` is reported as a
``json.too-large`` finding instead of being read into memory; a file the system cannot
read is a ``file.unreadable`` finding: nothing here raises on bad input.
"""

from __future__ import annotations

import os
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

from communique.kinds import KINDS, Kind

RECORD_SUFFIX = ".json"
LINES_SUFFIX = ".jsonl"

#: The largest record file, or JSON Lines line, that is read. An article of a long
#: speech is some hundred kilobytes; anything near this cap is a mistake (a dump, a
#: binary), and reading it whole could exhaust memory.
MAX_DOCUMENT_BYTES = 8 * 1024 * 1024

_CHUNK = 1024 * 1024
_SCAN = 64 * 1024  # what is read to find the line break after a cut


@dataclass(frozen=True, slots=True)
class SourceFile:
    """One data file of a dataset.

    Its folder's absolute path and displayed name are strings shared by all the files
    of the folder (a bulk dataset may have a million files); ``display`` is how
    findings name the file: relative to the working folder when the file is under it,
    else the absolute path.
    """

    folder: str  # absolute, ending with a separator
    shown_folder: str  # the same as findings show it, ending with "/" (or empty)
    name: str
    kind: Kind
    lines: bool  # True for a JSON Lines file, False for a one-record file

    @classmethod
    def at(cls, path: str, display: str, kind: Kind, lines: bool) -> SourceFile:
        """The file at ``path`` (absolute), shown as ``display``."""
        head, name = os.path.split(path)
        return cls(os.path.join(head, ""), display[: len(display) - len(name)], name, kind, lines)

    @property
    def path(self) -> str:
        return self.folder + self.name

    @property
    def display(self) -> str:
        return self.shown_folder + self.name

    @property
    def expected_id(self) -> str | None:
        """The id a record file must carry (its name without ``.json``); None for JSON Lines."""
        return None if self.lines else self.name[: -len(RECORD_SUFFIX)]


class TooLarge(Exception):
    """A document over :data:`MAX_DOCUMENT_BYTES`; ``size`` is what was seen (at least)."""

    def __init__(self, size: int) -> None:
        super().__init__(size)
        self.size = size


def display_path(path: Path) -> str:
    """``path`` relative to the working folder when it lies under it, with ``/`` separators."""
    absolute = Path(os.path.abspath(path))
    try:
        return absolute.relative_to(Path.cwd()).as_posix()
    except ValueError:
        return absolute.as_posix()


def _layout(name: str) -> bool | None:
    """True for a JSON Lines file name, False for a record file name, None for anything else."""
    if name.startswith("."):
        return None
    if name.endswith(LINES_SUFFIX):
        return True
    if name.endswith(RECORD_SUFFIX):
        return False
    return None


def discover(dataset_dir: Path) -> list[SourceFile]:
    """Every data file of the dataset, kind by kind (in :data:`KINDS` order), sorted by name.

    Missing kind folders are fine (an empty dataset is valid); files directly in the
    dataset folder are not data, nor are sub-folders of kind folders, unless named like
    a data file. Paths are built as strings from the dataset's absolute path, from
    names only (``os.listdir``): a pre-commit run lists ten thousand files, a bulk
    dataset may have a million, and ``pathlib`` or ``os.scandir`` per file costs
    seconds there.
    """
    root = os.path.abspath(dataset_dir)
    shown = display_path(Path(root))
    prefix = "" if shown == "." else shown + "/"
    found: list[SourceFile] = []
    for kind in KINDS:
        folder = os.path.join(root, kind.folder)
        try:
            names = sorted(os.listdir(folder))
        except OSError:
            continue
        folder, shown_folder = folder + os.sep, f"{prefix}{kind.folder}/"
        for name in names:  # a folder named like a data file is kept: reading it fails loudly
            lines = _layout(name)
            if lines is not None:
                found.append(SourceFile(folder, shown_folder, name, kind, lines))
    return found


def read_record(source: SourceFile) -> bytes:
    """The whole of a record file. Raises :class:`TooLarge` or :class:`OSError`."""
    with open(source.path, "rb") as handle:
        size = os.fstat(handle.fileno()).st_size
        limit = MAX_DOCUMENT_BYTES
        if size > limit:
            raise TooLarge(size)
        data = handle.read(limit + 1)
    if len(data) > limit:  # grew while we read it
        raise TooLarge(len(data))
    return data


def line_batches(
    source: SourceFile, start: int = 0, end: int | None = None, first_line: int = 1
) -> Iterator[list[tuple[int, int, bytes | TooLarge]]]:
    """``(line number, byte offset, line)`` for every line of a JSON Lines file, or of its
    part from byte ``start`` (a line's start, numbered ``first_line``) to ``end``, in
    lists of a block's worth; a line comes without its line break.

    The file is read a block at a time and cut at its line breaks in one call (a
    ``readline`` per line costs more than parsing a short record). A line over the cap
    comes as a :class:`TooLarge` in place of its bytes and is skipped without being held
    in memory. Raises :class:`OSError` when the file cannot be read.
    """
    limit = MAX_DOCUMENT_BYTES
    with open(source.path, "rb", buffering=0) as handle:
        if start:
            handle.seek(start)
        number, offset = first_line - 1, start  # the number and offset of the line being read
        pending = b""  # the part of that line read so far ...
        skipped = -1  # ... or, when it is over the cap, how many of its bytes were skipped
        while end is None or offset < end:
            block = handle.read(_CHUNK)
            if not block:
                break
            if skipped >= 0:
                cut = block.find(b"\n")
                if cut < 0:
                    skipped += len(block)
                    continue
                number += 1
                yield [(number, offset, TooLarge(skipped + cut + 1))]
                offset += skipped + cut + 1
                skipped, block = -1, block[cut + 1 :]
            lines = (pending + block if pending else block).split(b"\n")
            pending = lines.pop()
            batch = []
            for line in lines:
                if end is not None and offset >= end:
                    break
                number += 1
                size = len(line) + 1
                batch.append((number, offset, line if size <= limit + 1 else TooLarge(size)))
                offset += size
            if batch:
                yield batch
            if len(pending) > limit:
                skipped, pending = len(pending), b""
        if end is not None and offset >= end:
            return
        if skipped >= 0:
            yield [(number + 1, offset, TooLarge(skipped))]
        elif pending:
            yield [(number + 1, offset, pending)]


def line_ranges(source: SourceFile, size: int) -> Iterator[tuple[int, int | None]]:
    """``(start, end)`` of consecutive parts of a JSON Lines file, each ending after the
    first line break at or past ``size`` bytes (the last at the end of the file), so that
    workers can check one each while the rest is still being cut.

    Only the bytes around each cut are read: lines are not counted here (a pass over the
    whole file in the one process that hands out the parts); whoever reads a part numbers
    its lines from 1, and the validator adds the lines of the parts before it.

    Never raises: a file that cannot be read from some point on ends with one part from
    there to the end (``end`` None), whose reading then reports the error.
    """
    start = 0
    try:
        with open(source.path, "rb") as handle:
            length = os.fstat(handle.fileno()).st_size
            while start + size < length:
                position = start + size - 1  # the part's last byte, if a line ends there
                handle.seek(position)
                while block := handle.read(_SCAN):
                    cut = block.find(b"\n")
                    if cut >= 0:
                        end = position + cut + 1
                        break
                    position += len(block)
                else:
                    break  # no line break after the cut: the rest is the last part
                yield start, end
                start = end
    except OSError:
        yield start, None
        return
    if length > start:
        yield start, length


def read_line_at(source: SourceFile, offset: int) -> bytes:
    """The line of a JSON Lines file starting at byte ``offset`` (to re-locate a finding)."""
    with open(source.path, "rb") as handle:
        handle.seek(offset)
        return handle.readline(MAX_DOCUMENT_BYTES + 1)
