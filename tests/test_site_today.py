"""Today on the site (issue 8): banners, inherited duties, "nay là", jurisdiction pages, names in context.

Pages are rendered by SiteBuild (the same HTML MkDocs publishes) and read back as a reader would: the
banner's words and links, the rows of the inherited-duty table, the link targets in the official text.
"""

from __future__ import annotations

import re
from html.parser import HTMLParser
from pathlib import Path

import pytest
from conftest import REPO_ROOT
from test_places import with_fixtures

from vnplans.data.load import load_portfolio
from vnplans.data.model import Portfolio
from vnplans.site.build import SiteBuild
from vnplans.site.routes import relative

PLAN = "2021-lien-hiep-hoi-khkt"


class _Block(HTMLParser):
    """The text and links of the first element with a given class, and the rows of tables with another."""

    def __init__(self, block_class: str, table_class: str = "") -> None:
        super().__init__(convert_charrefs=True)
        self.block_class, self.table_class = block_class, table_class
        self.depth = 0  # > 0 while inside the block
        self.text: list[str] = []
        self.links: list[tuple[str, str]] = []
        self.rows: list[list[str]] = []
        self._href: str | None = None
        self._link_text: list[str] = []
        self._in_table = 0
        self._row: list[str] | None = None
        self._cell: list[str] | None = None
        self.done = False

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        classes = (dict(attrs).get("class") or "").split()
        if self.depth:
            self.depth += 1
        elif not self.done and self.block_class in classes:
            self.depth = 1
        if tag == "table" and self.table_class and self.table_class in classes:
            self._in_table += 1
        if self._in_table and tag == "tr":
            self._row = []
        if self._row is not None and tag in ("td", "th"):
            self._cell = []
        if tag == "a":
            self._href, self._link_text = dict(attrs).get("href"), []

    def handle_endtag(self, tag: str) -> None:
        if tag == "a" and self._href is not None:
            if self.depth:
                self.links.append((self._href, " ".join("".join(self._link_text).split())))
            self._href = None
        if self._cell is not None and tag in ("td", "th") and self._row is not None:
            self._row.append(" ".join("".join(self._cell).split()))
            self._cell = None
        if tag == "tr" and self._row is not None:
            self.rows.append(self._row)
            self._row = None
        if tag == "table" and self._in_table:
            self._in_table -= 1
        if self.depth:
            self.depth -= 1
            if not self.depth:
                self.done = True

    def handle_data(self, data: str) -> None:
        if self.depth:
            self.text.append(data)
        if self._href is not None:
            self._link_text.append(data)
        if self._cell is not None:
            self._cell.append(data)


def read(body: str, block_class: str, table_class: str = "") -> _Block:
    parser = _Block(block_class, table_class)
    parser.feed(body)
    return parser


def text_of(block: _Block) -> str:
    return " ".join("".join(block.text).split())


def render(build: SiteBuild, url: str) -> str:
    route = next(r for r in build.routes if r.url == url)
    return str(build.render(route).body)


def target(from_url: str, href: str) -> str:
    """The site path a relative link on ``from_url`` points to."""
    base = from_url.rstrip("/").split("/") if from_url else []
    parts = list(base)
    path, _, fragment = href.partition("#")
    for part in path.split("/"):
        if part == "..":
            parts.pop()
        elif part and part != ".":
            parts.append(part)
    resolved = "/".join(parts) + ("/" if path.endswith("/") or not path else "")
    assert relative(from_url, resolved + (f"#{fragment}" if fragment else "")) == href
    return resolved + (f"#{fragment}" if fragment else "")


@pytest.fixture(scope="module")
def build(portfolio: Portfolio) -> SiteBuild:
    return SiteBuild(portfolio)


@pytest.mark.parametrize(
    ("agency", "successors", "basis", "when"),
    [
        ("so-ke-hoach-dau-tu", ["co-quan/so-tai-chinh/"], ["van-ban/nd-45-2025/"], "ngày chưa xác định"),
        (
            "so-thong-tin-truyen-thong",
            ["co-quan/so-khoa-hoc-cong-nghe/", "co-quan/so-van-hoa-the-thao-du-lich-binh-thuan/"],
            ["van-ban/nd-45-2025/", "van-ban/nd-43-2025/"],
            "ngày chưa xác định",
        ),
        (
            "so-lao-dong-thuong-binh-xa-hoi",
            [
                "co-quan/so-noi-vu/",
                "co-quan/so-giao-duc-dao-tao/",
                "co-quan/so-y-te-binh-thuan/",
                "co-quan/so-nong-nghiep-moi-truong-binh-thuan/",
                "co-quan/cong-an-tinh-binh-thuan/",
            ],
            ["van-ban/nd-45-2025/"],
            "ngày chưa xác định",
        ),
        ("bao-binh-thuan", ["co-quan/bao-phat-thanh-truyen-hinh-lam-dong/"], [], "ngày 01/07/2025"),
    ],
)
def test_a_body_that_no_longer_exists_shows_its_successors_date_and_basis(
    build: SiteBuild, agency: str, successors: list[str], basis: list[str], when: str
) -> None:
    url = f"co-quan/{agency}/"
    banner = read(render(build, url), "today-banner")
    words = text_of(banner)
    assert words.startswith("Cơ quan này không còn hoạt động (tình hình đến 01/12/2026)")
    assert when in words
    sentence = [target(url, href) for href, _ in banner.links]
    for successor in successors:
        assert successor in sentence, (successor, sentence)
    for document in basis:
        assert document in sentence, (document, sentence)


def test_the_banner_says_who_carries_the_duties_today(build: SiteBuild) -> None:
    url = "co-quan/so-ke-hoach-dau-tu/"
    now = read(render(build, url), "today-banner__now")
    assert text_of(now) == "Nhiệm vụ của cơ quan này nay do: Sở Tài chính tỉnh Lâm Đồng."
    assert [target(url, href) for href, _ in now.links] == ["co-quan/so-tai-chinh-lam-dong/"]
    split = read(render(build, "co-quan/so-thong-tin-truyen-thong/"), "today-banner__now")
    assert "hoặc" in text_of(split) and "chưa xác định" in text_of(split)


def test_a_body_that_exists_has_no_banner(build: SiteBuild) -> None:
    assert "today-banner" not in render(build, "co-quan/so-tai-chinh-lam-dong/")
    assert "today-banner" not in render(build, "co-quan/bo-noi-vu/")


def test_so_tai_chinh_lists_the_duties_it_inherited_from_so_ke_hoach_va_dau_tu(build: SiteBuild) -> None:
    url = f"co-quan/so-tai-chinh/{PLAN}/"
    sheet = read(render(build, url), "inherited-sheet", "inherited-sheet")
    from_kh = [row for row in sheet.rows[1:] if row[4].startswith("Sở Kế hoạch và Đầu tư tỉnh Bình Thuận →")]
    assert [(row[0], row[1]) for row in from_kh] == [
        ("II.1.1", "Thực hiện (qua nhóm các sở, ngành, địa phương)"),
        ("II.1.2", "Thực hiện (qua nhóm các sở, ngành, địa phương)"),
        ("II.3.3", "Thực hiện (qua nhóm các sở, ban, ngành, đoàn thể tỉnh và UBND các huyện, thị xã, thành phố)"),
        ("III.1.5", "Phối hợp"),
        ("III.4", "Phối hợp (qua nhóm các sở, ngành, địa phương)"),
        ("III.6", "Thực hiện"),
        ("III.7", "Thực hiện (qua nhóm các sở, ban, ngành, đoàn thể tỉnh và UBND các huyện, thị xã, thành phố)"),
    ]
    assert all(
        "Nghị định 45/2025/NĐ-CP" in row[4] and row[4].endswith("nay do Sở Tài chính tỉnh Lâm Đồng") for row in from_kh
    )
    summary = render(build, "co-quan/so-tai-chinh/")
    assert "Sở Kế hoạch và Đầu tư tỉnh Bình Thuận → Sở Tài chính tỉnh Bình Thuận" in text_of(
        read(summary, "today-predecessors")
    )


def test_a_successor_of_a_split_lists_duties_of_unknown_function_as_possible(build: SiteBuild) -> None:
    body = render(build, f"co-quan/so-van-hoa-the-thao-du-lich-lam-dong/{PLAN}/")
    possible = read(body, "inherited-sheet", "inherited-sheet")
    lead = [row for row in possible.rows if row[:2] == ["III.4", "Chủ trì"]]
    assert lead == [
        [
            "III.4",
            "Chủ trì",
            lead[0][2],
            "văn bản không nêu thời hạn",
            "Sở Thông tin và Truyền thông tỉnh Bình Thuận",
            "Sở Khoa học và Công nghệ tỉnh Lâm Đồng hoặc Sở Văn hóa, Thể thao và Du lịch tỉnh Lâm Đồng "
            "(chưa xác định: văn bản không cho biết chức năng của nhiệm vụ)",
        ]
    ]


def test_under_each_clause_a_body_that_ended_says_nay_la(build: SiteBuild) -> None:
    url = f"ke-hoach/{PLAN}/"
    body = render(build, url)
    clause = body[body.index('id="muc-ii-2-4"') : body.index('id="muc-ii-3"')]
    notes = re.findall(r'<span class="today-now">(.*?)</span>\s*</li>', clause, re.S)
    assert len(notes) == 3  # Sở Nội vụ, Sở Tài chính, UBND tỉnh; the group "các cơ quan liên quan" has none
    now = read(clause, "today-now")
    assert text_of(now) == "nay là Sở Nội vụ tỉnh Lâm Đồng"
    assert [target(url, href) for href, _ in now.links] == ["co-quan/so-noi-vu-lam-dong/"]


def test_the_jurisdiction_page_says_what_became_of_binh_thuan(build: SiteBuild) -> None:
    url = "dia-ban/binh-thuan/"
    banner = read(render(build, url), "today-banner")
    words = text_of(banner)
    assert "Tỉnh Bình Thuận được sáp nhập vào Tỉnh Lâm Đồng, ngày 01/07/2025" in words
    links = [target(url, href) for href, _ in banner.links]
    assert links[:2] == ["dia-ban/lam-dong/", "van-ban/nq-202-2025-qh15/"]


@pytest.fixture(scope="module")
def places_build(tmp_path_factory: pytest.TempPathFactory) -> SiteBuild:
    root = tmp_path_factory.mktemp("places-site")
    result = load_portfolio(with_fixtures(root), root)
    assert result.portfolio is not None, result.report.format_text()
    return SiteBuild(result.portfolio)


def linked(build: SiteBuild, url: str, anchor: str) -> dict[str, str]:
    """Words of the official text of one clause → the page they link to."""
    body = render(build, url)
    clause = body[body.index(f'id="{anchor}"') :]
    text = clause[: clause.index('class="clause__meta"')]
    return {words: target(url, href) for href, words in re.findall(r'<a href="([^"]+)">([^<]+)</a>', text)}


def test_a_second_provinces_names_link_to_its_own_bodies(places_build: SiteBuild) -> None:
    url = "ke-hoach/2024-son-mau-cai-cach-hanh-chinh/"
    assert linked(places_build, url, "muc-ii-1") == {
        "Sở Nội vụ": "co-quan/so-noi-vu-son-mau/",
        "Sở Kế hoạch và Đầu tư": "co-quan/so-ke-hoach-dau-tu-son-mau/",
        "UBND tỉnh": "co-quan/ubnd-tinh-son-mau/",
    }
    assert linked(places_build, url, "muc-ii-3") == {
        "Sở Nội vụ": "co-quan/so-noi-vu-son-mau/",
        "Tỉnh ủy": "co-quan/tinh-uy-son-mau/",
    }


def test_a_national_plans_ministry_is_the_ministry(places_build: SiteBuild) -> None:
    assert linked(places_build, "ke-hoach/2023-bo-khdt-du-lieu-mo/", "muc-i-1") == {
        "Bộ Kế hoạch và Đầu tư": "co-quan/bo-ke-hoach-dau-tu/",
        "Bộ Tài chính": "co-quan/bo-tai-chinh/",
    }


@pytest.mark.parametrize(
    "url",
    [
        f"ke-hoach/{PLAN}/",
        "co-quan/so-noi-vu/",
        f"co-quan/so-noi-vu/{PLAN}/",
        "co-quan/ubnd-tinh/",
        "co-quan/tinh-uy/",
        f"co-quan/so-ke-hoach-dau-tu/{PLAN}/",
        "nhom/cac-so-nganh-dia-phuong/",
        f"ke-hoach/{PLAN}/phan-cong/",
    ],
)
def test_the_seeds_pages_are_unchanged_by_another_provinces_plan(
    build: SiteBuild, places_build: SiteBuild, url: str
) -> None:
    assert render(places_build, url) == render(build, url)


def test_the_fixtures_use_no_editorial_mark(tmp_path: Path) -> None:
    for plan in (REPO_ROOT / "tests" / "fixtures" / "places" / "plans").glob("*.yaml"):
        assert "editorial" not in plan.read_text(encoding="utf-8"), plan.name


def csv_rows(build: SiteBuild, name: str) -> list[dict[str, str]]:
    import csv
    import io

    from vnplans.site.opendata import DATASETS

    content = build.files()[f"du-lieu-mo/{name}"].decode("utf-8-sig")
    # The CSV's headers are Vietnamese; read each value by the key the open-data page documents for it.
    fields = next(d.fields for d in DATASETS if d.path == f"du-lieu-mo/{name}")
    keys = {header: key for key, header, _ in fields}
    return [{keys[h]: v for h, v in row.items()} for row in csv.DictReader(io.StringIO(content))]


def test_open_data_gives_each_duty_its_present_day_holders(build: SiteBuild) -> None:
    rows = {(r["plan_id"], r["clause_ref"], r["actor_id"]): r for r in csv_rows(build, "phan-cong.csv")}
    finance = rows[(PLAN, "II.2.4", "so-tai-chinh")]
    assert (finance["now_ids"], finance["now_names"], finance["now_status"]) == (
        "so-tai-chinh-lam-dong",
        "Sở Tài chính tỉnh Lâm Đồng",
        "da-xac-minh",
    )
    split = rows[(PLAN, "III.4", "so-thong-tin-truyen-thong")]
    assert split["now_status"] == "chua-xac-dinh"
    assert set(split["now_ids"].split(";")) == {
        "so-khoa-hoc-cong-nghe-lam-dong",
        "so-van-hoa-the-thao-du-lich-lam-dong",
    }
    group = rows[(PLAN, "II.1.1", "cac-so-nganh-dia-phuong")]
    assert (group["now_ids"], group["now_status"]) == ("", "con-hoat-dong")


def test_open_data_lists_the_succession_events_and_jurisdictions(build: SiteBuild) -> None:
    events = csv_rows(build, "ke-thua.csv")
    kh = [e for e in events if e["from_id"] == "so-ke-hoach-dau-tu"]
    assert [(e["kind"], e["to_id"], e["certainty"], e["basis"], e["generated"], e["date"]) for e in kh] == [
        ("sap-nhap", "so-tai-chinh", "da-xac-minh", "nd-45-2025", "false", "")
    ]
    places = {r["id"]: r for r in csv_rows(build, "dia-ban.csv")}
    assert (places["binh-thuan"]["until"], places["binh-thuan"]["url"]) == ("2025-06-30", "dia-ban/binh-thuan/")
