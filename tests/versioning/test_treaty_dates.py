"""Schema 2.0.0 keeps a treaty's dates as fields beside its lifecycle (the reasons are on
the versioning page): the fields stay in the contract, so every export and the data
dictionary carry them from the schema alone, and one rule keeps the two in agreement."""

from __future__ import annotations

import copy
import json
from pathlib import Path

from communique.kinds import TREATY
from communique.rules.treaties import treaty_lifecycle_fields
from communique.schemafields import fields
from communique.schemas import schema_for

V1_DATASET = Path(__file__).parent / "dataset-v1"
DATES = ("signed", "in_force", "expires", "status", "status_date")


def _treaty() -> dict:
    record = json.loads((V1_DATASET / "treaties" / "new-start.json").read_text(encoding="utf-8"))
    return {**record, "$schema": TREATY.schema_ref}


def test_the_dates_stay_fields_of_the_current_schema():
    schema = schema_for(TREATY)
    assert schema["x-version"].startswith("2.")
    assert set(DATES) <= set(schema["properties"]) and {"signed", "status"} <= set(schema["required"])
    top_level = {field.path[0] for field in fields(TREATY.name) if len(field.path) == 1}
    assert set(DATES) <= top_level  # what the exports and the dictionary are made from


def test_the_one_rule_keeps_fields_and_lifecycle_in_agreement():
    treaty = _treaty()
    assert list(treaty_lifecycle_fields(treaty, None)) == []
    for field, event in (("signed", "signed"), ("in_force", "entered-into-force")):
        wrong = copy.deepcopy(treaty)
        wrong[field] = "2010-01-01" if field == "signed" else "2011-01-01"
        (problem,) = treaty_lifecycle_fields(wrong, None)
        position = next(n for n, entry in enumerate(treaty["lifecycle"]) if entry["event"] == event)
        assert problem.pointer == f"/lifecycle/{position}/date" and f"`{field}`" in problem.message
    wrong = {**copy.deepcopy(treaty), "expires": "2021-02-05"}
    assert "/expires" in [problem.pointer for problem in treaty_lifecycle_fields(wrong, None)]
