"""``communique stats``: what a dataset holds, at a glance: records per kind, who speaks most,
the dates it spans, and what the validator finds in it.

    >>> import communique
    >>> from communique.stats import summary
    >>> sorted(summary(communique.load(), findings=[])["records"])
    ['actors', 'articles', 'statements', 'treaties']

Exit 0, or 1 / 2 as ``communique query`` for a dataset that does not load or does not exist.
"""

from __future__ import annotations

import argparse
from collections import Counter
from collections.abc import Iterable
from typing import Any

from communique.query import EXIT_OK, add_dataset_argument, load_for_command

TOP_SPEAKERS = 10


def add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--format", choices=("text", "json"), default="text", help="how to print (default: text)")
    add_dataset_argument(parser)


def summary(dataset: Any, findings: Iterable) -> dict:
    """The numbers ``communique stats`` prints, as a JSON-ready dict.

    Examples:
        >>> import communique
        >>> numbers = summary(communique.load(), findings=[])
        >>> numbers["top_speakers"][0]["name"], numbers["findings"]
        ('Sergey Lavrov', {'by_severity': {}, 'by_rule': {}})
    """
    from communique.kinds import KINDS

    said = sorted(statement.date.isoformat() for statement in dataset.statements.values())
    published = sorted(article.published.isoformat() for article in dataset.articles.values())
    speakers = Counter(statement.speaker for statement in dataset.statements.values())
    findings = list(findings)
    return {
        "dataset": str(dataset.path),
        "records": {kind.folder: len(dataset.of_kind(kind.name)) for kind in KINDS},
        "speakers": len(speakers),
        "top_speakers": [
            {"id": speaker, "name": dataset.actors[speaker].name if speaker in dataset.actors else None, "statements": count}
            for speaker, count in sorted(speakers.items(), key=lambda item: (-item[1], item[0]))[:TOP_SPEAKERS]
        ],
        "said": {"first": said[0], "last": said[-1]} if said else None,
        "published": {"first": published[0], "last": published[-1]} if published else None,
        "findings": {
            "by_severity": dict(sorted(Counter(str(finding.severity.value) for finding in findings).items())),
            "by_rule": dict(sorted(Counter(finding.rule for finding in findings).items())),
        },
    }


def run(args: argparse.Namespace) -> int:
    from communique.render.safe import json_text, printable
    from communique.validate.engine import validate

    dataset = load_for_command("stats", args)
    if isinstance(dataset, int):
        return dataset
    numbers = summary(dataset, validate(dataset.path))
    if args.format == "json":
        print(json_text(numbers, indent=1))
        return EXIT_OK
    records = ", ".join(f"{count} {folder}" for folder, count in numbers["records"].items())
    lines = [f"{printable(numbers['dataset'])}: {records}"]
    for label, span in (("said", numbers["said"]), ("published", numbers["published"])):
        if span:
            lines.append(f"{label}: {span['first']} to {span['last']}")
    lines.append(f"speakers: {numbers['speakers']}")
    for speaker in numbers["top_speakers"]:
        name = f" ({printable(speaker['name'])})" if speaker["name"] else ""
        lines.append(f"  {speaker['statements']:>5}  {printable(speaker['id'])}{name}")
    severities = numbers["findings"]["by_severity"]
    lines.append("findings: " + (", ".join(f"{count} {severity}" for severity, count in severities.items()) or "none"))
    for rule, count in numbers["findings"]["by_rule"].items():
        lines.append(f"  {count:>5}  {rule}")
    print("\n".join(lines))
    return EXIT_OK
