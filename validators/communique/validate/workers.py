"""Handing shares of a dataset to worker processes, and taking their results back in order.

A share is a batch of record files, or a part of a JSON Lines file. On a large dataset,
on Linux, the shares go to processes forked once the kept records are loaded, so that
the workers share them without copying; the results come back in the order of the
shares either way, so nothing found depends on how many processes ran.
"""

from __future__ import annotations

import itertools
import multiprocessing
import os
import sys
from collections.abc import Callable, Iterable, Iterator
from concurrent.futures import ProcessPoolExecutor
from contextlib import contextmanager
from typing import Any, TypeVar

from communique.kinds import Kind
from communique.read import SourceFile, line_ranges

#: A dataset of at least this many bytes is checked by worker processes (when the
#: machine has more than one core and can fork); a smaller one is not worth starting them.
PARALLEL_MIN_BYTES = 32 * 1024 * 1024
#: About how many bytes of data one share holds.
SHARE_BYTES = 8 * 1024 * 1024
#: About the size of one record file: what it counts for, unmeasured, in a share.
RECORD_FILE_BYTES = 1024

#: A share: ``(source number, start, end)`` of each file, or part of one, in it.
Share = list[tuple[int, int, int | None]]

J = TypeVar("J")
S = TypeVar("S")
R = TypeVar("R")


def available() -> int:
    """How many worker processes may run: one per usable core, where processes can fork."""
    if sys.platform != "linux" or "fork" not in multiprocessing.get_all_start_methods():
        return 1
    return len(os.sched_getaffinity(0))


def worth_it(sources: list[SourceFile]) -> bool:
    """Whether the dataset is large enough to be worth worker processes.

    A record file counts as :data:`RECORD_FILE_BYTES` without a system call (a
    pre-commit run in a dataset of ten thousand files would spend a tenth of its
    time asking their sizes); a JSON Lines file by its size.
    """
    total = 0
    for source in sources:
        if not source.lines:
            total += RECORD_FILE_BYTES
        else:
            try:
                total += os.stat(source.path).st_size
            except OSError:
                continue
        if total >= PARALLEL_MIN_BYTES:
            return True
    return False


def shares(sources: list[SourceFile], kinds: Iterable[Kind]) -> Iterator[Share]:
    """The files of these kinds in dataset order, in shares of about :data:`SHARE_BYTES`;
    a part of a JSON Lines file is a share of its own."""
    share: Share = []
    size = 0
    for kind in kinds:
        for number, source in enumerate(sources):
            if source.kind is not kind:
                continue
            if source.lines:
                try:  # a file not much over a share is one, without reading it through here
                    small = os.stat(source.path).st_size <= SHARE_BYTES * 3 // 2
                except OSError:  # parsing reports it
                    small = True
                # cut as the shares are handed out: the workers start on the first at once
                ranges = [(0, None)] if small else line_ranges(source, SHARE_BYTES)
                for start, end in ranges:
                    if share:
                        yield share
                    yield [(number, start, end)]
                    share, size = [], 0
                continue
            share.append((number, 0, None))
            size += RECORD_FILE_BYTES  # without a system call per file
            if size >= SHARE_BYTES:
                yield share
                share, size = [], 0
    if share:
        yield share


#: The jobs of the runs under way in this process, by the key their tasks carry (see :func:`run`).
_jobs: dict[int, Any] = {}
_keys = itertools.count()


@contextmanager
def _registered(job: Any) -> Iterator[int]:
    """Hold ``job`` under a new key while its workers run, and let go of it after."""
    key = next(_keys)
    _jobs[key] = job
    try:
        yield key
    finally:
        del _jobs[key]


def _perform(task: tuple[int, Callable[[Any, Any], Any], Any]) -> Any:
    """In a worker: one task, with the job its key names."""
    key, step, share = task
    return step(_jobs[key], share)


def run(job: J, tasks: Iterable[tuple[Callable[[J, S], R], S]], processes: int) -> Iterator[R]:
    """``step(job, share)`` for each task, in order: in this process, or in ``processes``
    workers forked now.

    The job (a run's files, its store of kept records, its rules) is large and is never
    pickled: it is registered under a key before the workers are forked, so each worker
    holds it (its pages shared with this process until written), and every task carries
    the key beside its step (a function, pickled by name) and its share, a few hundred
    bytes whatever the job's size. A worker could not build the job itself from a
    description of the run: that is loading every kept record again, in each worker.
    """
    if processes < 2:
        for step, share in tasks:
            yield step(job, share)
        return
    # an executor, not a Pool: a worker that dies (out of memory) is an error, not a hang
    context = multiprocessing.get_context("fork")
    with _registered(job) as key, ProcessPoolExecutor(processes, mp_context=context) as pool:
        yield from pool.map(_perform, ((key, step, share) for step, share in tasks))
