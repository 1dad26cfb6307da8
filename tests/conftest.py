"""Shared fixtures: the repository's real data, loaded once by the one loader, and built sites."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from dataclasses import dataclass
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


# -- the built site, as readers get it ---------------------------------------------------------------

#: What `mkdocs build` needs from the repository.
SITE_SOURCES = ("mkdocs.yml", "hooks", "vnplans", "schemas", "docs", "overrides")
#: An invented plan added to a copy of data/ for the reader tests (see the file's header).
SITE_FIXTURE = REPO_ROOT / "tests" / "site_fixture"


def mkdocs_build(repo: Path, out: Path, env: dict[str, str] | None = None) -> None:
    """``mkdocs build --strict`` of ``repo`` into ``out`` (``env`` added to the environment); the test
    fails with MkDocs' output."""
    env = {**os.environ, "NO_MKDOCS_2_WARNING": "1", **(env or {})}
    done = subprocess.run(
        [sys.executable, "-m", "mkdocs", "build", "--strict", "-q", "-d", str(out)],
        cwd=repo,
        capture_output=True,
        text=True,
        env=env,
        timeout=300,
        check=False,
    )
    assert done.returncode == 0, done.stdout + done.stderr


@dataclass(frozen=True)
class BuiltSite:
    """A site built by MkDocs (``root``) from a data folder, and the portfolio loaded from it."""

    name: str
    root: Path
    portfolio: Portfolio

    def file(self, url: str) -> Path:
        """The file served at ``url`` (relative to the site root; pages end with '/')."""
        return self.root / (url + "index.html" if url.endswith("/") or url == "" else url)


def _load(data: Path) -> Portfolio:
    result = load_portfolio(data)
    assert result.portfolio is not None, result.report.format_text()
    assert not result.report.warnings, result.report.format_text()
    return result.portfolio


@pytest.fixture(scope="session")
def seed_site(tmp_path_factory: pytest.TempPathFactory) -> BuiltSite:
    """The site of the repository's own data, built once per test session."""
    out = tmp_path_factory.mktemp("seed-site")
    mkdocs_build(REPO_ROOT, out)
    return BuiltSite("seed", out, _load(REPO_ROOT / "data"))


@pytest.fixture(scope="session")
def fixture_site(tmp_path_factory: pytest.TempPathFactory) -> BuiltSite:
    """The site of data/ plus the invented plans of tests/site_fixture/plans/, built once per session."""
    repo = tmp_path_factory.mktemp("fixture-repo")
    for name in (*SITE_SOURCES, "data"):
        source = REPO_ROOT / name
        if source.is_dir():
            shutil.copytree(source, repo / name, ignore=shutil.ignore_patterns("__pycache__"))
        else:
            shutil.copy(source, repo / name)
    for plan in sorted((SITE_FIXTURE / "plans").glob("*.yaml")):
        shutil.copy(plan, repo / "data" / "plans" / plan.name)
    out = tmp_path_factory.mktemp("fixture-site")
    mkdocs_build(repo, out)
    return BuiltSite("fixture", out, _load(repo / "data"))
