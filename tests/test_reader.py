"""What readers see: Vietnamese wording rules, the duty sheet, the matrix, documents (issue 9).

These read the real data through :class:`SiteBuild` and the pages it renders; the browser tests
(``tests/browser/test_reader.py``) check the same pages as a reader meets them.
"""

from __future__ import annotations

import dataclasses
import re

import pytest

from vnplans.data.diagnostics import Loc
from vnplans.data.model import Deadline, Portfolio
from vnplans.site.build import SiteBuild
from vnplans.site.render import deadline_reading, in_sentence, lower_first, plan_label

PLAN_ID = "2021-lien-hiep-hoi-khkt"


@pytest.fixture(scope="module")
def build(portfolio: Portfolio) -> SiteBuild:
    return SiteBuild(portfolio)


def page_html(build: SiteBuild, url: str) -> str:
    route = next(r for r in build.routes if r.url == url)
    return str(build.render(route).body)


def text_of(html: str) -> str:
    """The words of an HTML fragment, one space apart (entities left as they are)."""
    return " ".join(re.sub(r"<[^>]+>", " ", html).split())


# -- words ----------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "text, expected",
    [
        ("Thực hiện Kế hoạch số 15-KH/TU", "thực hiện Kế hoạch số 15-KH/TU"),
        ("Các sở, ngành, địa phương", "các sở, ngành, địa phương"),
        ("TRIỂN KHAI THỰC HIỆN CHỈ THỊ", "TRIỂN KHAI THỰC HIỆN CHỈ THỊ"),  # never "tRIỂN KHAI"
        ("UBND tỉnh", "UBND tỉnh"),
        ("42-CT/TW", "42-CT/TW"),
        ("", ""),
    ],
)
def test_lower_first_lowers_a_capitalised_word_only(text: str, expected: str) -> None:
    assert lower_first(text) == expected


def test_a_plan_titled_in_capitals_keeps_its_capitals_in_its_label(portfolio: Portfolio) -> None:
    plan = dataclasses.replace(portfolio.plan(PLAN_ID), title="TRIỂN KHAI THỰC HIỆN KẾT LUẬN SỐ 93-KL/TW")
    assert plan_label(plan) == "Kế hoạch TRIỂN KHAI THỰC HIỆN KẾT LUẬN SỐ 93-KL/TW"


def test_a_group_is_named_in_lower_case_inside_a_sentence_an_agency_keeps_its_capitals(
    portfolio: Portfolio, build: SiteBuild
) -> None:
    assert in_sentence(portfolio.actor("cac-so-nganh-dia-phuong")) == "các sở, ngành, địa phương"
    assert in_sentence(portfolio.actor("so-tai-chinh")) == "Sở Tài chính tỉnh Bình Thuận"
    html = page_html(build, f"nhom/cac-so-nganh-dia-phuong/{PLAN_ID}/")
    assert "Các mục mà các sở, ngành, địa phương là" in html
    assert "mà Các sở" not in html


def test_a_deadline_of_a_kind_of_timing_shows_the_text_alone() -> None:
    loc = Loc("data/plans/x.yaml", 1, 1)
    assert deadline_reading(Deadline("định kỳ và đột xuất", "dinh-ky", loc)) is None
    assert deadline_reading(Deadline("hằng năm", "hang-nam", loc)) is None
    assert deadline_reading(Deadline("trước ngày 30/6/2021", "2021-06-30", loc)) == "30/06/2021"
    assert deadline_reading(Deadline("Quý III/2021", "2021-Q3", loc)) is None  # the text already says it
    assert deadline_reading(Deadline("trong quý 3 năm 2021", "2021-Q3", loc)) == "Quý III/2021"


def test_the_plan_page_shows_the_whole_deadline_text(build: SiteBuild) -> None:
    html = page_html(build, f"ke-hoach/{PLAN_ID}/")
    assert "Thời hạn:</span> định kỳ và đột xuất</p>" in html
    assert "(Định kỳ)" not in html


def test_every_page_counts_the_plan_clauses_alike(portfolio: Portfolio, build: SiteBuild) -> None:
    count = portfolio.plan(PLAN_ID).clause_count
    assert count == 42  # the data
    assert f'<span class="figure__value">{count}</span> <span class="figure__label">mục có đánh số' in page_html(
        build, ""
    )
    assert f"<td>{count}</td>" in page_html(build, "ke-hoach/")
    assert f"{count} mục có đánh số" in text_of(page_html(build, f"ke-hoach/{PLAN_ID}/"))


# -- the duty sheet ---------------------------------------------------------------------------------

_ROW = re.compile(r'<tr class="duty-sheet__row"><th scope="row"><a href="#[^"]+">([^<]+)</a></th>(.*?)</tr>', re.S)


def sheet_rows(html: str) -> list[tuple[str, str, str]]:
    """(mục, role, deadline) of each row of a duty sheet, as the page shows them."""
    rows = []
    for ref, cells in _ROW.findall(html):
        tds = re.findall(r"<td>(.*?)</td>", cells, re.S)
        rows.append((ref, text_of(tds[0]).split(" (")[0], text_of(tds[3])))
    return rows


def test_the_duty_sheet_of_the_lien_hiep_hoi_gives_every_deadline(build: SiteBuild) -> None:
    rows = sheet_rows(page_html(build, f"co-quan/lien-hiep-hoi-khkt-tinh/{PLAN_ID}/"))
    deadlines = {ref: deadline for ref, _, deadline in rows}
    assert deadlines["III.1.1"] == "định kỳ"
    assert deadlines["III.1.6"] == "định kỳ và đột xuất"
    assert deadlines["II.2.3"] == "thường xuyên"
    assert deadlines["III.1.2"] == "văn bản không nêu thời hạn"
    assert all(deadline for deadline in deadlines.values()), rows


def test_the_duty_sheet_of_so_tai_chinh_has_its_seven_duties(build: SiteBuild) -> None:
    rows = sheet_rows(page_html(build, f"co-quan/so-tai-chinh/{PLAN_ID}/"))
    assert [(ref, role) for ref, role, _ in rows] == [
        ("III.3", "Thực hiện"),
        ("II.2.4", "Phối hợp"),
        ("II.1.1", "Thực hiện"),
        ("II.1.2", "Thực hiện"),
        ("II.3.3", "Thực hiện"),
        ("III.4", "Phối hợp"),
        ("III.7", "Thực hiện"),
    ]
    assert {deadline for _, _, deadline in rows} == {"văn bản không nêu thời hạn"}


def test_the_duty_sheet_names_its_address_and_the_date_of_the_data(portfolio: Portfolio) -> None:
    url = f"co-quan/so-tai-chinh/{PLAN_ID}/"
    unknown = page_html(SiteBuild(portfolio), url)
    assert f'data-page-address>/{url}</span>' in unknown  # reader.js writes the address it was opened at
    known = page_html(SiteBuild(portfolio, site_url="https://example.org/ke-hoach"), url)
    assert f'data-page-address data-absolute="true">https://example.org/ke-hoach/{url}</span>' in known
    assert "Dữ liệu cập nhật đến ngày 01/12/2026" in known
    assert portfolio.as_of.isoformat() == "2026-12-01"  # the data's date, not the build's


def test_inherited_duties_show_their_deadlines(build: SiteBuild) -> None:
    html = page_html(build, f"co-quan/so-tai-chinh-lam-dong/{PLAN_ID}/")
    table = html[html.index('class="data-table inherited-sheet"') :]
    table = table[: table.index("</table>")]
    assert "<th scope=\"col\">Thời hạn</th>" in table
    assert table.count("văn bản không nêu thời hạn") >= 7
