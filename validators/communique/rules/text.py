"""Comparing a statement's text with its article's body, and statements with each other.

A curator copies a quote from a web page; the page and the record may differ in ways a
reader cannot see: a no-break space for a space, a line break, curly or straight quote
marks and apostrophes, composed or decomposed accents, invisible zero-width characters.
:func:`canonical` removes exactly those differences and nothing else, so a quote is
still compared letter for letter, case and punctuation included.

:func:`find_passage` is the one place that decides whether, and where, a passage is in a
body: the quote and paraphrase rules ask it whether, the article pages ask it where (to
highlight the passage), so a page never shows a statement the validator refuses, nor
misses one it accepts. Every search is linear in the body and the passage: a body of
one letter repeated millions of times costs one pass, not one pass per occurrence.
"""

from __future__ import annotations

import re
import unicodedata
from bisect import bisect_right
from functools import cached_property, lru_cache
from typing import NamedTuple

_DOUBLE_QUOTES = "\"\u201c\u201d\u201e\u201f\u00ab\u00bb\u301d\u301e\uff02"
_SINGLE_QUOTES = "'\u2018\u2019\u201a\u201b\u2039\u203a\u0060\u00b4\uff07"
_INVISIBLE = "\u00ad\u200b\u2060\ufeff"  # soft hyphen, zero-width space, word joiner, BOM

_TABLE = str.maketrans(
    {
        **{mark: '"' for mark in _DOUBLE_QUOTES},
        **{mark: "'" for mark in _SINGLE_QUOTES},
        **{char: None for char in _INVISIBLE},
    }
)
_INVISIBLES = re.compile(f"[{_INVISIBLE}]")
# Runs of letters and digits: [^\W_] is exactly str.isalnum.
_WORDS = re.compile(r"([^\W_]+)")
# Occurrences checked one by one before switching to the search that is linear however
# many occurrences there are (see _find_marked).
_TRIES = 8


def canonical(text: str) -> str:
    """``text`` in NFC with quote marks made straight, invisible characters dropped and
    every run of white space (no-break spaces and line breaks included) one space."""
    return " ".join(unicodedata.normalize("NFC", text).translate(_TABLE).split())


class Match(NamedTuple):
    """Where a passage was looked for in a body, and how far it got (a named tuple: the
    quote rules make one for every statement)."""

    found: bool
    blank: bool = False  # not found: the passage has no visible text at all
    inside_word: bool = False  # found, but only as part of longer words
    matched: str = ""  # when not found: the longest leading part of the passage that is in the body
    unmatched: str = ""  # ... and the rest, from where the two part ways (both canonical)
    # When found: where, as ``body[start:end]`` (byte offsets for a UTF-8 body). A body not
    # in NFC that matched only once normalised gives places in its NFC form, so a caller
    # that shows the place (the article page) passes NFC text.
    start: int = -1
    end: int = -1


def _hidden(char: str) -> bool:
    """Whether ``char`` is an invisible character or a combining mark: normalising removes
    or merges it. (Neither comes before U+00AD: callers test that first, without a call.)"""
    return char in _INVISIBLE or unicodedata.category(char)[0] == "M"


def _joins(char: str) -> bool:
    """Whether ``char`` could make a passage beside it part of a longer word once the text
    is canonical: a letter or digit, or a character :func:`canonical` removes or merges.
    Next to any other character a raw match is settled; next to these, the canonical
    search decides."""
    return char.isalnum() or char >= "\xad" and _hidden(char)


def _find_raw(body: str | bytes, passage: str) -> int:
    """Where ``passage`` occurs in ``body`` as written, on word boundaries beyond doubt, among
    its first few occurrences; -1 leaves the answer to the canonical search.

    ``body`` is a text or its UTF-8 encoding (the place is then in bytes): in valid UTF-8
    an encoded passage can only match where a character starts, so the byte search finds
    the places the text search would. Written out in one function, with the ASCII cases
    first: the quote rules call it for every statement.
    """
    first, last = passage[0], passage[-1]
    if (first >= "\xad" and _hidden(first)) or (last >= "\xad" and _hidden(last)):
        return -1
    check_before, check_after = first.isalnum(), last.isalnum()
    if type(body) is bytes:
        needle = passage.encode("utf-8", "surrogatepass")
        size, length = len(needle), len(body)
        start, tries = body.find(needle), 0
        while start >= 0 and tries < _TRIES:
            end = start + size
            if not (check_before and start > 0 and (_ASCII_ALNUM[body[start - 1]] if body[start - 1] < 0x80 else _joins(_char_before(body, start)))) \
                    and not (check_after and end < length and (_ASCII_ALNUM[body[end]] if body[end] < 0x80 else _joins(_char_at(body, end)))):
                return start
            start, tries = body.find(needle, start + 1), tries + 1
        return -1
    size, length = len(passage), len(body)
    start, tries = body.find(passage), 0
    while start >= 0 and tries < _TRIES:
        end = start + size
        if check_before and start > 0 and ((char := body[start - 1]).isalnum() or char >= "\xad" and _hidden(char)):
            pass
        elif check_after and end < length and ((char := body[end]).isalnum() or char >= "\xad" and _hidden(char)):
            pass
        else:
            return start
        start, tries = body.find(passage, start + 1), tries + 1
    return -1


def _find_bounded(body: str, passage: str) -> tuple[int, bool]:
    """(where ``passage`` first occurs in ``body`` on word boundaries or -1, whether it occurs
    at all), in time linear in both however many times it occurs inside longer words.

    The first few occurrences are checked one by one (usually the first is the one);
    past those, one search in the text with its word boundaries marked decides.
    """
    first, last = passage[0].isalnum(), passage[-1].isalnum()
    start, tries = body.find(passage), 0
    if start < 0:
        return -1, False
    while start >= 0 and tries < _TRIES:
        before = first and start > 0 and body[start - 1].isalnum()
        after = last and start + len(passage) < len(body) and body[start + len(passage)].isalnum()
        if not before and not after:
            return start, True
        start, tries = body.find(passage, start + 1), tries + 1
    return (_find_marked(body, passage) if start >= 0 else -1), True


@lru_cache(maxsize=8)  # the statements of one article usually come one after another
def _marked(text: str) -> tuple[str, str]:
    """(a marker character not in ``text``, ``text`` with the marker at every word boundary)."""
    marker = next(char for char in ("\x00", *map(chr, range(0xFDD0, 0xFDF0))) if char not in text)
    return marker, marker.join(_WORDS.split(text))


def _find_marked(text: str, passage: str) -> int:
    """Where ``passage`` first occurs in ``text`` on word boundaries, or -1, in time linear in both.

    With a marker between every run of letters and digits and what is next to it (and at
    the ends), in the text and in the passage alike, a passage that begins with a letter
    begins with a marker, which in the text stands only where a word begins: one plain
    substring search finds exactly the occurrences on word boundaries.
    """
    marker, marked = _marked(text)
    if marker in passage:  # a character the text does not have
        return -1
    at = marked.find(marker.join(_WORDS.split(passage)))
    return at - marked.count(marker, 0, at) if at >= 0 else -1


_ASCII_ALNUM = bytes(chr(byte).isalnum() for byte in range(128))


def _char_before(body: bytes, at: int) -> str:
    """The character (not ASCII) that ends just before byte ``at`` of a UTF-8 text."""
    start = at - 1
    while start > 0 and body[start] & 0xC0 == 0x80:  # back to the character's first byte
        start -= 1
    return body[start:at].decode("utf-8")


def _char_at(body: bytes, at: int) -> str:
    """The character (not ASCII) that starts at byte ``at`` of a UTF-8 text."""
    byte = body[at]
    size = 2 if byte < 0xE0 else 3 if byte < 0xF0 else 4
    return body[at : at + size].decode("utf-8")


_BLANK = Match(False, blank=True)
_new_tuple = tuple.__new__  # a Match without NamedTuple's keyword handling, for the common case


def find_passage(passage: str, body: str | bytes) -> Match:
    """Whether, and where, ``passage`` occurs in ``body`` verbatim, on word boundaries, up to
    :func:`canonical`.

    ``body`` is a text, or its UTF-8 encoding (how the validator keeps long texts). The
    raw text is tried first: it is what a careful curator writes, and costs one
    substring search. Only a miss pays for normalising the body. A passage with nothing
    visible in it (white space, invisible characters) is never found: it says nothing.
    """
    if not passage[:1].isalnum() and not canonical(passage):  # most passages start with a letter
        return _BLANK
    if passage:
        start = _find_raw(body, passage)
        if start >= 0:
            size = len(passage) if type(body) is str or passage.isascii() else len(passage.encode("utf-8", "surrogatepass"))
            return _new_tuple(Match, (True, False, False, "", "", start, start + size))
    passage, normal = canonical(passage), _canonical_body(body)
    start, anywhere = _find_bounded(normal.text, passage)
    if start >= 0:
        start, end = normal.place(start), normal.place(start + len(passage) - 1) + 1
        if type(body) is bytes:
            start, end = len(normal.nfc[:start].encode("utf-8")), len(normal.nfc[:end].encode("utf-8"))
        return Match(True, start=start, end=end)
    if anywhere:
        return Match(False, inside_word=True, matched=passage)
    split = _longest_found_prefix(passage, normal.text)
    return Match(False, matched=passage[:split], unmatched=passage[split:])


class _Canonical:
    """A body's canonical text, and the way back from a place in it to the body's NFC text."""

    def __init__(self, body: str | bytes) -> None:
        # For a text already in NFC (most are), normalize returns the text itself: no copy.
        self.nfc = unicodedata.normalize("NFC", body.decode("utf-8") if type(body) is bytes else body)  # type: ignore[union-attr]
        self.text = " ".join(self.nfc.translate(_TABLE).split())

    @cached_property
    def plain(self) -> str:
        """The NFC text with quote marks straight and invisibles dropped: one to one with it
        but for those (made again when first needed, rather than kept for every body)."""
        return self.nfc.translate(_TABLE)

    @cached_property
    def _dropped(self) -> list[int]:
        """For each invisible character of the NFC text, where it was dropped from ``plain``."""
        if not any(char in self.nfc for char in _INVISIBLE):
            return []
        return [match.start() - count for count, match in enumerate(_INVISIBLES.finditer(self.nfc))]

    def place(self, position: int) -> int:
        """The place in the NFC text of the (visible) character at ``position`` of the canonical text.

        The canonical text is the words of ``plain`` joined by single spaces: the character
        is in the same word of ``plain``, at the same distance from the word's start; the
        invisible characters dropped before it give the rest. Only C-level string
        operations, linear in the text.
        """
        word = self.text.count(" ", 0, position)
        within = position - self.text.rfind(" ", 0, position) - 1
        at = len(self.plain) - len(self.plain.split(None, word)[-1]) + within
        return at + bisect_right(self._dropped, at)


@lru_cache(maxsize=64)  # the statements of one article usually come one after another
def _canonical_body(body: str | bytes) -> _Canonical:
    return _Canonical(body)


def _longest_found_prefix(passage: str, body: str) -> int:
    """The length of the longest leading part of ``passage`` found in ``body`` (binary search:
    if a prefix occurs, so does every shorter one)."""
    low, high = 0, len(passage)
    while low < high:
        middle = (low + high + 1) // 2
        if passage[:middle] in body:
            low = middle
        else:
            high = middle - 1
    return low


_NOT_WORDS = re.compile(r"[\W_]+")
# For ASCII text, the same as the regular expression below in one pass of C, four times
# faster: the near-duplicate rule fingerprints every statement of the dataset.
_ASCII_LOWER = bytes(ord(chr(byte).lower()) for byte in range(128)) + bytes(range(128, 256))
_ASCII_NOT_WORDS = bytes(byte for byte in range(128) if not chr(byte).isalnum())


def fingerprint(text: str) -> str:
    """The letters and digits of ``text`` only: case folded; punctuation, quote marks and
    spacing dropped.

    Two statements with the same fingerprint say the same words in the same order (or,
    rarely, the same letters spaced into other words: "a bc" and "ab c").
    """
    if text.isascii():
        return text.encode("ascii").translate(_ASCII_LOWER, _ASCII_NOT_WORDS).decode("ascii")
    return _NOT_WORDS.sub("", unicodedata.normalize("NFKC", text).casefold())
