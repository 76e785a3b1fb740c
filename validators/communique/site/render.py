"""The one way record text reaches a generated page: Jinja2 templates with autoescape on.

Generated pages never pass record text through Markdown or YAML (see
:mod:`communique.site.hook`): their HTML is rendered here, and Jinja2 escapes every value a
template prints unless the value is :class:`~markupsafe.Markup` made by another template.
Python code builds plain values and views (:mod:`communique.site.views`), never HTML, so
no string from a record can become markup by a forgotten escape. Control characters
(other than tab and line feed) are dropped from every printed value: they mean nothing
in a page and some browsers' parsers refuse them.
"""

from __future__ import annotations

import re
from functools import lru_cache
from pathlib import Path

from jinja2 import Environment, FileSystemLoader, StrictUndefined
from markupsafe import Markup

_CONTROL = re.compile(r"[\x00-\x08\x0b-\x1f\x7f-\x9f]")


def _printable(value: object) -> object:
    """Jinja's ``finalize``: each printed value without control characters (before escaping).
    Called for every value a page prints: a value without any is returned as it is."""
    if isinstance(value, str) and _CONTROL.search(value):
        cleaned = _CONTROL.sub("", value)
        return Markup(cleaned) if isinstance(value, Markup) else cleaned
    return value


ENVIRONMENT = Environment(
    loader=FileSystemLoader(Path(__file__).parent / "templates"),
    autoescape=True,
    undefined=StrictUndefined,
    finalize=_printable,
    trim_blocks=True,
    lstrip_blocks=True,
)


VIEWS_KEPT = 65_536  # the HTML of this many views is kept: at 100,000 records, a few tens of MB


@lru_cache(maxsize=VIEWS_KEPT)
def value(view: object) -> Markup:
    """The HTML of a view (:mod:`communique.site.views`), by the ``view`` macro of ``fields.html``,
    printed by templates as ``value(v)``. Pages print the same views again and again (a speaker's
    link, a date, a topic's code, from every page of a folder alike, since links are relative):
    each distinct view is rendered once (the macro calls were a third of the generator's profiled time)."""
    return ENVIRONMENT.get_template("fields.html").module.view(view)


ENVIRONMENT.globals["value"] = value


def forget_views() -> None:
    """Drop the views' HTML kept by :func:`value`: a new build may bring changed templates."""
    value.cache_clear()


def render(template: str, **context: object) -> str:
    """The HTML of ``templates/<template>`` with ``context``; every printed value escaped."""
    return ENVIRONMENT.get_template(template).render(**context)
