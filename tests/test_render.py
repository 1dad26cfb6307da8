"""Rendering rules: Vietnamese order, escaping of the official text, safe notes, document linking."""

from __future__ import annotations

import dataclasses
import datetime as dt
from pathlib import Path

import pytest

from vnplans.data.load import load_portfolio
from vnplans.data.model import Document, Portfolio, Relation, Unknown, Verification
from vnplans.site.build import SiteBuild
from vnplans.site.linking import Linker
from vnplans.site.notes import note_html
from vnplans.site.render import vi_sort_key
from vnplans.site.routes import relative

REPO = Path(__file__).resolve().parent.parent
PLAN_ID = "2021-lien-hiep-hoi-khkt"


@pytest.fixture(scope="module")
def portfolio() -> Portfolio:
    result = load_portfolio(REPO / "data")
    assert result.portfolio is not None
    return result.portfolio


def test_vietnamese_alphabetical_order_puts_d_stroke_after_d() -> None:
    names = ["Đài Phát thanh", "Ủy ban", "Báo Bình Thuận", "Dân tộc", "Ân", "An", "Ưu tiên", "Uy tín", "Ed"]
    assert sorted(names, key=vi_sort_key) == [
        "An",
        "Ân",
        "Báo Bình Thuận",
        "Dân tộc",
        "Đài Phát thanh",
        "Ed",
        "Uy tín",
        "Ủy ban",
        "Ưu tiên",
    ]


def test_agency_index_lists_each_kind_in_vietnamese_order(portfolio: Portfolio) -> None:
    build = SiteBuild(portfolio)
    sections = dict(build.context.agencies_by_kind())
    assert [a.name for a in sections["Cơ quan báo chí"]][:2] == [
        "Báo Bình Thuận",
        "Báo và Phát thanh, Truyền hình Lâm Đồng",
    ]
    districts = [a.name for a in sections["Ủy ban nhân dân cấp huyện"]]
    assert districts.index("Ủy ban nhân dân huyện Đức Linh") > districts.index("Ủy ban nhân dân huyện Bắc Bình")


def test_editorial_notes_allow_emphasis_and_links_but_no_html_or_scripts() -> None:
    html = str(note_html("*Chú ý* [nguồn](https://example.org) <script>alert(1)</script> [x](javascript:alert(1))"))
    assert "<em>Chú ý</em>" in html
    assert '<a href="https://example.org" rel="noopener noreferrer nofollow">nguồn</a>' in html
    assert "<script>" not in html and "&lt;script&gt;" in html
    assert "javascript:" not in html


def test_official_text_is_escaped_not_interpreted(portfolio: Portfolio) -> None:
    plan = portfolio.plan(PLAN_ID)
    first = plan.sections[0].children[0]
    hostile = dataclasses.replace(first, text="Nội dung <script>alert(1)</script> & *không phải Markdown*")
    section = dataclasses.replace(plan.sections[0], children=(hostile, *plan.sections[0].children[1:]))
    plan = dataclasses.replace(plan, sections=(section, *plan.sections[1:]))
    build = SiteBuild(dataclasses.replace(portfolio, plans=(plan,)))
    page = next(p for p in build.pages() if p.route.url == f"ke-hoach/{PLAN_ID}/")
    assert "Nội dung &lt;script&gt;alert(1)&lt;/script&gt; &amp; *không phải Markdown*" in page.body
    assert "<script>alert" not in page.body


def _document(portfolio: Portfolio, document_id: str) -> Document:
    return portfolio.document(document_id)


def test_a_number_is_linked_with_its_date_or_through_the_editors_basis_only(portfolio: Portfolio) -> None:
    ct42_2010 = _document(portfolio, "ct-42-tw-2010")
    ct42_1998 = Document(
        id="ct-42-tw-1998",
        type="chi-thi",
        number="42-CT/TW",
        date=dt.date(1998, 10, 10),
        issuer="x",
        title=Unknown("-"),
        signer=None,
        source_url=None,
        verification=Verification.UNVERIFIED,
        verification_note=None,
        relations=(),
        note=None,
        loc=ct42_2010.loc,
    )
    both = dataclasses.replace(portfolio, documents=(*portfolio.documents, ct42_1998))
    linker = Linker(both)

    def targets(text: str, basis: tuple[Document, ...] = ()) -> list[str]:
        return [run.target.id for run in linker.runs(text, basis) if isinstance(run.target, Document)]

    # number and date in the text: the right year, whatever the basis says
    assert targets("Chỉ thị số 42-CT/TW, ngày 16/4/2010 của Bộ Chính trị") == ["ct-42-tw-2010"]
    # number alone: linked only when the editor's basis pins exactly one document with that number
    assert targets("Chỉ thị số 42-CT/TW của Bộ Chính trị") == []
    assert targets("Chỉ thị số 42-CT/TW của Bộ Chính trị", (ct42_2010,)) == ["ct-42-tw-2010"]
    assert targets("Chỉ thị số 42-CT/TW", (ct42_2010, ct42_1998)) == []
    # a date that matches no document does not fall back to a guess
    assert targets("Chỉ thị số 42-CT/TW ngày 01/01/2015") == []


def test_longest_agency_name_wins(portfolio: Portfolio) -> None:
    runs = Linker(portfolio).runs(
        "báo cáo UBND tỉnh và Ban Tuyên giáo Tỉnh ủy; Liên hiệp các Hội Khoa học và Kỹ thuật Việt Nam"
    )
    linked = [(run.text, run.target.id) for run in runs if run.target is not None]
    assert linked == [
        ("UBND tỉnh", "ubnd-tinh"),
        ("Ban Tuyên giáo Tỉnh ủy", "ban-tuyen-giao-tinh-uy"),
        ("Liên hiệp các Hội Khoa học và Kỹ thuật Việt Nam", "lien-hiep-hoi-khkt-viet-nam"),
    ]


def test_relative_links_work_under_any_base_path() -> None:
    assert relative("co-quan/so-tai-chinh/", "ke-hoach/p/#muc-ii-2-4") == "../../ke-hoach/p/#muc-ii-2-4"
    assert relative("", "co-quan/") == "co-quan/"
    assert relative("ke-hoach/p/", "ke-hoach/p/#muc-i") == "./#muc-i"
    assert relative("ke-hoach/p/phan-cong/", "ke-hoach/p/phan-cong.csv") == "../phan-cong.csv"


def test_relations_are_shown_from_both_sides(portfolio: Portfolio) -> None:
    build = SiteBuild(portfolio)
    site = build.context
    assert [r.source_id for r in site.relations_to("ct-42-tw-2010")] == ["kl-93-tw-2020"]
    assert [r.target_id for r in site.relations_from("kl-93-tw-2020")] == ["ct-42-tw-2010"]
    plan_relation = site.relations_from(PLAN_ID)
    assert [(r.type.value, r.target_id) for r in plan_relation] == [("thuc-hien", "kh-15-tu-2021-binh-thuan")]
    lineage = site.lineage(_document(portfolio, "ct-42-tw-2010"))
    assert lineage.ancestors == ()
    assert [[x.id for x in level] for level in lineage.descendants] == [
        ["kl-93-tw-2020"],
        ["kh-15-tu-2021-binh-thuan"],
        [PLAN_ID],
    ]
    lineage = site.lineage(_document(portfolio, "kh-15-tu-2021-binh-thuan"))
    assert [[x.id for x in level] for level in lineage.ancestors] == [["kl-93-tw-2020"], ["ct-42-tw-2010"]]
    assert [[x.id for x in level] for level in lineage.descendants] == [[PLAN_ID]]
    assert isinstance(plan_relation[0], Relation)
