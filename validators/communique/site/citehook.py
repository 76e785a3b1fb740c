"""MkDocs hooks (``hooks:`` in ``mkdocs.yml``, after ``hook.py``): the Cite page and the JSON-LD.

Kept apart from ``hook.py`` and from the page templates, so that the site's layout can change
without touching them: the Cite page is generated from ``CITATION.cff`` (:mod:`communique.cite`),
and the JSON-LD is put into the built HTML, before ``</head>``, of the home page (a schema.org
``Dataset``) and of every statement page (a ``Quotation``), built by :mod:`communique.site.jsonld`.
"""

from __future__ import annotations

import json
from pathlib import Path

from mkdocs.structure.files import File, Files

from communique import cite
from communique.kinds import STATEMENT
from communique.site import jsonld
from communique.site.escape import md, record_dir
from communique.site.generate import DOWNLOADS
from communique.site.hook import dataset_path

CITE_PAGE = "cite.md"
_scripts: dict[str, str] = {}  # docs path of a page -> its JSON-LD element


def citation_file(config) -> Path:
    return Path(config.config_file_path).parent / cite.CITATION_FILE


def cite_page(citation: cite.Citation) -> str:
    """The Cite page's Markdown: only the project's own text (CITATION.cff), never a record's."""
    lines = [
        "# Cite and licence",
        "",
        f"Cite the version you used; this site shows version **{md(citation.version)}**. The citations below are "
        f"generated from the repository's `{cite.CITATION_FILE}`, which reference managers and GitHub's "
        "*Cite this repository* read too.",
        "",
        "## APA",
        "",
        _code_block(cite.apa(citation)),
        "",
        "## BibTeX",
        "",
        _code_block(cite.bibtex(citation)),
        "",
        "## Licences",
        "",
        "| What | Licence |",
        "|---|---|",
        *[f"| {md(what)} | {f'[{md(name)}]({url})' if url else md(name)} |" for what, name, url in cite.LICENCES],
        "",
        "The article texts are included so that every statement can be checked against its source; "
        "reuse them under their publishers' terms.",
    ]
    return "\n".join(lines) + "\n"


def _code_block(text: str) -> str:
    """An indented Markdown code block (the site's Markdown has no fenced blocks)."""
    return "\n".join(f"    {line}" for line in text.splitlines())


def on_files(files: Files, config) -> Files:
    citation = cite.read(citation_file(config))
    files.append(File.generated(config, CITE_PAGE, content=cite_page(citation)))
    _scripts.clear()
    _scripts.update(_page_scripts(citation, files, config))
    return files


def _page_scripts(citation: cite.Citation, files: Files, config) -> dict[str, str]:
    from communique.loading import load

    data = load(dataset_path())
    descriptor = json.loads(files.get_file_from_path(f"{DOWNLOADS}/datapackage.json").content_bytes)
    base = config.site_url or citation.url or ""
    said = sorted(statement.date for statement in data.statements.values())
    coverage = (said[0], said[-1]) if said else None
    scripts = {"index.md": jsonld.script(jsonld.dataset(citation, descriptor, base, DOWNLOADS, coverage))}
    for statement in data.statements.values():
        speaker, article = data.actors.get(statement.speaker), data.articles.get(statement.article)
        if speaker is None or article is None:  # a dangling reference: the validator reports it
            continue
        publisher = data.actors.get(article.publisher)
        folder = record_dir(STATEMENT.folder, statement.id)
        node = jsonld.quotation(
            _as_json(statement),
            _as_json(speaker),
            _as_json(article),
            _as_json(publisher) if publisher is not None else None,
            f"{base}{folder}",
        )
        scripts[folder + "index.md"] = jsonld.script(node)
    return scripts


def _as_json(model) -> dict:
    return model.model_dump(mode="json", by_alias=True, exclude_none=True)


def on_post_page(output: str, page, config) -> str:
    script = _scripts.get(page.file.src_uri)
    if script is None:
        return output
    head_end = output.find("</head>")
    return output if head_end < 0 else f"{output[:head_end]}{script}\n{output[head_end:]}"
