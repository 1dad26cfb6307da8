"""Shared fixtures: the repository's real data, loaded once by the one loader."""

from __future__ import annotations

import sys
from pathlib import Path

import pytest

REPO_ROOT = Path(__file__).resolve().parent.parent
if str(REPO_ROOT) not in sys.path:  # so `pytest` works without installing the package
    sys.path.insert(0, str(REPO_ROOT))

from vnplans.data.load import load_portfolio  # noqa: E402
from vnplans.data.model import Portfolio  # noqa: E402


@pytest.fixture(scope="session")
def portfolio() -> Portfolio:
    """The portfolio of ``data/``; the test fails with the validator's report if the data is broken."""
    result = load_portfolio(REPO_ROOT / "data", REPO_ROOT)
    assert result.portfolio is not None, result.report.format_text()
    return result.portfolio
