"""``--format github``: GitHub Actions workflow commands, one annotation per finding.

GitHub shows each on the line it names in a pull request's changed files. Every acting
character of a value (CR and LF among them) is shown as an escape first
(:func:`~communique.render.safe.printable`), so that each finding is one line and no
line starts a workflow command of its own; then ``%`` is escaped as the runner expects,
and ``:`` and ``,`` in the properties too. The one line break kept is the runner's own
``%0A`` between a message and its hint.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import IO

from communique.findings import Finding, Severity
from communique.render.safe import clean, printable

_COMMANDS = {Severity.ERROR: "error", Severity.WARNING: "warning", Severity.INFO: "notice"}


def escape_data(text: str) -> str:
    """A value as the runner reads it; line breaks in it are shown as escapes, not kept."""
    return printable(text).replace("%", "%25")


def escape_property(text: str) -> str:
    return escape_data(text).replace(":", "%3A").replace(",", "%2C")


def line(finding: Finding) -> str:
    finding = clean(finding)
    properties = [f"file={escape_property(finding.path)}"]
    if finding.line is not None:
        properties.append(f"line={finding.line}")
        if finding.column is not None:
            properties.append(f"col={finding.column}")
    properties.append(f"title={escape_property(finding.rule)}")
    message = escape_data(finding.message) + (f"%0A{escape_data(finding.hint)}" if finding.hint else "")
    return f"::{_COMMANDS[finding.severity]} {','.join(properties)}::{message}"


def render(findings: Iterable[Finding], out: IO[str], **_: object) -> None:
    for finding in findings:
        out.write(line(finding) + "\n")
