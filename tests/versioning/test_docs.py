"""The versioning page names every class of change the classifier reports, with its step."""

from __future__ import annotations

import re
from pathlib import Path

from communique.versioning.changes import ChangeKind

PAGE = Path(__file__).resolve().parents[2] / "docs" / "versioning.md"


def test_every_class_of_change_is_in_the_policy_table_with_its_step():
    rows = dict(re.findall(r"^\| `([a-z-]+)` \| (major|minor|patch)", PAGE.read_text(encoding="utf-8"), re.MULTILINE))
    assert rows == {kind.code: kind.severity.bump for kind in ChangeKind}
