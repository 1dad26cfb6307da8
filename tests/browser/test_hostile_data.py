"""Hostile data never reaches a reader: payloads in every text field of every data file, in Chromium.

Three builds of a copy of the site carry, between them, every payload of ``tests/hostile_data.py``
in every text field kind the schemas define (at least 30 per kind; the test checks its own
coverage). Every page of each build is opened in Chromium, and the test asserts that no payload
script ran (``__xss`` is a recording function here, and no dialog opened), that no injected element,
event handler, ``javascript:`` link or style reached the DOM, that the page is still visible, and
that nothing was fetched from another host. The same pages are also read as HTML, and every CSV
cell is checked for formula injection. Run time: about a minute per build on two cores.
"""

from __future__ import annotations

import csv
import io
import json
import os
import re
import subprocess
import sys
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import pytest
import yaml

from tests.hostile_data import BUILDS, PAYLOADS, Coverage, hostile_copy

from .harness import CONTEXT_DEFAULTS, StaticSite

MINIMUM_PER_KIND = 30
SEED_PLAN = "2021-lien-hiep-hoi-khkt"

# Installed before any page script: a payload that runs records itself instead of failing.
SENTINEL_JS = "window.__xssCalls = []; window.__xss = (n) => window.__xssCalls.push(n);"

# What a payload would leave in the DOM if it got through unescaped.
_DOM_PROBE_JS = r"""() => {
  const found = [];
  const ours = new Set(["window.print()"]);
  for (const el of document.querySelectorAll("*")) {
    for (const attr of el.attributes) {
      const name = attr.name.toLowerCase(), value = attr.value.trim().toLowerCase();
      if (name.startsWith("on") && !ours.has(attr.value)) found.push(`${el.tagName} ${name}=${attr.value}`);
      if (["href", "src", "action", "formaction", "data", "xlink:href"].includes(name) && value.startsWith("javascript:"))
        found.push(`${el.tagName} ${name}=${attr.value}`);
      if (["src", "srcset", "data", "poster", "background"].includes(name) && value.includes("evil.invalid"))
        found.push(`${el.tagName} ${name}=${attr.value}`);
      if (name === "style" && value.includes("evil.invalid")) found.push(`${el.tagName} style=${attr.value}`);
    }
  }
  for (const el of document.querySelectorAll("iframe, object, embed, base, body meta, body link, details[ontoggle], [id^=xss]"))
    found.push(`element ${el.outerHTML.slice(0, 120)}`);
  for (const el of document.querySelectorAll("script, style"))
    if (/__xss|evil\.invalid|display:none!important/.test(el.textContent)) found.push(`${el.tagName} ${el.textContent.slice(0, 120)}`);
  const body = getComputedStyle(document.body);
  if (body.display === "none" || body.visibility === "hidden") found.push("the page body is hidden");
  return { found, calls: window.__xssCalls || [] };
}"""


@dataclass
class HostileBuild:
    number: int
    root: Path
    pages: list[str] = field(default_factory=list)  # site paths of every HTML page


@dataclass
class Findings:
    per_page: dict[str, list[str]] = field(default_factory=dict)
    dialogs: list[str] = field(default_factory=list)
    foreign: list[str] = field(default_factory=list)
    errors: list[str] = field(default_factory=list)


@pytest.fixture(scope="module")
def coverage() -> Coverage:
    return Coverage()


@pytest.fixture(scope="module")
def hostile_builds(tmp_path_factory: pytest.TempPathFactory, coverage: Coverage) -> list[HostileBuild]:
    builds = []
    for number in range(BUILDS):
        root = hostile_copy(tmp_path_factory.mktemp(f"hostile{number}"), number, coverage)
        out = root / "site"
        # Not --strict: the payloads make the validator warn (roles "not named in the text").
        # Errors would stop the build, and the test with it.
        proc = subprocess.run(
            [sys.executable, "-m", "mkdocs", "build", "-q", "-d", str(out)],
            cwd=root,
            capture_output=True,
            text=True,
            env={**os.environ, "NO_MKDOCS_2_WARNING": "1"},
            timeout=300,
        )
        assert proc.returncode == 0, proc.stderr[-3000:]
        pages = sorted(
            (
                ""
                if p.name == "index.html" and p.parent == out
                else p.relative_to(out).as_posix().removesuffix("index.html")
            )
            for p in out.rglob("*.html")
        )
        builds.append(HostileBuild(number, out, pages))
    return builds


def test_every_text_field_kind_gets_at_least_30_payloads(
    hostile_builds: list[HostileBuild], coverage: Coverage
) -> None:
    assert len(coverage.received) >= 40, sorted(coverage.received)  # the schemas' text fields, found
    assert coverage.short_kinds(MINIMUM_PER_KIND) == {}
    for kind in (
        "agencies:agencies[].name",
        "documents:documents[].number.unknown",
        "plan:title",
        "plan:sections[].items[].text",
    ):
        assert kind in coverage.received, kind


def _visit_all(browser: Any, build: HostileBuild) -> Findings:
    findings = Findings()
    with StaticSite(build.root) as site:
        context = browser.new_context(**CONTEXT_DEFAULTS)
        context.add_init_script(SENTINEL_JS)
        ours = re.compile("^(?!" + re.escape(site.origin + "/") + ")(https?|wss?|ftp)://")

        def block(route: Any) -> None:
            findings.foreign.append(route.request.url)
            route.abort("blockedbyclient")

        context.route(ours, block)
        page = context.new_page()
        page.on("dialog", lambda d: (findings.dialogs.append(f"{d.type}: {d.message}"), d.dismiss()))
        page.on("pageerror", lambda e: findings.errors.append(str(e)))
        for path in build.pages:
            page.goto(site.url(path), wait_until="load")
            probe = page.evaluate(_DOM_PROBE_JS)
            problems = probe["found"] + [f"__xss({n}) ran" for n in probe["calls"]]
            if problems:
                findings.per_page[path] = problems
        context.close()
    return findings


@pytest.mark.parametrize("number", range(BUILDS))
def test_no_payload_runs_styles_or_fetches_on_any_page(
    browser: Any, hostile_builds: list[HostileBuild], number: int
) -> None:
    build = hostile_builds[number]
    page_types = {p.split("/")[0] for p in build.pages}
    assert {"", "ke-hoach", "co-quan", "nhom", "van-ban", "du-lieu-mo", "huong-dan-bien-tap", "404.html"} <= page_types
    assert any(p.count("/") == 3 and p.startswith("co-quan/") for p in build.pages)  # an agency's plan page
    findings = _visit_all(browser, build)
    assert findings.per_page == {}
    assert findings.dialogs == []
    assert findings.foreign == []
    assert [e for e in findings.errors if "__xss" in e or "xss" in e.lower()] == []


def _html_pages(root: Path) -> Iterator[tuple[Path, str]]:
    for path in root.rglob("*.html"):
        yield path, path.read_text(encoding="utf-8")


@pytest.mark.parametrize("number", range(BUILDS))
def test_titles_and_descriptions_are_escaped_text(hostile_builds: list[HostileBuild], number: int) -> None:
    root = hostile_builds[number].root
    agency = (root / "co-quan" / "so-tai-chinh" / "index.html").read_text(encoding="utf-8")
    title = re.search(r"<title>(.*?)</title>", agency, re.S)
    description = re.search(r'<meta name="description" content="([^"]*)">', agency)
    assert title and description
    assert "Sở Tài chính" in title.group(1) and "<" not in title.group(1)
    assert "Sở Tài chính" in description.group(1) and "<" not in description.group(1)
    for path, html in _html_pages(root):
        for match in re.finditer(r"<title>(.*?)</title>", html, re.S):
            assert "<" not in match.group(1), path


def test_every_csv_cell_is_neutralised_and_json_keeps_the_exact_text(hostile_builds: list[HostileBuild]) -> None:
    formula_cells = 0
    for build in hostile_builds:
        root = build.root
        files = [*root.glob("du-lieu-mo/*.csv"), *root.glob("ke-hoach/*/ma-tran-phan-cong-*.csv")]
        assert len(files) >= 5
        for path in files:
            for row in csv.reader(io.StringIO(path.read_text(encoding="utf-8-sig"))):
                for cell in row:
                    assert not cell.startswith(("=", "+", "-", "@", "\t", "\r", "\n")), (path.name, cell[:80])
                    formula_cells += cell.startswith(("'=", "'+", "'-", "'@"))
        source = yaml.safe_load((root.parent / "data" / "plans" / f"{SEED_PLAN}.yaml").read_text(encoding="utf-8"))
        published = json.loads((root / "du-lieu-mo" / "ke-hoach.json").read_text(encoding="utf-8"))
        entry = next(p for p in published["plans"] if p["id"] == SEED_PLAN)
        assert entry["title"] == source["title"] and any(p in entry["title"] for p in PAYLOADS)
        assert entry["sections"][0]["title"] == source["sections"][0]["title"]
    assert formula_cells > 10  # the payloads did reach the start of cells
