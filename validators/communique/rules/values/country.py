"""``meaning.country-code``: a country code is an ISO 3166-1 alpha-2 code."""

from __future__ import annotations

from collections.abc import Mapping
from functools import cache
from typing import Any

from communique.findings import Severity
from communique.rules.base import Index, Problem, record_rule
from communique.rules.common import fields_where, schema_accepts


_COUNTRY_FIELDS = fields_where(lambda field: "country" in field.defs)
KOSOVO = "XK"  # user-assigned, not in ISO 3166-1, but used for Kosovo by the EU, Wikidata and CLDR


@cache
def country_codes() -> frozenset[str]:
    """ISO 3166-1 alpha-2 codes, current and withdrawn (ISO 3166-3), and XK for Kosovo."""
    import pycountry  # 35 ms: paid only when a record has a country

    current = {country.alpha_2 for country in pycountry.countries}
    former = {getattr(country, "alpha_2", "") for country in pycountry.historic_countries}
    return frozenset(current | former | {KOSOVO}) - {""}


@record_rule("meaning.country-code", Severity.ERROR, kinds=_COUNTRY_FIELDS.kinds, reads=_COUNTRY_FIELDS.by_kind)
def country_code(record: Mapping[str, Any], index: Index) -> list[Problem]:
    """A country code is an ISO 3166-1 alpha-2 code.

    The schema checks the shape (two capital letters); this rule checks that the code
    is assigned (the ``pycountry`` tables, offline). Codes of former states (ISO 3166-3:
    ``SU`` for the Soviet Union, ``YU`` for Yugoslavia) are accepted, since treaties
    outlive their parties, and so is ``XK`` for Kosovo, which ISO leaves to users and
    the EU and Wikidata use.

    How to fix: use the code from the ISO 3166-1 list (``GB``, not ``UK``).

    Example: ``RU`` and ``US`` pass; ``UK`` and ``EU`` fail.
    """
    return [
        Problem(
            pointer,
            f"{code!r} is not an ISO 3166-1 alpha-2 country code",
            "Use the two-letter ISO 3166-1 code, such as `GB` for the United Kingdom.",
        )
        for pointer, code, field in _COUNTRY_FIELDS.strings(record)
        if code not in country_codes() and schema_accepts(field.schema, code)
    ]

