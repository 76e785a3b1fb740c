"""The ``communique-fmt`` pre-commit hook: run as pre-commit runs it, on the files a commit changes."""

from __future__ import annotations

import re
import shlex
from pathlib import Path

import yaml

from communique.cli import main

ROOT = Path(__file__).resolve().parents[2]


def _hook(name: str) -> dict:
    hooks = yaml.safe_load((ROOT / ".pre-commit-hooks.yaml").read_text(encoding="utf-8"))
    return next(hook for hook in hooks if hook["id"] == name)


def test_the_hook_checks_the_dataset_files_it_is_given(dataset: Path):
    hook = _hook("communique-fmt")
    changed = ["dataset/actors/russia.json", "dataset/statements/imported.jsonl"]
    assert all(re.search(hook["files"], name) for name in changed) and not re.search(hook["files"], "docs/index.md")
    assert hook["pass_filenames"] is True
    program, *args = shlex.split(hook["entry"])
    assert program == "communique"
    main(["fmt", *changed])
    assert main([*args, *changed]) == 0
    Path(changed[0]).write_text('{"id": "russia", "$schema": "../../schema/v1/actor.schema.json"}', encoding="utf-8")
    before = Path(changed[0]).read_bytes()
    assert main([*args, *changed]) == 1
    assert Path(changed[0]).read_bytes() == before  # a check never writes
