"""The dataset as the pages read it: JSON-shaped records by id, and the cross-references.

Records are loaded (and so checked) by :func:`communique.load`, then turned back into
plain JSON-shaped dicts: the site shows the fields under the names the schemas and the
data dictionary give them.
"""

from __future__ import annotations

from collections import Counter, defaultdict
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

Record = dict[str, Any]
PART_ORDER = {"headline": 0, "subheadline": 1, "body": 2}  # the parts of an article, in reading order


@dataclass
class SiteData:
    articles: dict[str, Record]
    actors: dict[str, Record]
    statements: dict[str, Record]
    treaties: dict[str, Record]
    events: dict[str, Record] = field(default_factory=dict)
    by_article: dict[str, list[Record]] = field(default_factory=dict)
    by_speaker: dict[str, list[Record]] = field(default_factory=dict)
    by_treaty: dict[str, list[Record]] = field(default_factory=dict)
    by_publisher: dict[str, list[Record]] = field(default_factory=dict)
    by_party: dict[str, list[Record]] = field(default_factory=dict)  # actor id -> the treaties it is party to
    position: dict[str, int] = field(default_factory=dict)  # statement id -> its index in by_article
    by_event: dict[str, list[Record]] = field(default_factory=dict)  # in the order they were said, see said_order
    responses: dict[str, list[tuple[str, Record]]] = field(default_factory=dict)  # statement id -> (relation, the statement responding)
    sub_events: dict[str, list[Record]] = field(default_factory=dict)  # event id -> the events part of it, by start
    by_participant: dict[str, list[tuple[str, Record]]] = field(default_factory=dict)  # actor id -> (part, event), by start
    addressed: dict[str, int] = field(default_factory=dict)  # actor id -> how many statements are addressed to it
    dataset: Any = None  # the communique.Dataset the pages were made from, for the downloads

    def __post_init__(self) -> None:
        """Index statements (in date order) by article, speaker and treaty, with each one's place in its
        article; articles by publisher; treaties by party (an actor's page must not read every treaty)."""
        by_article, by_speaker, by_treaty = defaultdict(list), defaultdict(list), defaultdict(list)
        for statement in sorted(self.statements.values(), key=lambda s: (s["date"], s["id"])):
            by_article[statement["article"]].append(statement)
            by_speaker[statement["speaker"]].append(statement)
            for treaty in statement.get("treaties", ()):
                by_treaty[treaty].append(statement)
        by_publisher = defaultdict(list)
        for article in sorted(self.articles.values(), key=lambda a: (a["published"], a["id"])):
            by_publisher[article["publisher"]].append(article)
        self.by_article, self.by_speaker = dict(by_article), dict(by_speaker)
        by_party = defaultdict(list)
        for treaty in self.treaties.values():
            for party in dict.fromkeys(treaty.get("parties", ())):
                by_party[party].append(treaty)
        self.by_treaty, self.by_publisher, self.by_party = dict(by_treaty), dict(by_publisher), dict(by_party)
        self.position = {s["id"]: index for statements in self.by_article.values() for index, s in enumerate(statements)}
        self._index_events()

    def _index_events(self) -> None:
        """Statements by event (in :func:`said_order`) and by what they respond to, and how many are
        addressed to each actor; events by the larger event they are part of and by participant."""
        by_event, responses, sub_events, by_participant = defaultdict(list), defaultdict(list), defaultdict(list), defaultdict(list)
        addressed: Counter[str] = Counter()
        for statement in sorted(self.statements.values(), key=lambda s: (s["date"], s["id"])):
            if "event" in statement:
                by_event[statement["event"]].append(statement)
            addressed.update(statement.get("addressees", ()))
            for response in statement.get("responds_to", ()):
                if "target" in response:
                    responses[response["target"]].append((response["relation"], statement))
        for event in sorted(self.events.values(), key=lambda e: (e["start"], e["id"])):
            if "part_of" in event:
                sub_events[event["part_of"]].append(event)
            for participant in event.get("participants", ()):
                by_participant[participant["actor"]].append((participant["part"], event))
        self.by_event = {key: sorted(statements, key=self.said_order) for key, statements in by_event.items()}
        self.responses, self.sub_events = dict(responses), dict(sub_events)
        self.by_participant, self.addressed = dict(by_participant), dict(addressed)

    def said_order(self, statement: Record) -> tuple:
        """Where a statement comes in its event: by article (as published), then where its selector
        puts it in the article (headline, subheadline, body offset), else by date."""
        article = self.articles.get(statement["article"], {})
        selector = statement.get("selector", {})
        placed = "start" in selector
        return (article.get("published", ""), statement["article"], not placed,
                PART_ORDER.get(selector.get("part"), len(PART_ORDER)) if placed else 0, selector.get("start", 0),
                statement["date"], statement["id"])

    def name(self, actor_id: str) -> str:
        actor = self.actors.get(actor_id)
        return actor["name"] if actor else actor_id


_loaded: dict[Path, Any] = {}  # the dataset the last :func:`load` read, by path, for :func:`loaded` to hand on once


def loaded(path: Path) -> Any:
    """The :class:`communique.Dataset` at ``path``: the one :func:`load` read in this build (handed on
    once, so the next build reads the files again), else read now. The site's second hook
    (``datapages``) reads what the first read: loading 100,000 records twice was a tenth of the build."""
    dataset = _loaded.pop(Path(path), None)
    if dataset is None:
        import communique

        dataset = communique.load(path)
    return dataset


def load(path: Path) -> SiteData:
    """Load the dataset at ``path``; raises what :func:`communique.load` raises on bad data."""
    import communique

    dataset = communique.load(path)
    _loaded.clear()
    _loaded[Path(path)] = dataset

    def plain(models: dict) -> dict[str, Record]:
        return {key: model.model_dump(mode="json", by_alias=True, exclude_unset=True) for key, model in models.items()}

    return SiteData(
        articles=plain(dataset.articles),
        actors=plain(dataset.actors),
        statements=plain(dataset.statements),
        treaties=plain(dataset.treaties),
        events=plain(dataset.events),
        dataset=dataset,
    )
