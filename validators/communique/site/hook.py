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

Pages kept out of the navigation (every record page, the later pages of an index) do not go
through MkDocs one by one: the theme draws one shell page per folder and each page is that
shell filled with its title and HTML (:mod:`communique.site.shell`), written after the build
with every hook's ``on_post_page`` run on it. The site's search holds the most cited of them
(:mod:`communique.site.recordsearch`).
"""

from __future__ import annotations

import os
import posixpath
import re
import shutil
from pathlib import Path

from mkdocs.exceptions import PluginError
from mkdocs.plugins import event_priority
from mkdocs.structure.files import File, Files, InclusionLevel
from mkdocs.structure.pages import Page
from mkdocs.utils import write_file

from communique.resources import dataset_dir
from communique.site import recordsearch, sitemap
from communique.site.escape import UnsafeId
from communique.site.generate import SUMMARY_MARKER, Site, generate
from communique.site.shell import CONTENT_TOKEN, SHELL_DIR, TITLE_TOKEN, Shell, shells_for

DATASET_VARIABLE = "COMMUNIQUE_DATASET"
# Code blocks are kept out of the site's search (every reader's browser loads the whole index on
# every page; commands, SQL and JSON examples were a sixth of it): their pages are found by their prose.
_CODE_BLOCK = re.compile(r"<pre(?=[\s>])")
CODE_UNSEARCHED = '<pre data-search-exclude="code"'  # Material drops the attribute from the page itself
SEARCH_PLUGIN = "material/search"
_built: dict = {}  # this build's Site, the shell of each page kept out of the navigation, the shells, the shells as drawn


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
    shells = shells_for(uri for uri in site.pages if uri in site.unlisted)
    shell_uris = set(shells.values())
    for src_uri in (*site.files, *site.pages):
        if src_uri in files.src_uris:
            raise PluginError(f"docs/{src_uri} would hide a generated page of the same name: remove it")
    drawn = {**site.files, **{uri: "" for uri in site.pages if uri not in shells},  # an HTML page: an empty Markdown file
             **dict.fromkeys(shell_uris, "")}
    for src_uri, content in drawn.items():
        inclusion = InclusionLevel.NOT_IN_NAV if src_uri in site.unlisted or src_uri in shell_uris else InclusionLevel.UNDEFINED
        files.append(File.generated(config, src_uri, content=content, inclusion=inclusion))
    _built.update(site=site, shells=shells, shell_uris=shell_uris, drawn={})
    return files


def on_page_markdown(markdown: str, page, config, files) -> str:
    """A page made from records: its title and search rank (or its absence from the search) as
    metadata, and no Markdown."""
    if page.file.src_uri in _built["shell_uris"]:
        page.meta = {"title": TITLE_TOKEN, "search": {"exclude": True}}
        return ""
    generated = _built["site"].pages.get(page.file.src_uri)
    if generated is None:
        return markdown
    search = {"exclude": True} if not generated.indexed else {"boost": generated.boost} if generated.boost else None
    page.meta = {"title": generated.title, **({"search": search} if search else {})}
    return ""


def on_page_content(html: str, page, config, files) -> str:
    """A page made from records: its HTML from the templates; a shell: its token; the home page: its
    summary; every other page's code blocks kept out of the search."""
    if page.file.src_uri in _built["shell_uris"]:
        return CONTENT_TOKEN
    generated = _built["site"].pages.get(page.file.src_uri)
    if generated is not None:
        return generated.html
    html = _CODE_BLOCK.sub(CODE_UNSEARCHED, html)
    if SUMMARY_MARKER in html:
        return html.replace(SUMMARY_MARKER, _built["site"].summary)
    return html


def on_post_page(output: str, page, config) -> str:
    """A shell as the theme drew it (and every hook after this one left it), kept to fill."""
    if page.file.src_uri in _built["shell_uris"]:
        _built["drawn"][page.file.src_uri] = Shell(output)
    return output


@event_priority(50)  # before the search plugin writes its index
def on_post_build(config) -> None:
    """Write every page kept out of the navigation into its shell, then remove the shells; list
    those pages in the sitemap instead of the shells; add the most cited records to the site's search."""
    site: Site = _built["site"]
    shells: dict[str, str] = _built["shells"]
    drawn: dict[str, Shell] = _built["drawn"]
    written = []
    for src_uri, shell_uri in shells.items():
        generated = site.pages[src_uri]
        page = Page(generated.title, File(src_uri, src_dir=None, dest_dir=config.site_dir, use_directory_urls=True), config)
        html = drawn[shell_uri].fill(generated.title, generated.html, posixpath.basename(posixpath.dirname(src_uri)))
        html = config.plugins.on_post_page(html, page=page, config=config)
        write_file(html.encode("utf-8"), page.file.abs_dest_path)
        written.append(page.file.url)
    for shell_uri in _built["shell_uris"]:
        shutil.rmtree(Path(config.site_dir) / posixpath.dirname(shell_uri), ignore_errors=True)
    sitemap.complete(Path(config.site_dir), config.site_url, written, f"/{SHELL_DIR}/")
    search = config.plugins.get(SEARCH_PLUGIN)
    if search is not None:
        recordsearch.index_records(search.search_index, {uri: site.pages[uri] for uri in shells}, config)
