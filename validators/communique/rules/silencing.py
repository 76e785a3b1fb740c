"""The ``silence.*`` rules: a record may exempt itself from a rule, in writing, and that shows.

A record's ``silence`` list names rules with the curator's reason. The engine drops the
record's findings of those rules and reports each silencing instead, so that nothing is
hidden: an applied silencing is listed (info), one that silences nothing is a warning
(the problem is gone: remove the silencing), and one naming a rule that does not exist
or cannot be silenced is an error.
"""

from __future__ import annotations

from communique.findings import Severity
from communique.rules.base import register

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
