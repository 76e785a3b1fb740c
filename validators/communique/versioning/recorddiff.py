"""Which fields of a record differ between two versions of it: for the data changelog and
for what a migration changes."""

from __future__ import annotations

from typing import Any


def changed_fields(old: dict[str, Any], new: dict[str, Any]) -> list[str]:
    """The top-level fields added, removed or given another value, in the order of
    ``old`` then of the fields only ``new`` has. Values are compared as JSON values:
    the order of an object's keys does not count, the order of a list's items does."""
    names = [*old, *(name for name in new if name not in old)]
    return [name for name in names if name not in old or name not in new or not _same(old[name], new[name])]


def _same(a: Any, b: Any) -> bool:
    """JSON equality: ``true`` is not ``1`` (as Python has it), ``1`` is ``1.0``."""
    if isinstance(a, dict) and isinstance(b, dict):
        return a.keys() == b.keys() and all(_same(a[key], b[key]) for key in a)
    if isinstance(a, list) and isinstance(b, list):
        return len(a) == len(b) and all(map(_same, a, b))
    if isinstance(a, (dict, list)) or isinstance(b, (dict, list)):
        return False
    if isinstance(a, bool) or isinstance(b, bool):
        return type(a) is type(b) and a == b
    return a == b
