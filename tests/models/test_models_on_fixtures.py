"""Models and schemas agree on the validator's fixtures and on the curated dataset.

Every record of the valid fixture and of the dataset passes both; every record of a
``schema.*`` invalid fixture fails both (the other invalid fixtures are wrong in ways only
the validator's later layers see: ids, references, meaning).
"""

from __future__ import annotations

from pathlib import Path

import orjson
import pytest
from pydantic import ValidationError

from communique import schemas
from communique.kinds import BY_FOLDER
from communique.models import MODELS
from communique.resources import dataset_dir

FIXTURES = Path(__file__).resolve().parents[1] / "fixtures"


def _records(folder: Path):
    for path in sorted(folder.glob("*/*.json")):
        kind = BY_FOLDER[path.parent.name]
        yield pytest.param(kind, orjson.loads(path.read_bytes()), id=str(path.relative_to(folder)))
    for path in sorted(folder.glob("*/*.jsonl")):
        kind = BY_FOLDER[path.parent.name]
        for number, line in enumerate(path.read_bytes().splitlines(), 1):
            if line.strip():
                yield pytest.param(kind, orjson.loads(line), id=f"{path.relative_to(folder)}:{number}")


def _schema_errors(kind, record) -> list:
    return list(schemas.validator_for(kind).iter_errors(record))


def _model_refuses(kind, record) -> bool:
    try:
        MODELS[kind.name].model_validate(record)
    except ValidationError:
        return True
    return False


VALID = [*_records(FIXTURES / "valid"), *_records(dataset_dir())]
INVALID = [param for folder in sorted((FIXTURES / "invalid").glob("schema.*")) if folder.name != "schema.deprecated" for param in _records(folder)]


@pytest.mark.parametrize("kind,record", VALID)
def test_valid_records_pass_schema_and_model(kind, record):
    assert _schema_errors(kind, record) == []
    assert not _model_refuses(kind, record)


@pytest.mark.parametrize("kind,record", INVALID)
def test_schema_fixtures_fail_schema_and_model(kind, record):
    assert _schema_errors(kind, record), "the schema accepts the invalid fixture"
    assert _model_refuses(kind, record), "the model accepts what the schema refuses"


def test_there_are_fixtures_of_both_sorts():
    assert len(VALID) > 40 and len(INVALID) >= 10
