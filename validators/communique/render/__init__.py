"""Output formats for findings: one module per format, each with ``render(findings, out, options)``.

Findings arrive as a stream, in the engine's order, and are written as they come: the
machine formats hold none of them (a run may give millions), the text format at most
``limit`` of each rule. Only ``text`` summarises repeated findings; the machine formats
list every finding. Every format escapes what records and file names hold
(:mod:`communique.render.safe`).
"""

from __future__ import annotations

import importlib
from collections.abc import Callable, Iterable
from typing import IO

from communique.findings import Finding

FORMATS = ("text", "concise", "json", "github", "sarif")


def renderer(name: str) -> Callable[..., None]:
    """The ``render`` function of a format in :data:`FORMATS`."""
    if name not in FORMATS:
        raise ValueError(f"unknown format {name!r}")
    return importlib.import_module(f"communique.render.{name}").render


def render(name: str, findings: Iterable[Finding], out: IO[str], **options) -> None:
    renderer(name)(findings, out, **options)
