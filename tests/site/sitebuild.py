"""Building the site for the tests: ``mkdocs build --strict`` exactly as a user runs it."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

REPO = Path(__file__).resolve().parents[2]
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


def write_dataset(root: Path, records: dict[str, list[dict]]) -> Path:
    """Write records (by kind folder) as ``<folder>/<id>.json`` files; the file name is taken as given."""
    for folder in ("articles", "actors", "statements", "treaties"):
        (root / folder).mkdir(parents=True, exist_ok=True)
    for folder, items in records.items():
        for record in items:
            name = record.get("_file", record["id"])
            body = {key: value for key, value in record.items() if key != "_file"}
            body = {"$schema": f"../../schema/v1/{folder[:-1] if folder != 'treaties' else 'treaty'}.schema.json", **body}
            (root / folder / f"{name}.json").write_text(json.dumps(body, ensure_ascii=False, indent=2), encoding="utf-8")
    return root
