"""``--format json``: a JSON array of every finding, with the fields of :class:`~communique.findings.Finding`.

Written one finding per line as the findings come, so a run of any size is written in
constant memory; the array is valid JSON once the run ends.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import IO

from communique.findings import Finding
from communique.render.safe import clean, json_text


def render(findings: Iterable[Finding], out: IO[str], **_: object) -> None:
    separator = "[\n  "
    for finding in findings:
        out.write(separator + json_text(clean(finding).to_dict()))
        separator = ",\n  "
    out.write("[]\n" if separator.startswith("[") else "\n]\n")
