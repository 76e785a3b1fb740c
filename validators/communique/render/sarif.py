"""``--format sarif``: SARIF 2.1.0, for code scanning (GitHub uploads it with ``upload-sarif``).

The run carries the whole rule catalogue in ``tool.driver.rules`` and every finding as a
result pointing at its rule by index.
"""

from __future__ import annotations

import json
from typing import IO

from communique import __version__
from communique.findings import Finding, Severity

SARIF_SCHEMA = "https://json.schemastore.org/sarif-2.1.0.json"
_LEVELS = {Severity.ERROR: "error", Severity.WARNING: "warning", Severity.INFO: "note"}


def document(findings: list[Finding]) -> dict:
    from communique.rules import catalogue

    rules = catalogue()
    index = {rule.id: number for number, rule in enumerate(rules)}
    results = []
    for finding in findings:
        location: dict = {"physicalLocation": {"artifactLocation": {"uri": finding.path}}}
        if finding.line is not None:
            region = {"startLine": finding.line}
            if finding.column is not None:
                region["startColumn"] = finding.column
            location["physicalLocation"]["region"] = region
        if finding.pointer:
            location["logicalLocations"] = [{"fullyQualifiedName": finding.pointer, "kind": "member"}]
        result = {
            "ruleId": finding.rule,
            "level": _LEVELS[finding.severity],
            "message": {"text": finding.message + (f" {finding.hint}" if finding.hint else "")},
            "locations": [location],
        }
        if finding.rule in index:
            result["ruleIndex"] = index[finding.rule]
        if finding.record:
            result["properties"] = {"record": finding.record}
        results.append(result)
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
                            for rule in rules
                        ],
                    }
                },
                "results": results,
            }
        ],
    }


def render(findings: list[Finding], out: IO[str], **_: object) -> None:
    json.dump(document(findings), out, ensure_ascii=False, indent=2)
    out.write("\n")
