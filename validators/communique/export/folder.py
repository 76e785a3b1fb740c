"""Replacing an export folder in one step, and clearing what killed exports left behind.

An export is written into a staging folder beside its target, ``.<name>.<random>.partial``,
and swapped in whole once complete: readers see the previous export or the new one, never
half of each, and an export killed at any moment leaves the previous one in place.

A killed export cannot remove its staging folder, so each export clears stale ones of its
target before it starts. Stale is decided by a lock, not by age or process id: an export
holds an exclusive ``flock`` on its staging folder for as long as the folder is its, and
the kernel drops the lock when the process ends, however it ends. A staging folder whose
lock can be taken was left by an export that is gone; one whose lock is held belongs to
an export still writing and is left alone. The short steps that create, swap and clear
staging folders hold a lock on the parent folder, so that no export takes another's
folder between its creation and its locking. Where folders cannot be locked (Windows,
some network file systems) nothing is taken for stale and nothing is cleared.

The swap is ``renameat2(RENAME_EXCHANGE)`` on Linux: the new folder and the old trade
places in one system call. Elsewhere the old folder is first renamed aside
(``.<name>.<random>.retired``) and the new one renamed in; an export killed between the
two leaves no folder at the target, and the next export renames the retired one back.
The folder replaced is checked once more after it is moved aside (the user may have put
a file into it while the export was being written) and put back if it holds anything
no export wrote.
"""

from __future__ import annotations

import contextlib
import ctypes
import errno
import os
import re
import shutil
import sys
import tempfile
from collections.abc import Callable, Iterator
from pathlib import Path

try:
    import fcntl
except ImportError:  # Windows: no flock, so nothing is ever taken for stale
    fcntl = None  # type: ignore[assignment]

PARTIAL = ".partial"
RETIRED = ".retired"


def _lock(path: Path, *, wait: bool) -> int | None:
    """A descriptor holding an exclusive lock on the folder ``path``.

    None when another process holds the lock (and ``wait`` is false), when ``path`` is not
    a folder (a symbolic link is not followed), or when the system cannot lock folders.
    """
    if fcntl is None:
        return None
    try:
        descriptor = os.open(path, os.O_RDONLY | os.O_DIRECTORY | os.O_NOFOLLOW)
    except OSError:
        return None
    try:
        fcntl.flock(descriptor, fcntl.LOCK_EX | (0 if wait else fcntl.LOCK_NB))
    except OSError:  # held (BlockingIOError), or not supported here
        os.close(descriptor)
        return None
    return descriptor


@contextlib.contextmanager
def _holding(descriptor: int | None) -> Iterator[None]:
    try:
        yield
    finally:
        if descriptor is not None:
            os.close(descriptor)


def _leftovers(out: Path) -> list[Path]:
    """Folders that exports into ``out`` make beside it: staging and retired ones."""
    pattern = re.compile(rf"\.{re.escape(out.name)}\.[a-z0-9_]{{8}}(?:{re.escape(PARTIAL)}|{re.escape(RETIRED)})")
    return [out.parent / name for name in sorted(os.listdir(out.parent)) if pattern.fullmatch(name)]


def _clear_stale(out: Path) -> None:
    """Remove the staging folders of exports into ``out`` that were killed; call with the parent locked.

    A retired previous export with no folder at ``out`` is what a swap killed half way
    leaves: it is renamed back rather than removed.
    """
    for path in _leftovers(out):
        held = _lock(path, wait=False)
        if held is None:
            continue  # in use, or not a folder we can lock: not ours to judge
        with _holding(held):
            if path.name.endswith(RETIRED) and not os.path.lexists(out):
                os.rename(path, out)
            else:
                shutil.rmtree(path, ignore_errors=True)


@contextlib.contextmanager
def staging(out: Path) -> Iterator[Path]:
    """A new, locked staging folder beside ``out``, after stale ones are cleared.

    The folder is removed if the block fails; after :func:`install` it is gone or holds
    the folder replaced, which :func:`install` removes.
    """
    with _holding(_lock(out.parent, wait=True)):
        _clear_stale(out)
        path = Path(tempfile.mkdtemp(prefix=f".{out.name}.", suffix=PARTIAL, dir=out.parent))
        held = _lock(path, wait=False)
    with _holding(held):
        try:
            path.chmod(0o755)
            yield path
        except BaseException:
            shutil.rmtree(path, ignore_errors=True)
            raise


_RENAME_EXCHANGE = 2
_AT_FDCWD = -100


def _exchange(first: Path, second: Path) -> bool:
    """Swap two existing paths in one step (Linux ``renameat2``); False where that is not possible."""
    if not sys.platform.startswith("linux"):
        return False
    renameat2 = getattr(ctypes.CDLL(None, use_errno=True), "renameat2", None)
    if renameat2 is None:  # a C library without it
        return False
    if renameat2(_AT_FDCWD, os.fsencode(first), _AT_FDCWD, os.fsencode(second), _RENAME_EXCHANGE) == 0:
        return True
    code = ctypes.get_errno()
    if code in (errno.EINVAL, errno.ENOSYS, errno.EOPNOTSUPP):  # a kernel or file system without it
        return False
    raise OSError(code, os.strerror(code), str(second))


def install(new: Path, out: Path, check: Callable[[Path], None]) -> None:
    """Put the folder ``new`` (a staging folder) at ``out`` in one step.

    ``check`` is called on the folder replaced once it is moved aside; if it raises, that
    folder is put back as it was and the error raised. The folder replaced is then removed.
    """
    with _holding(_lock(out.parent, wait=True)):
        if not os.path.lexists(out):
            os.rename(new, out)
            return
        if _exchange(new, out):
            retired = new
            try:
                check(retired)
            except BaseException:
                _exchange(new, out)
                raise
        else:
            retired = Path(tempfile.mkdtemp(prefix=f".{out.name}.", suffix=RETIRED, dir=out.parent))
            os.rmdir(retired)  # only a fresh name was wanted
            os.rename(out, retired)
            try:
                check(retired)
                os.rename(new, out)
            except BaseException:
                os.rename(retired, out)
                raise
        shutil.rmtree(retired, ignore_errors=True)  # what cannot be removed, the next export clears
