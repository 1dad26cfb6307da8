"""The loading pipeline: files → YAML → schema → records → cross-references → :class:`Portfolio`.

This is the one loader. The command line validator, the MkDocs hooks, the importer, the diff tool
and the tests all call :func:`load_portfolio`.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from .diagnostics import Loc, Report
from .messages import msg
from .model import Agency, Document, Group, Plan, Portfolio
from .records import PlanBuilder, build_agencies, build_documents
from .schema import check_schema
from .xref import check_agencies, check_documents, check_plans, resolve_groups
from .yamlio import YamlDoc, read_yaml

AGENCIES_FILE = "agencies.yaml"
DOCUMENTS_FILE = "documents.yaml"
PLANS_DIR = "plans"
SCHEMA_LINE = "# yaml-language-server: $schema="


@dataclass
class LoadResult:
    """The portfolio (``None`` when there are errors), every diagnostic, and the files read."""

    portfolio: Portfolio | None
    report: Report
    files: list[Path] = field(default_factory=list)
    #: Files that failed the schema stage; their cross-reference checks wait until they pass.
    schema_failed: list[str] = field(default_factory=list)


def data_files(data_dir: Path) -> tuple[Path, Path, list[Path]]:
    """The agencies file, the documents file and the plan files of a data folder."""
    plans = sorted((data_dir / PLANS_DIR).glob("*.yaml")) if (data_dir / PLANS_DIR).is_dir() else []
    return data_dir / AGENCIES_FILE, data_dir / DOCUMENTS_FILE, plans


def load_portfolio(data_dir: Path, root: Path | None = None) -> LoadResult:
    """Load and validate every data file under ``data_dir``.

    File names in messages are relative to ``root`` (by default the folder holding ``data_dir``),
    so they match the paths an editor sees in the repository and in a pull request.
    """
    data_dir = data_dir.resolve()
    root = (root or data_dir.parent).resolve()
    report = Report()
    agencies_path, documents_path, plan_paths = data_files(data_dir)
    result = LoadResult(None, report, [agencies_path, documents_path, *plan_paths])
    _check_stray_files(data_dir, root, report)

    def read(path: Path, kind: str) -> YamlDoc | None:
        display = _display(path, root)
        if not path.exists():
            report.error(
                Loc(display), "", msg("the file is missing"), msg("every data folder needs {name}", name=path.name)
            )
            return None
        doc = read_yaml(path, display, report)
        if doc is None:
            return None
        _check_schema_line(path, display, kind, report)
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
        result.schema_failed.append(display)
        return None

    agencies: list[Agency] | None = None
    groups: list[Group] | None = None
    agencies_doc = read(agencies_path, "agencies")
    if agencies_doc is not None:
        agencies, raw_groups, specs = build_agencies(agencies_doc, report)
        groups = resolve_groups(agencies, raw_groups, specs, report)
        check_agencies(agencies, groups, report)

    documents: list[Document] | None = None
    documents_doc = read(documents_path, "documents")
    if documents_doc is not None:
        documents = build_documents(documents_doc, report)

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

    if documents is not None:
        check_documents(documents, plans, report)
    check_plans(plans, agencies, groups, documents, report)

    if not report.has_errors() and plans_ok and agencies is not None and groups is not None and documents is not None:
        result.portfolio = Portfolio(tuple(plans), tuple(agencies), tuple(groups), tuple(documents))
    return result


def _display(path: Path, root: Path) -> str:
    try:
        return path.resolve().relative_to(root).as_posix()
    except ValueError:
        return path.as_posix()


def _check_schema_line(path: Path, display: str, kind: str, report: Report) -> None:
    with path.open(encoding="utf-8-sig") as handle:
        first = handle.readline().strip()
    if not first.startswith(SCHEMA_LINE):
        report.warning(
            Loc(display, 1, 1),
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
    """Files an editor may think are read but are not: never drop them silently."""
    known = {data_dir / AGENCIES_FILE, data_dir / DOCUMENTS_FILE}
    for path in sorted(data_dir.rglob("*")):
        if path.is_dir() or path in known or path.name.startswith("."):
            continue
        if path.parent == data_dir / PLANS_DIR and path.suffix == ".yaml":
            continue
        display = _display(path, root)
        if path.suffix in (".yml", ".yaml"):
            hint = msg(
                "plans go in data/plans/ with the extension .yaml; agencies and documents "
                "in data/agencies.yaml and data/documents.yaml"
            )
            report.error(Loc(display), "", msg("this data file is not read by the site"), hint)
        else:
            report.warning(
                Loc(display),
                "",
                msg("this file in data/ is not read by the site"),
                msg("move it out of data/ or remove it"),
            )
