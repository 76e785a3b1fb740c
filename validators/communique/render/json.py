"""``--format json``: a JSON array of every finding, with the fields of :class:`~communique.findings.Finding`."""

from __future__ import annotations

import json
from typing import IO

from communique.findings import Finding


def render(findings: list[Finding], out: IO[str], **_: object) -> None:
    json.dump([finding.to_dict() for finding in findings], out, ensure_ascii=False, indent=2)
    out.write("\n")
