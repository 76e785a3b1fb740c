"""Whether a changed ``pattern`` still accepts every string the old one did.

Whether one regular expression's language contains another's cannot be decided in
general for the expressions JSON Schema allows (look-arounds, back-references), so the
classifier decides by structure only, and counts every other change as breaking: the new
pattern is looser when each top-level alternative of the old one is kept as a top-level
alternative of the new one (``a|b`` -> ``a|b|c``), inside the same ``^...$`` anchors, also
when the new one makes the old one optional (``^(?:a)?$``). The test suite checks the rule
against strings drawn from the old patterns.
"""

from __future__ import annotations

import re
from collections.abc import Iterator

_BACKREFERENCE = re.compile(r"\\(?:[1-9]|k<)")

RULE = (
    "a changed pattern counts as breaking unless it provably accepts every string the old one did: "
    "each top-level alternative of the old pattern kept as an alternative of the new one, "
    "inside the same anchors, or the old pattern made optional"
)


def _structure(pattern: str) -> Iterator[tuple[int, str, int]]:
    """Each character that is syntax (not escaped, not inside a character class), with its
    index and the depth of groups it stands in (a group's own parentheses at the outer depth)."""
    depth, index, in_class = 0, 0, False
    while index < len(pattern):
        char = pattern[index]
        if char == "\\":
            index += 2
            continue
        if in_class:
            in_class = char != "]"
        elif char == "[":
            in_class = True
            if pattern[index + 1 : index + 2] == "^":
                index += 1
            if pattern[index + 1 : index + 2] == "]":  # a literal ] first in a class
                index += 1
        else:
            depth -= char == ")"
            yield index, char, depth
            depth += char == "("
        index += 1


def alternatives(pattern: str) -> list[str]:
    """The top-level alternatives: the parts between the ``|`` outside any group or class."""
    cuts = [-1, *(index for index, char, depth in _structure(pattern) if char == "|" and depth == 0), len(pattern)]
    return [pattern[start + 1 : end] for start, end in zip(cuts, cuts[1:])]


def _closing(pattern: str) -> int | None:
    """The index of the ``)`` that closes the group the pattern opens with."""
    return next((index for index, char, depth in _structure(pattern) if char == ")" and depth == 0), None)


def _ungroup(pattern: str, *, optional: bool = False) -> str | None:
    """The inside of a group ``(?:...)`` or ``(...)`` that spans the whole pattern (followed
    by ``?`` when ``optional``), else None."""
    if not pattern.startswith("("):
        return None
    end = _closing(pattern)
    if end is None or pattern[end + 1 :] != ("?" if optional else ""):
        return None
    inside = pattern[1:end]
    if inside.startswith("?:"):
        return inside[2:]
    return None if inside.startswith("?") else inside  # (?=...), (?!...), (?P<...>...) are not plain groups


def _anchored(pattern: str) -> str | None:
    """The inside of ``^...$`` when the anchors hold for the whole pattern, else None."""
    if len(pattern) < 2 or not pattern.startswith("^") or not pattern.endswith("$"):
        return None
    inside = pattern[1:-1]
    trailing = len(inside) - len(inside.rstrip("\\"))
    if trailing % 2 or len(alternatives(pattern)) != 1:
        return None  # an escaped \$, or ^a|b$ whose anchors bind to one alternative each
    return inside


def _options(pattern: str) -> set[str]:
    """The top-level alternatives of a pattern, looking through one enclosing plain group."""
    inside = _ungroup(pattern)
    return set(alternatives(pattern if inside is None else inside))


def accepts_all_of(old: str, new: str) -> bool:
    """True when ``new`` provably matches every string ``old`` matches (see the module's rule)."""
    if old == new:
        return True
    if _BACKREFERENCE.search(old) or _BACKREFERENCE.search(new):
        return False  # \1 names a group by number: moving text between groups changes what it means
    old_inside, new_inside = _anchored(old), _anchored(new)
    if old_inside is not None and new_inside is not None:
        optional = _ungroup(new_inside, optional=True)
        if optional is not None:
            new_inside = optional
        return _options(old_inside) <= _options(new_inside)
    if new_inside is None:
        # a search for a|b|c succeeds wherever one for a or b does, anchored or not
        return set(alternatives(old)) <= set(alternatives(new))
    return False
