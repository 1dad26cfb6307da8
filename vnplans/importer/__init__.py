"""The importer: the plain text of a plan → a plan file that validates, with ``check:`` where unsure.

Stages, one module each, in the order they run: ``source`` (decode, take out page furniture and
footnotes) → ``parse`` (header, type line, title, clause tree, closing, recipients, signature, the
Quyết định, Nghị quyết or Công văn around the plan, task tables) → ``places`` (the plan's jurisdiction
and issuer; jurisdictions to propose) → ``refs`` (legal references) and ``agencies`` (names of
agencies, resolved in that jurisdiction) → ``roles`` (roles and deadlines from the wording) →
``build`` (the plan's data, with links and proposals) → ``emit`` (YAML for editors). ``proposals``
accepts a proposals file into a data folder. ``cli`` is ``scripts/import``; ``accuracy`` is
``scripts/import_accuracy``; ``corpus`` is ``scripts/import_corpus``.
"""

from .cli import Imported, import_main, import_text
from .data import ReferenceData, load_reference_data
from .source import SourceError

__all__ = ["Imported", "ReferenceData", "SourceError", "import_main", "import_text", "load_reference_data"]
