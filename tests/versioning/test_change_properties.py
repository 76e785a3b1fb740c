"""Property tests of the classifier: a random additive change to the schemas never makes a
valid record invalid, and the classifier never calls it breaking.

Records are drawn from the schemas themselves (hypothesis), checked with jsonschema against
each set's own offline registry. The schemas changed are the working ones, whatever they
hold: the changes are drawn from the keywords found in them.
"""

from __future__ import annotations

import copy
import json
import re
from datetime import date
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from communique.schemas import Code
from communique.versioning import releases
from communique.versioning.changes import Severity, needed
from communique.versioning.classify import diff
from communique.versioning.patterns import accepts_all_of
from communique.versioning.schemaset import SchemaSet

WORKING = releases.working()
SETTINGS = settings(max_examples=8, deadline=None, suppress_health_check=[HealthCheck.too_slow, HealthCheck.filter_too_much])
ADDED = "zz-added"


# -- records drawn from a schema -------------------------------------------------------

def _value(node, base: str, schemas: SchemaSet) -> st.SearchStrategy:
    schema, base, _ = schemas.resolve(node, base)
    if "const" in schema:
        return st.just(schema["const"])
    if "enum" in schema:
        return st.sampled_from(schema["enum"])
    declared = schema.get("type")
    kind = declared[0] if isinstance(declared, list) else declared
    if kind == "object":
        required = set(schema.get("required", ()))
        fields = {name: _value(child, base, schemas) for name, child in schema.get("properties", {}).items()}
        return st.fixed_dictionaries(
            {name: value for name, value in fields.items() if name in required},
            optional={name: value for name, value in fields.items() if name not in required},
        )
    if kind == "array":
        unique = (lambda item: json.dumps(item, sort_keys=True)) if schema.get("uniqueItems") else None
        smallest = schema.get("minItems", 0)
        return st.lists(_value(schema.get("items", {}), base, schemas), min_size=smallest, max_size=max(smallest, min(schema.get("maxItems", 3), 3)), unique_by=unique)
    if kind == "integer":
        return st.integers(schema.get("minimum"), schema.get("maximum"))
    if kind == "number":
        return st.floats(schema.get("minimum"), schema.get("maximum"), allow_nan=False, allow_infinity=False)
    if kind == "boolean":
        return st.booleans()
    if kind == "string":
        if schema.get("format") == "date":
            return st.dates(min_value=date(1000, 1, 1)).map(date.isoformat)
        if schema.get("format") == "uri":
            return st.from_regex(r"\Ahttps://example\.org/[a-z0-9]{0,12}\Z")
        shortest, longest = schema.get("minLength", 0), schema.get("maxLength", 10**9)
        text = st.from_regex(schema["pattern"]) if "pattern" in schema else st.text(min_size=shortest, max_size=min(longest, 20))
        return text.filter(lambda value: shortest <= len(value) <= longest)
    return st.none()


def records(schemas: SchemaSet, kind: str) -> st.SearchStrategy[dict]:
    document = schemas.documents[f"{kind}.schema.json"]
    return _value(document, document["$id"], schemas).filter(schemas.validator(kind).is_valid)


# -- additive changes drawn from the keywords a schema holds ---------------------------

def _schema_nodes(node, path=()):
    yield path, node
    for name, child in node.get("properties", {}).items():
        yield from _schema_nodes(child, (*path, "properties", name))
    if isinstance(node.get("items"), dict):
        yield from _schema_nodes(node["items"], (*path, "items"))
    for name, child in node.get("$defs", {}).items():
        yield from _schema_nodes(child, (*path, "$defs", name))


def _additive_changes(node: dict, codelists: dict, draw) -> dict:
    """Each additive change that applies to ``node``, by name, as a function making it in place."""
    changes = {}
    codelist = node.get("x-codelist")

    def add_code():
        codelists[codelist["file"]] += (Code(ADDED, "Added", "A code added."),)

    if node.get("additionalProperties") is False:
        changes["add an optional field"] = lambda: node["properties"].setdefault("zz_added", {"type": "string"})
        changes["open the object"] = lambda: node.pop("additionalProperties")
    if node.get("required"):
        changes["make a field optional"] = lambda: node["required"].remove(draw(st.sampled_from(node["required"])))
    if "enum" in node:
        changes["add a value"] = lambda: (node["enum"].append(ADDED), codelist and add_code())
        if codelist and not codelist.get("open"):
            changes["open the codelist"] = lambda: (node.pop("enum"), codelist.update(open=True))
        if not codelist:
            changes["drop the enum"] = lambda: node.pop("enum")
    if codelist and codelist.get("open"):
        changes["add an open code"] = add_code
    for keyword in ("maxLength", "maxItems", "maximum"):
        if keyword in node:
            changes[f"raise {keyword}"] = lambda keyword=keyword: node.__setitem__(keyword, node[keyword] + draw(st.integers(1, 10)))
    for keyword in ("minLength", "minItems", "minimum"):
        if keyword in node:
            floor = None if keyword == "minimum" else 0  # a minimum may go below zero; a length cannot
            if floor is None or node[keyword] > floor:
                changes[f"lower {keyword}"] = lambda keyword=keyword, floor=floor: node.__setitem__(
                    keyword, node[keyword] - draw(st.integers(1, 10 if floor is None else node[keyword] - floor))
                )
            changes[f"drop {keyword}"] = lambda keyword=keyword: node.pop(keyword)
    if "pattern" in node:
        changes["drop the pattern"] = lambda: node.pop("pattern")
        changes["add an alternative to the pattern"] = lambda: node.__setitem__("pattern", f"{node['pattern']}|^zz$")
    for keyword in ("format", "uniqueItems", "x-references"):
        if keyword in node:
            changes[f"drop {keyword}"] = lambda keyword=keyword: node.pop(keyword)
    if isinstance(node.get("type"), str):
        changes["widen the type"] = lambda: node.__setitem__("type", [node["type"], "null"])
    if "type" in node:
        changes["drop the type"] = lambda: node.pop("type")
    changes["deprecate"] = lambda: node.__setitem__("deprecated", True)
    changes["reword"] = lambda: node.__setitem__("description", f"{node.get('description', '')} Reworded.")
    return changes


def _places(documents: dict, codelists: dict, draw) -> dict[str, list]:
    """Every additive change that applies somewhere in the documents: by name, each place
    it applies to, as (file, function making it)."""
    places: dict[str, list] = {}
    for file in sorted(documents):
        for _, node in _schema_nodes(documents[file]):
            for name, change in _additive_changes(node, codelists, draw).items():
                places.setdefault(name, []).append((file, change))
    return places


CLASSES = sorted(_places(WORKING.documents, dict(WORKING.codelists), None))


@st.composite
def additive_change(draw, schemas: SchemaSet, first: str) -> tuple[SchemaSet, list[str]]:
    """A copy of ``schemas`` with the additive change ``first`` made at a drawn place, then
    up to two more drawn ones, and the files changed."""
    documents = copy.deepcopy(schemas.documents)
    codelists = dict(schemas.codelists)
    changed = []
    for step in range(draw(st.integers(1, 3))):
        places = _places(documents, codelists, draw)
        name = first if step == 0 else draw(st.sampled_from(sorted(places)))
        file, change = draw(st.sampled_from(places[name]))
        change()
        changed.append(file)
    return SchemaSet(Path("changed"), documents, codelists), changed


@pytest.mark.parametrize("name", CLASSES)
@SETTINGS
@given(data=st.data())
def test_an_additive_change_keeps_every_valid_record_valid(name, data):
    changed, files = data.draw(additive_change(WORKING, name))
    changes = diff(WORKING, changed)
    assert changes
    assert needed(changes) <= Severity.ADDITIVE, [f"{change.kind} {change.where}" for change in changes if change.level is Severity.BREAKING]
    kinds = [file.removesuffix(".schema.json") for file in files if file.removesuffix(".schema.json") in WORKING.kinds]
    kind = data.draw(st.sampled_from(kinds or WORKING.kinds))
    record = data.draw(records(WORKING, kind))
    assert changed.validator(kind).is_valid(record)


# -- the pattern rule is sound ---------------------------------------------------------

ATOMS = st.sampled_from(["[a-z]+", "[0-9]{2}", "x", "-", "(?:ab|cd)", r"\.", "[A-Z]?"])
PATTERNS = st.lists(ATOMS, min_size=1, max_size=3).map("".join)


@st.composite
def pattern_pairs(draw):
    old = draw(st.lists(PATTERNS, min_size=1, max_size=2).map("|".join))
    anchored = draw(st.booleans()) and "|" not in old
    extra = draw(PATTERNS)
    new = draw(st.sampled_from([f"{old}|{extra}", f"{extra}|{old}", f"(?:{old})?", extra, f"{old}{extra}", old]))
    if anchored:
        old, new = f"^{old}$", f"^{new}$"
    return old, new


@SETTINGS
@given(pattern_pairs(), st.data())
def test_a_pattern_judged_looser_accepts_every_string_the_old_one_did(pair, data):
    old, new = pair
    if accepts_all_of(old, new):
        value = data.draw(st.from_regex(old))
        assert re.search(new, value), f"{value!r} matches {old!r} but not {new!r}"


def test_the_pattern_rule_proves_the_plain_widenings_and_nothing_it_cannot():
    assert accepts_all_of("^[a-z]+$", "^(?:[a-z]+|[0-9]+)$")
    assert accepts_all_of("^[a-z]+$", "^(?:[a-z]+)?$")
    assert accepts_all_of("a|b", "b|a|c")
    assert not accepts_all_of("^[a-z]+$", "^[a-z0-9]+$")  # looser in fact, but not provably by structure
    assert not accepts_all_of("^a$", "a")  # anchored to unanchored: looser in fact, not by the rule
    assert not accepts_all_of("^a|b$", "^a$")
    assert not accepts_all_of(r"^(a)\1$", r"^(?:(c)|(a)\1)$")  # a back-reference renumbered
    assert not accepts_all_of("^[|]$", "^[$")  # a bar inside a class is not an alternative
