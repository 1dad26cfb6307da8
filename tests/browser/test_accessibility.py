"""Accessibility: axe-core (WCAG 2.1 A and AA) on every page type in both palettes, and the keyboard.

The dark palette is reached the way readers reach it: their system asks for dark
(``prefers-color-scheme: dark``, which Material follows on a first visit), or they press the
palette toggle (Material remembers the choice). Both must give ``data-md-color-scheme="slate"``.
"""

from __future__ import annotations

import pytest

from .harness import PAGE_TYPES, PLAN, StaticSite, format_violations, run_axe

SCHEME = "() => document.body.getAttribute('data-md-color-scheme')"


def _open(page, site: StaticSite, path: str) -> None:
    response = page.goto(site.url(path))
    assert response is not None
    expected = 404 if path == PAGE_TYPES["404"] else 200
    assert response.status == expected, f"/{path}: HTTP {response.status}"


@pytest.mark.parametrize("scheme", ["light", "dark"])
@pytest.mark.parametrize("page_type", list(PAGE_TYPES))
def test_axe_wcag21_aa(new_page, site: StaticSite, screenshots_dir, page_type: str, scheme: str) -> None:
    page = new_page(color_scheme=scheme)
    _open(page, site, PAGE_TYPES[page_type])
    page.screenshot(path=screenshots_dir / f"{page_type}-1280-{scheme}.png", full_page=True)
    assert page.evaluate(SCHEME) == ("slate" if scheme == "dark" else "default")
    violations = run_axe(page)
    print(f"\naxe {page_type} ({scheme}): {format_violations(violations)}")
    assert not violations, f"/{PAGE_TYPES[page_type]} in the {scheme} palette: {format_violations(violations)}"


def test_palette_toggle_switches_to_dark_and_is_remembered(page, site: StaticSite) -> None:
    _open(page, site, PLAN)
    assert page.evaluate(SCHEME) == "default"
    toggle = page.locator("form[data-md-component=palette] label:visible")
    toggle.click()
    assert page.evaluate(SCHEME) == "slate"
    _open(page, site, PAGE_TYPES["agency"])  # the choice is kept across pages
    assert page.evaluate(SCHEME) == "slate"
    assert not run_axe(page, rules=("color-contrast",)), "contrast after switching with the toggle"


# -------------------------------------------------------------------------------- keyboard ---

# What document.activeElement is, in words a failure message can show. Material's toggles (palette)
# are visually hidden radio inputs whose visible label, the next sibling, shows the focus ring.
_ACTIVE = """() => {
  const e = document.activeElement;
  if (!e || e === document.body) return null;
  const hiddenInput = e.matches('input.md-option, input.md-toggle') && e.getBoundingClientRect().width === 0;
  const shown = hiddenInput && e.nextElementSibling && e.nextElementSibling.matches('label') ? e.nextElementSibling : e;
  const style = getComputedStyle(shown);
  return {
    tag: e.tagName.toLowerCase(),
    cls: e.getAttribute('class') || '',
    href: e.getAttribute('href'),
    label: (e.getAttribute('aria-label') || e.textContent || e.value || '').trim().slice(0, 50),
    outline: style.outlineStyle !== 'none' && parseFloat(style.outlineWidth) > 0,
    shadow: style.boxShadow !== 'none',
    permalink: e.matches('a.clause__permalink'),
    search: e.matches('#vn-search-input'),
  };
}"""


def test_tab_reaches_search_then_every_clause_permalink_in_order(page, site: StaticSite) -> None:
    _open(page, site, PLAN)
    permalinks = page.eval_on_selector_all("a.clause__permalink", "els => els.map(e => e.getAttribute('href'))")
    assert len(permalinks) > 20, "the plan should have a permalink on every clause"

    steps: list[dict] = []
    reached: list[str] = []
    for _ in range(2000):  # the plan page has a few hundred links; stop when the last clause is reached
        page.keyboard.press("Tab")
        active = page.evaluate(_ACTIVE)
        if active is None:
            break
        steps.append(active)
        if active["permalink"]:
            reached.append(active["href"])
            if len(reached) == len(permalinks):
                break

    search_at = next((i for i, s in enumerate(steps) if s["search"]), None)
    first_permalink = next((i for i, s in enumerate(steps) if s["permalink"]), None)
    assert search_at is not None, f"Tab never reached the search box; first stops: {steps[:8]}"
    assert first_permalink is not None and search_at < first_permalink, "search should come before the text"
    first_difference = next(
        (i for i, pair in enumerate(zip(reached, permalinks, strict=False)) if len(set(pair)) > 1), None
    )
    assert reached == permalinks, (
        f"clause permalinks by Tab ({len(reached)}) differ from document order ({len(permalinks)}); "
        f"first difference at {first_difference}"
    )
    invisible = [s for s in steps if not (s["outline"] or s["shadow"])]
    assert not invisible, f"{len(invisible)} focused element(s) without outline or box-shadow: {invisible[:5]}"
