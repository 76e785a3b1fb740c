"""The pydantic models accept exactly what the JSON Schemas accept.

Structure: the same fields, the same required fields and the same enumerations, model by
model and nested object by nested object. Behaviour: every valid record passes both, and
mutations of valid records (wrong types, lax-mode coercions, nulls, bad formats, missing
and unknown fields) are refused by both or accepted by both.
"""

from __future__ import annotations

import copy
import typing

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from pydantic import BaseModel, ValidationError

from communique import models, schemas
from communique.kinds import ACTOR, ARTICLE, BY_NAME, KINDS, STATEMENT, TREATY

DEFS = schemas.schema_documents()["defs.schema.json"]["$defs"]

# model -> the schema object it mirrors
PAIRS = {
    models.Article: schemas.schema_for(ARTICLE),
    models.OriginalPublisher: schemas.schema_for(ARTICLE)["properties"]["original_publisher"],
    models.Capture: schemas.schema_for(ARTICLE)["properties"]["capture"],
    models.Actor: schemas.schema_for(ACTOR),
    models.Role: schemas.schema_for(ACTOR)["properties"]["roles"]["items"],
    models.Statement: schemas.schema_for(STATEMENT),
    models.Treaty: schemas.schema_for(TREATY),
    models.LifecycleEvent: schemas.schema_for(TREATY)["properties"]["lifecycle"]["items"],
    models.Note: DEFS["note"],
    models.Source: DEFS["source"],
    models.Silence: DEFS["silence"]["items"],
}


def _fields(model: type[BaseModel]) -> dict[str, typing.Any]:
    return {field.alias or name: field for name, field in model.model_fields.items()}


def _literal_values(annotation) -> list | None:
    if typing.get_origin(annotation) is typing.Literal:
        return list(typing.get_args(annotation))
    for arg in typing.get_args(annotation):
        values = _literal_values(arg)
        if values:
            return values
    return None


def _resolve(subschema: dict) -> dict:
    ref = subschema.get("$ref", "")
    if ref.startswith("defs.schema.json#/$defs/") or ref.startswith("#/$defs/"):
        return _resolve(DEFS[ref.rsplit("/", 1)[1]])
    return subschema


@pytest.mark.parametrize("model", PAIRS, ids=lambda model: model.__name__)
def test_same_fields_and_required_fields(model):
    schema = PAIRS[model]
    fields = _fields(model)
    assert set(fields) == set(schema["properties"])
    assert {name for name, field in fields.items() if field.is_required()} == set(schema.get("required", []))


@pytest.mark.parametrize("model", PAIRS, ids=lambda model: model.__name__)
def test_same_enumerations(model):
    schema = PAIRS[model]
    for name, field in _fields(model).items():
        enum = _resolve(schema["properties"][name]).get("enum")
        assert _literal_values(field.annotation) == enum, f"{model.__name__}.{name}"


def _valid_records():
    for kind in KINDS:
        for example in schemas.schema_for(kind)["examples"]:
            yield kind.name, example


VALID = list(_valid_records())
ODD_VALUES = [
    None, True, False, 0, 1, -1, 1.5, 20191210, "", " ", "true", "1", "2019-12-10", "2019-12-10T00:00:00",
    "2020-02-30", "/", "", "A B", "new-start", "Q0", "Q159", "ftp://example.com", "https://example.com/x",
    "javascript:alert(1)", "https://exa[mple.com", "https://x.org/%zz", "xx", "RU", "en", [], [""], ["a", "a"], ["new-start"], {}, {"url": "https://x.org"},
]


def _accepts_schema(kind: str, record: dict) -> bool:
    return not any(True for _ in schemas.validator_for(BY_NAME[kind]).iter_errors(record))


def _accepts_model(kind: str, record: dict) -> bool:
    try:
        models.MODELS[kind].model_validate(record)
    except ValidationError:
        return False
    return True


@pytest.mark.parametrize("kind,record", VALID, ids=[kind for kind, _ in VALID])
def test_valid_records_pass_both(kind, record):
    assert _accepts_schema(kind, record) and _accepts_model(kind, record)


def _paths(value, path=()):
    yield path
    if isinstance(value, dict):
        for key, item in value.items():
            yield from _paths(item, (*path, key))
    elif isinstance(value, list):
        for index, item in enumerate(value):
            yield from _paths(item, (*path, index))


@st.composite
def mutated(draw):
    kind, record = draw(st.sampled_from(VALID))
    record = copy.deepcopy(record)
    path = draw(st.sampled_from([path for path in _paths(record) if path]))
    *parents, last = path
    container = record
    for step in parents:
        container = container[step]
    action = draw(st.sampled_from(["replace", "delete", "add"]))
    if action == "replace":
        container[last] = draw(st.sampled_from(ODD_VALUES))
    elif action == "delete":
        del container[last]
    elif isinstance(container, dict):
        container[draw(st.sampled_from(["extra", "Id", "notes", "aliases"]))] = draw(st.sampled_from(ODD_VALUES))
    else:
        container.append(draw(st.sampled_from(ODD_VALUES)))
    return kind, record


@settings(max_examples=600, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(mutated())
def test_schema_and_model_agree_on_mutated_records(case):
    kind, record = case
    assert _accepts_schema(kind, record) == _accepts_model(kind, record), record
