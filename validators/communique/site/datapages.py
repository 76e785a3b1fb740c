"""MkDocs hooks (``hooks:`` in ``mkdocs.yml``, after ``hook.py``): the pages for data users and the JSON-LD.

Kept apart from ``hook.py`` and from the page templates, so that the site's layout can change
without touching them: the Cite page is generated from ``CITATION.cff`` (:mod:`communique.cite`),
the Beyond one machine page shows the SQL checks of :mod:`communique.export.checks` (the
very text the tests run), and the JSON-LD is put into the built HTML, before ``</head>``, of the home page (a schema.org
``Dataset``), of every statement page (a ``Quotation``) and of every event page (an ``Event``), built by
:mod:`communique.site.jsonld`.
"""

from __future__ import annotations

import json
from pathlib import Path

from mkdocs.structure.files import File, Files

from communique import cite
from communique.kinds import EVENT, STATEMENT
from communique.site import jsonld
from communique.site.data import loaded
from communique.site.escape import md, record_dir
from communique.site.generate import ARCHIVE, DOWNLOADS
from communique.site.hook import dataset_path

CITE_PAGE = "cite.md"
SCALE_PAGE = "at-scale.md"
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


#: The reference and quote checks in PySpark, over an export written by
#: ``communique export --parquet --out export`` (the folder is the working folder's ``export``).
SPARK_CHECKS = r'''import json
import re
import unicodedata

from pyspark.sql import SparkSession

spark = SparkSession.builder.getOrCreate()
with open("export/datapackage.json", encoding="utf-8") as descriptor:
    resources = json.load(descriptor)["resources"]
parquet = {r["name"].removesuffix("-parquet"): r["path"] for r in resources if r["format"] == "parquet"}
for name, path in parquet.items():
    spark.read.parquet(f"export/{path}").createOrReplaceTempView(name)

# References: each foreign key value that points at no row of the table it references
checks = []
for resource in resources:
    for key in resource.get("schema", {}).get("foreignKeys", []) if resource["name"] in parquet else []:
        fields, target = key["fields"], key["reference"]
        on = " AND ".join(f"r.`{r}` = t.`{f}`" for f, r in zip(fields, target["fields"]))
        present = " AND ".join(f"t.`{f}` IS NOT NULL" for f in fields)
        value = ", ".join(f"CAST(t.`{f}` AS STRING)" for f in fields)
        checks.append(
            f"SELECT '{resource['name']}' AS table, '{', '.join(fields)}' AS columns, concat_ws('/', {value}) AS value "
            f"FROM `{resource['name']}` t LEFT ANTI JOIN `{target['resource']}` r ON {on} WHERE {present}"
        )
spark.sql(" UNION ALL ".join(checks)).show(truncate=False)

# Quotes: each quote whose text is not in its article's body, once both are normalised
def normalised(text):
    text = unicodedata.normalize("NFC", text)
    text = re.sub("[\u2018-\u201B]", "'", text)  # curly single quotes and apostrophes
    text = re.sub("[\u201C-\u201F]", '"', text)  # curly double quotes
    text = re.sub("[\u200B-\u200D\u2060\uFEFF]", "", text)  # zero-width characters
    return re.sub(r"\s+", " ", text)  # runs of white space, every Unicode space among them

spark.udf.register("normalised", normalised)
spark.sql("""
    SELECT s.id, s.article FROM statements s JOIN articles a ON a.id = s.article
    WHERE s.kind = 'quote' AND instr(normalised(a.body), normalised(s.text)) = 0
""").show(truncate=False)'''


def scale_page() -> str:
    """How to run the validator's reference and quote checks as SQL over the Parquet tables."""
    from communique.export.checks import NORMALISE, quotes_sql, references_sql

    folder = "export/parquet"
    lines = [
        "# Beyond one machine",
        "",
        "The validator reads every record into memory: right for a curated dataset, not for one the size of "
        "Quotebank (178 million quotations). There the Parquet tables are the interface: "
        "`communique export --parquet --out export` writes one file per table, with the columns and types of the "
        "CSV tables, and any engine that reads Parquet (DuckDB, Spark, polars) can check them without our code.",
        "",
        "The two checks below are those of `communique validate` as SQL joins; each returns the rows that fail, "
        "and nothing for a clean dataset. The test suite runs this very SQL in DuckDB on an export with a planted "
        "dangling reference and a planted quote, and checks that it finds both.",
        "",
        "## In DuckDB (out of core)",
        "",
        "DuckDB streams Parquet and spills to disk, so the checks run on data larger than memory "
        "(`SET memory_limit = '4GB'; SET temp_directory = '/tmp/duckdb';`).",
        "",
        "### References",
        "",
        "Every foreign key of the Table Schemas, as an anti-join (the `reference.*` rules):",
        "",
        _code_block(references_sql(folder) + ";"),
        "",
        "### Quotes",
        "",
        "Every quote whose text is not in its article's body (`meaning.quote-in-article`), comparing the texts as "
        "the validator does: runs of white space, curly quote marks, zero-width characters and Unicode "
        "composition are ignored. Unlike the validator, it does not tell apart a quote that starts or ends "
        "inside a word.",
        "",
        _code_block(NORMALISE + ";\n\n" + quotes_sql(folder) + ";"),
        "",
        "## In Spark",
        "",
        "The same checks in PySpark (run with Spark 4.3 on an export of this dataset). Every table's Parquet "
        "file becomes a view, and every foreign key of the Table Schemas in `datapackage.json` an anti-join, so "
        "the script follows the package's tables as they are. Spark SQL has no Unicode normalisation, so the "
        "quote check compares the texts through a Python function that normalises them as the DuckDB macro does. "
        "Save it beside the `export` folder and run it with Python (`pip install pyspark`; Spark needs Java 17 or "
        "later); each check prints an empty table for a clean export, and a row per problem otherwise.",
        "",
        _code_block(SPARK_CHECKS),
    ]
    return "\n".join(lines) + "\n"


def _code_block(text: str) -> str:
    """An indented Markdown code block (the site's Markdown has no fenced blocks)."""
    return "\n".join(f"    {line}" for line in text.splitlines())


def on_files(files: Files, config) -> Files:
    citation = cite.read(citation_file(config))
    files.append(File.generated(config, CITE_PAGE, content=cite_page(citation)))
    files.append(File.generated(config, SCALE_PAGE, content=scale_page()))
    _scripts.clear()
    _scripts.update(_page_scripts(citation, files, config))
    return files


def _page_scripts(citation: cite.Citation, files: Files, config) -> dict[str, str]:
    data = loaded(dataset_path())
    package = files.get_file_from_path(f"{DOWNLOADS}/datapackage.json")  # absent when a build leaves out the downloads
    descriptor = json.loads(package.content_bytes) if package is not None else None
    base = config.site_url or citation.url or ""
    said = sorted(statement.date for statement in data.statements.values())
    coverage = (said[0], said[-1]) if said else None
    scripts = {"index.md": jsonld.script(jsonld.dataset(citation, descriptor, base, DOWNLOADS, ARCHIVE, coverage))}
    for statement in data.statements.values():
        speaker, article = data.actors.get(statement.speaker), data.articles.get(statement.article)
        if speaker is None or article is None:  # a dangling reference: the validator reports it
            continue
        publisher = data.actors.get(article.publisher)
        folder = record_dir(STATEMENT.folder, statement.id)
        event = data.events.get(statement.event) if statement.event else None
        node = jsonld.quotation(
            _as_json(statement),
            _as_json(speaker),
            _as_json(article),
            _as_json(publisher) if publisher is not None else None,
            f"{base}{folder}",
            at=(_as_json(event), f"{base}{record_dir(EVENT.folder, event.id)}") if event is not None else None,
            about=[_as_json(data.treaties[t]) for t in statement.treaties if t in data.treaties],
        )
        scripts[folder + "index.md"] = jsonld.script(node)
    for event in data.events.values():
        folder = record_dir(EVENT.folder, event.id)
        shown = _as_json(event)  # its participants as JSON too: the pages read records as JSON, never a model's inner types
        actors = {p["actor"]: _as_json(data.actors[p["actor"]]) for p in shown.get("participants", ()) if p["actor"] in data.actors}
        larger = data.events.get(event.part_of) if event.part_of else None
        node = jsonld.event(shown, actors, f"{base}{folder}",
                            (_as_json(larger), f"{base}{record_dir(EVENT.folder, larger.id)}") if larger is not None else None)
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
