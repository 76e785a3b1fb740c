"""The classifier's and the gate's output: text for people, JSON for tools.

Schema texts reach a terminal here (property names, patterns), so every line goes
through :func:`printable`; the JSON output escapes by being JSON.
"""

from __future__ import annotations

import json
from typing import IO

from communique.render.safe import printable
from communique.versioning.changes import Change, needed
from communique.versioning.gate import Verdict


def _summary(changes: list[Change]) -> str:
    need = needed(changes)
    if need is None:
        return "no changes"
    return f"{len(changes)} change(s), the largest {need.label}: needs a {need.bump} version step"


def changes_text(changes: list[Change], old: str, new: str, out: IO[str]) -> None:
    out.write(printable(f"{old} -> {new}: {_summary(changes)}") + "\n")
    for change in changes:
        field = f" (field {change.field})" if change.field else ""
        out.write(printable(f"  {change.level.label:<9} {change.kind.code}  {change.where}{field}") + "\n")
        out.write(printable(f"            {change.reason}") + "\n")
        if change.via:
            out.write(printable(f"            through {' -> '.join(change.via)}") + "\n")


def changes_json(changes: list[Change], old: str, new: str, out: IO[str]) -> None:
    need = needed(changes)
    document = {
        "old": old,
        "new": new,
        "needs": None if need is None else need.bump,
        "changes": [change.to_dict() for change in changes],
    }
    out.write(json.dumps(document, indent=2, ensure_ascii=False) + "\n")


def verdict_text(verdict: Verdict, old: str, new: str, out: IO[str]) -> None:
    if verdict.passed:
        out.write(printable(f"ok: x-version {verdict.declared} after release {verdict.released} ({_summary(verdict.changes)})") + "\n")
        return
    for problem in verdict.problems:
        out.write(printable(f"error: {problem}") + "\n")
    changes_text(verdict.culprits, old, new, out)


def verdict_json(verdict: Verdict, old: str, new: str, out: IO[str]) -> None:
    need = verdict.needs
    document = {
        "old": old,
        "new": new,
        "released": str(verdict.released),
        "declared": str(verdict.declared),
        "needs": None if need is None else need.bump,
        "passed": verdict.passed,
        "problems": verdict.problems,
        "culprits": [change.to_dict() for change in verdict.culprits],
        "changes": [change.to_dict() for change in verdict.changes],
    }
    out.write(json.dumps(document, indent=2, ensure_ascii=False) + "\n")
