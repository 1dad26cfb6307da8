"""The search index built from the model: normalisation, records, prose sections and the files the
browser reads (vnplans/site/search). The browser side is tested in tests/browser/test_search*.py."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from vnplans.data.model import Portfolio
from vnplans.site.build import SiteBuild
from vnplans.site.search import SearchIndex, search_index
from vnplans.site.search.records import KIND_LABELS, Kind, page_sections, portfolio_records
from vnplans.site.search.text import fold, index_terms, tokens

PLAN = "ke-hoach/2021-lien-hiep-hoi-khkt/"


@pytest.mark.parametrize(
    "text, expected",
    [
        ("Sở Nội vụ", ["so", "noi", "vu"]),
        ("Tỉnh đoàn ĐẮK LẮK", ["tinh", "doan", "dak", "lak"]),
        ("Chỉ thị số 42-CT/TW, ngày 16/4/2010", ["chi", "thi", "so", "42-ct/tw", "ngay", "16/4/2010"]),
        ("Quyết định 1795/QĐ-TTg", ["quyet", "dinh", "1795/qd-ttg"]),
        ("mục II.2.4.", ["muc", "ii.2.4"]),
        ("kinh tế - xã hội", ["kinh", "te", "xa", "hoi"]),
        ("Sở TT&TT; Sở LĐ-TB&XH", ["so", "tt&tt", "so", "ld-tb&xh"]),
        ("chỉ đạo./.", ["chi", "dao"]),
        ("So\u031b\u0300 Ta\u0300i chi\u0301nh", ["so", "tai", "chinh"]),  # decomposed input
    ],
)
def test_tokens_fold_diacritics_and_keep_numbers_whole(text: str, expected: list[str]) -> None:
    assert tokens(text) == expected


def test_folding_keeps_one_character_per_character() -> None:
    """Offsets in the folded text point into the original: the browser highlights with them."""
    text = "Đoàn thể chính trị - xã hội, Sở GD&ĐT"
    assert fold(text) == "doan the chinh tri - xa hoi, so gd&dt"
    assert len(fold(text)) == len(text)


def test_joined_tokens_are_indexed_with_their_parts_at_the_same_position() -> None:
    assert list(index_terms("Luật 83/2015/QH13 năm")) == [
        (0, "luat"),
        (1, "83/2015/qh13"),
        (1, "83"),
        (1, "2015"),
        (1, "qh13"),
        (2, "nam"),
    ]


def test_clause_records_carry_the_verbatim_text_plan_and_roles(portfolio: Portfolio) -> None:
    records = {r.url: r for r in portfolio_records(portfolio)}
    clause = records[PLAN + "#muc-ii-2-4"]
    assert clause.kind == Kind.CLAUSE
    assert clause.heading == "Mục II.2.4"
    assert clause.names == ("II.2.4",)
    assert clause.text.startswith("Sở Nội vụ phối hợp Sở Tài chính") and "giám định xã hội" in clause.text
    assert clause.plan == "2021-lien-hiep-hoi-khkt" and clause.doc_type == "ke-hoach"
    assert ("so-noi-vu", 1) in clause.roles and ("so-tai-chinh", 2) in clause.roles  # thực hiện, phối hợp
    section = records[PLAN + "#muc-ii"]
    assert section.heading == "II. NHIỆM VỤ, GIẢI PHÁP CHỦ YẾU" and "#" not in section.heading


def test_agency_group_and_document_records(portfolio: Portfolio) -> None:
    records = {r.url: r for r in portfolio_records(portfolio)}
    agency = records["co-quan/so-thong-tin-truyen-thong/"]
    assert (agency.kind, agency.heading) == (Kind.AGENCY, "Sở Thông tin và Truyền thông tỉnh Bình Thuận")
    assert agency.text == "Sở, cơ quan chuyên môn · Tên gọi khác: Sở Thông tin và Truyền thông, Sở TT&TT, Sở TTTT"
    assert (
        agency.names[0] == agency.heading
        and "Sở TT&TT" in agency.names
        and "Sở Thông tin và Truyền thông" in agency.names
    )
    group = records["nhom/cac-co-quan-lien-quan/"]
    assert group.kind == Kind.GROUP and "các cơ quan liên quan" in group.names
    document = records["van-ban/qd-1795-ttg-2015/"]
    assert document.heading == "Quyết định 1795/QĐ-TTg"
    assert document.names == ("Quyết định 1795/QĐ-TTg", "1795/QĐ-TTg")
    assert document.text.startswith("Quyết định số 1795/QĐ-TTg ngày 21/10/2015 · Thủ tướng Chính phủ · ")
    assert document.doc_type == "quyet-dinh"
    assert {r.kind for r in records.values()} == set(KIND_LABELS) - {Kind.PAGE}  # pages come from MkDocs


def test_page_sections_leave_out_permalinks_and_separate_table_cells() -> None:
    html = (
        '<h1 id="du-lieu-mo">Dữ liệu mở<a class="headerlink" href="#du-lieu-mo">#</a></h1>'
        "<p>Mở đầu.</p>"
        '<h2 id="tep">Các tệp<a class="headerlink" href="#tep">#</a></h2>'
        "<table><tr><th>Số hiệu</th><td>42-CT/TW</td><td>Chỉ thị</td></tr></table>"
        '<p data-search-exclude>In danh sách</p><script>var x = "<b>";</script>'
    )
    sections = page_sections(html)
    assert [(s.anchor, s.heading, s.text) for s in sections] == [
        ("du-lieu-mo", "Dữ liệu mở", "Mở đầu."),
        ("tep", "Các tệp", "Số hiệu 42-CT/TW Chỉ thị"),
    ]


@pytest.fixture(scope="module")
def written(portfolio: Portfolio, tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, SearchIndex]:
    routes = SiteBuild(portfolio).routes
    open_data = '<h1 id="du-lieu-mo">Dữ liệu mở</h1><p>Tệp mở.</p><h2 id="tep">Tệp CSV</h2><p>muc.csv</p>'
    index = SearchIndex(portfolio, routes, lambda route: ("Dữ liệu mở", open_data))
    index.add_page(
        "huong-dan-bien-tap.md",
        "huong-dan-bien-tap/",
        "Hướng dẫn biên tập",
        '<h1 id="huong-dan-bien-tap">Hướng dẫn biên tập</h1><p>Biên tập viên sửa dữ liệu.</p>'
        '<h2 id="vai-tro">Vai trò<a class="headerlink" href="#vai-tro">#</a></h2><p>Chủ trì, phối hợp.</p>',
    )
    # A generated page handed in as MkDocs renders it is left out: the model gives its records.
    index.add_page("co-quan/so-noi-vu/index.md", "co-quan/so-noi-vu/", "Sở Nội vụ", "<p>rendered duties</p>")
    index.add_page("van-ban/index.md", "van-ban/", "Văn bản pháp lý", "<p>a long list</p>")
    site = tmp_path_factory.mktemp("site")
    index.write(site)
    return site / "search", index


def _postings(folder: Path, term: str) -> dict[int, tuple[list[int], list[int]]]:
    """Decode one term's postings the way search.js does: record -> (heading, text positions)."""
    meta = json.loads((folder / "meta.json").read_text(encoding="utf-8"))
    heads = meta["shards"]
    number = max(i for i, head in enumerate(heads) if head <= term)
    flat = json.loads((folder / "i" / f"{number}.json").read_text(encoding="utf-8"))[term]
    out, record, i = {}, 0, 0
    while i < len(flat):
        record += flat[i]
        nh, nb = flat[i + 1], flat[i + 2]
        i += 3
        heading, body = [], []
        for count, positions in ((nh, heading), (nb, body)):
            position = 0
            for _ in range(count):
                position += flat[i]
                positions.append(position)
                i += 1
        out[record] = (heading, body)
    return out


def _record(folder: Path, record_id: int) -> list[str]:
    meta = json.loads((folder / "meta.json").read_text(encoding="utf-8"))
    size = meta["chunk"]
    rows = json.loads((folder / "r" / f"{record_id // size}.json").read_text(encoding="utf-8"))
    return rows[record_id % size]


def test_postings_point_to_the_records_and_positions_of_a_phrase(written: tuple[Path, SearchIndex]) -> None:
    folder, _ = written
    words = ["giam", "dinh", "xa", "hoi"]
    postings = [_postings(folder, w) for w in words]
    both = set.intersection(*(set(p) for p in postings))
    phrases = [
        record
        for record in both
        if any(all(start + k in postings[k][record][1] for k in range(4)) for start in postings[0][record][1])
    ]
    assert [_record(folder, r)[0] for r in phrases] == [PLAN + "#muc-ii-2-4"]


def test_numbers_are_one_term_and_headings_are_weighted(written: tuple[Path, SearchIndex]) -> None:
    folder, _ = written
    hits = _postings(folder, "42-ct/tw")
    urls = {_record(folder, r)[0]: positions for r, positions in hits.items()}
    # The third word of the name "Chỉ thị 42-CT/TW", and the whole of its second name, the number.
    assert urls["van-ban/ct-42-tw-2010/"][0] == [2, 1000]
    assert PLAN + "#muc-i-1" in urls
    ref = _postings(folder, "ii.2.4")
    assert [_record(folder, r)[0] for r, (heading, _) in ref.items() if heading] == [PLAN + "#muc-ii-2-4"]


def test_shards_are_sorted_as_javascript_compares_strings(written: tuple[Path, SearchIndex]) -> None:
    folder, _ = written
    meta = json.loads((folder / "meta.json").read_text(encoding="utf-8"))
    previous = ""
    for number, head in enumerate(meta["shards"]):
        terms = list(json.loads((folder / "i" / f"{number}.json").read_text(encoding="utf-8")))
        assert terms[0] == head
        keys = [t.encode("utf-16-be") for t in terms]
        assert keys == sorted(keys) and previous.encode("utf-16-be") < keys[0]
        previous = terms[-1]


def test_prose_and_index_pages_are_kept_and_model_pages_are_not(written: tuple[Path, SearchIndex]) -> None:
    _, index = written
    urls = {r.url: r for r in index.records()}
    assert urls["huong-dan-bien-tap/#vai-tro"].heading == "Hướng dẫn biên tập: Vai trò"
    assert urls["huong-dan-bien-tap/"].text == "Biên tập viên sửa dữ liệu."
    assert urls["van-ban/"].heading == "Văn bản pháp lý" and urls["van-ban/"].text == ""
    assert urls["du-lieu-mo/#tep"].heading == "Dữ liệu mở: Tệp CSV" and urls["du-lieu-mo/"].text == "Tệp mở."
    assert "" not in urls  # the home page only points elsewhere
    texts = " ".join(r.text for r in urls.values())
    assert "rendered duties" not in texts and "a long list" not in texts
    meta = json.loads((written[0] / "meta.json").read_text(encoding="utf-8"))
    assert meta["count"] == len(urls) == len(meta["rec"]["kind"]) == len(meta["rec"]["roles"])


def test_hostile_text_is_stored_as_plain_json_strings(portfolio: Portfolio, tmp_path: Path) -> None:
    """The index holds data as JSON strings; search.js shows them with textContent (never HTML)."""
    index = SearchIndex(portfolio, SiteBuild(portfolio).routes)
    payload = '<img src=x onerror="alert(1)">'
    index.add_page("x.md", "x/", "Trang", f"<h2 id='a'>Tiêu đề {payload.replace('<', '&lt;')}</h2><p>chữ</p>")
    index.write(tmp_path)
    rows = [row for f in sorted((tmp_path / "search" / "r").glob("*.json")) for row in json.loads(f.read_text())]
    assert ["x/#a", f"Trang: Tiêu đề {payload}", "chữ"] in rows


def test_the_open_data_page_is_indexed_by_section_as_the_site_renders_it(portfolio: Portfolio) -> None:
    records = [r for r in search_index(SiteBuild(portfolio)).records() if r.url.startswith("du-lieu-mo/")]
    assert records[0].url == "du-lieu-mo/" and records[0].heading == "Dữ liệu mở"
    sections = [r for r in records if "#" in r.url]
    assert len(sections) >= 3 and all(r.heading.startswith("Dữ liệu mở: ") for r in sections)
    assert not any("¶" in r.heading or r.heading.endswith("#") for r in records)
