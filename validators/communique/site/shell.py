"""Record pages written into one page the theme has drawn (a shell), not each through MkDocs.

MkDocs builds every page on its own: a Markdown instance, the theme's whole template with its
navigation, the search plugin's HTML parser. For 100,000 record pages that was nine tenths of
the build. A page kept out of the navigation looks like every other page of its folder but for
its title and its content (its links are relative, and the same from every page of a folder),
so the theme draws one *shell* page per folder, with a token for the title and one for the
content, and each record page is that shell with the two filled in.

The title fills the places where the theme printed the shell's title, exactly as it would
have printed the record's (see :mod:`communique.site.hook` for why titles are safe there);
the content is the page's HTML from the templates. The shell's own folder name is replaced
too (it is in the canonical URL when ``site_url`` is set).
"""

from __future__ import annotations

import posixpath
import re
from collections.abc import Iterable

SHELL_DIR = "_cq-shell"  # an underscore, which no record id holds: no record's folder can be a shell's
TITLE_TOKEN = "CqShellTitle7f3a"  # letters only: the theme prints it unchanged wherever it prints a title
CONTENT_TOKEN = '<h1 data-cq-shell="content"></h1>'  # holds "<h1": the theme adds no heading of its own
SEARCH_ATTRIBUTES = re.compile(r"\s?data-search-\w+=\"[^\"]+\"")  # what Material's search strips from a page it builds


def folder(src_uri: str) -> str:
    """The folder a page's own folder is in: ``statements/`` for ``statements/x/index.md``."""
    return posixpath.dirname(posixpath.dirname(src_uri)) + "/"


def shell_uri(parent: str) -> str:
    """The docs path of the shell page drawn for the pages of ``parent``."""
    return f"{parent}{SHELL_DIR}/index.md"


def shells_for(src_uris: Iterable[str]) -> dict[str, str]:
    """The shell page each page is filled into, by the page's docs path."""
    return {src_uri: shell_uri(folder(src_uri)) for src_uri in src_uris}


class Shell:
    """A page as the theme drew it, cut at its tokens, to be filled with a title and content."""

    def __init__(self, output: str) -> None:
        if output.count(CONTENT_TOKEN) != 1:
            raise ValueError("the theme did not print the shell's content exactly once")
        self.parts = re.split(f"({re.escape(TITLE_TOKEN)}|{re.escape(CONTENT_TOKEN)}|{re.escape(SHELL_DIR)})", output)

    def fill(self, title: str, content: str, page_dir: str) -> str:
        """The page titled ``title`` (made safe by :func:`~communique.site.escape.title`), of HTML
        ``content``, in folder ``page_dir`` (its name only)."""
        fillings = {TITLE_TOKEN: title, CONTENT_TOKEN: SEARCH_ATTRIBUTES.sub("", content), SHELL_DIR: page_dir}
        return "".join(fillings.get(part, part) for part in self.parts)
