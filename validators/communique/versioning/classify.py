"""The classifier: every difference between two schema sets, each a typed :class:`Change`.

The two sets are walked side by side from each schema's root, with every ``$ref`` followed
through the set's own files (offline) and merged into the schema that refers to it, the
referring schema's keywords winning, as :mod:`communique.schemafields` reads the working
schemas. A change inside a shared definition is therefore seen, and reported, at every
field that uses it, and once more at the definition itself (the definitions file is
published too, and other schemas may refer to it).

The rules, keyword by keyword, are in ``docs/versioning.md``; the short form: what can
make a valid record invalid is breaking, what only lets more records in is additive, what
no validator looks at is editorial. A keyword the classifier does not model counts as
breaking whenever it changes.
"""

from __future__ import annotations

import json
from collections.abc import Iterator
from dataclasses import dataclass, replace
from fractions import Fraction
from typing import Any

from communique.parse import escape_pointer_token
from communique.schemas import DEFS_FILE
from communique.versioning import patterns
from communique.versioning.changes import Change, ChangeKind, Severity, needed
from communique.versioning.schemaset import SchemaSet

K = ChangeKind

ANNOTATIONS = {"title", "description", "examples", "$comment", "default", "readOnly", "writeOnly", "x-deprecated",
               "contentMediaType", "contentEncoding", "contentSchema"}
LENGTH_BOUNDS = {"minLength": "min", "maxLength": "max", "minItems": "min", "maxItems": "max",
                 "minProperties": "min", "maxProperties": "max"}
RANGE_BOUNDS = {"minimum": "min", "exclusiveMinimum": "min", "maximum": "max", "exclusiveMaximum": "max"}
DOCUMENT_ONLY = {"$id", "$schema", "$defs", "x-version"}
HANDLED = (ANNOTATIONS | DOCUMENT_ONLY | set(LENGTH_BOUNDS) | set(RANGE_BOUNDS)
           | {"$ref", "type", "enum", "const", "properties", "required", "additionalProperties", "items",
              "pattern", "format", "multipleOf", "uniqueItems", "deprecated", "x-codelist", "x-references"})


def diff(old: SchemaSet, new: SchemaSet) -> list[Change]:
    """Every change from ``old`` to ``new``, in the order of the files and of their schemas."""
    differ = _Differ(old, new)
    for name in [*old.documents, *(name for name in new.documents if name not in old.documents)]:
        differ.document(name)
    differ.codelist_files()
    unique: dict[tuple, Change] = {}
    for change in differ.changes:
        unique.setdefault((change.kind, change.where, change.reason, change.via), change)
    return list(unique.values())


@dataclass(frozen=True)
class _Side:
    """One of the two sets, and the document that relative ``$ref``s resolve against."""

    set: SchemaSet
    base: str


@dataclass(frozen=True)
class _At:
    """Where the walk is: the file and pointer a change is reported at, the record path
    (None inside a definition, which has no place in a record of its own) and the
    ``$ref`` targets passed to get here."""

    schema: str
    pointer: str
    field: str | None
    old: _Side
    new: _Side
    via: tuple[str, ...] = ()
    seen: frozenset = frozenset()

    @property
    def where(self) -> str:
        return f"{self.schema}#{self.pointer}"

    def down(self, *steps: str, field_step: str | None = None) -> _At:
        pointer = self.pointer + "".join(f"/{escape_pointer_token(step)}" for step in steps)
        field = self.field
        if field is not None and field_step is not None:
            field = f"{field}/{escape_pointer_token(field_step)}"
        return replace(self, pointer=pointer, field=field)


def _show(value: Any) -> str:
    """A JSON value for a reason: ASCII only, so no control character reaches a terminal."""
    return json.dumps(value, ensure_ascii=True, sort_keys=True)


def _key(value: Any) -> str:
    return json.dumps(value, sort_keys=True)


def _values(node: dict) -> list | None:
    if "const" in node:
        return [node["const"]]
    enum = node.get("enum")
    return list(enum) if isinstance(enum, list) else None


def _types(node: dict) -> set[str] | None:
    declared = node.get("type")
    if declared is None:
        return None
    return {declared} if isinstance(declared, str) else set(declared)


def _covers(wider: set[str], narrower: set[str]) -> bool:
    return all(kind in wider or (kind == "integer" and "number" in wider) for kind in narrower)


def _without_annotations(node: Any) -> Any:
    """A schema with its titles, descriptions and examples left out: what validates."""
    if isinstance(node, dict):
        return {key: _without_annotations(value) for key, value in node.items()
                if key not in ANNOTATIONS and not (key.startswith("x-") and key not in {"x-codelist", "x-references"})}
    if isinstance(node, list):
        return [_without_annotations(item) for item in node]
    return node


class _Differ:
    def __init__(self, old: SchemaSet, new: SchemaSet) -> None:
        self.old, self.new = old, new
        self.changes: list[Change] = []

    def emit(self, kind: ChangeKind, at: _At, reason: str, *keyword: str, severity: Severity | None = None) -> None:
        where = at.down(*keyword) if keyword else at
        self.changes.append(Change(kind, at.schema, where.pointer, reason, at.field or "", at.via, severity))

    # -- documents -------------------------------------------------------------------

    def document(self, name: str) -> None:
        old, new = self.old.documents.get(name), self.new.documents.get(name)
        if new is None or old is None:
            present = old if new is None else new
            definitions = present.get("$defs", {})
            at = _At(name, "", None, _Side(self.old, ""), _Side(self.new, ""))
            if name == DEFS_FILE:
                for definition in definitions:
                    if new is None:
                        self.emit(K.DEFINITION_REMOVED, at.down("$defs", definition), f"the shared definition {_show(definition)} was removed with {name}")
                    else:
                        self.emit(K.DEFINITION_ADDED, at.down("$defs", definition), f"the shared definition {_show(definition)} was added with {name}")
            elif new is None:
                self.emit(K.KIND_REMOVED, at, f"the kind {_show(name.removesuffix('.schema.json'))} and its schema were removed: its records have nothing to validate against")
            else:
                self.emit(K.KIND_ADDED, at, f"a new kind of record, {_show(name.removesuffix('.schema.json'))}, was added")
            return
        at = _At(name, "", "" if name != DEFS_FILE else None, _Side(self.old, old["$id"]), _Side(self.new, new["$id"]))
        if old["$id"] != new["$id"]:
            self.emit(K.SCHEMA_ID_CHANGED, at, f"the schema's $id changed from {_show(old['$id'])} to {_show(new['$id'])}: records and schemas naming the old one no longer find it", "$id")
        if old.get("$schema") != new.get("$schema"):
            self.emit(K.KEYWORD_CHANGED, at, f"the JSON Schema dialect changed from {_show(old.get('$schema'))} to {_show(new.get('$schema'))}", "$schema")
        self.node(old, new, at)
        self.definitions(old.get("$defs", {}), new.get("$defs", {}), replace(at, field=None))

    def definitions(self, old: dict, new: dict, at: _At) -> None:
        for name in old:
            if name not in new:
                self.emit(K.DEFINITION_REMOVED, at.down("$defs", name), f"the shared definition {_show(name)} was removed: schemas referring to it no longer resolve")
        for name in new:
            if name not in old:
                self.emit(K.DEFINITION_ADDED, at.down("$defs", name), f"the shared definition {_show(name)} was added")
            else:
                self.node(old[name], new[name], at.down("$defs", name))

    def codelist_files(self) -> None:
        """Codelist texts; codes added or removed are reported at the fields using the codelist."""
        for file, old_rows in self.old.codelists.items():
            new_rows = self.new.codelists.get(file)
            if new_rows is None:
                continue
            at = _At(file, "", None, _Side(self.old, ""), _Side(self.new, ""))
            new_by_code = {row.code: row for row in new_rows}
            for row in old_rows:
                other = new_by_code.get(row.code)
                for column in ("title", "description"):
                    if other is not None and getattr(row, column) != getattr(other, column):
                        self.emit(K.CODELIST_TEXT_CHANGED, at.down(row.code, column), f"the {column} of code {_show(row.code)} changed")
            kept = {row.code for row in old_rows} & set(new_by_code)
            if [row.code for row in old_rows if row.code in kept] != [row.code for row in new_rows if row.code in kept]:
                self.emit(K.ORDER_CHANGED, at, "the codes are listed in another order")

    # -- one schema node ---------------------------------------------------------------

    def node(self, old: Any, new: Any, at: _At) -> None:
        old_schema, old_base, old_targets = at.old.set.resolve(old, at.old.base, at.where)
        new_schema, new_base, new_targets = at.new.set.resolve(new, at.new.base, at.where)
        old_side, new_side = _Side(at.old.set, old_base), _Side(at.new.set, new_base)
        pair = (old_targets, new_targets)
        if (old_targets or new_targets) and pair in at.seen:
            return  # a recursive schema: this pair is being compared further up
        inner = replace(at, old=old_side, new=new_side, via=at.via + (new_targets or old_targets), seen=at.seen | {pair})
        if old_targets == new_targets:
            self.keywords(old_schema, new_schema, inner)
            return
        start = len(self.changes)
        self.keywords(old_schema, new_schema, inner)
        found = needed(self.changes[start:])
        before = " -> ".join(old_targets) or "an inline schema"
        after = " -> ".join(new_targets) or "an inline schema"
        verdict = ("the new target accepts exactly what the old one did" if found is None
                   else f"compared by content, the change is {found.label}: see the changes listed after this one")
        retarget = Change(K.REF_RETARGETED, at.schema, at.down("$ref").pointer, f"$ref now leads to {after} instead of {before}; {verdict}",
                          at.field or "", at.via, found or Severity.EDITORIAL)
        self.changes.insert(start, retarget)

    def keywords(self, old: dict, new: dict, at: _At) -> None:
        self.annotations(old, new, at)
        self.types(old, new, at)
        explained = self.codelist(old, new, at)
        self.enum(old, new, at, explained)
        self.references(old, new, at)
        self.pattern(old, new, at)
        self.format(old, new, at)
        self.bounds(old, new, at)
        self.unique_items(old, new, at)
        self.properties(old, new, at)
        self.items(old, new, at)
        for keyword in sorted(set(old) | set(new)):
            if keyword in HANDLED or keyword.startswith("x-") or old.get(keyword) == new.get(keyword):
                continue
            self.emit(K.KEYWORD_CHANGED, at, f"{_show(keyword)} changed; the classifier does not model this keyword, so any change to it counts as breaking", keyword)

    def annotations(self, old: dict, new: dict, at: _At) -> None:
        for keyword in sorted((set(old) | set(new)) - {"x-version", "x-codelist", "x-references"}):
            annotation = keyword in ANNOTATIONS or keyword.startswith("x-")
            if annotation and old.get(keyword) != new.get(keyword):
                self.emit(K.ANNOTATION_CHANGED, at, f"{keyword} changed", keyword)
        if old.get("deprecated") != new.get("deprecated"):
            if new.get("deprecated") is True:
                self.emit(K.FIELD_DEPRECATED, at, "deprecated: readers are told to stop relying on it; it may go in the next major version", "deprecated")
            else:
                self.emit(K.ANNOTATION_CHANGED, at, "no longer deprecated", "deprecated")

    def types(self, old: dict, new: dict, at: _At) -> None:
        before, after = _types(old), _types(new)
        if before == after:
            if before is not None and old["type"] != new["type"]:
                self.emit(K.ORDER_CHANGED, at, "the types are listed in another order", "type")
            return
        shown_before = "any type" if before is None else _show(sorted(before))
        shown_after = "any type" if after is None else _show(sorted(after))
        if after is None or before is not None and _covers(after, before):
            if before is not None and after is not None and _covers(before, after):
                self.emit(K.ANNOTATION_CHANGED, at, f"type written as {shown_after} instead of {shown_before}, accepting the same values", "type")
            else:
                self.emit(K.TYPE_WIDENED, at, f"type widened from {shown_before} to {shown_after}", "type")
        else:
            how = "narrowed" if before is None or _covers(before, after) else "changed"
            self.emit(K.TYPE_NARROWED, at, f"type {how} from {shown_before} to {shown_after}: values of the other types no longer pass", "type")

    def codelist(self, old: dict, new: dict, at: _At) -> bool:
        """Codelist changes; True when they already explain an ``enum`` appearing or going."""
        before, after = old.get("x-codelist"), new.get("x-codelist")
        if before == after is None:
            return False
        if before is None:
            self.emit(K.CODELIST_ATTACHED, at, f"the values are now checked against the codelist {_show(after.get('file'))}: others become {'warnings' if after.get('open') else 'errors'}", "x-codelist")
            return True
        if after is None:
            self.emit(K.CODELIST_DETACHED, at, f"the values are no longer checked against the codelist {_show(before.get('file'))}", "x-codelist")
            return True
        if before.get("file") != after.get("file"):
            self.emit(K.ANNOTATION_CHANGED, at, f"the codelist file is now {_show(after.get('file'))} instead of {_show(before.get('file'))}", "x-codelist", "file")
        was_open, is_open = bool(before.get("open")), bool(after.get("open"))
        if was_open != is_open:
            if is_open:
                self.emit(K.CODELIST_OPENED, at, f"the codelist {_show(after.get('file'))} is now open: a value outside it is a warning, no longer an error", "x-codelist", "open")
            else:
                self.emit(K.CODELIST_CLOSED, at, f"the codelist {_show(after.get('file'))} is now closed: a value outside it is an error, no longer a warning", "x-codelist", "open")
            return True
        if is_open:  # a closed codelist's codes are its enum, compared there
            old_codes, new_codes = self.old.codes(before.get("file")), self.new.codes(after.get("file"))
            for code in old_codes:
                if code not in new_codes:
                    self.emit(K.OPEN_CODE_REMOVED, at, f"code {_show(code)} removed from the open codelist {_show(after.get('file'))}: records using it get a warning, and readers lose its definition", "x-codelist")
            for code in new_codes:
                if code not in old_codes:
                    self.emit(K.OPEN_CODE_ADDED, at, f"code {_show(code)} added to the open codelist {_show(after.get('file'))}", "x-codelist")
        return False

    def enum(self, old: dict, new: dict, at: _At, explained: bool) -> None:
        before, after = _values(old), _values(new)
        keyword = "const" if "const" in new or "const" in old and "enum" not in new else "enum"
        codelist = new.get("x-codelist") or old.get("x-codelist")
        within = f" of the closed codelist {_show(codelist.get('file'))}" if codelist and not codelist.get("open") else ""
        if before is None and after is None:
            return
        if before is None or after is None:
            if not explained:
                if after is not None:
                    self.emit(K.VALUES_RESTRICTED, at, f"the values are now restricted to {_show(after)}", keyword)
                else:
                    self.emit(K.VALUES_UNRESTRICTED, at, f"the values are no longer restricted to {_show(before)}", keyword)
            return
        old_keys, new_keys = [_key(value) for value in before], [_key(value) for value in after]
        for value, key in zip(before, old_keys):
            if key not in new_keys:
                self.emit(K.ENUM_VALUE_REMOVED, at, f"value {_show(value)}{within} removed: records using it become invalid", keyword)
        for value, key in zip(after, new_keys):
            if key not in old_keys:
                self.emit(K.ENUM_VALUE_ADDED, at, f"value {_show(value)}{within} added", keyword)
        if set(old_keys) == set(new_keys) and old_keys != new_keys:
            self.emit(K.ORDER_CHANGED, at, "the values are listed in another order", keyword)

    def references(self, old: dict, new: dict, at: _At) -> None:
        before, after = old.get("x-references"), new.get("x-references")
        if before == after:
            return
        if after is None:
            self.emit(K.REFERENCES_DROPPED, at, f"no longer has to name a {before} record", "x-references")
        else:
            now = f"now has to name a {_show(after)} record" + (f", no longer a {_show(before)} one" if before is not None else "")
            self.emit(K.REFERENCES_CHANGED, at, now, "x-references")

    def pattern(self, old: dict, new: dict, at: _At) -> None:
        before, after = old.get("pattern"), new.get("pattern")
        if before == after:
            return
        if after is None:
            self.emit(K.PATTERN_LOOSENED, at, f"pattern {_show(before)} removed", "pattern")
        elif before is None:
            self.emit(K.PATTERN_TIGHTENED, at, f"pattern {_show(after)} added: values not matching it become invalid", "pattern")
        elif isinstance(before, str) and isinstance(after, str) and patterns.accepts_all_of(before, after):
            self.emit(K.PATTERN_LOOSENED, at, f"pattern {_show(before)} widened to {_show(after)}, which keeps it as an alternative", "pattern")
        else:
            self.emit(K.PATTERN_TIGHTENED, at, f"pattern changed from {_show(before)} to {_show(after)}: {patterns.RULE}", "pattern")

    def format(self, old: dict, new: dict, at: _At) -> None:
        before, after = old.get("format"), new.get("format")
        if before == after:
            return
        if after is None:
            self.emit(K.FORMAT_LOOSENED, at, f"format {_show(before)} no longer asserted", "format")
        elif before is None:
            self.emit(K.FORMAT_TIGHTENED, at, f"format {_show(after)} now asserted: values not in it become invalid", "format")
        else:
            self.emit(K.FORMAT_TIGHTENED, at, f"format changed from {_show(before)} to {_show(after)}: no format is taken to contain another", "format")

    def bounds(self, old: dict, new: dict, at: _At) -> None:
        for bounds, tightened, loosened in ((LENGTH_BOUNDS, K.LENGTH_TIGHTENED, K.LENGTH_LOOSENED), (RANGE_BOUNDS, K.RANGE_TIGHTENED, K.RANGE_LOOSENED)):
            for keyword, side in bounds.items():
                before, after = old.get(keyword), new.get(keyword)
                if before == after:
                    continue
                if after is None:
                    self.emit(loosened, at, f"{keyword} {_show(before)} removed", keyword)
                elif before is None:
                    self.emit(tightened, at, f"{keyword} {_show(after)} added", keyword)
                elif (after > before) == (side == "min"):
                    self.emit(tightened, at, f"{keyword} tightened from {_show(before)} to {_show(after)}", keyword)
                else:
                    self.emit(loosened, at, f"{keyword} loosened from {_show(before)} to {_show(after)}", keyword)
        before, after = old.get("multipleOf"), new.get("multipleOf")
        if before != after:
            if after is None:
                self.emit(K.RANGE_LOOSENED, at, f"multipleOf {_show(before)} removed", "multipleOf")
            elif before is not None and (Fraction(str(before)) / Fraction(str(after))).denominator == 1:
                self.emit(K.RANGE_LOOSENED, at, f"multipleOf loosened from {_show(before)} to {_show(after)}, which divides it", "multipleOf")
            else:
                self.emit(K.RANGE_TIGHTENED, at, f"multipleOf {_show(after)} instead of {_show(before)}", "multipleOf")

    def unique_items(self, old: dict, new: dict, at: _At) -> None:
        before, after = bool(old.get("uniqueItems")), bool(new.get("uniqueItems"))
        if before != after:
            if after:
                self.emit(K.UNIQUE_ITEMS_REQUIRED, at, "items must now be unique: lists repeating an item become invalid", "uniqueItems")
            else:
                self.emit(K.UNIQUE_ITEMS_DROPPED, at, "items may now repeat", "uniqueItems")

    def properties(self, old: dict, new: dict, at: _At) -> None:
        before, after = old.get("properties", {}), new.get("properties", {})
        old_required, new_required = old.get("required", []), new.get("required", [])
        old_extra, new_extra = old.get("additionalProperties", True), new.get("additionalProperties", True)
        removed = [name for name in before if name not in after]
        added = [name for name in after if name not in before]
        renamed = dict(_renames(before, after, removed, added))
        for name in removed:
            if name in renamed:
                target = renamed[name]
                self.emit(K.FIELD_RENAMED, at.down("properties", target, field_step=target), f"field {_show(name)} renamed to {_show(target)}")
                self.node(before[name], after[target], at.down("properties", target, field_step=target))
            else:
                closed = " and the object refuses unknown fields: records carrying it become invalid" if new_extra is False else ""
                self.emit(K.FIELD_REMOVED, at.down("properties", name, field_step=name), f"field {_show(name)} removed{closed}")
        for name in added:
            if name in renamed.values():
                continue
            where = at.down("properties", name, field_step=name)
            self.emit(K.FIELD_ADDED, where, f"field {_show(name)} added")
            if old_extra is not False:  # the object took it before, as whatever its additionalProperties allowed
                start = len(self.changes)
                self.node(old_extra, after[name], where)
                self.changes[start:] = [change for change in self.changes[start:] if change.kind is not K.ANNOTATION_CHANGED]
        for name in before:
            if name in after:
                self.node(before[name], after[name], at.down("properties", name, field_step=name))
        kept = [name for name in before if name in after]
        if kept != [name for name in after if name in before]:
            self.emit(K.ORDER_CHANGED, at, "the fields are listed in another order", "properties")
        mapped = {renamed.get(name, name) for name in old_required}
        for name in new_required:
            if name not in mapped:
                self.emit(K.FIELD_REQUIRED, at.down(field_step=name), f"field {_show(name)} is now required: records without it become invalid", "required")
        for name in old_required:
            if name in removed and name not in renamed:
                continue  # its removal is the change
            if renamed.get(name, name) not in new_required:
                self.emit(K.FIELD_OPTIONAL, at.down(field_step=renamed.get(name, name)), f"field {_show(renamed.get(name, name))} is no longer required", "required")
        if mapped == set(new_required) and [renamed.get(name, name) for name in old_required] != list(new_required):
            self.emit(K.ORDER_CHANGED, at, "the required fields are listed in another order", "required")
        self.additional_properties(old_extra, new_extra, at)

    def additional_properties(self, old: Any, new: Any, at: _At) -> None:
        if old is False and new is not False:
            self.emit(K.ADDITIONAL_PROPERTIES_OPENED, at, "the object now takes fields it does not list", "additionalProperties")
        elif new is False and old is not False:
            self.emit(K.ADDITIONAL_PROPERTIES_CLOSED, at, "the object now refuses fields it does not list: records carrying one become invalid", "additionalProperties")
        elif old is not False and old != new:
            self.node(old, new, at.down("additionalProperties", field_step="*"))

    def items(self, old: dict, new: dict, at: _At) -> None:
        if "items" in old or "items" in new:
            self.node(old.get("items", True), new.get("items", True), at.down("items", field_step="*"))


def _renames(before: dict, after: dict, removed: list[str], added: list[str]) -> Iterator[tuple[str, str]]:
    """Removed and added fields that validate alike, paired one to one: a rename."""
    shape = {name: _key(_without_annotations(before[name])) for name in removed}
    new_shape = {name: _key(_without_annotations(after[name])) for name in added}
    for name in removed:
        matches = [other for other in added if new_shape[other] == shape[name]]
        if len(matches) == 1 and [old for old in removed if shape[old] == new_shape[matches[0]]] == [name]:
            yield name, matches[0]
