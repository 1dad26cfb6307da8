"""``scripts/import_accuracy``: how close an import comes to a plan file made by hand from the same text.

Both plans are read by the validator's own stages (YAML, schema, typed records), so clause refs are
computed the same way for both. Two figures:

* **clauses**: the share of hand-made clauses (opening and closing included) for which the import has
  a clause with the same ref, title and text (whitespace normalised);
* **roles**: stated roles as (clause ref, role, agency id) triples; recall is the share of hand-made
  triples the import found, precision the share of imported triples that are in the hand-made file.
  Editorial roles (``editorial: true``) are an editor's reading, not the text's, and are left out.
"""

from __future__ import annotations

import argparse
import tempfile
from dataclasses import dataclass, field
from pathlib import Path

from ..commands.common import say
from ..data.diagnostics import Report
from ..data.messages import msg, verbatim
from ..data.model import Plan
from ..data.records import PlanBuilder
from ..data.schema import check_schema
from ..data.yamlio import read_yaml
from .cli import REPO_ROOT, import_text
from .data import load_reference_data
from .source import SourceError, read_source

DEFAULT_PLAN = REPO_ROOT / "data" / "plans" / "2021-lien-hiep-hoi-khkt.yaml"
CLAUSE_TARGET = 0.95
ROLE_TARGET = 0.85

RoleTriple = tuple[str, str, str]


@dataclass
class Accuracy:
    clauses_total: int
    clauses_matched: int
    roles_expected: set[RoleTriple]
    roles_found: set[RoleTriple]
    clause_misses: list[str] = field(default_factory=list)
    extra_clauses: list[str] = field(default_factory=list)

    @property
    def clause_share(self) -> float:
        return self.clauses_matched / self.clauses_total if self.clauses_total else 0.0

    @property
    def role_recall(self) -> float:
        hits = len(self.roles_expected & self.roles_found)
        return hits / len(self.roles_expected) if self.roles_expected else 1.0

    @property
    def role_precision(self) -> float:
        hits = len(self.roles_expected & self.roles_found)
        return hits / len(self.roles_found) if self.roles_found else 1.0


def read_plan(path: Path) -> Plan:
    """A plan file through the loader's stages; :class:`SourceError` if it does not pass the schema."""
    report = Report()
    doc = read_yaml(path, str(path), report)
    if doc is None or not check_schema(doc, "plan", report):
        raise SourceError(
            msg(
                "{path}: the plan file does not pass the schema:\n{report}",
                path=str(path),
                report=verbatim(report.format_text()),
            )
        )
    return PlanBuilder(doc, report, path.stem).build()


def _normal(text: str | None) -> str:
    return " ".join((text or "").split())


def _roles(plan: Plan) -> set[RoleTriple]:
    return {(c.ref, r.role.value, r.actor_id) for c in plan.clauses() for r in c.roles if not r.editorial}


def compare(expected: Plan, imported: Plan) -> Accuracy:
    """Compare an imported plan with the hand-made one."""
    found = {c.ref: c for c in imported.clauses()}
    matched = 0
    misses = []
    for clause in expected.clauses():
        other = found.get(clause.ref)
        if other is not None and (_normal(other.title), _normal(other.text)) == (
            _normal(clause.title),
            _normal(clause.text),
        ):
            matched += 1
        else:
            misses.append(clause.ref)
    expected_refs = {c.ref for c in expected.clauses()}
    extra = [ref for ref in found if ref not in expected_refs]
    total = sum(1 for _ in expected.clauses())
    return Accuracy(total, matched, _roles(expected), _roles(imported), misses, extra)


def measure(source: Path, plan_path: Path, data_dir: Path) -> Accuracy:
    """Import ``source`` and compare it with the hand-made ``plan_path``."""
    expected = read_plan(plan_path)
    data = load_reference_data(data_dir)
    imported = import_text(read_source(source), str(source), data, plan_path.stem, expected.source_file)
    with tempfile.TemporaryDirectory(prefix="vnplans-accuracy-") as tmp:
        path = Path(tmp) / plan_path.name
        path.write_text(imported.yaml, encoding="utf-8")
        return compare(expected, read_plan(path))


def accuracy_main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(
        prog="scripts/import_accuracy",
        description="Import the source text of a hand-made plan and report how much of it the importer recovers.",
    )
    parser.add_argument("plan", nargs="?", type=Path, default=DEFAULT_PLAN, help="the hand-made plan file")
    parser.add_argument(
        "--source",
        type=Path,
        help="the plan's text (default: the file its source.text_file names, from the repository)",
    )
    parser.add_argument("--data", type=Path, default=REPO_ROOT / "data", help="the data folder (default: data/)")
    parser.add_argument("-v", "--verbose", action="store_true", help="list the clauses and roles that differ")
    args = parser.parse_args(argv)
    try:
        source = args.source or REPO_ROOT / (read_plan(args.plan).source_file or "")
        if not source.is_file():
            raise SourceError(msg("{source}: no source text; give it with --source", source=str(source)))
        result = measure(source, args.plan, args.data)
    except SourceError as exc:
        say(msg("error: {message}", message=exc.message), error=True)
        return 2
    hits = len(result.roles_expected & result.roles_found)
    print(f"plan: {args.plan.name}  source: {source.name}")
    print(
        f"clauses: {result.clauses_matched}/{result.clauses_total} = {result.clause_share:.1%} "
        f"with the same ref, title and text (target {CLAUSE_TARGET:.0%}); "
        f"{len(result.extra_clauses)} extra clause(s) in the import"
    )
    print(
        f"roles: recall {hits}/{len(result.roles_expected)} = {result.role_recall:.1%} (target {ROLE_TARGET:.0%}), "
        f"precision {hits}/{len(result.roles_found)} = {result.role_precision:.1%}"
    )
    if args.verbose:
        for ref in result.clause_misses:
            print(f"  clause differs or is missing: {ref}")
        for ref in result.extra_clauses:
            print(f"  clause not in the hand-made plan: {ref}")
        for triple in sorted(result.roles_expected - result.roles_found):
            print(f"  role missed: {' '.join(triple)}")
        for triple in sorted(result.roles_found - result.roles_expected):
            print(f"  role not in the hand-made plan: {' '.join(triple)}")
    ok = result.clause_share >= CLAUSE_TARGET and result.role_recall >= ROLE_TARGET
    return 0 if ok else 1
