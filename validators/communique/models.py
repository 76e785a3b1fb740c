"""Typed records: pydantic v2 models of the five kinds, built from the JSON Schemas at import.

The schemas are the one source. Every field, whether it is required, its enumeration,
pattern, lengths, item bounds, uniqueness and format are read from the schema files
(through :mod:`communique.schemafields`, the walk the rules, exports and dictionary use),
so a field added to a schema is a field of its model with no other edit. The models are
derived at import rather than generated into source: there is no second copy to keep
current and no build step to forget, and it costs nothing measurable (importing this
module takes a fifth fewer instructions than the hand-written models did, which imported
jsonschema for one format check).

The models are strict: pydantic's default lax mode would turn ``"true"`` into ``True`` or
``20191210`` into a date, which the schema refuses. Dates are accepted only as
``YYYY-MM-DD`` strings (or ``date`` objects), and an explicit ``null`` is refused where the
schema has no ``null`` (an optional field is left out, never null). Patterns run on
pydantic's Rust engine (a quarter fewer instructions per record than Python's ``re``);
``tests/models`` proves that it, jsonschema-rs and python-jsonschema read every patterned
field alike.

A dump with default arguments is a record again: keys by their schema names (``$schema``),
optional fields left out rather than written as ``null`` or ``[]``.
"""

from __future__ import annotations

import datetime as dt
import keyword
import re
from functools import partial
from typing import Annotated, Any, Literal

from pydantic import (
    AfterValidator,
    BaseModel,
    BeforeValidator,
    ConfigDict,
    Field,
    StringConstraints,
    ValidationError,
    ValidatorFunctionWrapHandler,
    create_model,
    model_validator,
)
from pydantic_core import PydanticCustomError

from communique import schemafields, textform
from communique.kinds import KINDS
from communique.schemas import first_repeat, rust_pattern


class Strict(BaseModel):
    """Base of every model: strict types, no unknown fields, no explicit nulls, immutable."""

    model_config = ConfigDict(
        strict=True,
        extra="forbid",
        frozen=True,
        validate_by_name=False,  # a record names "$schema", never the attribute schema_
        validate_by_alias=True,
        serialize_by_alias=True,
    )

    @model_validator(mode="before")
    @classmethod
    def _no_nulls(cls, data: Any) -> Any:
        if isinstance(data, dict):
            nulls = sorted(str(key) for key, value in data.items() if value is None)
            if nulls:
                raise ValueError(f"null is not allowed (leave the field out instead): {', '.join(nulls)}")
        return data


class Record(Strict):
    """A record of any kind: the base of :data:`MODELS`."""

    @model_validator(mode="wrap")
    @classmethod
    def _in_words(cls, data: Any, handler: ValidatorFunctionWrapHandler) -> Any:
        """pydantic's pattern error quotes the pattern; name the character at fault instead,
        as the validator's ``schema.pattern`` finding does. Once per record, not per field."""
        try:
            return handler(data)
        except ValidationError as error:
            reworded = _reworded(error)
            if reworded is None:
                raise
            raise reworded from None


def _reworded(error: ValidationError) -> ValidationError | None:
    """The error with each pattern mismatch a character explains said in words; None when there is none."""
    details: list[Any] = []
    changed = False
    for detail in error.errors(include_url=False):
        pattern = _SCHEMA_PATTERNS.get((detail.get("ctx") or {}).get("pattern", ""))
        value = detail["input"]
        reason = textform.unwanted(value, pattern) if pattern and isinstance(value, str) else ""
        if reason:
            changed = True
            detail = {**detail, "type": PydanticCustomError("string_pattern_mismatch", "the value {reason}", {"reason": reason})}
            detail.pop("ctx", None)
            detail.pop("msg", None)
        details.append(detail)
    return ValidationError.from_exception_data(error.title, details) if changed else None


def _unique(items: Any) -> Any:
    # Before the items are validated, so that items compare as JSON values, as in the schema.
    repeated = first_repeat(items) if isinstance(items, list) else None
    if repeated is not None:
        raise ValueError(f"{repeated[1]!r} appears more than once")
    return items


def _iso_date(pattern: re.Pattern[str], value: Any) -> Any:
    # Only the schema's form; anything else is passed on for strict validation to refuse.
    if isinstance(value, str) and pattern.search(value):
        try:
            return dt.date.fromisoformat(value)
        except ValueError:
            pass
    return value


def _uri(value: str) -> str:
    from rfc3986_validator import validate_rfc3986  # what jsonschema's format checker uses for "uri"

    if not validate_rfc3986(value, rule="URI"):
        raise ValueError(f"{value!r} is not a valid uri")
    return value


_SCHEMA_PATTERNS: dict[str, str] = {}  # the pattern pydantic was given -> the schema's


def _string(schema: dict) -> Any:
    """A str (or, for ``format: date``, a date) carrying the schema's pattern and lengths."""
    if "enum" in schema:
        return Literal[tuple(schema["enum"])]
    if schema.get("format") == "date":
        return Annotated[dt.date, BeforeValidator(partial(_iso_date, re.compile(schema["pattern"])))]
    pattern = rust_pattern(schema["pattern"]) if "pattern" in schema else None
    if pattern is not None:
        _SCHEMA_PATTERNS[pattern] = schema["pattern"]
    constrained = Annotated[
        str, StringConstraints(pattern=pattern, min_length=schema.get("minLength"), max_length=schema.get("maxLength"))
    ]
    if schema.get("format") == "uri":
        return Annotated[constrained, AfterValidator(_uri)]
    return constrained


def _array(field: schemafields.Field, models: dict[str, type[Strict]]) -> Any:
    schema = field.schema
    checks: list[Any] = [Field(min_length=schema.get("minItems"), max_length=schema.get("maxItems"))]
    if schema.get("uniqueItems"):
        checks.append(BeforeValidator(_unique))
    return Annotated[list[_annotation(field.items, models)], *checks]


def _annotation(field: schemafields.Field, models: dict[str, type[Strict]]) -> Any:
    kind = field.schema.get("type")
    if kind == "string":
        return _string(field.schema)
    if kind == "array":
        return _array(field, models)
    if kind == "object":
        return _model(field, models, Strict)
    if kind == "integer":  # strict: neither a bool nor a float such as 3.0 is an integer here
        return Annotated[int, Field(ge=field.schema.get("minimum"))]
    if kind == "boolean":
        return bool
    raise TypeError(f"/{'/'.join(field.path)}: no model type for the schema type {kind!r}")


def _attribute(name: str) -> str:
    """The Python name of a schema property: ``$schema`` -> ``schema_``."""
    if name.isidentifier() and not keyword.iskeyword(name) and not hasattr(BaseModel, name):
        return name
    return re.sub(r"\W", "", name) + "_"


def _class_name(schema: dict) -> str:
    """``"Lifecycle event"`` -> ``LifecycleEvent``."""
    return "".join(word[:1].upper() + word[1:] for word in re.sub(r"[^\w ]", "", schema["title"]).split())


def _model(field: schemafields.Field, models: dict[str, type[Strict]], base: type[Strict]) -> type[Strict]:
    """The model of an object field; one class for each object schema, however often used."""
    key = repr(sorted(field.schema.items()))
    if key not in models:
        members: dict[str, Any] = {}
        for child in field.properties:
            annotation = _annotation(child, models)
            words = {"alias": child.name, "title": child.schema.get("title"), "description": child.schema.get("description")}
            if child.required:
                members[_attribute(child.name)] = (annotation, Field(**words))
            elif child.schema.get("type") == "array":  # left out when empty: the schema says minItems 1
                members[_attribute(child.name)] = (annotation, Field(default=[], exclude_if=_empty, **words))
            else:
                members[_attribute(child.name)] = (annotation | None, Field(default=None, exclude_if=_absent, **words))
        models[key] = create_model(
            _class_name(field.schema), __base__=base, __module__=__name__, __doc__=field.schema.get("description"), **members
        )
    return models[key]


def _empty(value: list) -> bool:
    return not value


def _absent(value: Any) -> bool:
    return value is None


def _record_models() -> dict[str, type[Record]]:
    shared: dict[str, type[Strict]] = {}
    return {kind.name: _model(schemafields.root(kind.name), shared, Record) for kind in KINDS}


MODELS: dict[str, type[Record]] = _record_models()
Article = MODELS["article"]
Actor = MODELS["actor"]
Statement = MODELS["statement"]
Treaty = MODELS["treaty"]
Event = MODELS["event"]
