"""JSON Lines are cut into lines exactly, whatever the block size, line lengths and parts,
and numbered as an editor numbers them (a bare CR ends a line too)."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from communique import read
from communique.kinds import STATEMENT
from communique.read import SourceFile, TooLarge, line_batches, line_ranges

LIMIT = 8  # the cap on a line, for these tests


def _expected(data: bytes) -> list[tuple[int, int, bytes | int]]:
    """(editor's line number, offset, line or the size of an over-long one), the plain way."""
    found, offset = [], 0
    pieces = data.split(b"\n")
    if pieces[-1] == b"":
        pieces.pop()
    for piece in pieces:
        ended = offset + len(piece) < len(data)  # a line break follows it
        size = len(piece) + ended
        number = 1 + len(re.findall(rb"\r\n?|\n", data[:offset]))
        found.append((number, offset, piece if len(piece) <= LIMIT else size))
        offset += size
    return found


def _batches(source: SourceFile, start: int = 0, end: int | None = None) -> list[tuple[int, int, bytes | TooLarge]]:
    return [item for batch in line_batches(source, start, end) for item in batch]


def _got(source: SourceFile, start: int = 0, end: int | None = None) -> list[tuple[int, int, bytes | int]]:
    return [(number, offset, text.size if isinstance(text, TooLarge) else text) for number, offset, text in _batches(source, start, end)]


def _covered(items: list[tuple[int, int, bytes | TooLarge]]) -> int:
    """The editor's lines a part covers: its last line's number and the line ends inside that line."""
    if not items:
        return 0
    number, _, text = items[-1]
    return number + (text.extra_lines if isinstance(text, TooLarge) else read.extra_lines(text))


lines = st.lists(
    st.lists(st.sampled_from([b"\r", b"x", b"{}", b"\xe9"]), max_size=LIMIT * 2).map(b"".join) | st.binary(max_size=LIMIT * 2).map(lambda text: text.replace(b"\n", b"x")),
    max_size=12,
)


@settings(max_examples=300, deadline=None)
@given(lines=lines, last_break=st.booleans(), chunk=st.integers(1, 20), part=st.integers(1, 30))
def test_lines_come_whole_with_their_numbers_and_offsets(tmp_path_factory: pytest.TempPathFactory, lines, last_break, chunk, part):
    data = b"\n".join(lines) + (b"\n" if last_break and lines else b"")
    path = tmp_path_factory.mktemp("jsonl") / "bulk.jsonl"
    path.write_bytes(data)
    source = SourceFile.at(str(path), "bulk.jsonl", STATEMENT, True)
    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(read, "_CHUNK", chunk)
        patch.setattr(read, "MAX_DOCUMENT_BYTES", LIMIT)
        expected = _expected(data)
        assert _got(source) == expected
        # the parts a file is cut into give the same lines, each once, numbered from 1 in each part
        lines_before, renumbered = 0, []
        for start, end in line_ranges(source, part):
            got = _got(source, start, end)
            renumbered += [(number + lines_before, offset, text) for number, offset, text in got]
            lines_before += _covered(_batches(source, start, end))
        assert renumbered == expected


def test_a_line_over_the_cap_is_skipped_without_being_read_whole(tmp_path: Path, monkeypatch: pytest.MonkeyPatch):
    monkeypatch.setattr(read, "_CHUNK", 4)
    monkeypatch.setattr(read, "MAX_DOCUMENT_BYTES", LIMIT)
    path = tmp_path / "bulk.jsonl"
    path.write_bytes(b"{}\n" + b"x" * 50 + b"\n{}")
    source = SourceFile.at(str(path), "bulk.jsonl", STATEMENT, True)
    assert _got(source) == [(1, 0, b"{}"), (2, 3, 51), (3, 54, b"{}")]
