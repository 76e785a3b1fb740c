"""The pydantic models accept exactly what the JSON Schemas accept.

Structure: the same fields, the same required fields, enumerations, patterns and bounds,
model by model and nested object by nested object, found by walking the schemas. Behaviour:
every valid record passes both, and mutations of valid records (wrong types, lax-mode
coercions, nulls, bad formats, control characters, missing and unknown fields) are refused
by both or accepted by both.
"""

from __future__ import annotations

import copy
import datetime as dt
import typing

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from pydantic import BaseModel, ValidationError

from communique import models, schemafields, schemas
from communique.kinds import BY_NAME, KINDS


def _by_alias(model: type[BaseModel]) -> dict[str, typing.Any]:
    return {field.alias or name: field for name, field in model.model_fields.items()}


def _inner(annotation) -> list:
    """The types inside an annotation: ``list[X] | None`` -> [list[X], X, None]."""
    found = [annotation]
    for arg in typing.get_args(annotation):
        if not isinstance(arg, (str, int)):
            found += _inner(arg)
    return found


def _literal_values(annotation) -> list | None:
    for inner in _inner(annotation):
        if typing.get_origin(inner) is typing.Literal:
            return list(typing.get_args(inner))
    return None


def _model_in(annotation) -> type[BaseModel] | None:
    return next((inner for inner in _inner(annotation) if isinstance(inner, type) and issubclass(inner, BaseModel)), None)


def _pairs():
    """(where, model, field of the schema) for every object of every kind."""
    def walk(model, field, where):
        yield where, model, field
        fields = _by_alias(model)
        for child in field.properties:
            target = child.items if child.items is not None else child
            if target.properties:
                yield from walk(_model_in(fields[child.name].annotation), target, f"{where}.{child.name}")

    for kind in KINDS:
        yield from walk(models.MODELS[kind.name], schemafields.root(kind.name), kind.name)


PAIRS = list(_pairs())


@pytest.mark.parametrize("where,model,field", PAIRS, ids=[where for where, _, _ in PAIRS])
def test_same_fields_required_fields_and_enumerations(where, model, field):
    fields = _by_alias(model)
    assert list(fields) == [child.name for child in field.properties]
    assert {name for name, info in fields.items() if info.is_required()} == {child.name for child in field.properties if child.required}
    for child in field.properties:
        target = child.items if child.items is not None else child
        assert _literal_values(fields[child.name].annotation) == target.schema.get("enum"), f"{where}.{child.name}"


def test_every_kind_and_nested_object_has_a_model():
    names = {model.__name__ for _, model, _ in PAIRS}
    assert {"Article", "Actor", "Statement", "Treaty", "Role", "LifecycleEvent", "OriginalPublisher", "Capture"} <= names
    assert len(PAIRS) >= 12


def test_one_class_for_a_shared_definition():
    note = _model_in(_by_alias(models.Statement)["notes"].annotation)
    assert note is _model_in(_by_alias(models.Treaty)["notes"].annotation)


def _valid_records():
    for kind in KINDS:
        for example in schemas.schema_for(kind)["examples"]:
            yield kind.name, example


VALID = list(_valid_records())
ODD_VALUES = [
    None, True, False, 0, 1, -1, 1.5, 20191210, "", " ", "true", "1", "2019-12-10", "2019-12-10T00:00:00",
    "2020-02-30", "/", "", "A B", "new-start", "Q0", "Q159", "ftp://example.com", "https://example.com/x",
    "javascript:alert(1)", "https://exa[mple.com", "https://x.org/%zz", "xx", "RU", "en", [], [""], ["a", "a"], ["new-start"], {}, {"url": "https://x.org"},
    "new-start\n", "\u0085", "\ufeff", "\u200b", "a\u0085", "a\rb", "a\nb", "a\tb", "\u00a0", "\u3000x", "2019-12-10\n",
    [1, 1.0], [True, 1], [{"a": 1, "b": 2}, {"b": 2, "a": 1}],
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
        container[draw(st.sampled_from(["extra", "Id", "notes", "aliases", "topics", "place", "schema_"]))] = draw(st.sampled_from(ODD_VALUES))
    else:
        container.append(draw(st.sampled_from(ODD_VALUES)))
    return kind, record


@settings(max_examples=600, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(mutated())
def test_schema_and_model_agree_on_mutated_records(case):
    kind, record = case
    assert _accepts_schema(kind, record) == _accepts_model(kind, record), record


def test_a_record_names_its_fields_as_the_schema_does():
    kind, record = VALID[0]
    renamed = {("schema_" if key == "$schema" else key): value for key, value in record.items()}
    assert not _accepts_model(kind, renamed) and not _accepts_schema(kind, renamed)


@pytest.mark.parametrize(
    "field,value",
    [("headline", 1), ("headline", True), ("headline", None), ("published", "20191210"), ("published", 20191210),
     ("published", "2019-12-10T00:00:00"), ("published", "2019-12-10\n"), ("published", None), ("mentions", "tass")],
)
def test_the_models_are_strict(field, value):
    kind, record = VALID[0]
    assert not _accepts_model(kind, {**record, field: value})
    assert _accepts_model(kind, {**record, "published": dt.date(2020, 9, 11)})


@pytest.mark.parametrize(
    "field,value,reason",
    [("place", "Moscow\u0085", "(U+0085) at character 7"), ("attribution", "\ufeff", "no visible character"),
     ("id", "new-start\n", "a line feed (U+000A) at character 10"), ("text", "a\nb\rc", "(U+000D) at character 4 (line 2)")],
)
def test_the_models_and_the_validator_name_the_unwanted_character_alike(field, value, reason):
    from communique.kinds import STATEMENT
    from communique.rules.schema import issues

    record = {**schemas.schema_for(STATEMENT)["examples"][0], field: value}
    with pytest.raises(ValidationError) as refused:
        models.Statement.model_validate(record)
    [error] = refused.value.errors()
    [(_, issue)] = issues(record, STATEMENT)
    assert reason in error["msg"] and error["loc"] == (field,)
    assert error["msg"].removeprefix("the value ") in issue.message
