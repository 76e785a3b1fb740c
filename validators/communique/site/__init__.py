"""The published site: pages generated from ``schema/`` and ``dataset/`` at build time.

The generator is plain Python returning ``{path: content}`` for a docs folder, so that it
does not depend on one site builder: :mod:`communique.site.hook` hands its output to
MkDocs (``mkdocs build`` / ``mkdocs serve``), and any builder that reads a docs folder
could take the same pages. Nothing generated is committed.
"""

from communique.site.generate import generate

__all__ = ["generate"]
