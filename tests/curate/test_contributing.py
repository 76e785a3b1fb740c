"""The contributing guide's walk-through is what happens: every command on it is run, in
order, with every edit it shows applied between them, and prints what the page shows.

It runs where a curator would: a folder laid out as the repository (the dataset and the
saved page at their paths), the dataset without the article the walk-through adds, nor
the statement it makes. At the end the whole dataset has no error.
"""

from __future__ import annotations

import json
import re
import shlex
import shutil
import subprocess
import sys
from pathlib import Path

from communique.findings import Severity
from communique.validate.engine import validate

ROOT = Path(__file__).resolve().parents[2]
GUIDE = ROOT / "docs" / "contributing.md"
WALKTHROUGH = re.compile(r"^<!-- walkthrough:[^\n]*-->\n(.*?)^<!-- /walkthrough -->", re.MULTILINE | re.DOTALL)
STEP = re.compile(r"^(?:<!-- edit: (?P<edit>\S+) -->\n```json\n(?P<fields>.*?)|```console\n(?P<console>.*?))^```", re.MULTILINE | re.DOTALL)
ARTICLE = "dataset/articles/tass-2020-09-11-russia-ready-for-honest-dialogue.json"
STATEMENT = "dataset/statements/tass-2020-09-11-russia-ready-for-honest-dialogue-lavrov-number-one.json"


def steps() -> list[tuple[str, str, str]]:
    """Each step of the walk-through: ("edit", path, JSON of the fields) or ("run", command, output)."""
    found = WALKTHROUGH.findall(GUIDE.read_text(encoding="utf-8"))
    assert len(found) == 1, "the guide has one walk-through"
    result = []
    for match in STEP.finditer(found[0]):
        if match["edit"]:
            result.append(("edit", match["edit"], match["fields"]))
        else:
            for block in re.split(r"^\$ ", match["console"], flags=re.MULTILINE)[1:]:
                command, _, shown = block.partition("\n")
                result.append(("run", command, shown))
    return result


def test_the_walkthrough_imports_makes_edits_formats_and_validates():
    kinds = [kind for kind, *_ in steps()]
    commands = [shlex.split(command)[1] for kind, command, _ in steps() if kind == "run"]
    assert kinds.count("edit") >= 2 and {"import-article", "new", "fmt", "validate"} <= set(commands)


def test_every_command_of_the_walkthrough_prints_what_the_guide_shows(tmp_path: Path):
    shutil.copytree(ROOT / "dataset", tmp_path / "dataset")
    for made in (ARTICLE, STATEMENT):
        (tmp_path / made).unlink()
    page = Path("tests/curate/pages/tass-1199783.html")
    (tmp_path / page).parent.mkdir(parents=True)
    shutil.copyfile(ROOT / page, tmp_path / page)
    for kind, what, content in steps():
        if kind == "edit":  # the curator's editor: the fields added at the end of the record
            path = tmp_path / what
            record = json.loads(path.read_text(encoding="utf-8"))
            record.update(json.loads(content))
            path.write_text(json.dumps(record, ensure_ascii=False, indent=2) + "\n", encoding="utf-8")
            continue
        program, *args = shlex.split(what)
        assert program == "communique"
        result = subprocess.run([sys.executable, "-m", "communique", *args], cwd=tmp_path, capture_output=True, text=True, timeout=120, env={"PATH": "/usr/bin:/bin"})
        assert result.stdout == content, f"`{what}` prints\n{result.stdout}\n{result.stderr}"
        assert result.returncode == (1 if "✗" in content else 0), result.stderr
    assert [finding for finding in validate(tmp_path / "dataset") if finding.severity is Severity.ERROR] == []
