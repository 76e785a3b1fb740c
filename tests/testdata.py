"""Test data shared by every test package: the fixture folders and one dataset-writing helper.

An importable module (``tests`` is on pytest's ``pythonpath``), not a conftest: test modules
that imported helpers from ``conftest`` broke depending on which conftest pytest loaded first.
"""

from __future__ import annotations

import json
import os
import shutil
from pathlib import Path

FIXTURES = Path(__file__).resolve().parent / "fixtures"
VALID = FIXTURES / "valid"
INVALID = FIXTURES / "invalid"


def overlay(target: Path, *fixtures: Path) -> Path:
    """A copy of the valid base at ``target`` with the fixtures' files added or replaced, in order.

    What git cannot hold is made from a fixture's ``expected.json``: ``"links"`` (path: target)
    and ``"fifos"`` (paths)."""
    shutil.copytree(VALID, target)
    for fixture in fixtures:
        made = expected(fixture) if (fixture / "expected.json").is_file() else {}
        for name, link in made.get("links", {}).items():
            os.symlink(link, target / name)
        for name in made.get("fifos", []):
            os.mkfifo(target / name)
        for path in sorted(fixture.rglob("*")):
            relative = path.relative_to(fixture)
            if path.is_file() and relative.as_posix() != "expected.json":
                destination = target / relative
                destination.parent.mkdir(parents=True, exist_ok=True)
                shutil.copyfile(path, destination)
    return target


def expected(fixture: Path) -> dict:
    return json.loads((fixture / "expected.json").read_text(encoding="utf-8"))


def write_dataset(root: Path, records: dict[str, list[dict]]) -> Path:
    """Write records (by kind folder) as pretty-printed ``<folder>/<id>.json`` files, as a curator
    lays them out: every kind folder made, ``$schema`` added when a record has none, and the file
    named after ``_file`` instead of the id when a record carries it (to test a mismatch)."""
    from communique.kinds import BY_FOLDER, KINDS

    for kind in KINDS:
        (root / kind.folder).mkdir(parents=True, exist_ok=True)
    for folder, items in records.items():
        for record in items:
            name = record.get("_file", record["id"])
            body = {key: value for key, value in record.items() if key != "_file"}
            body = {"$schema": BY_FOLDER[folder].schema_ref, **body}
            text = json.dumps(body, ensure_ascii=False, indent=2) + "\n"
            (root / folder / f"{name}.json").write_text(text, encoding="utf-8")
    return root
