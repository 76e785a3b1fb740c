"""Why a string does not have its field's form, in plain words, when one character is the
reason: the validator's ``schema.pattern`` finding and ``load()`` say it alike.

The schemas' text patterns are long explicit character classes (so that every regular
expression engine reads them alike); quoting them back at a curator explains nothing, naming
the carriage return at character 12 does.
"""

from __future__ import annotations

import re
from functools import cache

from communique.schemafields import definition
from communique.schemas import rust_pattern

_CONTROL = re.compile(r"[\x00-\x08\x0b-\x1f\x7f-\x9f]")  # what no text may hold
_LINE_BREAK = re.compile(r"[\t\n\u2028\u2029]")  # what a one-line text may not hold either
_NAMES = {"\t": "a tab", "\n": "a line feed", "\r": "a carriage return", "\x00": "a null character",
          "\x1b": "an escape character", "\x85": "a next-line character (NEL)",
          "\u2028": "a line separator", "\u2029": "a paragraph separator"}


@cache
def text_patterns() -> tuple[str, str]:
    """The patterns of the shared ``text`` (several lines) and ``line`` definitions, as
    :func:`~communique.schemas.rust_pattern` gives them (every pattern is compared so)."""
    return rust_pattern(definition("text")["pattern"]), rust_pattern(definition("line")["pattern"])


def unwanted(value: str, pattern: str) -> str:
    """Why ``value`` fails ``pattern``, in words, when one character or the lack of any
    visible one is the reason ("has a carriage return (U+000D) at character 12: ..."); ""
    when the reason is the value's form as a whole."""
    text, line = text_patterns()
    pattern = rust_pattern(pattern)  # jsonschema-rs reports it so; the models the schema's own
    found, why = _CONTROL.search(value), "no text may hold a control character"
    if found is None and pattern != text:
        found = _LINE_BREAK.search(value)
        why = "this field is one line" if pattern == line else "this field's form has no place for it"
    if found is not None:
        character = found.group()
        line_number = value.count("\n", 0, found.start()) + 1
        where = f"character {found.start() + 1}" + (f" (line {line_number})" if line_number > 1 else "")
        return f"has {_NAMES.get(character, 'a control character')} (U+{ord(character):04X}) at {where}: {why}"
    if pattern in (text, line):
        return "has no visible character: only white space or invisible characters such as U+200B"
    return ""
