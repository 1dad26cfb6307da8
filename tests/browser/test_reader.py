"""Readers' experience in Chromium (issue 9), at 360 and 1280 px, light and dark: the duty sheet an official
acts on, the matrix, plan navigation, documents, words whole on a phone, and what prints.

The expected values come from the data (the model), never from the page itself: a duty sheet must show
every duty of the agency with its deadline as the plan gives it.
"""

from __future__ import annotations

import io
import re
import unicodedata

import pytest
from pypdf import PdfReader

from vnplans.data.model import Portfolio, Role
from vnplans.site.build import SiteBuild
from vnplans.site.duties import all_duties
from vnplans.site.render import NO_DEADLINE_LABEL
from vnplans.site.routes import plan_label

from .conftest import ARTIFACTS
from .harness import PAGE_TYPES, PLAN, StaticSite, format_violations, run_axe

PLAN_ID = "2021-lien-hiep-hoi-khkt"
PHONE = {"width": 360, "height": 800}
SIZES = {"360": {"viewport": PHONE, "is_mobile": True, "has_touch": True}, "1280": {}}


def _options(width: str, scheme: str) -> dict:
    return {**SIZES[width], "color_scheme": scheme}


def _squeezed(text: str) -> str:
    """Without spaces, NFC: pypdf splits Chromium's Vietnamese text around letters with diacritics."""
    return re.sub(r"\s+", "", unicodedata.normalize("NFC", text))


# -- the duty sheet ---------------------------------------------------------------------------------

_SHEET_ROWS = """() => [...document.querySelectorAll('table.duty-sheet tbody tr')].map(tr => {
  const cells = [...tr.children];
  const box = tr.getBoundingClientRect();
  return { ref: cells[0].innerText.trim(), role: cells[1].innerText.trim(), deadline: cells[4].innerText.trim(),
           shown: box.width > 0 && box.height > 0 && getComputedStyle(tr).visibility !== 'hidden',
           right: box.right };
})"""


@pytest.mark.parametrize("scheme", ["light", "dark"])
@pytest.mark.parametrize("width", ["360", "1280"])
@pytest.mark.parametrize("agency_id", ["so-tai-chinh", "lien-hiep-hoi-khkt-tinh"])
def test_the_duty_sheet_shows_every_duty_with_its_deadline(
    new_page, site: StaticSite, portfolio: Portfolio, agency_id: str, width: str, scheme: str
) -> None:
    duties = all_duties(portfolio)[agency_id].in_plan(portfolio.plan(PLAN_ID))
    expected = [
        (d.clause.ref, d.role.label, d.clause.deadline.text if d.clause.deadline else NO_DEADLINE_LABEL)
        for d in duties.sheet()
    ]
    assert len(expected) >= 7  # the data: Sở Tài chính has 7 duties, the Liên hiệp hội 14
    page = new_page(**_options(width, scheme))
    page.goto(site.url(f"co-quan/{agency_id}/{PLAN_ID}/"))
    rows = page.evaluate(_SHEET_ROWS)
    assert all(r["shown"] for r in rows), [r for r in rows if not r["shown"]]
    if width == "360":  # on a phone each duty is a card as wide as the screen, nothing to scroll sideways to
        assert all(r["right"] <= 360 for r in rows), [(r["ref"], r["right"]) for r in rows]
    shown = [(r["ref"], r["role"].split(" (qua nhóm")[0].split(" biên tập")[0], r["deadline"]) for r in rows]
    assert shown == expected


def test_an_agencys_plans_table_is_a_card_per_plan_on_a_phone(new_page, site: StaticSite, portfolio: Portfolio) -> None:
    # The plan's long name once took a column a word wide: 16 lines for one plan.
    page = new_page(**_options("360", "light"))
    page.goto(site.url("co-quan/so-thong-tin-truyen-thong/"))
    rows = page.evaluate(
        """() => [...document.querySelectorAll('table.plan-duties tbody tr')].map(tr => {
          const name = tr.querySelector('th[scope=row] a');
          const lines = name.getClientRects().length;
          const lead = tr.querySelector('td[data-label]');
          return { name: name.innerText.trim(), lines, right: tr.getBoundingClientRect().right,
                   label: lead ? getComputedStyle(lead, '::before').content : null };
        })"""
    )
    assert [r["name"] for r in rows] == [plan_label(portfolio.plan(PLAN_ID))]
    assert all(r["right"] <= 360 for r in rows), rows
    assert all(r["lines"] <= 6 for r in rows), rows  # the name wraps across the card's width
    assert rows[0]["label"] == '"Chủ trì: "', rows  # each count is labelled on the card


def test_the_lien_hiep_hoi_sheet_gives_the_deadlines_the_plan_states(new_page, site: StaticSite) -> None:
    page = new_page(**_options("360", "light"))
    page.goto(site.url(f"co-quan/lien-hiep-hoi-khkt-tinh/{PLAN_ID}/"))
    deadlines = {r["ref"]: r["deadline"] for r in page.evaluate(_SHEET_ROWS)}
    assert deadlines["III.1.1"] == "định kỳ"
    assert deadlines["III.1.6"] == "định kỳ và đột xuất"
    assert deadlines["II.2.3"] == "thường xuyên"
    assert deadlines["III.1.2"] == NO_DEADLINE_LABEL


def _pdf(page, name: str, **options) -> PdfReader:
    pdf = page.pdf(print_background=True, **options)
    folder = ARTIFACTS / "print"
    folder.mkdir(parents=True, exist_ok=True)
    (folder / name).write_bytes(pdf)
    return PdfReader(io.BytesIO(pdf))


def test_the_printed_duty_sheet_names_the_plan_and_its_address_on_its_first_page(
    new_page, site: StaticSite, portfolio: Portfolio
) -> None:
    url = f"co-quan/so-tai-chinh/{PLAN_ID}/"
    page = new_page()
    page.goto(site.url(url))
    reader = _pdf(page, "so-tai-chinh-bang-nhiem-vu.pdf", format="A4")
    first = _squeezed(reader.pages[0].extract_text() or "")
    plan = portfolio.plan(PLAN_ID)
    assert _squeezed("Bảng nhiệm vụ".upper()) in first or _squeezed("Bảng nhiệm vụ") in first
    assert _squeezed("Sở Tài chính tỉnh Bình Thuận") in first
    assert _squeezed(plan_label(plan)) in first, first[:600]
    assert _squeezed(site.url(url)) in first, first[:600]  # the address it was opened at
    assert _squeezed("Dữ liệu cập nhật đến ngày 01/12/2026") in first
    width, height = reader.pages[0].mediabox.width, reader.pages[0].mediabox.height
    assert round(float(width) / 72 * 25.4) == 210 and round(float(height) / 72 * 25.4) == 297  # A4


_STRANDED = """() => {
  // Headings of the sheet and where they print: with print media, in A4's printable width, each
  // heading must not be the last thing before a page break (its next sibling on the same page).
  return [...document.querySelectorAll('.md-content h2, .md-content h3')].map(h => {
    const s = getComputedStyle(h);
    return { text: h.innerText.trim().slice(0, 40), breakAfter: s.breakAfter };
  });
}"""


def test_no_heading_of_the_printed_sheet_may_be_left_at_the_foot_of_a_page(new_page, site: StaticSite) -> None:
    page = new_page()
    page.goto(site.url(f"co-quan/so-tai-chinh/{PLAN_ID}/"))
    page.emulate_media(media="print")
    headings = page.evaluate(_STRANDED)
    assert headings and all(h["breakAfter"] == "avoid" for h in headings), headings
    # And in the PDF: no page ends with a heading of the sheet.
    reader = _pdf(page, "so-tai-chinh-bang-nhiem-vu-ngat-trang.pdf", format="A4")
    titles = [_squeezed(h["text"]) for h in headings]
    for number, pdf_page in enumerate(reader.pages[:-1], 1):
        lines = [line for line in (pdf_page.extract_text() or "").splitlines() if line.strip()]
        assert _squeezed(lines[-1]) not in titles, f"page {number} ends with the heading {lines[-1]!r}"


# -- the matrix -------------------------------------------------------------------------------------

_STICKY_OVERDRAWN = """() => {
  // Points inside each cell of the sticky "Mục" column: whatever is drawn on top there must be that
  // cell (or inside it), never a header, a role mark or a border of a column scrolled under it.
  const bad = [];
  const below = document.querySelector('.md-header').getBoundingClientRect().bottom;  // the fixed header is above all
  const cells = [...document.querySelectorAll('table.matrix .matrix__corner, table.matrix .matrix__clause')];
  for (const cell of cells) {
    const r = cell.getBoundingClientRect();
    if (r.bottom < 0 || r.top > innerHeight) continue;
    for (const [fx, fy] of [[0.5, 0.5], [0.95, 0.5], [0.98, 0.1], [0.98, 0.9], [0.1, 0.95]]) {
      const x = r.left + r.width * fx, y = r.top + r.height * fy;
      if (y < below || y >= innerHeight) continue;
      const top = document.elementFromPoint(x, y);
      if (!top || !(cell === top || cell.contains(top)))
        bad.push(`${cell.innerText.trim().slice(0, 12)} at (${fx},${fy}): ${top ? top.tagName + '.' + top.className : 'nothing'}`);
    }
    const bg = getComputedStyle(cell).backgroundColor;
    if (/rgba\\(.*, 0\\)$/.test(bg) || bg === 'transparent') bad.push(`${cell.innerText.trim().slice(0, 12)}: transparent`);
  }
  return { checked: cells.length, bad };
}"""


_STICKY_COLUMN = """() => {
  // The sticky column's box in the viewport, below the fixed header, without its right-hand rule.
  const cells = [...document.querySelectorAll('table.matrix .matrix__corner, table.matrix .matrix__clause')];
  const left = cells[0].getBoundingClientRect();
  const top = Math.max(document.querySelector('.md-header').getBoundingClientRect().bottom,
                       Math.min(...cells.map(c => c.getBoundingClientRect().top)));
  const bottom = Math.min(innerHeight, Math.max(...cells.map(c => c.getBoundingClientRect().bottom)));
  return { x: left.left, y: top, width: left.width - 2, height: bottom - top };
}"""


@pytest.mark.parametrize("scheme", ["light", "dark"])
def test_the_sticky_matrix_column_is_not_overdrawn_when_scrolled(
    new_page, site: StaticSite, screenshots_dir, scheme: str
) -> None:
    page = new_page(color_scheme=scheme)
    page.goto(site.url(PAGE_TYPES["matrix"]))
    box = page.locator(".matrix-scroll")
    extent = box.evaluate("e => ({ scroll: e.scrollWidth, client: e.clientWidth })")
    assert extent["scroll"] > extent["client"] + 300, f"the matrix fits at 1280 px? {extent}"
    for top in (0, 700):  # the header row in view, then rows further down
        page.evaluate("(y) => window.scrollTo(0, document.querySelector('.matrix-scroll').offsetTop + y)", top)
        column = page.evaluate(_STICKY_COLUMN)
        pixels = []
        for left in (0, 250):
            box.evaluate("(e, left) => { e.scrollLeft = left; }", left)
            page.wait_for_timeout(50)
            pixels.append(page.screenshot(clip=column))
        page.screenshot(path=screenshots_dir / f"matrix-scrolled-{top}-{scheme}.png")
        found = page.evaluate(_STICKY_OVERDRAWN)
        assert found["checked"] > 20 and not found["bad"], found["bad"][:10]
        # Pixel for pixel, the column looks the same scrolled as not: no border, header line or mark of a
        # column scrolled under it shows through (elementFromPoint does not see borders).
        assert pixels[0] == pixels[1], f"the sticky column changes when the table scrolls sideways ({column})"


def test_the_matrix_leads_with_the_bodies_that_lead(new_page, site: StaticSite, portfolio: Portfolio) -> None:
    page = new_page()
    page.goto(site.url(PAGE_TYPES["matrix"]))
    names = page.eval_on_selector_all("th.matrix__actor a", "els => els.map(e => e.innerText.trim())")
    assert names[0] == portfolio.actor("lien-hiep-hoi-khkt-tinh").name
    first = page.locator("th.matrix__actor").first.bounding_box()
    assert first is not None and first["x"] + first["width"] < 1280  # the main actor is in the first view
    captions = page.eval_on_selector_all("th.matrix__clause", "els => els.map(e => e.innerText.trim())")
    assert "III.3 Sở Tài chính" in captions


def test_on_a_phone_the_matrix_reads_clause_by_clause(new_page, site: StaticSite, portfolio: Portfolio) -> None:
    page = new_page(**_options("360", "light"))
    page.goto(site.url(PAGE_TYPES["matrix"]))
    assert not page.locator(".matrix-scroll").is_visible()
    item = page.locator(".matrix-list__item", has=page.locator("a", has_text=re.compile(r"^Mục III\.4$")))
    assert item.count() == 1 and item.is_visible()
    clause = next(c for c in portfolio.plan(PLAN_ID).clauses() if c.ref == "III.4")
    partners = {portfolio.actor(r.actor_id).name for r in clause.roles if r.role is Role.COORDINATE}
    row = item.locator(".roles__row--phoi-hop")
    assert row.is_visible()
    shown = set(row.locator("li > a").all_inner_texts())
    assert partners <= shown, partners - shown
    top = item.bounding_box()
    assert top is not None and top["x"] >= 0 and top["x"] + top["width"] <= 360


def test_the_printed_matrix_keeps_every_column_on_a_landscape_page(
    new_page, site: StaticSite, portfolio: Portfolio
) -> None:
    page = new_page()
    page.goto(site.url(PAGE_TYPES["matrix"]))
    columns, _ = SiteBuild(portfolio).context.matrix(portfolio.plan(PLAN_ID))
    reader = _pdf(page, "ma-tran-phan-cong.pdf", prefer_css_page_size=True)
    first = reader.pages[0]
    assert float(first.mediabox.width) > float(first.mediabox.height), "the matrix prints on a landscape page"
    # Laid out as printed (print media, the printable width of A4 landscape: 277 mm = 1047 px), every
    # column is inside the page: none cut off, none pushed to a second sheet.
    page.set_viewport_size({"width": 1047, "height": 740})
    page.emulate_media(media="print")
    layout = page.evaluate(
        """() => {
          const table = document.querySelector('table.matrix');
          const heads = [...table.querySelectorAll('th.matrix__actor')];
          return { right: document.documentElement.clientWidth, table: table.getBoundingClientRect().right,
                   heads: heads.map(h => ({ name: h.innerText.replace(/\\s*†$/, '').trim(), right: h.getBoundingClientRect().right,
                                            shown: h.getBoundingClientRect().width > 0 })) };
        }"""
    )
    assert [h["name"] for h in layout["heads"]] == [a.name for a in columns]
    assert all(h["shown"] and h["right"] <= layout["right"] for h in layout["heads"]), layout
    text = _squeezed(" ".join(p.extract_text() or "" for p in reader.pages))
    assert all(_squeezed(ref) in text for ref in ("II.1.1", "III.4", "III.7")), text[:400]


# -- plan navigation ----------------------------------------------------------------------------------


@pytest.mark.parametrize("scheme", ["light", "dark"])
def test_on_a_phone_the_plan_text_starts_on_the_first_screen(new_page, site: StaticSite, scheme: str) -> None:
    page = new_page(**_options("360", scheme))
    page.goto(site.url(PLAN))
    start = page.locator(".official-text__type").last.bounding_box()
    assert start is not None and start["y"] + start["height"] <= PHONE["height"], start
    assert not page.locator("table.doc-meta").is_visible()  # folded: one line of facts instead
    summary = page.locator("details.plan-meta > summary").inner_text()
    assert "số hiệu chưa xác định" in summary and "42 mục có đánh số" in summary


def test_on_a_desktop_the_plan_information_is_open_and_the_contents_on_the_right(new_page, site: StaticSite) -> None:
    page = new_page()
    page.goto(site.url(PLAN))
    assert page.locator("table.doc-meta").is_visible()
    toc = page.locator(".md-sidebar--secondary .md-nav__link")
    assert toc.count() > 10 and toc.first.is_visible()
    assert not page.locator(".md-nav--primary .vn-nav__page").is_visible()


def test_the_phone_menu_holds_the_plan_contents(new_page, site: StaticSite) -> None:
    page = new_page(**_options("360", "light"))
    page.goto(site.url(PLAN))
    page.locator("label.md-header__button[for=__drawer]").click()
    entry = page.locator(".md-nav--primary label.md-nav__link[for=__toc]")
    assert entry.is_visible() and entry.inner_text().startswith("Mục lục")
    entry.click()
    link = page.locator(".md-nav--primary .md-nav--secondary a.md-nav__link[href='#muc-iii']")
    link.wait_for(state="visible")
    box = link.bounding_box()
    assert box is not None and 0 <= box["x"] < 360
    link.click()
    page.wait_for_url(re.compile(r"#muc-iii$"))


@pytest.mark.parametrize("width", ["360", "1280"])
def test_the_official_heading_is_centred(new_page, site: StaticSite, width: str) -> None:
    page = new_page(**_options(width, "light"))
    page.goto(site.url(PLAN))
    aligns = page.eval_on_selector_all(
        ".official-text > p.official-text__type, .official-text > p.official-text__title",
        "els => els.map(e => getComputedStyle(e).textAlign)",
    )
    assert aligns == ["center", "center"]


# -- words whole on a phone ---------------------------------------------------------------------------

_BROKEN_WORDS = """(selector) => {
  // Every run of letters and digits in the area must sit on one line: "Kết luậ / n" is a word broken inside.
  const broken = [];
  const root = document.querySelector(selector);
  const walker = document.createTreeWalker(root, NodeFilter.SHOW_TEXT);
  const word = /[\\p{L}\\p{N}]+/gu;
  let checked = 0;
  for (let node = walker.nextNode(); node; node = walker.nextNode()) {
    if (!node.parentElement || node.parentElement.closest('[hidden], .md-visually-hidden')) continue;
    if (node.parentElement.getClientRects().length === 0) continue;
    for (const m of node.data.matchAll(word)) {
      if (m[0].length < 2) continue;
      const range = document.createRange();
      range.setStart(node, m.index);
      range.setEnd(node, m.index + m[0].length);
      const tops = new Set([...range.getClientRects()].filter(r => r.width > 0).map(r => Math.round(r.top)));
      checked += 1;
      if (tops.size > 1) broken.push(m[0]);
    }
  }
  return { checked, broken };
}"""


@pytest.mark.parametrize("scheme", ["light", "dark"])
@pytest.mark.parametrize("page_type", ["documents", "plans", "agency-plan", "matrix"])
def test_no_word_is_broken_inside_on_a_phone(new_page, site: StaticSite, page_type: str, scheme: str) -> None:
    page = new_page(**_options("360", scheme))
    page.goto(site.url(PAGE_TYPES[page_type]))
    found = page.evaluate(_BROKEN_WORDS, ".md-content")
    assert found["checked"] > 50 and not found["broken"], found["broken"][:20]


# -- documents ----------------------------------------------------------------------------------------


@pytest.mark.parametrize("width", ["360", "1280"])
def test_the_document_index_filters_and_sorts(new_page, site: StaticSite, portfolio: Portfolio, width: str) -> None:
    page = new_page(**_options(width, "light"))
    page.goto(site.url(PAGE_TYPES["documents"]))
    rows = page.locator("#danh-sach-van-ban tbody tr")
    assert rows.count() == len(portfolio.documents)
    page.select_option("select[data-filter=type]", "chi-thi")
    visible = page.eval_on_selector_all(
        "#danh-sach-van-ban tbody tr:not([hidden])", "els => els.map(e => e.dataset.type)"
    )
    assert visible and set(visible) == {"chi-thi"}
    assert len(visible) == sum(d.type == "chi-thi" for d in portfolio.documents)
    assert page.inner_text("[data-filter-status]") == f"{len(visible)} trên {len(portfolio.documents)} văn bản"
    page.select_option("select[data-filter=type]", "")
    page.select_option("select[data-filter=year]", "2025")
    years = page.eval_on_selector_all(
        "#danh-sach-van-ban tbody tr:not([hidden])", "els => els.map(e => e.dataset.year)"
    )
    assert years and set(years) == {"2025"}
    page.click("[data-filter-reset]")
    page.select_option("select[data-sort]", "date:asc")
    dates = page.eval_on_selector_all("#danh-sach-van-ban tbody tr", "els => els.map(e => e.dataset.sortDate)")
    known = [d for d in dates if d]
    assert known == sorted(known) and dates[: len(known)] == known  # unknown dates last
    assert known[0] == "2010-04-16"


@pytest.mark.parametrize("scheme", ["light", "dark"])
def test_a_document_page_reads_like_a_legal_portal(new_page, site: StaticSite, scheme: str) -> None:
    page = new_page(**_options("360", scheme))
    page.goto(site.url(PAGE_TYPES["document"]))
    labels = page.eval_on_selector_all("table.doc-meta th", "els => els.map(e => e.innerText.trim())")
    assert {"Ngày có hiệu lực", "Tình trạng hiệu lực", "Lĩnh vực", "Người ký"} <= set(labels)
    unknown = page.locator("table.doc-meta .unknown").first
    style = unknown.evaluate("e => ({ weight: getComputedStyle(e).fontWeight, colour: getComputedStyle(e).color })")
    assert int(style["weight"]) < 600, style  # neutral, not alarming bold
    link = page.locator("a.source-link")
    assert link.inner_text() == "Nguồn công khai (thuvienphapluat.vn)"
    assert page.locator(".doc-diagram").is_visible()


def test_unknowns_on_the_home_page_are_neutral(new_page, site: StaticSite) -> None:
    page = new_page()
    page.goto(site.url(""))
    styles = page.eval_on_selector_all(
        ".unknown", "els => els.map(e => [getComputedStyle(e).fontWeight, getComputedStyle(e).color])"
    )
    assert styles and all(int(weight) < 600 for weight, _ in styles), styles
    assert all(colour not in {"rgb(138, 28, 28)", "rgb(255, 180, 180)"} for _, colour in styles), styles


@pytest.mark.parametrize("page_type", ["home", "agency-plan", "editor-guide", "404"])
def test_the_footer_gives_the_licence_and_the_date_of_the_data(new_page, site: StaticSite, page_type: str) -> None:
    page = new_page()
    page.goto(site.url(PAGE_TYPES[page_type]))
    footer = page.locator(".md-footer .vn-footer")
    assert "CC BY 4.0" in footer.inner_text() and "Cập nhật dữ liệu: 01/12/2026" in footer.inner_text()


def test_back_to_top_says_so(new_page, site: StaticSite) -> None:
    page = new_page()
    page.goto(site.url(PLAN))
    assert "Lên đầu trang" in page.locator(".md-top").inner_text()


# -- accessibility of the new views -------------------------------------------------------------------


@pytest.mark.parametrize("scheme", ["light", "dark"])
@pytest.mark.parametrize("page_type", ["matrix", "documents", "plan", "agency-plan"])
def test_axe_on_a_phone(new_page, site: StaticSite, page_type: str, scheme: str) -> None:
    """The phone views (the matrix as lists, indexes as cards, folds) pass axe too."""
    page = new_page(**_options("360", scheme))
    page.goto(site.url(PAGE_TYPES[page_type]))
    violations = run_axe(page)
    assert not violations, f"/{PAGE_TYPES[page_type]} at 360 px, {scheme}: {format_violations(violations)}"


def test_axe_on_the_open_phone_menu(new_page, site: StaticSite) -> None:
    page = new_page(**_options("360", "light"))
    page.goto(site.url(PLAN))
    page.locator("label.md-header__button[for=__drawer]").click()
    page.locator(".md-nav--primary label.md-nav__link[for=__toc]").click()
    page.locator(".md-nav--primary .md-nav--secondary a.md-nav__link").first.wait_for(state="visible")
    page.mouse.move(
        355, 400
    )  # on the overlay beside the menu, not hovering a link: Material's hover colour is not what the reader reads
    violations = run_axe(page)
    assert not violations, format_violations(violations)
