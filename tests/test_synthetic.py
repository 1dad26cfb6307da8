"""The synthetic portfolio generator (scripts/_synthetic.py) that the benchmarks and the large-portfolio
search tests build on: valid, the size asked for, varied, deterministic, and the seed plan kept as is."""

from __future__ import annotations

from pathlib import Path

import pytest

from scripts._synthetic import MAX_TEXT, MIN_TEXT, SEED_PLAN, write_portfolio
from vnplans.data.load import load_portfolio

REPO = Path(__file__).resolve().parent.parent


@pytest.fixture(scope="module")
def synthetic(tmp_path_factory: pytest.TempPathFactory) -> Path:
    data = tmp_path_factory.mktemp("synthetic") / "data"
    write_portfolio(data, clauses=400, seed=3)
    return data


def test_passes_strict_validation_with_the_clause_count_asked_for(synthetic: Path) -> None:
    result = load_portfolio(synthetic)
    assert result.report.format_text() == "" and result.portfolio is not None, result.report.format_text()
    plans = result.portfolio.plans
    assert sum(plan.clause_count for plan in plans) == 400
    assert len(plans) >= 5
    assert all(20 <= plan.clause_count <= 80 for plan in plans if plan.id != SEED_PLAN)


def test_keeps_the_seed_plan_byte_for_byte(synthetic: Path) -> None:
    name = f"plans/{SEED_PLAN}.yaml"
    assert (synthetic / name).read_bytes() == (REPO / "data" / name).read_bytes()


def test_clause_texts_are_varied_vietnamese_of_the_right_length(synthetic: Path) -> None:
    portfolio = load_portfolio(synthetic).portfolio
    assert portfolio is not None
    texts = [
        c.text
        for plan in portfolio.plans
        if plan.id != SEED_PLAN
        for c in plan.clauses()
        if c.text and c.ref not in ("Mở đầu", "Đoạn kết")
    ]
    assert all(MIN_TEXT <= len(t) <= MAX_TEXT for t in texts), sorted(len(t) for t in texts)[:5]
    assert len(set(texts)) == len(texts), "a clause text is repeated"
    joined = " ".join(texts)
    assert "đ" in joined and "Đ" in joined and "ộ" in joined
    roles = [r for plan in portfolio.plans for c in plan.clauses() for r in c.roles]
    assert len({r.actor_id for r in roles}) >= 20
    numbers = {d.number for d in portfolio.documents}
    assert any("/QĐ-UBND" in str(n) for n in numbers) and any("/NĐ-CP" in str(n) for n in numbers)


def test_same_size_and_seed_give_the_same_files(synthetic: Path, tmp_path: Path) -> None:
    again = tmp_path / "data"
    write_portfolio(again, clauses=400, seed=3)
    files = sorted(p.relative_to(synthetic) for p in synthetic.rglob("*.yaml"))
    assert files == sorted(p.relative_to(again) for p in again.rglob("*.yaml"))
    assert all((synthetic / f).read_bytes() == (again / f).read_bytes() for f in files)
    other = tmp_path / "other"
    write_portfolio(other, clauses=400, seed=4)
    assert sorted(p.name for p in other.rglob("*.yaml")) != sorted(p.name for p in files)


def test_refuses_a_size_smaller_than_the_seed_plus_one_plan(tmp_path: Path) -> None:
    with pytest.raises(ValueError, match=r"at least 62 clauses \(the seed plan has 42\)"):
        write_portfolio(tmp_path / "data", clauses=50)
