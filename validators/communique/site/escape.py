"""Turning record text into HTML, Markdown, titles, links and paths that cannot misbehave.

Records come from contributors, so every string in them is untrusted: MkDocs and Material
put page titles into the HTML unescaped, an id becomes a folder name, a URL becomes a
link. Record text reaches HTML pages only through the templates (autoescape on, see
:mod:`communique.site.render`); this module makes what the templates cannot: titles,
folder names, relative links and checked URLs.
:func:`md` is for the project's own text (schemas, rule docs) in Markdown pages.
"""

from __future__ import annotations

import re
from urllib.parse import urlsplit

from communique.schemafields import definition
from communique.site.text import shorten


class UnsafeId(ValueError):
    """A record id that is not a slug, so it cannot name a page."""


_ID = definition("id")
_SLUG = re.compile(_ID["pattern"])
_SLUG_MAX = _ID["maxLength"]

# Characters with a meaning anywhere in a line for Python-Markdown and the extensions we
# enable (escapes, code, emphasis, links, images, raw HTML, entities, attr_list, tables,
# headings); written as numeric character references they are shown, never interpreted.
_MD_SPECIAL = {ord(char): f"&#{ord(char)};" for char in "\\`*_[](){}!<>&|#"}
# Constructs that only count at the start of a line: lists, setext rules, quotes.
_MD_LINE_START = re.compile(r"^(?:[-+=:]|\d+\.)")
_SPACE = re.compile(r"\s+")
_CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f]")  # C0 (but white space), DEL, C1
_TITLE_SAFE = str.maketrans({"<": "‹", ">": "›", "&": "and", '"': "”", "'": "’", "`": "’", "\\": "/"})
TITLE_MAX = 90


def md(value: object) -> str:
    """Text for a Markdown line (a paragraph, a table cell, a list item): shown, never parsed."""
    text = _SPACE.sub(" ", _CONTROL.sub("", str(value))).strip().translate(_MD_SPECIAL)
    head = _MD_LINE_START.match(text)
    if head:  # "-" or "1." at the start of a line would make a list
        end = head.end() - 1
        text = f"{text[:end]}&#{ord(text[end])};{text[end + 1:]}"
    return text


def title(value: object) -> str:
    """A page title with no character HTML or Markdown treats specially.

    MkDocs puts titles into the page (``<title>``, the header) without escaping them,
    and Material's ``striptags`` would undo an escape, so a title is made safe by
    leaving such characters out (replaced by look-alikes), not by escaping them.
    """
    text = shorten(_CONTROL.sub("", str(value)).translate(_TITLE_SAFE), TITLE_MAX)
    return text or "Untitled"


def http_url(value: object) -> str | None:
    """The URL if it is an absolute http(s) URL safe to put in an ``href``, else None."""
    if not isinstance(value, str) or _SPACE.search(value) or _CONTROL.search(value):
        return None
    try:
        parts = urlsplit(value)
    except ValueError:
        return None
    if parts.scheme.lower() not in ("http", "https") or not parts.netloc:
        return None
    return value


def slug(value: object) -> str:
    """The id itself if it is a slug; refuses anything that could leave its folder."""
    if not isinstance(value, str) or len(value) > _SLUG_MAX or not _SLUG.fullmatch(value):
        raise UnsafeId(f"refusing to build a page for the id {value!r}: ids must match {_SLUG.pattern}")
    return value


def record_dir(folder: str, record_id: object) -> str:
    """The site folder of a record's page, ``<folder>/<id>/`` (its page is ``index.md`` in it).

    One folder per record, rather than ``<folder>/<id>.md``, so that an id such as
    ``index`` cannot collide with the folder's index page.
    """
    return f"{folder}/{slug(record_id)}/"


def rel(from_dir: str, to: str) -> str:
    """The relative URL from a page's folder (``articles/x/``) to a site path.

    Links inside raw HTML blocks are not rewritten by MkDocs, so they are written
    relative to where the page will be served (directory URLs).
    """
    here, there = _segments(from_dir), _segments(to)
    common = 0
    while common < min(len(here), len(there)) and here[common] == there[common]:
        common += 1
    target = "/".join([".."] * (len(here) - common) + there[common:]) or "."
    if to.endswith("/"):
        target = "./" if target == "." else target + "/"
    return target


def _segments(path: str) -> list[str]:
    """A site path's folders and file, as :func:`posixpath.relpath` sees them (it was a tenth of
    the generator's time: it makes both paths absolute and normalises them, every link)."""
    return [part for part in path.split("/") if part and part != "."]
