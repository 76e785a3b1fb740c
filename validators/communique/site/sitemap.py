"""The site's ``sitemap.xml`` with every page written, the record pages among them.

MkDocs writes the sitemap (when ``site_url`` is set) before the ``on_post_build`` hooks, from
the pages it built itself: the shells (:mod:`communique.site.shell`), removed afterwards, and
none of the record pages written from them. :func:`complete` rewrites it from MkDocs' own
entries, less the shells, and one entry per page written from a shell. The sitemaps protocol
allows 50,000 URLs a file (https://www.sitemaps.org/protocol.html): beyond that,
``sitemap.xml`` becomes a sitemap index of ``sitemap-<n>.xml`` files, each also gzipped as
MkDocs gzips its own.
"""

from __future__ import annotations

import gzip
from collections.abc import Iterable
from pathlib import Path
from urllib.parse import urljoin
from xml.etree import ElementTree
from xml.sax.saxutils import escape

from mkdocs.utils import get_build_date, get_build_datetime

NAMESPACE = "http://www.sitemaps.org/schemas/sitemap/0.9"
FILE = "sitemap.xml"
MAX_URLS = 50_000  # per sitemap file, by the protocol


def urls(sitemap: str) -> list[tuple[str, str | None]]:
    """The (location, last modified) of each entry of a sitemap, in its order."""
    ns = {"s": NAMESPACE}
    return [(url.findtext("s:loc", "", ns).strip(), url.findtext("s:lastmod", None, ns))
            for url in ElementTree.fromstring(sitemap).iterfind("s:url", ns)]


def _urlset(entries: Iterable[tuple[str, str | None]]) -> str:
    lines = ['<?xml version="1.0" encoding="UTF-8"?>', f'<urlset xmlns="{NAMESPACE}">']
    for loc, lastmod in entries:
        modified = f"<lastmod>{escape(lastmod)}</lastmod>" if lastmod else ""
        lines.append(f"    <url><loc>{escape(loc)}</loc>{modified}</url>")
    return "\n".join(lines + ["</urlset>"]) + "\n"


def _index(locations: Iterable[str], lastmod: str) -> str:
    lines = ['<?xml version="1.0" encoding="UTF-8"?>', f'<sitemapindex xmlns="{NAMESPACE}">']
    lines += [f"    <sitemap><loc>{escape(loc)}</loc><lastmod>{escape(lastmod)}</lastmod></sitemap>" for loc in locations]
    return "\n".join(lines + ["</sitemapindex>"]) + "\n"


def _write(path: Path, text: str) -> None:
    """The file and its gzipped copy beside it, dated the build's date as MkDocs dates its own."""
    data = text.encode("utf-8")
    path.write_bytes(data)
    with path.with_name(path.name + ".gz").open("wb") as raw, gzip.GzipFile(
            fileobj=raw, filename=f"{path}.gz", mode="wb", mtime=int(get_build_datetime().timestamp())) as zipped:
        zipped.write(data)


def complete(site_dir: Path, site_url: str | None, written: Iterable[str], dropped: str, max_urls: int = MAX_URLS) -> int:
    """Rewrite MkDocs' sitemap in ``site_dir``: its entries but those whose location holds
    ``dropped`` (the shells' folder), then the canonical URL of each page in ``written`` (site
    paths, ``actors/x/``), each once. Nothing to do without ``site_url`` (MkDocs writes no
    location then). Returns the number of URLs listed."""
    path = site_dir / FILE
    if not site_url or not path.is_file():
        return 0
    today = get_build_date()
    entries = {loc: lastmod for loc, lastmod in urls(path.read_text(encoding="utf-8")) if dropped not in loc}
    for page in written:
        entries.setdefault(urljoin(site_url, page), today)
    listed = list(entries.items())
    if len(listed) <= max_urls:
        _write(path, _urlset(listed))
        return len(listed)
    parts = [listed[start : start + max_urls] for start in range(0, len(listed), max_urls)]
    for number, part in enumerate(parts, 1):
        _write(site_dir / f"sitemap-{number}.xml", _urlset(part))
    _write(path, _index((urljoin(site_url, f"sitemap-{number}.xml") for number in range(1, len(parts) + 1)), today))
    return len(listed)
