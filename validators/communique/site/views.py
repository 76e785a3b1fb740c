"""What a record page shows of each field, read from the schema walker (:mod:`communique.schemafields`).

A field is shown by what its schema says it is, never by its name: a reference
(``x-references``) as a link to the record's page, a coded value (``x-codelist``) by its
codelist title linked to the codelist's page, a URL as an external link (http and https
only), a date (or a moment: a date and time with its offset) as written, a flag as yes or
no, a Wikidata id as a link to Wikidata, an object as its fields, an array as its items, a
top-level array of objects as a table. So a field added to a
schema appears on the record pages with no change here. Views are plain data: the
templates (``templates/fields.html``) turn them into HTML, escaping every string.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from functools import cache
from typing import Any
from urllib.parse import quote

from communique.kinds import BY_NAME
from communique.schemafields import Field, root
from communique.schemas import codelist
from communique.site.dictionary import codelist_page
from communique.site.escape import http_url, record_dir, rel

WIKIDATA = "https://www.wikidata.org/wiki/"


@dataclass(frozen=True)
class View:
    """One value as a page shows it; ``kind`` picks the template macro."""

    kind: str  # text, date, link, missing, code, url, list, object, table
    text: str = ""  # for a table: the path of its rows ("roles.*")
    href: str = ""
    hint: str = ""  # shown on hover: a code behind its title
    items: tuple = ()  # list: Views; object: Rows; table: tuples of Cells
    columns: tuple = ()  # table: the Rows heading its columns (label and path only)


@dataclass(frozen=True)
class Row:
    """A labelled value: a field of an object, or a column of a table."""

    path: str  # the field's path in the record, "roles.*.start": pages mark each value with it
    label: str
    view: View | None = None


def path_of(field_: Field) -> str:
    """The field's path as pages mark it: ``roles.*.start`` (``*``: each item of an array)."""
    return ".".join(field_.path)


def label_of(field_: Field) -> str:
    return field_.schema.get("title") or field_.name


def is_table(field_: Field) -> bool:
    """An array of objects: shown as a table (one row per item), or a list of objects when nested."""
    return field_.items is not None and bool(field_.items.properties)


def listed(views: Iterable[View], path: str = "") -> View:
    """Views shown as a list; ``path``: the field each item is (``topics.*``)."""
    return View("list", items=tuple(Row(path, "", view) for view in views))


@cache
def codelist_titles(file: str) -> dict[str, str]:
    return {row.code: row.title for row in codelist(file)}


@dataclass
class Viewer:
    """Views of the fields of records, with links relative to the page folder ``here``."""

    names: Mapping[str, Mapping[str, str]]  # kind -> id -> the name a link to the record shows
    here: str

    def link(self, kind: str, record_id: str, text: str | None = None) -> View:
        """A link to a record's page; the bare id when there is no such record."""
        name = self.names[kind].get(record_id)
        if name is None:
            return View("missing", text=record_id, hint="no such record")
        return View("link", text=text or name, href=rel(self.here, record_dir(BY_NAME[kind].folder, record_id)))

    def code(self, file: str, value: str) -> View:
        href = rel(self.here, codelist_page(file).removesuffix(".md") + "/")
        return View("code", text=codelist_titles(file).get(value, value), href=href, hint=value)

    def value(self, field_: Field, value: Any, *, nested: bool = False) -> View:
        schema = field_.schema
        if field_.references:
            return self.link(field_.references, value)
        if field_.codelist:
            return self.code(field_.codelist["file"], value)
        if isinstance(value, list) and field_.items is not None:
            if is_table(field_) and not nested:
                return self.table(field_, value)
            return listed((self.value(field_.items, item, nested=True) for item in value), path_of(field_.items))
        if isinstance(value, Mapping):
            return View("object", items=tuple(self.rows(field_, value)))
        if isinstance(value, bool):  # a flag such as "ironic": words, not Python's True
            return View("text", text="yes" if value else "no")
        text = str(value)
        if schema.get("format") == "uri":
            return View("url", text=text, href=http_url(text) or "")
        if schema.get("format") == "date" or "moment" in field_.defs:  # a date, or a date and time with its offset
            return View("date", text=text)
        if "wikidata" in field_.defs:
            return View("url", text=text, href=WIKIDATA + quote(text, safe=""))
        return View("text", text=text)

    def rows(self, parent: Field, record: Mapping[str, Any]) -> list[Row]:
        """A row for each field of ``parent`` present in ``record``, in schema order."""
        return [Row(path_of(child), label_of(child), self.value(child, record[child.name], nested=True))
                for child in parent.properties if child.name in record]

    def table(self, field_: Field, items: list) -> View:
        """An array of objects as a table: a column for each field some item has."""
        item_field = field_.items
        assert item_field is not None
        children = [child for child in item_field.properties if any(child.name in item for item in items)]
        rows = tuple(
            tuple(Row(path_of(child), label_of(child),
                      self.value(child, item[child.name], nested=True) if child.name in item else None)
                  for child in children)
            for item in items
        )
        return View("table", text=path_of(item_field), items=rows, columns=tuple(Row(path_of(child), label_of(child)) for child in children))

    def record(self, kind: str, record: Mapping[str, Any], apart: Iterable[str]) -> tuple[list[Row], list[Row]]:
        """The record's fields not laid out ``apart`` by its page: (the facts, shown as a table
        of label and value; the arrays of objects, each shown as a section with a table)."""
        facts: list[Row] = []
        sections: list[Row] = []
        for child in root(kind).properties:
            if child.name in record and child.name not in apart:
                row = Row(path_of(child), label_of(child), self.value(child, record[child.name]))
                (sections if is_table(child) else facts).append(row)
        return facts, sections
