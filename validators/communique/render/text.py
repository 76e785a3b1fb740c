"""``--format text``: findings grouped by file, for a person at a terminal.

Colour only on a terminal (or when asked). A rule that fires on many records is shown
``limit`` times, then counted ("... and 9,990 more schema.required findings"): the first
few say what is wrong, the count says how much.
"""

from __future__ import annotations

from collections import Counter
from typing import IO

from communique.findings import Finding, Severity

_COLOURS = {Severity.ERROR: "31", Severity.WARNING: "33", Severity.INFO: "36"}


def _paint(text: str, code: str, colour: bool) -> str:
    return f"\x1b[{code}m{text}\x1b[0m" if colour else text


def _plural(count: int, word: str) -> str:
    return f"{count:,} {word}{'' if count == 1 else 's'}"


def summary(findings: list[Finding], checked: str = "") -> str:
    counts = Counter(finding.severity for finding in findings)
    files = len({finding.path for finding in findings if finding.severity is not Severity.INFO})
    parts = [_plural(counts[Severity.ERROR], "error"), _plural(counts[Severity.WARNING], "warning")]
    if counts[Severity.INFO]:
        parts.append(_plural(counts[Severity.INFO], "note"))
    text = ", ".join(parts)
    if counts[Severity.ERROR] or counts[Severity.WARNING]:
        text += f" in {_plural(files, 'file')}"
    return text + (f" ({checked})" if checked else "")


def render(findings: list[Finding], out: IO[str], *, colour: bool = False, limit: int = 10, checked: str = "", **_: object) -> None:
    shown: Counter[str] = Counter()
    hidden: Counter[str] = Counter()
    current = None
    for finding in findings:
        if shown[finding.rule] >= limit:
            hidden[finding.rule] += 1
            continue
        shown[finding.rule] += 1
        if finding.path != current:
            if current is not None:
                out.write("\n")
            out.write(_paint(finding.path, "1", colour) + "\n")
            current = finding.path
        place = f"{finding.line}:{finding.column or 1}" if finding.line is not None else "-"
        severity = _paint(f"{finding.severity.value:<7}", _COLOURS[finding.severity], colour)
        pointer = f" at {finding.pointer}" if finding.pointer else ""
        out.write(f"  {place:>8}  {severity} {finding.message}{pointer}  {_paint(finding.rule, '2', colour)}\n")
        if finding.hint:
            out.write(f"  {'':>8}  {'':<7} {_paint('hint: ' + finding.hint, '2', colour)}\n")
    if hidden:
        out.write("\n")
        for rule, count in sorted(hidden.items()):
            out.write(f"... and {count:,} more {rule} finding{'s' if count != 1 else ''} (--format json lists them all)\n")
    if findings:
        out.write("\n")
    failed = any(finding.severity is Severity.ERROR for finding in findings)
    mark = _paint("✗", "31", colour) if failed else _paint("✓", "32", colour)
    out.write(f"{mark} {summary(findings, checked)}\n")
