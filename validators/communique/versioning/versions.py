"""The three versions a copy of communique has: the package's, the schemas' and the
dataset's (see ``docs/versioning.md`` for why they are three).

The dataset's release is the ``Release:`` line of the dataset's ``README.md``, a file the
validator allows beside the data, so that it travels with the records (in the wheel, in a
download) and a curator sees it.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path

DATASET_README = "README.md"
UNRELEASED = "unreleased"
_RELEASE_LINE = re.compile(r"^Release: ([0-9]{4}-[0-9]{2}-[0-9]{2}|" + UNRELEASED + r")[ \t]*$", re.MULTILINE)


@dataclass(frozen=True)
class Versions:
    package: str
    schema: str  # the working schemas' x-version
    carried: tuple[str, ...]  # every schema version the package can validate and migrate to
    dataset: str  # the dataset's release date, "unreleased", or "unknown" (no README line)

    def __str__(self) -> str:
        return (f"communique {self.package}\n"
                f"schemas {self.schema} (carried: {', '.join(self.carried)})\n"
                f"dataset {self.dataset}")


def dataset_release(dataset: Path) -> str:
    """The release named in the dataset's README, "unknown" when it names none."""
    try:
        text = (dataset / DATASET_README).read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError):
        return "unknown"
    match = _RELEASE_LINE.search(text)
    return match.group(1) if match else "unknown"


def versions(dataset: Path | None = None) -> Versions:
    """The package's, the working schemas' and the dataset's versions (default: the shipped dataset)."""
    from communique import __version__
    from communique.resources import dataset_dir
    from communique.versioning import releases as kept

    working = kept.working().version
    carried = sorted({*kept.released(), working})
    return Versions(__version__, str(working), tuple(map(str, carried)), dataset_release(dataset or dataset_dir()))
