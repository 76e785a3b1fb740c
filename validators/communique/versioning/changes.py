"""What the classifier reports: one :class:`Change` per difference, each of a :class:`ChangeKind`
whose :class:`Severity` says which part of the version it needs bumped.

The kind codes, the severities and the fields of :class:`Change` are a public interface
(``communique schema diff --format json``), like the validator's rule ids.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from enum import Enum, IntEnum


class Severity(IntEnum):
    """How a change affects records and their readers, ordered so that ``max`` gives the
    severity a set of changes needs. The value is the part of the version it bumps."""

    EDITORIAL = 1  # no record's validity changes: titles, descriptions, examples, order
    ADDITIVE = 2  # every valid record stays valid; new records may use more
    BREAKING = 3  # some valid record becomes invalid, or a reader loses a promise

    @property
    def label(self) -> str:
        return self.name.lower()

    @property
    def bump(self) -> str:
        return BUMPS[self]


BUMPS = {Severity.EDITORIAL: "patch", Severity.ADDITIVE: "minor", Severity.BREAKING: "major"}

B, A, E = Severity.BREAKING, Severity.ADDITIVE, Severity.EDITORIAL


class ChangeKind(Enum):
    """Every class of change the classifier tells apart, with its usual severity."""

    # breaking
    KIND_REMOVED = ("kind-removed", B)
    DEFINITION_REMOVED = ("definition-removed", B)
    FIELD_REMOVED = ("field-removed", B)
    FIELD_RENAMED = ("field-renamed", B)
    FIELD_REQUIRED = ("field-required", B)
    TYPE_NARROWED = ("type-narrowed", B)
    ENUM_VALUE_REMOVED = ("enum-value-removed", B)
    VALUES_RESTRICTED = ("values-restricted", B)
    PATTERN_TIGHTENED = ("pattern-tightened", B)
    FORMAT_TIGHTENED = ("format-tightened", B)
    LENGTH_TIGHTENED = ("length-tightened", B)
    RANGE_TIGHTENED = ("range-tightened", B)
    UNIQUE_ITEMS_REQUIRED = ("unique-items-required", B)
    ADDITIONAL_PROPERTIES_CLOSED = ("additional-properties-closed", B)
    REFERENCES_CHANGED = ("references-changed", B)
    OPEN_CODE_REMOVED = ("open-code-removed", B)
    CODELIST_CLOSED = ("codelist-closed", B)
    CODELIST_ATTACHED = ("codelist-attached", B)
    SCHEMA_ID_CHANGED = ("schema-id-changed", B)
    KEYWORD_CHANGED = ("keyword-changed", B)
    # additive
    KIND_ADDED = ("kind-added", A)
    DEFINITION_ADDED = ("definition-added", A)
    FIELD_ADDED = ("field-added", A)
    FIELD_OPTIONAL = ("field-optional", A)
    FIELD_DEPRECATED = ("field-deprecated", A)
    TYPE_WIDENED = ("type-widened", A)
    ENUM_VALUE_ADDED = ("enum-value-added", A)
    VALUES_UNRESTRICTED = ("values-unrestricted", A)
    PATTERN_LOOSENED = ("pattern-loosened", A)
    FORMAT_LOOSENED = ("format-loosened", A)
    LENGTH_LOOSENED = ("length-loosened", A)
    RANGE_LOOSENED = ("range-loosened", A)
    UNIQUE_ITEMS_DROPPED = ("unique-items-dropped", A)
    ADDITIONAL_PROPERTIES_OPENED = ("additional-properties-opened", A)
    REFERENCES_DROPPED = ("references-dropped", A)
    OPEN_CODE_ADDED = ("open-code-added", A)
    CODELIST_OPENED = ("codelist-opened", A)
    CODELIST_DETACHED = ("codelist-detached", A)
    # editorial
    ANNOTATION_CHANGED = ("annotation-changed", E)
    ORDER_CHANGED = ("order-changed", E)
    CODELIST_TEXT_CHANGED = ("codelist-text-changed", E)
    REF_RETARGETED = ("ref-retargeted", E)  # severity raised to what the new target's content needs

    def __init__(self, code: str, severity: Severity) -> None:
        self.code = code
        self.severity = severity

    def __str__(self) -> str:
        return self.code


@dataclass(frozen=True)
class Change:
    """One difference between two schema sets.

    ``schema`` is the file the change is seen in and ``pointer`` the RFC 6901 pointer in
    that file down to the keyword that changed (for a codelist file, ``/<code>/<column>``).
    A change inside a shared definition is reported at every field that uses it: then
    ``via`` lists the ``$ref`` targets the keyword was reached through. ``field`` is the
    record path it applies to (``/topics/*`` for each item), empty for whole documents.
    """

    kind: ChangeKind
    schema: str
    pointer: str
    reason: str
    field: str = ""
    via: tuple[str, ...] = ()
    severity: Severity | None = None  # None: the kind's own; set only for a retargeted $ref

    @property
    def level(self) -> Severity:
        return self.kind.severity if self.severity is None else self.severity

    @property
    def where(self) -> str:
        return f"{self.schema}#{self.pointer}"

    def to_dict(self) -> dict:
        return {
            "kind": self.kind.code,
            "severity": self.level.label,
            "bump": self.level.bump,
            "schema": self.schema,
            "pointer": self.pointer,
            "field": self.field,
            "via": list(self.via),
            "reason": self.reason,
        }


def needed(changes: list[Change]) -> Severity | None:
    """The severity a set of changes needs: the highest among them, None for no change."""
    return max((change.level for change in changes), default=None)


_SEMVER = re.compile(r"(0|[1-9][0-9]*)\.(0|[1-9][0-9]*)\.(0|[1-9][0-9]*)")


@dataclass(frozen=True, order=True)
class Version:
    """A schema version, ``MAJOR.MINOR.PATCH`` (no pre-release or build parts: a schema is
    released or it is not)."""

    major: int
    minor: int
    patch: int

    @classmethod
    def parse(cls, text: object) -> Version:
        match = _SEMVER.fullmatch(text) if isinstance(text, str) else None
        if match is None:
            raise ValueError(f"{text!r} is not a version MAJOR.MINOR.PATCH")
        return cls(*map(int, match.groups()))

    def __str__(self) -> str:
        return f"{self.major}.{self.minor}.{self.patch}"

    def bump_from(self, old: Version) -> Severity | None:
        """The severity of change this version declares after ``old``; None when it is
        not a step forward (the same version, or an older one)."""
        if self.major != old.major:
            return Severity.BREAKING if self.major > old.major else None
        if self.minor != old.minor:
            return Severity.ADDITIVE if self.minor > old.minor else None
        return Severity.EDITORIAL if self.patch > old.patch else None

    def bumped(self, severity: Severity) -> Version:
        """The next version for a change of ``severity``."""
        if severity is Severity.BREAKING:
            return Version(self.major + 1, 0, 0)
        if severity is Severity.ADDITIVE:
            return Version(self.major, self.minor + 1, 0)
        return Version(self.major, self.minor, self.patch + 1)
