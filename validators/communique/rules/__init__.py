"""Every validation rule, registered on import; the rule catalogue.

Each module registers its rules in :data:`communique.rules.base.RULES`: ``json.*`` and
``file.*`` (parsing), ``schema.*``, ``id.*`` and ``ref.*`` (integrity), ``silence.*``
(silencing), and the ``meaning.*`` rules by subject (statements, actors, treaties) and
by type of value (:mod:`communique.rules.values`). Every module of this package and of
``values`` is imported here, in name order, so a new rule is a new module (or a function
in one) and nothing else.
"""

from __future__ import annotations

import importlib
import pkgutil

from communique.rules import integrity, parsing, schema, silencing  # noqa: F401  (registration: these first, in this order)
from communique.rules import values as _values
from communique.rules.base import RULES, Rule

for _package in (__name__, _values.__name__):
    for _module in sorted(pkgutil.iter_modules(importlib.import_module(_package).__path__), key=lambda found: found.name):
        importlib.import_module(f"{_package}.{_module.name}")


def catalogue() -> list[Rule]:
    """Every rule, sorted by id: what the site publishes."""
    return sorted(RULES.values(), key=lambda rule: rule.id)
