"""JSON Lines are cut into lines exactly, whatever the block size, line lengths and parts."""

from __future__ import annotations

from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from communique import read
from communique.kinds import STATEMENT
from communique.read import SourceFile, TooLarge, line_batches, line_ranges

LIMIT = 8  # the cap on a line, for these tests


def _expected(data: bytes) -> list[tuple[int, int, bytes | int]]:
    """(number, offset, line or the size of an over-long one), the plain way."""
    found, offset = [], 0
    pieces = data.split(b"\n")
    if pieces[-1] == b"":
        pieces.pop()
    for number, piece in enumerate(pieces, 1):
        ended = offset + len(piece) < len(data)  # a line break follows it
        size = len(piece) + ended
        found.append((number, offset, piece if len(piece) <= LIMIT else size))
        offset += size
    return found


def _got(source: SourceFile, start: int = 0, end: int | None = None) -> list[tuple[int, int, bytes | int]]:
    return [
        (number, offset, text.size if isinstance(text, TooLarge) else text)
        for batch in line_batches(source, start, end)
        for number, offset, text in batch
    ]


lines = st.lists(st.binary(max_size=LIMIT * 2).map(lambda text: text.replace(b"\n", b"x")), max_size=12)


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
            lines_before += got[-1][0] if got else 0
        assert renumbered == expected


def test_a_line_over_the_cap_is_skipped_without_being_read_whole(tmp_path: Path, monkeypatch: pytest.MonkeyPatch):
    monkeypatch.setattr(read, "_CHUNK", 4)
    monkeypatch.setattr(read, "MAX_DOCUMENT_BYTES", LIMIT)
    path = tmp_path / "bulk.jsonl"
    path.write_bytes(b"{}\n" + b"x" * 50 + b"\n{}")
    source = SourceFile.at(str(path), "bulk.jsonl", STATEMENT, True)
    assert _got(source) == [(1, 0, b"{}"), (2, 3, 51), (3, 54, b"{}")]
