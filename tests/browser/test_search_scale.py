"""Search on a province-sized portfolio: the seed plan among 3,000 clauses of synthetic plans
(scripts/_synthetic.py), whose text also says "giảm … quy định … xã hội", "Sở Nội vụ" and "Tỉnh đoàn"
hundreds of times. The seed's key queries must still find what they find on the seed alone.

The site is built once for this module (about a minute). ``LARGE_SITE_DIR=<folder>`` serves an
already built one instead (``scripts/make_portfolio OUT -n 3000 --site`` then ``mkdocs build``).
"""

from __future__ import annotations

import os
import re
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from scripts._synthetic import SEED_PLAN, make_site_root

from .harness import CONTEXT_DEFAULTS, PLAN, SEARCH_PROBE_JS, BuildFailed, StaticSite, build_site, search
from .test_search import Expectation, _ascii_id, _found, expect

CLAUSES = 3_000

SCALE_EXPECTATIONS = [
    expect("giam dinh xa hoi", PLAN + "#muc-ii-2-4", within=3),
    expect("phản biện và giám định xã hội", PLAN + "#muc-ii-2-4", within=3),
    expect("dat hang giao nhiem vu", PLAN + "#muc-ii-2-4", PLAN + "#muc-iii-2", within=3),
    expect("trí thức người Việt Nam ở nước ngoài", PLAN + "#muc-ii-5-3", within=3),
    expect("so noi vu", "co-quan/so-noi-vu/"),
    expect("Sở Tài chính", "co-quan/so-tai-chinh/"),
    expect("tinh doan", "co-quan/tinh-doan/"),
    expect("Liên hiệp các Hội Khoa học và Kỹ thuật tỉnh", "co-quan/lien-hiep-hoi-khkt-tinh/"),
    expect("42-CT/TW", "van-ban/ct-42-tw-2010/"),
    expect("2073/CTr-UBND", "van-ban/ctr-2073-ubnd-2011/"),
    expect("1795/QD-TTg", "van-ban/qd-1795-ttg-2015/"),
    expect("Luật Ngân sách nhà nước", "van-ban/luat-nsnn-2015/"),
]


@pytest.fixture(scope="module")
def large_site(browser, tmp_path_factory: pytest.TempPathFactory) -> Iterator[StaticSite]:
    if os.environ.get("LARGE_SITE_DIR"):
        folder = Path(os.environ["LARGE_SITE_DIR"]).resolve()
    else:
        root = tmp_path_factory.mktemp("large")
        made = make_site_root(root, CLAUSES)
        assert made.clauses == CLAUSES and made.plans > 50
        try:
            folder = build_site(root / "site", root)
        except BuildFailed as exc:
            pytest.fail(str(exc), pytrace=False)
    with StaticSite(folder) as server:
        yield server


@pytest.fixture
def new_page(browser, large_site: StaticSite) -> Iterator[Any]:
    """A page of the large site in a fresh context (requests to any other host are refused)."""
    context = browser.new_context(**CONTEXT_DEFAULTS)
    context.set_default_timeout(15_000)
    context.route(re.compile("^(?!" + re.escape(large_site.origin + "/") + ")(https?|wss?)://"), lambda r: r.abort())
    context.add_init_script(SEARCH_PROBE_JS)
    yield context.new_page
    context.close()


@pytest.mark.parametrize("expectation", [pytest.param(e, id=_ascii_id(e.query)) for e in SCALE_EXPECTATIONS])
def test_seed_queries_still_rank_among_thousands_of_clauses(
    new_page, large_site: StaticSite, expectation: Expectation
) -> None:
    page = new_page()
    page.goto(large_site.url(""))
    outcome = search(page, large_site, expectation.query)
    where = "first" if expectation.within == 1 else f"in the first {expectation.within}"
    assert _found(outcome, expectation), f"expected {expectation.targets} {where}; got:\n{outcome.describe()}"


def test_the_competition_is_real(new_page, large_site: StaticSite) -> None:
    """Without the phrase ranking these queries would be lost: many clauses hold every word."""
    page = new_page()
    page.goto(large_site.url(""))
    outcome = search(page, large_site, "giam dinh xa hoi")
    assert outcome.timings["count"] >= 20, outcome.describe()
    assert len({link.path.split("#")[0] for link in outcome.links}) >= 10  # from many plans


def test_a_clause_number_with_the_plan_filter(new_page, large_site: StaticSite) -> None:
    """Every plan has a II.2.4: the plan filter picks the seed's."""
    page = new_page()
    page.goto(large_site.url(""))
    outcome = search(page, large_site, "II.2.4")
    assert sum(1 for link in outcome.links if link.path.endswith("#muc-ii-2-4")) >= 10
    page.locator(".vn-search__filters summary").click()
    # Options are labelled with the plan's short name; their values number the plans of the index.
    number = page.evaluate("(id) => window.vnSearch.box.index.meta.plans.findIndex(p => p[0] === id)", SEED_PLAN)
    page.evaluate("() => { window.__vnSearch.results.length = 0; }")
    page.locator(".vn-search__filters select[name=plan]").select_option(str(number))
    page.wait_for_function("() => window.__vnSearch.results.length > 0")
    first = page.locator(".vn-result__link").first.get_attribute("href")
    assert large_site.path_of(first or "") == PLAN + "#muc-ii-2-4"
