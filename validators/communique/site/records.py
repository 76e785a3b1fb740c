"""A page for every record, index pages linking them, and the pictures drawn from them.

Record pages are Markdown files holding one raw HTML block, so Markdown never parses
record text; every string is escaped with :func:`~communique.site.escape.h`, titles go
through :func:`~communique.site.escape.title`, and links inside the block are written
relative to where the page is served (MkDocs does not rewrite links in raw HTML).
"""

from __future__ import annotations

import json
import re
from collections import Counter
from collections.abc import Iterable

from communique.kinds import ACTOR, ARTICLE, STATEMENT, TREATY
from communique.schemas import codelist
from communique.site import svg
from communique.site.data import Record, SiteData
from communique.site.dictionary import codelist_page
from communique.site.escape import external_link, h, record_dir, rel, title

EXPLORER_DIR = f"{STATEMENT.folder}/"
EXPLORER_DATA = f"{STATEMENT.folder}/statements.json"
TIMELINE_PICTURE = "pictures/statements-timeline.svg"
TIMELINE_MAX_SPEAKERS = 40
SNIPPET_CHARS = 140
SEARCH_BOOST = 4
_PARAGRAPH = re.compile(r"\n[ \t]*\n\s*")
_QUOTES = str.maketrans({"“": '"', "”": '"', "„": '"', "«": '"', "»": '"', "‘": "'", "’": "'", "‚": "'"})


def _titles(file: str) -> dict[str, str]:
    return {row.code: row.title for row in codelist(file)}


KIND_TITLES = _titles("codelists/statement-kind.csv")
ROLE_TITLES = _titles("codelists/role.csv")
TOPIC_TITLES = _titles("codelists/topic.csv")
NOTE_TITLES = _titles("codelists/note-kind.csv")
EVENT_TITLES = _titles("codelists/treaty-event.csv")
STATUS_TITLES = _titles("codelists/treaty-status.csv")
ACTOR_KIND_TITLES = _titles("codelists/actor-kind.csv")
CERTAINTY_TITLES = _titles("codelists/certainty.csv")


def _snippet(text: str, limit: int = SNIPPET_CHARS) -> str:
    text = " ".join(text.split())
    return text if len(text) <= limit else text[: limit - 1].rstrip() + "…"


def page(page_title: str, body: Iterable[str], css: str, *, boost: int = 0) -> str:
    """A Markdown page: a safe title in front matter, then one raw HTML block with no blank line.

    ``boost`` ranks the page higher in the site's search (Material's ``search.boost``), so
    that searching a name finds the actor before the many statements quoting them.
    """
    lines = [line for line in "\n".join(body).splitlines() if line.strip()]
    search = f"search:\n  boost: {boost}\n" if boost else ""
    return (
        f"---\ntitle: {json.dumps(title(page_title), ensure_ascii=False)}\n{search}---\n\n"
        f'<div class="cq-record {css}">\n' + "\n".join(lines) + "\n</div>\n"
    )


class Pages:
    """Builds the record pages of one dataset; ``here`` is always the folder being written."""

    def __init__(self, data: SiteData) -> None:
        self.data = data
        dates = [s["date"] for s in data.statements.values()] + [a["published"] for a in data.articles.values()]
        self.horizon = max(dates) if dates else "2000-01-01"  # where periods still open are drawn to

    # links ---------------------------------------------------------------

    def link(self, here: str, folder: str, record_id: str, text: str) -> str:
        """A link to a record's page, or the bare text when the record does not exist."""
        known = {ACTOR.folder: self.data.actors, ARTICLE.folder: self.data.articles,
                 STATEMENT.folder: self.data.statements, TREATY.folder: self.data.treaties}[folder]
        if record_id not in known:
            return f'<span class="cq-missing" title="no such record">{h(text)}</span>'
        return f'<a href="{h(rel(here, record_dir(folder, record_id)))}">{h(text)}</a>'

    def actor(self, here: str, actor_id: str) -> str:
        return self.link(here, ACTOR.folder, actor_id, self.data.name(actor_id))

    def article(self, here: str, article_id: str) -> str:
        article = self.data.articles.get(article_id)
        return self.link(here, ARTICLE.folder, article_id, article["headline"] if article else article_id)

    def treaty(self, here: str, treaty_id: str) -> str:
        treaty = self.data.treaties.get(treaty_id)
        name = (treaty.get("short_name") or treaty["name"]) if treaty else treaty_id
        return self.link(here, TREATY.folder, treaty_id, name)

    def statement(self, here: str, statement: Record, text: str | None = None) -> str:
        return self.link(here, STATEMENT.folder, statement["id"], text or _snippet(statement["text"]))

    def code(self, here: str, file: str, titles: dict[str, str], value: str) -> str:
        """A coded value shown by its title, linked to its codelist's page."""
        href = rel(here, codelist_page(file)[: -len(".md")] + "/")
        shown = titles.get(value, value)
        return f'<a class="cq-code" href="{h(href)}" title="{h(value)}">{h(shown)}</a>'

    def topic(self, here: str, topic: str) -> str:
        """A topic, linked to the explorer filtered on it."""
        href = rel(here, EXPLORER_DIR) + "?topic=" + h(topic)
        return f'<a class="cq-topic" href="{h(href)}">{h(TOPIC_TITLES.get(topic, topic))}</a>'

    # shared blocks -------------------------------------------------------

    @staticmethod
    def meta(rows: Iterable[tuple[str, str | None]]) -> str:
        """A table of label / value rows; values are HTML already, labels are ours."""
        cells = [f"<tr><th>{label}</th><td>{value}</td></tr>" for label, value in rows if value]
        return '<table class="cq-meta">\n' + "\n".join(cells) + "\n</table>" if cells else ""

    @staticmethod
    def sources(sources: list[Record] | None) -> str:
        if not sources:
            return ""
        items = (f"<li>{external_link(s['url'], s.get('title') or s['url'])}</li>" for s in sources)
        return '<ul class="cq-sources">' + "".join(items) + "</ul>"

    def notes(self, here: str, notes: list[Record] | None) -> list[str]:
        if not notes:
            return []
        out = ["<h2>Curator’s notes</h2>", '<ul class="cq-notes">']
        for note in notes:
            kind = self.code(here, "codelists/note-kind.csv", NOTE_TITLES, note["kind"])
            field = f' on <code>{h(note["field"])}</code>' if note.get("field") else ""
            out.append(f"<li><strong>{kind}</strong>{field}: {h(note['text'])}{self.sources(note.get('sources'))}</li>")
        out.append("</ul>")
        return out

    def record_sources(self, record: Record) -> list[str]:
        return ["<h2>Sources</h2>", self.sources(record["sources"])] if record.get("sources") else []

    def statement_table(self, here: str, statements: list[Record], *, speaker: bool = True, article: bool = False) -> list[str]:
        head = ["Date"] + (["Speaker"] if speaker else []) + ["Kind", "Statement"] + (["Article"] if article else [])
        out = ['<table class="cq-list">', "<thead><tr>" + "".join(f"<th>{c}</th>" for c in head) + "</tr></thead>", "<tbody>"]
        for statement in statements:
            cells = [h(statement["date"])]
            if speaker:
                cells.append(self.actor(here, statement["speaker"]))
            cells.append(h(KIND_TITLES.get(statement["kind"], statement["kind"])))
            cells.append(self.statement(here, statement))
            if article:
                cells.append(self.article(here, statement["article"]))
            out.append("<tr>" + "".join(f"<td>{cell}</td>" for cell in cells) + "</tr>")
        out += ["</tbody>", "</table>"]
        return out

    # highlighting ----------------------------------------------------------

    @staticmethod
    def spans(body: str, statements: list[Record]) -> list[tuple[int, int, Record]]:
        """Where each statement's text is in the body, nested or apart (never crossing).

        Matched after folding curly quotes and runs of white space, as the validator does;
        a statement not found, or crossing one already placed, is not highlighted.
        """
        folded, index = [], []
        for position, char in enumerate(body.translate(_QUOTES)):
            if char.isspace():
                if folded and folded[-1] == " ":
                    continue
                char = " "
            folded.append(char)
            index.append(position)
        haystack = "".join(folded)
        found = []
        for statement in statements:
            needle = " ".join(statement["text"].translate(_QUOTES).split())
            at = haystack.find(needle) if needle else -1
            if at >= 0:
                found.append((index[at], index[at + len(needle) - 1] + 1, statement))
        found.sort(key=lambda span: (span[0], -span[1]))
        placed: list[tuple[int, int, Record]] = []
        for start, end, statement in found:
            if all(end <= s or start >= e or (s <= start and end <= e) or (start <= s and e <= end) for s, e, _ in placed):
                placed.append((start, end, statement))
        return placed

    def marked(self, here: str, body: str, spans: list[tuple[int, int, Record]], numbers: dict[str, int]) -> list[str]:
        """The body as paragraphs, each statement wrapped in a ``<mark>`` and followed by its link."""
        out = []
        cuts = [(m.start(), m.end()) for m in _PARAGRAPH.finditer(body)]
        starts = [0] + [end for _, end in cuts]
        ends = [start for start, _ in cuts] + [len(body)]
        for p_start, p_end in zip(starts, ends):
            inside = [(max(s, p_start), min(e, p_end), st, e <= p_end) for s, e, st in spans if s < p_end and e > p_start]
            if p_start == p_end:
                continue
            out.append("<p>" + self._render(here, body, p_start, p_end, inside, numbers) + "</p>")
        return out

    def _render(self, here: str, body: str, start: int, end: int, spans: list, numbers: dict[str, int]) -> str:
        """``body[start:end]`` escaped, with its (nested, never crossing) spans marked."""
        spans = sorted(spans, key=lambda span: (span[0], -span[1]))
        parts, cursor, i = [], start, 0
        while i < len(spans):
            s, e, statement, closes = spans[i]
            j = i + 1
            while j < len(spans) and spans[j][0] < e:  # the spans nested in this one follow it
                j += 1
            parts.append(h(body[cursor:s]))
            css = "cq-quote" if statement["kind"] == "quote" else "cq-paraphrase"
            label = f"{self.data.name(statement['speaker'])}, {KIND_TITLES.get(statement['kind'], statement['kind']).lower()}"
            parts.append(f'<mark class="{css}" title="{h(label)}">{self._render(here, body, s, e, spans[i + 1 : j], numbers)}</mark>')
            if closes:
                number = numbers[statement["id"]]
                parts.append(f'<sup class="cq-ref">{self.statement(here, statement, f"[{number}]")}</sup>')
            cursor, i = e, j
        parts.append(h(body[cursor:end]))
        return "".join(parts)

    # record pages ----------------------------------------------------------

    def article_page(self, article: Record) -> str:
        here = record_dir(ARTICLE.folder, article["id"])
        statements = self.data.by_article.get(article["id"], [])
        spans = self.spans(article["body"], statements)
        where = {span[2]["id"]: span[0] for span in spans}
        statements = sorted(statements, key=lambda s: (s["id"] not in where, where.get(s["id"], 0)))  # in reading order
        numbers = {statement["id"]: number for number, statement in enumerate(statements, 1)}
        original = article.get("original_publisher")
        body = [f"<h1>{h(article['headline'])}</h1>"]
        if article.get("subheadline"):
            body.append(f'<p class="cq-sub">{h(article["subheadline"])}</p>')
        body.append(self.meta([
            ("Publisher", self.actor(here, article["publisher"])),
            ("Original publisher", original and f"{self.actor(here, original['actor'])} ({h(CERTAINTY_TITLES.get(original['certainty'], original['certainty']).lower())})"),
            ("Published", h(article["published"])),
            ("Dateline", article.get("dateline") and h(article["dateline"])),
            ("Language", h(article["language"])),
            ("Found at", external_link(article["url"])),
            ("Record", f"<code>{h(article['id'])}</code>"),
        ]))
        body += [
            "<h2>Text</h2>",
            '<p class="cq-legend"><mark class="cq-quote">quote</mark> <mark class="cq-paraphrase">paraphrase</mark> '
            "curated statements, each followed by its number, linked to its page.</p>",
            '<div class="cq-body">', *self.marked(here, article["body"], spans, numbers), "</div>",
        ]
        if statements:
            body.append(f"<h2>Statements ({len(statements)})</h2>")
            body.append("<ol class=\"cq-statements\">")
            for statement in statements:
                note = "" if statement["id"] in where else ' <em>(not found in the text)</em>'
                body.append(
                    f"<li>{self.actor(here, statement['speaker'])}, {h(KIND_TITLES.get(statement['kind'], statement['kind']).lower())}: "
                    f"{self.statement(here, statement)}{note}</li>"
                )
            body.append("</ol>")
        removed = (article.get("capture") or {}).get("removed")
        if removed:
            body.append("<h2>Removed page furniture</h2>")
            body.append('<ul class="cq-removed">' + "".join(f"<li>{h(item)}</li>" for item in removed) + "</ul>")
        body += self.notes(here, article.get("notes")) + self.record_sources(article)
        return page(article["headline"], body, "cq-article")

    def statement_page(self, statement: Record) -> str:
        here = record_dir(STATEMENT.folder, statement["id"])
        speaker = self.data.name(statement["speaker"])
        kind = statement["kind"]
        heading = f"{speaker}: “{_snippet(statement['text'], 70)}”"
        body = [
            f"<h1>{h(heading)}</h1>",
            f'<blockquote class="cq-{"quote" if kind == "quote" else "paraphrase"}"><p>{h(statement["text"])}</p></blockquote>',
            self.meta([
                ("Speaker", self.actor(here, statement["speaker"])),
                ("As", statement.get("speaker_role") and self.code(here, "codelists/role.csv", ROLE_TITLES, statement["speaker_role"])),
                ("Kind", self.code(here, "codelists/statement-kind.csv", KIND_TITLES, kind)),
                ("Date", h(statement["date"])),
                ("Place", statement.get("place") and h(statement["place"])),
                ("Occasion", statement.get("occasion") and h(statement["occasion"])),
                ("Attribution", statement.get("attribution") and f"“{h(statement['attribution'])}”"),
                ("Original language", statement.get("original_language") and h(statement["original_language"])),
                ("Topics", ", ".join(self.topic(here, t) for t in statement.get("topics", ()))),
                ("Mentions", ", ".join(self.actor(here, a) for a in statement.get("mentions", ()))),
                ("Treaties", ", ".join(self.treaty(here, t) for t in statement.get("treaties", ()))),
                ("Article", self.article(here, statement["article"])),
                ("Record", f"<code>{h(statement['id'])}</code>"),
            ]),
        ]
        article = self.data.articles.get(statement["article"])
        if article:
            spans = self.spans(article["body"], [statement])
            if spans:
                start, end, _ = spans[0]
                body.append("<h2>In context</h2>")
                cuts = [0] + [m.end() for m in _PARAGRAPH.finditer(article["body"])] + [len(article["body"])]
                first = max(c for c in cuts if c <= start)
                last = min(c for c in cuts if c >= end)
                excerpt = article["body"][first:last].strip()
                offset = first + (len(article["body"][first:last]) - len(article["body"][first:last].lstrip()))
                local = [(start - offset, end - offset, statement)]
                body += ['<div class="cq-body cq-context">', *self.marked(here, excerpt, local, {statement["id"]: 1}), "</div>"]
            siblings = [s for s in self.data.by_article.get(statement["article"], []) if s["id"] != statement["id"]]
            if siblings:
                body.append("<h2>Other statements in the article</h2>")
                body += self.statement_table(here, siblings)
        body += self.notes(here, statement.get("notes")) + self.record_sources(statement)
        return page(heading, body, "cq-statement")

    def actor_page(self, actor: Record) -> str:
        here = record_dir(ACTOR.folder, actor["id"])
        statements = self.data.by_speaker.get(actor["id"], [])
        wikidata = actor.get("wikidata")
        body = [f"<h1>{h(actor['name'])}</h1>"]
        if actor.get("description"):
            body.append(f'<p class="cq-sub">{h(actor["description"])}</p>')
        body.append(self.meta([
            ("Kind", self.code(here, "codelists/actor-kind.csv", ACTOR_KIND_TITLES, actor["kind"])),
            ("Also called", ", ".join(h(alias) for alias in actor.get("aliases", ()))),
            ("Country", actor.get("country") and h(actor["country"])),
            ("Wikidata", wikidata and external_link(f"https://www.wikidata.org/wiki/{wikidata}", wikidata)),
            ("Statements", str(len(statements))),
            ("Record", f"<code>{h(actor['id'])}</code>"),
        ]))
        roles = actor.get("roles", [])
        if roles:
            body += ["<h2>Roles</h2>", '<table class="cq-list">',
                     "<thead><tr><th>From</th><th>To</th><th>Office</th><th>Of</th><th>Role</th><th>Sources</th></tr></thead><tbody>"]
            for role in sorted(roles, key=lambda r: r["start"]):
                body.append(
                    f"<tr><td>{h(role['start'])}</td><td>{h(role.get('end', 'in office'))}</td><td>{h(role['title'])}</td>"
                    f"<td>{self.actor(here, role['of']) if role.get('of') else ''}</td>"
                    f"<td>{self.code(here, 'codelists/role.csv', ROLE_TITLES, role['role'])}</td><td>{self.sources(role.get('sources'))}</td></tr>"
                )
            body += ["</tbody>", "</table>"]
        if statements or roles:
            body += ["<h2>Timeline</h2>",
                     f'<p><img class="cq-picture" src="timeline.svg" alt="Timeline of the roles and statements of {h(actor["name"])}"></p>']
        if statements:
            body.append(f"<h2>Statements ({len(statements)})</h2>")
            body += self.statement_table(here, statements, speaker=False, article=True)
        published = self.data.by_publisher.get(actor["id"], [])
        if published:
            body.append(f"<h2>Articles published ({len(published)})</h2>")
            body.append("<ul>" + "".join(f"<li>{h(a['published'])}: {self.article(here, a['id'])}</li>" for a in published) + "</ul>")
        treaties = [t for t in self.data.treaties.values() if actor["id"] in t["parties"]]
        if treaties:
            body.append("<h2>Party to</h2>")
            body.append("<ul>" + "".join(f"<li>{self.treaty(here, t['id'])}</li>" for t in treaties) + "</ul>")
        body += self.notes(here, actor.get("notes")) + self.record_sources(actor)
        return page(actor["name"], body, "cq-actor", boost=SEARCH_BOOST)

    def actor_picture(self, actor: Record) -> str:
        rows = [
            svg.Row(role["title"], bars=[svg.Bar(svg.day(role["start"]), svg.day(role.get("end") or self.horizon), "role",
                                                   f"{role['title']}: {role['start']} to {role.get('end', 'now')}")])
            for role in sorted(actor.get("roles", []), key=lambda r: r["start"])
        ]
        statements = self.data.by_speaker.get(actor["id"], [])
        if statements:
            rows.append(svg.Row("Statements", marks=self._marks(statements)))
        return svg.chart(rows, title=f"{actor['name']}: roles and statements", legend={"quote": "quote", "paraphrase": "paraphrase"} if statements else None)

    def treaty_page(self, treaty: Record) -> str:
        here = record_dir(TREATY.folder, treaty["id"])
        statements = self.data.by_treaty.get(treaty["id"], [])
        wikidata = treaty.get("wikidata")
        status = self.code(here, "codelists/treaty-status.csv", STATUS_TITLES, treaty["status"])
        if treaty.get("status_date"):
            status += f" (as of {h(treaty['status_date'])})"
        body = [f"<h1>{h(treaty.get('short_name') or treaty['name'])}</h1>", f'<p class="cq-sub">{h(treaty["name"])}</p>']
        body.append(self.meta([
            ("Also called", ", ".join(h(alias) for alias in treaty.get("aliases", ()))),
            ("Parties", ", ".join(self.actor(here, party) for party in treaty["parties"])),
            ("Signed", h(treaty["signed"]) + (f", {h(treaty['signed_place'])}" if treaty.get("signed_place") else "")),
            ("In force", h(treaty["in_force"])),
            ("Expires", h(treaty["expires"])),
            ("Status", status),
            ("Wikidata", wikidata and external_link(f"https://www.wikidata.org/wiki/{wikidata}", wikidata)),
            ("Record", f"<code>{h(treaty['id'])}</code>"),
        ]))
        body += ["<h2>Lifecycle</h2>",
                 f'<p><img class="cq-picture" src="lifecycle.svg" alt="Lifecycle chart of {h(treaty.get("short_name") or treaty["name"])}"></p>']
        events = sorted(treaty.get("lifecycle", []), key=lambda e: e["date"])
        if events:
            body += ['<table class="cq-list">', "<thead><tr><th>Date</th><th>Event</th><th>By</th><th>What happened</th></tr></thead><tbody>"]
            for event in events:
                until = f" Until {h(event['until'])}." if event.get("until") else ""
                body.append(
                    f"<tr><td>{h(event['date'])}</td><td>{self.code(here, 'codelists/treaty-event.csv', EVENT_TITLES, event['event'])}</td>"
                    f"<td>{self.actor(here, event['by']) if event.get('by') else ''}</td>"
                    f"<td>{h(event['description'])}{until}{self.sources(event.get('sources'))}</td></tr>"
                )
            body += ["</tbody>", "</table>"]
        if statements:
            body.append(f"<h2>Statements about it ({len(statements)})</h2>")
            body += self.statement_table(here, statements, article=True)
        body += self.notes(here, treaty.get("notes")) + self.record_sources(treaty)
        return page(treaty.get("short_name") or treaty["name"], body, "cq-treaty", boost=SEARCH_BOOST)

    def treaty_picture(self, treaty: Record) -> str:
        """Phases (signed, in force, suspended) on the first row, one row per lifecycle event."""
        events = sorted(treaty.get("lifecycle", []), key=lambda e: e["date"])
        signed, in_force, expires = (svg.day(treaty[key]) for key in ("signed", "in_force", "expires"))
        ended = [svg.day(e["date"]) for e in events if e["event"] in ("terminated", "withdrawn", "expired")]
        end = min(ended) if ended else expires
        phases = [svg.Bar(signed, in_force, "signed", "signed"), svg.Bar(in_force, end, "in-force", "in force")]
        suspended = [svg.day(e["date"]) for e in events if e["event"] == "suspended"]
        if suspended:
            phases.append(svg.Bar(min(suspended), end, "suspended", "suspended"))
        rows = [svg.Row(treaty.get("short_name") or treaty["name"], bars=phases)]
        for event in events:
            label = EVENT_TITLES.get(event["event"], event["event"])
            who = f" by {self.data.name(event['by'])}" if event.get("by") else ""
            rows.append(svg.Row(f"{event['date']} {label}", marks=[svg.Mark(svg.day(event["date"]), "event", f"{label}{who}: {event['description']}")]))
        if not events:
            rows.append(svg.Row(f"Expires {treaty['expires']}", marks=[svg.Mark(expires, "event", "expiry date")]))
        return svg.chart(rows, title=f"{treaty.get('short_name') or treaty['name']}: lifecycle",
                         legend={"signed": "signed", "in-force": "in force", "suspended": "suspended"})

    # pictures and indexes ------------------------------------------------------

    def _marks(self, statements: list[Record]) -> list[svg.Mark]:
        counts = Counter((s["date"], s["kind"]) for s in statements)
        return [svg.Mark(svg.day(date), kind, f"{date}: {count} {KIND_TITLES.get(kind, kind).lower()}{'s' if count > 1 else ''}", count)
                for (date, kind), count in sorted(counts.items())]

    def timeline_picture(self) -> str:
        speakers = sorted(self.data.by_speaker, key=lambda a: (-len(self.data.by_speaker[a]), self.data.name(a)))
        shown = sorted(speakers[:TIMELINE_MAX_SPEAKERS], key=lambda a: (self.data.by_speaker[a][0]["date"], self.data.name(a)))
        rows = [svg.Row(self.data.name(a), marks=self._marks(self.data.by_speaker[a])) for a in shown]
        extra = f" ({TIMELINE_MAX_SPEAKERS} most quoted of {len(speakers)} speakers)" if len(speakers) > TIMELINE_MAX_SPEAKERS else ""
        return svg.chart(rows, title=f"Statements by speaker{extra}", legend={"quote": "quote", "paraphrase": "paraphrase"})

    def explorer_data(self) -> str:
        """The statements as JSON for the explorer's script (which only ever sets textContent)."""
        rows = [
            {"id": s["id"], "date": s["date"], "speaker": s["speaker"], "kind": s["kind"],
             "topics": s.get("topics", []), "text": s["text"], "article": s["article"]}
            for s in sorted(self.data.statements.values(), key=lambda s: (s["date"], s["id"]))
        ]
        speakers = {a: self.data.name(a) for a in sorted(self.data.by_speaker)}
        return json.dumps({"speakers": speakers, "kinds": KIND_TITLES, "topics": TOPIC_TITLES, "statements": rows},
                          ensure_ascii=False, separators=(",", ":"))

    def articles_index(self) -> str:
        here = f"{ARTICLE.folder}/"
        rows = [
            f"<tr><td>{h(a['published'])}</td><td>{self.article(here, a['id'])}</td><td>{self.actor(here, a['publisher'])}</td>"
            f"<td>{len(self.data.by_article.get(a['id'], []))}</td></tr>"
            for a in sorted(self.data.articles.values(), key=lambda a: (a["published"], a["id"]))
        ]
        return _index("Articles", f"{len(rows)} articles, each with its text and its curated statements highlighted.",
                      ["Published", "Headline", "Publisher", "Statements"], rows)

    def actors_index(self) -> str:
        here = f"{ACTOR.folder}/"
        rows = [
            f"<tr><td>{self.actor(here, a['id'])}</td><td>{h(ACTOR_KIND_TITLES.get(a['kind'], a['kind']))}</td>"
            f"<td>{h(a.get('description', ''))}</td><td>{len(self.data.by_speaker.get(a['id'], []))}</td></tr>"
            for a in sorted(self.data.actors.values(), key=lambda a: (a["name"].casefold(), a["id"]))
        ]
        return _index("Actors", f"{len(rows)} people, organizations and states that speak, publish, are named or are party to a treaty.",
                      ["Name", "Kind", "Description", "Statements"], rows)

    def treaties_index(self) -> str:
        here = f"{TREATY.folder}/"
        rows = [
            f"<tr><td>{self.treaty(here, t['id'])}</td><td>{', '.join(self.actor(here, p) for p in t['parties'])}</td>"
            f"<td>{h(t['signed'])}</td><td>{h(t['expires'])}</td><td>{h(STATUS_TITLES.get(t['status'], t['status']))}</td>"
            f"<td>{len(self.data.by_treaty.get(t['id'], []))}</td></tr>"
            for t in sorted(self.data.treaties.values(), key=lambda t: (t["signed"], t["id"]))
        ]
        return _index("Treaties", f"{len(rows)} treaties, each with its lifecycle and the statements about it.",
                      ["Treaty", "Parties", "Signed", "Expires", "Status", "Statements"], rows)


def _index(heading: str, intro: str, columns: list[str], rows: list[str]) -> str:
    head = "".join(f"<th>{column}</th>" for column in columns)
    return (f"# {heading}\n\n{intro}\n\n" '<table class="cq-list">\n'
            f"<thead><tr>{head}</tr></thead>\n<tbody>\n" + "\n".join(rows) + "\n</tbody>\n</table>\n")


def record_files(data: SiteData) -> tuple[dict[str, str], set[str]]:
    """Every record page, picture and index page by docs path; and which pages stay out of the nav."""
    pages = Pages(data)
    out: dict[str, str] = {}
    unlisted: set[str] = set()
    for kind, records, render in (
        (ARTICLE, data.articles, pages.article_page),
        (ACTOR, data.actors, pages.actor_page),
        (STATEMENT, data.statements, pages.statement_page),
        (TREATY, data.treaties, pages.treaty_page),
    ):
        for record_id, record in records.items():
            folder = record_dir(kind.folder, record_id)
            out[folder + "index.md"] = render(record)
            unlisted.add(folder + "index.md")
            if kind is ACTOR and (record.get("roles") or data.by_speaker.get(record_id)):
                out[folder + "timeline.svg"] = pages.actor_picture(record)
            if kind is TREATY:
                out[folder + "lifecycle.svg"] = pages.treaty_picture(record)
    out[f"{ARTICLE.folder}/index.md"] = pages.articles_index()
    out[f"{ACTOR.folder}/index.md"] = pages.actors_index()
    out[f"{TREATY.folder}/index.md"] = pages.treaties_index()
    out[EXPLORER_DATA] = pages.explorer_data()
    out[TIMELINE_PICTURE] = pages.timeline_picture()
    return out, unlisted

