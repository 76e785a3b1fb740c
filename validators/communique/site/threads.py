"""Exchanges as threads: the statements linked by ``responds_to`` around one statement.

A statement's ``responds_to`` points at the statements it answers, denies, supports, rejects,
repeats or disputes (W3C Web Annotation's target, as a reply points at what it replies to).
A page shows the thread the statement belongs to: from the statements nothing in the thread
responds to, down through every response, each with how it relates to the one above. The
links form a graph, not always a tree (a statement may respond to two; a curator's mistake
may close a loop): each statement is shown once, where the walk first meets it, and a thread
is cut at ``limit`` statements, so that a page stays small however long an exchange runs.
"""

from __future__ import annotations

from dataclasses import dataclass

from communique.site.data import Record, SiteData

THREAD_LIMIT = 200


@dataclass(frozen=True)
class Post:
    """One statement in a thread: how deep it is (0 at the top), how it relates to the one above it (None at the top)."""

    statement: Record
    depth: int
    relation: str | None


@dataclass(frozen=True)
class Thread:
    posts: list[Post]  # in reading order: each statement followed by its responses, one level deeper
    cut: bool  # whether it was cut at the limit


def _targets(data: SiteData, statement: Record) -> list[str]:
    return [r["target"] for r in statement.get("responds_to", ()) if r.get("target") in data.statements]


def tops(data: SiteData, statement: Record, limit: int = THREAD_LIMIT) -> list[Record]:
    """The statements at the top of ``statement``'s thread: those it leads up to that respond to
    no statement of the dataset, oldest first; the statement itself when every way up loops."""
    seen, found, stack = {statement["id"]}, [], [statement]
    while stack and len(seen) <= limit:
        current = stack.pop()
        targets = _targets(data, current)
        if not targets:
            found.append(current)
        for target in targets:
            if target not in seen:
                seen.add(target)
                stack.append(data.statements[target])
    return sorted(found, key=lambda s: (s["date"], s["id"])) or [statement]


def thread(data: SiteData, statement: Record, limit: int = THREAD_LIMIT) -> Thread | None:
    """The thread ``statement`` belongs to, depth first from its tops; None when it responds to
    no statement and none responds to it."""
    if not _targets(data, statement) and not data.responses.get(statement["id"]):
        return None
    posts: list[Post] = []
    shown: set[str] = set()
    stack = [(top, 0, None) for top in reversed(tops(data, statement, limit))]
    while stack and len(posts) < limit:
        record, depth, relation = stack.pop()
        if record["id"] in shown:
            continue
        shown.add(record["id"])
        posts.append(Post(record, depth, relation))
        replies = data.responses.get(record["id"], ())
        stack.extend((reply, depth + 1, how) for how, reply in reversed(replies) if reply["id"] not in shown)
    cut = any(record["id"] not in shown for record, _, _ in stack)
    if statement["id"] not in shown:  # cut off before it: the page's own statement is always in its thread
        posts.append(Post(statement, 0, None))
    return Thread(posts, cut)
