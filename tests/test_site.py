"""The built site, read as HTML: anchors, links both ways, duties, documents, no broken links.

The site is built once for this module with ``mkdocs build --strict`` from the real data.
"""

from __future__ import annotations

import os
import posixpath
import shutil
import subprocess
import sys
from dataclasses import dataclass, field
from html.parser import HTMLParser
from pathlib import Path
from urllib.parse import unquote, urlsplit

import pytest

from vnplans.data.load import load_portfolio
from vnplans.data.model import Portfolio, Role

REPO = Path(__file__).resolve().parent.parent
PLAN_ID = "2021-lien-hiep-hoi-khkt"


def build_site(repo: Path, out: Path) -> subprocess.CompletedProcess[str]:
    env = {**os.environ, "NO_MKDOCS_2_WARNING": "1"}
    return subprocess.run(
        [sys.executable, "-m", "mkdocs", "build", "--strict", "-q", "-d", str(out)],
        cwd=repo,
        capture_output=True,
        text=True,
        env=env,
        timeout=300,
    )


@dataclass
class Page:
    """What the tests need of one HTML page."""

    ids: set[str] = field(default_factory=set)
    links: list[tuple[str, str, str | None]] = field(default_factory=list)  # (href, text, section id)
    resources: list[str] = field(default_factory=list)
    text: str = ""
    rows: list[Row] = field(default_factory=list)  # table rows, in order


@dataclass
class Row:
    """A table row: each cell's text, and the links in it as (href, text)."""

    cells: list[str] = field(default_factory=list)
    links: list[list[tuple[str, str]]] = field(default_factory=list)
    table: str = ""  # the class of the table it is in


class _PageParser(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.page = Page()
        self._link: list[str] | None = None
        self._href = ""
        self._section_stack: list[str | None] = []
        self._heading_id: str | None = None
        self._texts: list[str] = []
        self._row: Row | None = None
        self._cell: list[str] | None = None
        self._tables: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        a = dict(attrs)
        if a.get("id"):
            self.page.ids.add(str(a["id"]))
        if tag == "section":
            self._section_stack.append(None)
        headed = tag in ("h2", "h3", "h4", "h5", "h6") and a.get("id")
        if headed and self._section_stack and self._section_stack[-1] is None:
            self._section_stack[-1] = str(a["id"])
        if tag == "a" and a.get("href") is not None:
            self._link, self._href = [], str(a["href"])
        if tag == "table":
            self._tables.append(str(a.get("class") or ""))
        if tag == "tr":
            self._row = Row(table=self._tables[-1] if self._tables else "")
        if tag in ("td", "th") and self._row is not None:
            self._cell = []
            self._row.links.append([])
        if tag in ("script", "img", "iframe") and a.get("src"):
            self.page.resources.append(str(a["src"]))
        if tag == "link" and a.get("href") and a.get("rel") in ("stylesheet", "preload", "icon", "manifest"):
            self.page.resources.append(str(a["href"]))

    def handle_endtag(self, tag: str) -> None:
        if tag == "a" and self._link is not None:
            section = next((s for s in reversed(self._section_stack) if s), None)
            self.page.links.append((self._href, "".join(self._link).strip(), section))
            if self._cell is not None and self._row is not None:
                self._row.links[-1].append((self._href, " ".join("".join(self._link).split())))
            self._link = None
        if tag in ("td", "th") and self._cell is not None and self._row is not None:
            self._row.cells.append(" ".join("".join(self._cell).split()))
            self._cell = None
        if tag == "tr" and self._row is not None:
            self.page.rows.append(self._row)
            self._row = None
        if tag == "section" and self._section_stack:
            self._section_stack.pop()
        if tag == "table" and self._tables:
            self._tables.pop()

    def handle_data(self, data: str) -> None:
        if self._link is not None:
            self._link.append(data)
        if self._cell is not None:
            self._cell.append(data)
        self._texts.append(data)

    def close(self) -> None:
        super().close()
        self.page.text = " ".join(" ".join(self._texts).split())


@dataclass
class Site:
    root: Path
    pages: dict[str, Page]  # URL path ("co-quan/so-tai-chinh/") → page

    def page(self, url: str) -> Page:
        return self.pages[url]

    def resolve(self, from_url: str, href: str) -> tuple[str, str]:
        """(target URL path, fragment) of a relative link found on ``from_url``."""
        parts = urlsplit(href)
        base = from_url if from_url.endswith("/") or from_url == "" else posixpath.dirname(from_url) + "/"
        if parts.path.startswith("/"):  # root-relative links (Material's 404 page uses them)
            base = ""
        path = unquote(parts.path).lstrip("/")
        target = posixpath.normpath(posixpath.join(base, path)) if parts.path else from_url
        if target == ".":
            target = ""
        if (parts.path.endswith("/") or parts.path.endswith("/.")) and target and not target.endswith("/"):
            target += "/"
        return target, parts.fragment


@pytest.fixture(scope="module")
def site(tmp_path_factory: pytest.TempPathFactory) -> Site:
    out = tmp_path_factory.mktemp("site")
    result = build_site(REPO, out)
    assert result.returncode == 0, result.stdout + result.stderr
    pages = {}
    for html in out.rglob("*.html"):
        rel = html.relative_to(out).as_posix()
        url = "" if rel == "index.html" else rel[: -len("index.html")] if rel.endswith("/index.html") else rel
        parser = _PageParser()
        parser.feed(html.read_text(encoding="utf-8"))
        parser.close()
        pages[url] = parser.page
    return Site(out, pages)


@pytest.fixture(scope="module")
def portfolio() -> Portfolio:
    result = load_portfolio(REPO / "data")
    assert result.portfolio is not None, result.report.format_text()
    return result.portfolio


def test_every_clause_has_its_anchor_on_the_plan_page(site: Site, portfolio: Portfolio) -> None:
    plan = portfolio.plan(PLAN_ID)
    page = site.page(f"ke-hoach/{PLAN_ID}/")
    anchors = [clause.anchor for clause in plan.clauses()]
    assert len(anchors) == 44
    missing = [a for a in anchors if a not in page.ids]
    assert missing == []
    # each clause has a visible permalink to itself
    permalinks = {href for href, _, _ in page.links if href.startswith("#muc-") or href in ("#mo-dau", "#doan-ket")}
    assert {f"#{a}" for a in anchors} <= permalinks


def test_role_and_basis_links_under_each_clause_resolve_to_the_right_pages(site: Site, portfolio: Portfolio) -> None:
    plan = portfolio.plan(PLAN_ID)
    page_url = f"ke-hoach/{PLAN_ID}/"
    page = site.page(page_url)
    by_section: dict[str, set[str]] = {}
    for href, _, section in page.links:
        if section and not href.startswith(("#", "http")):
            target, _ = site.resolve(page_url, href)
            by_section.setdefault(section, set()).add(target)
    checked = 0
    for clause in plan.clauses():
        linked = by_section.get(clause.anchor, set())
        for assignment in clause.roles:
            prefix = "nhom" if assignment.actor_id in portfolio.group_ids else "co-quan"
            assert f"{prefix}/{assignment.actor_id}/" in linked, (clause.ref, assignment)
            assert f"{prefix}/{assignment.actor_id}/" in site.pages
            checked += 1
        for ref in clause.basis:
            assert f"van-ban/{ref.document_id}/" in linked, (clause.ref, ref)
            checked += 1
    assert checked > 60


def test_iii_4_names_the_lead_and_six_partners_with_links(site: Site) -> None:
    page_url = f"ke-hoach/{PLAN_ID}/"
    targets = [site.resolve(page_url, h)[0] for h, _, s in site.page(page_url).links if s == "muc-iii-4"]
    for agency in (
        "so-thong-tin-truyen-thong",
        "ban-tuyen-giao-tinh-uy",
        "uy-ban-mttq-tinh",
        "lien-hiep-hoi-khkt-tinh",
        "dai-phat-thanh-truyen-hinh",
        "bao-binh-thuan",
    ):
        assert f"co-quan/{agency}/" in targets
    assert "nhom/cac-so-nganh-dia-phuong/" in targets


def _duty_refs(site: Site, url: str, heading_prefix: str) -> list[str]:
    """Clause refs of the duties listed under headings whose id starts with ``heading_prefix``."""
    page = site.page(url)
    ids = sorted(i for i in page.ids if i.startswith(heading_prefix))
    return ids


def test_so_tai_chinh_page_sums_up_its_duties_per_plan_and_links_to_them(site: Site) -> None:
    url = "co-quan/so-tai-chinh/"
    page = site.page(url)
    row = next(r for r in page.rows if r.links and r.links[0])  # the header row has no link
    # columns: plan, CT TH PH TM BC, shared with a group, inherited (from Sở KHĐT), the plan's duty sheet
    assert row.cells[1:8] == ["0", "1", "1", "0", "0", "5", "7"]
    assert row.cells[8] == "7 nhiệm vụ, 7 nhiệm vụ kế thừa"
    assert site.resolve(url, row.links[8][0][0]) == (f"co-quan/so-tai-chinh/{PLAN_ID}/", "")
    assert site.resolve(url, row.links[0][0][0]) == (f"ke-hoach/{PLAN_ID}/", "")
    # the role anchors of the page as it was published stay on it
    assert {"chu-tri", "thuc-hien", "phoi-hop", "chung-voi-nhom"} <= page.ids


def test_so_tai_chinh_duty_sheet_has_a_row_per_duty_linked_to_its_quote(site: Site) -> None:
    url = f"co-quan/so-tai-chinh/{PLAN_ID}/"
    page = site.page(url)
    sheet = [
        r
        for r in page.rows
        if "inherited-sheet" not in r.table
        and r.cells
        and r.cells[0] in {"III.3", "II.2.4", "II.1.1", "II.1.2", "II.3.3", "III.4", "III.7"}
    ]
    assert [(r.cells[0], r.cells[1]) for r in sheet] == [
        ("III.3", "Thực hiện"),
        ("II.2.4", "Phối hợp"),
        ("II.1.1", "Thực hiện (qua nhóm các sở, ngành, địa phương)"),
        ("II.1.2", "Thực hiện (qua nhóm các sở, ngành, địa phương)"),
        ("II.3.3", "Thực hiện (qua nhóm các sở, ban, ngành, đoàn thể tỉnh và UBND các huyện, thị xã, thành phố)"),
        ("III.4", "Phối hợp (qua nhóm các sở, ngành, địa phương)"),
        ("III.7", "Thực hiện (qua nhóm các sở, ban, ngành, đoàn thể tỉnh và UBND các huyện, thị xã, thành phố)"),
    ]
    iii_3 = sheet[0]
    assert iii_3.cells[2] == "Trên cơ sở đề nghị của các sở, ban, ngành, Sở Tài chính tổng hợp, tham …"
    assert iii_3.cells[4] == "văn bản không nêu thời hạn"
    assert [site.resolve(url, h)[0] for h, _ in iii_3.links[5]] == ["van-ban/luat-nsnn-2015/"]
    # each row's clause number links to the quote below it, which links to the clause in the plan
    for row in sheet:
        target, anchor = site.resolve(url, row.links[0][0][0])
        assert target == url and anchor in page.ids, row.cells
    targets = {site.resolve(url, h) for h, _, _ in page.links}
    for anchor in ("muc-ii-2-4", "muc-iii-3", "muc-ii-1-1", "muc-ii-1-2", "muc-ii-3-3", "muc-iii-7"):
        assert (f"ke-hoach/{PLAN_ID}/", anchor) in targets
    assert f"phoi-hop-{PLAN_ID}-muc-ii-2-4" in page.ids
    assert f"thuc-hien-{PLAN_ID}-muc-iii-3" in page.ids
    text = page.text
    assert "Phối hợp (1)" in text and "Thực hiện (1)" in text and "Nhiệm vụ chung với nhóm (5)" in text


def test_document_page_shows_the_implementation_chain_and_citing_clauses(site: Site) -> None:
    url = "van-ban/ct-42-tw-2010/"
    page = site.page(url)
    targets = [site.resolve(url, h) for h, _, _ in page.links]
    # 42-CT/TW → 93-KL/TW → 15-KH/TU → the plan, both as a chain and as "continued by"
    for target in ("van-ban/kl-93-tw-2020/", "van-ban/kh-15-tu-2021-binh-thuan/", f"ke-hoach/{PLAN_ID}/"):
        assert (target, "") in targets
    # the lược đồ: each relation under its kind (tests/test_reader.py checks the groups one by one)
    assert "Được tiếp tục bởi Kết luận 93-KL/TW" in " ".join(page.text.split())
    for anchor in ("mo-dau", "muc-i-1", "muc-ii-1", "muc-ii-1-1"):
        assert (f"ke-hoach/{PLAN_ID}/", anchor) in targets
    assert (f"van-ban/ct-42-tw-2010/{PLAN_ID}/", "") in targets  # the citing clauses, quoted
    quotes = site.page(f"van-ban/ct-42-tw-2010/{PLAN_ID}/")
    assert f"dc-{PLAN_ID}-muc-ii-1-1" in quotes.ids
    # and the other way: 93-KL/TW says what it continues
    assert "Tiếp tục thực hiện Chỉ thị 42-CT/TW" in " ".join(site.page("van-ban/kl-93-tw-2020/").text.split())


def test_misattributed_document_keeps_the_text_and_corrects_the_metadata(site: Site) -> None:
    plan_text = site.page(f"ke-hoach/{PLAN_ID}/").text
    assert "Nghị quyết số 18-NQ/TW và Kết luận số 102-KL/TW ngày 22/9/2014 của Bộ Chính trị" in plan_text
    doc_text = site.page("van-ban/nq-18-tw-2017/").text
    assert "Ban Chấp hành Trung ương Đảng khóa XII" in doc_text


def test_unknown_plan_number_and_date_are_visibly_unknown(site: Site) -> None:
    text = site.page(f"ke-hoach/{PLAN_ID}/").text
    assert "Số hiệu chưa xác định" in text
    assert "Ngày ban hành chưa xác định" in text


def test_no_internal_link_or_anchor_is_broken(site: Site) -> None:
    broken = []
    for url, page in site.pages.items():
        for href, _, _ in page.links:
            parts = urlsplit(href)
            if parts.scheme or href.startswith(("mailto:", "//")):
                continue
            target, fragment = site.resolve(url, href)
            if not parts.path:
                target = url
            file = site.root / (target + "index.html" if target.endswith("/") or target == "" else target)
            if not file.exists():
                broken.append(f"{url or '/'}: {href} → missing {target}")
            elif fragment and target in site.pages and fragment not in site.pages[target].ids:
                broken.append(f"{url or '/'}: {href} → no anchor #{fragment}")
    assert broken == []


def test_no_page_loads_anything_from_another_host(site: Site) -> None:
    foreign = [(url, r) for url, page in site.pages.items() for r in page.resources if urlsplit(r).netloc]
    assert foreign == []
    for js in site.root.rglob("*.html"):
        assert "fonts.googleapis.com" not in js.read_text(encoding="utf-8")


def test_record_pages_stay_out_of_the_sidebar(site: Site) -> None:
    home = site.page("")
    nav_targets = {site.resolve("", h)[0] for h, _, _ in home.links}
    assert "co-quan/" in nav_targets
    assert not any(t.startswith("co-quan/so-") for t in nav_targets)


def test_edit_button_opens_the_yaml_file(site: Site) -> None:
    edit = [h for h, _, _ in site.page("co-quan/so-tai-chinh/").links if "/edit/" in h]
    assert edit and edit[0].endswith("/edit/main/data/agencies.yaml")
    edit = [h for h, _, _ in site.page(f"ke-hoach/{PLAN_ID}/").links if "/edit/" in h]
    assert edit and edit[0].endswith(f"/edit/main/data/plans/{PLAN_ID}.yaml")
    edit = [h for h, _, _ in site.page("van-ban/").links if "/edit/" in h]
    assert edit and edit[0].endswith("/edit/main/data/documents.yaml")
    edit = [h for h, _, _ in site.page("huong-dan-bien-tap/").links if "/edit/" in h]
    assert edit and edit[0].endswith("/edit/main/docs/huong-dan-bien-tap.md")


def test_open_data_files_are_published(site: Site) -> None:
    for name in (
        "ke-hoach.json",
        "muc.csv",
        "phan-cong.csv",
        "co-quan.json",
        "co-quan.csv",
        "van-ban.json",
        "van-ban.csv",
        "schemas/plan.schema.json",
    ):
        assert (site.root / "du-lieu-mo" / name).is_file(), name
    matrix = (site.root / "ke-hoach" / PLAN_ID / f"ma-tran-phan-cong-{PLAN_ID}.csv").read_text(encoding="utf-8-sig")
    header, *rows = matrix.splitlines()
    assert "Sở Tài chính" in header
    ii_2_4 = next(r for r in rows if r.startswith("II.2.4,"))
    assert ii_2_4.count(Role.COORDINATE.label) >= 2


def test_home_page_plans_index_and_validator_count_the_same_clauses(site: Site, portfolio: Portfolio) -> None:
    """One definition (Plan.clause_count): numbered items and appendix rows, not the opening and closing."""
    plan = portfolio.plan(PLAN_ID)
    unnumbered = [c.ref for c in plan.clauses() if not c.number]
    assert unnumbered == [plan.opening.ref, plan.closing.ref]  # type: ignore[union-attr]
    assert plan.clause_count == len(list(plan.clauses())) - 2
    total = sum(p.clause_count for p in portfolio.plans)
    assert f"{total} mục có đánh số" in " ".join(site.page("").text.split())
    assert f" {plan.clause_count} Bảng phân công" in " ".join(site.page("ke-hoach/").text.split())
    validate = subprocess.run(
        [sys.executable, str(REPO / "scripts" / "validate")], capture_output=True, text=True, timeout=120, check=False
    )
    assert f", {total} mục, " in validate.stdout, validate.stdout + validate.stderr


def test_broken_data_fails_the_build_with_the_validator_message(tmp_path: Path) -> None:
    repo = tmp_path / "repo"
    repo.mkdir()
    for name in ("mkdocs.yml", "hooks", "vnplans", "schemas", "docs", "overrides", "data"):
        source = REPO / name
        (shutil.copytree if source.is_dir() else shutil.copy)(source, repo / name)
    plan = repo / "data" / "plans" / f"{PLAN_ID}.yaml"
    plan.write_text(
        plan.read_text(encoding="utf-8").replace("thuc-hien: [so-noi-vu]", "thuc-hien: [so-noi-vuu]", 1),
        encoding="utf-8",
    )
    result = build_site(repo, tmp_path / "out")
    assert result.returncode != 0
    output = result.stdout + result.stderr
    assert "không có cơ quan hoặc nhóm mã 'so-noi-vuu' (có phải là 'so-noi-vu'?)" in output
    assert f"data/plans/{PLAN_ID}.yaml:" in output
    assert "Traceback" not in output


def test_export_writes_the_same_pages_without_mkdocs(tmp_path: Path) -> None:
    result = subprocess.run(
        [sys.executable, str(REPO / "scripts" / "export-pages"), str(tmp_path / "out")],
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert result.returncode == 0, result.stderr
    page = (tmp_path / "out" / "co-quan" / "so-tai-chinh" / PLAN_ID / "index.md").read_text(encoding="utf-8")
    assert page.startswith('---\ntitle: "Sở Tài chính tỉnh Bình Thuận: nhiệm vụ trong Kế hoạch')
    assert '<a href="../../../ke-hoach/2021-lien-hiep-hoi-khkt/#muc-ii-2-4">Mục II.2.4</a>' in page
    body = page.split("\n---\n", 1)[1]
    assert "\n\n" not in body.strip()  # one HTML block: Markdown passes it through as it is
