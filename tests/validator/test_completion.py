"""Shell completion: the script ``communique completion bash`` prints, run in a real bash."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from communique.cli import SUBCOMMANDS
from communique.render import FORMATS

BASH = shutil.which("bash")
pytestmark = pytest.mark.skipif(BASH is None, reason="bash is not installed")

# Complete the command line given as $1 as bash does on TAB (COMP_* set, the function that
# `complete -F` registered called with the command, the word and the word before), and
# print each candidate on a line of its own.
DRIVER = r"""
source <(communique completion bash)
function=$(complete -p communique | sed -E 's/.* -F ([^ ]+) .*/\1/')
COMP_LINE=$1
COMP_POINT=${#COMP_LINE}
read -ra COMP_WORDS <<< "$COMP_LINE"
[[ $COMP_LINE == *" " ]] && COMP_WORDS+=("")
COMP_CWORD=$(( ${#COMP_WORDS[@]} - 1 ))
COMPREPLY=()
"$function" communique "${COMP_WORDS[COMP_CWORD]}" "${COMP_WORDS[COMP_CWORD-1]}"
printf '%s\n' "${COMPREPLY[@]}"
"""


def complete(line: str) -> list[str]:
    environment = {**os.environ, "PATH": f"{Path(sys.executable).parent}{os.pathsep}{os.environ.get('PATH', '')}"}
    result = subprocess.run([BASH, "-c", DRIVER, "bash", line], capture_output=True, text=True, timeout=60, env=environment)
    assert result.returncode == 0, result.stderr
    return [candidate.strip() for candidate in result.stdout.splitlines() if candidate.strip()]


def test_bash_completes_the_subcommands():
    assert set(SUBCOMMANDS) <= set(complete("communique "))
    assert complete("communique val") == ["validate"]


def test_bash_completes_the_format_values_of_validate():
    assert complete("communique validate --format ") == list(FORMATS)
    assert complete("communique validate --format co") == ["concise"]


def test_bash_completes_the_formats_and_tables_of_export():
    from communique.export.command import FORMATS as EXPORT_FORMATS

    assert complete("communique export --format ") == list(EXPORT_FORMATS)
    assert {"statements", "statement_topics", "statements_flat"} <= set(complete("communique export --table statement"))


def test_bash_completes_rule_ids():
    assert complete("communique rule meaning.statement-d") == ["meaning.statement-date"]


@pytest.mark.parametrize("shell", ["bash", "zsh", "fish"])
def test_a_script_for_each_shell_names_the_command(shell):
    result = subprocess.run([sys.executable, "-m", "communique", "completion", shell], capture_output=True, text=True, timeout=60)
    assert result.returncode == 0 and "communique" in result.stdout and "_ARGCOMPLETE" in result.stdout


def test_an_unknown_shell_is_a_usage_error():
    result = subprocess.run([sys.executable, "-m", "communique", "completion", "cmd"], capture_output=True, text=True, timeout=60)
    assert result.returncode == 2 and "invalid choice" in result.stderr


@pytest.mark.parametrize("flag", ["-V", "--version"])
def test_short_and_long_version_flags_agree(flag, tmp_path):
    result = subprocess.run([sys.executable, "-m", "communique", flag], cwd=tmp_path, capture_output=True, text=True, timeout=60)
    assert result.returncode == 0 and result.stdout.startswith("communique ")


@pytest.mark.skipif(shutil.which("fish") is None, reason="fish is not installed")
def test_fish_completes_the_format_values_of_validate(tmp_path):
    script = tmp_path / "communique.fish"
    script.write_text(subprocess.run([sys.executable, "-m", "communique", "completion", "fish"], capture_output=True, text=True, timeout=60).stdout)
    environment = {**os.environ, "PATH": f"{Path(sys.executable).parent}{os.pathsep}{os.environ.get('PATH', '')}"}
    result = subprocess.run(
        ["fish", "--no-config", "-c", f"source {script}; complete -C 'communique validate --format '"],
        capture_output=True, text=True, timeout=60, env=environment,
    )
    assert [line.split("\t")[0] for line in result.stdout.splitlines()] == sorted(FORMATS)
