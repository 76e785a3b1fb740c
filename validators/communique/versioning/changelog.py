"""The schema changelog: every change between consecutive releases, as the classifier
finds it, each told in a sentence a data user can act on.

The page is generated, never written by hand, so that it cannot drift from the releases:
:func:`schema_changelog` compares each release with the one before it (and the working
schemas with the last release, when they differ), newest first.
"""

from __future__ import annotations

from communique.schemas import DEFS_FILE
from communique.versioning import releases as kept
from communique.versioning.changes import Change, ChangeKind, Severity, Version, needed
from communique.versioning.classify import diff
from communique.versioning.schemaset import SchemaSet

K = ChangeKind

#: What each class of change means for someone who writes or reads records.
CONSEQUENCES: dict[ChangeKind, str] = {
    K.KIND_REMOVED: "records of this kind are no longer accepted",
    K.DEFINITION_REMOVED: "schemas that referred to it must be updated",
    K.FIELD_REMOVED: "records still carrying it are now invalid; readers must stop using it",
    K.FIELD_RENAMED: "records must use the new name; readers must look for it there",
    K.FIELD_REQUIRED: "records without it are now invalid",
    K.TYPE_NARROWED: "values of the other types are now invalid",
    K.ENUM_VALUE_REMOVED: "records using that value are now invalid",
    K.VALUES_RESTRICTED: "values outside the list are now invalid",
    K.PATTERN_TIGHTENED: "values that do not match are now invalid",
    K.FORMAT_TIGHTENED: "values not in that format are now invalid",
    K.LENGTH_TIGHTENED: "values or lists outside the new bounds are now invalid",
    K.RANGE_TIGHTENED: "numbers outside the new range are now invalid",
    K.UNIQUE_ITEMS_REQUIRED: "lists that repeat an item are now invalid",
    K.ADDITIONAL_PROPERTIES_CLOSED: "records with fields the schema does not list are now invalid",
    K.REFERENCES_CHANGED: "references must now name a record of the new kind",
    K.OPEN_CODE_REMOVED: "records using that code now draw a warning",
    K.CODELIST_CLOSED: "a value outside the codelist is now an error",
    K.CODELIST_ATTACHED: "values are now checked against the codelist",
    K.SCHEMA_ID_CHANGED: "whatever names the old $id must name the new one",
    K.KEYWORD_CHANGED: "counted as breaking, to be safe: check the schema",
    K.KIND_ADDED: "records of this kind can now be written",
    K.DEFINITION_ADDED: "schemas can now refer to it",
    K.FIELD_ADDED: "records may now carry it; existing records stay valid",
    K.FIELD_OPTIONAL: "records may now leave it out; readers must not rely on it being there",
    K.FIELD_DEPRECATED: "records may keep it for now; stop writing it, and readers stop relying on it",
    K.TYPE_WIDENED: "values of the new types are now accepted; readers must expect them",
    K.ENUM_VALUE_ADDED: "records may now use it; readers must expect it",
    K.VALUES_UNRESTRICTED: "any value of the field's type is now accepted",
    K.PATTERN_LOOSENED: "more values are now accepted",
    K.FORMAT_LOOSENED: "values need not be in that format any more",
    K.LENGTH_LOOSENED: "longer, shorter or more values are now accepted",
    K.RANGE_LOOSENED: "more numbers are now accepted",
    K.UNIQUE_ITEMS_DROPPED: "lists may now repeat an item",
    K.ADDITIONAL_PROPERTIES_OPENED: "fields the schema does not list are now accepted",
    K.REFERENCES_DROPPED: "the value need no longer be the id of a record",
    K.OPEN_CODE_ADDED: "records may now use it without a warning",
    K.CODELIST_OPENED: "a value outside the codelist is now a warning, not an error",
    K.CODELIST_DETACHED: "values are no longer checked against the codelist",
    K.ANNOTATION_CHANGED: "documentation only; no record's validity changes",
    K.ORDER_CHANGED: "order only; no record's validity changes",
    K.CODELIST_TEXT_CHANGED: "documentation only; no record's validity changes",
    K.REF_RETARGETED: "the field now follows another definition",
}


def _subject(change: Change) -> str:
    """Who the change is about: "Statement field /speaker", "Shared definitions", "Codelist ..."."""
    if change.schema.startswith("codelists/"):
        return f"Codelist {change.schema}"
    if change.schema == DEFS_FILE:
        return "Shared definitions" + (f", {change.pointer}" if change.pointer else "")
    kind = change.schema.removesuffix(".schema.json").capitalize()
    return f"{kind} field {change.field}" if change.field else kind


def sentence(change: Change) -> str:
    """One sentence for a person: what changed, where, and what it means for records (the
    classifier's reason says it already when it has a clause after a colon)."""
    through = f" (through {' -> '.join(change.via)})" if change.via else ""
    meaning = "" if ": " in change.reason else f"; {CONSEQUENCES[change.kind]}"
    return f"{_subject(change)}{through}: {change.reason}{meaning}."


def _section(title: str, changes: list[Change], md) -> list[str]:
    need = needed(changes)
    lines = [f"## {title}", ""]
    if need is None:
        return [*lines, "No change to the schemas.", ""]
    lines += [f"{len(changes)} change(s); the largest is {need.label}, a {need.bump} version step.", ""]
    for severity in sorted(Severity, reverse=True):
        chosen = [change for change in changes if change.level is severity]
        if chosen:
            lines += [f"### {severity.label.capitalize()}", ""]
            lines += [f"- `{change.kind.code}`: {md(sentence(change))}" for change in chosen]
            lines.append("")
    return lines


def schema_changelog(folder=None, working: SchemaSet | None = None) -> str:
    """The schema changelog page (Markdown), newest first. ``folder`` holds the releases
    (default: the shipped ones); ``working`` is the working set (default: ``schema/v1``)."""
    from communique.site.escape import md

    versions: list[Version] = kept.released(folder)
    working = kept.working() if working is None else working
    lines = [
        "# Schema changelog",
        "",
        "Generated from the releases in `schema/releases/` by the change classifier "
        "(`communique schema diff OLD NEW`): each change with its class, what it means for records, "
        "and the step of the version it needs. The classes and the policy are on the "
        "[versioning page](versioning.md).",
        "",
    ]
    if versions and working.version not in versions:
        last = kept.release(versions[-1], folder)
        lines += _section(f"Unreleased (working schemas, x-version {working.version})", diff(last, working), md)
    for older, newer in reversed(list(zip(versions, versions[1:]))):
        lines += _section(f"{newer} (from {older})", diff(kept.release(older, folder), kept.release(newer, folder)), md)
    if versions:
        first = kept.release(versions[0], folder)
        lines += [f"## {versions[0]}", "", f"The first release: the kinds {', '.join(f'`{kind}`' for kind in first.kinds)}.", ""]
    return "\n".join(lines)
