"""A schema set: one folder of JSON Schemas with their codelists, the working ``schema/v1``
or a frozen release, loaded with its own offline ``referencing`` registry.

Two sets share ``$id``s (a release and the working copy both say ``.../v1/...``), so each
resolves its ``$ref``s in its own registry, never in the package-wide one of
:mod:`communique.schemas`.
"""

from __future__ import annotations

import csv
import json
from dataclasses import dataclass, field
from functools import cached_property
from pathlib import Path
from typing import TYPE_CHECKING, Any
from urllib.parse import urljoin

from communique.schemas import DEFS_FILE, Code, offline_registry
from communique.versioning.changes import Version

if TYPE_CHECKING:
    from referencing import Registry

SCHEMA_GLOB = "*.schema.json"
CODELIST_GLOB = "codelists/*.csv"


class SchemaSetError(Exception):
    """A folder that is not a readable schema set: said as a message, never a traceback."""


@dataclass(frozen=True, eq=False)
class SchemaSet:
    """The schemas (by file name) and codelists (by ``codelists/<name>.csv``) of one folder."""

    folder: Path
    documents: dict[str, dict[str, Any]]
    codelists: dict[str, tuple[Code, ...]] = field(default_factory=dict)

    @classmethod
    def load(cls, folder: Path) -> SchemaSet:
        folder = Path(folder)
        if not folder.is_dir():
            raise SchemaSetError(f"{folder} is not a folder of schemas")
        documents = {path.name: _read_json(path) for path in sorted(folder.glob(SCHEMA_GLOB))}
        if not documents:
            raise SchemaSetError(f"{folder} holds no {SCHEMA_GLOB} files")
        for name, document in documents.items():
            if not isinstance(document, dict) or not isinstance(document.get("$id"), str):
                raise SchemaSetError(f"{folder / name} is not a JSON Schema with an $id")
        codelists = {path.relative_to(folder).as_posix(): _read_codelist(path) for path in sorted(folder.glob(CODELIST_GLOB))}
        return cls(folder, documents, codelists)

    @property
    def kinds(self) -> list[str]:
        """The kinds of record: every schema file except the shared definitions."""
        return [name.removesuffix(".schema.json") for name in self.documents if name != DEFS_FILE]

    @cached_property
    def versions(self) -> dict[str, object]:
        """The ``x-version`` each file declares, as written."""
        return {name: document.get("x-version") for name, document in self.documents.items()}

    @property
    def version(self) -> Version:
        """The set's version: every file of a set declares the same ``x-version``."""
        declared = set(map(str, self.versions.values()))
        if len(declared) != 1:
            listed = ", ".join(f"{name} {value}" for name, value in self.versions.items())
            raise SchemaSetError(f"the schemas in {self.folder} declare different x-versions: {listed}")
        try:
            return Version.parse(next(iter(self.versions.values())))
        except ValueError as error:
            raise SchemaSetError(f"{self.folder}: x-version {error}") from None

    @cached_property
    def file_by_id(self) -> dict[str, str]:
        return {document["$id"]: name for name, document in self.documents.items()}

    @cached_property
    def registry(self) -> Registry:
        """Every schema of the set under its ``$id``; any other URI is refused, never fetched."""
        return offline_registry(self.documents.values())

    def resolve(self, node: Any, base: str, where: str = "") -> tuple[dict[str, Any], str, tuple[str, ...]]:
        """The node with its ``$ref`` chain merged in, the referring node's own keywords
        winning (as :mod:`communique.schemafields` reads the working schemas); the ``$id``
        its inner ``$ref``s resolve against; the targets passed, as ``file#pointer``.
        ``base`` is the ``$id`` of the document holding the node, ``where`` names it in errors."""
        from referencing.exceptions import Unresolvable

        node = as_schema(node)
        merged = {key: value for key, value in node.items() if key != "$ref"}
        targets: list[str] = []
        while "$ref" in node:
            ref = node["$ref"]
            try:
                resolved = self.registry.resolver(base_uri=base).lookup(ref)
            except Unresolvable:
                raise SchemaSetError(f"{self.folder}: the $ref {ref!r} at {where} does not resolve to a schema of the set") from None
            base, _, fragment = urljoin(base, ref).partition("#")
            target = f"{self.file_by_id.get(base, base)}#{fragment}"
            if target in targets:
                raise SchemaSetError(f"{self.folder}: the $ref chain at {where} loops through {target}")
            targets.append(target)
            node = as_schema(resolved.contents)
            merged = {**{key: value for key, value in node.items() if key != "$ref"}, **merged}
        return merged, base, tuple(targets)

    def codes(self, file: str) -> tuple[str, ...]:
        return tuple(row.code for row in self.codelists.get(file, ()))

    def validator(self, kind: str):
        """jsonschema's draft 2020-12 validator for one kind of this set, asserting ``format``."""
        from jsonschema import Draft202012Validator

        return Draft202012Validator(
            self.documents[f"{kind}.schema.json"],
            registry=self.registry,
            format_checker=Draft202012Validator.FORMAT_CHECKER,
        )


def as_schema(node: Any) -> dict[str, Any]:
    """A boolean schema as the object schema it stands for."""
    if node is True:
        return {}
    if node is False:
        return {"not": {}}
    return node


def _read_json(path: Path) -> Any:
    try:
        return json.loads(path.read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError, json.JSONDecodeError) as error:
        raise SchemaSetError(f"{path} cannot be read as JSON: {error}") from None


def _read_codelist(path: Path) -> tuple[Code, ...]:
    try:
        with path.open(encoding="utf-8", newline="") as handle:
            return tuple(Code(**row) for row in csv.DictReader(handle))
    except (OSError, UnicodeDecodeError, TypeError, csv.Error) as error:
        raise SchemaSetError(f"{path} is not a codelist with columns code,title,description: {error}") from None
