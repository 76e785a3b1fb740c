"""The wheel carries the package, the schemas and the dataset, and nothing else.

Built from the checkout, installed into a fresh virtual environment (dependencies from
the package index), and used from a folder outside the repository.
"""

from __future__ import annotations

import subprocess
import sys
import venv
import zipfile
from pathlib import Path

import pytest

from communique.kinds import KINDS

ROOT = Path(__file__).resolve().parents[2]
pytestmark = pytest.mark.slow


@pytest.fixture(scope="module")
def wheel(tmp_path_factory) -> Path:
    out = tmp_path_factory.mktemp("wheel")
    subprocess.run(
        [sys.executable, "-m", "pip", "wheel", "--quiet", "--no-deps", "--no-build-isolation", "-w", str(out), str(ROOT)],
        check=True,
    )
    [built] = out.glob("communique-*.whl")
    return built


def _tracked(folder: str) -> set[str]:
    listed = subprocess.run(["git", "ls-files", "--cached", "--others", "--exclude-standard", folder], cwd=ROOT, capture_output=True, text=True, check=True).stdout
    return {line for line in listed.splitlines() if not line.endswith(".gitkeep")}


def test_wheel_holds_exactly_package_schemas_and_dataset(wheel: Path):
    names = {name for name in zipfile.ZipFile(wheel).namelist() if not name.startswith("communique-")}
    expected = (
        {name.replace("validators/communique/", "communique/", 1) for name in _tracked("validators/communique")}
        | {f"communique/{name}" for name in _tracked("schema")}
        | {f"communique/{name}" for name in _tracked("dataset")}
    )
    assert names == expected


def test_installed_wheel_loads_every_record_from_elsewhere(wheel: Path, tmp_path: Path):
    env_dir = tmp_path / "venv"
    venv.EnvBuilder(with_pip=True).create(env_dir)
    python = env_dir / "bin" / "python"
    subprocess.run([python, "-m", "pip", "install", "--quiet", str(wheel)], check=True)
    elsewhere = tmp_path / "elsewhere"
    elsewhere.mkdir()
    script = (
        "import communique, pathlib;"
        "data = communique.load();"
        "print(communique.__file__);"
        "print(len(data))"
    )
    result = subprocess.run([python, "-c", script], cwd=elsewhere, capture_output=True, text=True, check=True)
    where, count = result.stdout.split()
    assert Path(where).is_relative_to(env_dir)
    on_disk = sum(1 for kind in KINDS for _ in (ROOT / "dataset" / kind.folder).glob("*.json"))
    assert int(count) == on_disk
    validate = subprocess.run([env_dir / "bin" / "communique", "validate"], cwd=elsewhere, capture_output=True, text=True)
    assert validate.returncode == 0, validate.stdout + validate.stderr
