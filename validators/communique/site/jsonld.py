"""schema.org JSON-LD for the site: the home page's ``Dataset``, a statement page's ``Quotation``.

Dataset search engines read a ``Dataset`` (name, description, licence, creator, temporal
coverage, one ``DataDownload`` per file with its encoding format); a ``Quotation`` says who
said a text, when, and in which article. Both are built from the records and the exported
data package, never typed by hand, and put into a page by :func:`script` (see ``citehook``).
"""

from __future__ import annotations

import json
from collections.abc import Mapping
from typing import Any

from communique.cite import LICENCES, Citation, apa

CONTEXT = "https://schema.org"

_ACTOR_TYPES = {"person": "Person", "organization": "Organization", "state": "Country"}


def script(data: Mapping[str, Any]) -> str:
    """A ``<script type="application/ld+json">`` element holding ``data``.

    ``<``, ``>`` and ``&`` are written as JSON escapes, so that no text in a record (a
    ``</script>``, a comment opener) can end the element or be read as HTML.
    """
    text = json.dumps(data, ensure_ascii=False, indent=1, sort_keys=False)
    text = text.replace("&", "\\u0026").replace("<", "\\u003c").replace(">", "\\u003e")
    return f'<script type="application/ld+json">\n{text}\n</script>'


def dataset(
    citation: Citation, descriptor: Mapping[str, Any] | None, base_url: str, downloads: str, archive: str,
    coverage: tuple[str, str] | None,
) -> dict:
    """The home page's ``Dataset``: ``descriptor`` is the exported ``datapackage.json`` (None for a
    site built without its downloads), whose files lie under ``downloads`` and whose zip is
    ``archive`` (paths relative to ``base_url``, the site's root); ``coverage``, the first and
    last date the records speak of."""
    resources = [
        {"path": f"{downloads}/datapackage.json", "mediatype": "application/json", "title": "Data Package descriptor"},
        *({**resource, "path": f"{downloads}/{resource['path']}"} for resource in descriptor["resources"]),
        {"path": archive, "mediatype": "application/zip", "title": "The whole data package, zipped"},
    ] if descriptor is not None else []
    node = {
        "@context": CONTEXT,
        "@type": "Dataset",
        "name": citation.title,
        "description": citation.abstract,
        "url": base_url,
        "version": citation.version,
        "license": [url for _, _, url in LICENCES if url],
        "isAccessibleForFree": True,
        "creator": [{"@type": "Organization", "name": name} for name in citation.authors],
        "citation": apa(citation),
        "keywords": ["diplomacy", "quotations", "treaties", "news"],
        "distribution": [
            {
                "@type": "DataDownload",
                "name": resource.get("title", resource["path"]),
                "contentUrl": f"{base_url}{resource['path']}",
                "encodingFormat": resource["mediatype"],
            }
            for resource in resources
        ],
    }
    if coverage is not None:
        node["temporalCoverage"] = f"{coverage[0]}/{coverage[1]}"
    return node


def quotation(statement: Mapping, speaker: Mapping, article: Mapping, publisher: Mapping | None, url: str) -> dict:
    """A statement page's ``Quotation``: its text, who spoke it, the article it is based on, its date."""
    person = {"@type": _ACTOR_TYPES.get(speaker["kind"], "Thing"), "name": speaker["name"]}
    if speaker.get("wikidata"):
        person["sameAs"] = f"https://www.wikidata.org/wiki/{speaker['wikidata']}"
    based_on = {
        "@type": "NewsArticle",
        "headline": article["headline"],
        "url": article["url"],
        "datePublished": article["published"],
    }
    if publisher is not None:
        based_on["publisher"] = {"@type": "Organization", "name": publisher["name"]}
    if article.get("language"):
        based_on["inLanguage"] = article["language"]
    return {
        "@context": CONTEXT,
        "@type": "Quotation",
        "url": url,
        "text": statement["text"],
        "spokenByCharacter": person,
        "isBasedOn": based_on,
        "dateCreated": statement["date"],
        "genre": statement["kind"],
    }
