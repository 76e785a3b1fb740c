"""The column that names a row of each kind's table for a person: an article by its headline.

Tools show a label instead of a bare id (Datasette's ``label_column``), and a reference
resolved on request (``communique.frames``) brings the label of the row it points at.
"""

from __future__ import annotations

LABELS = {"articles": "headline", "actors": "name", "statements": "text", "treaties": "name"}


def label_column(table: str) -> str | None:
    return LABELS.get(table)
