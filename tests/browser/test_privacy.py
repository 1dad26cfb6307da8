"""Privacy: reading the site and searching it sends nothing to anyone but the site itself.

No web fonts, no CDN, no analytics, no GitHub API call for stars (see overrides/partials/source.html).
Every request the pages make (documents, styles, scripts, the search index's files, fetched as the
reader types) is recorded; off-site requests are recorded and then blocked, so they cannot slow the
test down.
"""

from __future__ import annotations

from urllib.parse import urlsplit

from .harness import PAGE_TYPES, RESULT_LINKS, StaticSite, search


def test_pages_and_search_only_talk_to_the_site(new_page, net_log, site: StaticSite) -> None:
    served_before = len(site.log)
    page = new_page()
    for path in PAGE_TYPES.values():
        page.goto(site.url(path))
        page.wait_for_load_state("networkidle")  # the favicon too: leaving earlier would abort it
    page.goto(site.url(PAGE_TYPES["agency"]))
    page.wait_for_load_state("networkidle")
    search(page, site, "so tai chinh")
    page.locator(RESULT_LINKS).first.click()  # open the result, as a reader would
    page.wait_for_load_state("networkidle")
    search(page, site, "giam dinh xa hoi")
    page.wait_for_load_state("networkidle")

    dark = new_page(color_scheme="dark", viewport={"width": 360, "height": 800})
    dark.goto(site.url(PAGE_TYPES["plan"]))
    search(dark, site, "42-CT/TW")
    dark.wait_for_load_state("networkidle")

    urls = "\n".join(f"  {r.method} {r.url} [{r.resource_type}]" for r in net_log.foreign())
    assert not net_log.foreign(), f"{len(net_log.foreign())} request(s) left {site.origin}:\n{urls}"

    # The recorder saw the search's own requests too (its script, the index's metadata, postings
    # and records), so nothing was hidden from it.
    paths = {urlsplit(r.url).path for r in net_log.requests}
    assert {"/assets/vnplans/search.js", "/search/meta.json"} <= paths, sorted(paths)
    assert any(p.startswith("/search/i/") for p in paths) and any(p.startswith("/search/r/") for p in paths)

    # Every asset the pages asked for exists: the only error the server gave is the missing page.
    errors = [(r.path, r.status) for r in site.log[served_before:] if r.status >= 400]
    assert errors == [("/" + PAGE_TYPES["404"], 404)], errors
    # A favicon still loading when the test moves to the next page is cancelled (ERR_ABORTED): not a
    # missing file (the server's log above has every 404), so only other failures count.
    failed = [f for f in net_log.failed if not f.endswith("favicon.png (net::ERR_ABORTED)")]
    assert not failed, failed
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
