"""All generated pages of the site, from the schemas, the dataset and the rule catalogue.

:func:`generate` returns docs paths with their contents, for a site builder to add to
the hand-written pages in ``docs/`` (see :mod:`communique.site.hook`).
"""

from __future__ import annotations

import html
import json
import re
import tempfile
from dataclasses import dataclass
from pathlib import Path

from communique.kinds import KINDS, SCHEMA_MAJOR
from communique.schemas import schema_documents
from communique.site import dictionary
from communique.site.data import SiteData, load
from communique.site.escape import md
from communique.site.records import EXPLORER_DATA, HtmlPage, record_files
from communique.site.render import render
from communique.site.text import plural, size
from communique.versioning.pages import pages as versioning_pages

SUMMARY_MARKER = "<!-- communique:summary -->"
_CODE = re.compile(r"``(.+?)``|`(.+?)`")
_LABEL = re.compile(r"^(Why|How to fix|Example|Examples):\s*")


@dataclass
class Site:
    files: dict[str, str | bytes]  # docs path -> content: Markdown pages of project text, and other files
    pages: dict[str, HtmlPage]  # docs path ("articles/x/index.md") -> a page rendered as HTML from records
    unlisted: set[str]  # pages reached through index pages, kept out of the navigation
    summary: str  # HTML for the home page's summary


def _inline(text: str, escape=html.escape) -> str:
    """Docstring text with its ``code`` spans shown as code; everything else escaped by ``escape``."""
    out, cursor = [], 0
    for match in _CODE.finditer(text):
        out.append(escape(text[cursor : match.start()]))
        out.append(f"<code>{escape(match.group(1) or match.group(2))}</code>")
        cursor = match.end()
    out.append(escape(text[cursor:]))
    return "".join(out)


def _md_piece(text: str) -> str:
    """:func:`md` for a piece of a line: keeps the spaces at its ends."""
    lead = " " if text[:1].isspace() else ""
    trail = " " if text[-1:].isspace() and text.strip() else ""
    return lead + md(text) + trail


def _doc_html(doc: str) -> str:
    """A rule's docstring (after its summary line) as HTML paragraphs; indented blocks as code."""
    blocks = []
    for paragraph in re.split(r"\n\s*\n", doc.strip()):
        lines = paragraph.splitlines()
        if all(line.startswith(("    ", "\t")) for line in lines):
            blocks.append("<pre><code>" + html.escape("\n".join(line[4:] for line in lines)) + "</code></pre>")
            continue
        label = _LABEL.match(paragraph)
        prefix = f"<strong>{html.escape(label.group(1))}:</strong> " if label else ""
        blocks.append(f"<p>{prefix}{_inline(' '.join(paragraph[label.end():].split()) if label else ' '.join(lines))}</p>")
    return "\n".join(blocks)


def rules_page() -> str:
    from communique.rules import catalogue

    rules = catalogue()
    lines = [
        "# Validation rules",
        "",
        f"`communique validate` applies {len(rules)} rules. Each finding names its rule; this catalogue says what the "
        "rule checks, why, and how to fix a finding. It is generated from the rules' own documentation in "
        "the code, so it always matches the validator. Errors fail validation; warnings fail it only "
        "with `--strict`. See [Contributing](contributing.md) for how to run the validator and read its output.",
        "",
    ]
    anchors = {rule.id: re.sub(r"[^a-z0-9]+", "-", rule.id.lower()) for rule in rules}
    catalogue_rows = ["| Rule | Severity | Applies to | Checks |", "|---|---|---|---|"]
    for rule in rules:
        kinds = ", ".join(rule.kind_names) or "every file"
        catalogue_rows.append(f"| [<code>{md(rule.id)}</code>](#{anchors[rule.id]}) | {md(rule.severity)} | {md(kinds)} | {_inline(rule.summary, _md_piece)} |")
    lines += dictionary.unsearched(catalogue_rows, "each rule's section follows")
    for rule in rules:
        rest = rule.doc.split("\n", 1)[1] if "\n" in rule.doc else ""
        lines += [
            "",
            f"## <code>{md(rule.id)}</code> {{#{anchors[rule.id]}}}",
            "",
            f"**{_inline(rule.summary, _md_piece)}**",
            "",
            f"Severity: {md(rule.severity)}. Applies to: {md(', '.join(rule.kind_names) or 'every file')}.",
            "",
            '<div class="cq-rule-doc">',
            _doc_html(rest),
            "</div>",
        ]
    return "\n".join(lines) + "\n"


DOWNLOADS = "downloads/communique"
ARCHIVE = "downloads/communique.zip"
# The formats of the package, in the order the page lists them: (heading, folder or file, what it is for).
FORMATS = (
    ("SQLite database", "communique.sqlite", "Every table in one file, with primary and foreign keys: query it with SQL, "
     "open it in Datasette or DB Browser for SQLite."),
    ("JSON Lines", "jsonl/", "Every record exactly as curated, one JSON object per line: for programs, and for "
     "anyone who wants the records with their nesting."),
    ("CSV tables", "csv/", "A table per kind and per repeated field, joined by the record's id: for spreadsheets, R, pandas."),
    ("Descriptor", "datapackage.json", "The Frictionless descriptor: every file's columns, types and keys, the licence, "
     "the version. Check the package with `frictionless validate datapackage.json`."),
)


def download_files(data: SiteData) -> dict[str, bytes]:
    """The data package (CSV, JSON Lines, SQLite, datapackage.json), exported for the site,
    and the export's own archive of it all (the same bytes for the same data) on top."""
    from communique.export import write_package
    from communique.export.archive import ARCHIVE as PACKAGE_ARCHIVE

    with tempfile.TemporaryDirectory() as scratch:
        out = Path(scratch) / "package"
        written = write_package(data.dataset, out)
        package = {name: (out / name).read_bytes() for name in written}
    archive = package.pop(PACKAGE_ARCHIVE)
    return {ARCHIVE: archive, **{f"{DOWNLOADS}/{name}": content for name, content in package.items()}}


def _purposes(downloads: dict[str, bytes]) -> dict[str, str]:
    """Each file's description in the package's own descriptor, up to its first sentence."""
    descriptor = json.loads(downloads.get(f"{DOWNLOADS}/datapackage.json", b"{}"))
    return {resource["path"]: resource.get("description", "").split(". ")[0].rstrip(".") + "."
            for resource in descriptor.get("resources", []) if resource.get("path") and resource.get("description")}


def downloads_page(downloads: dict[str, bytes]) -> str:
    schema_rows = [f"| [{md(name)}](schema/{SCHEMA_MAJOR}/{name}) | {md(doc.get('description', ''))} |"
                   for name, doc in schema_documents().items()]
    purposes = _purposes(downloads)
    package = {path.removeprefix(DOWNLOADS + "/"): content for path, content in downloads.items() if path.startswith(DOWNLOADS + "/")}
    lines = ["# Downloads", "", "## The whole dataset", ""]
    if ARCHIVE in downloads:
        lines += [f"**[communique.zip]({ARCHIVE})** ({size(len(downloads[ARCHIVE]))}): the whole data package in one "
                  "archive, exported when this site was built. The same data always gives the same archive, byte for byte.", ""]
    lines += ["It is a Frictionless data package holding the same records in three formats; each file is also here on its own:", ""]
    for heading, where, purpose in FORMATS:
        members = sorted(name for name in package if name == where or (where.endswith("/") and name.startswith(where)))
        total = sum(len(package[name]) for name in members)
        lines += [f"### {heading}", "", f"{purpose} {plural(len(members), 'file')}, {size(total)}.", ""]
        lines += ["| File | Size | Holds |", "|---|---:|---|"]
        lines += [f"| [{md(name)}]({DOWNLOADS}/{name}) | {size(len(package[name]))} | {md(purposes.get(name, ''))} |"
                  for name in members]
        lines.append("")
    lines += [
        "Write the package yourself from any dataset folder with `communique export --out DIR --dataset DIR`. "
        "The records themselves, one JSON file each, are in the repository's `dataset/` folder and in the "
        "installed package (`communique.load()`).",
        "",
        "In the CSV files, a cell whose text begins with `=`, `+`, `-`, `@`, a tab or a carriage return is written "
        "with a single quote `'` in front of it, so that a spreadsheet opening the file shows the text instead of "
        "running it as a formula ([OWASP: CSV injection](https://owasp.org/www-community/attacks/CSV_Injection)). "
        "The JSON Lines files and the SQLite database keep every text exactly as recorded.",
        "",
        "## The schemas",
        "",
        "| File | Describes |",
        "|---|---|",
        *schema_rows,
        "",
        "The codelists are CSV files with the columns code, title, description; each has a page in the "
        "[data dictionary](dictionary/index.md).",
        "",
        "## The statements explorer's data",
        "",
        f"[statements.json]({EXPLORER_DATA}): every statement's id, date, speaker, kind, topics, text and article (and its event, speech act and addressees when it has them), "
        "with the speakers' names and aliases and the articles' headlines, in one file (the explorer reads the same "
        "data in shards, a few at a time).",
    ]
    return "\n".join(lines) + "\n"


def summary(data: SiteData) -> str:
    """The home page's numbers, as HTML: records per kind and the dates they span."""
    kinds = [{"href": f"{kind.folder}/", "label": kind.folder.capitalize(), "count": len(getattr(data, kind.folder)),
              "dictionary": f"dictionary/{kind.name}/", "name": kind.name} for kind in KINDS]
    said = sorted(s["date"] for s in data.statements.values())
    published = sorted(a["published"] for a in data.articles.values())
    return render("summary.html", kinds=kinds, said=(said[0], said[-1]) if said else None,
                  published=(published[0], published[-1]) if published else None,
                  version=schema_documents()["defs.schema.json"]["x-version"])


def generate(dataset: Path) -> Site:
    """Every generated page for the dataset at ``dataset``; raises on data that does not load."""
    data = load(dataset)
    pages, records, unlisted = record_files(data)
    files: dict[str, str | bytes] = {**dictionary.pages(), **records}
    unlisted |= {path for path in files if path.startswith(f"{dictionary.FOLDER}/codelists/")}
    files["rules.md"] = rules_page()
    downloads = download_files(data)
    files.update(downloads)
    files["downloads.md"] = downloads_page(downloads)
    files.update(versioning_pages(dataset))
    return Site(files, pages, unlisted, summary(data))
