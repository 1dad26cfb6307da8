"""vnplans: Vietnamese government plans as validated, structured data.

The package is plain Python and does not import MkDocs. Its stages, one module each:
``yamlio`` (safe YAML with line marks) → ``schema`` (JSON Schema) → ``records`` (typed records)
→ ``xref`` (cross-references) → ``model`` (the frozen :class:`~vnplans.model.Portfolio`), driven by
``load.load_portfolio``. The site layer builds on it: ``routes`` → ``render`` (Jinja templates).
"""
