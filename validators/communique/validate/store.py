"""The records of one run, held compactly: where each is, which id it has, and the kept records.

Every record (every JSON text that parsed) gets a number, in dataset order, and only its
place is kept: sixteen bytes, so that a dataset of millions of statements is checked
in bounded memory. Records of the kinds that references point at and record rules look
up (actors, articles, events, treaties) are kept whole; when forked workers will share
them, their long free texts are held as UTF-8 in one blob per share (see :class:`Stored`).
"""

from __future__ import annotations

import operator
from array import array
from collections.abc import Iterable, Iterator, Mapping
from functools import cache
from itertools import repeat
from typing import Any

from communique.kinds import Kind
from communique.read import SourceFile
from communique.schemafields import fields

#: The length from which a kept record's free text is held as UTF-8 in a blob.
LONG_TEXT = 1024


@cache
def _free_texts(kind: Kind) -> frozenset[str]:
    """The top-level fields of free text (the shared ``text`` definition): what may be long."""
    return frozenset(field.path[0] for field in fields(kind.name) if len(field.path) == 1 and "text" in field.defs)


#: Texts decoded lately, by (blob, start): the statements of one article come one after
#: another, so each body is decoded about once per share, not once per statement.
_DECODED: dict[tuple[int, int], tuple[bytes, str]] = {}
_DECODED_MAX = 64


def _text(blob: bytes, span: tuple[int, int]) -> str:
    key = (id(blob), span[0])
    entry = _DECODED.get(key)
    if entry is not None and entry[0] is blob:
        return entry[1]
    text = blob[span[0] : span[1]].decode("utf-8")
    if len(_DECODED) >= _DECODED_MAX:
        _DECODED.clear()
    _DECODED[key] = (blob, text)
    return text


class Stored(Mapping[str, Any]):
    """A kept record whose long free texts live, as UTF-8, in one blob shared by its share.

    The record holds ``(start, end)`` in the blob for each such text (a tuple: JSON gives
    none); reading the text decodes it to the ``str`` it was (rules only ever see ``str``).
    Why a blob: UTF-8 is half the size of a ``str`` that holds one curly quote, and a
    worker process that reads a text of its own object writes that object's reference
    count, so the kernel copies the page it sits on; an article's body is a page or more.
    A blob is one object, touched on one page.
    """

    __slots__ = ("record", "blob")

    def __init__(self, record: dict[str, Any], blob: bytes) -> None:
        self.record = record
        self.blob = blob

    def __getitem__(self, key: str) -> Any:
        value = self.record[key]
        return _text(self.blob, value) if type(value) is tuple else value

    def get(self, key: str, default: Any = None) -> Any:
        value = self.record.get(key, default)
        return _text(self.blob, value) if type(value) is tuple else value

    def __contains__(self, key: object) -> bool:  # Mapping's own would decode the text
        return key in self.record

    def __iter__(self) -> Iterator[str]:
        return iter(self.record)

    def __len__(self) -> int:
        return len(self.record)


def compact(records: list[tuple[dict[str, Any], Kind]]) -> list[Mapping[str, Any]]:
    """The records, each with its long free texts moved to one blob of UTF-8 (see :class:`Stored`)."""
    texts: list[bytes] = []
    size = 0
    compacted: list[tuple[dict[str, Any], bool]] = []
    for record, kind in records:
        moved = False
        for name in _free_texts(kind):
            text = record.get(name)
            if type(text) is str and len(text) > LONG_TEXT:
                encoded = text.encode("utf-8")
                record[name] = (size, size + len(encoded))
                texts.append(encoded)
                size += len(encoded)
                moved = True
        compacted.append((record, moved))
    blob = b"".join(texts)
    return [Stored(record, blob) if moved else record for record, moved in compacted]


class NewRecords:
    """The records a share found, numbered from 0 within it: places and ids."""

    __slots__ = ("sources", "lines", "offsets", "id_numbers", "ids")

    def __init__(self) -> None:
        self.sources = array("I")  # source file numbers
        self.lines = array("I")
        self.offsets = array("Q")
        self.id_numbers: list[int] = []  # the number of each record with an id ...
        self.ids: list[str] = []  # ... and the id

    def __len__(self) -> int:
        return len(self.sources)


class Store:
    """Every record of a run by number and by id, and the kept records by kind and id.

    It is the :class:`~communique.rules.base.Index` record rules look up and the
    :class:`~communique.rules.base.Dataset` rules over many records finish with.
    """

    def __init__(self, sources: list[SourceFile], kept: Iterable[Kind]) -> None:
        self.sources = sources
        self.source_numbers = array("I")  # by record number: its source file's number,
        self.lines = array("I")  # ... its first line
        self.offsets = array("Q")  # ... and its byte offset in the file
        self.first: dict[str, int] = {}  # id -> the number of the first record with it
        self.repeats: dict[str, list[int]] = {}  # id -> every record with it, for ids several have
        self.records: dict[Kind, dict[str, Mapping[str, Any]]] = {kind: {} for kind in kept}  # the kept kinds' only
        self.known: dict[str, Kind] = {}  # the kinds of the ids known when checking began

    # --- filling it, in dataset order ---------------------------------------------------

    def add(self, new: NewRecords) -> int:
        """Take in a share's records; returns the number of its first one."""
        offset = len(self.source_numbers)
        self.source_numbers.extend(new.sources)
        self.lines.extend(new.lines)
        self.offsets.extend(new.offsets)
        numbers = list(map(operator.add, new.id_numbers, repeat(offset)))
        # one look-up per id, at C speed: each id's first record, which is its own unless repeated
        firsts = list(map(self.first.setdefault, new.ids, numbers))
        if firsts != numbers:
            for record_id, number, first in zip(new.ids, numbers, firsts):
                if first != number:
                    self.repeats.setdefault(record_id, [first]).append(number)
        return offset

    def keep(self, kind: Kind, record_id: str, record: Mapping[str, Any]) -> None:
        self.records[kind].setdefault(record_id, record)

    def settle_known(self) -> None:
        """Note the kinds of the ids read so far: what references are settled against where found."""
        self.known = {record_id: self.kind(number) for record_id, number in self.first.items()}

    # --- where a record is ----------------------------------------------------------------

    def where(self, number: int) -> tuple[SourceFile, int, int]:
        """``(source file, line, byte offset)`` of record ``number``."""
        return self.sources[self.source_numbers[number]], self.lines[number], self.offsets[number]

    def __len__(self) -> int:
        return len(self.source_numbers)

    # --- Index ------------------------------------------------------------------------------

    def get(self, kind: Kind, record_id: str) -> Mapping[str, Any] | None:
        try:
            return self.records[kind].get(record_id)
        except KeyError:  # a rule's bug, reported as its finding: it would find nothing, silently
            raise LookupError(f"{kind.name} records are streamed, not kept: a rule that compares two of them collects across records") from None

    # --- Dataset ----------------------------------------------------------------------------

    def kind(self, number: int) -> Kind:
        return self.sources[self.source_numbers[number]].kind

    def kind_of(self, record_id: str) -> Kind | None:
        number = self.first.get(record_id)
        return None if number is None else self.kind(number)

    def number_of(self, record_id: str) -> int | None:
        return self.first.get(record_id)

    def repeated_ids(self) -> Iterator[tuple[str, list[int]]]:
        for record_id, numbers in self.repeats.items():
            yield record_id, list(numbers)

    def ids(self, kind: Kind) -> Iterator[str]:
        return (record_id for record_id, number in self.first.items() if self.kind(number) is kind)

    def unread(self, kind: Kind) -> bool:
        held = set(self.source_numbers)
        return any(source.kind is kind and number not in held for number, source in enumerate(self.sources))

    def place(self, number: int) -> str:
        source, line, _ = self.where(number)
        return f"{source.display}, line {line}" if source.lines else source.display
