"""The importer: the plain text of a plan → a plan file that validates, with ``check:`` where unsure.

Stages, one module each, in the order they run: ``source`` (decode, clean) → ``parse`` (header,
title, clause tree, closing, recipients, signature, a Quyết định around the plan, task tables) →
``refs`` (legal references) and ``agencies`` (names of agencies) → ``roles`` (roles and deadlines
from the wording) → ``build`` (the plan's data, with links and proposals) → ``emit`` (YAML for
editors). ``cli`` is ``scripts/import``; ``accuracy`` is ``scripts/import_accuracy``.
"""

from .cli import Imported, import_main, import_text
from .data import ReferenceData, load_reference_data
from .source import SourceError

__all__ = ["Imported", "ReferenceData", "SourceError", "import_main", "import_text", "load_reference_data"]
