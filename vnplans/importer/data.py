"""The reference data an import is matched against: jurisdictions, agencies, groups and legal documents.

They are read by the validator's own stages (YAML with line marks, schema, typed records, group
resolution), so the importer sees exactly what the site will. Plans are not read: a broken plan
elsewhere in ``data/`` must not stop an import. The standard sets of bodies are kept too, so that a
province the data does not have yet can be proposed with the bodies every province has.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from ..data.diagnostics import Report
from ..data.load import PLANS_DIR, STANDARD_BODIES_FILE, load_reference
from ..data.messages import msg, verbatim
from ..data.model import Agency, Document, Group, Jurisdiction
from ..data.records import StandardBodies, build_standard_bodies
from ..data.schema import check_schema
from ..data.yamlio import read_yaml
from .source import SourceError


@dataclass(frozen=True)
class ReferenceData:
    """What ``data/`` already knows: the importer links to these ids and proposes the rest."""

    agencies: tuple[Agency, ...]
    groups: tuple[Group, ...]
    documents: tuple[Document, ...]
    plan_ids: frozenset[str]
    jurisdictions: tuple[Jurisdiction, ...] = ()
    standard: StandardBodies = field(default_factory=lambda: StandardBodies((), ()))

    @property
    def actor_ids(self) -> frozenset[str]:
        return frozenset(a.id for a in self.agencies) | {g.id for g in self.groups}

    @property
    def document_ids(self) -> frozenset[str]:
        return frozenset(d.id for d in self.documents)


def load_reference_data(data_dir: Path) -> ReferenceData:
    """Agencies, groups and documents of ``data_dir``; :class:`SourceError` if they do not validate."""
    if not data_dir.is_dir():
        raise SourceError(
            msg("{folder}: not a folder; give the data folder with --data (default: data/)", folder=str(data_dir))
        )
    reference, report = load_reference(data_dir)
    if report.has_errors() or not reference.complete:
        raise SourceError(
            msg(
                "{folder}: the agencies or documents file has errors, so nothing can be matched against it; run "
                "scripts/validate and fix these first:\n{report}",
                folder=str(data_dir),
                report=verbatim(report.format_text()),
            )
        )
    plans_dir = data_dir / PLANS_DIR
    plan_ids = frozenset(p.stem for p in plans_dir.glob("*.yaml")) if plans_dir.is_dir() else frozenset()
    return ReferenceData(
        tuple(reference.agencies or ()),
        tuple(reference.groups or ()),
        tuple(reference.documents or ()),
        plan_ids,
        tuple(reference.jurisdictions or ()),
        _standard_bodies(data_dir),
    )


def _standard_bodies(data_dir: Path) -> StandardBodies:
    """The standard sets (already validated by :func:`load_reference`); none when the file is absent."""
    path = data_dir / STANDARD_BODIES_FILE
    if not path.exists():
        return StandardBodies((), ())
    report = Report()
    doc = read_yaml(path, path.name, report)
    if doc is None or not check_schema(doc, "standard-bodies", report):  # pragma: no cover - validated above
        return StandardBodies((), ())
    return build_standard_bodies(doc, report)
