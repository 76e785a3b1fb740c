"""The contributing guide's walk-through is what happens: every command on it is run, in
order, with every edit it shows applied between them, and prints what the page shows.

It runs where a curator would: a folder laid out as the repository (the dataset and the
saved page at their paths), the dataset without the article the walk-through adds, nor
any statement of it. At the end the whole dataset has no error.
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
STEP = re.compile(
    r"^(?:<!-- edit: (?P<edit>\S+) -->\n```json\n(?P<fields>.*?)^```"
    r"|<!-- delete: (?P<delete>\S+) -->$"
    r"|```console\n(?P<console>.*?)^```)",
    re.MULTILINE | re.DOTALL,
)
ARTICLE_ID = "tass-2020-09-11-russia-ready-for-honest-dialogue"


def steps() -> list[tuple[str, str, str]]:
    """Each step of the walk-through: ("edit", path, JSON of the fields), ("delete", path, "")
    or ("run", command, output)."""
    found = WALKTHROUGH.findall(GUIDE.read_text(encoding="utf-8"))
    assert len(found) == 1, "the guide has one walk-through"
    result = []
    for match in STEP.finditer(found[0]):
        if match["edit"]:
            result.append(("edit", match["edit"], match["fields"]))
        elif match["delete"]:
            result.append(("delete", match["delete"], ""))
        else:
            for block in re.split(r"^\$ ", match["console"], flags=re.MULTILINE)[1:]:
                command, _, shown = block.partition("\n")
                result.append(("run", command, shown))
    return result


def test_the_walkthrough_imports_drafts_reviews_accepts_makes_formats_and_validates():
    kinds = [kind for kind, *_ in steps()]
    commands = [shlex.split(command)[1] for kind, command, _ in steps() if kind == "run"]
    shown = "".join(output for kind, _, output in steps() if kind == "run")
    assert kinds.count("edit") >= 3 and "delete" in kinds
    assert {"import-article", "draft-statements", "accept-draft", "new", "fmt", "validate"} <= set(commands)
    assert "completeness.uncovered-quote" in shown and "schema.to-fill" in shown


def test_every_command_of_the_walkthrough_prints_what_the_guide_shows(tmp_path: Path):
    shutil.copytree(ROOT / "dataset", tmp_path / "dataset")
    (tmp_path / "dataset" / "articles" / f"{ARTICLE_ID}.json").unlink()
    for statement in (tmp_path / "dataset" / "statements").glob(f"{ARTICLE_ID}-*.json"):
        statement.unlink()
    page = Path("tests/curate/pages/tass-1199783.html")
    (tmp_path / page).parent.mkdir(parents=True)
    shutil.copyfile(ROOT / page, tmp_path / page)
    for kind, what, content in steps():
        if kind == "delete":
            (tmp_path / what).unlink()
            continue
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
    for statement in (tmp_path / "dataset" / "statements").glob(f"{ARTICLE_ID}-*.json"):  # fmt placed the selectors
        assert {"start", "end"} <= json.loads(statement.read_text(encoding="utf-8"))["selector"].keys(), statement.name
