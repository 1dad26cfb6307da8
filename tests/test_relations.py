"""Relation graphs: cycles and chain lengths are found without recursion, in linear time, with the
same messages as before for every graph."""

from __future__ import annotations

import random
import shutil
import sys
from collections.abc import Sequence
from pathlib import Path

import pytest
from conftest import REPO_ROOT

from vnplans.data import xref
from vnplans.data.diagnostics import Loc, Report
from vnplans.data.load import load_portfolio
from vnplans.data.messages import msg
from vnplans.data.model import Relation, RelationType

BASE = REPO_ROOT / "tests" / "golden" / "base" / "data"


def relation(source: str, target: str, kind: RelationType = RelationType.IMPLEMENTS, line: int = 1) -> Relation:
    return Relation(kind, source, target, False, None, Loc("data/documents.yaml", line, 1, f"{source}.relations"))


def reference_cycles(relations: Sequence[Relation], report: Report) -> None:
    """The recursive check this project used before (kept here as the reference of its messages)."""
    graph: dict[str, list[Relation]] = {}
    for rel in relations:
        if rel.target_id != rel.source_id:
            graph.setdefault(rel.source_id, []).append(rel)
    state: dict[str, int] = {}
    reported: set[frozenset[str]] = set()

    def visit(node: str, path: list[Relation]) -> None:
        state[node] = 1
        for rel in graph.get(node, ()):
            if state.get(rel.target_id) == 1:
                start = next(i for i, r in enumerate(path + [rel]) if r.source_id == rel.target_id)
                cycle = (path + [rel])[start:]
                members = frozenset(r.source_id for r in cycle)
                if members not in reported:
                    reported.add(members)
                    chain = " → ".join([r.source_id for r in cycle] + [rel.target_id])
                    report.error(
                        rel.loc,
                        rel.loc.field,
                        msg("the relations form a cycle: {chain}", chain=chain),
                        msg(
                            "a document implements or continues older documents only; remove the relation pointing back"
                        ),
                    )
            elif state.get(rel.target_id) is None:
                visit(rel.target_id, path + [rel])
        state[node] = 2

    for node in list(graph):
        if node not in state:
            visit(node, [])


def texts(report: Report) -> list[tuple[str, str]]:
    return [(str(d.loc), d.text("en")) for d in report.diagnostics]


@pytest.mark.parametrize("seed", range(300))
def test_cycles_are_reported_as_by_the_recursive_walk(seed: int) -> None:
    rng = random.Random(seed)
    nodes = [f"d{i}" for i in range(rng.randint(2, 11))]
    relations = [relation(rng.choice(nodes), rng.choice(nodes), line=line) for line in range(1, rng.randint(1, 30))]
    expected, actual = Report(), Report()
    reference_cycles(relations, expected)  # with at most 12 records, no cycle is shortened
    xref._check_cycles(relations, actual)
    assert texts(actual) == texts(expected)


def test_a_chain_of_thousands_is_walked_without_recursion() -> None:
    count = 20_000  # far beyond Python's recursion limit
    relations = [relation(f"d{i + 1}", f"d{i}", line=i + 1) for i in range(count)]
    relations.append(relation("d0", f"d{count}", line=count + 1))
    report = Report()
    xref._check_cycles(relations, report)
    # the walk starts at d1 (the first record with a relation); the cycle closes at d2 → d1
    assert [(str(d.loc), d.text("en")) for d in report.diagnostics] == [
        (
            "data/documents.yaml:2:1",
            f"the relations form a cycle: d1 → d0 → d{count} → d{count - 1} → d{count - 2} → d{count - 3} → … "
            "→ d6 → d5 → d4 → d3 → d2 → d1",
        )
    ]


def _chain(count: int) -> list[Relation]:
    return [relation(f"d{i + 1}", f"d{i}", line=i + 1) for i in range(count - 1)]


def test_chains_up_to_the_limit_are_accepted() -> None:
    relations = _chain(xref.MAX_CHAIN_LENGTH)
    report = Report()
    xref._check_chain_lengths(relations, {r.source_id for r in relations} | {"d0"}, report)
    assert report.diagnostics == []


def test_a_chain_over_the_limit_is_reported_once_where_it_passes_the_limit() -> None:
    limit = xref.MAX_CHAIN_LENGTH
    relations = _chain(limit + 500)
    report = Report()
    xref._check_chain_lengths(relations, {f"d{i}" for i in range(limit + 500)}, report)
    assert [(str(d.loc), d.text("en"), d.hint_text("en")) for d in report.diagnostics] == [
        (
            f"data/documents.yaml:{limit}:1",
            f"this relation makes a chain of more than 1,000 documents and plans, from 'd0' to 'd{limit}'",
            "a chain ('thuc-hien', 'tiep-tuc') this long is almost always a mistake, such as relations "
            "pointing the wrong way; check the relations of these documents",
        )
    ]


def test_citations_do_not_make_chains() -> None:
    relations = [
        relation(f"d{i + 1}", f"d{i}", RelationType.CITES, line=i + 1) for i in range(xref.MAX_CHAIN_LENGTH + 5)
    ]
    report = Report()
    xref._check_chain_lengths(relations, {f"d{i}" for i in range(xref.MAX_CHAIN_LENGTH + 6)}, report)
    assert report.diagnostics == []


def test_branches_are_counted_by_their_longest_chain_in_linear_time() -> None:
    # a ladder: every document implements the two before it, so there are ~2^n paths but one longest chain
    count = xref.MAX_CHAIN_LENGTH + 1
    relations = [relation(f"d{i}", f"d{i - 1}", line=i) for i in range(1, count)]
    relations += [relation(f"d{i}", f"d{i - 2}", line=count + i) for i in range(2, count)]
    report = Report()
    xref._check_chain_lengths(relations, {f"d{i}" for i in range(count)}, report)
    assert [d.text("en") for d in report.diagnostics] == [
        f"this relation makes a chain of more than 1,000 documents and plans, from 'd0' to 'd{count - 1}'"
    ]


def _documents_yaml(count: int, plan_implements_last: bool) -> str:
    lines = ["# yaml-language-server: $schema=../../../schemas/documents.schema.json", "documents:"]
    for i in range(count):
        lines += [
            f"  - id: vb-{i}",
            "    type: ke-hoach",
            f"    number: {i}/KH-UBND",
            "    date: 01/01/2020",
            "    issuer: Ủy ban nhân dân tỉnh",
            "    title: Kế hoạch",
            "    verification: chua-xac-minh",
        ]
        if i:
            lines += ["    relations:", "      - type: thuc-hien", f"        target: vb-{i - 1}"]
        if i == 0 and plan_implements_last:
            lines += ["    relations:", "      - type: thuc-hien", "        target: p"]
    return "\n".join(lines) + "\n"


def test_a_cycle_through_a_plan_is_found(tmp_path: Path) -> None:
    # vb-0 implements the plan p, which implements vb-... : the site's chain walk would never end
    shutil.copytree(BASE, tmp_path / "data")
    (tmp_path / "data" / "documents.yaml").write_text(_documents_yaml(3, True), encoding="utf-8")
    plan = tmp_path / "data" / "plans" / "p.yaml"
    text = plan.read_text(encoding="utf-8").replace("implements: [kh-3-tu-2021]", "implements: [vb-2]")
    plan.write_text(text.replace("basis: [kh-3-tu-2021]", "basis: [vb-2]"), encoding="utf-8")
    result = load_portfolio(tmp_path / "data")
    cycles = [d for d in result.report.diagnostics if "cycle" in d.text("en")]
    assert [(str(d.loc), d.text("en")) for d in cycles] == [
        ("data/documents.yaml:22:17", "the relations form a cycle: vb-0 → p → vb-2 → vb-1 → vb-0")
    ]


def test_a_long_chain_of_real_documents_is_reported_by_the_validator(tmp_path: Path) -> None:
    shutil.copytree(BASE, tmp_path / "data")
    count = xref.MAX_CHAIN_LENGTH + 1
    (tmp_path / "data" / "documents.yaml").write_text(_documents_yaml(count, False), encoding="utf-8")
    limit = sys.getrecursionlimit()
    sys.setrecursionlimit(200)  # nothing in loading may recurse along the chain
    try:
        result = load_portfolio(tmp_path / "data")
    finally:
        sys.setrecursionlimit(limit)
    chains = [d for d in result.report.diagnostics if "chain" in d.text("en")]
    line = 9 + 10 * (count - 1)  # the relation of the newest document: after 2 header lines, 7 + 10 per document
    assert [(str(d.loc), d.field, d.text("en")) for d in chains] == [
        (
            f"data/documents.yaml:{line}:17",
            f"documents[{count - 1}].relations[0].target",
            f"this relation makes a chain of more than 1,000 documents and plans, from 'vb-0' to 'vb-{count - 1}'",
        )
    ]
