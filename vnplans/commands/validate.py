"""``scripts/validate``: check the data files and print every problem with file:line:col."""

from __future__ import annotations

import argparse
from pathlib import Path

from ..data.diagnostics import Severity
from ..data.load import load_portfolio
from ..data.messages import join, msg, msg_n, use_language
from .common import add_language_option, say

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
        help="'github' prints GitHub Actions annotations (::error file=…,line=…::…), which a pull request "
        "shows on the lines of its diff, then a summary",
    )
    parser.add_argument("--strict", action="store_true", help="treat warnings as errors")
    add_language_option(parser)
    parser.add_argument(
        "--root",
        type=Path,
        default=None,
        help="paths in messages are relative to this folder (default: the parent of data_dir)",
    )
    args = parser.parse_args(argv)
    use_language(args.lang)

    if not args.data_dir.is_dir():
        say(msg("{path}: not a folder; give the path of the data folder", path=args.data_dir), error=True)
        return 2
    result = load_portfolio(args.data_dir, args.root)
    diagnostics = result.report.sorted()
    for diagnostic in diagnostics:
        print(diagnostic.format_github() if args.format == "github" else diagnostic.format_text())
    errors = sum(d.severity is Severity.ERROR for d in diagnostics)
    warnings = len(diagnostics) - errors
    failed = errors > 0 or (args.strict and warnings > 0)
    summary = join((msg_n("{n} error", "{n} errors", errors), msg_n("{n} warning", "{n} warnings", warnings)), ", ")
    if result.portfolio is not None and not failed:
        p = result.portfolio
        counts = (
            msg_n("{n} plan", "{n} plans", len(p.plans)),
            msg_n("{n} clause", "{n} clauses", sum(plan.clause_count for plan in p.plans)),
            msg_n("{n} agency", "{n} agencies", len(p.agencies)),
            msg_n("{n} group", "{n} groups", len(p.groups)),
            msg_n("{n} document", "{n} documents", len(p.documents)),
        )
        line = msg("ok: {counts}; {summary}", counts=join(counts, ", "), summary=summary)
        say(line, github="notice" if args.format == "github" else None)
    else:
        notes = []
        if args.strict and warnings:
            notes.append(msg(" (warnings count as errors with --strict)"))
        if result.schema_failed:
            notes.append(msg("; cross-reference checks run once the schema errors are fixed"))
        line = msg("failed: {summary}{notes}", summary=summary, notes=join(notes, ""))
        say(line, error=True, github="error" if args.format == "github" else None)
    return 1 if failed else 0
