"""DataFrames per table: the exports' columns and rows, typed; references resolved on request; a clear
message naming the extra when pandas or polars is missing; and a base install that never imports them."""

from __future__ import annotations

import csv
import datetime as dt
import sqlite3
import subprocess
import sys
import tomllib
from pathlib import Path

import pytest

import communique
from communique import frames
from communique.export import write_package

REPO = Path(__file__).resolve().parents[1]
HEAVY = ("pandas", "polars", "pyarrow", "duckdb", "numpy")


@pytest.fixture(scope="module")
def data():
    return communique.load()


@pytest.fixture(scope="module")
def exported(data, tmp_path_factory):
    out = tmp_path_factory.mktemp("export") / "package"
    write_package(data, out)
    return out


@pytest.mark.parametrize("name", frames.table_names())
def test_pandas_and_polars_have_the_exports_columns_and_rows(data, exported, name):
    pytest.importorskip("pandas")
    pytest.importorskip("polars")
    with (exported / "csv" / f"{name}.csv").open(encoding="utf-8", newline="") as handle:
        header, *csv_rows = list(csv.reader(handle))
    connection = sqlite3.connect(exported / "communique.sqlite")
    stored = connection.execute(f'SELECT * FROM "{name}"').fetchall()  # exact text, in the exports' order
    connection.close()
    pandas_frame, polars_frame = data.to_pandas(name), data.to_polars(name)
    assert list(pandas_frame.columns) == polars_frame.columns == header
    assert len(pandas_frame) == polars_frame.height == len(csv_rows) == len(stored)
    kinds = dict(frames.columns(name))

    import pandas

    def as_stored(value, column):
        if value is None or pandas.isna(value):  # None, NaT, pd.NA
            return None
        if kinds[column] == "date":
            return value.isoformat()[:10]
        return int(value) if kinds[column] == "integer" else value

    for frame_rows in (polars_frame.rows(), pandas_frame.astype(object).itertuples(index=False)):
        assert [tuple(as_stored(v, c) for v, c in zip(row, header)) for row in frame_rows] == stored


def test_types_follow_the_table_schema(data):
    pytest.importorskip("polars")
    frame = data.to_polars("actor_roles")
    assert str(frame.schema["start"]) == "Date" and str(frame.schema["position"]) == "Int64"
    assert str(frame.schema["title"]) == "String"
    pandas_frame = data.to_pandas("actor_roles")
    assert str(pandas_frame["start"].dtype).startswith("datetime64") and str(pandas_frame["position"].dtype) == "Int64"


def test_resolve_adds_the_label_of_every_reference(data):
    pytest.importorskip("pandas")
    frame = data.to_pandas("statements", resolve=True)
    for row in frame.itertuples():
        assert row.speaker_name == data.actors[row.speaker].name
        assert row.article_headline == data.articles[row.article].headline
    roles = frames.rows(data, "actor_roles", resolve=True)
    assert all(row["of_name"] == (data.actors[row["of"]].name if row["of"] else None) for row in roles)


def test_an_unknown_table_names_the_tables(data):
    with pytest.raises(KeyError, match="statement_topics"):
        frames.rows(data, "quotes")


@pytest.mark.parametrize("module, method", [("pandas", "to_pandas"), ("polars", "to_polars")])
def test_a_missing_library_names_the_extra_to_install(data, monkeypatch, module, method):
    monkeypatch.setitem(sys.modules, module, None)
    with pytest.raises(frames.MissingExtra, match=rf"pip install 'communique\[{module}\]'"):
        getattr(data, method)("statements")


def test_the_base_install_depends_on_none_of_the_heavy_libraries():
    project = tomllib.loads((REPO / "pyproject.toml").read_text(encoding="utf-8"))["project"]
    named = " ".join(project["dependencies"]).lower()
    assert not [name for name in HEAVY if name in named]
    for extra in ("pandas", "polars"):
        assert any(requirement.startswith(extra) for requirement in project["optional-dependencies"][extra])


def test_loading_and_looking_up_import_none_of_them():
    code = (
        "import sys, communique; d = communique.load(); d.find_statements(speaker='Lavrov'); "
        f"print(sorted(m for m in {HEAVY!r} if m in sys.modules))"
    )
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert result.stdout.strip() == "[]"
