"""Every validation rule, registered on import; the rule catalogue.

Each module registers its rules in :data:`communique.rules.base.RULES`: ``json.*`` and
``file.*`` (parsing), ``schema.*``, ``id.*`` and ``ref.*`` (integrity), ``silence.*``
(silencing), and the ``meaning.*`` rules by subject (statements, actors, treaties) and
by type of value (:mod:`communique.rules.values`). A new rule is a new module here (or a
function in one), imported below.
"""

from __future__ import annotations

from communique.rules import actors, integrity, parsing, schema, silencing, statements, treaties  # noqa: F401  (registration)
from communique.rules.base import RULES, Rule
from communique.rules.values import codelist, country, language, url, wikidata  # noqa: F401  (registration)


def catalogue() -> list[Rule]:
    """Every rule, sorted by id: what the site publishes."""
    return sorted(RULES.values(), key=lambda rule: rule.id)
