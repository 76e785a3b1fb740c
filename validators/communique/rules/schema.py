"""The ``schema.*`` rules: each record matches its kind's JSON Schema, the contract.

Validation runs in ``jsonschema-rs`` (about 1.3 µs for a valid statement on this machine,
against 215 µs for the pure-Python ``jsonschema``), over the same schema files and an
offline registry. A valid record costs one ``is_valid`` call; only an invalid one is
taken apart error by error. Every error is reported, each as the rule named after its
JSON Schema keyword (``required`` -> ``schema.required``), at the place of the value it
is about, except that one value gets one finding: when several value constraints fail
on the same value (an empty name fails both ``minLength`` and ``pattern``), only the
most telling is reported. A record's ``$schema`` is checked first (``schema.version``).
"""

from __future__ import annotations

import difflib
import re
from collections.abc import Callable, Iterator, Mapping
from functools import cache
from typing import Any

import jsonschema_rs

from communique import textform
from communique.findings import Severity
from communique.kinds import BY_NAME, SCHEMA_MAJOR, Kind
from communique.parse import escape_pointer_token
from communique.rules.base import Problem, register
from communique.rules.tofill import BLANK, TO_FILL as TO_FILL_RULE, to_fill
from communique.schemafields import fields
from communique.schemas import first_repeat, rust_documents, schema_documents, schema_for
from communique.versioning.carried import carried, carried_text
from communique.versioning.records import SchemaRef

VERSION = "schema.version"

# Keyword -> the rule's catalogue text. Only keywords the schemas use are registered.
_DOCS = {
    "type": """
        Each value has the JSON type its field requires: a string, an array, an object.

        Why: a reader of the dataset relies on the schema's types; ``"parties": "russia"``
        instead of ``["russia"]`` breaks every program that loops over the parties.

        How to fix: write the value as the type the message names; a record itself is
        always one JSON object.

        Example: ``"aliases": "Moscow"`` must be ``"aliases": ["Moscow"]``.
        """,
    "required": """
        Every field the schema requires is present.

        Why: a statement without a speaker, or an article without its body, cannot be
        checked or used; the required fields are the least a record must say.

        How to fix: add the field named in the message (the schema's description of it is
        in the hint).

        Example: a statement without ``"date"``.
        """,
    "additionalProperties": """
        A record has no field its schema does not define.

        Why: a misspelt field (``"speker"``) would otherwise be silently ignored, and the
        record would lack the field it was meant to have. Every field is documented in
        the schema; a new one is added there first.

        How to fix: correct the spelling (the hint suggests the nearest field), move the
        information to ``notes``, or propose the field as a schema change.

        Example: ``"publised": "2020-09-11"`` in an article.
        """,
    "pattern": """
        Each text value has the form its field requires: ids are lowercase slugs, dates
        are YYYY-MM-DD, URLs start with http:// or https://, texts are not blank and hold
        no control characters (a tab or a line feed only in texts of several lines, such
        as an article's body; a name or a headline is one line).

        Why: the forms are what makes ids usable as file names and URLs, and values
        comparable and sortable. A control character is invisible on screen yet breaks
        terminals, CSV readers and quote matching.

        How to fix: rewrite the value in the form the hint describes; the message names
        an unwanted character and where in the value it is.

        Example: ``"id": "Sergey Lavrov"`` must be ``"id": "sergey-lavrov"``; a place of
        ``"Moscow\\u0085"`` holds the control character U+0085.
        """,
    "format": """
        Each date is a real calendar date and each URL a well-formed URI.

        Why: ``2021-02-30`` has the right shape but is no day; a URL with a space in it
        leads nowhere.

        How to fix: correct the date or the URL (percent-encode spaces as ``%20``).

        Example: ``"signed": "2010-04-31"``.
        """,
    "enum": """
        A coded field holds one of its codelist's codes.

        Why: closed codelists (statement kind, actor kind, treaty status, ...) are what
        every reader filters on; a value outside them is a typo or a new meaning that
        must first be added to the codelist and the schema.

        How to fix: use one of the codes listed in the message, spelt exactly.

        Example: ``"kind": "Quote"`` must be ``"kind": "quote"``.
        """,
    "minLength": """
        A text value is not shorter than its field allows (most texts must not be empty;
        a silencing reason needs a sentence).

        Why: an empty text says nothing and a one-word reason explains nothing.

        How to fix: write the text, or leave the optional field out.

        Example: a silencing with ``"reason": "ok"``.
        """,
    "maxLength": """
        A text value is not longer than its field allows (ids, URLs, language tags).

        Why: ids become file names and URLs, which have length limits; an overlong value
        is usually a paste into the wrong field.

        How to fix: shorten the value to the limit given.

        Example: a 300-character id.
        """,
    "uniqueItems": """
        A list holds each item once.

        Why: a party, alias, topic or source listed twice is counted twice by every
        reader of the dataset.

        How to fix: remove the repeated item.

        Example: ``"parties": ["russia", "russia"]``.
        """,
    "maxItems": """
        A list has no more items than its field allows.

        Why: the bounds are far above any real record (20 topics for one statement, 250
        parties to a treaty); a list past them is a generated or pasted mistake, and
        every reader would pay for it.

        How to fix: keep the items that belong to the record; split a record that truly
        needs more, or propose a higher bound as a schema change.

        Example: a statement with 100,000 topics.
        """,
    "minItems": """
        A list has at least as many items as its field requires.

        Why: a treaty without parties, for example, is not a treaty.

        How to fix: add the missing items, as the message says.

        Example: ``"parties": []``.
        """,
}

# When several of these fail on one value, the first in this order is the finding.
_VALUE_KEYWORDS = ("type", "enum", "minLength", "maxLength", "format", "pattern")


def rule_id(keyword: str) -> str:
    """``additionalProperties`` -> ``schema.additional-properties``."""
    return "schema." + re.sub(r"(?<!^)(?=[A-Z])", "-", keyword).lower()


def _keywords_used() -> set[str]:
    used: set[str] = set()
    stack: list[Any] = list(schema_documents().values())
    while stack:
        node = stack.pop()
        if isinstance(node, dict):
            used.update(key for key in node if key in _DOCS)
            stack.extend(value for key, value in node.items() if key not in ("examples", "enum", "x-codelist"))
        elif isinstance(node, list):
            stack.extend(node)
    return used


for _keyword in sorted(_keywords_used()):
    register(rule_id(_keyword), Severity.ERROR, doc=_DOCS[_keyword])

register(
    VERSION,
    Severity.ERROR,
    doc=f"""
    Each record names, in ``$schema``, the schema of its own kind and a major version this communique carries.

    Why: ``$schema`` tells editors which schema to validate against while the curator
    types, and tells the validator which version of the contract the record follows: a
    record of an older major version carried is checked against that version's last
    release. A record that names another kind's schema is in the wrong folder or was
    copied from another kind; one that names a version not carried cannot be checked
    (the message names the versions carried).

    How to fix: set ``"$schema"`` to ``"../../schema/{SCHEMA_MAJOR}/<kind>.schema.json"``
    for the kind of the folder the record is in, or move the record to that version
    with ``communique migrate``.

    Example: a file in ``statements/`` with ``"$schema": "../../schema/v1/actor.schema.json"``.
    """,
)


@cache
def _validator(kind: Kind, major: int | None = None) -> Any:
    """The kind's validator: of the working schemas, or of another ``major`` version carried
    (an older one's last release; its ``$id``s are its own, so each gets its own registry)."""
    documents = rust_documents(schema_documents() if major is None else carried()[major].documents)
    registry = jsonschema_rs.Registry([(document["$id"], document) for document in documents.values()])
    return jsonschema_rs.validator_for(documents[kind.schema_file], registry=registry, validate_formats=True)


def validity(kind: Kind) -> Callable[[Any], bool]:
    """Whether a record matches ``kind``'s schema: the fast path, one native function to
    call on each of many records.

    It is safe on a value nested as deep as any parser gives (it stops at the first
    level the schema refuses); :func:`issues` is not, so check depth before it."""
    return _validator(kind).is_valid


_CURRENT_MAJOR = int(SCHEMA_MAJOR.removeprefix("v"))


def _version_issue(record: Mapping[str, Any], kind: Kind) -> tuple[tuple[str, Problem] | None, bool, int | None]:
    """The ``schema.version`` issue if any, whether the rest of the schema can be checked,
    and the other major version carried that the record names (None: the current one)."""
    expected = kind.schema_ref
    hint = f'Write "$schema": "{expected}".'
    if "$schema" not in record:
        return (VERSION, Problem("", f"the record does not say which schema it follows ($schema is missing)", hint)), True, None
    declared = record["$schema"]
    if not isinstance(declared, str):
        return (VERSION, Problem("/$schema", "$schema must be the schema's path, a string", hint)), True, None
    ref = SchemaRef.parse(declared)
    if ref is None:
        return (VERSION, Problem("/$schema", f"$schema {declared!r} is not one of the published schemas", hint)), True, None
    named = ref.kind
    if ref.major not in carried():
        message = f"$schema names schema version v{ref.major}, which this communique does not carry: it carries {carried_text()}"
        hint = f"Validate with a communique that carries v{ref.major}, or move the record to a version carried (communique migrate --to VERSION)."
        return (VERSION, Problem("/$schema", message, hint)), False, None
    other = ref.major if ref.major != _CURRENT_MAJOR else None
    if named != kind.name:
        article = "an" if named[:1] in "aeiou" else "a"
        message = f"$schema says this is {article} {named} record, but it is in {kind.folder}/"
        if named in BY_NAME:
            hint = f"Move the record to {BY_NAME[named].folder}/, or {hint[0].lower()}{hint[1:]}"
        return (VERSION, Problem("/$schema", message, hint)), True, other
    return None, True, other


def issues(record: Any, kind: Kind) -> list[tuple[str, Problem]]:
    """Every schema problem of a record of ``kind`` with its rule, in schema order; [] when it is valid."""
    validator = _validator(kind)
    if validator.is_valid(record):  # the schema's own pattern for $schema passed, too
        return []
    version, checkable, other = _version_issue(record, kind) if isinstance(record, dict) else (None, True, None)
    if version is not None and not checkable:
        return [version]
    if other is not None:  # a record of another major version carried: checked against that version
        validator = _validator(kind, other)
        if version is None and validator.is_valid(record):
            return []
    found = [version] if version is not None else []
    keywords = [""] * len(found)  # the keyword of each problem found: which value constraint wins
    by_value: dict[str, int] = {}  # pointer -> index in found of its value-constraint problem
    for error in _leaves(validator.iter_errors(record)):
        keyword = error.kind.name
        pointer = "".join("/" + escape_pointer_token(str(step)) for step in error.instance_path)
        if version is not None and (pointer == "/$schema" or (keyword == "required" and error.kind.property == "$schema")):
            continue
        for issue in _issues_of(error, keyword, pointer, kind):
            if keyword in _VALUE_KEYWORDS:
                earlier = by_value.get(pointer)
                if earlier is not None:
                    if _VALUE_KEYWORDS.index(keyword) < _VALUE_KEYWORDS.index(keywords[earlier]):
                        found[earlier], keywords[earlier] = issue, keyword
                    continue
                by_value[pointer] = len(found)
            found.append(issue)
            keywords.append(keyword)
    return found


def _leaves(errors: Iterator[Any]) -> Iterator[Any]:
    """The errors, with each failed ``anyOf``/``oneOf`` replaced by the errors of its
    closest branch (the one with the fewest errors), as a curator would fix it."""
    for error in errors:
        context = getattr(error.kind, "context", None)
        if context:
            yield from _leaves(iter(min(context, key=len)))
        else:
            yield error


def _issues_of(error: Any, keyword: str, pointer: str, kind: Kind) -> Iterator[tuple[str, Problem]]:
    path = tuple("*" if isinstance(step, int) else str(step) for step in error.instance_path)
    field = _field(kind, path)
    where = _describe(error.instance_path)
    instance = error.instance
    detail = error.kind
    rule = rule_id(keyword)
    if instance is BLANK and keyword in _VALUE_KEYWORDS:  # a skeleton's blank: one finding, not why null fails
        yield TO_FILL_RULE, to_fill(pointer, where, field, _about(field, ""))
        return
    if keyword == "required":
        name = detail.property
        missing = _field(kind, (*path, name))
        yield rule, Problem(pointer, f'{where} lacks the required field "{name}"', _about(missing, f'Add "{name}".'))
    elif keyword == "additionalProperties":
        allowed = sorted(_properties(kind, path))
        for name in detail.unexpected:
            close = difflib.get_close_matches(name, allowed, n=1)
            hint = f'Did you mean "{close[0]}"? ' if close else ""
            hint += f"The fields allowed here are: {', '.join(allowed)}."
            yield rule, Problem(f"{pointer}/{escape_pointer_token(name)}", f'{where} has a field "{name}" that its schema does not define', hint, at_key=True)
    elif keyword == "type":
        wanted = " or ".join(_TYPE_NAMES.get(name, name) for name in _as_list(detail.types))
        yield rule, Problem(pointer, f"{where} must be {wanted}, not {_type_name(instance)}", _about(field, ""))
    elif keyword == "enum":
        codes = ", ".join(str(option) for option in detail.options)
        yield rule, Problem(pointer, f"{where} is {_show(instance)}, not one of the codes: {codes}", _about(field, ""))
    elif keyword == "pattern":
        unwanted = textform.unwanted(instance, detail.pattern) if isinstance(instance, str) else ""
        if unwanted:
            yield rule, Problem(pointer, f"{where} {unwanted}", _about(field, ""))
        else:
            yield rule, Problem(pointer, f"{where} {_show(instance)} does not have the required form", _about(field, f"It must match {detail.pattern}."))
    elif keyword == "format":
        yield rule, Problem(pointer, f"{where} {_show(instance)} is not a valid {detail.format}", _about(field, ""))
    elif keyword == "minLength":
        what = "must not be empty" if detail.limit == 1 else f"must be at least {detail.limit} characters long"
        yield rule, Problem(pointer, f"{where} {what}", _about(field, ""))
    elif keyword == "maxLength":
        yield rule, Problem(pointer, f"{where} is {len(instance)} characters long, over the limit of {detail.limit}", _about(field, ""))
    elif keyword == "uniqueItems":
        position, repeated = first_repeat(instance) or (None, None)
        yield rule, Problem(pointer, f"{where} lists {_show(repeated)} more than once (again at [{position}])", "Remove the repeated item.")
    elif keyword == "maxItems":
        yield rule, Problem(pointer, f"{where} has {len(instance):,} items, over the limit of {detail.limit}", _about(field, ""))
    elif keyword == "minItems":
        yield rule, Problem(pointer, f"{where} needs at least {detail.limit} item{'s' if detail.limit != 1 else ''}", _about(field, ""))
    else:  # a keyword no schema of this version uses: still a finding, never a crash
        yield rule, Problem(pointer, f"{where}: {error.message}", _about(field, ""))


_TYPE_NAMES = {"string": "a string", "array": "an array (a list in [ ])", "object": "an object (in { })",
               "number": "a number", "integer": "a whole number", "boolean": "true or false", "null": "null"}


def _as_list(types: Any) -> list[str]:
    return [types] if isinstance(types, str) else list(types)


def _type_name(value: Any) -> str:
    if value is None:
        return "null"
    if isinstance(value, bool):
        return "true/false"
    for python, name in ((str, "a string"), (int, "a number"), (float, "a number"), (list, "an array"), (dict, "an object")):
        if isinstance(value, python):
            return name
    return type(value).__name__


def _show(value: Any, width: int = 60) -> str:
    text = repr(value) if not isinstance(value, str) else '"' + value + '"'
    return text if len(text) <= width else text[: width - 2] + '…"'


def _field(kind: Kind, path: tuple[str, ...]) -> Mapping[str, Any] | None:
    return _fields_by_path(kind).get(path)


@cache
def _fields_by_path(kind: Kind) -> dict[tuple[str, ...], Mapping[str, Any]]:
    return {field.path: field.schema for field in fields(kind.name)}


def _properties(kind: Kind, path: tuple[str, ...]) -> set[str]:
    if not path:
        return set(schema_for(kind).get("properties", {}))
    field = _field(kind, path)
    return set(field.get("properties", {})) if field else set()


def _describe(instance_path: Any) -> str:
    """``roles[0].start`` for the instance path ``roles/0/start``; "the record" for the root."""
    shown = ""
    for step in instance_path:
        shown += f"[{step}]" if isinstance(step, int) else (f".{step}" if shown else str(step))
    return shown or "the record"


def _about(field: Mapping[str, Any] | None, prefix: str) -> str:
    """A hint from the field's own documentation in the schema."""
    if not field:
        return prefix
    parts = [prefix] if prefix else []
    title, description = field.get("title"), field.get("description")
    if title and description:
        parts.append(f"{title}: {description}")
    examples = field.get("examples")
    if examples:
        parts.append("For example: " + ", ".join(_show(example) for example in examples[:2]) + ".")
    return " ".join(parts)
