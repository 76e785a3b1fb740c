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
from pathlib import Path

from jinja2 import Environment, FileSystemLoader, StrictUndefined
from markupsafe import Markup

_CONTROL = re.compile(r"[\x00-\x08\x0b-\x1f\x7f-\x9f]")


def _printable(value: object) -> object:
    """Jinja's ``finalize``: each printed value without control characters (before escaping)."""
    if isinstance(value, Markup):
        return Markup(_CONTROL.sub("", value))
    if isinstance(value, str):
        return _CONTROL.sub("", value)
    return value


ENVIRONMENT = Environment(
    loader=FileSystemLoader(Path(__file__).parent / "templates"),
    autoescape=True,
    undefined=StrictUndefined,
    finalize=_printable,
    trim_blocks=True,
    lstrip_blocks=True,
)


def render(template: str, **context: object) -> str:
    """The HTML of ``templates/<template>`` with ``context``; every printed value escaped."""
    return ENVIRONMENT.get_template(template).render(**context)
