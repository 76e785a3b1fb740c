"""The Datasette metadata file of the SQLite database: title, licence, source, and for every table
its description, its columns' descriptions (from the Table Schemas, so from the JSON Schemas),
its label column and its full-text index.

    datasette communique.sqlite --metadata datasette-metadata.json
"""

from __future__ import annotations

from communique.cite import LICENCES
from communique.export import search
from communique.export import tables as shapes
from communique.export.labels import label_column

METADATA = "datasette-metadata.json"
DATABASE = "communique"  # Datasette names a database after its file: communique.sqlite


def metadata(title: str, description: str, source_url: str) -> dict:
    curation = next(licence for licence in LICENCES if licence[1] == "CC-BY-4.0")
    tables = {}
    for table in shapes.tables():
        schema = shapes.table_schema(table)
        entry = {
            "title": table.title,
            "description": table.description or table.title,
            "columns": {
                field["name"]: field.get("description") or field.get("title") or field["name"]
                for field in schema["fields"]
            },
        }
        label = label_column(table.name)
        if label is not None:
            entry["label_column"] = label
        if table.name in search.SEARCHED:
            entry["fts_table"] = search.fts_table(table.name)
        tables[table.name] = entry
    return {
        "title": title,
        "description": description,
        "license": "CC BY 4.0 (the curation); article texts: their publishers'",
        "license_url": curation[2],
        "source": "Communiqué",
        "source_url": source_url,
        "databases": {DATABASE: {"tables": tables}},
    }
