"""Curation tools: a record skeleton (``communique new``), an article imported from a saved
page (``communique import-article``) and one canonical form for record files (``communique fmt``)."""
