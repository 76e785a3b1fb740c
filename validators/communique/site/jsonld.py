"""schema.org JSON-LD for the site: the home page's ``Dataset``, a statement page's ``Quotation``,
an event page's ``Event``.

Dataset search engines read a ``Dataset`` (name, description, licence, creator, temporal
coverage, one ``DataDownload`` per file with its encoding format); a ``Quotation`` says who
said a text, when, in which article, at which event (``recordedAt``: schema.org's link from
a creative work to the event it was recorded at) and about which treaties (``about``); an
``Event`` says when and where it was, who hosted, spoke and attended, and the larger event it
belongs to (``superEvent``). All are built from the records and the exported data package,
never typed by hand, and put into a page by :func:`script` (see ``datapages``).
"""

from __future__ import annotations

import json
from collections.abc import Mapping
from typing import Any

from communique.cite import LICENCES, Citation, apa

CONTEXT = "https://schema.org"

_ACTOR_TYPES = {"person": "Person", "organization": "Organization", "state": "Country", "unnamed-person": "Person",
                "group": "Organization"}
# A participant's part as an Event's property: hosts organize, speakers perform, everyone attends.
_PARTS = {"host": "organizer", "speaker": "performer"}


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


def agent(actor: Mapping) -> dict:
    """An actor as a schema.org ``Person``, ``Organization`` or ``Country``, with its Wikidata item."""
    node = {"@type": _ACTOR_TYPES.get(actor["kind"], "Thing"), "name": actor["name"]}
    if actor.get("wikidata"):
        node["sameAs"] = f"https://www.wikidata.org/wiki/{actor['wikidata']}"
    return node


def event(record: Mapping, actors: Mapping[str, Mapping], url: str, larger: tuple[Mapping, str] | None = None) -> dict:
    """An event page's ``Event``: name, kind, dates, place, who took which part (``actors``: the
    participants' records by id), and the larger event (``larger``: its record and its page's URL)."""
    node = {"@context": CONTEXT, "@type": "Event", "url": url, "name": record["name"], "startDate": record["start"]}
    for key, name in (("end", "endDate"), ("description", "description")):
        if key in record:
            node[name] = record[key]
    if "place" in record:
        node["location"] = {"@type": "Place", "name": record["place"]}
    for participant in record.get("participants", ()):
        actor = actors.get(participant["actor"])
        if actor is None:  # a dangling reference: the validator reports it
            continue
        for name in ("attendee", _PARTS.get(participant["part"])):
            if name:
                node.setdefault(name, []).append(agent(actor))
    if larger is not None:
        node["superEvent"] = {"@type": "Event", "name": larger[0]["name"], "url": larger[1]}
    return node


def quotation(statement: Mapping, speaker: Mapping, article: Mapping, publisher: Mapping | None, url: str,
              at: tuple[Mapping, str] | None = None, about: list[Mapping] = ()) -> dict:
    """A statement page's ``Quotation``: its text, who spoke it, the article it is based on, its date;
    the event it was said at (``at``: the event's record and its page's URL) and the treaties it is about."""
    person = agent(speaker)
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
    node = {
        "@context": CONTEXT,
        "@type": "Quotation",
        "url": url,
        "text": statement["text"],
        "spokenByCharacter": person,
        "isBasedOn": based_on,
        "dateCreated": statement["date"],
        "genre": statement["kind"],
    }
    if at is not None:
        node["recordedAt"] = {"@type": "Event", "name": at[0]["name"], "startDate": at[0]["start"], "url": at[1]}
    if about:
        node["about"] = [{"@type": "Legislation", "legislationType": "treaty", "name": treaty["name"]} for treaty in about]
    return node
