"""Fixtures for the browser tests: the real site, built once, served on 127.0.0.1, in one Chromium.

Session scope: ``built_site`` (``mkdocs build --strict`` into a temporary folder), ``site`` (the
static server), ``browser`` (Debian's Chromium, driven by Playwright). Per test: ``new_page``
opens a page in a fresh browser context (own storage, own viewport or colour scheme), and
``net_log`` records every request those pages make.

Run: ``python -m pytest -q tests/browser`` (about two minutes on two cores). Environment:

* ``CHROMIUM_PATH``: the browser to drive (default: Debian's ``/usr/bin/chromium``). Without one the
  tests are skipped locally, and fail in CI (``CI=true``).
* ``BROWSER_SITE_DIR``: serve this already built site instead of building one (to try a change).
* ``LARGE_SITE_DIR``: the same for the 3,000-clause synthetic site of ``test_search_scale.py``, which
  is otherwise built once for that module (about 30 s of CPU).

Screenshots (``screenshots/``) and the printed PDF (``print/``) go to ``test-artifacts/``; the
search timings are printed at the end of the run (``scripts/bench_search`` measures them properly).
"""

from __future__ import annotations

import os
import re
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

import pytest

from .harness import (
    CONTEXT_DEFAULTS,
    INSTALL_HINT,
    REPO_ROOT,
    SEARCH_PROBE_JS,
    BuildFailed,
    ChromiumMissing,
    SearchOutcome,
    StaticSite,
    build_site,
    format_timings,
    launch_chromium,
    require_chromium,
)

ARTIFACTS = REPO_ROOT / "test-artifacts"  # gitignored
SEARCH_TIMINGS = pytest.StashKey[list[SearchOutcome]]()


# ----------------------------------------------------------------------------------- session ---


@pytest.fixture(scope="session")
def chromium_path() -> str:
    try:
        return require_chromium()
    except ChromiumMissing as missing:
        if missing.fatal:
            pytest.fail(str(missing), pytrace=False)
        pytest.skip(str(missing))


@pytest.fixture(scope="session")
def built_site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The real site from the real data, built once per session with ``--strict``.

    ``BROWSER_SITE_DIR=<folder>`` serves an already built site instead (to try a change quickly).
    """
    if os.environ.get("BROWSER_SITE_DIR"):
        folder = Path(os.environ["BROWSER_SITE_DIR"]).resolve()
        if not (folder / "index.html").is_file():
            pytest.fail(f"BROWSER_SITE_DIR={folder} holds no built site (no index.html)", pytrace=False)
        return folder
    try:
        return build_site(tmp_path_factory.mktemp("site"))
    except BuildFailed as exc:
        pytest.fail(str(exc), pytrace=False)


@pytest.fixture(scope="session")
def site(built_site: Path) -> Iterator[StaticSite]:
    with StaticSite(built_site) as server:
        yield server


@pytest.fixture(scope="session")
def browser(chromium_path: str) -> Iterator[Any]:
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        try:
            chromium = launch_chromium(playwright, chromium_path)
        except Exception as exc:  # found but unusable (missing libraries, wrong architecture)
            pytest.fail(f"Chromium at {chromium_path} did not start: {exc}\n{INSTALL_HINT}", pytrace=False)
        yield chromium
        chromium.close()


@pytest.fixture(scope="session")
def screenshots_dir() -> Path:
    path = ARTIFACTS / "screenshots"
    path.mkdir(parents=True, exist_ok=True)
    return path


# ------------------------------------------------------------------------------ network log ---


@dataclass(frozen=True)
class Request:
    url: str
    method: str
    resource_type: str

    @property
    def netloc(self) -> str:
        return urlsplit(self.url).netloc

    @property
    def is_network(self) -> bool:
        return urlsplit(self.url).scheme not in {"data", "blob", "about", "javascript"}


@dataclass
class NetworkLog:
    """Every request, failed request and console error of the pages opened in one test."""

    site: StaticSite
    requests: list[Request] = field(default_factory=list)
    failed: list[str] = field(default_factory=list)
    console_errors: list[str] = field(default_factory=list)

    def attach(self, context: Any) -> None:
        context.on("request", lambda r: self.requests.append(Request(r.url, r.method, r.resource_type)))
        context.on("requestfailed", lambda r: self.failed.append(f"{r.url} ({r.failure})"))
        context.on("weberror", lambda e: self.console_errors.append(f"uncaught: {e.error}"))
        context.on("console", self._on_console)

    def _on_console(self, message: Any) -> None:
        if message.type == "error":
            self.console_errors.append(f"{message.text} (at {message.location.get('url', '?')})")

    def foreign(self) -> list[Request]:
        """Requests that left the test server (anything but http://127.0.0.1:PORT)."""
        return [r for r in self.requests if r.is_network and r.netloc != self.site.netloc]


# -------------------------------------------------------------------------------- per test ---


@pytest.fixture
def net_log(site: StaticSite) -> NetworkLog:
    return NetworkLog(site)


@pytest.fixture
def new_page(browser: Any, site: StaticSite, net_log: NetworkLog) -> Iterator[Callable[..., Any]]:
    """``new_page(**context_options)``: a page in a fresh context (viewport, colour scheme...).

    Each context records its traffic in ``net_log`` and aborts requests to any other host, so a
    stray CDN or analytics URL fails at once instead of waiting for DNS (it is still recorded).
    """
    contexts: list[Any] = []
    not_ours = re.compile("^(?!" + re.escape(site.origin + "/") + ")(https?|wss?|ftp)://")

    def open_page(**options: Any) -> Any:
        context = browser.new_context(**{**CONTEXT_DEFAULTS, **options})
        contexts.append(context)
        context.set_default_timeout(10_000)
        net_log.attach(context)
        context.route(not_ours, lambda route: route.abort("blockedbyclient"))
        context.add_init_script(SEARCH_PROBE_JS)
        return context.new_page()

    yield open_page
    for context in contexts:
        context.close()


@pytest.fixture
def page(new_page: Callable[..., Any]) -> Any:
    """A page at 1280×800, light palette."""
    return new_page()


# ---------------------------------------------------------------------------- report timings ---


@pytest.fixture(scope="session")
def search_timings(request: pytest.FixtureRequest) -> list[SearchOutcome]:
    """The searches of the session, for the timing table printed at the end of the run."""
    return request.config.stash.setdefault(SEARCH_TIMINGS, [])


def pytest_terminal_summary(terminalreporter: Any, exitstatus: int, config: pytest.Config) -> None:
    outcomes = config.stash.get(SEARCH_TIMINGS, [])
    if outcomes:
        terminalreporter.section("search timings (headless Chromium; ms)")
        for line in format_timings(outcomes):
            terminalreporter.write_line(line)
