"""vnplans: Vietnamese government plans as validated, structured data, and the site built from it.

Data flows one way, one sub-package per stage:

``data``
    YAML on disk → :mod:`~vnplans.data.yamlio` (safe YAML with line marks) → :mod:`~vnplans.data.schema`
    (JSON Schema) → :mod:`~vnplans.data.records` (typed records) → :mod:`~vnplans.data.xref`
    (cross-references) → :mod:`~vnplans.data.model` (the frozen :class:`~vnplans.data.model.Portfolio`),
    driven by :func:`vnplans.data.load.load_portfolio`. It imports nothing from the other sub-packages.
``site``
    the public site from a portfolio: :mod:`~vnplans.site.routes` (every page) → :mod:`~vnplans.site.render`
    (one Jinja template per page type) → :class:`~vnplans.site.build.SiteBuild`, open data and search.
    Nothing here imports MkDocs; ``hooks/site.py`` is the thin glue.
``review``
    what a change to the data does to agencies' duties (``scripts/diff``).
``importer``
    a plan's plain text → a draft plan file (``scripts/import``).
``commands``
    the command-line entry points behind ``scripts/``.
"""
