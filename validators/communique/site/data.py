"""The dataset as the pages read it: JSON-shaped records by id, and the cross-references.

Records are loaded (and so checked) by :func:`communique.load`, then turned back into
plain JSON-shaped dicts: the site shows the fields under the names the schemas and the
data dictionary give them.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

Record = dict[str, Any]


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

    def name(self, actor_id: str) -> str:
        actor = self.actors.get(actor_id)
        return actor["name"] if actor else actor_id


def load(path: Path) -> SiteData:
    """Load the dataset at ``path``; raises what :func:`communique.load` raises on bad data."""
    import communique

    dataset = communique.load(path)

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
