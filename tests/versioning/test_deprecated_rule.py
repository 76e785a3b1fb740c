"""``schema.deprecated``: a warning naming the replacement on every use of a deprecated
field, through the whole validator, with a statement schema that deprecates ``attribution``."""

from __future__ import annotations

import copy
import inspect
import json
import shutil
from pathlib import Path

from communique.findings import Severity
from communique.kinds import KINDS, STATEMENT
from communique.rules import base, deprecated
from communique.schemafields import walk
from communique.schemas import schema_documents
from communique.validate.engine import validate
from communique.versioning import deprecation

from testdata import overlay

INFO = {"since": "1.1.0", "reason": "Attributions are kept as notes.", "replacement": "/notes"}


def _deprecating_attribution(monkeypatch) -> None:
    schema = copy.deepcopy(schema_documents()[STATEMENT.schema_file])
    schema["properties"]["attribution"] = {**schema["properties"]["attribution"], "deprecated": True, "x-deprecated": INFO}
    fields = tuple(deprecation.deprecated_fields(walk(schema, STATEMENT.schema_file)))
    monkeypatch.setattr(deprecation, "of_kind", lambda kind, major=None: fields if kind == STATEMENT.name else ())


def test_the_rule_is_registered_because_a_shipped_field_is_deprecated():
    """Schema 1.1.0 deprecates ``statement.occasion`` (2.0.0 removes it, and v1 records are still
    warned); the rule reads exactly the deprecated fields."""
    assert deprecated.reads()[STATEMENT] == frozenset({"occasion"})
    assert not any(fields for kind, fields in deprecated.reads().items() if kind is not STATEMENT)
    assert deprecated.DEPRECATED in base.RULES


def test_a_record_using_a_deprecated_field_gets_a_warning_naming_the_replacement(tmp_path: Path, monkeypatch):
    _deprecating_attribution(monkeypatch)
    rule = base.Rule(deprecated.DEPRECATED, Severity.WARNING, KINDS, inspect.cleandoc(deprecated.deprecated_field.__doc__),
                     check=deprecated.deprecated_field, reads={kind: frozenset({"attribution"}) if kind is STATEMENT else frozenset() for kind in KINDS})
    monkeypatch.setitem(base.RULES, deprecated.DEPRECATED, rule)
    root = overlay(tmp_path / "dataset")
    with_attribution = [path for path in sorted((root / "statements").glob("*.json")) if "attribution" in json.loads(path.read_text(encoding="utf-8"))]
    assert with_attribution
    monkeypatch.chdir(root)
    found = [finding for finding in validate(root) if finding.rule == deprecated.DEPRECATED]
    assert len(found) == len(with_attribution) + sum(
        "attribution" in json.loads(line) for path in (root / "statements").glob("*.jsonl") for line in path.read_text(encoding="utf-8").splitlines() if line.strip()
    )
    first = found[0]
    assert first.severity is Severity.WARNING and first.pointer == "/attribution"
    assert "deprecated since schema 1.1.0" in first.message and first.hint == "Use /notes instead."
