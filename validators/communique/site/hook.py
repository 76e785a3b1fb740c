"""MkDocs hooks (``hooks:`` in ``mkdocs.yml``): add the generated pages to every build.

``mkdocs build`` and ``mkdocs serve`` both run these, so the site is always built from the
schemas and the dataset as they are; ``serve`` watches both (``watch:``). The dataset is
``COMMUNIQUE_DATASET`` if set, else the one this copy of communique holds.

Why record text cannot run in the site
--------------------------------------
Text from records never passes through YAML or Markdown, where it could become markup
(Python-Markdown passes raw HTML through and ``attr_list`` adds attributes; MkDocs drops
front matter that YAML refuses, silently, and renders it as Markdown instead):

- A page made from records (:attr:`Site.pages <communique.site.generate.Site>`) is added
  to MkDocs as an *empty* Markdown file. :func:`on_page_markdown` sets its metadata as a
  Python dict (no YAML) and leaves its Markdown empty; :func:`on_page_content` then puts
  in its HTML, rendered by Jinja2 with autoescape on (:mod:`communique.site.render`).
- The theme prints page titles unescaped (``<title>``, the header, the navigation, the
  search index, which Material's search shows as HTML; and ``striptags`` would turn an
  escaped ``&lt;`` back into ``<``). So a title is not escaped but made of characters that
  mean nothing in HTML: :func:`communique.site.escape.title` replaces ``< > & " ' ` \\``
  with look-alikes and drops control characters.
- The home page's summary is HTML from a template, put in place of a comment *after*
  Markdown has rendered the home page.

Markdown files in ``docs/`` and the generated data dictionary and rules pages hold only
the project's own text (schemas, rule docstrings), never a record's.
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
    generated = {**site.files, **dict.fromkeys(site.pages, "")}  # an HTML page: an empty Markdown file
    for src_uri, content in generated.items():
        if src_uri in files.src_uris:
            raise PluginError(f"docs/{src_uri} would hide a generated page of the same name: remove it")
        inclusion = InclusionLevel.NOT_IN_NAV if src_uri in site.unlisted else InclusionLevel.UNDEFINED
        files.append(File.generated(config, src_uri, content=content, inclusion=inclusion))
    _built["site"] = site
    return files


def on_page_markdown(markdown: str, page, config, files) -> str:
    """A page made from records: its title and search rank (or its absence from the search) as
    metadata, and no Markdown."""
    generated = _built["site"].pages.get(page.file.src_uri)
    if generated is None:
        return markdown
    search = {"exclude": True} if not generated.indexed else {"boost": generated.boost} if generated.boost else None
    page.meta = {"title": generated.title, **({"search": search} if search else {})}
    return ""


def on_page_content(html: str, page, config, files) -> str:
    """A page made from records: its HTML from the templates; the home page: its summary."""
    generated = _built["site"].pages.get(page.file.src_uri)
    if generated is not None:
        return generated.html
    if SUMMARY_MARKER in html:
        return html.replace(SUMMARY_MARKER, _built["site"].summary)
    return html
