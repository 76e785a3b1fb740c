"""Meaning rules of source errors: each names a value the record has and quotes the error
as printed there. (See :mod:`communique.rules.common` for what every meaning rule keeps
to.)"""

from __future__ import annotations

import json
from collections.abc import Iterator, Mapping
from typing import Any

from communique.findings import Severity
from communique.rules.base import Index, Problem, record_rule
from communique.rules.common import clip, fields_where, schema_accepts
from communique.rules.text import find_passage
from communique.schemafields import definition

_SOURCE_ERRORS = fields_where(lambda field: field.path == ("source_errors",))
#: Where an error without a ``field`` is printed: a statement's words, or an article's own text.
_PRINTED_IN = ("text", "headline", "subheadline", "body")
_MISSING = object()


def at_pointer(record: Any, pointer: str) -> Any:
    """The value at a JSON pointer (RFC 6901) in ``record``, or :data:`_MISSING`."""
    node = record
    for token in pointer.split("/")[1:]:
        token = token.replace("~1", "/").replace("~0", "~")
        if isinstance(node, Mapping) and token in node:
            node = node[token]
        elif type(node) is list and token.isdigit() and (token == "0" or token[0] != "0") and int(token) < len(node):
            node = node[int(token)]
        else:
            return _MISSING
    return node


def _errors(record: Mapping[str, Any]) -> Iterator[tuple[str, Mapping[str, Any]]]:
    errors = record.get("source_errors")
    if type(errors) is list:
        for position, error in enumerate(errors):
            if isinstance(error, Mapping):
                yield f"/source_errors/{position}", error


def _field_schema(name: str) -> Mapping[str, Any]:
    """The schema of a member of a source error (for :func:`schema_accepts`)."""
    return definition("source_error")["properties"][name]


@record_rule("meaning.source-error-field", Severity.ERROR, kinds=_SOURCE_ERRORS.kinds, reads=_SOURCE_ERRORS.by_kind)
def source_error_field(record: Mapping[str, Any], index: Index) -> Iterator[Problem]:
    """A source error's ``field`` is a JSON pointer to a value the record has.

    ``field`` says which value of this record carries the error as printed (the
    statement's ``/attribution``, an article's ``/published``); a pointer to nothing
    says the error is nowhere, usually after a field was renamed or a list reordered.

    How to fix: point at the value that carries the error (``/`` then the field's
    name, list positions from 0), or leave ``field`` out when the error is in the text.

    Example: ``"field": "/attribution"`` in a statement with an attribution passes;
    ``"field": "/atribution"`` fails.
    """
    for at, error in _errors(record):
        pointer = error.get("field")
        if type(pointer) is str and at_pointer(record, pointer) is _MISSING and schema_accepts(_field_schema("field"), pointer):
            yield Problem(f"{at}/field", f"the record has no value at {pointer}", "Point at the value that carries the error, or leave `field` out.")


def _printed_in(value: Any, printed: str) -> bool:
    if type(value) is str:
        return printed in value or find_passage(printed, value).found
    return printed in json.dumps(value, ensure_ascii=False)


@record_rule("meaning.source-error-printed", Severity.ERROR, kinds=_SOURCE_ERRORS.kinds, reads=_SOURCE_ERRORS.by_kind)
def source_error_printed(record: Mapping[str, Any], index: Index) -> Iterator[Problem]:
    """A source error's ``printed`` value is found where the error is: at its ``field``, or in the text.

    Without ``field``, the text is a statement's ``text``, or an article's headline,
    subheadline and body.

    The error is kept in the record as printed, and ``printed`` quotes it, so that a
    reader sees which words the correction is about; a ``printed`` not found there
    corrects something the source never said. The text is compared as quotes are
    (white space, quote marks and Unicode composition ignored).

    How to fix: copy the wrong value as the source prints it, or set ``field`` to the
    value that carries it.

    Example: with the text ``the treaty set to expire in 2020``, ``"printed": "set to
    expire in 2020"`` passes; ``"printed": "expires in 2020"`` fails.
    """
    for at, error in _errors(record):
        printed, pointer = error.get("printed"), error.get("field")
        if type(printed) is not str or not printed.strip():
            continue
        if type(pointer) is str:
            places = [value] if (value := at_pointer(record, pointer)) is not _MISSING else []
            where = f"the value at {pointer}"
        else:
            places = [record[name] for name in _PRINTED_IN if type(record.get(name)) is str]
            where = "the text" if "text" in record else "the article's headline, subheadline or body"
        if places and not any(_printed_in(place, printed) for place in places) and schema_accepts(_field_schema("printed"), printed):
            yield Problem(
                f"{at}/printed",
                f"{clip(printed)!r} is not in {where}",
                "Copy the wrong value as the source prints it, or point `field` at the value that has it.",
            )
