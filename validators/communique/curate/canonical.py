"""The one canonical form of a record file, which ``communique fmt`` writes.

* members in the order of the kind's schema (its ``properties``, nested objects by their
  own), members the schema does not know after them in the order they were written;
* every text value in Unicode NFC (the quote rules compare texts in NFC already, so a quote
  and its article's body still match when either or both are normalised);
* a record file is two-space indented UTF-8 with a final newline; a JSON Lines file is one
  compact record per line;
* numbers exactly as written (each is passed through as its literal), escapes only where
  JSON needs them (quote, backslash, control characters): a character written as ``\\u00e9``
  becomes ``é``, the same text.

Formatting is lossless: the record read from the canonical text equals the record read
from the original, but for texts not in NFC, which come back normalised. A text that is
not strict JSON (a ``json.*`` finding, a duplicate member above all) has no one meaning
to write back, and is refused.
"""

from __future__ import annotations

import json
import unicodedata
from typing import Any

import orjson

from communique.kinds import Kind
from communique.schemafields import Field, root


def _literal(text: str) -> orjson.Fragment:
    return orjson.Fragment(text)


def load(text: bytes) -> Any:
    """The value of a strict JSON text (one :func:`communique.parse.parse_text` accepts),
    each number kept as its literal."""
    return json.loads(text, parse_int=_literal, parse_float=_literal)


def normalised(value: Any, field: Field | None) -> Any:
    """``value`` in canonical order and NFC, ``field`` being its place in the schema (None
    where the schema has none)."""
    if isinstance(value, str):
        return value if unicodedata.is_normalized("NFC", value) else unicodedata.normalize("NFC", value)
    if isinstance(value, list):
        items = field.items if field is not None else None
        return [normalised(item, items) for item in value]
    if isinstance(value, dict):
        known = {child.name: child for child in field.properties} if field is not None else {}
        order = [name for name in known if name in value] + [name for name in value if name not in known]
        return {name: normalised(value[name], known.get(name)) for name in order}
    return value


def record_text(value: Any, kind: Kind) -> bytes:
    """The canonical text of a record file holding ``value`` (as :func:`load` gives it)."""
    return orjson.dumps(normalised(value, root(kind.name)), option=orjson.OPT_INDENT_2) + b"\n"


def line_text(value: Any, kind: Kind) -> bytes:
    """The canonical line of a JSON Lines file for ``value``, its line end included."""
    return orjson.dumps(normalised(value, root(kind.name))) + b"\n"
