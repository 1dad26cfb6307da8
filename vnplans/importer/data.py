"""The reference data an import is matched against: agencies, groups and legal documents.

They are read by the validator's own stages (YAML with line marks, schema, typed records, group
resolution), so the importer sees exactly what the site will. Plans are not read: a broken plan
elsewhere in ``data/`` must not stop an import.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from ..data.diagnostics import Report
from ..data.load import AGENCIES_FILE, DOCUMENTS_FILE, PLANS_DIR
from ..data.model import Agency, Document, Group
from ..data.records import build_agencies, build_documents
from ..data.schema import check_schema
from ..data.xref import check_agencies, resolve_groups
from ..data.yamlio import read_yaml
from .source import SourceError


@dataclass(frozen=True)
class ReferenceData:
    """What ``data/`` already knows: the importer links to these ids and proposes the rest."""

    agencies: tuple[Agency, ...]
    groups: tuple[Group, ...]
    documents: tuple[Document, ...]
    plan_ids: frozenset[str]

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
    report = Report()
    agencies_doc = read_yaml(data_dir / AGENCIES_FILE, str(data_dir / AGENCIES_FILE), report)
    documents_doc = read_yaml(data_dir / DOCUMENTS_FILE, str(data_dir / DOCUMENTS_FILE), report)
    agencies: list[Agency] = []
    groups: list[Group] = []
    documents: list[Document] = []
    if agencies_doc is not None and check_schema(agencies_doc, "agencies", report):
        agencies, raw_groups, specs = build_agencies(agencies_doc, report)
        groups = resolve_groups(agencies, raw_groups, specs, report)
        check_agencies(agencies, groups, report)
    if documents_doc is not None and check_schema(documents_doc, "documents", report):
        documents = build_documents(documents_doc, report)
    if report.has_errors():
        raise SourceError(
            f"{data_dir}: the agencies or documents file has errors, so nothing can be matched against it; "
            f"run scripts/validate and fix these first:\n{report.format_text()}"
        )
    plans_dir = data_dir / PLANS_DIR
    plan_ids = frozenset(p.stem for p in plans_dir.glob("*.yaml")) if plans_dir.is_dir() else frozenset()
    return ReferenceData(tuple(agencies), tuple(groups), tuple(documents), plan_ids)
