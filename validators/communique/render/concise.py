"""``--format concise``: one finding per line, ``path:line:col: severity rule message``.

The form that gcc, flake8 and ``ruff --output-format concise`` write, which editors
(Vim's quickfix, Emacs' compilation mode, VS Code's problem matchers) jump from. A
finding without a place in its file is ``path: severity rule message``.

Each line is one finding and reads back unambiguously: every text is shown with its
acting characters escaped (:func:`~communique.render.safe.printable`, so no line break
inside a finding), and a ``:`` in the path is written ``\\x3a``, so the first ``:`` ends
the path (a path cannot then start a ``::`` workflow command either). The hint is left
out: it is in every other format.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import IO

from communique.findings import Finding
from communique.render.safe import clean, printable


def line(finding: Finding) -> str:
    finding = clean(finding)
    path = printable(finding.path).replace(":", "\\x3a")
    place = f"{path}:{finding.line}:{finding.column or 1}:" if finding.line is not None else f"{path}:"
    return f"{place} {finding.severity.value} {printable(finding.rule)} {printable(finding.message)}"


def render(findings: Iterable[Finding], out: IO[str], **_: object) -> None:
    for finding in findings:
        out.write(line(finding) + "\n")
