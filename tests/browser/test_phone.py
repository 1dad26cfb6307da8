"""Phones: at 360×800 nothing scrolls sideways but the assignment matrix, inside its own box, and the
links are big enough to tap. Screenshots of every page type at 360 and 1280 px wide go to
``test-artifacts/screenshots/`` for a person to look at.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from .harness import PAGE_TYPES, StaticSite, format_violations, run_axe

PHONE = {"width": 360, "height": 800}

_OVERFLOW = """() => {
  const root = document.documentElement;
  const own = '.matrix-scroll, .table-scroll, .md-sidebar, .vn-search__panel';  // boxes that scroll or slide in
  const wide = [...document.querySelectorAll('body *')]
    .filter(e => e.getBoundingClientRect().right > root.clientWidth + 1 && !e.closest(own))
    .slice(0, 5).map(e => e.tagName.toLowerCase() + (e.className ? '.' + String(e.className).split(' ')[0] : ''));
  return { scrollWidth: root.scrollWidth, clientWidth: root.clientWidth, wide };
}"""


@pytest.mark.parametrize("page_type", list(PAGE_TYPES))
def test_no_sideways_scrolling_on_a_phone(new_page, site: StaticSite, screenshots_dir: Path, page_type: str) -> None:
    page = new_page(viewport=PHONE, is_mobile=True, has_touch=True)
    page.goto(site.url(PAGE_TYPES[page_type]))
    page.screenshot(path=screenshots_dir / f"{page_type}-360.png", full_page=True)
    overflow = page.evaluate(_OVERFLOW)
    assert overflow["scrollWidth"] <= overflow["clientWidth"], f"/{PAGE_TYPES[page_type]} scrolls sideways: {overflow}"


@pytest.mark.parametrize("page_type", list(PAGE_TYPES))
def test_screenshot_on_a_desktop(new_page, site: StaticSite, screenshots_dir: Path, page_type: str) -> None:
    page = new_page()  # 1280×800
    page.goto(site.url(PAGE_TYPES[page_type]))
    page.screenshot(path=screenshots_dir / f"{page_type}-1280.png", full_page=True)
    overflow = page.evaluate(_OVERFLOW)
    assert overflow["scrollWidth"] <= overflow["clientWidth"], overflow


def test_matrix_scrolls_inside_its_own_box(new_page, site: StaticSite) -> None:
    """Where the table is shown (wider screens; a phone gets the clause-by-clause lists instead), it scrolls
    sideways in its own box, never the page."""
    page = new_page(viewport={"width": 800, "height": 800})
    page.goto(site.url(PAGE_TYPES["matrix"]))
    box = page.locator(".matrix-scroll")
    assert box.count() == 1 and box.is_visible()
    inner = box.evaluate("e => ({ scrollWidth: e.scrollWidth, clientWidth: e.clientWidth })")
    assert inner["scrollWidth"] > inner["clientWidth"], f"the matrix fits without scrolling? {inner}"
    overflow = page.evaluate(_OVERFLOW)
    assert overflow["scrollWidth"] <= overflow["clientWidth"], overflow
    # It can be scrolled by keyboard too: the box is focusable and named (WCAG 2.1.1).
    assert box.get_attribute("tabindex") == "0" and (
        box.get_attribute("aria-label") or box.get_attribute("aria-labelledby")
    )
    phone = new_page(viewport=PHONE, is_mobile=True, has_touch=True)
    phone.goto(site.url(PAGE_TYPES["matrix"]))
    assert phone.locator(".matrix-list").is_visible() and not phone.locator(".matrix-scroll").is_visible()


@pytest.mark.parametrize("page_type", [t for t in PAGE_TYPES if t != "404"])
def test_touch_targets_are_not_cramped(new_page, site: StaticSite, page_type: str) -> None:
    """WCAG 2.2 target size (minimum): 24×24 px, or enough space around; links inside sentences are exempt.

    axe-core's ``target-size`` rule measures exactly that (size, or spacing to the neighbours).
    """
    page = new_page(viewport=PHONE, is_mobile=True, has_touch=True)
    page.goto(site.url(PAGE_TYPES[page_type]))
    violations = run_axe(page, rules=("target-size",), needs_review=True)
    assert not violations, f"/{PAGE_TYPES[page_type]} at 360 px: {format_violations(violations)}"
