"""Short texts for pages: a text cut at a word, a count with its noun, a size in bytes."""

from __future__ import annotations

ELLIPSIS = "…"


def shorten(text: str, limit: int) -> str:
    """``text`` (white space collapsed) in at most ``limit`` characters, cut after a whole word.

    A text cut mid-word ("the People's Re…") reads as a different word; a single word longer
    than the limit is the one case cut inside, since nothing shorter would say anything.
    """
    text = " ".join(text.split())
    if len(text) <= limit:
        return text
    room = text[: limit - len(ELLIPSIS) + 1]  # the character after the room says whether a word ends there
    cut = room.rfind(" ")
    kept = room[:cut] if cut > 0 else room[:-1]
    return kept.rstrip(" ,;:.-–—") + ELLIPSIS


def plural(count: int, singular: str, plural_form: str | None = None) -> str:
    """``1 treaty``, ``2 treaties``: the count and its noun in the number the count needs."""
    if count == 1:
        return f"{count:,} {singular}"
    if plural_form is None:
        plural_form = singular[:-1] + "ies" if singular.endswith("y") and singular[-2:-1] not in "aeiou" else singular + "s"
    return f"{count:,} {plural_form}"


_UNITS = ("bytes", "kB", "MB", "GB", "TB")


def size(count: int) -> str:
    """A size as people read it, in decimal units: ``512 bytes``, ``12.3 kB``, ``4.1 MB``."""
    if count < 1000:
        return plural(count, "byte")
    value, unit = float(count), 0
    while value >= 999.95 and unit < len(_UNITS) - 1:
        value, unit = value / 1000, unit + 1
    return f"{value:.1f} {_UNITS[unit]}"
