"""``communique rule ID``: a rule's documentation at the terminal, as ``ruff rule`` prints it;
``communique rule --all`` lists the catalogue.

The documentation is the rule's own docstring (what it checks, why, how to fix, an
example), the same text as the site's rule catalogue, with the rule's severity, the kinds
it applies to, whether and how a record can silence it, and an example from the rule's
fixture in the test suite: the offending lines and the finding ``communique validate``
gives for them. The fixtures are not installed with the package, so their examples are
kept in :data:`EXAMPLES_FILE`, which the test suite regenerates and compares with the
fixtures (``tests/validator/test_rule_docs.py``).

An unknown id exits 2 and names the closest ids. Every text is escaped for the terminal.
"""

from __future__ import annotations

import argparse
import difflib
import json
import sys
from functools import cache
from pathlib import Path

EXIT_OK, EXIT_USAGE = 0, 2
EXAMPLES_FILE = Path(__file__).with_name("rule_examples.json")
FIXTURES = "tests/fixtures/invalid"


def _rule_ids(**_: object) -> list[str]:
    """Every rule id (shell completion of ``communique rule``)."""
    from communique.rules import catalogue

    return [rule.id for rule in catalogue()]


def add_arguments(parser: argparse.ArgumentParser) -> None:
    rule = parser.add_argument("rule", nargs="?", metavar="ID", help="the rule's id, e.g. meaning.statement-date")
    rule.completer = _rule_ids  # type: ignore[attr-defined]  # read by argcomplete
    parser.add_argument("--all", action="store_true", help="list every rule: id, severity and what it checks")
    parser.epilog = "Exit status: 0 shown; 2 an unknown rule id, or neither ID nor --all given."


@cache
def examples() -> dict[str, dict]:
    """Each rule's example from its fixture, by rule id (see :data:`EXAMPLES_FILE`)."""
    return json.loads(EXAMPLES_FILE.read_text(encoding="utf-8"))


def closest(wanted: str, ids: list[str]) -> list[str]:
    """The ids a mistyped ``wanted`` most likely meant: close in spelling, or ending with it
    (``statement-date`` for ``meaning.statement-date``)."""
    ending = [rule_id for rule_id in ids if wanted and rule_id.endswith(wanted)]
    near = difflib.get_close_matches(wanted, ids, n=3, cutoff=0.6)
    return list(dict.fromkeys(ending + near))[:3]


def silencing(rule_id: str) -> str:
    """How (and whether) a record silences the rule."""
    from communique.rules.silencing import UNSILENCEABLE

    if rule_id.startswith(UNSILENCEABLE):
        return "This rule cannot be silenced: it decides whether there is a record to check at all."
    return (
        "A record that must break this rule on purpose silences it in writing; the silencing is then "
        f'listed (silence.applied):\n    "silence": [{{"rule": "{rule_id}", "reason": "why this record is right as it is"}}]'
    )


def example_text(example: dict) -> list[str]:
    """The lines showing a fixture's example: its file's lines around the finding, then the finding."""
    lines = [f"Example from its fixture ({example['fixture']}):", "", f"    {example['file']}"]
    width = max((len(str(number)) for number, _ in example["lines"]), default=1)
    for number, text in example["lines"]:
        mark = ">" if number == example.get("line") else " "
        lines.append(f"  {mark} {number:>{width}} | {text}")
    lines += ["", "  communique validate says:", f"    {example['finding']}"]
    if example.get("hint"):
        lines.append(f"    hint: {example['hint']}")
    return lines


def document(rule) -> str:
    """A rule's documentation as ``communique rule ID`` prints it (not yet escaped)."""
    kinds = ", ".join(rule.kind_names) or "every file"
    lines = [rule.id, "", f"Severity: {rule.severity.value}. Applies to: {kinds}.", "", rule.doc, ""]
    example = examples().get(rule.id)
    if example is not None:
        lines += example_text(example) + [""]
    lines += ["Silencing: " + silencing(rule.id)]
    return "\n".join(lines) + "\n"


def listing(rules) -> str:
    width = max(len(rule.id) for rule in rules)
    return "".join(f"{rule.id:<{width}}  {rule.severity.value:<7}  {rule.summary}\n" for rule in rules)


def run(args: argparse.Namespace) -> int:
    from communique.render.safe import printable
    from communique.rules import catalogue
    from communique.rules.base import RULES

    def show(text: str) -> None:
        sys.stdout.write("\n".join(printable(line) for line in text.split("\n")))

    if args.all:
        if args.rule is not None:
            print("communique rule: give an ID or --all, not both", file=sys.stderr)
            return EXIT_USAGE
        show(listing(catalogue()))
        return EXIT_OK
    if args.rule is None:
        print("communique rule: give a rule's ID (communique rule --all lists them)", file=sys.stderr)
        return EXIT_USAGE
    if args.rule not in RULES:
        near = closest(args.rule, sorted(RULES))
        advice = f"; the closest: {', '.join(near)}" if near else ""
        print(f"communique rule: no rule {printable(args.rule)}{advice} (communique rule --all lists them)", file=sys.stderr)
        return EXIT_USAGE
    show(document(RULES[args.rule]))
    return EXIT_OK
