"""The published site: pages generated from ``schema/`` and ``dataset/`` at build time.

The generator is plain Python returning the files of a docs folder (Markdown pages of the
project's own text, data files) and the pages made from records, as finished HTML
with a title, so that it does not depend on one site builder: :mod:`communique.site.hook`
hands its output to MkDocs (``mkdocs build`` / ``mkdocs serve``) and says why record text
cannot run in the site. Nothing generated is committed.
"""

from communique.site.generate import generate

__all__ = ["generate"]
