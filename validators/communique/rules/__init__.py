"""Every validation rule, registered on import; the rule catalogue.

Each module registers its layer's rules in :data:`communique.rules.base.RULES`:
``json.*``/``file.*`` (parsing), ``schema.*``, ``id.*``/``ref.*`` (integrity),
``meaning.*``, ``silence.*``.
"""

from __future__ import annotations

from communique.rules import integrity, meaning, parsing, schema, silencing  # noqa: F401  (registration)
from communique.rules.base import RULES, Rule


def catalogue() -> list[Rule]:
    """Every rule, sorted by id: what the site publishes."""
    return sorted(RULES.values(), key=lambda rule: rule.id)
