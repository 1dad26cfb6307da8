"""Privacy: reading the site and searching it sends nothing to anyone but the site itself.

No web fonts, no CDN, no analytics, no GitHub API call for stars (see overrides/partials/source.html).
Every request the pages make (documents, styles, scripts, the search worker and the files it
imports, the search index) is recorded; off-site requests are recorded and then blocked, so they
cannot slow the test down.
"""

from __future__ import annotations

from .harness import PAGE_TYPES, StaticSite, search


def _wait_until_search_is_ready(page) -> None:
    """The last requests of a page are the search worker's (its scripts, then the index)."""
    page.wait_for_function("() => window.__vnSearch && window.__vnSearch.ready !== null")
    page.wait_for_load_state("load")


def test_pages_and_search_only_talk_to_the_site(new_page, net_log, site: StaticSite) -> None:
    served_before = len(site.log)
    page = new_page()
    for path in PAGE_TYPES.values():
        page.goto(site.url(path))
        _wait_until_search_is_ready(page)
    search(page, site, "so tai chinh")
    page.locator(".md-search-result__link").first.click()  # open the result, as a reader would
    _wait_until_search_is_ready(page)

    dark = new_page(color_scheme="dark", viewport={"width": 360, "height": 800})
    dark.goto(site.url(PAGE_TYPES["plan"]))
    _wait_until_search_is_ready(dark)

    urls = "\n".join(f"  {r.method} {r.url} [{r.resource_type}]" for r in net_log.foreign())
    assert not net_log.foreign(), f"{len(net_log.foreign())} request(s) left {site.origin}:\n{urls}"

    # The recorder saw the worker's own requests too, so nothing was hidden from it.
    kinds = {r.url.rsplit("/", 1)[-1].split(".")[0] for r in net_log.requests}
    assert {"search_index", "lunr"} <= kinds, sorted(kinds)

    # Every asset the pages asked for exists: the only error the server gave is the missing page.
    errors = [(r.path, r.status) for r in site.log[served_before:] if r.status >= 400]
    assert errors == [("/" + PAGE_TYPES["404"], 404)], errors
    assert not net_log.failed, net_log.failed
    missing_page = site.url(PAGE_TYPES["404"])
    assert [e for e in net_log.console_errors if not e.endswith(f"(at {missing_page})")] == []


def test_a_foreign_request_would_be_caught(new_page, net_log, site: StaticSite) -> None:
    """Negative control: the recorder sees an off-site request, and it is blocked at once."""
    page = new_page()
    page.goto(site.url(""))
    with page.expect_event("requestfailed") as failed:
        page.evaluate("() => { const img = new Image(); img.src = 'https://cdn.example.invalid/t.png'; }")
    assert (failed.value.failure or "").startswith("net::ERR_BLOCKED_BY_CLIENT")
    assert [r.netloc for r in net_log.foreign()] == ["cdn.example.invalid"]
