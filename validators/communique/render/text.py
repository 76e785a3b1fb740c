"""``--format text``: findings grouped by file, for a person at a terminal.

Colour only on a terminal (or when asked). A rule that fires on many records is shown
``limit`` times, then counted ("... and 9,990 more schema.required findings"): the first
few say what is wrong, the count says how much. Only the findings shown are kept (sorted
and grouped by file at the end), so memory is bounded by ``limit``, not by the run; the
rest are counted. Every text a finding quotes is shown with its acting characters
escaped (:func:`~communique.render.safe.printable`), and no line starts like a workflow
command (``::``), so the output is safe on a terminal and in a CI log.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable, Iterable
from typing import IO

from communique.findings import Finding, Severity
from communique.render.safe import clean, printable

_COLOURS = {Severity.ERROR: "31", Severity.WARNING: "33", Severity.INFO: "36"}


def _paint(text: str, code: str, colour: bool) -> str:
    return f"\x1b[{code}m{text}\x1b[0m" if colour else text


def _plural(count: int, word: str) -> str:
    return f"{count:,} {word}{'' if count == 1 else 's'}"


def summary(counts: Counter[Severity], files: int, checked: str = "") -> str:
    """``counts`` of findings by severity, in ``files`` files with an error or a warning."""
    parts = [_plural(counts[Severity.ERROR], "error"), _plural(counts[Severity.WARNING], "warning")]
    if counts[Severity.INFO]:
        parts.append(_plural(counts[Severity.INFO], "note"))
    text = ", ".join(parts)
    if counts[Severity.ERROR] or counts[Severity.WARNING]:
        text += f" in {_plural(files, 'file')}"
    return text + (f" ({checked})" if checked else "")


def _header(path: str) -> str:
    """A file's heading line, which must not read as a workflow command (``::error``)."""
    shown = printable(path)
    stripped = shown.lstrip()
    if stripped.startswith("::"):
        at = len(shown) - len(stripped)
        shown = shown[:at] + "\\x3a" + shown[at + 1 :]
    return shown


def render(
    findings: Iterable[Finding],
    out: IO[str],
    *,
    colour: bool = False,
    limit: int = 10,
    checked: Callable[[], str] | str = "",
    **_: object,
) -> None:
    """Write the findings; ``checked`` (what the run checked) is asked once they are all in."""
    kept: list[Finding] = []
    shown: Counter[str] = Counter()
    hidden: Counter[str] = Counter()
    counts: Counter[Severity] = Counter()
    failing_files: set[str] = set()
    for finding in findings:
        counts[finding.severity] += 1
        if finding.severity is not Severity.INFO:
            failing_files.add(finding.path)
        if shown[finding.rule] >= limit:
            hidden[finding.rule] += 1
            continue
        shown[finding.rule] += 1
        kept.append(finding)
    kept.sort(key=lambda finding: (finding.path, finding.line or 0, finding.column or 0, finding.rule))
    current = None
    for finding in map(clean, kept):
        if finding.path != current:
            if current is not None:
                out.write("\n")
            out.write(_paint(_header(finding.path), "1", colour) + "\n")
            current = finding.path
        place = f"{finding.line}:{finding.column or 1}" if finding.line is not None else "-"
        severity = _paint(f"{finding.severity.value:<7}", _COLOURS[finding.severity], colour)
        pointer = f" at {printable(finding.pointer)}" if finding.pointer else ""
        rule = _paint(printable(finding.rule), "2", colour)
        out.write(f"  {place:>8}  {severity} {printable(finding.message)}{pointer}  {rule}\n")
        if finding.hint:
            out.write(f"  {'':>8}  {'':<7} {_paint('hint: ' + printable(finding.hint), '2', colour)}\n")
    if hidden:
        out.write("\n")
        for rule, count in sorted(hidden.items()):
            out.write(f"... and {count:,} more {printable(rule)} finding{'s' if count != 1 else ''} (--format json lists them all)\n")
    if kept:
        out.write("\n")
    mark = _paint("✗", "31", colour) if counts[Severity.ERROR] else _paint("✓", "32", colour)
    what = checked() if callable(checked) else checked
    out.write(f"{mark} {summary(counts, len(failing_files), what)}\n")
