"""``scripts/install-browser`` (run by ``make test``): a browser that cannot be installed stops
nothing but the browser tests, except on CI."""

from __future__ import annotations

import subprocess
from pathlib import Path

import pytest

SCRIPT = Path(__file__).resolve().parents[2] / "scripts" / "install-browser"


def _tools(folder: Path, **scripts: str) -> Path:
    """A PATH of stand-ins: no chromium, and ``id``/``apt-get`` as given."""
    folder.mkdir()
    for name, body in scripts.items():
        path = folder / name
        path.write_text(f"#!/bin/sh\n{body}\n")
        path.chmod(0o755)
    return folder


@pytest.mark.parametrize(
    "apt_get",
    [
        "echo 'E: Could not get lock /var/lib/dpkg/lock-frontend' >&2; exit 100",  # another install runs
        'if [ "$1" = update ]; then exit 0; fi; echo "E: Failed to fetch" >&2; exit 100',  # offline
    ],
    ids=["dpkg lock held", "offline"],
)
@pytest.mark.parametrize("ci", [False, True], ids=["locally", "on CI"])
def test_a_failed_install_skips_the_browser_tests_except_on_ci(tmp_path: Path, apt_get: str, ci: bool):
    path = _tools(tmp_path / "bin", id="echo 0", **{"apt-get": apt_get})
    env = {"PATH": str(path), **({"CI": "true"} if ci else {})}
    result = subprocess.run(["/bin/bash", str(SCRIPT)], env=env, capture_output=True, text=True, timeout=60)
    assert result.returncode == (1 if ci else 0), result.stderr
    assert "the browser tests will be skipped" in result.stderr and "apt-get" in result.stderr
