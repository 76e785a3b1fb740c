"""Where a passage sits in its article: the selector of a statement or of a passage not curated.

A selector is W3C Web Annotation's TextQuoteSelector (``exact`` with its ``prefix`` and
``suffix``) and TextPositionSelector (``start`` and ``end``) in one object, in a ``part``
of the article (body, headline, subheadline). Offsets count code points, as Python's
``str`` does, and ``end`` is exclusive: ``part[start:end] == exact``.

One module answers for every reader of a selector: the ``selector.*`` rules ask
:func:`locate` whether it holds, ``communique fmt`` asks :func:`fill` to complete it. So
the command never writes a selector the validator refuses, and the validator refuses
exactly the selectors the command could not complete.

Bad input is never an exception: a selector that cannot be located is a tuple of
:class:`Reason`\\ s, each naming the member at fault.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from functools import cache, lru_cache
from typing import Any

from communique.schemafields import definition
from communique.rules.common import clip
from communique.rules.text import find_passage

#: The most characters of context :func:`fill` writes on each side (the W3C's usual
#: choice, and half of what the schema allows, so that a curator may lengthen one).
CONTEXT = 32
#: How many occurrences a message lists.
_SHOWN = 3

# why a selector cannot be located: the last part of a ``selector.*`` rule id
MALFORMED = "malformed"  # a member the schema refuses: the ``schema.*`` finding says which
PART_MISSING = "part-missing"
MISMATCH = "mismatch"
NOT_FOUND = "not-found"
AMBIGUOUS = "ambiguous"


@dataclass(frozen=True)
class Span:
    """Where a selector's passage is: ``part[start:end]``."""

    part: str
    start: int
    end: int


@dataclass(frozen=True)
class Reason:
    """Why a selector cannot be located: ``problem`` (one of the constants above), the
    selector member at fault (``part``, ``exact``, ``prefix``, ``suffix``, ``start``,
    ``end``), and what to say."""

    problem: str
    member: str
    message: str
    hint: str = ""


@cache
def members() -> tuple[str, ...]:
    """The selector's members in schema order (the order :func:`fill` writes them in)."""
    return tuple(definition("selector")["properties"])


@cache
def parts() -> tuple[str, ...]:
    """The parts of an article a selector may name, from the schema."""
    return tuple(definition("selector")["properties"]["part"]["enum"])


def part_named(statement: Mapping[str, Any]) -> str:
    """The part of its article a statement's text is in: its selector's ``part``, else the body."""
    selector = statement.get("selector")
    part = selector.get("part") if isinstance(selector, Mapping) else None
    return part if part in parts() else "body"


_PARTS = frozenset(parts())


def _offset(value: Any) -> bool:
    return type(value) is int and value >= 0


def _malformed(selector: Mapping[str, Any]) -> Reason | None:
    """Which member of a selector the schema refuses (the slow way: only for a selector that has one)."""
    if selector.get("part") not in _PARTS:
        return Reason(MALFORMED, "part", "the part is not one the schema knows")
    exact = selector.get("exact")
    if type(exact) is not str or not exact:
        return Reason(MALFORMED, "exact", "the exact text is not a text")
    for member in ("prefix", "suffix"):
        if member in selector and type(selector[member]) is not str:
            return Reason(MALFORMED, member, f"the {member} is not a text")
    for member in ("start", "end"):
        if member in selector and not _offset(selector[member]):
            return Reason(MALFORMED, member, f"the {member} is not an offset")
    return None


def locate(article: Mapping[str, Any], selector: Any) -> Span | tuple[Reason, ...]:
    """Where ``selector`` puts its passage in ``article``, or why it cannot be located.

    With offsets (``start``, ``end`` or both), the passage is at them: ``exact`` must be
    what the part has there, and ``prefix`` and ``suffix`` what stands just before and
    after. Without offsets, ``prefix + exact + suffix`` must occur in the part exactly
    once (a repeated phrase needs the context, or the offsets, that tells it apart).
    """
    if type(selector) is not dict and not isinstance(selector, Mapping):  # a record's is a dict: one C test
        return (Reason(MALFORMED, "", "the selector is not an object"),)
    get = selector.get
    part, exact, prefix, suffix, start, end = get("part"), get("exact"), get("prefix"), get("suffix"), get("start"), get("end")
    if not (
        part in _PARTS and type(exact) is str and exact
        and (prefix is None or type(prefix) is str) and (suffix is None or type(suffix) is str)
        and (start is None or _offset(start)) and (end is None or _offset(end))
    ):
        return (_malformed(selector) or Reason(MALFORMED, "", "the selector is not one the schema accepts"),)
    text = article.get(part)
    if type(text) is not str:
        return (
            Reason(
                PART_MISSING,
                "part",
                f"article {article.get('id')} has no {part}",
                f"Name a part the article has ({', '.join(name for name in parts() if type(article.get(name)) is str)}), or add its {part}.",
            ),
        )
    return _located(text, part, exact, prefix, suffix, start, end)


@lru_cache(maxsize=16)  # each selector rule asks of the same selector in turn: the work is done once
def _located(text: str, part: str, exact: str, prefix: str | None, suffix: str | None, start: int | None, end: int | None) -> Span | tuple[Reason, ...]:
    if start is None and end is None:
        return _by_quote(text, part, exact, prefix or "", suffix or "")
    return _at_offsets(text, part, exact, prefix or "", suffix or "", start, end)


def _at_offsets(text: str, part: str, exact: str, prefix: str, suffix: str, given_start: int | None, given_end: int | None) -> Span | tuple[Reason, ...]:
    start = given_start if given_start is not None else given_end - len(exact)  # type: ignore[operator]
    end = given_end if given_end is not None else start + len(exact)
    fix = "Correct the offsets, or leave them out and run `communique fmt`, which fills them."
    if end > len(text) or start > end or start < 0:
        member = "end" if given_end is not None and (end > len(text) or start > end) else "start"
        return (Reason(MISMATCH, member, f"the offsets {start}..{end} are not a passage of the {part}, which has {len(text)} characters", fix),)
    if end - start != len(exact):
        return (Reason(MISMATCH, "end", f"the offsets {start}..{end} span {end - start} characters, but the exact text has {len(exact)}", fix),)
    if not text.startswith(exact, start):
        elsewhere = _occurrences(text, exact)
        where = f"; the exact text is at {_listed(elsewhere)}" if elsewhere else "; the exact text is nowhere in it"
        return (Reason(MISMATCH, "start", f"the {part} has {clip(text[start:end])!r} at {start}..{end}, not the exact text{where}", fix),)
    reasons = tuple(reason for reason in (_prefix_reason(text, part, prefix, start), _suffix_reason(text, part, suffix, end)) if reason)
    return reasons or Span(part, start, end)


def _prefix_reason(text: str, part: str, prefix: str, start: int) -> Reason | None:
    if text.endswith(prefix, 0, start):
        return None
    before = text[max(0, start - len(prefix)) : start]
    return Reason(
        MISMATCH,
        "prefix",
        f"the {part} has {before!r} just before the passage, not the prefix {clip(prefix, keep_end=True)!r}",
        "Copy the characters just before the passage, or leave the prefix out and run `communique fmt`.",
    )


def _suffix_reason(text: str, part: str, suffix: str, end: int) -> Reason | None:
    if text.startswith(suffix, end):
        return None
    return Reason(
        MISMATCH,
        "suffix",
        f"the {part} has {text[end : end + len(suffix)]!r} just after the passage, not the suffix {clip(suffix)!r}",
        "Copy the characters just after the passage, or leave the suffix out and run `communique fmt`.",
    )


def _occurrences(text: str, needle: str, limit: int = _SHOWN) -> list[int]:
    """Where ``needle`` starts in ``text``, overlapping occurrences included: at most ``limit``."""
    found: list[int] = []
    at = text.find(needle)
    while at >= 0 and len(found) < limit:
        found.append(at)
        at = text.find(needle, at + 1)
    return found


def _listed(places: list[int]) -> str:
    """Offsets for a message; a list :func:`_occurrences` cut short ends with an ellipsis."""
    return ", ".join(map(str, places)) + (", …" if len(places) >= _SHOWN else "")


def _by_quote(text: str, part: str, exact: str, prefix: str, suffix: str) -> Span | tuple[Reason, ...]:
    found = _occurrences(text, prefix + exact + suffix)
    if len(found) == 1:
        start = found[0] + len(prefix)
        return Span(part, start, start + len(exact))
    if found:
        return (
            Reason(
                AMBIGUOUS,
                "exact",
                f"the exact text{' with its context' if prefix or suffix else ''} occurs {'at least three times' if len(found) >= _SHOWN else 'twice'} in the {part} (at {_listed([at + len(prefix) for at in found])})",
                "Add `start` and `end` (`communique fmt` fills them), or a longer prefix or suffix that tells the occurrences apart.",
            ),
        )
    if not _occurrences(text, exact, 1):
        near = find_passage(exact, text)
        why = " (it is there with other quote marks, spaces or invisible characters: copy them as the article has them)" if near.found else ""
        return (
            Reason(
                NOT_FOUND,
                "exact",
                f"the exact text is not in the {part}{why}",
                f"Copy the passage from the article's {part} character for character, or name the part that has it.",
            ),
        )
    member = "suffix" if _occurrences(text, prefix + exact, 1) else "prefix"
    context = prefix if member == "prefix" else suffix
    return (
        Reason(
            MISMATCH,
            member,
            f"the exact text is in the {part}, but never with the {member} {clip(context, keep_end=member == 'prefix')!r}",
            f"Copy the characters just {'before' if member == 'prefix' else 'after'} the passage, or leave the {member} out and run `communique fmt`.",
        ),
    )


def fill(article: Mapping[str, Any], selector: Any) -> Mapping[str, Any] | tuple[Reason, ...]:
    """``selector`` with ``start``, ``end``, ``prefix`` and ``suffix`` filled, or why it
    cannot be located; the very same object when nothing changes.

    The passage is located from the whole selector; failing that (offsets or context
    gone stale after the article was corrected), from ``exact`` with its context alone,
    then from ``exact`` alone: whichever locates it exactly once. Members already right
    at that place are kept; the rest are written afresh, the context with at most
    :data:`CONTEXT` characters on each side (fewer at the edges of the part, none at
    all, and so left out, at an edge itself). The reasons returned are those of the
    whole selector.
    """
    first = locate(article, selector)
    span = first
    if not isinstance(span, Span) and not any(reason.problem in (MALFORMED, PART_MISSING) for reason in span):
        for kept in (("part", "exact", "prefix", "suffix"), ("part", "exact")):
            span = locate(article, {member: selector[member] for member in kept if member in selector})
            if isinstance(span, Span):
                break
    if not isinstance(span, Span):
        return first
    text: str = article[span.part]
    prefix, suffix = selector.get("prefix"), selector.get("suffix")
    wanted = {
        "start": span.start,
        "end": span.end,
        "prefix": prefix if type(prefix) is str and prefix and text.endswith(prefix, 0, span.start) else text[max(0, span.start - CONTEXT) : span.start],
        "suffix": suffix if type(suffix) is str and suffix and text.startswith(suffix, span.end) else text[span.end : span.end + CONTEXT],
    }
    empty = [member for member in ("prefix", "suffix") if wanted[member] == ""]
    for member in empty:  # at an edge of the part: an empty context says nothing the offsets do not (and schema 2 refuses it)
        del wanted[member]
    if all(selector.get(member) == value for member, value in wanted.items()) and not any(member in selector for member in empty):
        return selector
    filled = {member: wanted.get(member, selector.get(member)) for member in members() if member in wanted or member in selector}
    filled.update((member, value) for member, value in selector.items() if member not in filled)
    for member in empty:
        filled.pop(member, None)
    return filled
