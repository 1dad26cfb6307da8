"""The reference data an import is matched against: agencies, groups and legal documents.

They are read by the validator's own stages (YAML with line marks, schema, typed records, group
resolution), so the importer sees exactly what the site will. Plans are not read: a broken plan
elsewhere in ``data/`` must not stop an import.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from ..data.load import PLANS_DIR, load_reference
from ..data.model import Agency, Document, Group, Jurisdiction
from .source import SourceError


@dataclass(frozen=True)
class ReferenceData:
    """What ``data/`` already knows: the importer links to these ids and proposes the rest."""

    agencies: tuple[Agency, ...]
    groups: tuple[Group, ...]
    documents: tuple[Document, ...]
    plan_ids: frozenset[str]
    jurisdictions: tuple[Jurisdiction, ...] = ()

    @property
    def actor_ids(self) -> frozenset[str]:
        return frozenset(a.id for a in self.agencies) | {g.id for g in self.groups}

    @property
    def document_ids(self) -> frozenset[str]:
        return frozenset(d.id for d in self.documents)


def load_reference_data(data_dir: Path) -> ReferenceData:
    """Agencies, groups and documents of ``data_dir``; :class:`SourceError` if they do not validate."""
    if not data_dir.is_dir():
        raise SourceError(f"{data_dir}: not a folder; give the data folder with --data (default: data/)")
    reference, report = load_reference(data_dir)
    if report.has_errors() or not reference.complete:
        raise SourceError(
            f"{data_dir}: the agencies or documents file has errors, so nothing can be matched against it; "
            f"run scripts/validate and fix these first:\n{report.format_text()}"
        )
    agencies = reference.agencies or []
    groups = reference.groups or []
    documents = reference.documents or []
    plans_dir = data_dir / PLANS_DIR
    plan_ids = frozenset(p.stem for p in plans_dir.glob("*.yaml")) if plans_dir.is_dir() else frozenset()
    return ReferenceData(
        tuple(agencies), tuple(groups), tuple(documents), plan_ids, tuple(reference.jurisdictions or ())
    )
