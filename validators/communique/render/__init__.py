"""Output formats for findings: one module per format, each with ``render(findings, out, options)``.

Only ``text`` summarises repeated findings; the machine formats list every finding.
"""

from __future__ import annotations

import importlib
from collections.abc import Callable
from typing import IO

from communique.findings import Finding

FORMATS = ("text", "json", "github", "sarif")


def renderer(name: str) -> Callable[..., None]:
    """The ``render`` function of a format in :data:`FORMATS`."""
    if name not in FORMATS:
        raise ValueError(f"unknown format {name!r}")
    return importlib.import_module(f"communique.render.{name}").render


def render(name: str, findings: list[Finding], out: IO[str], **options) -> None:
    renderer(name)(findings, out, **options)
