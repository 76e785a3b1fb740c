"""Run ``communique`` with only the rules that another version of it registers.

Comparing this checkout with an older commit compares two things at once: the engine and
the rules added since. To see what the engine (and the rules both have) costs, run this
checkout with the older commit's rule set: its rule ids are read from that commit's
``validators/`` (a ``git archive`` unpacked somewhere), and every record rule and rule over
many records of this checkout with another id is taken out of the registry before the
command runs. The engine's own steps (parsing, the schema) always run.

    git archive 1c526c7 validators schema | tar -x -C /tmp/base
    .venv/bin/python benchmarks/with_rules_of.py /tmp/base/validators validate --format json DATASET

A measuring tool, not a way to validate: the findings of the rules taken out are missing.
"""

from __future__ import annotations

import json
import subprocess
import sys


def rule_ids_of(validators: str) -> set[str]:
    """The rule ids that the package under ``validators`` registers (in its own process:
    both versions are called ``communique``)."""
    listing = subprocess.run(
        [sys.executable, "-c", "import json; from communique.rules.base import RULES; import communique.rules; print(json.dumps(sorted(RULES)))"],
        env={"PYTHONPATH": validators, "PYTHONDONTWRITEBYTECODE": "1"},
        capture_output=True,
        text=True,
        check=True,
    )
    return set(json.loads(listing.stdout))


def main(argv: list[str]) -> int:
    if len(argv) < 2:
        print(__doc__, file=sys.stderr)
        return 2
    keep = rule_ids_of(argv[0])
    import communique.rules  # noqa: F401  (registers every rule of this checkout)
    from communique.cli import main as communique
    from communique.rules.base import RULES

    for rule_id in [rule_id for rule_id, rule in RULES.items() if (rule.check or rule.across) and rule_id not in keep]:
        del RULES[rule_id]
    return communique(argv[1:])


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
