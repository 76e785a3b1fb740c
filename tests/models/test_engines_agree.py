"""One definition of every pattern: jsonschema-rs (the validator), python-jsonschema and the
pydantic models (``load()``) accept and refuse the same strings in every patterned field.

The three read regular expressions with different engines, which disagreed on ``\\s``
(U+0085, U+FEFF) and on ``$`` before a final line feed; the schemas now use explicit
character classes. Proven over every space-like, control and format character of Unicode
(Zs, Zl, Zp, Cc, Cf, and the invisible Default_Ignorable_Code_Point characters of other
categories), alone and around and inside a valid value, in every patterned field of every kind.
"""

from __future__ import annotations

import sys
import unicodedata

import jsonschema_rs
import pytest
from jsonschema import Draft202012Validator
from pydantic import ValidationError

from communique import schemafields
from communique.kinds import KINDS
from communique.models import MODELS
from samples import full_record, put

_INVISIBLE_OTHERS = "\u034f\u115f\u1160\u17b4\u17b5\u180b\u180c\u180d\u180f\u3164\ufe00\ufe0f\uffa0\ufff0"
SPACE_LIKE = [
    chr(code) for code in range(sys.maxunicode + 1)
    if unicodedata.category(chr(code)) in {"Zs", "Zl", "Zp", "Cc", "Cf"} or chr(code).isspace()
] + list(_INVISIBLE_OTHERS)

PATTERNED = [
    (kind.name, field)
    for kind in KINDS
    for field in schemafields.fields(kind.name)
    if field.schema.get("type") == "string" and "pattern" in field.schema
]


def _placements(valid: str, character: str) -> list[str]:
    middle = len(valid) // 2
    return [character, valid + character, character + valid, valid[:middle] + character + valid[middle:]]


_ENGINES: dict[str, tuple] = {}


def _engines(schema: dict) -> tuple:
    """jsonschema-rs's and python-jsonschema's validators of one field's schema, both asserting formats."""
    key = repr(sorted(schema.items()))
    if key not in _ENGINES:
        _ENGINES[key] = (
            jsonschema_rs.validator_for(schema, validate_formats=True),
            Draft202012Validator(schema, format_checker=Draft202012Validator.FORMAT_CHECKER),
        )
    return _ENGINES[key]


def _model_accepts(kind: str, record: dict) -> bool:
    try:
        MODELS[kind].model_validate(record)
    except ValidationError:
        return False
    return True


def test_the_characters_include_those_the_engines_disagreed_on():
    assert {"\u0085", "\ufeff", "\u200b", "\u180e", "\u001c", "\u001f", "\u2028", "\u3000", "\u00a0", "\n"} <= set(SPACE_LIKE)
    assert len(PATTERNED) > 80


@pytest.mark.parametrize("kind,field", PATTERNED, ids=[f"{kind}:/{'/'.join(field.path)}" for kind, field in PATTERNED])
def test_every_engine_reads_the_field_alike(kind, field):
    base = full_record(kind)
    valid = schemafields.values(base, field.path)[0][1]
    rs, py = _engines({key: value for key, value in field.schema.items() if not key.startswith("x-")})
    disagreements = []
    for character in SPACE_LIKE:
        for value in _placements(valid, character):
            put(base, field.path, value)
            verdicts = (rs.is_valid(value), py.is_valid(value), _model_accepts(kind, base))
            if len(set(verdicts)) > 1:
                disagreements.append((value, verdicts))
    assert disagreements == [], disagreements[:5]



def test_every_string_field_is_patterned_or_a_code_of_a_closed_list():
    # So that no string field of any kind lets a control character through.
    loose = [
        (kind.name, field.path)
        for kind in KINDS
        for field in schemafields.fields(kind.name)
        if field.schema.get("type") == "string" and "pattern" not in field.schema and "enum" not in field.schema
    ]
    assert loose == []
