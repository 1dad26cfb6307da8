"""The live preview an editor uses: ``mkdocs serve`` shows data mistakes in the page and never hangs.

Each test serves a copy of the repository (``DevServer``) and edits it the way an editor saves a
file. Every wait has a short timeout, so a request that hangs (as one did for ten minutes before
the preview showed errors) fails the test instead of stalling the run.
"""

from __future__ import annotations

import json
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from vnplans.data.load import load_portfolio

from .harness import CONTEXT_DEFAULTS, PAGE_TYPES, PLAN, DevServer, ServeFailed, copy_site_sources

PLAN_FILE = "data/plans/2021-lien-hiep-hoi-khkt.yaml"
GOOD_ROLE = "thuc-hien: [so-noi-vu]"
MISSPELT_ROLE = "thuc-hien: [so-noi-vuu]"
REQUEST_MS = 15_000  # any single page load
REBUILD_MS = 30_000  # a save → rebuild → reload (about two seconds here; two shared cores are slow)


@pytest.fixture
def preview(tmp_path: Path) -> Iterator[DevServer]:
    try:
        with DevServer(copy_site_sources(tmp_path / "repo")) as server:
            yield server
    except ServeFailed as exc:
        pytest.fail(str(exc), pytrace=False)


@pytest.fixture
def preview_page(browser: Any, preview: DevServer) -> Iterator[Any]:
    """A page of the preview; requests to any other host are refused at once."""
    context = browser.new_context(**CONTEXT_DEFAULTS)
    context.set_default_timeout(REQUEST_MS)
    context.route(f"re:^(?!{preview.origin}/)(https?|wss?)://.*", lambda route: route.abort("blockedbyclient"))
    yield context.new_page()
    context.close()


def _edit(path: Path, old: str, new: str) -> None:
    text = path.read_text(encoding="utf-8")
    assert old in text, f"{old!r} not in {path}"
    path.write_text(text.replace(old, new, 1), encoding="utf-8")


def _problems(page: Any) -> list[str]:
    """The problems the banner lists, one text per problem (message line and hint line)."""
    return [text.strip("\n") for text in page.locator(".data-problems__list pre").all_inner_texts()]


def _wait_for_problems(page: Any, preview: DevServer, count: int) -> None:
    try:
        page.wait_for_function(
            "(n) => document.querySelectorAll('.data-problems__list li').length === n", arg=count, timeout=REBUILD_MS
        )
    except Exception as exc:
        raise AssertionError(f"no list of {count} problem(s) in the page:\n{preview.log()}") from exc


def _wait_for_site(page: Any, preview: DevServer) -> None:
    try:
        page.wait_for_function(
            "() => !document.querySelector('.data-problems') && !!document.querySelector('.doc-meta')",
            timeout=REBUILD_MS,
        )
    except Exception as exc:
        raise AssertionError(f"the plan did not come back:\n{preview.log()}") from exc


def test_a_broken_data_file_shows_its_problems_on_every_page_until_fixed(preview: DevServer, preview_page: Any) -> None:
    page = preview_page
    plan_file = preview.root / PLAN_FILE
    original = plan_file.read_text(encoding="utf-8")
    page.goto(preview.url(PLAN))
    assert page.locator(".doc-meta").count() == 1 and page.locator(".data-problems").count() == 0

    # Save a misspelt agency id, as an editor would.
    offset = original.index(GOOD_ROLE)
    line = original.count("\n", 0, offset) + 1
    col = offset - original.rfind("\n", 0, offset) + len("thuc-hien: [")
    _edit(plan_file, GOOD_ROLE, MISSPELT_ROLE)
    expected = [d.format_text() for d in load_portfolio(preview.root / "data", preview.root).report.sorted()]
    assert expected and expected[0].startswith(f"{PLAN_FILE}:{line}:{col}: ")
    assert "so-noi-vuu" in expected[0]

    # The open page reloads by itself and lists every problem as scripts/validate prints it.
    _wait_for_problems(page, preview, len(expected))
    assert _problems(page) == expected
    assert page.locator(".data-problems").get_attribute("role") == "alert"

    # Every page shows the list: a generated index page, a hand-written page, another generated page.
    for path in (PAGE_TYPES["home"], PAGE_TYPES["editor-guide"], PAGE_TYPES["agency"]):
        response = page.goto(preview.url(path))
        assert response is not None and response.status in (200, 404), path
        assert _problems(page) == expected, path
    assert preview.running

    # Fix the file: the page (here the agency page, a 404 while the data was broken) comes back by itself.
    page.goto(preview.url(PLAN))
    _wait_for_problems(page, preview, len(expected))
    plan_file.write_text(original, encoding="utf-8")
    _wait_for_site(page, preview)
    assert page.url == preview.url(PLAN)
    assert preview.running


def test_code_schema_and_theme_edits_take_effect_on_rebuild(preview: DevServer, preview_page: Any) -> None:
    page = preview_page
    page.goto(preview.url(PLAN))
    unknown = page.locator(".doc-meta .unknown").first
    assert unknown.inner_text() == "chưa xác định"

    # Code: a constant of the renderer (the label of an unknown plan number).
    _edit(preview.root / "vnplans/site/render.py", 'UNKNOWN_LABEL = "chưa xác định"', 'UNKNOWN_LABEL = "chưa rõ"')
    page.wait_for_function(
        "() => document.querySelector('.doc-meta .unknown')?.textContent === 'chưa rõ'", timeout=REBUILD_MS
    )

    # Theme: an override template.
    _edit(
        preview.root / "overrides/main.html",
        '{% extends "base.html" %}',
        '{% extends "base.html" %}{% block footer %}<p id="theme-edit">sửa</p>{% endblock %}',
    )
    page.wait_for_selector("#theme-edit", timeout=REBUILD_MS)

    # Schema: a new required key. The page lists what a fresh scripts/validate prints for it.
    schema = preview.root / "schemas/plan.schema.json"
    contents = json.loads(schema.read_text(encoding="utf-8"))
    contents["required"].append("khoa-moi")
    schema.write_text(json.dumps(contents, ensure_ascii=False, indent=2), encoding="utf-8")
    # The copy's own validator, in a new process: it reads the copy's schemas.
    fresh = subprocess.run(
        [
            sys.executable,
            "-c",
            "import sys; from vnplans.commands.validate import validate_main; sys.exit(validate_main())",
        ],
        cwd=preview.root,
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )
    assert fresh.returncode == 1 and "khoa-moi" in fresh.stdout, fresh.stdout + fresh.stderr
    expected = [block.strip("\n") for block in _split_diagnostics(fresh.stdout)]
    _wait_for_problems(page, preview, len(expected))
    assert _problems(page) == expected

    # A bug that only shows once the data is valid: the page shows the traceback, the server stays up.
    schema.write_text(json.dumps({**contents, "required": contents["required"][:-1]}), encoding="utf-8")
    _edit(
        preview.root / "vnplans/site/build.py",
        "    def render(self, route: Route) -> RenderedPage:\n",
        "    def render(self, route: Route) -> RenderedPage:\n        raise RuntimeError('lỗi thử trong mã')\n",
    )
    page.wait_for_selector(".data-problems__crash", timeout=REBUILD_MS)
    crash = page.locator(".data-problems__crash").inner_text()
    assert crash.startswith("Traceback (most recent call last):") and "RuntimeError: lỗi thử trong mã" in crash
    assert page.locator(".data-problems__list").count() == 0 and preview.running


def _split_diagnostics(output: str) -> list[str]:
    """scripts/validate's text output, one entry per problem (its line and the indented hint)."""
    entries: list[str] = []
    for line in output.splitlines():
        if line.startswith((" ", "\t")) and entries:
            entries[-1] += "\n" + line
        elif line:
            entries.append(line)
    return entries


@pytest.mark.parametrize("strict", [True, False], ids=["strict", "plain"])
def test_mkdocs_build_still_fails_on_a_data_error_with_the_full_list(tmp_path: Path, strict: bool) -> None:
    """Only serving shows problems in the page; a build (CI, deployment) stops, strict or not."""
    root = copy_site_sources(tmp_path / "repo")
    _edit(root / PLAN_FILE, GOOD_ROLE, MISSPELT_ROLE)
    expected = load_portfolio(root / "data", root).report.format_text()
    cmd = [sys.executable, "-m", "mkdocs", "build", "-q", "-d", str(tmp_path / "site"), *(["--strict"] * strict)]
    done = subprocess.run(cmd, cwd=root, capture_output=True, text=True, timeout=300, check=False)
    assert done.returncode == 1
    assert expected and expected in done.stderr
    assert "Traceback" not in done.stderr
    assert not (tmp_path / "site" / "index.html").exists()
