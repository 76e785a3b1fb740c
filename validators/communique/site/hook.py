"""MkDocs hooks (``hooks:`` in ``mkdocs.yml``): add the generated pages to every build.

``mkdocs build`` and ``mkdocs serve`` both run :func:`on_files`, so the site is always
built from the schemas and the dataset as they are; ``serve`` watches both (``watch:``).
The dataset is ``COMMUNIQUE_DATASET`` if set, else the one this copy of communique holds.
"""

from __future__ import annotations

import os
from pathlib import Path

from mkdocs.exceptions import PluginError
from mkdocs.structure.files import File, Files, InclusionLevel

from communique.resources import dataset_dir
from communique.site.escape import UnsafeId
from communique.site.generate import SUMMARY_MARKER, Site, generate

DATASET_VARIABLE = "COMMUNIQUE_DATASET"
_built: dict[str, Site] = {}


def dataset_path() -> Path:
    chosen = os.environ.get(DATASET_VARIABLE)
    return Path(chosen) if chosen else dataset_dir()


def on_files(files: Files, config) -> Files:
    if not config.use_directory_urls:
        raise PluginError("the Communiqué site links its pages as folders: keep use_directory_urls on")
    path = dataset_path()
    try:
        site = generate(path)
    except (ValueError, OSError) as error:  # DatasetError and UnsafeId are ValueErrors
        kind = "an unsafe record id" if isinstance(error, UnsafeId) else "a dataset that does not load"
        raise PluginError(f"refusing to build the site from {kind} ({path}):\n{error}") from None
    for src_uri, content in site.files.items():
        if src_uri in files.src_uris:
            raise PluginError(f"docs/{src_uri} would hide a generated page of the same name: remove it")
        inclusion = InclusionLevel.NOT_IN_NAV if src_uri in site.unlisted else InclusionLevel.UNDEFINED
        files.append(File.generated(config, src_uri, content=content, inclusion=inclusion))
    _built["site"] = site
    return files


def on_page_markdown(markdown: str, page, config, files) -> str:
    if SUMMARY_MARKER in markdown:
        return markdown.replace(SUMMARY_MARKER, _built["site"].summary)
    return markdown
