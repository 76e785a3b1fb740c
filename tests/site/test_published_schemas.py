"""The built site publishes every schema at the path of its ``$id`` (and every release under
``schema/releases/``), so that once served at the ``$id``s' host, every ``$id`` and ``$ref``
resolves; and it carries the versioning pages."""

from __future__ import annotations

import json
from pathlib import Path
from urllib.parse import urljoin, urlsplit

from referencing import Registry, Resource
from referencing.jsonschema import DRAFT202012

from communique.versioning import releases as kept

HOST = "https://communique.github.io/"


def _at_id(site: Path, uri: str) -> Path:
    assert uri.startswith(HOST), uri
    return site / urlsplit(uri).path.lstrip("/")


def _refs(node, found: list[str]) -> list[str]:
    if isinstance(node, dict):
        if isinstance(node.get("$ref"), str):
            found.append(node["$ref"])
        for key, value in node.items():
            if key not in ("enum", "examples", "const"):
                _refs(value, found)
    elif isinstance(node, list):
        for item in node:
            _refs(item, found)
    return found


def test_every_id_of_every_shipped_schema_and_release_is_a_file_of_the_site(built_site):
    sets = [kept.working(), *(kept.release(version) for version in kept.released())]
    for schemas in sets:
        for name, document in schemas.documents.items():
            published = _at_id(built_site, document["$id"])
            assert published.is_file(), f"{document['$id']} ({schemas.folder.name}/{name}) is not published"
            assert json.loads(published.read_bytes())["$id"] == document["$id"]
    working = kept.working()
    for name, document in working.documents.items():  # the current major's $id serves the working schemas
        assert _at_id(built_site, document["$id"]).read_bytes() == (working.folder / name).read_bytes()
    for version in kept.released():
        release = kept.release(version)
        for path in release.folder.rglob("*"):
            if path.is_file():
                copy = built_site / "schema" / "releases" / str(version) / path.relative_to(release.folder)
                assert copy.read_bytes() == path.read_bytes()


def test_every_ref_of_the_published_schemas_resolves_from_the_site_alone(built_site):
    """As a JSON Schema tool would, fetching each URI from the site: every $ref resolves."""

    def retrieve(uri: str) -> Resource:
        return Resource.from_contents(json.loads(_at_id(built_site, uri).read_bytes()), default_specification=DRAFT202012)

    registry = Registry(retrieve=retrieve)
    checked = 0
    for document in kept.working().documents.values():
        resolver = registry.resolver(base_uri=document["$id"])
        for ref in _refs(document, []):
            assert resolver.lookup(ref).contents is not None, urljoin(document["$id"], ref)
            checked += 1
    assert checked > 10


def test_the_site_has_both_changelogs_and_the_versioning_policy(built_site):
    for page in ("schema-changelog", "data-changelog", "versioning"):
        assert (built_site / page / "index.html").is_file()
    assert "Schema changelog" in (built_site / "schema-changelog" / "index.html").read_text(encoding="utf-8")
