"""What readers see: Vietnamese wording rules, the duty sheet, the matrix, documents (issue 9).

These read the real data through :class:`SiteBuild` and the pages it renders; the browser tests
(``tests/browser/test_reader.py``) check the same pages as a reader meets them.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import re

import pytest

from vnplans.data.diagnostics import Loc
from vnplans.data.model import Deadline, Portfolio
from vnplans.site.build import SiteBuild
from vnplans.site.render import deadline_reading, in_sentence
from vnplans.site.routes import lower_first, plan_label

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
    assert f'<td data-label="Số mục">{count}</td>' in page_html(build, "ke-hoach/")
    assert f"{count} mục có đánh số" in text_of(page_html(build, f"ke-hoach/{PLAN_ID}/"))


# -- the duty sheet ---------------------------------------------------------------------------------

_ROW = re.compile(r'<tr class="duty-sheet__row"><th scope="row"><a href="#[^"]+">([^<]+)</a></th>(.*?)</tr>', re.S)


def sheet_rows(html: str) -> list[tuple[str, str, str]]:
    """(mục, role, deadline) of each row of a duty sheet, as the page shows them."""
    rows = []
    for ref, cells in _ROW.findall(html):
        tds = re.findall(r"<td[^>]*>(.*?)</td>", cells, re.S)
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
    assert f"data-page-address>/{url}</span>" in unknown  # reader.js writes the address it was opened at
    known = page_html(SiteBuild(portfolio, site_url="https://example.org/ke-hoach"), url)
    assert f'data-page-address data-absolute="true">https://example.org/ke-hoach/{url}</span>' in known
    assert "Dữ liệu cập nhật đến ngày 01/12/2026" in known
    assert portfolio.as_of.isoformat() == "2026-12-01"  # the data's date, not the build's


def test_inherited_duties_show_their_deadlines(build: SiteBuild) -> None:
    html = page_html(build, f"co-quan/so-tai-chinh-lam-dong/{PLAN_ID}/")
    table = html[html.index('class="data-table inherited-sheet"') :]
    table = table[: table.index("</table>")]
    assert '<th scope="col">Thời hạn</th>' in table
    assert table.count("văn bản không nêu thời hạn") >= 7


# -- the matrix -------------------------------------------------------------------------------------


def test_matrix_columns_come_in_order_of_involvement(portfolio: Portfolio, build: SiteBuild) -> None:
    columns, rows = build.context.matrix(portfolio.plan(PLAN_ID))
    ids = [a.id for a in columns]
    assert ids[0] == "lien-hiep-hoi-khkt-tinh"  # leads III.1.1–III.1.3: the main actor comes first
    rank = {0: set(), 1: set(), 2: set(), 3: set()}
    for row in rows:
        for actor, cell in zip(columns, row.cells, strict=True):
            if cell is not None:
                rank[{"chu-tri": 0, "thuc-hien": 1, "phoi-hop": 2}.get(cell.role.value, 3)].add(actor.id)
    strongest = {actor_id: min(r for r, members in rank.items() if actor_id in members) for actor_id in ids}
    assert [strongest[i] for i in ids] == sorted(strongest[i] for i in ids)
    assert ids[-1] in rank[3] and ids[-1] not in rank[0] | rank[1] | rank[2]  # only advised or reported to


def test_matrix_rows_carry_the_clause_titles(portfolio: Portfolio, build: SiteBuild) -> None:
    _, rows = build.context.matrix(portfolio.plan(PLAN_ID))
    captions = {row.context.clause.ref: row.caption for row in rows}
    assert captions["III.3"] == "Sở Tài chính"  # a clause with a title: the title
    assert captions["II.2.4"] == "Sở Nội vụ phối hợp Sở Tài chính và các …"  # no title: its first words
    html = page_html(build, f"ke-hoach/{PLAN_ID}/phan-cong/")
    assert '<span class="matrix__caption">Sở Tài chính</span>' in html


def test_matrix_downloads_have_distinct_names_and_vietnamese_headers(portfolio: Portfolio, build: SiteBuild) -> None:
    import csv
    import io

    files = build.files()
    csv_name, xlsx_name = (f"ke-hoach/{PLAN_ID}/ma-tran-phan-cong-{PLAN_ID}.{ext}" for ext in ("csv", "xlsx"))
    assert csv_name in files and xlsx_name in files
    assert f"ke-hoach/{PLAN_ID}/phan-cong.csv" not in files  # the open data's phan-cong.csv is another file
    columns, _ = build.context.matrix(portfolio.plan(PLAN_ID))
    header, *rows = list(csv.reader(io.StringIO(files[csv_name].decode("utf-8-sig"))))
    assert header == ["Mục", "Tên mục", "Nội dung (nguyên văn)", *[a.name for a in columns]]
    row = next(r for r in rows if r[0] == "II.2.4")
    assert row[header.index("Sở Nội vụ tỉnh Bình Thuận")] == "Thực hiện"
    assert row[header.index("Sở Tài chính tỉnh Bình Thuận")] == "Phối hợp"
    for name in ("muc.csv", "phan-cong.csv", "co-quan.csv", "van-ban.csv", "dia-ban.csv", "ke-thua.csv"):
        first = files[f"du-lieu-mo/{name}"].decode("utf-8-sig").splitlines()[0]
        assert not re.search(r"[a-z]+_[a-z]+", first), (name, first)  # no English keys such as plan_id


def test_the_xlsx_reads_back_as_the_csv_and_holds_no_formula(portfolio: Portfolio) -> None:
    import csv
    import io

    from openpyxl import load_workbook

    hostile = dataclasses.replace(portfolio.agency("so-tai-chinh"), name='=HYPERLINK("http://evil.invalid")')
    agencies = tuple(hostile if a.id == "so-tai-chinh" else a for a in portfolio.agencies)
    files = SiteBuild(dataclasses.replace(portfolio, agencies=agencies)).files()
    name = f"ke-hoach/{PLAN_ID}/ma-tran-phan-cong-{PLAN_ID}"
    book = load_workbook(io.BytesIO(files[name + ".xlsx"]))
    sheet = book["Phân công"]
    cells = [[c.value or "" for c in row] for row in sheet.iter_rows()]
    from_csv = [
        [c.removeprefix("'") for c in r] for r in csv.reader(io.StringIO(files[name + ".csv"].decode("utf-8-sig")))
    ]
    assert cells == from_csv
    types = {c.data_type for row in sheet.iter_rows() for c in row if c.value is not None}
    assert types == {"s"}, types  # text only: no formula ("f"), no number
    trap = next(c for c in sheet[1] if c.value == hostile.name)
    assert trap.quotePrefix  # retyping it keeps it text
    assert sheet.freeze_panes == "B2"
    info = {row[0].value: row[1].value for row in book["Thông tin"].iter_rows()}
    assert info["Dữ liệu cập nhật đến ngày"] == "01/12/2026"
    assert "CC BY 4.0" in info["Giấy phép dữ liệu"]
    assert files[name + ".xlsx"] == SiteBuild(dataclasses.replace(portfolio, agencies=agencies)).files()[name + ".xlsx"]


# -- documents like a legal portal ------------------------------------------------------------------


def _meta_rows(html: str) -> dict[str, str]:
    table = html[html.index('<table class="doc-meta">') : html.index("</table>")]
    return {
        text_of(k): text_of(v) for k, v in re.findall(r'<th scope="row">(.*?)</th><td>(.*?)</td></tr>', table, re.S)
    }


def test_a_document_shows_every_attribute_and_what_is_unknown_neutrally(build: SiteBuild) -> None:
    html = page_html(build, "van-ban/kl-93-tw-2020/")
    rows = _meta_rows(html)
    assert list(rows) == [
        "Số hiệu",
        "Loại văn bản",
        "Cơ quan ban hành",
        "Người ký",
        "Ngày ban hành",
        "Ngày có hiệu lực",
        "Tình trạng hiệu lực",
        "Lĩnh vực",
        "Trích yếu",
        "Xác minh",
        "Văn bản gốc",
    ]
    # the reference gives none of these for the seed's documents: nothing is invented
    assert rows["Ngày có hiệu lực"] == rows["Tình trạng hiệu lực"] == rows["Lĩnh vực"] == "chưa xác định"
    assert rows["Văn bản gốc"] == "Nguồn công khai (thuvienphapluat.vn)"
    assert '<span class="unknown">chưa xác định</span>' in html
    link = re.search(r'<a class="source-link" href="([^"]+)"[^>]*>([^<]+)</a>', html)
    assert link and link.group(1).startswith("https://thuvienphapluat.vn/van-ban/") and len(link.group(2)) < 40


def test_a_document_shows_its_effective_date_status_and_fields_when_the_data_gives_them(portfolio: Portfolio) -> None:
    from vnplans.data.vocab import LegalStatus

    doc = dataclasses.replace(
        portfolio.document("luat-72-2025-qh15"),
        effective_date=dt.date(2025, 7, 1),
        status=LegalStatus.IN_FORCE,
        fields=("Bộ máy hành chính",),
    )
    documents = tuple(doc if d.id == doc.id else d for d in portfolio.documents)
    rows = _meta_rows(
        page_html(SiteBuild(dataclasses.replace(portfolio, documents=documents)), "van-ban/luat-72-2025-qh15/")
    )
    assert rows["Ngày có hiệu lực"] == "01/07/2025"
    assert rows["Tình trạng hiệu lực"] == "Còn hiệu lực (theo dữ liệu đến ngày 01/12/2026)"
    assert rows["Lĩnh vực"] == "Bộ máy hành chính"


def _diagram(html: str) -> dict[str, dict[str, list[str]]]:
    """Each side of the lược đồ: kind → the records listed under it."""
    out = {}
    for side in ("out", "in"):
        part = html[html.index(f"doc-diagram__side--{side}") :]
        part = part[: part.index("</section>")]
        groups = re.findall(
            r'<p class="doc-diagram__kind">(.*?)</p>\s*<ul class="doc-diagram__list">(.*?)</ul>', part, re.S
        )
        out[side] = {kind: [text_of(li) for li in re.findall(r"<li>(.*?)</li>", items, re.S)] for kind, items in groups}
    return out


def test_the_relations_are_drawn_both_ways_grouped_by_kind(build: SiteBuild) -> None:
    diagram = _diagram(page_html(build, "van-ban/kl-93-tw-2020/"))
    assert diagram["out"] == {"Tiếp tục thực hiện": ["Chỉ thị 42-CT/TW"]}
    assert diagram["in"]["Được thực hiện bởi"] == ["Kế hoạch 15-KH/TU"]
    assert len(diagram["in"]["Được kế hoạch dẫn chiếu làm căn cứ"]) == 1
    diagram = _diagram(page_html(build, "van-ban/ct-42-tw-2010/"))
    assert diagram["in"]["Được tiếp tục bởi"] == ["Kết luận 93-KL/TW"]


def test_new_relation_kinds_have_both_readings(portfolio: Portfolio) -> None:
    from vnplans.data.model import Relation
    from vnplans.data.vocab import RelationType

    source = portfolio.document("nq-190-2025-qh15")
    target = portfolio.document("luat-72-2025-qh15")
    relations = (Relation(RelationType.REPLACES, source.id, target.id, False, None, source.loc),)
    documents = tuple(
        dataclasses.replace(d, relations=relations) if d.id == source.id else d for d in portfolio.documents
    )
    build = SiteBuild(dataclasses.replace(portfolio, documents=documents))
    assert _diagram(page_html(build, f"van-ban/{source.id}/"))["out"] == {"Thay thế": ["Luật 72/2025/QH15"]}
    assert _diagram(page_html(build, f"van-ban/{target.id}/"))["in"] == {
        "Bị thay thế bởi": ["Nghị quyết 190/2025/QH15"]
    }


def test_the_document_index_offers_filters_by_type_issuer_and_year(build: SiteBuild, portfolio: Portfolio) -> None:
    html = page_html(build, "van-ban/")
    form = html[html.index('<form class="table-filters"') : html.index("</form>")]
    options = {
        name: re.findall(r'<option value="([^"]*)">', select)
        for name, select in re.findall(r'data-filter="(\w+)">(.*?)</select>', form, re.S)
    }
    assert set(options["type"]) == {"", *{d.type for d in portfolio.documents}}
    assert "Quốc hội" in options["issuer"] and "2010" in options["year"] and "?" in options["year"]
    rows = re.findall(r'<tr data-type="([^"]+)" data-issuer="([^"]+)" data-year="([^"]+)"', html)
    assert len(rows) == len(portfolio.documents)
    assert ("chi-thi", "Bộ Chính trị (khóa X)", "2010") in rows
    assert rows[0][2] == "2025"  # newest first


def test_the_footer_says_the_licence_and_the_date_of_the_data(build: SiteBuild) -> None:
    assert build.footer() == {
        "licence": "Creative Commons Ghi công 4.0 Quốc tế (CC BY 4.0)",
        "licence_url": "https://creativecommons.org/licenses/by/4.0/deed.vi",
        "updated": "01/12/2026",
    }
