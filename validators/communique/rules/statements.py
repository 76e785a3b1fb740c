"""Meaning rules of statements: the words are in the article, the date and the speaker's role fit,
and one speaker's remark is recorded once. (See :mod:`communique.rules.common` for what
every meaning rule keeps to.)"""

from __future__ import annotations

import zlib
from collections.abc import Mapping
from typing import Any

from communique.findings import Severity
from communique.kinds import ACTOR, ARTICLE, STATEMENT
from communique.rules.base import Index, Problem, record_rule, unique_rule
from communique.rules.common import clip, as_date, held_on, referenced, role_entries, schema_accepts, schema_of
from communique.rules.text import find_passage, fingerprint
from communique import selectors


def _passage_problem(record: Mapping[str, Any], index: Index, forms: tuple[str, ...]) -> list[Problem]:
    """The problem of a statement of one of these ``forms`` (quote, paraphrase) whose text is
    not in its article: in the part its selector names (a headline's claim), else the body."""
    if (form := record.get("kind")) not in forms or not isinstance(text := record.get("text"), str):
        return []
    article = referenced(record, "article", ARTICLE, index)
    part = selectors.part_named(record)
    if article is None or not isinstance(body := article.get(part), str):  # a part it lacks: selector.part-missing
        return []
    match = find_passage(text, body)
    if match.found or not schema_accepts(schema_of(STATEMENT, ("text",)), text):
        return []
    article_id = record["article"]
    if match.blank:
        return [
            Problem(
                "/text",
                f"the {form} has no visible text: only white space or invisible characters (zero-width spaces, soft hyphens)",
                f"Copy the words from the article's {part}; invisible characters are often pasted along with an empty selection.",
            )
        ]
    if match.inside_word:
        return [
            Problem(
                "/text",
                f"the {form} is in article {article_id}'s {part} only as part of longer words",
                f"Its first or last word is cut short: copy the whole word from the article's {part}.",
            )
        ]
    if match.matched:
        where = f"the {part} has it as far as {clip(match.matched, 40, keep_end=True)!r}, but not what follows: {clip(match.unmatched)!r}"
    else:
        where = f"not even its first character is in the {part}"
    return [
        Problem(
            "/text",
            f"the {form} is not found verbatim in article {article_id}'s {part}; {where}",
            "Copy the words exactly as the article prints them (spacing and quote marks may differ; "
            "letters, case and punctuation may not), or point `article` at the article that has them.",
        )
    ]


@record_rule("meaning.quote-in-article", Severity.ERROR, kinds=(STATEMENT,))
def quote_in_article(record: Mapping[str, Any], index: Index) -> list[Problem]:
    """A quote's text is found verbatim in its article's body (or the part its selector names).

    A quote says that these exact words were said and that this article prints them;
    a quote that is not in its article is unsourced, however close it is. A partial
    quote (the article's sentence with the speaker's words quoted inside) is held to
    the same: its quoted parts are checked within its text. A statement whose
    ``selector`` names the headline or subheadline is looked for there. The comparison
    ignores only what a reader cannot see: runs of white space (line breaks, no-break
    spaces), curly or straight quote marks and apostrophes, Unicode composition and
    zero-width characters. Letters, case and punctuation must match, and the quote must
    start and end on whole words.

    How to fix: copy the words from the article's ``body`` as printed, without the
    surrounding quote marks; the finding shows how far the text matches. If the article
    itself mangled the words, keep them as printed and explain in a ``source-error`` note.

    Example: the body prints ``“We used the channels that existed back then,” Lavrov
    said``; the text ``We used the channels that existed back then`` passes, ``We used
    the channels which existed back then`` does not.
    """
    return _passage_problem(record, index, ("quote", "partial-quote"))


@record_rule("meaning.paraphrase-in-article", Severity.WARNING, kinds=(STATEMENT,))
def paraphrase_in_article(record: Mapping[str, Any], index: Index) -> list[Problem]:
    """A paraphrase's text is found verbatim in its article's body (or the part its selector names).

    A paraphrase records the article's own sentence or clause that reports what the
    speaker said, so that the record can be traced to the words it rests on. The text
    is compared as for quotes (white space, quote marks, Unicode composition ignored).
    It is a warning, not an error: no words are put in the speaker's mouth, but a
    paraphrase that cannot be found cannot be checked either.

    How to fix: copy the article's clause as printed; do not summarise it in your own
    words (that belongs in a note).

    Example: the body says ``Lavrov said the Trump administration has declined to agree
    to the release of the documents``; the text ``the Trump administration has declined
    to agree to the release of the documents`` passes, ``the US refused to publish the
    documents`` does not.
    """
    return _passage_problem(record, index, ("paraphrase",))


@record_rule("meaning.statement-date", Severity.ERROR, kinds=(STATEMENT,))
def statement_date(record: Mapping[str, Any], index: Index) -> list[Problem]:
    """A statement is not dated after the publication of the article that reports it.

    An article can only report what was said by the day it was published; a later date
    is a typing mistake or the wrong article.

    How to fix: take the date the article gives for the remark (or its publication date
    when it says "said on Tuesday" of that week); if the article is a later copy, point
    at the right one.

    Example: an article published ``2019-12-10`` cannot report a statement dated
    ``2019-12-11``; ``2019-12-10`` or earlier passes.
    """
    day = record.get("date")
    article = referenced(record, "article", ARTICLE, index)
    if type(day) is not str or article is None:
        return []
    published_day = article.get("published")
    if type(published_day) is str and day <= published_day:  # valid dates compare as text: the usual case ends here
        return []
    said, published = as_date(day), as_date(published_day)
    if said is None or published is None or said <= published:
        return []
    return [
        Problem(
            "/date",
            f"dated {said}, after its article {record['article']} was published ({published})",
            "Give the date the remark was made; it cannot be later than the article's `published`.",
        )
    ]


@record_rule("meaning.speaker-role", Severity.ERROR, kinds=(STATEMENT,))
def speaker_role(record: Mapping[str, Any], index: Index) -> list[Problem]:
    """The speaker held the statement's ``speaker_role`` on its date, where roles are recorded.

    A role attributed to the wrong person or the wrong time (a foreign minister quoted
    before taking office) misinforms every reader of the statement. The check applies
    only to speakers whose actor record lists ``roles``; an actor without them is not
    checked.

    How to fix: correct ``speaker_role`` or the statement's ``date``, or complete the
    actor's ``roles``. If the article itself gives the wrong office, keep it as the
    article says, add a ``source-error`` note and silence this rule with that reason.

    Example: Sergey Lavrov's roles list ``foreign-minister`` from ``2004-03-09``; a
    statement by him with ``speaker_role: foreign-minister`` dated ``2003-05-01`` fails.
    """
    role, day = record.get("speaker_role"), record.get("date")
    if type(role) is not str or type(day) is not str:
        return []
    speaker = referenced(record, "speaker", ACTOR, index)
    roles = speaker.get("roles") if speaker is not None else None
    if type(roles) is not list or not roles or held_on(roles, role, day) is not False:  # held, or undecidable
        return []
    if not schema_accepts(schema_of(STATEMENT, ("speaker_role",)), role):
        return []
    speaker_id = record["speaker"]
    held = role_entries(roles, role)
    if not held:
        recorded = sorted({entry["role"] for entry in roles if isinstance(entry, Mapping) and isinstance(entry.get("role"), str)})
        return [
            Problem(
                "/speaker_role",
                f"{speaker_id} has no recorded role {role!r} (recorded: {', '.join(recorded) or 'none'})",
                "Use one of the speaker's recorded roles, or add this one with its dates to the actor's `roles`.",
            )
        ]
    periods = [f"from {as_date(entry.get('start'))} to {as_date(entry.get('end')) or 'now'}" for entry in held]
    return [
        Problem(
            "/speaker_role",
            f"{speaker_id} was not {role} on {day}: recorded {'; '.join(periods)}",
            "Check the statement's `date` and `speaker_role` against the actor's `roles`.",
        )
    ]


def _near_duplicate_problem(earlier: str, pointer: str, speaker: str) -> Problem:
    return Problem(
        pointer,
        f"says the same words as statement {earlier}, also by {speaker}",
        "Delete one of the two; if two articles report the same remark, silence this rule here with that reason.",
    )


@unique_rule("meaning.near-duplicate", Severity.WARNING, kinds=(STATEMENT,), problem=_near_duplicate_problem)
def near_duplicates(statement: Mapping[str, Any]) -> list[tuple[bytes, str, str]]:
    """No two statements from the same speaker say the same words.

    Statements are compared by their letters and digits alone: case, punctuation, quote marks and
    spacing are ignored. The same remark recorded twice counts it twice in every
    analysis; when two articles report one remark, both statements are right, and the
    warning asks the curator to confirm it. The check hashes each statement once, so it
    stays linear in the size of the dataset.

    How to fix: delete the copy; or, when two articles really report the same remark,
    silence this rule on the later statement with that reason.

    Example: two statements by ``mike-pompeo`` with the texts ``We'll publish all the
    documents`` and ``we’ll publish all the documents.`` warn on the second.
    """
    speaker, text = statement.get("speaker"), statement.get("text")
    if not (isinstance(speaker, str) and isinstance(text, str)):
        return []
    words = fingerprint(text)
    if not words:
        return []
    # 64 bits that are the same in every process, unlike hash() (see unique_rule); two
    # checksums of different algebra, at a third of the cost of a cryptographic digest
    said = f"{speaker}\0{words}".encode()
    return [(zlib.crc32(said) << 32 | zlib.adler32(said), "/text", speaker)]

