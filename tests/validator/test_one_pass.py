"""A schema-invalid record still gets its meaning findings: every mistake in one run.

The meaning rules run on every record that is a JSON object, schema-valid or not, and
stay silent on the values the schema refuses, so that one mistake gives one finding.
"""

from __future__ import annotations

import json
from pathlib import Path

from communique.validate.engine import validate

STATEMENT = "statements/tass-2020-09-11-lavrov-honest-dialogue-extend-new-start.json"


def _rewrite(dataset: Path, **changes) -> None:
    path = dataset / STATEMENT
    record = json.loads(path.read_text(encoding="utf-8"))
    record.update(changes)
    path.write_text(json.dumps(record, indent=2), encoding="utf-8")


def _found(dataset: Path) -> list[tuple[str, str, str]]:
    return sorted((finding.path, finding.pointer, finding.rule) for finding in validate(dataset))


def test_a_schema_error_and_a_meaning_error_give_both_findings(dataset):
    _rewrite(dataset, kind="Paraphrase", date="2020-09-12")  # the article was published 2020-09-11
    assert _found(dataset) == [(STATEMENT, "/date", "meaning.statement-date"), (STATEMENT, "/kind", "schema.enum")]


def test_an_altered_paraphrase_in_a_record_with_an_unknown_field_gives_both(dataset):
    _rewrite(dataset, text="the New START treaty must be extended without preconditions", speker="sergey-lavrov")
    assert _found(dataset) == [
        (STATEMENT, "/speker", "schema.additional-properties"),
        (STATEMENT, "/text", "meaning.paraphrase-in-article"),
    ]


def test_a_value_the_schema_refuses_gets_no_meaning_finding(dataset):
    # each of these is only a schema finding: no speaker-role, codelist or paraphrase finding on top
    _rewrite(dataset, speaker_role="Foreign Minister", text="   ", date="2020-09-31")
    assert _found(dataset) == [
        (STATEMENT, "/date", "schema.format"),
        (STATEMENT, "/speaker_role", "schema.pattern"),
        (STATEMENT, "/text", "schema.pattern"),
    ]


def test_a_schema_invalid_records_silences_still_apply_and_are_listed(dataset):
    reason = "The article's own wording differs from the transcript; kept as printed."
    silence = [
        {"rule": "meaning.paraphrase-in-article", "reason": reason},
        {"rule": "meaning.near-duplicate", "reason": reason},  # not run on a schema-invalid record: not judged
    ]
    _rewrite(dataset, text="words the article never printed", kind="Paraphrase", silence=silence)
    assert _found(dataset) == [(STATEMENT, "/kind", "schema.enum")]  # the paraphrase rule needs a valid kind
    _rewrite(dataset, kind="paraphrase", speker="x")
    found = list(validate(dataset))
    assert sorted((finding.pointer, finding.rule) for finding in found) == [
        ("/silence/0", "silence.applied"),
        ("/speker", "schema.additional-properties"),
    ]


def test_a_schema_invalid_response_is_still_dated_against_its_target(dataset):
    # meaning.response-date is a rule over many records (statements are streamed): it too sees schema-invalid ones
    question = "tass-2020-09-11-lavrov-press-conference-question"  # dated 2020-09-11
    _rewrite(dataset, kind="Paraphrase", date="2020-09-10", responds_to=[{"relation": "answers", "target": question}])
    assert _found(dataset) == [(STATEMENT, "/kind", "schema.enum"), (STATEMENT, "/responds_to/0/target", "meaning.response-date")]
