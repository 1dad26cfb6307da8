"""``scripts/validate``: check the data files and print every problem with file:line:col."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from ..data.diagnostics import Severity
from ..data.load import load_portfolio

REPO_ROOT = Path(__file__).resolve().parents[2]


def validate_main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(
        prog="scripts/validate",
        description="Check the data files (plans, agencies, legal documents); report every problem with file:line:col.",
    )
    parser.add_argument(
        "data_dir",
        nargs="?",
        type=Path,
        default=REPO_ROOT / "data",
        help="the data folder (default: data/ of this repository)",
    )
    parser.add_argument(
        "--format",
        choices=("text", "github"),
        default="text",
        help="'github' prints GitHub Actions annotations (::error file=…,line=…::…)",
    )
    parser.add_argument("--strict", action="store_true", help="treat warnings as errors")
    parser.add_argument(
        "--root",
        type=Path,
        default=None,
        help="paths in messages are relative to this folder (default: the parent of data_dir)",
    )
    args = parser.parse_args(argv)

    if not args.data_dir.is_dir():
        print(f"{args.data_dir}: not a folder; give the path of the data folder", file=sys.stderr)
        return 2
    result = load_portfolio(args.data_dir, args.root)
    diagnostics = result.report.sorted()
    for diagnostic in diagnostics:
        if args.format == "github":
            print(diagnostic.format_github())
        else:
            print(diagnostic.format_text())
    errors = sum(d.severity is Severity.ERROR for d in diagnostics)
    warnings = len(diagnostics) - errors
    failed = errors > 0 or (args.strict and warnings > 0)
    if args.format == "text":
        summary = f"{errors} error{'s' * (errors != 1)}, {warnings} warning{'s' * (warnings != 1)}"
        if result.portfolio is not None and not failed:
            p = result.portfolio
            clauses = sum(plan.clause_count for plan in p.plans)
            print(
                f"ok: {len(p.plans)} plan(s), {clauses} clauses, {len(p.agencies)} agencies, "
                f"{len(p.groups)} groups, {len(p.documents)} documents; {summary}"
            )
        else:
            note = " (warnings count as errors with --strict)" if args.strict and warnings else ""
            if result.schema_failed:
                note += "; cross-reference checks run once the schema errors are fixed"
            print(f"failed: {summary}{note}", file=sys.stderr)
    return 1 if failed else 0
