"""The data dictionary: one Markdown page per kind and per codelist, read from the schemas,
and one of the exported tables (CSV, SQLite, Parquet), read from their Table Schemas.

Nothing here is written by hand: every type, constraint, description and example comes
from ``schema/``, and every table, column, type and key from the Table Schemas that the
export derives from it (:mod:`communique.export.tables`), so changing a schema changes the
dictionary. Schema text is escaped like record text (it is data to show, not Markdown to
interpret).
"""

from __future__ import annotations

import json
import posixpath
import re
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from pathlib import PurePosixPath

from communique.kinds import BY_NAME, KINDS, SCHEMA_MAJOR, Kind
from communique.schemafields import Field, resolve, walk
from communique.schemas import DEFS_FILE, codelist, schema_documents
from communique.site.escape import md, slug
from communique.versioning.deprecation import deprecation_of

FOLDER = "dictionary"
SCHEMA_FOLDER = f"schema/{SCHEMA_MAJOR}"
MAX_EXAMPLES = 3
EXAMPLE_CHARS = 100
_KEYWORD_ORDER = ("format", "pattern", "minLength", "maxLength", "minimum", "maximum",
                  "exclusiveMinimum", "exclusiveMaximum", "minItems", "maxItems", "uniqueItems", "const")


@dataclass(frozen=True)
class Entry:
    """One field of a kind as the dictionary lists it: an array's items shown with their array."""

    path: str  # "roles[].start"
    node: dict  # its schema, ``$ref``s merged in
    required: bool
    items: dict | None  # the resolved item schema of an array
    codelist: dict | None  # x-codelist, on the field or on its items
    references: str | None  # x-references, on the field or on its items
    children: tuple[Entry, ...]  # the fields of an object, or of an array's object items

    @property
    def anchor(self) -> str:
        return re.sub(r"[^a-z0-9]+", "-", self.path.lower()).strip("-") or "field"


def code(value: object) -> str:
    """Inline code that is shown as written, also inside a table cell."""
    return f"<code>{md(value)}</code>"


def unsearched(block: list[str], why: str) -> list[str]:
    """Markdown lines kept out of the site's search (``md_in_html``): a table whose every cell the
    page says again below it, a field's facts (its patterns were a tenth of the index). The search
    index is loaded whole by every reader's browser on every page; Material drops the attribute
    from the page itself, which keeps a ``<div>`` around the block."""
    return [f'<div data-search-exclude="{why}" markdown>', "", *block, "", "</div>"]


def _entry(field: Field, prefix: str) -> Entry:
    path, node, items = f"{prefix}{field.name}", field.schema, field.items
    children: tuple[Entry, ...] = ()
    if node.get("type") == "object" and "properties" in node:
        children = tuple(_entry(child, f"{path}.") for child in field.properties)
    elif items is not None and items.schema.get("type") == "object" and "properties" in items.schema:
        children = tuple(_entry(child, f"{path}[].") for child in items.properties)
    return Entry(
        path=path,
        node=node,
        required=field.required,
        items=items.schema if items is not None else None,
        codelist=field.codelist or (items.codelist if items is not None else None),
        references=field.references or (items.references if items is not None else None),
        children=children,
    )


def fields(schema: dict, *, base: str) -> list[Entry]:
    """The fields of a kind's schema (``base``, the file its ``$ref``s are relative to), in
    schema order, nested objects and arrays expanded."""
    return [_entry(field, "") for field in walk(schema, base).properties]


def _walk(entries: Iterable[Entry]) -> Iterator[Entry]:
    for entry in entries:
        yield entry
        yield from _walk(entry.children)


def type_text(node: dict, item: dict | None) -> str:
    kind = node.get("type", "any")
    if kind == "array" and item is not None:
        inner = item.get("type", "any")
        if item.get("format"):
            inner += f" ({item['format']})"
        return f"array of {inner}"
    if node.get("format"):
        return f"{kind} ({node['format']})"
    return kind


def _constraint_lines(node: dict, *, label: str = "") -> list[str]:
    lines = []
    for keyword in _KEYWORD_ORDER:
        if keyword in node:
            value = node[keyword]
            shown = "yes" if value is True else code(json.dumps(value, ensure_ascii=False) if not isinstance(value, str) else value)
            lines.append(f"{label}{keyword}: {shown}")
    if "enum" in node:
        lines.append(f"{label}one of: " + ", ".join(code(value) for value in node["enum"]))
    return lines


def codelist_page(file: str) -> str:
    """The site path of a codelist's page, from its ``x-codelist`` file name."""
    return f"{FOLDER}/codelists/{slug(PurePosixPath(file).stem)}.md"


def kind_page(kind: Kind) -> str:
    return f"{FOLDER}/{kind.name}.md"


def _example_values(examples: list, path: str) -> list:
    """The values at ``path`` (``roles[].start``) in a kind's example records."""
    values = list(examples)
    for part in path.split("."):
        step = []
        name, is_list = (part[:-2], True) if part.endswith("[]") else (part, False)
        for value in values:
            if isinstance(value, dict) and name in value:
                found = value[name]
                step.extend(found if is_list and isinstance(found, list) else [found])
        values = step
    return values


def _examples(entry: Entry, record_examples: list) -> list[str]:
    shown: list[str] = []
    candidates = list(entry.node.get("examples", ())) + list((entry.items or {}).get("examples", ()))
    candidates += _example_values(record_examples, entry.path)
    for value in candidates:
        text = json.dumps(value, ensure_ascii=False)
        if len(text) > EXAMPLE_CHARS:
            text = text[: EXAMPLE_CHARS - 1] + "…"
        if text not in shown:
            shown.append(text)
    return shown[:MAX_EXAMPLES]


def _link(target: str, text: str, here: str) -> str:
    """A Markdown link from page ``here`` to ``target`` (both docs paths); MkDocs checks it."""
    return f"[{text}]({posixpath.relpath(target, posixpath.dirname(here))})"


def _field_section(entry: Entry, kind: Kind, record_examples: list) -> list[str]:
    node = entry.node
    here = kind_page(kind)
    lines = [f"### {code(entry.path)} {{#{entry.anchor}}}", ""]
    if node.get("title"):
        lines += [f"**{md(node['title'])}**", ""]
    if node.get("description"):
        lines += [md(node["description"]), ""]
    deprecation = deprecation_of(node, entry.path)
    if deprecation is not None:
        lines += [f'!!! warning "Deprecated since schema {md(deprecation.since)}"', "", f"    {md(deprecation.advice)}", ""]
    facts = [
        f"Type: {type_text(node, entry.items)}",
        f"Required: {'yes' if entry.required else 'no'}",
    ]
    facts += _constraint_lines(node)
    if entry.items:
        facts += _constraint_lines(entry.items, label="each item, ")
    if entry.codelist:
        stem = PurePosixPath(entry.codelist["file"]).stem
        openness = "open: other codes are allowed with a warning" if entry.codelist.get("open") else "closed: only its codes are allowed"
        facts.append(f"Codelist: {_link(codelist_page(entry.codelist['file']), md(stem), here)} ({openness})")
    if entry.references:
        target = BY_NAME[entry.references]
        facts.append(f"References: the id of {_link(kind_page(target), md(target.name), here)} record")
    examples = _examples(entry, record_examples)
    if examples:
        facts.append("Examples: " + ", ".join(code(example) for example in examples))
    lines += unsearched([f"- {fact}" for fact in facts], "the field's type, constraints and examples") + [""]
    return lines


def kind_markdown(kind: Kind) -> str:
    """The dictionary page of one kind."""
    schema = schema_documents()[kind.schema_file]
    entries = fields(schema, base=kind.schema_file)
    record_examples = schema.get("examples", [])
    here = kind_page(kind)
    lines = [
        "---",
        f"title: {json.dumps(schema.get('title', kind.name))}",
        "---",
        "",
        f"# {md(schema.get('title', kind.name))}",
        "",
        md(schema.get("description", "")),
        "",
        f"- Schema: {_link(f'{SCHEMA_FOLDER}/{kind.schema_file}', md(kind.schema_file), here)}",
        f"- Schema id: {code(schema['$id'])}",
        f"- Schema version: {md(schema['x-version'])}",
        f"- Records: {_link(f'{kind.folder}/index.md', md(kind.folder), here)} in the folder {code('dataset/' + kind.folder + '/')}",
        "",
        "## Fields",
        "",
    ]
    overview = ["| Field | Type | Required | Title |", "|---|---|---|---|"]
    overview += [f"| [{code(entry.path)}](#{entry.anchor}) | {md(type_text(entry.node, entry.items))} "
                 f"| {'yes' if entry.required else 'no'} | {md(entry.node.get('title', ''))} |" for entry in _walk(entries)]
    lines += unsearched(overview, "each field's details follow")
    lines += ["", "## Field details", ""]
    for entry in _walk(entries):
        lines += _field_section(entry, kind, record_examples)
    return "\n".join(lines).rstrip() + "\n"


def codelist_usage() -> dict[str, list[tuple[Kind, Entry]]]:
    """Codelist file -> the fields drawing on it, over all kinds."""
    usage: dict[str, list[tuple[Kind, Entry]]] = {}
    for kind in KINDS:
        schema = schema_documents()[kind.schema_file]
        for entry in _walk(fields(schema, base=kind.schema_file)):
            if entry.codelist:
                usage.setdefault(entry.codelist["file"], []).append((kind, entry))
    return usage


def codelist_markdown(file: str, users: list[tuple[Kind, Entry]]) -> str:
    here = codelist_page(file)
    stem = PurePosixPath(file).stem
    open_ = any(entry.codelist.get("open") for _, entry in users)
    lines = [
        "---",
        f"title: {json.dumps('Codelist ' + stem)}",
        "---",
        "",
        f"# Codelist {code(stem)}",
        "",
        (
            "An open codelist: a code not listed here is reported as a warning, so that a new code can be proposed."
            if open_ else "A closed codelist: a value not listed here is an error."
        ),
        "",
        f"File: {_link(f'{SCHEMA_FOLDER}/{file}', md(file), here)} (CSV with the columns code, title, description).",
        "",
        "| Code | Title | Description |",
        "|---|---|---|",
    ]
    for row in codelist(file):
        lines.append(f"| {code(row.code)} | {md(row.title)} | {md(row.description)} |")
    lines += ["", "## Used by", ""]
    for kind, entry in users:
        lines.append(f"- {_link(kind_page(kind), md(kind.name), here)}: {_link(kind_page(kind) + '#' + entry.anchor, code(entry.path), here)}")
    return "\n".join(lines) + "\n"


def index_markdown(usage: dict[str, list[tuple[Kind, Entry]]]) -> str:
    here = f"{FOLDER}/index.md"
    documents = schema_documents()
    lines = [
        "# Data dictionary",
        "",
        "Every field of every kind of record, generated from the JSON Schemas in "
        f"{code(SCHEMA_FOLDER + '/')} when the site is built. The schemas are the contract; this is how to read them.",
        "",
        "| Kind | Description | Schema version |",
        "|---|---|---|",
    ]
    for kind in KINDS:
        schema = documents[kind.schema_file]
        lines.append(f"| {_link(kind_page(kind), md(schema['title']), here)} | {md(schema['description'])} | {md(schema['x-version'])} |")
    lines += [
        "",
        "## Tables",
        "",
        f"The exported tables (CSV, SQLite, Parquet), every column with its type in each format and the keys "
        f"that join them: {_link(TABLES_PAGE, 'Tables', here)}.",
    ]
    lines += ["", "## Codelists", "", "| Codelist | Codes | Used by |", "|---|---|---|"]
    for file in sorted(usage):
        used = ", ".join(sorted({f"{kind.name}.{entry.path}" for kind, entry in usage[file]}))
        lines.append(f"| {_link(codelist_page(file), md(PurePosixPath(file).stem), here)} | {len(codelist(file))} | {md(used)} |")
    defs = documents[DEFS_FILE]
    lines += [
        "",
        "## Shared types",
        "",
        f"The kinds share these definitions from {_link(f'{SCHEMA_FOLDER}/{DEFS_FILE}', md(DEFS_FILE), here)} "
        f"(version {md(defs['x-version'])}); each kind's page shows them expanded where they are used.",
        "",
        "| Type | Description | Constraints |",
        "|---|---|---|",
    ]
    for name, node in defs["$defs"].items():
        constraints = "; ".join(_constraint_lines(resolve(node, DEFS_FILE)[0]))
        lines.append(f"| {code(name)} | {md(node.get('description', ''))} | {constraints} |")
    return "\n".join(lines) + "\n"


TABLES_PAGE = f"{FOLDER}/tables.md"


@dataclass(frozen=True)
class ExportedTable:
    """One table of the export, as its Table Schema and files describe it."""

    name: str
    title: str
    description: str
    schema: dict  # the Table Schema: fields, primaryKey, foreignKeys
    kind: Kind | None  # the kind whose records it holds (None: the flat table)
    files: tuple[str, ...]  # its files in the package
    in_sqlite: bool


def exported_tables() -> list[ExportedTable]:
    """Every table of the export with its Table Schema, in the package's order."""
    from communique.export import flat, package
    from communique.export import tables as shapes
    from communique.export.parquet import parquet_path

    out = [
        ExportedTable(table.name, table.title, table.description, shapes.table_schema(table), table.kind,
                      (package.csv_path(table), parquet_path(table.name)), True)
        for table in shapes.tables()
    ]
    summary = (flat.__doc__ or "").split("\n\n")[0]
    out.append(ExportedTable(flat.NAME, flat.TITLE, " ".join(summary.split()), flat.schema(), None, (package.FLAT_CSV,), False))
    return out


def _column_types(field: dict, table: ExportedTable) -> tuple[str, str, str]:
    """A column's type in the CSV file (its Table Schema type), in SQLite and in Parquet."""
    from communique.export.parquet import ARROW_TYPES
    from communique.export.writers import SQL_TYPES

    csv_type = field["type"] + (f" ({field['format']})" if field.get("format") else "")
    parquet = any(file.endswith(".parquet") for file in table.files)
    return csv_type, SQL_TYPES[field["type"]] if table.in_sqlite else "—", ARROW_TYPES[field["type"]] if parquet else "—"


def _table_section(table: ExportedTable, here: str) -> list[str]:
    from communique.export.search import SEARCHED, fts_table

    schema = table.schema
    lines = [f"## {code(table.name)} {{#{table.name}}}", "", f"**{md(table.title)}**", "", md(table.description), ""]
    files = [code(file) for file in table.files]
    if table.in_sqlite:
        files.append(f"table {code(table.name)} of {code('communique.sqlite')}")
    lines.append(f"- Files: {', '.join(files)}")
    if table.kind is not None:
        lines.append(f"- Rows from: {_link(kind_page(table.kind), md(table.kind.name), here)} records")
    lines.append(f"- Primary key: {', '.join(code(name) for name in schema['primaryKey'])}")
    if table.in_sqlite and table.name in SEARCHED:
        searched = ", ".join(code(name) for name in SEARCHED[table.name])
        lines.append(f"- Full-text index: {code(fts_table(table.name))} in {code('communique.sqlite')} (FTS5) over {searched}")
    for key in schema.get("foreignKeys", ()):
        target = key["reference"]
        lines.append(
            f"- Foreign key: {', '.join(code(name) for name in key['fields'])} → "
            f"[{code(target['resource'])}](#{target['resource']}) ({', '.join(code(name) for name in target['fields'])})"
        )
    columns = ["| Column | CSV (Table Schema) | SQLite | Parquet | Required | Description |", "|---|---|---|---|---|---|"]
    for field in schema["fields"]:
        csv_type, sqlite_type, parquet_type = _column_types(field, table)
        constraints = field.get("constraints", {})
        description = md(field.get("description", field.get("title", "")))
        if "enum" in constraints:
            description += " One of: " + ", ".join(code(value) for value in constraints["enum"])
        columns.append(
            f"| {code(field['name'])} | {md(csv_type)} | {md(sqlite_type)} | {md(parquet_type)} "
            f"| {'yes' if constraints.get('required') else 'no'} | {description} |"
        )
    return lines + [""] + unsearched(columns, "the fields of the data dictionary's kind pages") + [""]


def tables_markdown() -> str:
    """The page of the exported tables: every column, its type in each format, and the keys."""
    tables = exported_tables()
    lines = [
        "---",
        'title: "Tables"',
        "---",
        "",
        "# Tables",
        "",
        "The export (`communique export`, and the site's downloads) flattens the records into tables: a table per "
        "kind and one per array in a record, joined by the record's id and the item's position. Each is a CSV file, "
        "a table of the SQLite database and, with `--parquet`, a Parquet file, with the same columns. This page is "
        "generated from the tables' Table Schemas, the ones `datapackage.json` carries. A date is ISO 8601 text "
        "(`2020-09-11`) in the CSV files and in SQLite, and a date in Parquet.",
        "",
    ]
    overview = ["| Table | Title | Columns | Primary key |", "|---|---|---|---|"]
    for table in tables:
        key = ", ".join(code(name) for name in table.schema["primaryKey"])
        overview.append(f"| [{code(table.name)}](#{table.name}) | {md(table.title)} | {len(table.schema['fields'])} | {key} |")
    lines += unsearched(overview, "each table's section follows") + [""]
    for table in tables:
        lines += _table_section(table, TABLES_PAGE)
    return "\n".join(lines).rstrip() + "\n"


def pages() -> dict[str, str | bytes]:
    """Every dictionary page, by docs path (the schema files it links to are published by
    :mod:`communique.versioning.pages`, at their ``$id``'s path)."""
    usage = codelist_usage()
    out: dict[str, str | bytes] = {f"{FOLDER}/index.md": index_markdown(usage)}
    for kind in KINDS:
        out[kind_page(kind)] = kind_markdown(kind)
    out[TABLES_PAGE] = tables_markdown()
    for file, users in usage.items():
        out[codelist_page(file)] = codelist_markdown(file, users)
    return out
