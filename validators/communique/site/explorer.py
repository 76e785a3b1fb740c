"""The statements explorer's data, in shards that a reader's browser loads as it needs them.

One file of every statement was 17.8 MB at 100,000 records, loaded by every visit to the
explorer. Instead, each *scope* (all statements, or those of one speaker, kind, topic,
treaty, event, speech act or addressee: the explorer's choices) is its statements in date order, cut into shards of
:data:`SHARD_ROWS`: ``_explorer/all/<n>.json`` and ``_explorer/<facet>/<number>/<n>.json``. A
small ``meta.json`` gives each choice's title, number of statements and folder number, so the
explorer knows every shard's name without a listing (and no value from a record names a file). It pages a scope by date straight to the shard it needs; with words or
dates to match, it reads the narrowest scope's shards in order, a few per step.

Every statement is written once per scope it is in (all, its speaker, its kind, each topic
and treaty, its event and speech act, each addressee): the files grow linearly with the statements, whatever their distribution.
Rows are arrays in :data:`COLUMNS` order, with each shard's articles' headlines beside them
(words search headlines too). The script sets every text as ``textContent``, never as HTML.
"""

from __future__ import annotations

from collections.abc import Iterable

import orjson

from communique.kinds import EVENT, STATEMENT, TREATY
from communique.site.data import Record, SiteData

FOLDER = f"{STATEMENT.folder}/_explorer"  # an underscore, which no statement id holds
META = f"{FOLDER}/meta.json"
ALL = "all"
SHARD_ROWS = 250  # about 40 kB a shard: the page, the site's search, the meta and a shard stay under 1 MB
# The explorer's choices that name a scope: its address parameter -> the statement field it filters on.
FACETS = {"speaker": "speaker", "kind": "kind", "topic": "topics", "treaty": "treaties",
          "event": "event", "act": "speech_act", "addressee": "addressees"}  # the last three: schema 1.1
COLUMNS = ("id", "date", "speaker", "kind", "topics", "treaties", "text", "article", "event", "speech_act", "addressees")


def _values(statement: Record, field: str) -> Iterable[str]:
    value = statement.get(field)
    return value if isinstance(value, list) else () if value is None else (value,)


def scopes(statements: list[Record]) -> dict[tuple[str, str], list[Record]]:
    """Each scope's statements in the order given (date order): ``(ALL, "")`` and ``(facet, value)``."""
    out: dict[tuple[str, str], list[Record]] = {(ALL, ""): statements}
    for facet, field in FACETS.items():
        for statement in statements:
            for value in _values(statement, field):
                out.setdefault((facet, value), []).append(statement)
    return out


def shard(data: SiteData, rows: list[Record]) -> bytes:
    headlines = {s["article"]: data.articles[s["article"]]["headline"] for s in rows if s["article"] in data.articles}
    return orjson.dumps({"headlines": headlines, "rows": [[s.get(column, []) for column in COLUMNS] for s in rows]})


def files(data: SiteData, names: dict[str, dict[str, str]], kinds: dict[str, str], topics: dict[str, str],
          acts: dict[str, str] | None = None, shard_rows: int = SHARD_ROWS) -> dict[str, bytes]:
    """``meta.json`` and every scope's shards, by site path. ``names``: each kind's records' display names;
    ``kinds``, ``topics``, ``acts``: the codelists' titles (of statement kinds, topics, speech acts)."""
    acts = acts or {}
    ordered = sorted(data.statements.values(), key=lambda s: (s["date"], s["id"]))
    titles = {"speaker": data.name, "kind": lambda code: kinds.get(code, code), "topic": lambda code: topics.get(code, code),
              "treaty": lambda treaty: names[TREATY.name].get(treaty, treaty),
              "event": lambda event: names.get(EVENT.name, {}).get(event, event), "act": lambda code: acts.get(code, code),
              "addressee": data.name}
    out: dict[str, bytes] = {}
    # facet -> value -> (title, statements, folder number): values are any text (an open codelist's), never a path
    choices: dict[str, dict[str, tuple[str, int, int]]] = {facet: {} for facet in FACETS}
    for (facet, value), rows in scopes(ordered).items():
        folder = ALL
        if facet != ALL:
            choices[facet][value] = (titles[facet](value), len(rows), len(choices[facet]) + 1)
            folder = f"{facet}/{len(choices[facet])}"
        for number, start in enumerate(range(0, len(rows), shard_rows), 1):
            out[f"{FOLDER}/{folder}/{number}.json"] = shard(data, rows[start : start + shard_rows])
    aliases = {a: data.actors[a]["aliases"] for a in choices["speaker"] if data.actors.get(a, {}).get("aliases")}
    meta = {"total": len(ordered), "shard": shard_rows, "columns": COLUMNS, "choices": choices, "aliases": aliases}
    out[META] = orjson.dumps(meta)
    return out
