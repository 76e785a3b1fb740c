"""A file of the export that cannot be written (a full disk, a size limit) is one clear message,
exit 1, no traceback, and the previous export left as it was."""

from __future__ import annotations

import re
import resource
import signal
import subprocess
import sys

import pytest

# ``communique export`` with package.write_csv failing half way through its first table (articles),
# as it does when the disk fills up.
FULL_DISK = """
import errno, os, sys
from communique import cli
from communique.export import package

def full(path, *args, **kwargs):
    path.write_text("id,na")
    raise OSError(errno.ENOSPC, os.strerror(errno.ENOSPC), str(path))

package.write_csv = full
sys.exit(cli.main(sys.argv[1:]))
"""


def _limited(size: int):
    """Files of the process may not grow beyond ``size`` bytes: a write past it fails (EFBIG)."""

    def limit() -> None:
        signal.signal(signal.SIGXFSZ, signal.SIG_IGN)  # fail the write instead of killing the process
        resource.setrlimit(resource.RLIMIT_FSIZE, (size, size))

    return limit


@pytest.mark.parametrize(
    "command, limit, reason",
    [
        (["-c", FULL_DISK], None, r"No space left on device \(csv/articles\.csv\)"),
        (["-m", "communique"], 64 << 10, r"(disk I/O error|database or disk is full) \(communique\.sqlite\)"),
        (["-m", "communique"], 100, r"File too large \(jsonl/articles\.jsonl\)"),
    ],
    ids=["full-disk", "sqlite-too-large", "jsonl-too-large"],
)
def test_a_file_that_cannot_be_written_is_one_message(small_dataset, previous, command, limit, reason, snapshot):
    before = snapshot(previous)
    result = subprocess.run(
        [sys.executable, *command, "export", "--out", str(previous), "--dataset", str(small_dataset)],
        capture_output=True,
        text=True,
        preexec_fn=None if limit is None else _limited(limit),
    )
    assert result.returncode == 1, result.stderr
    assert "Traceback" not in result.stderr and result.stdout == ""
    lines = result.stderr.splitlines()
    assert len(lines) == 2 and lines[1] == f"Nothing was changed in {previous}.", result.stderr
    assert lines[0].startswith(f"communique export: cannot write {previous}: ")
    assert re.search(reason, lines[0]), lines[0]
    assert snapshot(previous) == before
    assert sorted(path.name for path in previous.parent.iterdir()) == ["dataset", "export"]
