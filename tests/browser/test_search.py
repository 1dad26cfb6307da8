"""Search as a reader uses it: "/" puts the cursor in the box, they type, they read the first results.

Each query names the page or clause it must find. ``within=1`` means it must be the first result,
``within=3`` among the first three. Queries that fail for a reason outside the tests are strict
expected failures with the reason: they start failing (XPASS) once the cause is fixed, so the
marker is removed with the fix.
"""

from __future__ import annotations

import unicodedata
from dataclasses import dataclass

import pytest

from .harness import PLAN, SearchOutcome, StaticSite, format_timings, search


@dataclass(frozen=True)
class Expectation:
    query: str
    targets: tuple[str, ...]  # site paths (with anchor) any of which satisfies the query
    within: int  # 1: first card; 3: visible in the first three cards
    known_issue: str | None = None


def expect(query: str, *targets: str, within: int = 1, known_issue: str | None = None) -> Expectation:
    return Expectation(query, targets, within, known_issue)


EXPECTATIONS = [
    # Agencies, with and without diacritics. Each Sở has a namesake in tỉnh Lâm Đồng, which now carries its
    # duties: both are good answers, Bình Thuận's within the first three.
    expect("Sở Nội vụ", "co-quan/so-noi-vu/", within=3),
    expect("so noi vu", "co-quan/so-noi-vu/", within=3),
    expect("so tai chinh", "co-quan/so-tai-chinh/", within=3),
    expect("Sở Tài chính", "co-quan/so-tai-chinh/", within=3),
    expect("bao binh thuan", "co-quan/bao-binh-thuan/"),
    expect("tinh doan", "co-quan/tinh-doan/", within=3),
    expect("dai phat thanh truyen hinh", "co-quan/dai-phat-thanh-truyen-hinh/"),
    expect("so giao duc", "co-quan/so-giao-duc-dao-tao/", within=3),
    expect("ubnd huyen ham tan", "co-quan/ubnd-huyen-ham-tan/"),
    expect("Liên hiệp các Hội Khoa học và Kỹ thuật tỉnh", "co-quan/lien-hiep-hoi-khkt-tinh/", within=3),
    # Legal documents by number (kept whole by the separator) or by name
    expect("42-CT/TW", "van-ban/ct-42-tw-2010/"),
    # The plan implementing 93-KL/TW has it in its title too.
    expect("93-KL/TW", "van-ban/kl-93-tw-2020/", within=3),
    expect("2073/CTr-UBND", "van-ban/ctr-2073-ubnd-2011/"),
    expect("18-NQ/TW", "van-ban/nq-18-tw-2017/"),
    expect("102-KL/TW", "van-ban/kl-102-tw-2014/"),
    expect("1795/QD-TTg", "van-ban/qd-1795-ttg-2015/"),  # typed without "Đ"
    expect("Chỉ thị 52-CT/TU", "van-ban/ct-52-tu-binh-thuan/"),
    expect("Luật Ngân sách nhà nước", "van-ban/luat-nsnn-2015/"),
    # Clauses by number
    expect("II.2.4", PLAN + "#muc-ii-2-4", within=3),
    expect("III.4", PLAN + "#muc-iii-4", within=3),
    expect("III.1.2", PLAN + "#muc-iii-1-2", within=3),
    # Clauses by words of their text: every word is required (falling back to any word), and words
    # next to each other in the query's order rank first (vnplans/site/assets/search.js). With lunr,
    # pages titled "... xã hội" or "... Việt Nam" outranked the one clause with every word.
    expect("phản biện và giám định xã hội", PLAN + "#muc-ii-2-4", within=3),
    expect("giam dinh xa hoi", PLAN + "#muc-ii-2-4", within=3),
    expect("trí thức người Việt Nam ở nước ngoài", PLAN + "#muc-ii-5-3", within=3),
    expect("nong thon moi", PLAN + "#muc-iii-6", PLAN + "#muc-iii-1-4", within=3),
    expect("dat hang giao nhiem vu", PLAN + "#muc-ii-2-4", within=3),
    # Other pages
    expect("phan cong thuc hien", PLAN + "phan-cong/"),
    expect("du lieu mo", "du-lieu-mo/"),
    expect("huong dan bien tap", "huong-dan-bien-tap/"),
]


def _found(outcome: SearchOutcome, expectation: Expectation) -> bool:
    if expectation.within == 1:
        return bool(outcome.cards) and outcome.cards[0][0].path in expectation.targets
    ranks = [outcome.card_rank(target) for target in expectation.targets]
    return any(rank is not None and rank <= expectation.within for rank in ranks)


def _ascii_id(query: str) -> str:
    """A readable test id: pytest would escape Vietnamese letters as \\u1ea3; "(vi)" marks diacritics."""
    folded = unicodedata.normalize("NFD", query.replace("đ", "d").replace("Đ", "D"))
    plain = "".join(c for c in folded if not unicodedata.combining(c))
    return plain if plain == query else f"{plain} (vi)"


def _param(expectation: Expectation) -> object:
    marks = [pytest.mark.xfail(strict=True, reason=expectation.known_issue)] if expectation.known_issue else []
    return pytest.param(expectation, id=_ascii_id(expectation.query), marks=marks)


@pytest.mark.parametrize("expectation", [_param(e) for e in EXPECTATIONS])
def test_query_finds_its_page(new_page, site: StaticSite, search_timings, expectation: Expectation) -> None:
    page = new_page()
    page.goto(site.url(""))
    outcome = search(page, site, expectation.query)
    search_timings.append(outcome)
    print("", outcome.describe(), *format_timings([outcome]), sep="\n")
    wanted = " or ".join("/" + t for t in expectation.targets)
    where = (
        "the first result" if expectation.within == 1 else f"a visible link in the first {expectation.within} results"
    )
    assert _found(outcome, expectation), f"expected {wanted} as {where}; got:\n{outcome.describe()}"


def test_short_word_does_not_match_longer_words(new_page, site: StaticSite) -> None:
    """'so' finds Sở / số, never only the first letters of 'soát' (rà soát)."""
    page = new_page()
    page.goto(site.url(""))
    outcome = search(page, site, "so")
    marks = [mark for link in outcome.links for mark in link.marks]
    assert marks, outcome.describe()
    wrong = sorted({m for m in marks if m.lower().startswith(("soát", "soat"))})
    assert not wrong, f"'so' highlighted {wrong}:\n{outcome.describe(limit=20)}"
    assert {m.lower() for m in marks} & {"sở", "số"}, outcome.describe()


def test_enter_opens_the_best_match(new_page, site: StaticSite) -> None:
    """Typing a clause number and pressing Enter lands on that clause."""
    page = new_page()
    page.goto(site.url(""))
    search(page, site, "II.2.4")
    page.keyboard.press("Enter")
    page.wait_for_url("**/" + PLAN + "?h=*#muc-ii-2-4")
    assert site.path_of(page.url) == PLAN + "#muc-ii-2-4"


def test_result_titles_have_no_permalink_sign(new_page, site: StaticSite) -> None:
    page = new_page()
    page.goto(site.url(""))
    outcome = search(page, site, "giai phap chu yeu")
    titles = {link.path: link.title for link in outcome.links}
    assert titles.get(PLAN + "#muc-ii") == "II. NHIỆM VỤ, GIẢI PHÁP CHỦ YẾU", outcome.describe()


def test_agency_result_shows_no_button_text(new_page, site: StaticSite) -> None:
    page = new_page()
    page.goto(site.url(""))
    outcome = search(page, site, "Các đoàn thể chính trị")
    first = outcome.cards[0][0]
    assert first.path == "nhom/cac-doan-the-chinh-tri-xa-hoi/", outcome.describe()
    assert "In danh sách nhiệm vụ" not in first.text, first.text
