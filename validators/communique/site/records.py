"""A page for every record, index pages linking them, and the charts drawn in them.

Pages are HTML rendered by the templates in ``templates/`` (:mod:`communique.site.render`,
autoescape on); Python builds only values and views. Every field of a record is shown
from the schema walker (:mod:`communique.site.views`); a kind's template lays out apart
only the fields where layout matters (a headline, an article's body with its statements
marked, a statement's words). Links are written relative to where each page is served
(folders: ``articles/<id>/``), since MkDocs does not rewrite links in generated HTML.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from urllib.parse import urlencode

from communique.kinds import ACTOR, ARTICLE, EVENT, STATEMENT, TREATY, Kind
from communique.site import explorer, highlight, svg, threads
from communique.site.data import PART_ORDER, Record, SiteData
from communique.site.escape import record_dir, rel, title
from communique.site.render import forget_views, render
from communique.site.text import plural, shorten
from communique.site.views import View, Viewer, codelist_titles, listed

EXPLORER_DIR = f"{STATEMENT.folder}/"
EXPLORER_DATA = f"{STATEMENT.folder}/statements.json"
TIMELINE_MAX_SPEAKERS = 20  # the timeline page's charts keep it under 200 kB of HTML at 100,000 records
TIMELINE_MAX_TREATIES = 20
MONTHS_FROM_DAYS = 730  # a timeline spanning more days groups its statements by month
SNIPPET_CHARS = 140
TIP_CHARS = 90
SEARCH_BOOST = 4
INDEX_ROWS = 250  # an index page of 250 records stays under 200 kB of HTML
INDEX_PAGE = "_page-"
# The fields of schema 1.1 the explorer filters by, as its one-file data names them (only when a statement has them).
EXPLORER_FIELDS = {"event": "event", "act": "speech_act", "addressees": "addressees"}
LISTED_STATEMENTS = 100  # a record page lists the latest ones; the explorer shows them all
ARTICLE_PART_WEIGHT = 90_000  # a long article's body in parts: a transcript's pages stay under 200 kB of HTML
STATEMENT_WEIGHT = 600  # what a statement marked in a body adds to its part's HTML, in characters
ARTICLE_PART = "--part-"

KIND_TITLES = codelist_titles("codelists/statement-kind.csv")
EVENT_TITLES = codelist_titles("codelists/treaty-event.csv")
STATUS_TITLES = codelist_titles("codelists/treaty-status.csv")
ACTOR_KIND_TITLES = codelist_titles("codelists/actor-kind.csv")
TOPIC_TITLES = codelist_titles("codelists/topic.csv")
EVENT_KIND_TITLES = codelist_titles("codelists/event-kind.csv")
SPEECH_ACT_TITLES = codelist_titles("codelists/speech-act.csv")
RESPONSE_TITLES = codelist_titles("codelists/response.csv")
PART_TITLES = codelist_titles("codelists/participant-part.csv")

# The fields each kind's template lays out itself; every other field is shown from the schema.
APART = {
    ARTICLE.name: ("headline", "subheadline", "body"),
    ACTOR.name: ("name", "description"),
    STATEMENT.name: ("text",),
    TREATY.name: ("name", "short_name"),
    EVENT.name: ("name", "description"),
}


@dataclass(frozen=True)
class HtmlPage:
    """A generated page: its title (free of every character HTML treats specially, see
    :func:`~communique.site.escape.title`), its HTML, its rank in the site's search, and
    whether that search may hold it at all (the index is loaded whole by every reader's browser:
    :mod:`communique.site.recordsearch` keeps the most cited, by ``rank``)."""

    title: str
    html: str
    boost: int = 0
    indexed: bool = True  # in the site's search; statements are searched in the explorer instead
    rank: int = 0  # how many statements the record has: the most cited are found first


def _text(value: object) -> View:
    return View("text", text=str(value))


def _date(value: object) -> View:
    return View("date", text=str(value))


class Pages:
    """Builds the pages of one dataset."""

    def __init__(self, data: SiteData) -> None:
        self.data = data
        dates = [s["date"] for s in data.statements.values()] + [a["published"] for a in data.articles.values()]
        self.horizon = max(dates) if dates else "2000-01-01"  # where periods still open are drawn to
        self.names = {
            ARTICLE.name: {key: a["headline"] for key, a in data.articles.items()},
            ACTOR.name: {key: a["name"] for key, a in data.actors.items()},
            STATEMENT.name: {key: shorten(s["text"], SNIPPET_CHARS) for key, s in data.statements.items()},
            TREATY.name: {key: t.get("short_name") or t["name"] for key, t in data.treaties.items()},
            EVENT.name: {key: e["name"] for key, e in data.events.items()},
        }
        self._shown_body: tuple[str | None, tuple[str, list[int]]] = (None, ("", []))  # the last article's, see _body

    def viewer(self, here: str) -> Viewer:
        return Viewer(self.names, here)

    def _record(self, kind: Kind, record: Record, template: str, **context: object) -> str:
        here = record_dir(kind.folder, record["id"])
        facts, sections = self.viewer(here).record(kind.name, record, APART[kind.name])
        return render(template, kind=kind.name, record=record, fact_rows=facts, section_rows=sections, **context)

    def statement_rows(self, here: str, statements: list[Record], *, speaker: bool = True, article: bool = False) -> tuple[list[str], list[tuple[View, ...]]]:
        """Columns and rows of a table of statements."""
        viewer = self.viewer(here)
        columns = ["Date"] + (["Speaker"] if speaker else []) + ["Kind", "Statement"] + (["Article"] if article else [])
        rows = []
        for statement in statements:
            cells = [_date(statement["date"])]
            if speaker:
                cells.append(viewer.link(ACTOR.name, statement["speaker"]))
            cells.append(_text(KIND_TITLES.get(statement["kind"], statement["kind"])))
            cells.append(viewer.link(STATEMENT.name, statement["id"]))
            if article:
                cells.append(viewer.link(ARTICLE.name, statement["article"]))
            rows.append(tuple(cells))
        return columns, rows

    def _refs(self, here: str, statements: list[Record]) -> dict[str, dict[str, object]]:
        """For each statement marked in a body: its number, the link to its page, its label."""
        return {
            statement["id"]: {
                "number": number,
                "href": rel(here, record_dir(STATEMENT.folder, statement["id"])),
                "label": f"{self.data.name(statement['speaker'])}, {KIND_TITLES.get(statement['kind'], statement['kind']).lower()}",
            }
            for number, statement in enumerate(statements, 1)
        }

    # record pages ----------------------------------------------------------

    def article_pages(self, article: Record) -> dict[str, HtmlPage]:
        """An article's page by docs path; a long body (a transcript) in parts of about
        ARTICLE_PART_WEIGHT, each with the statements that end in it: ``articles/<id>/``, then
        ``articles/<id>--part-<n>/`` (two hyphens, which no id holds)."""
        folder = record_dir(ARTICLE.folder, article["id"])
        viewer = self.viewer(folder)  # every part is a folder beside the first: the same links
        body = highlight.shown(article["body"])
        statements = self.data.by_article.get(article["id"], [])
        left_out = self._not_curated(article)
        placed = highlight.spans(body, statements + left_out)
        heads = {part: highlight.shown(article[part]) for part in highlight.HEADS if part in article}
        in_heads = {part: highlight.spans(text, statements + left_out, part) for part, text in heads.items()}
        where = {span[2]["id"]: (PART_ORDER[part], span[0]) for part, spans in [*in_heads.items(), ("body", placed)] for span in spans}
        statements = sorted(statements, key=lambda s: (s["id"] not in where, where.get(s["id"], (0, 0))))  # in reading order
        headings = {part: tuple(piece for paragraph in highlight.paragraphs(text, in_heads[part]) for piece in paragraph)
                    for part, text in heads.items()}
        reading = {
            s["id"]: {"speaker": viewer.link(ACTOR.name, s["speaker"]), "kind": KIND_TITLES.get(s["kind"], s["kind"]).lower(),
                      "link": viewer.link(STATEMENT.name, s["id"]), "placed": s["id"] in where}
            for s in statements
        }
        refs = self._refs(folder, statements) | {
            item["id"]: {"number": f"not curated {number}", "href": "#not_curated", "label": f"Not curated: {item['reason']}"}
            for number, item in enumerate(left_out, 1)}
        parts = _parts(highlight.paragraphs(body, placed))
        folders = [folder] + [f"{ARTICLE.folder}/{article['id']}{ARTICLE_PART}{n}/" for n in range(2, len(parts) + 1)]
        above = [s["id"] for s in statements if s["id"] in where and where[s["id"]][0] < PART_ORDER["body"]]  # in the headline or subheadline
        unplaced = [s["id"] for s in statements if s["id"] not in where]
        out = {}
        for number, (here, (paragraphs, ending)) in enumerate(zip(folders, parts), 1):
            part = {"number": number, "count": len(parts),
                    "previous": rel(here, folders[number - 2]) if number > 1 else None,
                    "next": rel(here, folders[number]) if number < len(parts) else None}
            ids = above + ending + unplaced if number == 1 else ending
            listed_here = [reading[i] for i in ids if i in reading]  # not the passages left out, nor a partial quote's words
            context = {"paragraphs": paragraphs, "refs": refs, "statements": listed_here, "part": part, "headings": headings,
                       "left_out": bool(left_out)}
            if number == 1:
                html = self._record(ARTICLE, article, "article.html", **context)
                out[here + "index.md"] = HtmlPage(title(article["headline"]), html, rank=len(statements))
            else:
                html = render("article.html", kind=ARTICLE.name, record=article, fact_rows=[], section_rows=[], **context)
                out[here + "index.md"] = HtmlPage(title(f"{article['headline']} (part {number})"), html, indexed=False)
        return out

    def statement_page(self, statement: Record) -> HtmlPage:
        """A statement with its context; its neighbours in the article, not all its siblings
        (a long transcript holds thousands: listing them all on every page is quadratic)."""
        here = record_dir(STATEMENT.folder, statement["id"])
        viewer = self.viewer(here)
        heading = f"{self.data.name(statement['speaker'])}: “{shorten(statement['text'], 70)}”"
        context, around = [], None
        article = self.data.articles.get(statement["article"])
        if article:
            part = statement.get("selector", {}).get("part")
            if part in highlight.HEADS and part in article:  # where its selector puts it: the headline or subheadline
                text, text_cuts = highlight.shown(article[part]), None
            else:
                part, (text, text_cuts) = "body", self._body(article["id"])
            placed = highlight.spans(text, [statement], part)
            if placed:
                excerpt, local = highlight.context(text, placed[0], text_cuts, placed[1:])
                context = highlight.paragraphs(excerpt, local)
            siblings = self.data.by_article.get(statement["article"], [])
            index = self.data.position[statement["id"]]
            around = {
                "count": plural(len(siblings), "statement"), "number": index + 1,
                "article": viewer.link(ARTICLE.name, statement["article"]),
                "previous": viewer.link(STATEMENT.name, siblings[index - 1]["id"]) if index > 0 else None,
                "next": viewer.link(STATEMENT.name, siblings[index + 1]["id"]) if index + 1 < len(siblings) else None,
            }
        html = self._record(STATEMENT, statement, "statement.html", heading=heading, context=context,
                            refs=self._refs(here, [statement]), around=around, thread=self.thread_rows(here, statement))
        return HtmlPage(title(heading), html, indexed=False)

    @staticmethod
    def _not_curated(article: Record) -> list[Record]:
        """The article's passages left out on purpose, shaped as statements for the highlighter; their
        ids start with "#", which no record id holds."""
        return [{"id": f"#not-curated-{number}", "kind": "not-curated", "text": item["selector"]["exact"],
                 "selector": item["selector"], "reason": item["reason"]}
                for number, item in enumerate(article.get("not_curated", ()), 1)]

    def thread_rows(self, here: str, statement: Record) -> dict[str, object] | None:
        """The exchange the statement is part of (:mod:`communique.site.threads`), as rows to indent."""
        found = threads.thread(self.data, statement)
        if found is None:
            return None
        viewer = self.viewer(here)
        rows = [{"depth": post.depth, "current": post.statement["id"] == statement["id"],
                 "relation": RESPONSE_TITLES.get(post.relation, post.relation).lower() if post.relation else None,
                 "speaker": viewer.link(ACTOR.name, post.statement["speaker"]), "date": _date(post.statement["date"]),
                 "link": viewer.link(STATEMENT.name, post.statement["id"])}
                for post in found.posts]
        return {"rows": rows, "cut": found.cut}

    def _body(self, article_id: str) -> tuple[str, list[int]]:
        """An article's body as shown, and its paragraphs' cuts: found once for all its statements."""
        if self._shown_body[0] != article_id:
            body = highlight.shown(self.data.articles[article_id]["body"])
            self._shown_body = (article_id, (body, highlight.cuts(body)))
        return self._shown_body[1]

    def _all_in_explorer(self, here: str, statements: list[Record], **filters: str) -> dict[str, object]:
        """How many statements a page lists (the latest, at most LISTED_STATEMENTS) and the
        explorer's view of them all: a speaker's page stays small whatever they said."""
        return {"total": len(statements), "listed": min(len(statements), LISTED_STATEMENTS),
                "href": rel(here, EXPLORER_DIR) + "?" + urlencode(filters | {"sort": "-date"})}

    def actor_page(self, actor: Record) -> HtmlPage:
        here = record_dir(ACTOR.folder, actor["id"])
        viewer = self.viewer(here)
        statements = self.data.by_speaker.get(actor["id"], [])
        columns, rows = self.statement_rows(here, statements[-LISTED_STATEMENTS:][::-1], speaker=False, article=True)
        published = [(_date(a["published"]), viewer.link(ARTICLE.name, a["id"])) for a in self.data.by_publisher.get(actor["id"], [])]
        treaties = [viewer.link(TREATY.name, t["id"]) for t in self.data.by_party.get(actor["id"], [])]
        picture = self.actor_chart(actor, here) if actor.get("roles") or statements else None
        html = self._record(ACTOR, actor, "actor.html", picture=picture, every=self._all_in_explorer(here, statements, speaker=actor["id"]),
                            statements=rows, statement_columns=columns, published=published, treaties=treaties,
                            **self._actor_events(here, actor))
        return HtmlPage(title(actor["name"]), html, SEARCH_BOOST, rank=len(statements))

    def _actor_events(self, here: str, actor: Record) -> dict[str, object]:
        """The events an actor took part in (with its part), and the statements addressed to it, in the explorer."""
        viewer = self.viewer(here)
        events = [(_date(e["start"]), viewer.link(EVENT.name, e["id"]), PART_TITLES.get(part, part).lower())
                  for part, e in self.data.by_participant.get(actor["id"], [])]
        count = self.data.addressed.get(actor["id"], 0)
        addressed = {"count": plural(count, "statement"), "href": rel(here, EXPLORER_DIR) + "?" + urlencode({"addressee": actor["id"]})}
        return {"events": events, "addressed": addressed if count else None}

    def treaty_page(self, treaty: Record) -> HtmlPage:
        here = record_dir(TREATY.folder, treaty["id"])
        statements = self.data.by_treaty.get(treaty["id"], [])
        columns, rows = self.statement_rows(here, statements[-LISTED_STATEMENTS:][::-1], article=True)
        html = self._record(TREATY, treaty, "treaty.html", statements=rows, statement_columns=columns,
                            every=self._all_in_explorer(here, statements, treaty=treaty["id"]),
                            picture=self.treaty_chart(treaty, here))
        return HtmlPage(title(treaty.get("short_name") or treaty["name"]), html, SEARCH_BOOST, rank=len(statements))

    def event_page(self, event: Record) -> HtmlPage:
        """An event: its participants (from the schema), its statements in the order they were
        said (:meth:`SiteData.said_order`), the events within it."""
        here = record_dir(EVENT.folder, event["id"])
        viewer = self.viewer(here)
        statements = self.data.by_event.get(event["id"], [])
        columns = ["#", "Speaker", "Speech act", "Statement", "Article"]
        rows = [(_text(number), viewer.link(ACTOR.name, s["speaker"]),
                 _text(SPEECH_ACT_TITLES.get(s["speech_act"], s["speech_act"]) if "speech_act" in s else ""),
                 viewer.link(STATEMENT.name, s["id"]), viewer.link(ARTICLE.name, s["article"]))
                for number, s in enumerate(statements[:LISTED_STATEMENTS], 1)]
        within = [(_date(e["start"]), viewer.link(EVENT.name, e["id"])) for e in self.data.sub_events.get(event["id"], [])]
        every = {"total": len(statements), "listed": len(rows),
                 "href": rel(here, EXPLORER_DIR) + "?" + urlencode({"event": event["id"]})}
        html = self._record(EVENT, event, "event.html", statements=rows, statement_columns=columns, every=every, within=within)
        return HtmlPage(title(event["name"]), html, SEARCH_BOOST, rank=len(statements))

    # charts ----------------------------------------------------------------

    def actor_chart(self, actor: Record, here: str) -> svg.Chart:
        roles_at = rel(here, record_dir(ACTOR.folder, actor["id"])) + "#roles"
        rows = [
            svg.Row(role["title"], bars=[svg.Bar(svg.day(role["start"]), svg.day(role.get("end") or self.horizon), "role",
                                                   f"{role['title']}: {role['start']} to {role.get('end', 'now')}", roles_at)])
            for role in sorted(actor.get("roles", []), key=lambda r: r["start"])
        ]
        statements = self.data.by_speaker.get(actor["id"], [])
        if statements:
            rows.append(svg.Row("Statements", marks=self._marks(statements, here)))
        return svg.chart(rows, title=f"{actor['name']}: roles and statements", legend=self._legend(statements))

    def treaty_chart(self, treaty: Record, here: str) -> svg.Chart:
        """Phases (signed, in force, suspended) on the first row, one row per lifecycle event;
        each links to the treaty's lifecycle table."""
        at = rel(here, record_dir(TREATY.folder, treaty["id"])) + "#lifecycle"
        events = sorted(treaty.get("lifecycle", []), key=lambda e: e["date"])
        rows = [svg.Row(treaty.get("short_name") or treaty["name"], bars=self._phases(treaty, at))]
        for event in events:
            label = EVENT_TITLES.get(event["event"], event["event"])
            who = f" by {self.data.name(event['by'])}" if event.get("by") else ""
            tip = shorten(f"{event['date']}, {label}{who}: {event['description']}", TIP_CHARS)
            rows.append(svg.Row(f"{event['date']} {label}", marks=[svg.Mark(svg.day(event["date"]), "event", tip, href=at)]))
        if not events and "expires" in treaty:
            rows.append(svg.Row(f"Expires {treaty['expires']}", marks=[svg.Mark(svg.day(treaty["expires"]), "event", f"{treaty['expires']}: expiry date", href=at)]))
        return svg.chart(rows, title=f"{treaty.get('short_name') or treaty['name']}: lifecycle",
                         legend={"signed": "signed", "in-force": "in force", "suspended": "suspended"})

    def _phases(self, treaty: Record, href: str) -> list[svg.Bar]:
        """Signed, in force (to its end or expiry), suspended: bars linking to ``href``. A treaty
        not (yet) in force is signed to its end; one of unlimited duration runs to the horizon."""
        events = treaty.get("lifecycle", [])
        signed = svg.day(treaty["signed"])
        ended = [svg.day(e["date"]) for e in events if e["event"] in ("terminated", "withdrawn", "expired")]
        end = max(signed, min(ended) if ended else svg.day(treaty.get("expires") or max(self.horizon, treaty["signed"])))
        if "in_force" not in treaty:
            return [svg.Bar(signed, end, "signed", "signed", href)]
        in_force = svg.day(treaty["in_force"])
        phases = [svg.Bar(signed, in_force, "signed", "signed", href), svg.Bar(in_force, max(in_force, end), "in-force", "in force", href)]
        suspended = [svg.day(e["date"]) for e in events if e["event"] == "suspended"]
        if suspended:
            phases.append(svg.Bar(min(suspended), end, "suspended", "suspended", href))
        return phases

    def _legend(self, statements: list[Record]) -> dict[str, str] | None:
        kinds = sorted({s["kind"] for s in statements})
        return {kind: KIND_TITLES.get(kind, kind).lower() for kind in kinds} or None

    def _marks(self, statements: list[Record], here: str, *, months: bool = False) -> list[svg.Mark]:
        """A mark per speaker, day (or month) and kind: a link to the statement, or to the
        explorer showing the statements it stands for."""
        groups: dict[tuple[str, str], list[Record]] = {}
        for statement in statements:
            groups.setdefault((statement["date"][:7] if months else statement["date"], statement["kind"]), []).append(statement)
        marks = []
        for (date, kind), group in sorted(groups.items()):
            kind_title = KIND_TITLES.get(kind, kind).lower()
            name = self.data.name(group[0]["speaker"])
            if len(group) == 1:
                href = rel(here, record_dir(STATEMENT.folder, group[0]["id"]))
                label = shorten(f"{group[0]['date']}, {name}, {kind_title}: “{' '.join(group[0]['text'].split())}”", TIP_CHARS)
            else:
                query = urlencode({"speaker": group[0]["speaker"], "kind": kind, "from": date, "to": date})
                href = rel(here, EXPLORER_DIR) + "?" + query
                label = f"{date}, {name}: {len(group)} {kind_title}s"
            marks.append(svg.Mark(svg.day(group[0]["date"] if len(group) == 1 else date + "-15" if months else date), kind, label, len(group), href))
        return marks

    def timeline_chart(self, here: str) -> svg.Chart:
        speakers = sorted(self.data.by_speaker, key=lambda a: (-len(self.data.by_speaker[a]), self.data.name(a)))
        shown = sorted(speakers[:TIMELINE_MAX_SPEAKERS], key=lambda a: (self.data.by_speaker[a][0]["date"], self.data.name(a)))
        dates = sorted(s["date"] for a in shown for s in (self.data.by_speaker[a][0], self.data.by_speaker[a][-1]))
        months = bool(dates) and (svg.day(dates[-1]) - svg.day(dates[0])).days > MONTHS_FROM_DAYS
        rows = [svg.Row(self.data.name(a), marks=self._marks(self.data.by_speaker[a], here, months=months)) for a in shown]
        extra = f" ({TIMELINE_MAX_SPEAKERS} most quoted of {len(speakers)} speakers)" if len(speakers) > TIMELINE_MAX_SPEAKERS else ""
        per = ", by month" if months else ""
        return svg.chart(rows, title=f"Statements by speaker{extra}{per}", legend=self._legend(list(self.data.statements.values())))

    def treaties_chart(self, here: str) -> svg.Chart:
        """One row per treaty (the most discussed, if many): its phases, linking to its page."""
        treaties = sorted(self.data.treaties.values(), key=lambda t: (-len(self.data.by_treaty.get(t["id"], [])), t["signed"], t["id"]))
        shown = sorted(treaties[:TIMELINE_MAX_TREATIES], key=lambda t: (t["signed"], t["id"]))
        rows = [svg.Row(self.names[TREATY.name][t["id"]], bars=self._phases(t, rel(here, record_dir(TREATY.folder, t["id"])))) for t in shown]
        extra = f" ({TIMELINE_MAX_TREATIES} most discussed of {len(treaties)})" if len(treaties) > TIMELINE_MAX_TREATIES else ""
        return svg.chart(rows, title=f"Treaties{extra}", legend={"signed": "signed", "in-force": "in force", "suspended": "suspended"})

    # data and index pages ----------------------------------------------------

    def explorer_data(self) -> str:
        """Every statement in one JSON file, to download, with what the explorer's words search
        besides the text: speakers' names and aliases, headlines. (The explorer itself reads the
        same data in shards: :mod:`communique.site.explorer`.)"""
        rows = [
            {"id": s["id"], "date": s["date"], "speaker": s["speaker"], "kind": s["kind"],
             "topics": s.get("topics", []), "treaties": s.get("treaties", []), "text": s["text"], "article": s["article"],
             **{key: s[field] for key, field in EXPLORER_FIELDS.items() if field in s}}
            for s in sorted(self.data.statements.values(), key=lambda s: (s["date"], s["id"]))
        ]
        speakers = {a: self.data.name(a) for a in sorted(self.data.by_speaker)}
        aliases = {a: self.data.actors[a].get("aliases", []) for a in speakers if self.data.actors.get(a, {}).get("aliases")}
        headlines = {a: self.data.articles[a]["headline"] for a in sorted(self.data.by_article) if a in self.data.articles}
        treaties = {t: self.names[TREATY.name][t] for t in sorted(self.data.by_treaty) if t in self.data.treaties}
        return json.dumps({"speakers": speakers, "aliases": aliases, "headlines": headlines, "treaties": treaties, "kinds": KIND_TITLES,
                           "topics": TOPIC_TITLES, **self._explorer_choices(), "statements": rows}, ensure_ascii=False, separators=(",", ":"))

    def _explorer_choices(self) -> dict[str, dict[str, str]]:
        """The names of the events, speech acts and addressees some statement has."""
        statements = self.data.statements.values()
        events = sorted({s["event"] for s in statements if s.get("event") in self.data.events}, key=lambda e: (self.data.events[e]["start"], e))
        addressed = sorted({a for s in statements for a in s.get("addressees", ())}, key=lambda a: (self.data.name(a).casefold(), a))
        return {"events": {e: self.data.events[e]["name"] for e in events},
                "acts": SPEECH_ACT_TITLES, "addressees": {a: self.data.name(a) for a in addressed}}

    def articles_index(self) -> dict[str, HtmlPage]:
        def row(viewer: Viewer, a: Record) -> tuple[View, ...]:
            return (_date(a["published"]), viewer.link(ARTICLE.name, a["id"]), viewer.link(ACTOR.name, a["publisher"]),
                    _text(len(self.data.by_article.get(a["id"], []))))

        articles = sorted(self.data.articles.values(), key=lambda a: (a["published"], a["id"]))
        return self._index(ARTICLE, "Articles", f"{plural(len(articles), 'article')}, each with its text and its curated statements highlighted.",
                           ["Published", "Headline", "Publisher", "Statements"], articles, row)

    def actors_index(self) -> dict[str, HtmlPage]:
        def row(viewer: Viewer, a: Record) -> tuple[View, ...]:
            return (viewer.link(ACTOR.name, a["id"]), _text(ACTOR_KIND_TITLES.get(a["kind"], a["kind"])),
                    _text(a.get("description", "")), _text(len(self.data.by_speaker.get(a["id"], []))))

        actors = sorted(self.data.actors.values(), key=lambda a: (a["name"].casefold(), a["id"]))
        return self._index(ACTOR, "Actors", f"{plural(len(actors), 'actor')}: people, organizations and states that speak, publish, are named or are party to a treaty.",
                           ["Name", "Kind", "Description", "Statements"], actors, row)

    def treaties_index(self) -> dict[str, HtmlPage]:
        def row(viewer: Viewer, t: Record) -> tuple[View, ...]:
            return (viewer.link(TREATY.name, t["id"]), listed(viewer.link(ACTOR.name, p) for p in t["parties"]),
                    _date(t["signed"]), _date(t["expires"]) if "expires" in t else _text("no expiry date"), _text(STATUS_TITLES.get(t["status"], t["status"])),
                    _text(len(self.data.by_treaty.get(t["id"], []))))

        treaties = sorted(self.data.treaties.values(), key=lambda t: (t["signed"], t["id"]))
        return self._index(TREATY, "Treaties", f"{plural(len(treaties), 'treaty')}, each with its lifecycle and the statements about it.",
                           ["Treaty", "Parties", "Signed", "Expires", "Status", "Statements"], treaties, row)

    def events_index(self) -> dict[str, HtmlPage]:
        def row(viewer: Viewer, e: Record) -> tuple[View, ...]:
            return (_date(e["start"]), viewer.link(EVENT.name, e["id"]), _text(EVENT_KIND_TITLES.get(e["kind"], e["kind"])),
                    _text(e.get("place", "")), _text(len(self.data.by_event.get(e["id"], []))))

        events = sorted(self.data.events.values(), key=lambda e: (e["start"], e["id"]))
        return self._index(EVENT, "Events", f"{plural(len(events), 'event')}: press conferences, talks, meetings and interviews, "
                           "each with its participants and its statements in the order they were said.",
                           ["Start", "Event", "Kind", "Place", "Statements"], events, row)

    def _index(self, kind: Kind, heading: str, intro: str, columns: list[str], records: list[Record], row) -> dict[str, HtmlPage]:
        """A kind's index, INDEX_ROWS records a page: ``<folder>/`` and ``<folder>/_page-N/``
        (an underscore, which no id holds, so that no record's folder can be an index's)."""
        chunks = [records[i : i + INDEX_ROWS] for i in range(0, len(records), INDEX_ROWS)] or [[]]
        folders = [f"{kind.folder}/"] + [f"{kind.folder}/{INDEX_PAGE}{n}/" for n in range(2, len(chunks) + 1)]
        out = {}
        for number, (here, chunk) in enumerate(zip(folders, chunks), 1):
            viewer = self.viewer(here)
            pager = {"number": number, "count": len(chunks),
                     "previous": rel(here, folders[number - 2]) if number > 1 else None,
                     "next": rel(here, folders[number]) if number < len(chunks) else None,
                     "first": (number - 1) * INDEX_ROWS + 1, "last": (number - 1) * INDEX_ROWS + len(chunk)}
            html = render("listing.html", heading=heading, intro=intro, columns=columns,
                          rows=[row(viewer, record) for record in chunk], pager=pager)
            out[here + "index.md"] = HtmlPage(heading if number == 1 else f"{heading}, page {number}", html, indexed=number == 1)
        return out

    def timeline_page(self) -> HtmlPage:
        here = "timeline/"
        html = render("timeline.html", explorer=rel(here, EXPLORER_DIR), picture=self.timeline_chart(here),
                      treaties=self.treaties_chart(here) if self.data.treaties else None, treaty_index=rel(here, f"{TREATY.folder}/"))
        return HtmlPage("Timeline", html)


def _parts(paragraphs: list[tuple]) -> list[tuple[list[tuple], list[str]]]:
    """Paragraphs grouped into parts of about ARTICLE_PART_WEIGHT (characters of text, and
    STATEMENT_WEIGHT for each statement marked), each with the ids of the statements ending in it."""
    parts: list[tuple[list[tuple], list[str]]] = [([], [])]
    weight = 0
    for paragraph in paragraphs:
        text, ending = highlight.measure(paragraph)
        cost = text + STATEMENT_WEIGHT * len(ending)
        if parts[-1][0] and weight + cost > ARTICLE_PART_WEIGHT:
            parts.append(([], []))
            weight = 0
        parts[-1][0].append(paragraph)
        parts[-1][1].extend(ending)
        weight += cost
    return parts


def record_files(data: SiteData) -> tuple[dict[str, HtmlPage], dict[str, str | bytes], set[str]]:
    """Every record page, index page and the timeline page by docs path; the explorer's data
    (its shards, and all of it in one file to download) by site path; and the record pages,
    kept out of the navigation."""
    forget_views()
    pages = Pages(data)
    html: dict[str, HtmlPage] = {}
    files: dict[str, str | bytes] = explorer.files(data, pages.names, KIND_TITLES, TOPIC_TITLES, SPEECH_ACT_TITLES)
    unlisted: set[str] = set()
    for article in data.articles.values():
        parts = pages.article_pages(article)
        html.update(parts)
        unlisted.update(parts)
    for kind, records, make in (
        (ACTOR, data.actors, pages.actor_page),
        (STATEMENT, {s["id"]: s for group in data.by_article.values() for s in group}, pages.statement_page),  # an article's together
        (TREATY, data.treaties, pages.treaty_page),
        (EVENT, data.events, pages.event_page),
    ):
        for record_id, record in records.items():
            folder = record_dir(kind.folder, record_id)
            html[folder + "index.md"] = make(record)
            unlisted.add(folder + "index.md")
    for index in (pages.articles_index(), pages.actors_index(), pages.treaties_index(), pages.events_index()):
        html.update(index)
        unlisted.update(list(index)[1:])  # the first page is in the navigation
    html["timeline.md"] = pages.timeline_page()
    files[EXPLORER_DATA] = pages.explorer_data()
    return html, files, unlisted
