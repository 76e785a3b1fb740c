"""Building the site for the tests: ``mkdocs build --strict`` exactly as a user runs it."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
BUILD_TIMEOUT = 300


def build(site_dir: Path, dataset: Path | None = None) -> subprocess.CompletedProcess:
    """Run ``mkdocs build --strict`` into ``site_dir``, from ``dataset`` (default: the repository's)."""
    env = dict(os.environ, NO_MKDOCS_2_WARNING="1")
    if dataset is not None:
        env["COMMUNIQUE_DATASET"] = str(dataset)
    else:
        env.pop("COMMUNIQUE_DATASET", None)
    return subprocess.run(
        [sys.executable, "-m", "mkdocs", "build", "--strict", "--config-file", str(REPO / "mkdocs.yml"),
         "--site-dir", str(site_dir)],
        cwd=REPO, env=env, capture_output=True, text=True, timeout=BUILD_TIMEOUT,
    )

