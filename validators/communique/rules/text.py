"""Comparing a statement's text with its article's body, and statements with each other.

A curator copies a quote from a web page; the page and the record may differ in ways a
reader cannot see: a no-break space for a space, a line break, curly or straight quote
marks and apostrophes, composed or decomposed accents, invisible zero-width characters.
:func:`canonical` removes exactly those differences and nothing else, so a quote is
still compared letter for letter, case and punctuation included.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass
from functools import lru_cache

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


def canonical(text: str) -> str:
    """``text`` in NFC with quote marks made straight, invisible characters dropped and
    every run of white space (no-break spaces and line breaks included) one space."""
    return " ".join(unicodedata.normalize("NFC", text).translate(_TABLE).split())


@dataclass(frozen=True, slots=True)
class Match:
    """Where a passage was looked for in a body, and how far it got."""

    found: bool
    blank: bool = False  # not found: the passage has no visible text at all
    inside_word: bool = False  # found, but only as part of longer words
    matched: str = ""  # when not found: the longest leading part of the passage that is in the body
    unmatched: str = ""  # ... and the rest, from where the two part ways (both canonical)


def _bounded(body: str, passage: str, start: int) -> bool:
    """Whether the passage at ``start`` begins and ends on word boundaries where it has letters."""
    end = start + len(passage)
    if start > 0 and passage[0].isalnum() and body[start - 1].isalnum():
        return False
    return not (end < len(body) and passage[-1].isalnum() and body[end].isalnum())


def _find_bounded(body: str, passage: str) -> tuple[bool, bool]:
    """(found on word boundaries, found at all)."""
    start = body.find(passage)
    found = start >= 0
    while start >= 0:
        if _bounded(body, passage, start):
            return True, True
        start = body.find(passage, start + 1)
    return False, found


def _found_in_utf8(body: bytes, passage: str) -> bool:
    """Whether ``passage`` occurs on word boundaries in the UTF-8 text ``body``, exactly
    where :func:`_find_bounded` would find it in the decoded text.

    In valid UTF-8 an encoded passage can only match where a character starts, so the
    byte search finds the places the text search would; only the characters either
    side of a match are decoded.
    """
    needle = passage.encode("utf-8", "surrogatepass")  # a lone surrogate matches nothing
    start = body.find(needle)
    if start < 0:
        return False
    first, last, size, length = passage[0].isalnum(), passage[-1].isalnum(), len(needle), len(body)
    while start >= 0:
        if first and start > 0:  # the letter or digit before, if any (ASCII without a call)
            byte = body[start - 1]
            if _ASCII_ALNUM[byte] if byte < 0x80 else _alnum_before(body, start):
                start = body.find(needle, start + 1)
                continue
        end = start + size
        if last and end < length:
            byte = body[end]
            if _ASCII_ALNUM[byte] if byte < 0x80 else _alnum_at(body, end):
                start = body.find(needle, start + 1)
                continue
        return True
    return False


_ASCII_ALNUM = bytes(chr(byte).isalnum() for byte in range(128))


def _alnum_before(body: bytes, at: int) -> bool:
    """Whether the character that ends just before byte ``at`` (not ASCII) is a letter or digit."""
    start = at - 1
    while start > 0 and body[start] & 0xC0 == 0x80:  # back to the character's first byte
        start -= 1
    return body[start:at].decode("utf-8").isalnum()


def _alnum_at(body: bytes, at: int) -> bool:
    """Whether the character that starts at byte ``at`` (not ASCII) is a letter or digit."""
    byte = body[at]
    size = 2 if byte < 0xE0 else 3 if byte < 0xF0 else 4
    return body[at : at + size].decode("utf-8").isalnum()


_FOUND = Match(True)
_BLANK = Match(False, blank=True)


def find_passage(passage: str, body: str | bytes) -> Match:
    """Whether ``passage`` occurs in ``body`` verbatim, on word boundaries, up to :func:`canonical`.

    ``body`` is a text, or its UTF-8 encoding (how the validator keeps long texts). The
    raw text is tried first: it is what a careful curator writes, and costs one
    substring search. Only a miss pays for normalising the body. A passage with nothing
    visible in it (white space, invisible characters) is never found: it says nothing.
    """
    if not passage[:1].isalnum() and not canonical(passage):  # most passages start with a letter
        return _BLANK
    if passage:
        if type(body) is bytes:
            if _found_in_utf8(body, passage):
                return _FOUND
        elif _find_bounded(body, passage)[0]:  # type: ignore[arg-type]
            return _FOUND
    passage, canonical_body = canonical(passage), _canonical_body(body)
    bounded, anywhere = _find_bounded(canonical_body, passage)
    if bounded:
        return _FOUND
    if anywhere:
        return Match(False, inside_word=True, matched=passage)
    split = _longest_found_prefix(passage, canonical_body)
    return Match(False, matched=passage[:split], unmatched=passage[split:])


@lru_cache(maxsize=64)  # the statements of one article usually come one after another
def _canonical_body(body: str | bytes) -> str:
    return canonical(body.decode("utf-8") if type(body) is bytes else body)  # type: ignore[union-attr]


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
