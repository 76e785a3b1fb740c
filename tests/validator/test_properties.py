"""Whatever a file holds, the validator answers with findings, never an exception."""

from __future__ import annotations

import json
import math
from pathlib import Path

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from communique.findings import Severity
from communique.kinds import STATEMENT
from communique.parse import Document, parse_text
from communique.read import SourceFile
from communique.schemas import schema_for, validator_for
from communique.validate.engine import validate

from testdata import VALID

STATEMENT_FILE = "statements/tass-2020-09-11-lavrov-honest-dialogue-publish-correspondence.json"
VALID_STATEMENT = json.loads((VALID / STATEMENT_FILE).read_text(encoding="utf-8"))
SOURCE = SourceFile.at("/x.json", "x.json", STATEMENT, False)

# Integers within 64 bits: beyond, both parsers read a float (communique.parse explains why).
json_values = st.recursive(
    st.none() | st.booleans() | st.integers(min_value=-(2**63), max_value=2**64 - 1) | st.floats(allow_nan=False, allow_infinity=False) | st.text(),
    lambda children: st.lists(children, max_size=4) | st.dictionaries(st.text(max_size=8), children, max_size=4),
    max_leaves=20,
)

_SETTINGS = settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])


def _errors(root: Path) -> list:
    return [finding for finding in validate(root) if finding.severity is Severity.ERROR]


@given(st.binary(max_size=300))
@settings(max_examples=400, deadline=None)
def test_any_bytes_parse_or_give_findings(data):
    result = parse_text(data, SOURCE)
    if isinstance(result, Document):
        assert json.loads(data) == result.value or _has_nan(result.value)
    else:
        assert result and all(finding.rule.startswith("json.") and finding.line >= 1 for finding in result)


def _has_nan(value) -> bool:
    return isinstance(value, float) and math.isnan(value)


@given(json_values)
@settings(max_examples=300, deadline=None)
def test_any_json_value_parses_back_to_itself(value):
    text = json.dumps(value, ensure_ascii=False, indent=1).encode()
    result = parse_text(text, SOURCE)
    assert isinstance(result, Document)
    assert result.value == value


@given(json_values)
@settings(max_examples=300, deadline=None)
def test_the_strict_scanner_agrees_with_the_fast_path_and_places_every_value(value):
    from communique.parse import _slow_parse

    text = json.dumps(value, ensure_ascii=False, indent=2).encode()
    slow = _slow_parse(text, SOURCE, 1, 0)
    assert isinstance(slow, Document) and slow.value == value
    for pointer in _pointers(value):
        line, column = slow.locate(pointer)
        assert 1 <= line <= text.count(b"\n") + 1 and column >= 1


def test_integers_beyond_64_bits_read_as_floats_on_both_paths():
    from communique.parse import _slow_parse

    text = b"[-9223372036854775809, 18446744073709551616]"
    fast, slow = parse_text(text, SOURCE), _slow_parse(text, SOURCE, 1, 0)
    assert fast.value == slow.value == [-9.223372036854776e18, 1.8446744073709552e19]


def _pointers(value, prefix=""):
    yield prefix
    if isinstance(value, dict):
        for key, child in value.items():
            yield from _pointers(child, f"{prefix}/{key.replace('~', '~0').replace('/', '~1')}")
    elif isinstance(value, list):
        for position, child in enumerate(value):
            yield from _pointers(child, f"{prefix}/{position}")


@given(st.binary(max_size=200))
@_SETTINGS
def test_arbitrary_bytes_as_a_record_file_give_an_error(dataset, data):
    (dataset / STATEMENT_FILE).write_bytes(data)
    assert _errors(dataset)


@given(json_values)
@_SETTINGS
def test_arbitrary_json_as_a_record_file_gives_an_error(dataset, value):
    (dataset / STATEMENT_FILE).write_text(json.dumps(value), encoding="utf-8")
    assert _errors(dataset)


_FIELDS = sorted(VALID_STATEMENT)
_REQUIRED = sorted(schema_for(STATEMENT)["required"])


def _write(dataset: Path, record) -> None:
    (dataset / STATEMENT_FILE).write_text(json.dumps(record, ensure_ascii=False, indent=2), encoding="utf-8")


@given(st.sampled_from(_FIELDS), json_values | st.sampled_from([None, "", " ", "x" * 3000, "2020-02-30", "ftp://x", "Q0"]))
@_SETTINGS
def test_a_mutated_record_gets_schema_findings_exactly_when_jsonschema_refuses_it(dataset, field, value):
    """The fast validator (jsonschema-rs) and the reference one (jsonschema) agree."""
    record = dict(VALID_STATEMENT, **{field: value})
    _write(dataset, record)
    findings = list(validate(dataset))
    schema_findings = [finding for finding in findings if finding.rule.startswith("schema.")]
    refused = not validator_for(STATEMENT).is_valid(record)
    assert bool(schema_findings) == refused, findings
    assert all(finding.line >= 1 for finding in schema_findings)
    # meaning rules run on schema-invalid records too: never failing, never twice on one value
    assert not [finding for finding in findings if "this is a bug in communique" in finding.message], findings
    refused_places = {finding.pointer for finding in schema_findings}
    assert not [finding for finding in findings if finding.rule.startswith("meaning.") and finding.pointer in refused_places], findings


@given(st.sampled_from(_REQUIRED))
@_SETTINGS
def test_a_record_without_a_required_field_fails(dataset, field):
    record = {key: value for key, value in VALID_STATEMENT.items() if key != field}
    _write(dataset, record)
    rules = {finding.rule for finding in _errors(dataset)}
    assert rules == ({"schema.version"} if field == "$schema" else {"schema.required"})


@given(st.sampled_from(["topics", "mentions"]), st.integers(min_value=0, max_value=3))
@_SETTINGS
def test_valid_variations_of_a_record_pass(dataset, field, keep):
    record = dict(VALID_STATEMENT)
    record[field] = record[field][:keep] if keep else record[field][:1]
    (dataset / STATEMENT_FILE).write_text(json.dumps(record, ensure_ascii=False, indent=4), encoding="utf-8")
    assert [finding.to_dict() for finding in validate(dataset)] == []
