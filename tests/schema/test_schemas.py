"""The published schemas are well-formed, documented, offline and in step with their codelists."""

from __future__ import annotations

import json
import re

import jsonschema_rs
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from jsonschema import Draft202012Validator
from referencing.exceptions import Unresolvable

from communique import schemas
from communique.kinds import KINDS, SCHEMA_BASE_URI, SCHEMA_MAJOR
from communique.parse import MAX_DEPTH

SCHEMA_FILES = sorted(schemas.schema_documents())


def _walk(node, pointer=""):
    """Every subschema with its pointer."""
    if isinstance(node, dict):
        yield pointer, node
        for key, value in node.items():
            yield from _walk(value, f"{pointer}/{key}")
    elif isinstance(node, list):
        for index, value in enumerate(node):
            yield from _walk(value, f"{pointer}/{index}")


def _property_schemas():
    for name, document in schemas.schema_documents().items():
        for pointer, node in _walk(document):
            for prop, subschema in node.get("properties", {}).items() if isinstance(node.get("properties"), dict) else ():
                yield f"{name}#{pointer}/properties/{prop}", subschema


def _codelisted():
    for name, document in schemas.schema_documents().items():
        for pointer, node in _walk(document):
            if "x-codelist" in node:
                yield f"{name}#{pointer}", node


def test_every_kind_has_a_schema_and_the_defs():
    assert set(SCHEMA_FILES) == {kind.schema_file for kind in KINDS} | {"defs.schema.json"}


@pytest.mark.parametrize("name", SCHEMA_FILES)
def test_schema_is_valid_draft_2020_12_with_a_versioned_id(name):
    document = schemas.schema_documents()[name]
    Draft202012Validator.check_schema(document)
    assert document["$schema"] == "https://json-schema.org/draft/2020-12/schema"
    assert document["$id"] == f"{SCHEMA_BASE_URI}{SCHEMA_MAJOR}/{name}"
    assert re.fullmatch(SCHEMA_MAJOR.removeprefix("v") + r"\.\d+\.\d+", document["x-version"])  # the folder's major


@pytest.mark.parametrize("where,subschema", list(_property_schemas()), ids=lambda value: value if isinstance(value, str) else "")
def test_every_property_has_a_title_and_a_description(where, subschema):
    assert subschema.get("title"), f"{where} has no title"
    assert subschema.get("description"), f"{where} has no description"


@pytest.mark.parametrize("kind", KINDS, ids=lambda kind: kind.name)
def test_every_kind_is_closed_and_has_valid_examples(kind):
    schema = schemas.schema_for(kind)
    assert schema["additionalProperties"] is False
    assert schema["examples"]
    for example in schema["examples"]:
        assert list(schemas.validator_for(kind).iter_errors(example)) == []


def test_every_object_schema_refuses_unknown_fields():
    for name, document in schemas.schema_documents().items():
        for pointer, node in _walk(document):
            if node.get("type") == "object":
                assert node.get("additionalProperties") is False, f"{name}#{pointer}"


@pytest.mark.parametrize("where,node", list(_codelisted()), ids=lambda value: value if isinstance(value, str) else "")
def test_codelisted_field_matches_its_codelist(where, node):
    spec = node["x-codelist"]
    codes = [row.code for row in schemas.codelist(spec["file"])]
    assert codes and len(codes) == len(set(codes)), f"{spec['file']} is empty or repeats a code"
    if spec["open"]:
        assert "enum" not in node, f"{where}: an open codelist must not be an enum"
    else:
        assert node["enum"] == codes, f"{where}: enum differs from {spec['file']}"


def test_every_codelist_file_is_used_and_well_formed():
    used = {node["x-codelist"]["file"] for _, node in _codelisted()}
    on_disk = {f"codelists/{path.name}" for path in (schemas.version_dir() / "codelists").glob("*.csv")}
    assert used == on_disk
    for file in on_disk:
        header = (schemas.version_dir() / file).read_text(encoding="utf-8").splitlines()[0]
        assert header == "code,title,description"
        assert all(row.title and row.description for row in schemas.codelist(file))


def test_remote_refs_are_refused_not_fetched():
    schema = {"$ref": "https://example.com/never-fetched.json"}
    validator = Draft202012Validator(schema, registry=schemas.registry())
    with pytest.raises(Unresolvable):
        validator.validate({})


def test_format_is_asserted():
    from communique.kinds import STATEMENT

    example = dict(schemas.schema_for(STATEMENT)["examples"][0], date="2020-02-30")
    errors = list(schemas.validator_for(STATEMENT).iter_errors(example))
    assert [error.validator for error in errors] == ["format"]


def test_schema_files_are_plain_utf8_json():
    for path in schemas.version_dir().glob("*.json"):
        json.loads(path.read_bytes().decode("utf-8"))


_SCALARS = {"string", "number", "integer", "boolean", "null"}


def _deepest(node, document: str, seen: tuple = ()) -> int | None:
    """How deeply a value valid against ``node`` can nest arrays and objects (0 for a
    scalar), or None when the schema sets no bound."""
    if node is True or node == {}:
        return None
    if node is False:
        return 0
    bounds = []
    types = node.get("type")
    types = {types} if isinstance(types, str) else set(types or ())
    if types and types <= _SCALARS or any(key in node for key in ("enum", "const")):
        bounds.append(0)
    elif types:
        inner = [0]
        if "object" in types:
            members = [*node.get("properties", {}).values(), *node.get("patternProperties", {}).values(), node.get("additionalProperties", True)]
            inner += [_deepest(member, document, seen) for member in members]
        if "array" in types:
            inner += [_deepest(node.get("items", True), document, seen)] + [_deepest(item, document, seen) for item in node.get("prefixItems", [])]
        bounds.append(None if None in inner else 1 + max(inner))
    if "$ref" in node:
        target, _, pointer = node["$ref"].partition("#")
        target = target or document
        if (target, pointer) in seen:
            return None  # a recursive schema: no bound
        resolved = schemas.schema_documents()[target]
        for step in pointer.split("/")[1:]:
            resolved = resolved[step]
        bounds.append(_deepest(resolved, target, (*seen, (target, pointer))))
    for keyword in ("anyOf", "oneOf"):
        if keyword in node:
            alternatives = [_deepest(option, document, seen) for option in node[keyword]]
            bounds.append(None if None in alternatives else max(alternatives))
    bounds += [_deepest(part, document, seen) for part in node.get("allOf", [])]
    known = [bound for bound in bounds if bound is not None]
    return min(known) if known else None  # every keyword applies: the tightest bound holds


@pytest.mark.parametrize("kind", KINDS, ids=lambda kind: kind.name)
def test_a_valid_record_never_nests_deeper_than_the_parser_allows(kind):
    # The validator checks nesting depth only on schema-invalid records (it saves a walk
    # over every valid one); that is sound only while the schemas bound the depth.
    depth = _deepest(schemas.schema_for(kind), kind.schema_file)
    assert depth is not None and 2 <= depth <= MAX_DEPTH


def test_the_depth_bound_sees_an_unbounded_field():
    open_field = {"type": "object", "additionalProperties": False, "properties": {"data": {}}}
    assert _deepest(open_field, "defs.schema.json") is None
    assert _deepest({"type": "array", "items": {"type": "array", "items": {"type": "string"}}}, "defs.schema.json") == 2


def _dataset_ids(kind) -> set[str]:
    from communique.resources import dataset_dir

    return {path.stem for path in (dataset_dir() / kind.folder).glob("*.json")}


@pytest.mark.parametrize("kind", KINDS, ids=lambda kind: kind.name)
def test_every_reference_shows_ids_of_its_own_kind_as_examples(kind):
    # The dictionary and the hints show a field's examples: an article reference showing
    # "sergey-lavrov" teaches the wrong thing.
    from communique import schemafields
    from communique.kinds import BY_NAME

    references = [field for field in schemafields.fields(kind.name) if field.references]
    assert references
    for field in references:
        examples = field.schema.get("examples")
        assert examples, f"{kind.name}: /{'/'.join(field.path)} has no examples"
        assert set(examples) <= _dataset_ids(BY_NAME[field.references]), f"{kind.name}: /{'/'.join(field.path)}"
    own_id = next(field for field in schemafields.root(kind.name).properties if field.name == "id")
    assert "examples" not in own_id.schema  # the generic ones of the id definition; the kind's record examples show its own


_JSON = st.recursive(
    st.none() | st.booleans() | st.integers(-3, 3) | st.sampled_from([0.0, 1.0, -1.0, 1.5]) | st.sampled_from(["", "a", "b", "1"]),
    lambda inner: st.lists(inner, max_size=3) | st.dictionaries(st.sampled_from(["a", "b"]), inner, max_size=2),
    max_leaves=6,
)


@settings(max_examples=500, deadline=None)
@given(st.lists(_JSON, max_size=6))
def test_first_repeat_finds_what_unique_items_refuses(items):
    # One pass over a set, yet equal as JSON Schema compares values: 1 and 1.0 equal,
    # true and 1 not, objects whatever their key order.
    refused = not jsonschema_rs.validator_for({"uniqueItems": True}).is_valid(items)
    repeat = schemas.first_repeat(items)
    assert (repeat is not None) == refused
    if repeat is not None:
        position, item = repeat
        assert items[position] is item and jsonschema_rs.validator_for({"uniqueItems": True}).is_valid(items[:position])
