"""Text from records and file names made safe for a reader: no character that acts.

Findings quote what they found: a record's ``silence`` reason, a key, a file name. Any
of these may hold an escape sequence (ESC, CSI, OSC 52 writes the clipboard), a carriage
return that overwrites the line, a line break that starts a line of its own (``::error``
is a workflow command when a CI log shows it), or bidirectional overrides that reorder
what is shown. Every format escapes them:

* :func:`printable`, for text and GitHub output, shows each as ``\\xNN`` or ``\\uNNNN``;
* :func:`json_text`, for JSON and SARIF, writes each as a JSON ``\\uNNNN`` escape.

A file name that is not UTF-8 reaches Python with lone surrogates, which no strict JSON
reader accepts: :func:`clean` shows their bytes as the text ``\\udcNN`` first.
"""

from __future__ import annotations

import json
import re
from dataclasses import fields, replace

from communique.findings import Finding

# C0 and C1 controls, DEL, line and paragraph separators, bidirectional embeddings,
# overrides and isolates: what moves the cursor, changes the terminal or reorders text.
_ACTING = "\x00-\x1f\x7f-\x9f\u2028\u2029\u202a-\u202e\u2066-\u2069"
_ACTING_CHARACTER = re.compile(f"[{_ACTING}\ud800-\udfff]")  # and lone surrogates, which no stream can encode
# in JSON text, C0 controls are escaped by the encoder already
_ACTING_IN_JSON = re.compile("[\x7f-\x9f\u2028\u2029\u202a-\u202e\u2066-\u2069]")
_SURROGATE = re.compile("[\ud800-\udfff]")
_TEXT_FIELDS = tuple(field.name for field in fields(Finding) if field.name not in ("line", "column", "severity"))


def _escape(match: re.Match[str]) -> str:
    code = ord(match.group())
    return f"\\x{code:02x}" if code < 0x100 else f"\\u{code:04x}"


def printable(text: str) -> str:
    """``text`` with every acting character (and lone surrogate) shown as an escape: for a
    terminal, a log, or any message that quotes a record or a file name."""
    return _ACTING_CHARACTER.sub(_escape, text) if not text.isprintable() or not text.isascii() else text


def clean(finding: Finding) -> Finding:
    """The finding with lone surrogates (from names that are not UTF-8) written out as ``\\udcNN``."""
    changes = {
        name: _SURROGATE.sub(lambda match: f"\\u{ord(match.group()):04x}", value)
        for name in _TEXT_FIELDS
        if isinstance(value := getattr(finding, name), str) and not value.isascii() and _SURROGATE.search(value)
    }
    return replace(finding, **changes) if changes else finding


def json_text(value: object, indent: int | None = None) -> str:
    """``value`` as JSON whose strings hold no acting character and no lone surrogate.

    Non-ASCII letters stay as they are (a quote in Cyrillic stays readable)."""
    return _ACTING_IN_JSON.sub(lambda match: f"\\u{ord(match.group()):04x}", json.dumps(value, ensure_ascii=False, indent=indent))
