"""Find a dataset's files and read their bytes, never more than a cap at a time.

A kind's folder (``statements/``, ...) holds two layouts, which may be mixed:

* record files, ``<id>.json``: one pretty-printed JSON object each, the curated layout;
* JSON Lines files, ``*.jsonl``: one record per line, for large imported data. They are
  streamed line by line, so a file of any size is read in constant memory.

Every entry of a dataset folder and of its kinds' folders is either read or reported, so
that no record is left out in silence (a misspelt ``statement/`` folder, an upper-case
``.JSON``). Beside the data, only hidden entries (``.gitkeep``) and ``README`` files
(``README``, ``README.md``, ...) may stand; anything else is a ``file.unexpected`` finding.

Only regular files are read, and only inside the dataset: a symbolic link whose target
lies outside the dataset folder is a ``file.link-outside`` finding and is not opened (a
link to a regular file inside the dataset is followed, as git checks links out); a data
file that is not a regular file (a FIFO, a device, a socket, a link to one) is a
``file.special`` finding, checked on the open file descriptor, opened without blocking,
so that neither ``/dev/zero`` nor a FIFO can stall a run. A file or line over
:data:`MAX_DOCUMENT_BYTES` is a ``json.too-large`` finding instead of being read into
memory; a file the system cannot read is a ``file.unreadable`` finding: nothing here
raises on bad input.
"""

from __future__ import annotations

import difflib
import os
import stat
from collections.abc import Collection, Iterator
from dataclasses import dataclass, field
from pathlib import Path

from communique.findings import Finding, Severity
from communique.kinds import BY_FOLDER, KINDS, Kind

RECORD_SUFFIX = ".json"
LINES_SUFFIX = ".jsonl"

UNREADABLE = "file.unreadable"
UNEXPECTED = "file.unexpected"
SPECIAL = "file.special"
LINK_OUTSIDE = "file.link-outside"

#: The largest record file, or JSON Lines line, that is read. An article of a long
#: speech is some hundred kilobytes; anything near this cap is a mistake (a dump, a
#: binary), and reading it whole could exhaust memory.
MAX_DOCUMENT_BYTES = 8 * 1024 * 1024

_CHUNK = 1024 * 1024
_SCAN = 64 * 1024  # what is read to find the line break after a cut
#: A carriage return as the byte it is: ``b"\r" in line`` first tries ``b"\r"`` as a
#: byte's number, and raises and drops a TypeError (2,000 instructions) on every line.
_CR = ord("\r")


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
        return self.shown_folder + shown(self.name)

    @property
    def expected_id(self) -> str | None:
        """The id a record file must carry (its name without ``.json``); None for JSON Lines."""
        return None if self.lines else self.name[: -len(RECORD_SUFFIX)]


class TooLarge(Exception):
    """A document over :data:`MAX_DOCUMENT_BYTES`; ``size`` is what was seen (at least),
    ``extra_lines`` the line ends an editor sees in a JSON Lines line's part of it."""

    def __init__(self, size: int, extra_lines: int = 0) -> None:
        super().__init__(size)
        self.size = size
        self.extra_lines = extra_lines


class NotRegular(OSError):
    """A data file that is not a regular file (a FIFO, a device, a socket): never read."""

    def __init__(self, mode: int) -> None:
        what = "a FIFO" if stat.S_ISFIFO(mode) else "a device" if stat.S_ISCHR(mode) or stat.S_ISBLK(mode) else "a socket" if stat.S_ISSOCK(mode) else "a special file"
        super().__init__(f"{what}, not a regular file")
        self.what = what


def shown(text: str) -> str:
    """A file name as findings show it: the bytes of a name that is not UTF-8 (which Python
    carries as lone surrogates, refused by strict JSON readers) as ``\\xNN``."""
    if text.isascii():
        return text
    return os.fsencode(text).decode("utf-8", "backslashreplace")


def display_path(path: Path) -> str:
    """``path`` relative to the working folder when it lies under it, with ``/`` separators."""
    absolute = Path(os.path.abspath(path))
    try:
        return shown(absolute.relative_to(Path.cwd()).as_posix())
    except ValueError:
        return shown(absolute.as_posix())


def is_dataset(folder: Path) -> bool:
    """Whether ``folder`` is a dataset folder: one holding at least one kind's folder."""
    return any((folder / kind.folder).is_dir() for kind in KINDS)


def _open_regular(path: str, flags: int) -> int:
    """An ``opener`` for :func:`open` that opens only a regular file (or reports a folder as
    one), without blocking on a FIFO; the type is checked on the descriptor itself, so a
    file swapped after the listing cannot slip through."""
    descriptor = os.open(path, flags | os.O_NONBLOCK)
    mode = os.fstat(descriptor).st_mode
    if stat.S_ISREG(mode):
        return descriptor
    os.close(descriptor)
    if stat.S_ISDIR(mode):
        raise IsADirectoryError(21, "Is a directory", path)
    raise NotRegular(mode)


def _layout(name: str) -> bool | None:
    """True for a JSON Lines file name, False for a record file name, None for anything else."""
    if name.startswith("."):
        return None
    if name.endswith(LINES_SUFFIX):
        return True
    if name.endswith(RECORD_SUFFIX):
        return False
    return None


def beside_data(name: str) -> bool:
    """Whether an entry of this name may stand beside the data: hidden, or a README."""
    return name.startswith(".") or name.partition(".")[0].upper() == "README"


@dataclass(slots=True)
class Listing:
    """A dataset's data files, and the findings on every entry that is not one."""

    sources: list[SourceFile] = field(default_factory=list)
    findings: list[Finding] = field(default_factory=list)


def discover(dataset_dir: Path, targets: Collection[str] | None = None) -> Listing:
    """Every data file of the dataset, kind by kind (in :data:`KINDS` order), sorted by name,
    and a finding for every entry that is neither data nor allowed beside it.

    Missing kind folders are fine (an empty dataset is valid). With ``targets`` (absolute
    paths, a pre-commit run) only the findings on those entries, or on a folder holding
    one, are given. Paths are built as strings from the dataset's absolute path, from
    one listing per folder (``os.scandir``, whose entries know whether they are links
    without a system call): a bulk dataset may have a million files, and a ``stat`` per
    file costs seconds there.
    """
    root = os.path.abspath(dataset_dir)
    real_root = os.path.join(os.path.realpath(root), "")
    shown_root = display_path(Path(root))
    prefix = "" if shown_root == "." else shown_root + "/"
    listing = Listing()

    def wanted(path: str) -> bool:
        return targets is None or path in targets or any(target.startswith(path + os.sep) for target in targets)

    def report(path: str, display: str, rule: str, message: str, hint: str) -> None:
        if wanted(path):
            listing.findings.append(Finding(display, None, None, "", rule, Severity.ERROR, message, hint))

    def leaves(entry: os.DirEntry, display: str) -> bool:
        """Whether ``entry`` is a link out of the dataset (and reported as such)."""
        if not entry.is_symlink() or os.path.realpath(entry.path).startswith(real_root):
            return False
        report(entry.path, display, LINK_OUTSIDE, "a symbolic link to a place outside the dataset folder: not read",
               "Put the file itself in the dataset, or remove the link; links are followed only within the dataset.")
        return True

    try:
        top = sorted(os.scandir(root), key=lambda entry: entry.name)
    except OSError as error:
        report(root, shown_root, UNREADABLE, f"the dataset folder cannot be listed: {error.strerror}", "Check its permissions.")
        return listing
    by_name = {entry.name: entry for entry in top}
    for entry in top:
        name = entry.name
        if name not in BY_FOLDER and not beside_data(name):
            _unexpected_top(entry, prefix + shown(name), report)
    for kind in KINDS:
        entry = by_name.get(kind.folder)
        if entry is None:
            continue
        shown_folder = f"{prefix}{kind.folder}/"
        if leaves(entry, shown_folder[:-1]):
            continue
        if not entry.is_dir():
            report(entry.path, shown_folder[:-1], UNEXPECTED, f"{kind.folder} is not a folder: the {kind.name} records it should hold are missing",
                   f"Make {kind.folder}/ a folder of {kind.name} records (one <id>.json each, or JSON Lines files).")
            continue
        try:
            entries = sorted(os.scandir(entry.path), key=lambda entry: entry.name)
        except OSError as error:
            report(entry.path, shown_folder[:-1], UNREADABLE, f"the folder cannot be listed: {error.strerror}; its records are missing",
                   "Make it a folder you may read and list.")
            continue
        folder = os.path.join(entry.path, "")
        for item in entries:
            name = item.name
            lines = _layout(name)
            if lines is None:
                if not beside_data(name):
                    _unexpected_in_kind(item, shown_folder + shown(name), kind, report)
                continue
            if not leaves(item, shown_folder + shown(name)):  # a folder named like a data file is kept: reading it fails loudly
                listing.sources.append(SourceFile(folder, shown_folder, name, kind, lines))
    return listing


def _unexpected_top(entry: os.DirEntry, display: str, report) -> None:
    name = entry.name
    folders = [kind.folder for kind in KINDS]
    close = difflib.get_close_matches(name.lower(), folders, n=1, cutoff=0.6)
    if close:
        report(entry.path, display, UNEXPECTED, f"{name} is not a kind's folder: its records are not read", f"Did you mean {close[0]}/? A dataset holds {', '.join(f + '/' for f in folders)}.")
    elif _layout(name.lower()) is not None:
        report(entry.path, display, UNEXPECTED, "a data file directly in the dataset folder: it is not read", f"Move it into its kind's folder: {', '.join(f + '/' for f in folders)}.")
    else:
        report(entry.path, display, UNEXPECTED, "not part of a dataset: a dataset folder holds its kinds' folders, README files and hidden files only",
               "Move it out of the dataset folder, or name it README if it documents the data.")


def _unexpected_in_kind(entry: os.DirEntry, display: str, kind: Kind, report) -> None:
    name = entry.name
    if _layout(name.lower()) is not None:
        suffix = name[name.rfind("."):]
        report(entry.path, display, UNEXPECTED, f"the ending {suffix} is not read: data files end in {RECORD_SUFFIX} or {LINES_SUFFIX}, in lower case",
               f"Rename it to end in {suffix.lower()}.")
    elif entry.is_dir(follow_symlinks=False):
        report(entry.path, display, UNEXPECTED, f"a sub-folder of {kind.folder}/: its files are not read",
               f"Put {kind.name} records directly in {kind.folder}/.")
    else:
        report(entry.path, display, UNEXPECTED, f"not a data file: {kind.folder}/ holds {RECORD_SUFFIX} and {LINES_SUFFIX} files, README files and hidden files only",
               f"Move it out, or rename it to <id>{RECORD_SUFFIX} if it is a {kind.name} record.")


def read_record(source: SourceFile) -> bytes:
    """The whole of a record file. Raises :class:`TooLarge` or :class:`OSError`."""
    with open(source.path, "rb", opener=_open_regular) as handle:
        size = os.fstat(handle.fileno()).st_size
        limit = MAX_DOCUMENT_BYTES
        if size > limit:
            raise TooLarge(size)
        data = handle.read(limit + 1)
    if len(data) > limit:  # grew while we read it
        raise TooLarge(len(data))
    return data


def extra_lines(line: bytes) -> int:
    """How many line ends an editor sees inside one line of a JSON Lines file (cut at its
    LFs): its bare carriage returns. A CR right before the LF is part of that line end."""
    if _CR not in line:
        return 0
    return line.count(b"\r") - line.endswith(b"\r")


def line_batches(
    source: SourceFile, start: int = 0, end: int | None = None, first_line: int = 1
) -> Iterator[list[tuple[int, int, bytes | TooLarge]]]:
    """``(line number, byte offset, line)`` for every line of a JSON Lines file, or of its
    part from byte ``start`` (a line's start, numbered ``first_line``) to ``end``, in
    lists of a block's worth; a line comes without its line break.

    Lines are the file's LF-terminated lines, but numbered as an editor numbers them: a
    bare CR inside a line ends a line too (:func:`extra_lines`), so every line number a
    finding gives is the one the user's editor shows.

    The file is read a block at a time and cut at its line breaks in one call (a
    ``readline`` per line costs more than parsing a short record). A line over the cap
    comes as a :class:`TooLarge` in place of its bytes and is skipped without being held
    in memory. Raises :class:`OSError` when the file cannot be read.
    """
    limit = MAX_DOCUMENT_BYTES
    with open(source.path, "rb", buffering=0, opener=_open_regular) as handle:
        if start:
            handle.seek(start)
        number, offset = first_line - 1, start  # the number of the line before, and the offset of the line being read
        pending = b""  # the part of that line read so far ...
        skipped = -1  # ... or, when it is over the cap, how many of its bytes were skipped
        skipped_ends, ends_in_cr = 0, False  # and the CRs in them, and whether the last skipped byte is one
        while end is None or offset < end:
            block = handle.read(_CHUNK)
            if not block:
                break
            if skipped >= 0:
                cut = block.find(b"\n")
                if cut < 0:
                    skipped += len(block)
                    skipped_ends += block.count(b"\r")
                    ends_in_cr = block.endswith(b"\r")
                    continue
                skipped_ends += block.count(b"\r", 0, cut) - (block[cut - 1] == 13 if cut else ends_in_cr)
                number += 1
                yield [(number, offset, TooLarge(skipped + cut + 1, skipped_ends))]
                number += skipped_ends
                offset += skipped + cut + 1
                skipped, skipped_ends, block = -1, 0, block[cut + 1 :]
            lines = (pending + block if pending else block).split(b"\n")
            pending = lines.pop()
            batch = []
            for line in lines:
                if end is not None and offset >= end:
                    break
                number += 1
                size = len(line) + 1
                batch.append((number, offset, line if size <= limit + 1 else TooLarge(size, extra_lines(line))))
                if _CR in line:
                    number += extra_lines(line)
                offset += size
            if batch:
                yield batch
            if len(pending) > limit:
                skipped, skipped_ends, ends_in_cr, pending = len(pending), pending.count(b"\r"), pending.endswith(b"\r"), b""
        if end is not None and offset >= end:
            return
        if skipped >= 0:
            yield [(number + 1, offset, TooLarge(skipped, skipped_ends))]
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
        with open(source.path, "rb", opener=_open_regular) as handle:
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
    with open(source.path, "rb", opener=_open_regular) as handle:
        handle.seek(offset)
        return handle.readline(MAX_DOCUMENT_BYTES + 1)
