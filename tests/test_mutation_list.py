"""The mutation list of scripts/mutate stays in step with the code it mutates.

Running the mutations takes half an hour, so it is not part of ``scripts/check``; this test is. It
fails when a change (a refactoring, a merge) moves the text a mutation replaces, so the list is
updated with the change instead of turning up "stale" in the next mutation run.
"""

from __future__ import annotations

import runpy
from typing import Any

import pytest
from conftest import REPO_ROOT

MUTATE = runpy.run_path(str(REPO_ROOT / "scripts" / "mutate"), run_name="mutate")
MUTATIONS = MUTATE["read_mutations"](REPO_ROOT / "tests" / "mutations.toml")


def test_the_list_is_read() -> None:
    assert len(MUTATIONS) >= 40


@pytest.mark.parametrize("mutation", MUTATIONS, ids=lambda m: m.id)
def test_each_mutation_finds_its_text(mutation: Any) -> None:  # scripts/mutate's Mutation, loaded by path
    found = (REPO_ROOT / mutation.file).read_text(encoding="utf-8").count(mutation.find)
    assert found == mutation.count, f"{mutation.file}: the text to replace is found {found} times"
    assert mutation.replace != mutation.find
