"""What the models write loads back: with default arguments, a dump is the record again.

``model_dump(mode="json")`` and ``model_dump_json()`` name ``$schema`` as the schema does and
leave unset optional fields out (never ``null`` or ``[]``), so the dump loads back equal and
is valid against the schema. Over the curated dataset, the fixtures, and records generated
from the schemas with any choice of optional fields and codes.
"""

from __future__ import annotations

from pathlib import Path

import orjson
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from communique import schemafields, schemas
from communique.kinds import BY_FOLDER, BY_NAME, KINDS
from communique.models import MODELS
from communique.resources import dataset_dir
from samples import full_record

FIXTURES = Path(__file__).resolve().parents[1] / "fixtures" / "valid"


def _records():
    for root in (dataset_dir(), FIXTURES):
        for path in sorted(root.glob("*/*.json")):
            yield pytest.param(BY_FOLDER[path.parent.name].name, orjson.loads(path.read_bytes()), id=path.name)


def _assert_round_trip(kind: str, record: dict) -> None:
    model = MODELS[kind]
    loaded = model.model_validate(record)
    for dumped in (loaded.model_dump(mode="json"), orjson.loads(loaded.model_dump_json()), loaded.model_dump()):
        assert model.model_validate(dumped) == loaded
    as_json = loaded.model_dump(mode="json")
    assert list(schemas.validator_for(BY_NAME[kind]).iter_errors(as_json)) == []
    assert as_json == record  # nothing added, nothing lost, same names


@pytest.mark.parametrize("kind,record", list(_records()))
def test_a_dump_of_a_record_is_the_record(kind, record):
    _assert_round_trip(kind, record)


@st.composite
def generated(draw):
    """A valid record of any kind: every field filled from the schema, then any optional
    fields left out and any codes of the closed codelists chosen."""
    kind = draw(st.sampled_from([kind.name for kind in KINDS]))
    record = full_record(kind)
    for field in schemafields.fields(kind):
        found = schemafields.values(record, field.path)
        if not found:
            continue
        pointer = found[0][0]
        *parents, last = pointer.strip("/").split("/")
        owner = record
        for step in parents:
            owner = owner[int(step)] if isinstance(owner, list) else owner[step]
        if "enum" in field.schema:
            owner[int(last) if isinstance(owner, list) else last] = draw(st.sampled_from(field.schema["enum"]))
        elif not field.required and field.name != schemafields.ITEMS and draw(st.booleans()):
            del owner[last]
    return kind, record


@settings(max_examples=200, deadline=None)
@given(generated())
def test_a_dump_of_a_generated_record_is_the_record(case):
    _assert_round_trip(*case)
