"""One flat table of statements for spreadsheet users: a row per statement, references resolved.

Where the relational tables keep a statement's topics, treaties and speaker apart, this table
puts on one row what a reader of a spreadsheet wants to filter and sort by: the speaker's name,
the article's headline, publisher and URL, the topics and treaties joined by ``"; "``.
"""

from __future__ import annotations

from collections.abc import Mapping

from communique.kinds import ACTOR, ARTICLE, STATEMENT, TREATY, Kind

NAME = "statements_flat"
TITLE = "Statements, one row each"
SEPARATOR = "; "

#: (column, Table Schema type, description)
COLUMNS = (
    ("id", "string", "The statement's id."),
    ("date", "date", "When the statement was made."),
    ("speaker", "string", "The speaker's actor id."),
    ("speaker_name", "string", "The speaker's name."),
    ("kind", "string", "quote (verbatim) or paraphrase."),
    ("text", "string", "What was said, as the article reports it."),
    ("topics", "string", f"The statement's topics, joined by {SEPARATOR!r}."),
    ("treaties", "string", f"The names of the treaties it is about, joined by {SEPARATOR!r}."),
    ("article", "string", "The article's id."),
    ("article_headline", "string", "The article's headline."),
    ("publisher", "string", "The publisher's name."),
    ("published", "date", "When the article was published."),
    ("url", "string", "The article's URL."),
)


REQUIRED = ("id", "date", "speaker", "kind", "text", "article")  # what every statement has


def schema() -> dict:
    """The table's Table Schema (the CSV resource applies ``writers.csv_field`` to it)."""
    fields = []
    for name, kind, description in COLUMNS:
        field = {"name": name, "type": kind, "description": description}
        if name in REQUIRED:
            field["constraints"] = {"required": True}
        fields.append(field)
    return {"fields": fields, "primaryKey": ["id"]}


def rows(records: Mapping[Kind, list[dict]]) -> list[dict]:
    """The table's rows, by statement id."""
    actors = {actor["id"]: actor for actor in records.get(ACTOR, ())}
    articles = {article["id"]: article for article in records.get(ARTICLE, ())}
    treaties = {treaty["id"]: treaty for treaty in records.get(TREATY, ())}
    out = []
    for statement in sorted(records.get(STATEMENT, ()), key=lambda record: record["id"]):
        article = articles.get(statement["article"], {})
        publisher = actors.get(article.get("publisher"), {})
        named = [treaties.get(treaty, {}).get("name", treaty) for treaty in statement.get("treaties", ())]
        out.append(
            {
                "id": statement["id"],
                "date": statement["date"],
                "speaker": statement["speaker"],
                "speaker_name": actors.get(statement["speaker"], {}).get("name"),
                "kind": statement["kind"],
                "text": statement["text"],
                "topics": SEPARATOR.join(statement.get("topics", ())) or None,
                "treaties": SEPARATOR.join(named) or None,
                "article": statement["article"],
                "article_headline": article.get("headline"),
                "publisher": publisher.get("name"),
                "published": article.get("published"),
                "url": article.get("url"),
            }
        )
    return out
