"""The loading pipeline: files → YAML → schema → records → agencies → cross-references → :class:`Portfolio`.

This is the one loader. The command line validator, the MkDocs hooks, the importer, the diff tool
and the tests all call :func:`load_portfolio` (the importer, :func:`load_reference`: everything but
the plans).
"""

from __future__ import annotations

import datetime as dt
import gc
import os
from dataclasses import dataclass, field
from pathlib import Path

from .bodies import instantiate
from .diagnostics import Loc, Report
from .files import walk_folder
from .messages import msg
from .model import (
    Agency,
    Document,
    Function,
    Group,
    Jurisdiction,
    JurisdictionChange,
    Plan,
    Portfolio,
    SuccessionEvent,
)
from .records import (
    PlanBuilder,
    StandardBodies,
    SuccessionFile,
    build_agencies,
    build_documents,
    build_jurisdictions,
    build_standard_bodies,
    build_succession,
)
from .schema import check_schema
from .xref import (
    check_agencies,
    check_documents,
    check_jurisdictions,
    check_plans,
    check_succession,
    resolve_groups,
)
from .yamlio import YamlDoc, read_yaml

AGENCIES_FILE = "agencies.yaml"
DOCUMENTS_FILE = "documents.yaml"
JURISDICTIONS_FILE = "jurisdictions.yaml"
STANDARD_BODIES_FILE = "standard-bodies.yaml"
SUCCESSION_FILE = "succession.yaml"
PLANS_DIR = "plans"
#: The files beside the plans, with their kind (schema); the last two may be left out of a data folder.
REFERENCE_FILES = (
    (JURISDICTIONS_FILE, "jurisdictions", True),
    (STANDARD_BODIES_FILE, "standard-bodies", False),
    (SUCCESSION_FILE, "succession", False),
    (AGENCIES_FILE, "agencies", True),
    (DOCUMENTS_FILE, "documents", True),
)
SCHEMA_LINE = "# yaml-language-server: $schema="


@dataclass
class LoadResult:
    """The portfolio (``None`` when there are errors), every diagnostic, and the files read."""

    portfolio: Portfolio | None
    report: Report
    files: list[Path] = field(default_factory=list)
    #: Files that failed the schema stage; their cross-reference checks wait until they pass.
    schema_failed: list[str] = field(default_factory=list)


@dataclass
class Reference:
    """Everything but the plans: agencies, groups, documents, jurisdictions and reorganisations.

    A part is ``None`` when its file has errors that stop its cross-reference checks.
    """

    agencies: list[Agency] | None = None
    groups: list[Group] | None = None
    documents: list[Document] | None = None
    jurisdictions: list[Jurisdiction] | None = None
    changes: list[JurisdictionChange] | None = None
    events: list[SuccessionEvent] | None = None
    functions: list[Function] | None = None
    as_of: dt.date | None = None

    @property
    def complete(self) -> bool:
        return None not in (
            self.agencies,
            self.groups,
            self.documents,
            self.jurisdictions,
            self.changes,
            self.events,
            self.functions,
            self.as_of,
        )


def data_files(data_dir: Path) -> tuple[list[Path], list[Path]]:
    """The reference files (those present, and the required ones) and the plan files of a data folder."""
    plans = sorted((data_dir / PLANS_DIR).glob("*.yaml")) if (data_dir / PLANS_DIR).is_dir() else []
    reference = [
        data_dir / name for name, _, required in REFERENCE_FILES if required or os.path.lexists(data_dir / name)
    ]
    return reference, plans


def load_portfolio(data_dir: Path, root: Path | None = None) -> LoadResult:
    """Load and validate every data file under ``data_dir``.

    File names in messages are relative to ``root`` (by default the folder holding ``data_dir``),
    so they match the paths an editor sees in the repository and in a pull request.
    """
    # Loading makes millions of small objects and no reference cycles worth collecting: with the
    # cyclic garbage collector on, its full passes over every object made loading grow faster than
    # the data (a 20,000-clause plan took three times as long).
    collecting = gc.isenabled()
    gc.disable()
    try:
        return _load(data_dir, root)
    finally:
        if collecting:
            gc.enable()


def _load(data_dir: Path, root: Path | None) -> LoadResult:
    data_dir = data_dir.resolve()
    root = (root or data_dir.parent).resolve()
    report = Report()
    reference_paths, plan_paths = data_files(data_dir)
    result = LoadResult(None, report, [*reference_paths, *plan_paths])
    _check_stray_files(data_dir, root, report)
    read = _Reader(data_dir, root, report, result)
    reference = _load_reference(data_dir, read, report)

    plans: list[Plan] = []
    plans_ok = True
    for path in plan_paths:
        plan_doc = read(path, "plan")
        if plan_doc is None:
            plans_ok = False
            continue
        plans.append(PlanBuilder(plan_doc, report, path.stem).build())
    if not plan_paths:
        report.error(
            Loc(_display(data_dir / PLANS_DIR, root)),
            "",
            msg("there are no plans"),
            msg("add a plan as data/plans/<id>.yaml (see the editors' guide: 'Adding a plan')"),
        )

    if reference.documents is not None:
        check_documents(reference.documents, plans, report)
    check_plans(
        plans, reference.agencies, reference.groups, reference.documents, report, reference.events, reference.functions
    )

    if not report.has_errors() and plans_ok and reference.complete:
        result.portfolio = _portfolio(plans, reference)
    return result


def load_reference(data_dir: Path, root: Path | None = None) -> tuple[Reference, Report]:
    """Everything but the plans, validated as :func:`load_portfolio` does (for the importer)."""
    data_dir = data_dir.resolve()
    root = (root or data_dir.parent).resolve()
    report = Report()
    read = _Reader(data_dir, root, report, LoadResult(None, report))
    return _load_reference(data_dir, read, report), report


def _portfolio(plans: list[Plan], reference: Reference) -> Portfolio:
    assert reference.complete and reference.as_of is not None
    return Portfolio(
        plans=tuple(plans),
        agencies=tuple(reference.agencies or ()),
        groups=tuple(reference.groups or ()),
        documents=tuple(reference.documents or ()),
        jurisdictions=tuple(reference.jurisdictions or ()),
        changes=tuple(reference.changes or ()),
        events=tuple(reference.events or ()),
        functions=tuple(reference.functions or ()),
        as_of=reference.as_of,
    )


class _Reader:
    """Reads one data file through the YAML and schema stages; ``None`` when it cannot go further."""

    def __init__(self, data_dir: Path, root: Path, report: Report, result: LoadResult) -> None:
        self.data_dir = data_dir
        self.root = root
        self.report = report
        self.result = result

    def __call__(self, path: Path, kind: str, required: bool = True) -> YamlDoc | None:
        report = self.report
        display = _display(path, self.root)
        if not os.path.lexists(path):
            if required:
                report.error(
                    Loc(display), "", msg("the file is missing"), msg("every data folder needs {name}", name=path.name)
                )
            return None
        doc = read_yaml(path, display, report, within=self.data_dir)
        if doc is None:
            return None
        _check_schema_line(doc, kind, report)
        for nfc_path in doc.nfc_changed:
            loc = doc.loc(nfc_path)
            report.warning(
                loc,
                loc.field,
                msg("the text is in decomposed Unicode (NFD); it was read as composed Unicode (NFC)"),
                msg("re-type the accented letters or save the file as NFC, so searches and diffs match the site"),
            )
        if check_schema(doc, kind, report):
            return doc
        self.result.schema_failed.append(display)
        return None


def _load_reference(data_dir: Path, read: _Reader, report: Report) -> Reference:
    """Jurisdictions, standard bodies, succession, agencies and documents, checked together."""
    ref = Reference()
    jurisdictions_file = None
    jurisdictions_doc = read(data_dir / JURISDICTIONS_FILE, "jurisdictions")
    if jurisdictions_doc is not None:
        jurisdictions_file = build_jurisdictions(jurisdictions_doc, report)
        ref.as_of = jurisdictions_file.as_of
        ref.jurisdictions = list(jurisdictions_file.jurisdictions)
        ref.changes = list(jurisdictions_file.changes)

    standard: StandardBodies | None = StandardBodies((), ())
    standard_path = data_dir / STANDARD_BODIES_FILE
    if os.path.lexists(standard_path):
        standard_doc = read(standard_path, "standard-bodies", required=False)
        standard = build_standard_bodies(standard_doc, report) if standard_doc is not None else None

    succession: SuccessionFile | None = SuccessionFile((), ())
    succession_path = data_dir / SUCCESSION_FILE
    if os.path.lexists(succession_path):
        succession_doc = read(succession_path, "succession", required=False)
        succession = build_succession(succession_doc, report) if succession_doc is not None else None
    if succession is not None:
        ref.functions = list(succession.functions)

    agencies_doc = read(data_dir / AGENCIES_FILE, "agencies")
    documents_doc = read(data_dir / DOCUMENTS_FILE, "documents")
    if documents_doc is not None:
        ref.documents = build_documents(documents_doc, report)

    if agencies_doc is not None and jurisdictions_file is not None and standard is not None and succession is not None:
        entries, raw_groups, specs = build_agencies(agencies_doc, report)
        bodies = instantiate(
            jurisdictions_file.jurisdictions, standard, entries, succession.events, jurisdictions_file.changes, report
        )
        ref.agencies = list(bodies.agencies)
        ref.groups = resolve_groups(ref.agencies, raw_groups, specs, jurisdictions_file.jurisdictions, report)
        check_agencies(ref.agencies, ref.groups, report)
        ref.events = [*succession.events, *bodies.events]
        check_jurisdictions(jurisdictions_file, ref.documents, report)
        check_succession(ref.events, succession.functions, ref.agencies, ref.documents, report)
    return ref


def _display(path: Path, root: Path) -> str:
    """The path as the editor sees it in the repository: relative to ``root``, links not followed."""
    absolute = Path(os.path.abspath(path))
    try:
        return absolute.relative_to(root).as_posix()
    except ValueError:
        return path.as_posix()


def _check_schema_line(doc: YamlDoc, kind: str, report: Report) -> None:
    if not doc.first_line.strip().startswith(SCHEMA_LINE):
        report.warning(
            Loc(doc.display, 1, 1),
            "",
            msg("the first line does not name the file's schema"),
            msg(
                "start the file with '{line}<path to schemas/{kind}.schema.json>' "
                "so your editor completes and checks it as you type",
                line=SCHEMA_LINE,
                kind=kind,
            ),
        )


def _check_stray_files(data_dir: Path, root: Path, report: Report) -> None:
    """Files an editor may think are read but are not: never drop them silently.

    Links that leave the data folder, link loops, pipes and devices are errors wherever they are in
    the folder (the data files themselves are refused when they are read).
    """
    known = {data_dir / name for name, _, _ in REFERENCE_FILES}
    for entry in walk_folder(data_dir):
        path = entry.path
        read_later = path in known or (path.parent == data_dir / PLANS_DIR and path.suffix == ".yaml")
        if read_later or path.name.startswith("."):
            continue
        display = _display(path, root)
        if entry.refused is not None:
            report.error(Loc(display), "", *entry.refused)
            continue
        if entry.is_dir:
            continue
        if path.suffix in (".yml", ".yaml"):
            hint = msg(
                "plans go in data/plans/ with the extension .yaml; the other data files are "
                "data/agencies.yaml, data/documents.yaml, data/jurisdictions.yaml, "
                "data/standard-bodies.yaml and data/succession.yaml"
            )
            report.error(Loc(display), "", msg("this data file is not read by the site"), hint)
        else:
            report.warning(
                Loc(display),
                "",
                msg("this file in data/ is not read by the site"),
                msg("move it out of data/ or remove it"),
            )
