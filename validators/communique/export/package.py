"""The export as a whole: a Frictionless Data Package (v2) with CSV, JSON Lines and SQLite.

Layout of an export folder (every path is listed by :func:`files`)::

    datapackage.json           the descriptor: metadata, Table Schemas, sizes and hashes
    csv/<table>.csv            one table per kind and one per array (see ``tables``)
    jsonl/<kind folder>.jsonl  the records exactly as curated, one per line, by id: file
                               resources linked to their JSON Schema, so that a reader needs
                               no JSON Lines plugin (a plain ``pip install frictionless`` validates)
    csv/statements_flat.csv    one row per statement, references resolved, for spreadsheets (``flat``)
    communique.sqlite          the same tables, keys and foreign keys, and full-text indexes (``search``)
    datasette-metadata.json    titles, licence and column descriptions for Datasette (``datasette``)
    communique.zip             all of the above in one file (``archive``); not in the descriptor
    .communique-export.json    the manifest: what this export wrote (see ``manifest``)

The folder is written next to its target under a temporary name and swapped into place
only once complete (see ``folder``), so a failed or killed export leaves the previous one
(or nothing) behind, never half a package; and it replaces only a previous export, never
a folder holding anything else.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import json
import os
from collections.abc import Iterable, Iterator, Mapping
from pathlib import Path
from typing import Any

from communique.export import datasette, flat
from communique.export import folder as swap
from communique.export.archive import ARCHIVE, write_zip
from communique.export.datasette import METADATA
from communique.export.parquet import MEDIATYPE as PARQUET_MEDIATYPE
from communique.export.parquet import parquet_path, write_parquet
from communique.export import tables as shapes
from communique.export.manifest import MANIFEST, check_replaceable, file_hash, write_manifest
from communique.render.safe import printable
from communique.export.writers import ExportError, csv_field, write_csv, write_jsonl, write_sqlite
from communique.kinds import ARTICLE, KINDS, Kind

DESCRIPTOR = "datapackage.json"
SQLITE = "communique.sqlite"
FLAT_CSV = f"csv/{flat.NAME}.csv"
SOURCE_URL = "https://communique.github.io/"
PROFILE = "https://datapackage.org/profiles/2.0/datapackage.json"

NAME = "communique"
TITLE = "Communiqué: diplomatic statements"
DESCRIPTION = (
    "A hand-curated dataset of diplomatic statements: who said what, in which article, "
    "about which treaty. Quotes are verbatim from the articles; a source's own errors are "
    "kept as said, with a curator's note. The curation (records, notes, codelists) is "
    "CC BY 4.0; the article texts quoted in it remain their publishers' and are included "
    "for verification and research."
)
LICENSES = [
    {
        "name": "CC-BY-4.0",
        "path": "https://creativecommons.org/licenses/by/4.0/",
        "title": "Creative Commons Attribution 4.0 International (the curation)",
    }
]
CONTRIBUTORS = [{"title": "Communiqué contributors", "roles": ["creator"]}]

# The fields that date the dataset's content: its ``created`` is the latest of them
# unless SOURCE_DATE_EPOCH says otherwise. Not expiry dates, which may lie in the future.
_DATING_FIELDS = {"article": ("published",), "statement": ("date",), "treaty": ("status_date",)}


def csv_path(table: shapes.Table) -> str:
    return f"csv/{table.name}.csv"


def jsonl_path(kind: Kind) -> str:
    return f"jsonl/{kind.folder}.jsonl"


def files(parquet: bool = False) -> list[str]:
    """Every file of the data package, relative to its folder, in the descriptor's order
    (with ``parquet``, the Parquet tables too).

    The export writes its manifest beside them (``manifest.MANIFEST``): bookkeeping for the
    next export, not part of the package.
    """
    return [*packaged(parquet), ARCHIVE]


def packaged(parquet: bool = False) -> list[str]:
    """The files the descriptor describes (and the zip holds), the descriptor first."""
    return [
        DESCRIPTOR,
        *(csv_path(table) for table in shapes.tables()),
        FLAT_CSV,
        *(jsonl_path(kind) for kind in KINDS),
        SQLITE,
        METADATA,
        *((parquet_path(table.name) for table in shapes.tables()) if parquet else ()),
    ]


# -- records --------------------------------------------------------------------------


def records_of(dataset: Any) -> dict[Kind, list[dict]]:
    """The records of a loaded dataset, as curated: only the fields the files set.

    Keys follow the schema's property order, whatever order the models keep them in.
    """
    out = {}
    for kind in KINDS:
        models = getattr(dataset, kind.folder).values()
        dumped = [model.model_dump(mode="json", by_alias=True, exclude_unset=True) for model in models]
        out[kind] = [shapes.ordered(kind, record) for record in dumped]
    return out


def table_rows(records: Mapping[Kind, Iterable[dict]]) -> dict[str, list[dict]]:
    """Every table's rows (see ``tables``), records in id order, by table name in the order of
    ``tables.tables()``.

    The one flattening of records into rows: the CSV, SQLite and Parquet files, the
    DataFrames (``communique.frames``) and ``communique query`` all read these.
    """
    by_name: dict[str, list[dict]] = {}
    for kind in KINDS:
        by_name.update(shapes.rows(kind, sorted(records.get(kind, ()), key=lambda record: record["id"])))
    return {table.name: by_name[table.name] for table in shapes.tables()}


def sqlite_tables(all_rows: Mapping[str, list[dict]]) -> Iterator[tuple[str, dict, list[dict]]]:
    """``(name, Table Schema, rows)`` of every table, as ``writers.build_sqlite`` takes them."""
    for table in shapes.tables():
        yield table.name, shapes.table_schema(table), all_rows[table.name]


def created(records: Mapping[Kind, list[dict]]) -> str:
    """The package's declared creation time: SOURCE_DATE_EPOCH, else the latest content date.

    Never the clock, so that exporting the same dataset twice gives the same bytes.
    """
    epoch = os.environ.get("SOURCE_DATE_EPOCH")
    if epoch:
        try:
            moment = dt.datetime.fromtimestamp(int(epoch), dt.timezone.utc)
        except (ValueError, OverflowError, OSError):
            raise ExportError(f"SOURCE_DATE_EPOCH is not a number of seconds: {epoch!r}") from None
        return moment.strftime("%Y-%m-%dT%H:%M:%SZ")
    dates = [
        record[field]
        for kind in KINDS
        for record in records.get(kind, ())
        for field in _DATING_FIELDS.get(kind.name, ())
        if field in record
    ]
    return f"{max(dates, default='1970-01-01')}T00:00:00Z"


# -- descriptor -----------------------------------------------------------------------


def _stamp(folder: Path, path: str) -> dict:
    """``bytes`` and ``hash`` of a written file."""
    return {"bytes": (folder / path).stat().st_size, "hash": file_hash(folder / path)}


CSV_NOTE = (
    "A text that begins with =, +, -, @, a tab or a carriage return has a single quote (') put before it "
    "in this file, so that a spreadsheet does not run it as a formula; the JSON Lines files and the "
    "SQLite database keep the exact text."
)


def descriptor(records: Mapping[Kind, list[dict]], folder: Path) -> dict:
    """The Data Package descriptor for the files already written into ``folder``."""
    resources = []
    for table in shapes.tables():
        path = csv_path(table)
        resources.append(
            {
                "name": table.name,
                "type": "table",
                "path": path,
                "format": "csv",
                "mediatype": "text/csv",
                "encoding": "utf-8",
                "title": table.title,
                "description": f"{table.description} {CSV_NOTE}".lstrip(),
                **_stamp(folder, path),
                "schema": _csv_schema(table),
            }
        )
    resources.append(
        {
            "name": flat.NAME,
            "type": "table",
            "path": FLAT_CSV,
            "format": "csv",
            "mediatype": "text/csv",
            "encoding": "utf-8",
            "title": flat.TITLE,
            "description": (
                "For spreadsheets: one row per statement with its speaker's name, its article's headline, "
                f"publisher, date and URL, its topics and treaties joined. {CSV_NOTE}"
            ),
            **_stamp(folder, FLAT_CSV),
            "schema": {**flat.schema(), "fields": [csv_field(field) for field in flat.schema()["fields"]]},
        }
    )
    for kind in KINDS:
        path = jsonl_path(kind)
        resources.append(
            {
                "name": f"{kind.folder}-jsonl",
                # Not a "table": Data Package readers read tables from CSV (or inline JSON) only, and
                # Frictionless reads JSON Lines only with its optional json plugin. As a file, every
                # reader checks its size and hash and no plugin is needed; its contract is the record's
                # JSON Schema, linked as the v2 ``jsonSchema`` property.
                "type": "file",
                "path": path,
                "format": "jsonl",
                "mediatype": "application/jsonl",
                "encoding": "utf-8",
                "title": f"{kind.name.capitalize()} records",
                "description": (
                    f"Every {kind.name} record exactly as curated, one JSON object per line, in id order; "
                    f"each follows {kind.schema_id}."
                ),
                **_stamp(folder, path),
                "jsonSchema": kind.schema_id,
            }
        )
    resources.append(
        {
            "name": "sqlite",
            "path": SQLITE,
            "format": "sqlite",
            "mediatype": "application/vnd.sqlite3",
            "title": "SQLite database",
            "description": (
                "The same tables as the CSV files, with their primary and foreign keys, for Datasette or "
                "sqlite-utils; <table>_fts are FTS5 full-text indexes of the text of articles, actors, "
                "statements and treaties."
            ),
            **_stamp(folder, SQLITE),
        }
    )
    resources.append(
        {
            "name": "datasette-metadata",
            "type": "file",
            "path": METADATA,
            "format": "json",
            "mediatype": "application/json",
            "title": "Datasette metadata",
            "description": f"Titles, licence and column descriptions: datasette {SQLITE} --metadata {METADATA}",
            **_stamp(folder, METADATA),
        }
    )
    for table in shapes.tables():
        path = parquet_path(table.name)
        if (folder / path).exists():
            resources.append(
                {
                    "name": f"{table.name}-parquet",
                    # a file, not a "table": a reader needs no Parquet plugin to check it
                    "type": "file",
                    "path": path,
                    "format": "parquet",
                    "mediatype": PARQUET_MEDIATYPE,
                    "title": f"{table.title} (Parquet)",
                    "description": f"The rows of {csv_path(table)}, with the same columns and types, as Parquet.",
                    **_stamp(folder, path),
                }
            )
    articles = records.get(ARTICLE, [])
    return {
        "$schema": PROFILE,
        "name": NAME,
        "title": TITLE,
        "description": DESCRIPTION,
        "version": _version(),
        "created": created(records),
        "licenses": LICENSES,
        "contributors": CONTRIBUTORS,
        "sources": [{"title": article["headline"], "path": article["url"]} for article in articles],
        "resources": resources,
    }


def _csv_schema(table: shapes.Table) -> dict:
    """The table's Table Schema, its fields as they apply to the CSV cells (``writers.csv_field``)."""
    schema = shapes.table_schema(table)
    return {**schema, "fields": [csv_field(field) for field in schema["fields"]]}


def _version() -> str:
    from communique import __version__

    return __version__


# -- writing --------------------------------------------------------------------------


@contextlib.contextmanager
def _writing(path: Path) -> Iterator[None]:
    """Name ``path`` in an error that does not (a failed ``write`` names no file)."""
    try:
        yield
    except OSError as error:
        if error.filename is None:
            error.filename = str(path)
        raise


def _write_contents(records: Mapping[Kind, list[dict]], folder: Path, parquet: bool) -> None:
    (folder / "csv").mkdir()
    (folder / "jsonl").mkdir()
    all_rows = table_rows(records)
    for kind in KINDS:
        with _writing(folder / jsonl_path(kind)):
            write_jsonl(folder / jsonl_path(kind), records.get(kind, []))
    for table in shapes.tables():
        with _writing(folder / csv_path(table)):
            write_csv(folder / csv_path(table), table.column_names, all_rows[table.name])
    with _writing(folder / FLAT_CSV):
        write_csv(folder / FLAT_CSV, tuple(name for name, _, _ in flat.COLUMNS), flat.rows(records))
    write_sqlite(folder / SQLITE, sqlite_tables(all_rows))  # names its file in its errors
    if parquet:
        (folder / "parquet").mkdir()
        for table in shapes.tables():
            with _writing(folder / parquet_path(table.name)):
                write_parquet(folder / parquet_path(table.name), shapes.table_schema(table), all_rows[table.name])
    _write_json(folder / METADATA, datasette.metadata(TITLE, DESCRIPTION, SOURCE_URL))
    package = descriptor(records, folder)
    _write_json(folder / DESCRIPTOR, package)
    with _writing(folder / ARCHIVE):
        write_zip(folder / ARCHIVE, folder, packaged(parquet), package["created"])
    hashes = {resource["path"]: resource["hash"] for resource in package["resources"]}
    with _writing(folder / MANIFEST):
        write_manifest(folder, {path: hashes.get(path) or file_hash(folder / path) for path in files(parquet)})


def _write_json(path: Path, value: Any) -> None:
    with _writing(path):
        path.write_text(json.dumps(value, ensure_ascii=False, indent=2) + "\n", encoding="utf-8", newline="\n")


def check_target(out_dir: str | os.PathLike) -> Path:
    """The absolute path of ``out_dir`` if an export may write it (see :func:`write_records`)."""
    out = Path(os.path.abspath(out_dir))
    try:
        check_replaceable(out)
    except OSError as error:
        raise ExportError(_cannot_write(out, error)) from error
    return out


def write_records(records: Mapping[Kind, list[dict]], out_dir: str | os.PathLike, *, parquet: bool = False) -> list[str]:
    """Export records (by kind, each a JSON object as curated) into ``out_dir``, atomically.

    Records may come in any order: every file lists them by id. ``out_dir`` must be absent,
    empty, or hold a previous export and nothing else (:class:`manifest.TargetRefused`
    otherwise, before anything is written). A file that cannot be written raises
    :class:`ExportError`; either way ``out_dir`` is left as it was.

    With ``parquet``, the tables are written as Parquet too (pyarrow, the ``parquet`` extra:
    ``frames.MissingExtra`` says so before anything is written when it is missing).

    Returns the files of the package, relative to ``out_dir`` (see :func:`files`).
    """
    if parquet:
        from communique.export.parquet import check_available

        check_available()
    records = {kind: sorted(records.get(kind, ()), key=lambda record: record["id"]) for kind in KINDS}
    out = check_target(out_dir)
    try:
        out.parent.mkdir(parents=True, exist_ok=True)
        with swap.staging(out) as staging:
            try:
                _write_contents(records, staging, parquet)
            except OSError as error:
                raise ExportError(_cannot_write(out, error, staging)) from error
            swap.install(staging, out, lambda replaced: check_replaceable(replaced, shown_as=out))
    except OSError as error:
        raise ExportError(_cannot_write(out, error)) from error
    return files(parquet)


def _cannot_write(out: Path, error: OSError, staging: Path | None = None) -> str:
    """``cannot write OUT: No space left on device (csv/actors.csv)``: the file named as in the export."""
    where = error.filename
    if where is not None and staging is not None and Path(where).is_relative_to(staging):
        where = Path(where).relative_to(staging).as_posix()
    detail = f" ({printable(str(where))})" if where is not None and where != str(out) else ""
    return f"cannot write {printable(str(out))}: {error.strerror or error}{detail}"


def write_package(dataset: Any, out_dir: str | os.PathLike, *, parquet: bool = False) -> list[str]:
    """Export a loaded dataset (``communique.load()``) into ``out_dir``; see :func:`write_records`.

    Examples:
        >>> import tempfile, communique
        >>> written = write_package(communique.load(), tempfile.mkdtemp() + "/export")
        >>> written[0], "communique.sqlite" in written, written[-1]
        ('datapackage.json', True, 'communique.zip')
    """
    return write_records(records_of(dataset), out_dir, parquet=parquet)
