"""Typed records: pydantic v2 models of the four kinds, held to exactly what the schemas allow.

The JSON Schemas are the contract. String constraints (patterns, lengths) are read from
them here rather than restated; required fields and enumerations are written out so the
models read as documentation, and ``tests/models`` proves them equal to the schemas.

The models are strict: pydantic's default lax mode would turn ``"true"`` into ``True`` or
``20191210`` into a date, which the schema refuses. Dates are accepted only as
``YYYY-MM-DD`` strings (or ``date`` objects), and an explicit ``null`` is refused where the
schema has no ``null`` (an optional field is left out, never null).
"""

from __future__ import annotations

import datetime as dt
from typing import Annotated, Any, Literal

from pydantic import (
    AfterValidator,
    BaseModel,
    BeforeValidator,
    ConfigDict,
    Field,
    StringConstraints,
    model_validator,
)

from jsonschema import Draft202012Validator

from communique.kinds import ACTOR, ARTICLE, STATEMENT, TREATY, Kind
from communique.schemas import schema_documents, schema_for

_DEFS = schema_documents()["defs.schema.json"]["$defs"]


def _string(definition: dict) -> Any:
    """A str type carrying the pattern and length limits of a schema definition."""
    return Annotated[
        str,
        StringConstraints(
            pattern=definition.get("pattern"),
            min_length=definition.get("minLength"),
            max_length=definition.get("maxLength"),
        ),
    ]


def _iso_date(value: Any) -> Any:
    # Only the RFC 3339 full-date form; anything else is passed on for strict validation to refuse.
    if isinstance(value, str) and len(value) == 10 and value[4] == "-" and value[7] == "-":
        try:
            return dt.date.fromisoformat(value)
        except ValueError:
            pass
    return value


def _conforms(format_name: str):
    """An after-validator asserting a JSON Schema ``format`` with jsonschema's own checker."""
    checker = Draft202012Validator.FORMAT_CHECKER

    def check(value: str) -> str:
        if not checker.conforms(value, format_name):
            raise ValueError(f"{value!r} is not a valid {format_name}")
        return value

    return AfterValidator(check)


def _unique(items: list) -> list:
    seen = []
    for item in items:
        if item in seen:
            raise ValueError(f"{item!r} appears more than once")
        seen.append(item)
    return items


Slug = _string(_DEFS["id"])
ActorId = Slug
ArticleId = Slug
TreatyId = Slug
Text = _string(_DEFS["text"])
Url = Annotated[_string(_DEFS["http_url"]), _conforms(_DEFS["http_url"]["format"])]
Language = _string(_DEFS["language"])
Wikidata = _string(_DEFS["wikidata"])
Country = _string(_DEFS["country"])
Date = Annotated[dt.date, BeforeValidator(_iso_date)]
Code = Annotated[str, StringConstraints(pattern=r"^[a-z0-9]+(?:-[a-z0-9]+)*$")]


def _schema_ref(kind: Kind) -> Any:
    return Annotated[str, StringConstraints(pattern=schema_for(kind)["properties"]["$schema"]["pattern"])]


class Strict(BaseModel):
    """Base of every model: strict types, no unknown fields, no explicit nulls, immutable."""

    model_config = ConfigDict(strict=True, extra="forbid", frozen=True, populate_by_name=True)

    @model_validator(mode="before")
    @classmethod
    def _no_nulls(cls, data: Any) -> Any:
        if isinstance(data, dict):
            nulls = sorted(str(key) for key, value in data.items() if value is None)
            if nulls:
                raise ValueError(f"null is not allowed (leave the field out instead): {', '.join(nulls)}")
        return data


class Source(Strict):
    url: Url
    title: Text | None = None


# An optional list is left out when empty (the schemas say minItems 1): CSV and SQLite
# exports cannot tell an empty list from an absent one.
NonEmpty = Field(min_length=1)
Sources = Annotated[list[Source], NonEmpty, AfterValidator(_unique)]


class Note(Strict):
    kind: Literal["source-error", "unverified", "translation", "editorial", "discrepancy", "context"]
    text: Text
    field: Annotated[str, StringConstraints(pattern=_DEFS["note"]["properties"]["field"]["pattern"])] | None = None
    sources: Sources = []


class Silence(Strict):
    rule: Annotated[str, StringConstraints(pattern=_DEFS["silence"]["items"]["properties"]["rule"]["pattern"])]
    reason: Annotated[str, StringConstraints(min_length=10)]


class Record(Strict):
    """What every record has: its schema, its id, notes, sources and silenced rules."""

    id: Slug
    notes: Annotated[list[Note], NonEmpty] = []
    sources: Sources = []
    silence: Annotated[list[Silence], NonEmpty] = []


class OriginalPublisher(Strict):
    actor: ActorId
    certainty: Literal["confirmed", "probable"]


class Capture(Strict):
    file: Annotated[str, StringConstraints(pattern=r"^[A-Za-z0-9._-]+$")]
    removed: Annotated[list[Text], NonEmpty] = []


class Article(Record):
    schema_: _schema_ref(ARTICLE) = Field(alias="$schema")
    headline: Text
    subheadline: Text | None = None
    publisher: ActorId
    original_publisher: OriginalPublisher | None = None
    published: Date
    dateline: Text | None = None
    url: Url
    language: Language
    body: Text
    mentions: Annotated[list[ActorId], NonEmpty, AfterValidator(_unique)] = []
    capture: Capture | None = None


class Role(Strict):
    role: Code
    title: Text
    of: ActorId | None = None
    start: Date
    end: Date | None = None
    sources: Sources = []

    def held_on(self, day: dt.date) -> bool:
        return self.start <= day and (self.end is None or day <= self.end)


class Actor(Record):
    schema_: _schema_ref(ACTOR) = Field(alias="$schema")
    name: Text
    kind: Literal["person", "organization", "state"]
    aliases: Annotated[list[Text], NonEmpty, AfterValidator(_unique)] = []
    description: Text | None = None
    wikidata: Wikidata | None = None
    country: Country | None = None
    roles: Annotated[list[Role], NonEmpty] = []


class Statement(Record):
    schema_: _schema_ref(STATEMENT) = Field(alias="$schema")
    article: ArticleId
    speaker: ActorId
    speaker_role: Code | None = None
    text: Text
    kind: Literal["quote", "paraphrase"]
    attribution: Text | None = None
    date: Date
    date_basis: Literal["event", "publication", "inferred"] | None = None
    place: Text | None = None
    occasion: Text | None = None
    original_language: Language | None = None
    topics: Annotated[list[Code], NonEmpty, AfterValidator(_unique)] = []
    mentions: Annotated[list[ActorId], NonEmpty, AfterValidator(_unique)] = []
    treaties: Annotated[list[TreatyId], NonEmpty, AfterValidator(_unique)] = []


class LifecycleEvent(Strict):
    date: Date
    event: Literal[
        "signed",
        "ratified",
        "entered-into-force",
        "extended",
        "suspension-announced",
        "suspended",
        "suspension-disputed",
        "withdrawn",
        "expired",
        "terminated",
    ]
    by: ActorId | None = None
    until: Date | None = None
    description: Text
    sources: Sources = []


class Treaty(Record):
    schema_: _schema_ref(TREATY) = Field(alias="$schema")
    name: Text
    short_name: Text | None = None
    aliases: Annotated[list[Text], NonEmpty, AfterValidator(_unique)] = []
    parties: Annotated[list[ActorId], NonEmpty, AfterValidator(_unique)]
    signed: Date
    signed_place: Text | None = None
    in_force: Date
    expires: Date
    status: Literal["signed", "in-force", "suspended", "expired", "terminated"]
    status_date: Date | None = None
    lifecycle: Annotated[list[LifecycleEvent], NonEmpty] = []
    wikidata: Wikidata | None = None


MODELS: dict[str, type[Record]] = {
    ARTICLE.name: Article,
    ACTOR.name: Actor,
    STATEMENT.name: Statement,
    TREATY.name: Treaty,
}
