"""``meaning.public-url``: a web address points at a public page."""

from __future__ import annotations

import ipaddress
import re
from collections.abc import Mapping
from functools import lru_cache
from typing import Any
from urllib.parse import urlsplit

from communique.findings import Severity
from communique.rules.base import Index, Problem, record_rule
from communique.rules.common import clip, fields_where, schema_accepts


_URL_FIELDS = fields_where(lambda field: field.schema.get("format") == "uri")


# A URL whose authority is a plain host name: what ``urlsplit`` would take apart into
# that host alone (no user, password or port), at a tenth of its cost.
_PLAIN_URL = re.compile(r"https?://([A-Za-z0-9.-]+)(?:[/?#]|$)")


def _url_problem(url: str) -> str | None:
    """What stops ``url`` (already an http(s) URI by the schema) from being a public address."""
    if (plain := _PLAIN_URL.match(url)) is not None:
        return _host_problem(plain.group(1).lower())
    try:
        parts = urlsplit(url)
        port = parts.port
    except ValueError as error:
        return f"it cannot be read as a URL ({error})"
    if parts.username is not None or parts.password is not None:
        return "it carries a user name or password"
    host = parts.hostname or ""
    if port == 0:
        return "its port is 0"
    return _host_problem(host)


@lru_cache(maxsize=1 << 12)  # a dataset's URLs share a few hosts
def _host_problem(host: str) -> str | None:
    try:
        address = ipaddress.ip_address(host)
    except ValueError:
        address = None
    if address is not None:
        return None if address.is_global else f"{host} is not a public internet address"
    labels = host.split(".")
    if len(labels) < 2 or not all(_HOST_LABEL.match(label) for label in labels) or labels[-1].isdigit():
        return f"{host!r} is not a public host name"
    return None


_HOST_LABEL = re.compile(r"^(?!-)[a-z0-9-]{1,63}(?<!-)$")


@record_rule("meaning.public-url", Severity.ERROR, kinds=_URL_FIELDS.kinds, reads=_URL_FIELDS.by_kind)
def public_url(record: Mapping[str, Any], index: Index) -> list[Problem]:
    """A web address points at a public page: no credentials, a public host, a valid port.

    Every URL is published with the record and is how a reader checks it. The schema
    already requires an absolute ``http`` or ``https`` URI (a ``schema.*`` finding
    otherwise, and this rule then stays silent); this rule catches what a pattern
    cannot: credentials that must never be published, and hosts no reader can reach
    (``localhost``, a private network address, a name without a domain).

    How to fix: copy the address from the browser's address bar on the public page.

    Example: ``https://tass.com/politics/1199783`` passes; ``https://user:secret@tass.com/``
    and ``http://intranet/page`` fail.
    """
    return [
        Problem(pointer, f"{clip(url)} is not a public web address: {problem}", "Use the page's public address.")
        for pointer, url, field in _URL_FIELDS.strings(record)
        if (problem := _url_problem(url)) is not None and schema_accepts(field.schema, url)
    ]

