"""Schema versioning: released schema sets, the classifier of changes between two sets,
and the gate that holds a declared ``x-version`` bump to what the changes need.

``releases.release(version)`` is the one way to reach a released set; ``classify.diff``
returns typed :class:`~communique.versioning.changes.Change` objects, so that later work
(records validated against old versions, deprecation findings, migration, changelogs)
builds on data, not on printed text.
"""
