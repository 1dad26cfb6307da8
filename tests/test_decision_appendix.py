"""A plan issued with its Quyết định and carrying a Phụ lục table: model, full text and site.

The plan is written beside a copy of ``data/`` (with its Quyết định added to documents.yaml), so it is
loaded by the same stages as the real data: schema, records (numbering), cross-references.
"""

from __future__ import annotations

import re
import shutil
from pathlib import Path

import pytest

from vnplans.data.fulltext import (
    body_of,
    document_heading,
    normalize_for_comparison,
    official_paragraphs,
    official_text,
    source_text_normalized,
)
from vnplans.data.load import load_portfolio
from vnplans.data.model import Plan, Portfolio, Role
from vnplans.site.build import SiteBuild
from vnplans.site.duties import all_duties
from vnplans.site.opendata import plans_json

REPO = Path(__file__).resolve().parent.parent
PLAN_ID = "2023-thu-nghiem-phu-luc"
DECISION_ID = "qd-99-ubnd-2023"

DECISION_DOCUMENT = """\
  - id: qd-99-ubnd-2023
    type: quyet-dinh
    number: 99/QĐ-UBND
    date: 10/01/2023
    issuer: Chủ tịch UBND tỉnh Bình Thuận
    title: Về việc ban hành Kế hoạch thử nghiệm năm 2023
    verification: chua-xac-minh
    relations:
      - type: phe-chuan
        target: 2023-thu-nghiem-phu-luc
"""

PLAN = """\
# yaml-language-server: $schema=../../schemas/plan.schema.json
id: 2023-thu-nghiem-phu-luc
type: ke-hoach
number: {unknown: "Văn bản không có số hiệu riêng: được ban hành kèm theo Quyết định số 99/QĐ-UBND."}
date: 10/01/2023
issuer:
  agency: ubnd-tinh
title: Thử nghiệm năm 2023
decision:
  document: qd-99-ubnd-2023
  authority: CHỦ TỊCH ỦY BAN NHÂN DÂN TỈNH BÌNH THUẬN
  title: Về việc ban hành Kế hoạch thử nghiệm năm 2023
  preamble: |-
    Căn cứ Luật Tổ chức chính quyền địa phương ngày 19 tháng 6 năm 2015;

    Theo đề nghị của Giám đốc Sở Nội vụ.
  articles:
    - number: "1"
      text: Ban hành kèm theo Quyết định này Kế hoạch thử nghiệm năm 2023.
    - number: "2"
      text: Giám đốc Sở Nội vụ và các cơ quan, đơn vị liên quan căn cứ Quyết định thi hành./.
  signer:
    authority: KT. CHỦ TỊCH
    position: PHÓ CHỦ TỊCH
    name: Nguyễn Văn An
sections:
  - number: I
    title: NHIỆM VỤ
    text: Các nhiệm vụ được phân công tại Phụ lục kèm theo Kế hoạch này.
signer:
  authority: TM. ỦY BAN NHÂN DÂN
  position: CHỦ TỊCH
  name: Trần Văn B
appendices:
  - title: |-
      PHỤ LỤC
      DANH MỤC NHIỆM VỤ NĂM 2023
    caption: (Kèm theo Kế hoạch thử nghiệm năm 2023)
    items:
      - number: I
        title: CHUYỂN ĐỔI SỐ
        items:
          - number: "1"
            text: |-
              Xây dựng kho dữ liệu dùng chung
              Cơ quan chủ trì: Sở Thông tin và Truyền thông
              Cơ quan phối hợp: Sở Nội vụ
              Thời gian hoàn thành: Quý II/2023
            roles:
              chu-tri: [so-thong-tin-truyen-thong]
              phoi-hop: [so-noi-vu]
            deadline:
              text: Quý II/2023
      - number: II
        title: TÀI CHÍNH
        items:
          - number: "2"
            text: |-
              Bố trí kinh phí thực hiện
              Cơ quan chủ trì: Sở Tài chính
            roles:
              chu-tri: [so-tai-chinh]
source:
  note: Kế hoạch viết tay cho kiểm thử.
"""


@pytest.fixture(scope="module")
def portfolio(tmp_path_factory: pytest.TempPathFactory) -> Portfolio:
    root = tmp_path_factory.mktemp("decision")
    data = root / "data"
    shutil.copytree(REPO / "data", data)
    documents = data / "documents.yaml"
    documents.write_text(documents.read_text(encoding="utf-8") + DECISION_DOCUMENT, encoding="utf-8")
    (data / "plans" / f"{PLAN_ID}.yaml").write_text(PLAN, encoding="utf-8")
    result = load_portfolio(data, root)
    assert not result.report.errors and not result.report.warnings, result.report.format_text()
    assert result.portfolio is not None
    return result.portfolio


@pytest.fixture(scope="module")
def plan(portfolio: Portfolio) -> Plan:
    return portfolio.plan(PLAN_ID)


@pytest.fixture(scope="module")
def pages(portfolio: Portfolio) -> dict[str, str]:
    return {page.route.url: str(page.body) for page in SiteBuild(portfolio).pages()}


# --- model -----------------------------------------------------------------------------------------


def test_the_decision_is_a_typed_record(plan: Plan) -> None:
    decision = plan.decision
    assert decision is not None
    assert (decision.document_id, decision.authority) == (DECISION_ID, "CHỦ TỊCH ỦY BAN NHÂN DÂN TỈNH BÌNH THUẬN")
    assert [(a.number, a.anchor) for a in decision.articles] == [("1", "dieu-1"), ("2", "dieu-2")]
    assert decision.signer is not None and decision.signer.name == "Nguyễn Văn An"
    assert plan.note is None


def test_appendix_rows_are_clauses_with_refs_and_anchors(plan: Plan) -> None:
    (appendix,) = plan.appendices
    assert (appendix.ref, appendix.anchor) == ("PL1", "muc-pl1")
    assert appendix.caption == "(Kèm theo Kế hoạch thử nghiệm năm 2023)"
    rows = {c.ref: c for c in plan.clauses() if c.ref.startswith("PL")}
    assert [(ref, c.label, c.anchor) for ref, c in rows.items()] == [
        ("PL1.I", "I.", "muc-pl1-i"),
        ("PL1.I.1", "1.", "muc-pl1-i-1"),
        ("PL1.II", "II.", "muc-pl1-ii"),
        ("PL1.II.2", "2.", "muc-pl1-ii-2"),  # the TT column goes on counting across group rows
    ]
    row = rows["PL1.I.1"]
    assert [(r.role.value, r.actor_id) for r in row.roles] == [
        ("chu-tri", "so-thong-tin-truyen-thong"),
        ("phoi-hop", "so-noi-vu"),
    ]
    assert row.deadline is not None and row.deadline.normalized == "2023-Q2"


def test_clauses_follow_document_order_with_the_appendix_last(plan: Plan) -> None:
    assert [c.ref for c in plan.clauses()] == ["I", "PL1.I", "PL1.I.1", "PL1.II", "PL1.II.2"]


def test_appendix_duties_reach_the_agency(portfolio: Portfolio) -> None:
    duties = all_duties(portfolio)["so-thong-tin-truyen-thong"]
    (lead,) = [d for d in duties.by_role[Role.LEAD] if d.plan.id == PLAN_ID]
    assert lead.clause.ref == "PL1.I.1"
    assert [h.ref for h in lead.context.headings] == ["PL1.I"]  # the group row, quoted above the row


def test_open_data_carries_the_decision_and_the_appendix(portfolio: Portfolio) -> None:
    entry = next(p for p in plans_json(portfolio)["plans"] if p["id"] == PLAN_ID)
    assert entry["decision"]["document"] == DECISION_ID
    text = "Ban hành kèm theo Quyết định này Kế hoạch thử nghiệm năm 2023."
    first_article = {"number": "1", "anchor": "dieu-1", "text": text}
    assert entry["decision"]["articles"][0] == first_article
    assert entry["appendices"][0]["items"][0]["items"][0]["url"] == f"ke-hoach/{PLAN_ID}/#muc-pl1-i-1"


# --- full text -------------------------------------------------------------------------------------


def test_official_text_runs_decision_plan_signature_appendix(plan: Plan) -> None:
    paragraphs = official_paragraphs(plan)
    assert paragraphs[:6] == [
        "QUYẾT ĐỊNH",
        "Về việc ban hành Kế hoạch thử nghiệm năm 2023",
        "CHỦ TỊCH ỦY BAN NHÂN DÂN TỈNH BÌNH THUẬN",
        "Căn cứ Luật Tổ chức chính quyền địa phương ngày 19 tháng 6 năm 2015;",
        "Theo đề nghị của Giám đốc Sở Nội vụ.",
        "QUYẾT ĐỊNH:",
    ]
    assert paragraphs[6] == "Điều 1. Ban hành kèm theo Quyết định này Kế hoạch thử nghiệm năm 2023."
    assert paragraphs[8:12] == ["KT. CHỦ TỊCH\nPHÓ CHỦ TỊCH", "Nguyễn Văn An", "KẾ HOẠCH", "Thử nghiệm năm 2023"]
    after_signature = paragraphs[paragraphs.index("Trần Văn B") + 1 :]
    assert after_signature[:4] == [
        "PHỤ LỤC\nDANH MỤC NHIỆM VỤ NĂM 2023",
        "(Kèm theo Kế hoạch thử nghiệm năm 2023)",
        "I. CHUYỂN ĐỔI SỐ",
        "1. Xây dựng kho dữ liệu dùng chung\nCơ quan chủ trì: Sở Thông tin và Truyền thông\n"
        "Cơ quan phối hợp: Sở Nội vụ\nThời gian hoàn thành: Quý II/2023",
    ]


def test_a_source_with_its_decision_is_compared_from_the_decision(plan: Plan) -> None:
    """``body_of`` skips the header above ``QUYẾT ĐỊNH`` and keeps the Quyết định's words."""
    header = "ỦY BAN NHÂN DÂN\nTỈNH BÌNH THUẬN\n\nSố: 99/QĐ-UBND\n\n"
    source = source_text_normalized(header + official_text(plan))
    assert document_heading(plan) == "QUYẾT ĐỊNH"
    body = body_of(source, document_heading(plan))
    assert normalize_for_comparison(body) == normalize_for_comparison(official_text(plan))
    assert body_of(source, plan.type_label).startswith("KẾ HOẠCH")  # the old behaviour would lose the decision


# --- site ------------------------------------------------------------------------------------------


def test_plan_page_shows_the_decision_as_official_text(pages: dict[str, str]) -> None:
    page = pages[f"ke-hoach/{PLAN_ID}/"]
    official = page.index('<div class="official-text"')
    decision = page.index('<section class="decision"')
    plan_text = page.index('<p class="official-text__type">KẾ HOẠCH</p>')
    assert official < decision < plan_text
    assert '<h3 id="dieu-1" class="clause__ref"><a class="clause__permalink" href="#dieu-1">Điều 1</a></h3>' in page
    assert (
        '<p class="clause__text"><span class="clause__label">Điều 1.</span> Ban hành kèm theo Quyết định này '
        "Kế hoạch thử nghiệm năm 2023.</p>"
    ) in page
    # never inside an editorial note or block
    for note in re.findall(r'<(?:div|span) class="editorial-[^"]*">.*?</(?:div|span)>', page, re.S):
        assert "Ban hành kèm theo Quyết định này" not in note
    assert "editorial-block" not in page
    assert '<p class="decision__preamble">Căn cứ Luật Tổ chức chính quyền địa phương' in page
    assert 'Ban hành kèm theo</th><td><a href="../../van-ban/qd-99-ubnd-2023/">Quyết định số 99/QĐ-UBND' in page


def test_plan_page_shows_the_appendix_rows_with_anchors_and_roles(pages: dict[str, str]) -> None:
    page = pages[f"ke-hoach/{PLAN_ID}/"]
    signature = page.index('<p class="signature__name">Trần Văn B</p>')
    appendix = page.index('<h2 id="muc-pl1" class="appendix__title">PHỤ LỤC<br>DANH MỤC NHIỆM VỤ NĂM 2023')
    assert signature < appendix
    toc = page[page.index('<details class="fold plan-toc"') : page.index("</nav>")]
    assert '<li><a href="#quyet-dinh">Quyết định ban hành kèm theo</a></li>' in toc
    assert '<li><a href="#muc-pl1">PHỤ LỤC DANH MỤC NHIỆM VỤ NĂM 2023</a></li>' in toc
    assert '<h3 id="muc-pl1-i" class="clause__section-title">I. CHUYỂN ĐỔI SỐ' in page
    row = page.index(
        '<h4 id="muc-pl1-i-1" class="clause__ref"><a class="clause__permalink" href="#muc-pl1-i-1">Mục PL1.I.1</a></h4>'
    )
    roles = page[row : page.index("</section>", row)]
    assert '<a href="../../co-quan/so-thong-tin-truyen-thong/">Sở Thông tin và Truyền thông</a>' in roles
    assert "role-mark--chu-tri" in roles and "role-mark--phoi-hop" in roles


def test_agency_page_lists_the_appendix_duty(pages: dict[str, str]) -> None:
    assert f'href="{PLAN_ID}/"' in pages["co-quan/so-thong-tin-truyen-thong/"]  # the plan's duties
    page = pages[f"co-quan/so-thong-tin-truyen-thong/{PLAN_ID}/"]
    assert f'href="../../../ke-hoach/{PLAN_ID}/#muc-pl1-i-1"' in page
    assert "Mục PL1.I.1" in page
    assert "Xây dựng kho dữ liệu dùng chung" in page
