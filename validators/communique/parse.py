"""Strict JSON (RFC 8259) for record files and JSON Lines, with places for every value.

Two parsers, one answer:

* the fast path is ``orjson``, which already refuses invalid UTF-8, a byte order mark,
  lone surrogates (raw or escaped), NaN and Infinity, numbers that overflow to infinity,
  and nesting deeper than 1,024. It keeps the last of duplicate keys silently, so the
  fast path also compares the number of ``:`` in the text with the number in orjson's
  re-serialisation of the value: both count one per object member plus the colons inside
  strings, so they differ exactly when a member was dropped as a duplicate (a text that
  spells a colon as ``\\u003a`` takes the slow path, which settles it). A text that is
  orjson's re-serialisation itself, as most JSON Lines are, needs no count. orjson writes
  no more than 254 levels, so a deeper value cannot be re-serialised: it takes the slow
  path too, which names its depth (every depth is a ``json.depth`` finding). Nesting deeper
  than :data:`MAX_DEPTH` is caught by a walk over the parsed value (which a caller that
  knows better may leave to :func:`depth_findings`: see :func:`parse_text`).
* the slow path, :class:`_Scanner`, is a position-tracking parser in pure Python
  (iterative, so no nesting depth can raise ``RecursionError``). It runs only when the
  fast path refuses or doubts a text, to name the exact rule and place, and when a
  finding needs the line and column of a value (:meth:`Document.locate`).

Measured on this machine for a 520-byte statement: orjson with the duplicate-key check
2.3 µs, ``json.loads`` with a duplicate-detecting ``object_pairs_hook`` 7.8 µs, msgspec
(no duplicate detection either) 1.8 µs.

JSON Lines: every line is one document, numbered from 1; a blank line (nothing but
white space) is skipped, so a trailing newline or an empty last line is fine.

Integers beyond 64 bits become floats on the fast path (orjson's limit); no schema field
is a number, so such a value is a ``schema.type`` finding either way.
"""

from __future__ import annotations

import bisect
import gc
import re
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

import orjson

from communique import read
from communique.findings import Finding, Severity
from communique.read import (
    SPECIAL,
    UNREADABLE,
    NotRegular,
    SourceFile,
    TooLarge,
    discover,
    extra_lines,
    line_batches,
    read_record,
)

#: The deepest nesting of arrays and objects accepted. Records nest five levels at most;
#: anything near this is a mistake or an attack on the parser.
MAX_DEPTH = 64

SYNTAX = "json.syntax"
ENCODING = "json.encoding"
BOM = "json.bom"
SURROGATE = "json.surrogate"
NON_FINITE = "json.non-finite"
DUPLICATE_KEY = "json.duplicate-key"
DEPTH = "json.depth"
TOO_LARGE = "json.too-large"

_UTF8_BOM = b"\xef\xbb\xbf"
_WHITE_SPACE = b" \t\r\n"  # JSON's
_ESCAPED_COLON = re.compile(rb"\\u003[aA]")


def escape_pointer_token(token: str) -> str:
    """One RFC 6901 reference token: ``~`` is ``~0`` and ``/`` is ``~1``."""
    return token.replace("~", "~0").replace("/", "~1")


class Document:
    """One parsed JSON text: a record file, or one line of a JSON Lines file.

    ``line`` is the file line the text starts on (1 for a record file); ``offset`` its
    byte offset in the file. Positions of values are computed on first use only.
    """

    __slots__ = ("source", "line", "offset", "text", "value", "_positions")

    def __init__(self, source: SourceFile, line: int, offset: int, text: bytes, value: Any) -> None:
        self.source = source
        self.line = line
        self.offset = offset
        self.text = text
        self.value = value
        self._positions: _Positions | None = None

    @property
    def record_id(self) -> str | None:
        """The record's ``id`` when it is a string, for findings and lookups."""
        value = self.value
        if type(value) is dict:
            record_id = value.get("id")
            if type(record_id) is str:
                return record_id
        return None

    def locate(self, pointer: str, *, key: bool = False) -> tuple[int, int]:
        """``(line, column)`` in the file, both 1-based, of the value at ``pointer``.

        With ``key``, the place of the member's name instead of its value (to point at an
        unexpected property). A pointer into something absent resolves to its nearest
        present ancestor, so every finding gets a place.
        """
        if self._positions is None:
            self._positions = _Positions(self.text.decode("utf-8"), self.line)
        return self._positions.locate(pointer, key)


class _Positions:
    """Offsets of every value and member name of a valid text, by JSON pointer."""

    __slots__ = ("_lines", "_values", "_keys", "_first_line")

    def __init__(self, text: str, first_line: int) -> None:
        scanner = _Scanner(text, record_positions=True)
        scanner.parse()
        self._values = scanner.values
        self._keys = scanner.keys
        self._lines = scanner.newlines
        self._first_line = first_line

    def locate(self, pointer: str, key: bool) -> tuple[int, int]:
        offset = self._keys.get(pointer) if key else None
        while offset is None:
            offset = self._values.get(pointer)
            if offset is None:
                if not pointer:
                    offset = 0
                    break
                pointer = pointer[: pointer.rfind("/")]
        return _line_column(self._lines, offset, self._first_line)


_LINE_END = re.compile(r"\r\n?|\n")


def line_ends(text: str) -> list[int]:
    """The offset of the last character of every line break in ``text``: LF, CRLF and a
    bare CR each end a line, as editors count them."""
    return [match.end() - 1 for match in _LINE_END.finditer(text)]


def _line_column(newlines: list[int], offset: int, first_line: int) -> tuple[int, int]:
    index = bisect.bisect_left(newlines, offset)
    start = newlines[index - 1] + 1 if index else 0
    return first_line + index, offset - start + 1


class _Refusal(Exception):
    """The text is not strict JSON: which rule, at which character offset, and why.

    Why not a :class:`~communique.rules.base.Problem` or a :class:`Finding`: it unwinds
    the scanner from wherever the text breaks, so it is an exception; it holds a
    character offset, turned into a line and column only once the text has failed (the
    line breaks are counted then), where a Problem holds a pointer (a broken text has
    none) and a Finding a file and line the scanner does not know; and this module lies
    below ``communique.rules``, which documents its rules from it. :func:`_slow_parse`
    makes each into a Finding.
    """

    def __init__(self, rule: str, offset: int, message: str, hint: str, pointer: str = "") -> None:
        super().__init__(message)
        self.rule = rule
        self.offset = offset
        self.message = message
        self.hint = hint
        self.pointer = pointer


_WHITESPACE = re.compile(r"[ \t\n\r]*")
_NUMBER = re.compile(r"-?(?:0|[1-9][0-9]*)(\.[0-9]+)?([eE][+-]?[0-9]+)?")
_PLAIN = re.compile(r'[^"\\\x00-\x1f]*')
_HEX4 = re.compile(r"[0-9A-Fa-f]{4}")
_SIMPLE_ESCAPES = {'"': '"', "\\": "\\", "/": "/", "b": "\b", "f": "\f", "n": "\n", "r": "\r", "t": "\t"}
_LITERALS = (("true", True), ("false", False), ("null", None))
_NON_FINITE = ("NaN", "Infinity", "-Infinity", "+Infinity", "-NaN", "+NaN")
_INT64 = (-(2**63), 2**64 - 1)

_HINT_VALUE = "Check the text around this place: a missing comma, quote or bracket is the usual cause."


class _Scanner:
    """A strict, iterative JSON parser over a decoded text, optionally recording places.

    ``values`` maps each value's JSON pointer to the offset of its first character;
    ``keys`` maps a member's pointer to the offset of its name's opening quote.
    Duplicate keys do not stop the parse: each is collected in ``duplicates``.
    """

    def __init__(self, text: str, *, record_positions: bool = False) -> None:
        self.text = text
        self.record = record_positions
        self.values: dict[str, int] = {}
        self.keys: dict[str, int] = {}
        self.duplicates: list[_Refusal] = []
        self._newlines: list[int] | None = None

    @property
    def newlines(self) -> list[int]:
        if self._newlines is None:
            self._newlines = line_ends(self.text)
        return self._newlines

    def position(self, offset: int) -> tuple[int, int]:
        return _line_column(self.newlines, offset, 1)

    def parse(self) -> Any:
        text = self.text
        end = len(text)
        pos = _WHITESPACE.match(text, 0).end()
        if pos == end:
            raise _Refusal(SYNTAX, pos, "the file holds no JSON value", "A record file holds one JSON object: { ... }.")
        # each frame: [container, pointer, is_object, {key: offset}, pending key]
        stack: list[list] = []
        root: Any = None
        pointer = ""
        while True:
            # --- a value starts at pos, for pointer
            if self.record:
                self.values[pointer] = pos
            char = text[pos] if pos < end else ""
            if char == "{" or char == "[":
                if len(stack) >= MAX_DEPTH:
                    raise _Refusal(
                        DEPTH,
                        pos,
                        f"arrays and objects nest deeper than {MAX_DEPTH} levels here",
                        "No record nests this deep: look for a runaway bracket or generated data.",
                        pointer,
                    )
                container: Any = {} if char == "{" else []
                root = self._attach(stack, root, container)
                stack.append([container, pointer, char == "{", {}, None])
                pos = _WHITESPACE.match(text, pos + 1).end()
                closing = "}" if char == "{" else "]"
                if pos < end and text[pos] == closing:
                    pos += 1
                    stack.pop()
                elif char == "{":
                    pointer, pos = self._member_name(stack[-1], pos)
                    continue
                else:
                    pointer = pointer + "/0"
                    continue
            else:
                value, pos = self._scalar(pos, pointer)
                root = self._attach(stack, root, value)
            # --- after a value: commas and closing brackets
            while True:
                pos = _WHITESPACE.match(text, pos).end()
                if not stack:
                    if pos != end:
                        raise _Refusal(
                            SYNTAX,
                            pos,
                            "more text after the end of the JSON value",
                            "A record file holds exactly one JSON value; a JSON Lines line holds one record.",
                        )
                    if self.duplicates and not self.record:
                        raise self.duplicates[0]
                    return root
                frame = stack[-1]
                char = text[pos] if pos < end else ""
                if char == ",":
                    pos = _WHITESPACE.match(text, pos + 1).end()
                    if pos < end and text[pos] in "}]":
                        raise _Refusal(SYNTAX, pos, "a comma before a closing bracket (trailing comma)", "Remove the last comma.")
                    if frame[2]:
                        pointer, pos = self._member_name(frame, pos)
                    else:
                        pointer = f"{frame[1]}/{len(frame[0])}"
                    break
                if char == ("}" if frame[2] else "]"):
                    pos += 1
                    stack.pop()
                    continue
                expected = "',' or '}'" if frame[2] else "',' or ']'"
                raise _Refusal(SYNTAX, pos, f"expected {expected}, found {_describe(char)}", _HINT_VALUE)

    @staticmethod
    def _attach(stack: list[list], root: Any, value: Any) -> Any:
        if not stack:
            return value
        frame = stack[-1]
        if frame[2]:
            frame[0][frame[4]] = value
        else:
            frame[0].append(value)
        return root

    def _member_name(self, frame: list, pos: int) -> tuple[str, int]:
        """Read ``"name" :`` at ``pos``; returns the member's pointer and where its value starts."""
        text = self.text
        if pos >= len(text) or text[pos] != '"':
            raise _Refusal(
                SYNTAX,
                pos,
                f"expected a member name in double quotes, found {_describe(text[pos:pos + 1])}",
                'Object members are written "name": value, with double quotes.',
            )
        name, after = self._string(pos)
        pointer = f"{frame[1]}/{escape_pointer_token(name)}"
        seen = frame[3]
        if name in seen:
            line, column = self.position(seen[name])
            self.duplicates.append(
                _Refusal(
                    DUPLICATE_KEY,
                    pos,
                    f'the member "{name}" appears twice in one object (first at line {line}, column {column})',
                    "Keep one of the two: JSON readers disagree on which a duplicate means.",
                    pointer,
                )
            )
        else:
            seen[name] = pos
            if self.record:
                self.keys[pointer] = pos
        frame[4] = name
        after = _WHITESPACE.match(text, after).end()
        if after >= len(text) or text[after] != ":":
            raise _Refusal(SYNTAX, after, f"expected ':' after the member name, found {_describe(text[after:after + 1])}", _HINT_VALUE)
        return pointer, _WHITESPACE.match(text, after + 1).end()

    def _string(self, pos: int) -> tuple[str, int]:
        """The string whose opening quote is at ``pos``, and the offset after its closing quote."""
        text = self.text
        end = len(text)
        parts: list[str] = []
        at = pos + 1
        while True:
            plain_end = _PLAIN.match(text, at).end()
            parts.append(text[at:plain_end])
            at = plain_end
            if at >= end:
                raise _Refusal(SYNTAX, pos, "a string is not closed", "Add the closing double quote.")
            char = text[at]
            if char == '"':
                return "".join(parts), at + 1
            if char != "\\":
                raise _Refusal(
                    SYNTAX,
                    at,
                    f"a control character (U+{ord(char):04X}) inside a string",
                    "Write it as an escape: \\n for a line break, \\t for a tab, \\u00XX otherwise.",
                )
            escape = text[at + 1 : at + 2]
            if escape in _SIMPLE_ESCAPES:
                parts.append(_SIMPLE_ESCAPES[escape])
                at += 2
                continue
            if escape != "u":
                raise _Refusal(
                    SYNTAX,
                    at,
                    f"an invalid escape \\{escape} in a string",
                    'Valid escapes are \\" \\\\ \\/ \\b \\f \\n \\r \\t and \\uXXXX; write a backslash as \\\\.',
                )
            code = self._hex(at)
            if 0xD800 <= code <= 0xDBFF:
                low = self._hex(at + 6) if text.startswith("\\u", at + 6) else -1
                if not 0xDC00 <= low <= 0xDFFF:
                    raise _Refusal(
                        SURROGATE,
                        at,
                        f"a lone surrogate \\u{code:04x}: a high surrogate not followed by a low one",
                        "Write the character itself, or its full surrogate pair (\\ud83d\\ude00).",
                    )
                parts.append(chr(0x10000 + ((code - 0xD800) << 10) + (low - 0xDC00)))
                at += 12
            elif 0xDC00 <= code <= 0xDFFF:
                raise _Refusal(
                    SURROGATE,
                    at,
                    f"a lone surrogate \\u{code:04x}: a low surrogate without a high one before it",
                    "Write the character itself, or its full surrogate pair.",
                )
            else:
                parts.append(chr(code))
                at += 6

    def _hex(self, at: int) -> int:
        match = _HEX4.match(self.text, at + 2)
        if match is None:
            raise _Refusal(SYNTAX, at, "\\u must be followed by four hexadecimal digits", "Write \\u and four hex digits, such as \\u00e9.")
        return int(match.group(), 16)

    def _scalar(self, pos: int, pointer: str) -> tuple[Any, int]:
        text = self.text
        char = text[pos] if pos < len(text) else ""
        if char == '"':
            return self._string(pos)
        for word in _NON_FINITE:
            if text.startswith(word, pos):
                raise _Refusal(
                    NON_FINITE,
                    pos,
                    f"{word} is not a JSON number",
                    "JSON has no NaN or Infinity: leave the value out or write null.",
                    pointer,
                )
        if char == "-" or "0" <= char <= "9":
            match = _NUMBER.match(text, pos)
            if match is None:
                raise _Refusal(SYNTAX, pos, "a '-' not followed by a number", _HINT_VALUE)
            after = match.end()
            if after < len(text) and (text[after].isalnum() or text[after] in ".+-"):
                raise _Refusal(
                    SYNTAX,
                    pos,
                    f"an invalid number {text[pos:after + 1]!r}",
                    "JSON numbers have no leading zeros, no leading '+', and digits on both sides of the point.",
                )
            literal = match.group()
            if match.group(1) is None and match.group(2) is None and _INT64[0] <= _small_int(literal) <= _INT64[1]:
                return int(literal), after
            number = float(literal)
            if number in (float("inf"), float("-inf")):
                raise _Refusal(
                    NON_FINITE,
                    pos,
                    f"the number {_clip(literal)} is too large: it reads as Infinity",
                    "Write a number within the range of a double (about 1.8e308).",
                    pointer,
                )
            return number, after
        for word, value in _LITERALS:
            if text.startswith(word, pos):
                return value, pos + len(word)
        if char == "":
            raise _Refusal(SYNTAX, pos, "the text ends where a value should follow", "The file is cut short: close every string, array and object.")
        raise _Refusal(
            SYNTAX,
            pos,
            f"expected a value, found {_describe(char)}",
            "A value is a double-quoted string, a number, an object, an array, true, false or null.",
        )


def _small_int(literal: str) -> int:
    """The integer, or a value out of 64-bit range for a literal too long to convert cheaply."""
    digits = len(literal.lstrip("-"))
    if digits > 20:
        return -(2**64) if literal.startswith("-") else 2**65
    return int(literal)


def _clip(text: str, width: int = 24) -> str:
    return text if len(text) <= width else text[: width - 1] + "…"


def _describe(char: str) -> str:
    if not char:
        return "the end of the text"
    if char.isprintable() and not char.isspace():
        return f"'{char}'"
    return f"the character U+{ord(char):04X}"


# ---------------------------------------------------------------------------------------


def _exceeds_depth(value: Any) -> bool:
    """Whether ``value`` nests deeper than :data:`MAX_DEPTH`, measured without recursion."""
    stack = [(value, 1)] if type(value) is dict or type(value) is list else []
    while stack:
        item, depth = stack.pop()
        if depth > MAX_DEPTH:
            return True
        children = item.values() if type(item) is dict else item
        for child in children:
            if type(child) is dict or type(child) is list:
                stack.append((child, depth + 1))
    return False


def parse_text(
    text: bytes, source: SourceFile, line: int = 1, offset: int = 0, *, check_depth: bool = True
) -> Document | list[Finding]:
    """Parse one JSON text (a record file, or one JSON Lines line) strictly.

    Returns the :class:`Document`, or the findings (each a ``json.*`` rule, with the line
    and column of the problem) that make it unacceptable. Never raises.

    Without ``check_depth`` a text nested deeper than :data:`MAX_DEPTH` (but no deeper than
    1,024) may come back as a document: the caller then asks :func:`depth_findings` before
    walking it. The validator does so only for schema-invalid records, since the schemas
    bound the depth of valid ones; that saves a walk over every valid record.
    """
    try:
        value = orjson.loads(text)
        dumped = orjson.dumps(value)
    except (orjson.JSONDecodeError, orjson.JSONEncodeError):
        # orjson reads 1,024 levels but writes only 254: a deeper value cannot be compared
        # by re-serialisation, and the slow path names its depth as it must
        pass
    else:
        if (
            # orjson's own text (most JSON Lines): it never writes a duplicate or \u003a
            text == dumped
            or (text.startswith(dumped) and not text[len(dumped) :].strip(_WHITE_SPACE))
            or (
                text.count(b":") == dumped.count(b":")
                # ``find``: a tenth of the search; ``in`` would first try b"\\u003" as a byte's number
                and (text.find(b"\\u003") < 0 or _ESCAPED_COLON.search(text) is None)
            )
        ) and not (check_depth and _exceeds_depth(value)):  # the walk costs less than counting brackets in a long text
            return Document(source, line, offset, text, value)
    return _slow_parse(text, source, line, offset)


def depth_findings(document: Document) -> list[Finding]:
    """The ``json.depth`` findings of a document parsed without ``check_depth``: none
    when it nests no deeper than :data:`MAX_DEPTH`."""
    if not _exceeds_depth(document.value):
        return []
    found = _slow_parse(document.text, document.source, document.line, document.offset)
    return found if isinstance(found, list) else []


def _slow_parse(text: bytes, source: SourceFile, line: int, offset: int) -> Document | list[Finding]:
    if text.startswith(_UTF8_BOM):
        return [
            _finding(
                source,
                line,
                1,
                BOM,
                "the file starts with a byte order mark (BOM)",
                "Save the file as UTF-8 without BOM; JSON forbids the mark.",
            )
        ]
    try:
        decoded = text.decode("utf-8")
    except UnicodeDecodeError as error:
        return [_encoding_finding(text, error, source, line)]
    scanner = _Scanner(decoded)
    try:
        value = scanner.parse()
    except _Refusal as refusal:
        refusals = [*scanner.duplicates, refusal] if refusal.rule != DUPLICATE_KEY else scanner.duplicates
        findings = []
        for found in refusals:
            found_line, column = scanner.position(found.offset)
            findings.append(
                _finding(source, line + found_line - 1, column, found.rule, found.message, found.hint, found.pointer)
            )
        return findings
    return Document(source, line, offset, text, value)


def _encoding_finding(text: bytes, error: UnicodeDecodeError, source: SourceFile, line: int) -> Finding:
    before = text[: error.start].decode("utf-8")
    line_in_text, column = _line_column(line_ends(before), len(before), 0)
    bad = text[error.start : error.start + 3]
    if len(bad) >= 2 and bad[0] == 0xED and 0xA0 <= bad[1] <= 0xBF:
        return _finding(
            source,
            line + line_in_text,
            column,
            SURROGATE,
            "a UTF-8 encoded surrogate (bytes ED A0-BF ..): not a character",
            "Re-encode the text as proper UTF-8; a character outside the Basic Multilingual Plane takes 4 bytes.",
        )
    return _finding(
        source,
        line + line_in_text,
        column,
        ENCODING,
        f"invalid UTF-8 (byte 0x{text[error.start]:02X}): {error.reason}",
        "Save the file as UTF-8; text pasted from another encoding (Latin-1, Windows-1252) is the usual cause.",
    )


def _finding(
    source: SourceFile, line: int, column: int | None, rule: str, message: str, hint: str, pointer: str = ""
) -> Finding:
    return Finding(source.display, line, column, pointer, rule, Severity.ERROR, message, hint)


def too_large_finding(source: SourceFile, line: int, size: int) -> Finding:
    what = "line" if source.lines else "file"
    return _finding(
        source,
        line,
        1,
        TOO_LARGE,
        f"the {what} is {size:,} bytes, over the limit of {read.MAX_DOCUMENT_BYTES:,}",
        "A record this large is a mistake: a pasted dump or a binary file.",
    )


def unreadable_finding(source: SourceFile, error: OSError) -> Finding:
    """``file.special`` for a data file that is not a regular file, ``file.unreadable`` otherwise."""
    if isinstance(error, NotRegular):
        return Finding(
            source.display, None, None, "", SPECIAL, Severity.ERROR,
            f"{error.what}, not a regular file: not read",
            "A data file is a regular file: replace it with one, or remove it.",
        )
    reason = error.strerror or type(error).__name__
    return Finding(
        source.display,
        None,
        None,
        "",
        UNREADABLE,
        Severity.ERROR,
        f"the file cannot be read: {reason}",
        "Check that it is a regular file you may read.",
    )


def parse_file(
    source: SourceFile, start: int = 0, end: int | None = None, first_line: int = 1, *, check_depth: bool = True
) -> Iterator[Document | Finding]:
    """Every document of one data file (one for a record file, one per line for JSON Lines),
    or the findings that stand in for those that could not be parsed. Never raises.

    For JSON Lines, ``start``, ``end`` and ``first_line`` limit it to a part of the file
    (see :func:`communique.read.line_ranges`); ``check_depth`` is :func:`parse_text`'s."""
    for _, items in parse_batches(source, start, end, first_line, check_depth=check_depth):
        yield from items


def parse_batches(
    source: SourceFile, start: int = 0, end: int | None = None, first_line: int = 1, *, check_depth: bool = True
) -> Iterator[tuple[int, list[Document | Finding]]]:
    """:func:`parse_file`'s documents and findings in lists of a block's worth of lines, each
    with the number of the last line it covers, blank lines included (0 when the file
    could not be read): what the validator needs to number the lines of the next part."""
    try:
        if not source.lines:
            try:
                text = read_record(source)
            except TooLarge as error:
                yield 1, [too_large_finding(source, 1, error.size)]
                return
            result = parse_text(text, source, check_depth=check_depth)
            yield 1, [result] if type(result) is Document else result  # type: ignore[list-item]
            return
        for batch in line_batches(source, start, end, first_line):
            items: list[Document | Finding] = []
            for number, offset, line in batch:
                if type(line) is not bytes:  # TooLarge
                    items.append(too_large_finding(source, number, line.size))
                    continue
                if line[:1] != b"{" and not line.strip(_WHITE_SPACE):
                    continue
                result = parse_text(line, source, number, offset, check_depth=check_depth)
                if type(result) is Document:
                    items.append(result)
                else:
                    items.extend(result)  # type: ignore[arg-type]
            last_number, _, last = batch[-1]
            yield last_number + (extra_lines(last) if type(last) is bytes else last.extra_lines), items
    except OSError as error:
        yield 0, [unreadable_finding(source, error)]


def iter_documents(dataset_dir: Path) -> Iterator[tuple[SourceFile | None, Document | Finding]]:
    """Every document of a dataset, file by file in :func:`communique.read.discover` order.

    Each item is ``(source file, Document)`` for a text that is strict JSON, or
    ``(source file, Finding)`` for each ``json.*``/``file.*`` problem that kept a text
    from being parsed (the document is then absent); the findings on entries of the
    dataset that are not data files come first, as ``(None, Finding)``. Never raises on
    bad data.
    """
    listing = discover(dataset_dir)
    for finding in listing.findings:
        yield None, finding
    for source in listing.sources:
        for item in parse_file(source):
            yield source, item


@contextmanager
def bulk_loading() -> Iterator[None]:
    """Keep the garbage collector out of a bulk load.

    Parsing a large dataset creates millions of containers that all stay alive; each
    collection pass walks them again for nothing, which costs a third of the load time.
    After the load they are frozen (moved out of the collector's sight for good).
    """
    enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        gc.freeze()
        if enabled:
            gc.enable()
