"""Quoted passages in an article's text, and who the article says spoke them.

One finder for every reader of quotations: ``communique draft-statements`` drafts a
statement from each quotation, and the ``completeness.uncovered-quote`` rule asks that
each one be covered by a statement or marked not curated. So the rule never asks for a
quotation the command would not draft, nor the command draft one the rule ignores.

:func:`find_quotes` scans a text once, a paragraph at a time, with a stack of open marks:

* straight (``"``, ``'``) and typographic marks (``“ ”``, ``„ “``, ``« »``, ``‹ ›``,
  ``‘ ’``); a straight mark opens after a space or an opening bracket and closes after a
  visible character, and an apostrophe (``don’t``, ``Russia’s``) closes nothing;
* nested quotes (``“… ‘…’ …”``) stay inside their quotation, as the speaker's words;
* a quotation running over paragraphs: left open at a paragraph's end and taken up by
  an opening mark at the next paragraph's start (the English convention) it is one
  quotation, from its first opening mark to its last closing one;
* a quotation broken by "he said" is two quoted passages, each its own quotation, both
  attributed by the cue between them.

:func:`attribute` then finds each quotation's cue, outside every quotation: "X said" after
it or before it in its sentence, "according to X", a participle ("saying", "adding") whose
subject opens the clause, a pronoun ("he said") pointing back to the last named speaker,
a title ("the minister said") matched against the actors' role titles, and, without a cue,
the speaker of the quotation just before in the same paragraph. Offsets count code points
and ends are exclusive, as selectors do.
"""

from __future__ import annotations

import re
from bisect import bisect_left, bisect_right
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from typing import Any, NamedTuple

# opening mark -> the marks that may close it
_PAIRS: dict[str, str] = {
    "\u201c": "\u201d\u201c",  # “ … ” (and the German-style “ … “ seen in copied text)
    "\u201e": "\u201c\u201d",  # „ … “ / „ … ”
    "\u00ab": "\u00bb",  # « … »
    "\u00bb": "\u00ab",  # » … « (Danish, Swedish)
    "\u2039": "\u203a",  # ‹ … ›
    "\u2018": "\u2019",  # ‘ … ’
    "\u201a": "\u2018\u2019",  # ‚ … ‘
    '"': '"',
    "'": "'",
}
_SINGLE = "\u2018\u2019\u201a\u2039\u203a'"
#: Characters after which a straight mark (or a single one) opens a quotation.
_OPENS_AFTER = " \t\n([{\u2014\u2013-/:;\u00a0" + "".join(_PAIRS)
_MARKS = "".join(sorted({*_PAIRS, *"".join(_PAIRS.values())}))
_PARAGRAPH = re.compile(r"\n[ \t]*\n\s*|\n(?=[ \t]*[\"\u201c\u201e\u00ab])")


class Quote(NamedTuple):  # a tuple: made for every quotation of every article the validator reads
    """One quotation: ``text[start:end]`` is its words, without the marks around it.

    ``open_mark``/``close_mark`` are the marks that enclose it (``close_mark`` is "" when
    its paragraph ended with the quotation still open); ``paragraphs`` counts the
    paragraphs it runs over; ``nested`` holds the spans of the quotations inside it.
    """

    part: str
    start: int
    end: int
    exact: str
    open_mark: str
    close_mark: str
    paragraphs: int = 1
    nested: tuple[tuple[int, int], ...] = ()

    @property
    def closed(self) -> bool:
        return bool(self.close_mark)


def _paragraphs(text: str) -> list[tuple[int, int]]:
    """The ``(start, end)`` of each paragraph: blank lines part them, and so does a line
    break before an opening mark (a copied text often keeps one line per paragraph)."""
    spans, start = [], 0
    for gap in _PARAGRAPH.finditer(text):
        spans.append((start, gap.start()))
        start = gap.end()
    spans.append((start, len(text)))
    return [(start, end) for start, end in spans if end > start]


def _can_open(text: str, at: int, mark: str, depth: int) -> bool:
    before = text[at - 1] if at > 0 else " "
    after = text[at + 1] if at + 1 < len(text) else " "
    if after.isspace() or at + 1 >= len(text):
        return False
    if mark in "\"'" or (mark in _SINGLE and depth == 0) or mark == "\u00bb":
        return before in _OPENS_AFTER
    return not before.isalnum()


def _can_close(text: str, at: int, mark: str) -> bool:
    before = text[at - 1] if at > 0 else " "
    after = text[at + 1] if at + 1 < len(text) else " "
    if before.isspace():
        return False
    if mark in _SINGLE or mark == "'":
        return not after.isalnum()  # "don’t", "Russia’s": an apostrophe
    return True


def _continues(text: str, start: int, mark: str) -> bool:
    """Whether the paragraph at ``start`` takes up a quotation left open with ``mark``."""
    return start < len(text) and text[start] == mark


def _marks(text: str) -> list[int]:
    """Where the marks of ``text`` are, in order: a search per mark (``str.find`` runs four
    times as fast as a regular expression's scan of the text)."""
    found = []
    for mark in _MARKS:
        at = text.find(mark)
        while at >= 0:
            found.append(at)
            at = text.find(mark, at + 1)
    found.sort()
    return found


def find_quotes(text: str, part: str = "body") -> list[Quote]:
    """Every quotation of ``text`` (an article's ``part``), in order, outermost only."""
    found: list[Quote] = []
    marks = _marks(text)
    if not marks:
        return found
    paragraphs = _paragraphs(text)
    carried: tuple[int, str, int, list[tuple[int, int]]] | None = None  # a quotation left open
    for number, (first, last) in enumerate(paragraphs):
        first_mark, end_mark = bisect_left(marks, first), bisect_left(marks, last)
        if first_mark == end_mark:  # no mark: no quotation (one carried starts with its mark)
            continue
        stack: list[tuple[str, int]] = []  # (opening mark, where its words start)
        nested: list[tuple[int, int]] = []
        position, paragraphs_spanned = first, 1
        if carried is not None:
            opened_at, mark, paragraphs_spanned, nested = carried
            stack.append((mark, opened_at))
            position, paragraphs_spanned, carried = first + 1, paragraphs_spanned + 1, None  # the mark taking it up
        closers: dict[str, int] | None = None  # made when a single mark first asks
        for position in marks[bisect_left(marks, position, first_mark, end_mark) : end_mark]:
            char = text[position]
            top = stack[-1] if stack else None
            if top is not None and char in _PAIRS[top[0]] and _can_close(text, position, char):
                stack.pop()
                if stack:
                    nested.append((top[1], position))
                elif text[top[1] : position].strip():
                    found.append(Quote(part, top[1], position, text[top[1] : position], top[0], char, paragraphs_spanned, tuple(nested)))
                    nested, paragraphs_spanned = [], 1
            elif char in _PAIRS and _can_open(text, position, char, len(stack)):
                if stack or char not in _SINGLE:
                    stack.append((char, position + 1))
                    continue
                if closers is None:
                    closers = _last_single_closers(text, marks[first_mark:end_mark])
                if any(closers.get(mark, -1) > position + 1 for mark in _PAIRS[char]):
                    stack.append((char, position + 1))
        while len(stack) > 1:  # an inner mark left open: an apostrophe after all
            stack.pop()
        if stack:
            mark, opened_at = stack[0]
            following = paragraphs[number + 1][0] if number + 1 < len(paragraphs) else len(text)
            if number + 1 < len(paragraphs) and _continues(text, following, mark):
                carried = (opened_at, mark, paragraphs_spanned, nested)
            elif text[opened_at:last].strip():
                found.append(Quote(part, opened_at, last, text[opened_at:last], mark, "", paragraphs_spanned, tuple(nested)))
    return found


def _last_single_closers(text: str, marks: list[int]) -> dict[str, int]:
    """Where each single closing mark last closes among a paragraph's ``marks`` (their
    places in ``text``): a single opening mark with none after it (``the ‘90s``) opens
    nothing. One pass, so a paragraph of a million ``‘`` costs a million steps, not a
    million squared."""
    found: dict[str, int] = {}
    for where in reversed(marks):
        char = text[where]
        if char in _SINGLE and char not in found and _can_close(text, where, char):
            found[char] = where
    return found


# --- attribution -------------------------------------------------------------------------

_VERBS = (
    "said|says|say|told|tells|added|adds|adding|noted|notes|noting|stressed|stresses|stressing|"
    "stated|states|stating|quipped|quips|quipping|recalled|recalls|recalling|warned|warns|warning|"
    "declared|declares|declaring|insisted|insists|insisting|explained|explains|explaining|"
    "asked|asks|asking|replied|replies|replying|answered|answers|answering|continued|"
    "emphasized|emphasised|emphasizing|emphasising|underlined|underscored|remarked|remarks|"
    "argued|argues|arguing|claimed|claims|claiming|wrote|writes|writing|announced|announces|"
    "called|calls|calling|described|describes|describing|pointed out|points out|pointing out|"
    "saying|tweeted|concluded|observed|acknowledged|admitted|suggested|urged|vowed|promised|"
    "denied|denies|reiterated|reiterates|commented|comments|joked|jokes|went on"
)
_VERB = re.compile(rf"\b(?:{_VERBS})\b", re.IGNORECASE)
_ACCORDING = re.compile(r"\baccording to\s+", re.IGNORECASE)
_PRONOUN = re.compile(r"\b(he|she|they)\b", re.IGNORECASE)
_SENTENCE_END = re.compile(r"[.!?](?=\s+[\x00A-Z(])|\n")  # quotations are masked (\x00) when this runs
_TITLE_WORD = re.compile(r"[A-Za-z]+")
_TITLE_STOP = {"of", "the", "and", "for", "to", "in", "on", "at", "a", "an", "deputy", "first", "acting", "vice"}
#: What ties a quotation to its speaker, best first.
CUE_AFTER = "after"  # “…,” Lavrov said / said Lavrov
CUE_BEFORE = "before"  # Lavrov said: “…”, Lavrov noted that … “…”, Lavrov: “…”
CUE_ACCORDING = "according-to"  # according to Lavrov, “…”
CUE_BROKEN = "broken"  # “…,” he said, “…”: the second half, by the cue that broke it
CUE_PREVIOUS = "previous-quote"  # a later quotation of the same paragraph, no cue of its own
CUE_NONE = "none"


@dataclass(frozen=True)
class Speaker:
    """An actor as a text names it: its names (name, aliases, a person's last name) and
    the head words of its role titles ("minister" of "Minister of Foreign Affairs")."""

    id: str
    kind: str
    names: tuple[str, ...]
    titles: frozenset[str] = frozenset()


def speakers(actors: Iterable[Mapping[str, Any]]) -> list[Speaker]:
    """The :class:`Speaker` of each actor record (a JSON object); a person's last name is
    one of its names when no other actor has it."""
    actors = [actor for actor in actors if isinstance(actor.get("id"), str) and isinstance(actor.get("name"), str)]
    last_names: dict[str, list[str]] = {}
    for actor in actors:
        if actor.get("kind") == "person" and len(words := actor["name"].split()) > 1:
            last_names.setdefault(words[-1], []).append(actor["id"])
    found = []
    for actor in actors:
        names = [actor["name"], *(alias for alias in actor.get("aliases") or () if isinstance(alias, str))]
        if actor.get("kind") == "person" and len(words := actor["name"].split()) > 1 and last_names[words[-1]] == [actor["id"]]:
            names.append(words[-1])
        titles = {_title_head(role.get("title")) for role in actor.get("roles") or () if isinstance(role, Mapping)}
        found.append(Speaker(actor["id"], str(actor.get("kind", "")), tuple(dict.fromkeys(names)), frozenset(titles - {""})))
    return found


def _title_head(title: Any) -> str:
    """A title's head noun, lowercase: the last word before "of" ("Secretary of State" ->
    "secretary"; "Foreign Minister" -> "minister")."""
    if not isinstance(title, str):
        return ""
    words = [word.lower() for word in _TITLE_WORD.findall(title.split(" of ")[0])]
    words = [word for word in words if word not in _TITLE_STOP]
    return words[-1] if words else ""


@dataclass(frozen=True)
class Mention:
    """A speaker named (or pointed at) in the text outside quotations: ``text[start:end]``."""

    start: int
    end: int
    speaker: str | None  # an actor id; None for a pronoun or a title, resolved later
    form: str  # "name", "pronoun" or "title"
    word: str = ""


@dataclass(frozen=True)
class Attribution:
    """Who a quotation is attributed to, and the words that decided it."""

    quote: Quote
    speaker: str | None
    cue: str  # CUE_AFTER, CUE_BEFORE, ...
    words: str  # the cue as the article prints it ("Lavrov quipped"), "" when none

    def explanation(self) -> str:
        """The cue in a sentence, for a draft's note."""
        who = self.speaker or "no speaker"
        if self.cue == CUE_NONE:
            return "No attribution cue found near the quotation; the speaker is left for the curator."
        if self.cue == CUE_PREVIOUS:
            return f"No cue of its own: the speaker of the quotation before it in the paragraph ({who})."
        where = {
            CUE_AFTER: "after the quotation",
            CUE_BEFORE: "before it in its sentence",
            CUE_ACCORDING: "before it",
            CUE_BROKEN: "that breaks the quotation, before this second part",
        }[self.cue]
        return f"Speaker {who} from the cue \u201c{self.words}\u201d {where}."


def _masked(text: str, quotes: Sequence[Quote]) -> str:
    """``text`` with every quotation (marks included) blanked out, offsets kept: cues and
    names are looked for in the article's own words only."""
    chars = list(text)
    for quote in quotes:
        for at in range(max(quote.start - 1, 0), min(quote.end + 1, len(text))):
            if chars[at] != "\n":
                chars[at] = "\x00"
    return "".join(chars)


def _mentions(masked: str, people: Sequence[Speaker]) -> list[Mention]:
    """Every name, pronoun and title in the masked text, in order, longest name first where
    names overlap ("Sergey Lavrov" over "Lavrov")."""
    found: list[Mention] = []
    for speaker in people:
        for name in speaker.names:
            for match in re.finditer(rf"(?<![\w-]){re.escape(name)}(?![\w-])", masked):
                found.append(Mention(match.start(), match.end(), speaker.id, "name", name))
    for match in _PRONOUN.finditer(masked):
        found.append(Mention(match.start(), match.end(), None, "pronoun", match.group(1).lower()))
    heads = {head for speaker in people for head in speaker.titles}
    if heads:
        pattern = re.compile(rf"\bthe\s+(?:[\w-]+\s+){{0,3}}?({'|'.join(map(re.escape, sorted(heads)))})\b", re.IGNORECASE)
        for match in pattern.finditer(masked):
            found.append(Mention(match.start(), match.end(), None, "title", match.group(1).lower()))
    found.sort(key=lambda mention: (mention.start, -(mention.end - mention.start)))
    kept: list[Mention] = []
    for mention in found:
        if not kept or mention.start >= kept[-1].end:
            kept.append(mention)
    return kept


class _Mentions:
    """The mentions of a text in order, looked up by place in logarithmic time."""

    def __init__(self, mentions: list[Mention]) -> None:
        self.all = mentions
        self.starts = [mention.start for mention in mentions]

    def between(self, low: int, high: int) -> list[Mention]:
        """The mentions that start in ``[low, high)``."""
        return self.all[bisect_left(self.starts, low) : bisect_left(self.starts, high)]


class _Resolver:
    """Pronouns and titles pointed back to the last named speaker (or the last person named)."""

    def __init__(self, people: Sequence[Speaker]) -> None:
        self.by_id = {speaker.id: speaker for speaker in people}
        self.last_speaker: str | None = None
        self.named: list[str] = []  # people named so far, in order

    def resolve(self, mention: Mention) -> str | None:
        if mention.form == "name":
            return mention.speaker
        if mention.form == "pronoun":
            if self.last_speaker is not None:
                return self.last_speaker
            return self.named[-1] if self.named else None
        candidates = [self.last_speaker] if self.last_speaker else []
        candidates += reversed(self.named)
        for candidate in candidates:
            if candidate is not None and mention.word in self.by_id[candidate].titles:
                return candidate
        return None

    def seen(self, mention: Mention) -> None:
        if mention.form == "name" and mention.speaker is not None and self.by_id[mention.speaker].kind == "person":
            self.named.append(mention.speaker)


_AFTER = re.compile(r"[\s,.;:!?\u2014\u2013-]*")


def attribute(text: str, quotes: Sequence[Quote], people: Sequence[Speaker]) -> list[Attribution]:
    """The attribution of each of ``quotes`` (as :func:`find_quotes` gives them for ``text``)."""
    masked = _masked(text, quotes)
    mentions = _Mentions(_mentions(masked, people))
    sentence_ends = [end.end() for end in _SENTENCE_END.finditer(masked)]
    resolver = _Resolver(people)
    results: list[Attribution] = []
    consumed = 0  # mentions read so far (those before the current place)
    previous: Attribution | None = None
    for number, quote in enumerate(quotes):
        opened = quote.start - len(quote.open_mark)
        while consumed < len(mentions.all) and mentions.all[consumed].end <= opened:
            mention = mentions.all[consumed]
            resolver.seen(mention)
            if _speech_verb_near(masked, mention):
                resolver.last_speaker = resolver.resolve(mention) or resolver.last_speaker
            consumed += 1
        following = quotes[number + 1].start - 1 if number + 1 < len(quotes) else len(text)
        result = (
            _broken(masked, quote, previous)
            or _after(text, masked, quote, following, mentions, resolver)
            or _before(text, masked, quote, _sentence_start(sentence_ends, quote), mentions, resolver)
            or _from_previous(text, quote, previous)
            or Attribution(quote, None, CUE_NONE, "")
        )
        if result.speaker is not None and result.cue != CUE_PREVIOUS:
            resolver.last_speaker = result.speaker
        results.append(result)
        previous = result
    return results


def _speech_verb_near(masked: str, mention: Mention) -> bool:
    """Whether a speech verb follows the mention closely ("Lavrov noted", "the minister recalled")."""
    return _VERB.match(masked, mention.end + 1) is not None and masked[mention.end : mention.end + 1] == " "


def _after(text: str, masked: str, quote: Quote, following: int, mentions: _Mentions, resolver: _Resolver) -> Attribution | None:
    """"…,” Lavrov said / “…,” said the minister / “…,” he quipped: a cue right after."""
    if not quote.closed:
        return None
    start = quote.end + 1
    gap = _AFTER.match(masked, start)
    at = gap.end() if gap else start
    if any(stop in masked[start:at] for stop in ".!?") or (quote.exact.rstrip()[-1:] == "." and not masked[at : at + 1].islower()):
        return None  # the sentence ended with the quotation: what follows starts another
    window = masked[at : min(following, at + 80)]
    window = window.split("\n")[0]
    verb = _VERB.match(window)
    near = mentions.between(at, at + len(window))
    if verb is not None:  # said Lavrov / said the minister
        after_verb = at + verb.end() + 1
        if near and near[0].start == after_verb:
            return _made(text, quote, CUE_AFTER, at, near[0].end, near[0], resolver)
        return None
    if near and near[0].start == at:
        follow = _VERB.match(masked, near[0].end + 1)
        if follow is not None and masked[near[0].end] == " ":
            return _made(text, quote, CUE_AFTER, at, follow.end(), near[0], resolver)
    return None


def _made(text: str, quote: Quote, cue: str, start: int, end: int, mention: Mention, resolver: _Resolver) -> Attribution:
    speaker = resolver.resolve(mention)
    return Attribution(quote, speaker, cue, " ".join(text[start:end].split()))


def _sentence_start(sentence_ends: Sequence[int], quote: Quote) -> int:
    """Where the sentence of ``quote`` starts: just after the last sentence end before its opening mark."""
    before = bisect_right(sentence_ends, quote.start - len(quote.open_mark))
    return sentence_ends[before - 1] if before else 0


def _before(text: str, masked: str, quote: Quote, start: int, mentions: _Mentions, resolver: _Resolver) -> Attribution | None:
    """Lavrov said: “…” / Lavrov noted that … “…” / according to Lavrov, “…” / Pompeo …,
    saying … “…”: a cue earlier in the quotation's sentence, outside quotations."""
    opened = quote.start - len(quote.open_mark)
    clause = masked[start:opened]
    according = list(_ACCORDING.finditer(clause))
    if according:
        at = start + according[-1].end()
        named = mentions.between(at, at + 1)
        if named:
            return _made(text, quote, CUE_ACCORDING, start + according[-1].start(), named[0].end, named[0], resolver)
    verbs = list(_VERB.finditer(clause))
    if not verbs:
        return _colon(text, clause, start, mentions, resolver, quote)
    verb = verbs[-1]
    verb_at = start + verb.start()
    before = [mention for mention in mentions.between(start, verb_at) if mention.end <= verb_at]
    if not before:
        return None
    subject = _subject(before, resolver)
    made = _made(text, quote, CUE_BEFORE, subject.start, start + verb.end(), subject, resolver)
    if subject.start < start + verb.start() - 60:  # far apart: name the verb with its subject only
        return Attribution(quote, made.speaker, CUE_BEFORE, f"{text[subject.start:subject.end]} \u2026 {verb.group(0)}")
    return made


def _colon(text: str, clause: str, start: int, mentions: _Mentions, resolver: _Resolver, quote: Quote) -> Attribution | None:
    """Lavrov: “…” (a headline's way): a name, and a colon just before the quotation."""
    named = clause.rstrip()
    if not named.endswith(":"):
        return None
    end = start + len(named) - 1
    before = [mention for mention in mentions.between(start, end) if mention.end == end]
    return _made(text, quote, CUE_BEFORE, before[0].start, end + 1, before[0], resolver) if before else None


def _subject(before: Sequence[Mention], resolver: _Resolver) -> Mention:
    """The subject of a speech verb: the nearest person, pronoun or title before it,
    else the nearest name ("Pompeo continued to warn Russia …, saying": Pompeo)."""
    for mention in reversed(before):
        if mention.form != "name" or resolver.by_id[mention.speaker].kind == "person":  # type: ignore[index]
            return mention
    return before[-1]


def _broken(masked: str, quote: Quote, previous: Attribution | None) -> Attribution | None:
    """“…,” he said, “…”: the quotation takes up the one before it, broken by that one's cue."""
    if previous is None or previous.cue != CUE_AFTER or not previous.quote.closed:
        return None
    between = masked[previous.quote.end + 1 : quote.start - len(quote.open_mark)]
    if " ".join(re.sub(r"[\x00,;:\u2014\u2013-]", " ", between).split()) != previous.words:
        return None
    return Attribution(quote, previous.speaker, CUE_BROKEN, previous.words)


def _from_previous(text: str, quote: Quote, previous: Attribution | None) -> Attribution | None:
    """No cue: the quotation before it in the same paragraph (or the one it continues) spoke."""
    if previous is None or previous.speaker is None:
        return None
    if "\n\n" in text[previous.quote.end : quote.start]:
        return None
    return Attribution(quote, previous.speaker, CUE_PREVIOUS, previous.words)


PARTS = ("headline", "subheadline", "body")


def article_quotes(article: Mapping[str, Any]) -> list[Quote]:
    """Every quotation of an article (a JSON object): headline, subheadline, body."""
    return [quote for part in PARTS if isinstance(text := article.get(part), str) for quote in find_quotes(text, part)]


def attribute_article(article: Mapping[str, Any], people: Sequence[Speaker]) -> list[Attribution]:
    """The attributions of every quotation of an article, part by part: the body is read
    from its start, so its pronouns point back to the speakers it names."""
    found: list[Attribution] = []
    for part in PARTS:
        text = article.get(part)
        if isinstance(text, str):
            found += attribute(text, find_quotes(text, part), people)
    return found
