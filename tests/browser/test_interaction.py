"""Links people share and follow: a clause link opens at the clause and marks it, an agency named in
the text leads to its page and Back returns to the same place, and "edit" opens the data file.
"""

from __future__ import annotations

import pytest

from .harness import PAGE_TYPES, PLAN, StaticSite

TARGET = "muc-ii-2-4"
OTHER = "muc-ii-2-3"  # a clause of the same level that is not the target

_SECTION_STYLE = """(id) => {
  const section = document.getElementById(id).closest('section.clause');
  const s = getComputedStyle(section);
  return { background: s.backgroundColor, outline: `${s.outlineStyle} ${s.outlineWidth} ${s.outlineColor}` };
}"""


def test_clause_link_scrolls_to_and_marks_the_clause(page, site: StaticSite) -> None:
    page.goto(site.url(f"{PLAN}#{TARGET}"))
    heading = page.locator(f"#{TARGET}")
    box = heading.bounding_box()
    viewport = page.viewport_size
    header = page.locator(".md-header").bounding_box()
    assert box is not None and viewport is not None and header is not None
    assert header["height"] <= box["y"] and box["y"] + box["height"] <= viewport["height"], (
        f"the clause heading is not in view below the fixed header: {box}, header {header}"
    )
    target, other = page.evaluate(_SECTION_STYLE, TARGET), page.evaluate(_SECTION_STYLE, OTHER)
    assert target != other, f"the target clause looks like any other: {target}"


def test_agency_link_in_clause_text_and_back(page, site: StaticSite) -> None:
    page.goto(site.url(f"{PLAN}#{TARGET}"))
    link = page.locator(f"section.clause:has(> #{TARGET}) > .clause__text a[href$='co-quan/so-noi-vu/']")
    link.scroll_into_view_if_needed()
    before = page.evaluate("window.scrollY")
    assert before > 1000, "the clause is far down the plan; the test needs a real scroll position"

    link.click()
    page.wait_for_url(site.url("co-quan/so-noi-vu/"))
    assert page.title().startswith("Sở Nội vụ")

    page.go_back()
    page.wait_for_url(site.url(f"{PLAN}#{TARGET}"))
    page.wait_for_function("(y) => Math.abs(window.scrollY - y) < 50", arg=before, timeout=3000)
    after = page.evaluate("window.scrollY")
    assert abs(after - before) < 50, f"scroll position not restored: {before} before, {after} after Back"


@pytest.mark.parametrize(
    "shared, lands_on",
    [
        (
            "co-quan/so-tai-chinh/#phoi-hop-2021-lien-hiep-hoi-khkt-muc-ii-2-4",
            "co-quan/so-tai-chinh/2021-lien-hiep-hoi-khkt/#phoi-hop-2021-lien-hiep-hoi-khkt-muc-ii-2-4",
        ),
        (
            "van-ban/ct-42-tw-2010/#dc-2021-lien-hiep-hoi-khkt-muc-ii-1-1",
            "van-ban/ct-42-tw-2010/2021-lien-hiep-hoi-khkt/#dc-2021-lien-hiep-hoi-khkt-muc-ii-1-1",
        ),
    ],
)
def test_a_duty_link_shared_before_the_per_plan_pages_still_finds_the_duty(
    page, site: StaticSite, shared: str, lands_on: str
) -> None:
    page.goto(site.url(shared))
    page.wait_for_url(site.url(lands_on))
    assert page.locator("#" + lands_on.split("#")[1]).is_visible()


@pytest.mark.parametrize(
    "page_type, data_file",
    [
        ("agency", "data/agencies.yaml"),
        ("agency-plan", "data/plans/2021-lien-hiep-hoi-khkt.yaml"),
        ("group", "data/agencies.yaml"),
        ("plan", "data/plans/2021-lien-hiep-hoi-khkt.yaml"),
        ("matrix", "data/plans/2021-lien-hiep-hoi-khkt.yaml"),
        ("document", "data/documents.yaml"),
        ("editor-guide", "docs/huong-dan-bien-tap.md"),
    ],
)
def test_edit_button_opens_the_source_file(page, site: StaticSite, page_type: str, data_file: str) -> None:
    page.goto(site.url(PAGE_TYPES[page_type]))
    edit = page.locator("a.md-content__button[href*='edit']")
    assert edit.count() == 1, f"/{PAGE_TYPES[page_type]} has {edit.count()} edit buttons"
    href = edit.get_attribute("href") or ""
    assert href.endswith("/" + data_file), f"/{PAGE_TYPES[page_type]}: edit goes to {href}"
