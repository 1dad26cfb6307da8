"""``scripts/import``: turn the plain text of a plan into a plan file, then validate it.

The plan names the bodies, groups, jurisdictions and documents the data lacks by the ids proposed for
them, so it is validated as it will be once the proposals are accepted (beside a copy of the data with
the proposals added). Exit status: 0 when the plan file was written and validates that way (warnings,
such as the ``check:`` marks, are expected); 1 when it was written but the validator reports errors
(listed on stderr); 2 when the input was refused and nothing was written.
"""

from __future__ import annotations

import argparse
import shutil
import sys
import tempfile
from dataclasses import dataclass
from pathlib import Path

import yaml

from ..commands.common import add_language_option, say
from ..data.diagnostics import Report
from ..data.load import PLANS_DIR, REFERENCE_FILES, load_portfolio
from ..data.messages import msg, msg_n, use_language
from ..data.values import is_id
from .build import ImportResult, build_plan, plan_id_for
from .data import ReferenceData, load_reference_data
from .emit import PLAN_SCHEMA_LINE, dump_yaml
from .parse import parse_plan
from .proposals import accept_proposals
from .source import SourceError, read_lines, read_source

REPO_ROOT = Path(__file__).resolve().parents[2]
#: Source texts live in sources/ at the root of the repository; plans name them from there.
SOURCES_DIR = "sources"


@dataclass
class Imported:
    """An imported plan: its YAML, the proposals' YAML (or ``None``), and the importer's counts."""

    plan_id: str
    yaml: str
    proposals_yaml: str | None
    result: ImportResult


def import_text(
    text: str, name: str, data: ReferenceData, plan_id: str | None = None, text_file: str | None = None
) -> Imported:
    """Import a plan from its text. ``name`` is the source file's name, used in messages and notes;
    ``text_file`` what the plan's ``source.text_file`` says (by default ``sources/<file name>``)."""
    source = read_lines(text)
    parsed = parse_plan(source.lines, name, source.footnotes)
    plan_id = plan_id or plan_id_for(parsed)
    result = build_plan(parsed, data, plan_id, Path(name).name, text_file or f"{SOURCES_DIR}/{Path(name).name}")
    comments = [
        PLAN_SCHEMA_LINE,
        f"Nhập tự động bằng scripts/import từ {Path(name).name}. Đối chiếu với văn bản gốc; mỗi 'check:' là một điểm",
        "công cụ chưa chắc chắn: kiểm tra, sửa nếu cần, rồi xóa dòng 'check:' đó.",
        *(f"KIỂM TRA: {c}" for c in result.comments),
    ]
    plan_yaml = dump_yaml(result.plan, comments)
    proposals_yaml = None
    if result.proposals:
        proposals_yaml = dump_yaml(
            result.proposals.as_data(),
            [
                f"Đề xuất của scripts/import khi nhập {Path(name).name} (kế hoạch {plan_id}).",
                "Mục 'jurisdictions' theo dạng data/jurisdictions.yaml, 'agencies' và 'groups' theo dạng "
                "data/agencies.yaml, 'documents' theo dạng data/documents.yaml.",
                "Kế hoạch đã dùng các mã đề xuất này: kiểm tra từng mục (tên chính thức, loại, địa bàn, số hiệu,",
                "ngày) rồi chép vào các tệp đó; sửa mã ở cả hai nơi nếu đổi mã.",
            ],
        )
    return Imported(plan_id, plan_yaml, proposals_yaml, result)


def validate_plan(plan_yaml: str, plan_id: str, data_dir: Path, proposals_yaml: str | None = None) -> Report:
    """Validate the plan with the repository's loader, beside a copy of the other data files with the
    proposals (if any) accepted as they are."""
    with tempfile.TemporaryDirectory(prefix="vnplans-import-") as tmp:
        copy = Path(tmp) / "data"
        (copy / PLANS_DIR).mkdir(parents=True)
        for name, _, _ in REFERENCE_FILES:
            if (data_dir / name).exists():
                shutil.copyfile(data_dir / name, copy / name)
        if proposals_yaml:
            accept_proposals(copy, yaml.safe_load(proposals_yaml) or {})
        (copy / PLANS_DIR / f"{plan_id}.yaml").write_text(plan_yaml, encoding="utf-8")
        return load_portfolio(copy, Path(tmp)).report


def import_main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(
        prog="scripts/import",
        description="Turn the plain text of a Vietnamese plan into a plan file (data/plans/<id>.yaml) that passes "
        "scripts/validate once its proposals are accepted, with 'check:' marks where the importer is unsure.",
    )
    parser.add_argument("source", type=Path, help="the plan's text (UTF-8 .txt)")
    parser.add_argument(
        "--id", dest="plan_id", help="the plan id (default: from -o, or year + first words of the title)"
    )
    parser.add_argument("--data", type=Path, default=REPO_ROOT / "data", help="the data folder (default: data/)")
    parser.add_argument(
        "-o", "--output", help="where to write the plan (default: <data>/plans/<id>.yaml; '-' = stdout)"
    )
    parser.add_argument(
        "--proposals",
        type=Path,
        help="write the proposed jurisdictions, agencies, groups and documents to this YAML file (keep it out of "
        "data/)",
    )
    parser.add_argument("--force", action="store_true", help="overwrite an existing plan or proposals file")
    add_language_option(parser)
    args = parser.parse_args(argv)
    use_language(args.lang)
    try:
        return _run(args)
    except SourceError as exc:
        say(msg("error: {message}", message=exc.message), error=True)
        return 2


def _run(args: argparse.Namespace) -> int:
    output = None if args.output in (None, "-") else Path(args.output)
    plan_id = args.plan_id or (output.stem if output else None)
    if plan_id and not _valid_id(plan_id):
        raise SourceError(
            msg(
                "'{id}' is not a valid plan id: use lowercase letters, digits and hyphens (e.g. 2021-lien-hiep-hoi-khkt)",
                id=plan_id,
            )
        )
    if output and args.plan_id and output.stem != args.plan_id:
        raise SourceError(
            msg(
                "{path}: the file name must be the plan id ('{id}.yaml'); drop --id or -o, or make them agree",
                path=str(output),
                id=args.plan_id,
            )
        )
    text = read_source(args.source)
    data = load_reference_data(args.data)
    root = args.data.resolve().parent
    source = args.source.resolve()
    text_file = source.relative_to(root).as_posix() if source.is_relative_to(root) else None
    imported = import_text(text, str(args.source), data, plan_id, text_file)
    if args.output is None:
        output = args.data / PLANS_DIR / f"{imported.plan_id}.yaml"
    for path in (output, args.proposals):
        if path is not None and path.exists() and not args.force:
            raise SourceError(msg("{path}: the file exists; pass --force to overwrite it", path=str(path)))
    if args.proposals is not None and args.proposals.resolve().is_relative_to(args.data.resolve()):
        raise SourceError(
            msg(
                "{path}: keep the proposals file out of the data folder (the validator reads every file there)",
                path=str(args.proposals),
            )
        )

    if output is None:
        sys.stdout.write(imported.yaml)
    else:
        output.parent.mkdir(parents=True, exist_ok=True)
        output.write_text(imported.yaml, encoding="utf-8")
    if args.proposals is not None:
        args.proposals.write_text(imported.proposals_yaml or "# Không có đề xuất.\n", encoding="utf-8")

    result = imported.result
    proposals = result.proposals
    where = msg("standard output") if output is None else str(output)
    say(
        msg(
            "wrote {where}: {clauses}, {roles}, {checks} marked 'check:'",
            where=where,
            clauses=msg_n("{n} clause", "{n} clauses", result.clauses),
            roles=msg_n("{n} role", "{n} roles", result.roles),
            checks=msg_n("{n} point", "{n} points", result.checks),
        ),
        error=True,
    )
    if text_file is None:
        named = SOURCES_DIR + "/" + args.source.name
        say(
            msg(
                "the plan names its text as '{text_file}': copy {source} there, so that the text can be checked "
                "against it",
                text_file=named,
                source=str(args.source),
            ),
            error=True,
        )
    if proposals:
        counts = msg(
            "{jurisdictions}, {agencies}, {groups}, {documents}",
            jurisdictions=msg_n("{n} jurisdiction", "{n} jurisdictions", len(proposals.jurisdictions)),
            agencies=msg_n("{n} agency", "{n} agencies", len(proposals.agencies)),
            groups=msg_n("{n} group", "{n} groups", len(proposals.groups)),
            documents=msg_n("{n} document", "{n} documents", len(proposals.documents)),
        )
        if args.proposals is not None:
            say(msg("wrote {path}: proposed {counts}", path=str(args.proposals), counts=counts), error=True)
        else:
            say(
                msg(
                    "proposed {counts} (the plan uses their ids); pass --proposals FILE to write them",
                    counts=counts,
                ),
                error=True,
            )
    report = validate_plan(imported.yaml, imported.plan_id, args.data, imported.proposals_yaml)
    errors, warnings = report.errors, report.warnings
    for diagnostic in errors:
        print(diagnostic.format_text(), file=sys.stderr)
    summary = msg(
        "validation: {errors}, {warnings}",
        errors=msg_n("{n} error", "{n} errors", len(errors)),
        warnings=msg_n("{n} warning", "{n} warnings", len(warnings)),
    )
    if proposals:
        summary = msg(
            "validation with the proposals accepted: {errors}, {warnings}",
            errors=msg_n("{n} error", "{n} errors", len(errors)),
            warnings=msg_n("{n} warning", "{n} warnings", len(warnings)),
        )
    say(summary, error=True)
    return 1 if errors else 0


def _valid_id(plan_id: str) -> bool:
    return is_id(plan_id)
