"""The ``silence.*`` rules: a record may exempt itself from a rule, in writing, and that shows.

A record's ``silence`` list names rules with the curator's reason. The engine drops the
record's findings of those rules and reports each silencing instead, so that nothing is
hidden: an applied silencing is listed (info), one that silences nothing is a warning
(the problem is gone: remove the silencing), and one naming a rule that does not exist
or cannot be silenced is an error. :class:`Silences` holds that logic; the engine only
asks it, for each finding of the record, whether it is hidden.
"""

from __future__ import annotations

from typing import Any

from communique.findings import Severity
from communique.rules.base import RULES, Problem, register

APPLIED = "silence.applied"
UNUSED = "silence.unused"
INVALID = "silence.invalid"

#: Layers a record cannot silence: they decide whether there is a record at all.
UNSILENCEABLE = ("json.", "file.", "schema.", "id.", "silence.")

register(
    APPLIED,
    Severity.INFO,
    doc="""
    Lists each rule a record silences, with the curator's reason, and how many findings it hid.

    Why: a silencing is a judgement; listing it keeps it visible to reviewers, so that a
    rule is never switched off unseen.

    How to fix: nothing to fix. Review the reason; remove the silencing once the record
    no longer needs it.

    Example: ``"silence": [{"rule": "meaning.near-duplicate", "reason": "Two articles
    report the same remark; both are kept."}]``.
    """,
)

register(
    UNUSED,
    Severity.WARNING,
    doc="""
    Every silencing silences something.

    Why: a silencing whose rule no longer fires on the record would hide a future, real
    problem of the same rule.

    How to fix: remove the silencing from the record's ``silence`` list.

    Example: a statement silencing ``meaning.near-duplicate`` after its twin was deleted.
    """,
)

register(
    INVALID,
    Severity.ERROR,
    doc="""
    A silencing names a rule that exists and may be silenced.

    Why: a misspelt rule id silences nothing while looking as if it did; and the rules
    that decide whether a record can be read at all (``json.*``, ``file.*``,
    ``schema.*``, ``id.*``, ``silence.*``) cannot be silenced.

    How to fix: copy the rule id exactly as the validator prints it, or fix the record
    instead of silencing a rule that cannot be.

    Example: ``{"rule": "meaning.near-duplicates", ...}`` (the rule is
    ``meaning.near-duplicate``).
    """,
)


def silenceable(rule: str) -> bool:
    return not rule.startswith(UNSILENCEABLE)


class Silences:
    """One record's ``silence`` entries and how many findings each has hidden."""

    __slots__ = ("entries", "hidden", "judged")

    def __init__(self, entries: list[tuple[int, str, str]], judged: bool) -> None:
        self.entries = entries  # (position in the list, rule, reason)
        self.hidden = [0] * len(entries)
        # On a schema-invalid record the silences still hide their rules' findings (a typo
        # elsewhere must not undo a written exemption), but the rules over many records do
        # not run there, so an entry that hid nothing is not judged unused or invalid yet.
        self.judged = judged

    @classmethod
    def of(cls, record: Any, judged: bool) -> Silences | None:
        """The record's silences (``judged``: whether it is schema-valid), or None when it has none."""
        entries = record.get("silence") if type(record) is dict else None
        if type(entries) is not list:
            return None
        found = [
            (position, entry["rule"], entry["reason"])
            for position, entry in enumerate(entries)
            if type(entry) is dict and type(entry.get("rule")) is str and type(entry.get("reason")) is str
        ]
        return cls(found, judged) if found else None

    def hides(self, rule: str) -> bool:
        """Whether a finding of ``rule`` on this record is hidden (and count it)."""
        if not silenceable(rule):
            return False
        for number, (_, silenced, _) in enumerate(self.entries):
            if silenced == rule:
                self.hidden[number] += 1
                return True
        return False

    def problems(self) -> list[tuple[str, Problem]]:
        """``(rule id, problem)``: each entry as applied, unused or invalid, once the run is over."""
        found = []
        for (position, rule, reason), hidden in zip(self.entries, self.hidden):
            pointer = f"/silence/{position}"
            valid = rule in RULES and silenceable(rule)
            if not self.judged and not (hidden and valid):
                continue
            if not valid:
                why = "no rule has this id" if rule not in RULES else "rules of this layer cannot be silenced"
                found.append((INVALID, Problem(f"{pointer}/rule", f'the silenced rule "{rule}" is not valid: {why}', "Copy the rule id exactly as the validator prints it, or fix the record instead.")))
            elif hidden:
                found.append((APPLIED, Problem(pointer, f"{rule} is silenced here ({hidden} finding{'s' if hidden != 1 else ''} hidden): {reason}", "")))
            else:
                found.append((UNUSED, Problem(pointer, f"{rule} is silenced here but finds nothing to silence", "Remove this entry from the record's silence list.")))
        return found
