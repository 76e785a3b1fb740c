"""``--format github``: GitHub Actions workflow commands, one annotation per finding.

GitHub shows each on the line it names in a pull request's changed files. Values are
escaped as the runner expects: ``%``, CR and LF everywhere, and ``:`` and ``,`` in the
properties too.
"""

from __future__ import annotations

from typing import IO

from communique.findings import Finding, Severity

_COMMANDS = {Severity.ERROR: "error", Severity.WARNING: "warning", Severity.INFO: "notice"}


def escape_data(text: str) -> str:
    return text.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")


def escape_property(text: str) -> str:
    return escape_data(text).replace(":", "%3A").replace(",", "%2C")


def line(finding: Finding) -> str:
    properties = [f"file={escape_property(finding.path)}"]
    if finding.line is not None:
        properties.append(f"line={finding.line}")
        if finding.column is not None:
            properties.append(f"col={finding.column}")
    properties.append(f"title={escape_property(finding.rule)}")
    message = finding.message + (f"\n{finding.hint}" if finding.hint else "")
    return f"::{_COMMANDS[finding.severity]} {','.join(properties)}::{escape_data(message)}"


def render(findings: list[Finding], out: IO[str], **_: object) -> None:
    for finding in findings:
        out.write(line(finding) + "\n")
