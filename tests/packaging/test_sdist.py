"""The source distribution can run its own Makefile: every file its recipes and the site's
configuration name is in it."""

from __future__ import annotations

import os
import re
import subprocess
import sys
import tarfile
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
TARGETS = ("site", "test", "validate", "serve", "export", "bench", "browser")
pytestmark = pytest.mark.slow


@pytest.fixture(scope="module")
def unpacked(tmp_path_factory: pytest.TempPathFactory) -> Path:
    out = tmp_path_factory.mktemp("sdist")
    subprocess.run([sys.executable, "-m", "hatchling", "build", "-t", "sdist", "-d", str(out)], cwd=ROOT, check=True, capture_output=True)
    [built] = out.glob("communique-*.tar.gz")
    with tarfile.open(built) as archive:
        archive.extractall(out, filter="data")
    [top] = (path for path in out.iterdir() if path.is_dir())
    return top


def test_every_make_target_resolves(unpacked: Path):
    (unpacked / ".venv").mkdir()
    (unpacked / ".venv" / ".installed").touch()  # as after the install: make plans the rest
    for target in TARGETS:
        result = subprocess.run(["make", "-n", target], cwd=unpacked, capture_output=True, text=True, timeout=60)
        assert result.returncode == 0, (target, result.stderr)


def test_every_file_the_recipes_and_the_site_name_is_there(unpacked: Path):
    recipes = subprocess.run(["make", "-n", *TARGETS], cwd=unpacked, capture_output=True, text=True, timeout=60).stdout
    named = set(re.findall(r"(?<![\w./-])((?:[\w-]+/)+[\w.-]+)", recipes))
    config = (unpacked / "mkdocs.yml").read_text(encoding="utf-8")
    named |= set(re.findall(r"^\s+- ((?:validators|schema|dataset)[\w./-]*)$", config, re.MULTILINE))
    named |= {"mkdocs.yml", "docs", "pyproject.toml", "tests", "benchmarks/README.md"}
    made = (".venv/", "out/", "site/")  # what the recipes make
    missing = sorted(name for name in named if not name.startswith(made) and not (unpacked / name).exists())
    assert missing == []
    assert os.access(unpacked / "scripts" / "install-browser", os.X_OK)  # `make browser` runs it
