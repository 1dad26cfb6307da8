"""The search box beyond ranking: one normalisation in Python and in the browser, the highlight on the
page a result opens, filters, the keyboard, screen readers, phones, and hostile text.
"""

from __future__ import annotations

import json
from urllib.parse import quote

import pytest

from vnplans.site.search.text import fold, tokens

from .harness import (
    CONTEXT_DEFAULTS,
    PAGE_TYPES,
    PLAN,
    RESULT_LINKS,
    SEARCH_INPUT,
    SEARCH_PROBE_JS,
    StaticSite,
    format_violations,
    run_axe,
    search,
)

# Strings where a second implementation of the rules would most likely drift from the first.
TRICKY = [
    "Sở Nội vụ",
    "SỞ TÀI CHÍNH",
    "Sở Tàı chính",  # dotless ı
    "İstanbul İ",
    "đĐ Đắk Lắk đồng",
    "So\u031b\u0309 Ta\u0300i chi\u0301nh",  # decomposed (NFD)
    "42-CT/TW, 2073/CTr-UBND; 1795/QĐ-TTg và 1795/QD-TTg",
    "Luật 83/2015/QH13 (khóa XIII)",
    "mục II.2.4, III.1.2. và PL1.2",
    "kinh tế - xã hội; kinh tế-xã hội; 2021–2025; 2021‐2025",
    "Sở TT&TT, Sở LĐ-TB&XH, Sở GD&ĐT",
    "chỉ đạo./. … v.v. TP.HCM",
    "ngày 05/4/2021, 1.000.000 đồng, 8 - 10%",
    "a) b) đ) – gạch đầu dòng",
    "Đ/c Hòa; KT. CHỦ TỊCH",
    "x² ½ ① ﬁ ǅ ＡＢＣ１２３ Ωω",
    "🙂 Sở 🙂Sở",
    "tab\tnew\nline\u00a0nbsp\u2028sep",
    "snake_case __x__",
    "Ủy ban nhân dân tỉnh Bình Thuận: ă â ê ô ơ ư ỹ Ý ỵ",
    "<img src=x onerror=alert(1)>",
]


def test_python_and_browser_normalise_alike(page, site: StaticSite) -> None:
    page.goto(site.url(""))
    got = page.evaluate("(texts) => texts.map(t => [window.vnSearch.tokens(t), window.vnSearch.fold(t)])", TRICKY)
    for text, (js_tokens, js_fold) in zip(TRICKY, got, strict=True):
        assert js_tokens == tokens(text), f"tokens of {text!r}"
        if all(ord(c) < 0x10000 for c in text):  # astral characters are two units in JavaScript
            assert js_fold == fold(text), f"fold of {text!r}"
    assert got[4][0] == ["dd", "dak", "lak", "dong"]


# ------------------------------------------------------------------------------- highlight ---

_MARKS = """(selector) => [...document.querySelectorAll('mark.vn-hit')].map(m => ({
  text: m.textContent,
  inTarget: !!m.closest(selector),
}))"""


def test_landing_highlights_the_words_in_the_clause_folding_diacritics(page, site: StaticSite) -> None:
    page.goto(site.url(PLAN + "?h=" + quote("GIAM DINH xa hoi") + "#muc-ii-2-4"))
    marks = page.evaluate(_MARKS, "section.clause:has(> #muc-ii-2-4)")
    words = [m["text"] for m in marks]
    # Every word of the query, wherever it stands in the clause ("các Hội Khoa học" too).
    assert "giám định xã hội" in " ".join(words) and {w.lower() for w in words} == {"giám", "định", "xã", "hội"}
    assert all(m["inTarget"] for m in marks), marks
    # Only the clause's own words: not its neighbours, not the permalink, not the roles under it.
    assert page.evaluate("() => document.querySelector('#muc-ii-2-4 mark')") is None


def test_landing_highlight_matches_whole_words_only(page, site: StaticSite) -> None:
    page.goto(site.url(PLAN + "?h=so#muc-iii-1-2"))
    words = {m["text"] for m in page.evaluate(_MARKS, "section")}
    assert words and {w.lower() for w in words} <= {"sở", "số"}, words  # never the start of "soát"


def test_landing_highlight_of_hostile_text_adds_no_markup(page, site: StaticSite) -> None:
    page.goto(site.url(PLAN + "?h=" + quote('<img src=x onerror="window.__pwned=1"> Sở') + "#muc-ii-2-4"))
    assert page.evaluate("() => window.__pwned") is None
    assert page.evaluate("() => document.querySelectorAll('.md-content img').length") == 0
    assert [m["text"] for m in page.evaluate(_MARKS, "section")] == ["Sở", "Sở"]


# --------------------------------------------------------------------------------- filters ---


def _choose(page, name: str, label_start: str) -> None:
    """Pick the option of filter ``name`` whose label starts with ``label_start``, wait for the answer."""
    page.evaluate("() => { window.__vnSearch.results.length = 0; }")
    select = page.locator(f".vn-search__filters select[name={name}]")
    value = select.evaluate(
        "(s, start) => [...s.options].find(o => o.textContent.startsWith(start)).value", label_start
    )
    select.select_option(value)
    page.wait_for_function("() => window.__vnSearch.results.length > 0")


def _paths(page, site: StaticSite) -> list[str]:
    return [site.path_of(href) for href in _hrefs(page)]  # without the ?h= of the highlight


def _hrefs(page) -> list[str]:
    return page.eval_on_selector_all(RESULT_LINKS, "links => links.map(a => a.href)")


def test_filters_by_agency_role_and_document_type(page, site: StaticSite) -> None:
    page.goto(site.url(""))
    outcome = search(page, site, "so noi vu")
    assert outcome.cards[0][0].path == "co-quan/so-noi-vu/"
    page.locator(".vn-search__filters summary").click()
    _choose(page, "actor", "Sở Tài chính tỉnh Bình Thuận (")
    assert _paths(page, site) == [PLAN + "#muc-ii-2-4"]  # the one clause naming both, with a role for it
    assert page.locator(".vn-search__status").inner_text() == "1 kết quả cho «so noi vu». Đang lọc theo 1 điều kiện."
    roles = page.locator("select[name=role] option").all_inner_texts()
    assert roles == ["Mọi vai trò", "Phối hợp (1)"], roles  # only the roles that leave results, counted
    _choose(page, "role", "Phối hợp")
    assert _paths(page, site) == [PLAN + "#muc-ii-2-4"]
    page.locator(".vn-search__reset").click()
    page.wait_for_function("() => document.querySelectorAll('.vn-result').length > 1")

    search_again(page, "42-CT/TW")
    _choose(page, "type", "Chỉ thị")
    assert _paths(page, site) == ["van-ban/ct-42-tw-2010/"]
    _choose(page, "type", "Kế hoạch")
    paths = _paths(page, site)
    assert paths and all(p.startswith(PLAN) for p in paths), paths


def search_again(page, query: str) -> None:
    page.evaluate("() => { window.__vnSearch.results.length = 0; }")
    page.fill(SEARCH_INPUT, query)
    page.wait_for_function("(q) => window.__vnSearch.results.some(r => r.query === q)", arg=query)


def test_results_show_clause_number_plan_lead_agency_and_a_clean_snippet(page, site: StaticSite) -> None:
    page.goto(site.url(""))
    outcome = search(page, site, "giam dinh xa hoi")
    first = outcome.cards[0][0]
    assert (first.kind, first.title) == ("Mục", "Mục II.2.4")
    assert first.context.endswith(" · Thực hiện: Sở Nội vụ tỉnh Bình Thuận")
    assert first.context.startswith("Kế hoạch thực hiện")
    assert "giám định xã hội" in first.text and "giám định xã hội" in " ".join(first.marks)
    document = search_again_outcome(page, site, "42-CT/TW").cards[0][0]
    # Cells of the document's record are separated, never glued ("Số hiệu42-CT/TW Loại văn bảnChỉ thị").
    assert document.text.startswith("Chỉ thị số 42-CT/TW ngày 16/04/2010 · Bộ Chính trị (khóa X) · Về tiếp tục")


def search_again_outcome(page, site: StaticSite, query: str):
    page.fill(SEARCH_INPUT, "")
    return search(page, site, query)


# ------------------------------------------------------------------ keyboard, readers, phone ---


def test_keyboard_slash_arrows_escape_and_enter(page, site: StaticSite) -> None:
    page.goto(site.url("huong-dan-bien-tap/"))
    search(page, site, "so tai chinh")
    status = page.locator(".vn-search__status")
    assert status.get_attribute("role") == "status" and status.inner_text().endswith("kết quả cho «so tai chinh».")
    page.keyboard.press("ArrowDown")
    hrefs = _hrefs(page)
    assert page.evaluate("() => document.activeElement.href") == hrefs[0]
    page.keyboard.press("ArrowDown")
    assert page.evaluate("() => document.activeElement.href") == hrefs[1]
    page.keyboard.press("ArrowUp")
    page.keyboard.press("ArrowUp")
    assert page.evaluate("() => document.activeElement.id") == "vn-search-input"
    page.keyboard.press("Escape")
    assert page.locator("#vn-search-panel").is_hidden()
    page.keyboard.press("Enter")  # the query is still there: Enter opens its best result
    page.wait_for_url("**/co-quan/so-tai-chinh/?h=so%20tai%20chinh")


def test_search_box_is_labelled_and_described(page, site: StaticSite) -> None:
    page.goto(site.url(PLAN))
    box = page.get_by_role("searchbox", name="Tìm kiếm")
    assert box.count() == 1
    assert "42-CT/TW" in page.locator("#" + box.get_attribute("aria-describedby")).inner_text()
    assert page.get_by_role("search").count() == 1


@pytest.mark.parametrize("scheme", ["light", "dark"])
@pytest.mark.parametrize("width", [1280, 360])
def test_axe_with_search_and_filters_open(new_page, site: StaticSite, scheme: str, width: int) -> None:
    page = new_page(color_scheme=scheme, viewport={"width": width, "height": 800})
    page.goto(site.url(PLAN))
    search(page, site, "so noi vu")
    page.locator(".vn-search__filters summary").click()
    violations = run_axe(page)
    assert not violations, format_violations(violations)


def test_results_fit_a_phone(new_page, site: StaticSite, screenshots_dir) -> None:
    page = new_page(viewport={"width": 360, "height": 800}, is_mobile=True, has_touch=True)
    page.goto(site.url(PLAN))
    box = page.locator(SEARCH_INPUT).bounding_box()
    assert box is not None and box["width"] >= 100 and box["x"] + box["width"] <= 360
    search(page, site, "Liên hiệp các Hội Khoa học và Kỹ thuật tỉnh")
    page.locator(".vn-search__filters summary").click()
    page.screenshot(path=screenshots_dir / "search-360.png")
    wide = page.evaluate(
        """() => [...document.querySelectorAll('#vn-search-panel *')]
             .filter(e => e.getBoundingClientRect().right > document.documentElement.clientWidth + 1)
             .map(e => e.className || e.tagName)"""
    )
    assert wide == [], wide
    first = page.locator(RESULT_LINKS).first.bounding_box()
    assert first is not None and first["height"] >= 24  # a tap target


def test_words_typed_with_or_without_diacritics_find_the_same(page, site: StaticSite) -> None:
    page.goto(site.url(""))
    accented = [link.path for link in search(page, site, "Tỉnh đoàn").links]
    plain = [link.path for link in search_again_outcome(page, site, "tinh doan").links]
    assert accented == plain and accented[0] == "co-quan/tinh-doan/"


def test_search_works_under_a_sub_path(browser, built_site, tmp_path) -> None:
    """GitHub Pages serves a project site under /<repository>/: the index and the results follow."""
    (tmp_path / "ke-hoach-binh-thuan").symlink_to(built_site, target_is_directory=True)
    with StaticSite(tmp_path) as host:
        context = browser.new_context(**CONTEXT_DEFAULTS)
        context.add_init_script(SEARCH_PROBE_JS)
        requested: list[str] = []
        context.on("request", lambda r: requested.append(host.path_of(r.url)))
        page = context.new_page()
        page.goto(host.url("ke-hoach-binh-thuan/" + PAGE_TYPES["agency"]))
        outcome = search(page, host, "giam dinh xa hoi")
        assert outcome.cards[0][0].path == "ke-hoach-binh-thuan/" + PLAN + "#muc-ii-2-4"
        assert "ke-hoach-binh-thuan/search/meta.json" in requested
        page.locator(RESULT_LINKS).first.click()
        page.wait_for_url("**/ke-hoach-binh-thuan/" + PLAN + "?h=*#muc-ii-2-4")
        assert page.evaluate("() => document.querySelectorAll('mark.vn-hit').length") >= 4
        errors = [r for r in host.log if r.status >= 400]
        context.close()
    assert errors == [], errors


# ----------------------------------------------------------------------------- hostile data ---

PAYLOADS = [
    '<img src=x onerror="window.__pwned=1">',
    "<script>window.__pwned=1</script>",
    '<svg onload="window.__pwned=1"></svg>',
    "<style>body{display:none}</style>",
    '<iframe src="javascript:window.top.__pwned=1"></iframe>',
    '</mark><img src=x onerror="window.__pwned=1"><mark>',
    '"><img src=x onerror=window.__pwned=1>',
    "&lt;img src=x onerror=window.__pwned=1&gt;",
]


def test_hostile_index_data_is_shown_as_text(browser, site: StaticSite) -> None:
    """Whatever the index holds (a name or a text may carry markup: issue 10), results show it as text."""

    def hostile(route) -> None:
        response = route.fetch()
        data = json.loads(response.text())
        payload = " ".join(PAYLOADS)
        if route.request.url.split("?")[0].endswith("meta.json"):
            for table in ("plans", "actors", "roles", "docTypes"):
                data[table] = [[row[0], f"{row[1]} {payload}", *row[2:]] for row in data[table]]
            data["kinds"] = {k: f"{v} {payload}" for k, v in data["kinds"].items()}
        else:
            data = [[url, f"{heading} {payload}", f"{text} {payload}"] for url, heading, text in data]
        route.fulfill(response=response, body=json.dumps(data, ensure_ascii=False))

    context = browser.new_context(**CONTEXT_DEFAULTS)
    context.add_init_script(SEARCH_PROBE_JS)
    context.route("**/search/meta.json*", hostile)
    context.route("**/search/r/*.json*", hostile)
    page = context.new_page()
    page.goto(site.url(""))
    outcome = search(page, site, "so noi vu")
    assert outcome.cards and PAYLOADS[0] in outcome.cards[0][0].title  # shown, as text
    assert PAYLOADS[1] in outcome.cards[0][0].text
    assert _injected(page) == (0, None, "flex"), "results"
    page.locator(".vn-search__filters summary").click()
    page.locator(".vn-search__filters select[name=actor]").select_option(index=1)
    page.wait_for_timeout(300)
    assert _injected(page) == (0, None, "flex"), "filters"
    context.close()


def _injected(page) -> tuple[int, object, str]:
    """Elements the payloads would create, whether a script ran, whether a style hid the page."""
    found = page.evaluate(
        """() => [
          document.querySelectorAll('#vn-search-panel :is(img, script, svg, style, iframe)').length,
          window.__pwned ?? null,
          getComputedStyle(document.body).display,
        ]"""
    )
    return tuple(found)


def test_words_that_name_javascript_properties_find_nothing(page, site: StaticSite) -> None:
    page.goto(site.url(""))
    for query in ("constructor", "tostring", "hasownproperty"):
        outcome = search_again_outcome(page, site, query)
        assert (outcome.timings["count"], outcome.meta) == (0, f"Không tìm thấy kết quả nào cho «{query}»."), query
