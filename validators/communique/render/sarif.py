"""``--format sarif``: SARIF 2.1.0, for code scanning (GitHub uploads it with ``upload-sarif``).

The run carries the whole rule catalogue in ``tool.driver.rules`` and every finding as a
result pointing at its rule by index, written as the findings come (the document around
them is written first and last). Columns count Unicode code points, as every format of
the validator does: the run declares ``columnKind`` so (SARIF's default is UTF-16 code
units). A result's ``uri`` is the finding's path, percent-encoded as RFC 3986 wants.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import IO
from urllib.parse import quote

from communique import __version__
from communique.findings import Finding, Severity
from communique.render.safe import clean, json_text

SARIF_SCHEMA = "https://json.schemastore.org/sarif-2.1.0.json"
_LEVELS = {Severity.ERROR: "error", Severity.WARNING: "warning", Severity.INFO: "note"}
_RESULTS = "@results@"  # where the results go in the document written around them


def result(finding: Finding, index: dict[str, int]) -> dict:
    """One finding as a SARIF result; ``index`` gives each rule's place in the catalogue."""
    location: dict = {"physicalLocation": {"artifactLocation": {"uri": quote(finding.path, safe="/")}}}
    if finding.line is not None:
        region = {"startLine": finding.line}
        if finding.column is not None:
            region["startColumn"] = finding.column
        location["physicalLocation"]["region"] = region
    if finding.pointer:
        location["logicalLocations"] = [{"fullyQualifiedName": finding.pointer, "kind": "member"}]
    found = {
        "ruleId": finding.rule,
        "level": _LEVELS[finding.severity],
        "message": {"text": finding.message + (f" {finding.hint}" if finding.hint else "")},
        "locations": [location],
    }
    if finding.rule in index:
        found["ruleIndex"] = index[finding.rule]
    if finding.record:
        found["properties"] = {"record": finding.record}
    return found


def document(results: object) -> dict:
    """The SARIF log around ``results`` (the rule catalogue is the validator's own)."""
    from communique.rules import catalogue

    return {
        "$schema": SARIF_SCHEMA,
        "version": "2.1.0",
        "runs": [
            {
                "tool": {
                    "driver": {
                        "name": "communique",
                        "version": __version__,
                        "informationUri": "https://communique.github.io/",
                        "rules": [
                            {
                                "id": rule.id,
                                "name": rule.id,
                                "shortDescription": {"text": rule.summary},
                                "fullDescription": {"text": rule.doc},
                                "help": {"text": rule.doc},
                                "defaultConfiguration": {"level": _LEVELS[rule.severity]},
                            }
                            for rule in catalogue()
                        ],
                    }
                },
                "columnKind": "unicodeCodePoints",
                "results": results,
            }
        ],
    }


def render(findings: Iterable[Finding], out: IO[str], **_: object) -> None:
    from communique.rules import catalogue

    index = {rule.id: number for number, rule in enumerate(catalogue())}
    head, tail = json_text(document(_RESULTS), indent=2).split(f'"{_RESULTS}"')
    out.write(head + "[")
    separator = "\n"
    for finding in findings:
        out.write(separator + json_text(result(clean(finding), index)))
        separator = ",\n"
    out.write("\n]" + tail + "\n" if separator == ",\n" else "]" + tail + "\n")
