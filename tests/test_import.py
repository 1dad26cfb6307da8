"""The importer: the seed's figures, plans in other layouts, and inputs it must refuse.

Each fixture text in ``tests/import_fixtures/`` is imported, compared with the plan file and proposals
it must give (golden files), and validated by the repository's loader against a copy of ``data/``.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest
import yaml

REPO_ROOT = Path(__file__).resolve().parent.parent
if str(REPO_ROOT) not in sys.path:
    sys.path.insert(0, str(REPO_ROOT))

from vnplans.data.fulltext import official_paragraphs, source_text_normalized  # noqa: E402
from vnplans.data.load import load_portfolio  # noqa: E402
from vnplans.data.model import Clause, Plan  # noqa: E402
from vnplans.importer import Imported, ReferenceData, SourceError, import_text, load_reference_data  # noqa: E402
from vnplans.importer.accuracy import CLAUSE_TARGET, DEFAULT_PLAN, ROLE_TARGET, measure  # noqa: E402
from vnplans.importer.agencies import NameFinder  # noqa: E402
from vnplans.importer.emit import dump_yaml  # noqa: E402
from vnplans.importer.places import Places  # noqa: E402
from vnplans.importer.proposals import accept_proposals  # noqa: E402
from vnplans.importer.refs import find_references  # noqa: E402
from vnplans.importer.roles import find_deadline, find_roles, settle  # noqa: E402
from vnplans.importer.source import read_source  # noqa: E402

FIXTURES = REPO_ROOT / "tests" / "import_fixtures"
#: The seed plan's own source text, as the plan names it (``source.text_file``, from the repository root).
SEED_SOURCE = REPO_ROOT / yaml.safe_load(DEFAULT_PLAN.read_text(encoding="utf-8"))["source"]["text_file"]
IMPORT = REPO_ROOT / "scripts" / "import"
UPDATE = os.environ.get("UPDATE_IMPORT_GOLDEN") == "1"

#: fixture text → the plan id it is imported under
CASES = {
    "qd-ke-hoach-chuyen-doi-so": "2021-chuyen-doi-so",
    "ke-hoach-khoi-nhiem-vu": "2022-khkt-nhiem-vu",
    "ke-hoach-phu-luc-bang": "2023-cai-cach-hanh-chinh-so-noi-vu",
}


@pytest.fixture(scope="module")
def data() -> ReferenceData:
    return load_reference_data(REPO_ROOT / "data")


def _import(name: str, data: ReferenceData) -> Imported:
    path = FIXTURES / f"{name}.txt"
    return import_text(read_source(path), str(path), data, CASES[name])


def _data_copy(tmp_path: Path) -> Path:
    copy = tmp_path / "data"
    shutil.copytree(REPO_ROOT / "data", copy)
    return copy


def _merge_proposals(copy: Path, imported: Imported, only: set[str] | None = None) -> None:
    """Accept the proposals in the copy of data/: all of them, or only the entries with the ids in ``only``."""
    proposed = yaml.safe_load(imported.proposals_yaml or "") or {}
    if only is not None:
        proposed = {key: [e for e in entries if e["id"] in only] for key, entries in proposed.items()}
    accept_proposals(copy, proposed)


def _proposed_decision(imported: Imported, data: ReferenceData) -> set[str]:
    """The Quyết định issuing the plan, when the importer had to propose it (the plan names it all the same,
    as it names a proposed issuer: it validates once the editor adds the document)."""
    decision = imported.result.plan.get("decision")
    return {decision["document"]} if decision and decision["document"] not in data.document_ids else set()


def _load_with(tmp_path: Path, imported: Imported, proposals: bool = True, only: set[str] | None = None) -> Plan:
    """Validate the imported plan beside a copy of data/ (with the proposals, or those in ``only``, merged in)."""
    copy = _data_copy(tmp_path)
    (copy / "plans" / f"{imported.plan_id}.yaml").write_text(imported.yaml, encoding="utf-8")
    if proposals or only:
        _merge_proposals(copy, imported, None if proposals else only)
    result = load_portfolio(copy, tmp_path)
    assert not result.report.errors, result.report.format_text()
    assert result.portfolio is not None
    return result.portfolio.plan(imported.plan_id)


def _clauses(plan: Plan) -> dict[str, Clause]:
    return {c.ref: c for c in plan.clauses()}


def _roles(clause: Clause) -> dict[str, list[str]]:
    out: dict[str, list[str]] = {}
    for assignment in clause.roles:
        out.setdefault(assignment.role.value, []).append(assignment.actor_id)
    return out


# --- the seed: figures the importer must reach --------------------------------------------------


def test_seed_import_reaches_the_targets() -> None:
    """scripts/import_accuracy on the seed: every clause and every stated role, and nothing more (pinned)."""
    result = measure(SEED_SOURCE, DEFAULT_PLAN, REPO_ROOT / "data")
    assert (result.clauses_matched, result.clauses_total) == (44, 44), result.clause_misses
    assert result.roles_found == result.roles_expected, (
        sorted(result.roles_expected - result.roles_found),
        sorted(result.roles_found - result.roles_expected),
    )
    assert len(result.roles_expected) == 60
    assert result.clause_share >= CLAUSE_TARGET and result.role_recall >= ROLE_TARGET


def test_seed_as_a_hard_wrapped_pdf_export_still_reaches_the_targets(tmp_path: Path) -> None:
    """Lines cut at 78 characters, CRLF, a byte order mark, a page number and a form feed: layout only."""
    import textwrap

    lines = []
    for line in SEED_SOURCE.read_text(encoding="utf-8").split("\n"):
        lines.extend(textwrap.wrap(line, 78) if len(line) > 80 else [line])
    text = "\r\n".join(lines).replace("3. Rà soát, củng cố", "- 2 -\r\n\f3. Rà soát, củng cố", 1)
    source = tmp_path / SEED_SOURCE.name
    source.write_bytes(b"\xef\xbb\xbf" + text.encode("utf-8"))
    result = measure(source, DEFAULT_PLAN, REPO_ROOT / "data")
    assert result.clause_share >= CLAUSE_TARGET, result.clause_misses
    assert result.role_recall >= ROLE_TARGET


def test_seed_with_one_line_per_paragraph_and_no_blank_lines_reaches_the_targets(tmp_path: Path) -> None:
    """A Word export: no blank lines, so page breaks show only as a line starting in lower case."""
    source = tmp_path / SEED_SOURCE.name
    text = SEED_SOURCE.read_text(encoding="utf-8")
    source.write_text("\n".join(line for line in text.split("\n") if line.strip()), encoding="utf-8")
    result = measure(source, DEFAULT_PLAN, REPO_ROOT / "data")
    assert result.clause_share >= CLAUSE_TARGET, result.clause_misses
    assert result.role_recall >= ROLE_TARGET


def test_seed_import_gives_the_official_text_paragraph_for_paragraph(data: ReferenceData, tmp_path: Path) -> None:
    """The site's full text of the imported plan is the source text, laid out as the document is."""
    imported = import_text(read_source(SEED_SOURCE), str(SEED_SOURCE), data, "2021-lien-hiep-hoi-khkt-import")
    plan = _load_with(tmp_path, imported)
    assert plan.source_file == "sources/2021-lien-hiep-hoi-khkt.txt"
    source = source_text_normalized(SEED_SOURCE.read_text(encoding="utf-8"))
    assert official_paragraphs(plan) == source.split("\n\n")


def test_seed_page_breaks_are_joined_and_marked(data: ReferenceData, tmp_path: Path) -> None:
    imported = import_text(read_source(SEED_SOURCE), str(SEED_SOURCE), data, "2021-lien-hiep-hoi-khkt-import")
    clauses = _clauses(_load_with(tmp_path, imported))
    assert "Chỉ thị số 42-CT/TW, Kết luận" in (clauses["II.1.1"].text or "")
    assert "«…nội dung của Chỉ» + «thị số 42-CT/TW, Kết …»" in (clauses["II.1.1"].check or "")
    assert "giám định xã hội" in (clauses["II.2.4"].text or "")
    assert "nối lại" in (clauses["III.1.2"].check or "")
    assert imported.result.plan["date"]["not_before"] == "05/04/2021"
    assert imported.result.plan["issuer"]["editorial"] is True
    assert imported.result.plan["implements"] == ["kh-15-tu-2021-binh-thuan"]


# --- fixtures in other layouts -------------------------------------------------------------------


@pytest.mark.parametrize("name", sorted(CASES))
def test_fixture_matches_its_golden_files(name: str, data: ReferenceData) -> None:
    imported = _import(name, data)
    expected_plan = FIXTURES / f"{name}.expected.yaml"
    expected_proposals = FIXTURES / f"{name}.proposals.yaml"
    if UPDATE:
        expected_plan.write_text(imported.yaml, encoding="utf-8")
        expected_proposals.write_text(imported.proposals_yaml or "", encoding="utf-8")
    assert imported.yaml == expected_plan.read_text(encoding="utf-8")
    assert (imported.proposals_yaml or "") == expected_proposals.read_text(encoding="utf-8")


@pytest.mark.parametrize("name", sorted(CASES))
def test_fixture_validates_with_only_check_warnings(name: str, data: ReferenceData, tmp_path: Path) -> None:
    """With its proposals accepted as they are, the plan validates: its only warnings are its check: marks."""
    imported = _import(name, data)
    copy = _data_copy(tmp_path)
    (copy / "plans" / f"{imported.plan_id}.yaml").write_text(imported.yaml, encoding="utf-8")
    _merge_proposals(copy, imported)
    report = load_portfolio(copy, tmp_path).report
    assert report.errors == [], report.format_text()
    mine = [w for w in report.warnings if w.loc.file.endswith(f"{imported.plan_id}.yaml")]
    assert mine, "the importer marks what it is unsure of"
    assert all(w.text("en").startswith("marked for checking: ") for w in mine), report.format_text()


@pytest.mark.parametrize("name", sorted(CASES))
def test_fixture_proposals_fit_the_data_files(name: str, data: ReferenceData, tmp_path: Path) -> None:
    """Merged into agencies.yaml and documents.yaml, the proposals validate (ids are new, formats right)."""
    imported = _import(name, data)
    assert imported.proposals_yaml is not None
    _load_with(tmp_path, imported, proposals=True)


def test_decision_wrapping_a_plan(data: ReferenceData, tmp_path: Path) -> None:
    imported = _import("qd-ke-hoach-chuyen-doi-so", data)
    assert _proposed_decision(imported, data) == {"qd-1425-ubnd-2021"}
    plan = _load_with(tmp_path, imported, only={"qd-1425-ubnd-2021"})
    raw = imported.result.plan
    assert plan.type == "ke-hoach"
    assert plan.title == "Chuyển đổi số tỉnh Bình Thuận năm 2021"
    assert raw["number"] == {
        "unknown": "Văn bản không có số hiệu riêng: được ban hành kèm theo Quyết định số 1425/QĐ-UBND ngày 08/06/2021."
    }
    assert raw["date"] == "08/06/2021"
    assert plan.issuer_id == "ubnd-tinh" and not plan.issuer_editorial
    assert (plan.signer.authority, plan.signer.position, plan.signer.name) == (
        "KT. CHỦ TỊCH",
        "PHÓ CHỦ TỊCH",
        "Nguyễn Văn An",
    )
    assert [r.text for r in plan.recipients][:2] == ["Như Điều 3;", "Bộ Thông tin và Truyền thông;"]
    # the Quyết định is official text of its own (decision:), not an editorial note
    assert plan.note is None
    decision = plan.decision
    assert decision is not None and decision.document_id == "qd-1425-ubnd-2021"
    assert decision.authority == "CHỦ TỊCH ỦY BAN NHÂN DÂN TỈNH BÌNH THUẬN"
    assert decision.title == "Ban hành Kế hoạch chuyển đổi số tỉnh Bình Thuận năm 2021"
    assert (decision.preamble or "").split("\n\n") == [
        "Căn cứ Luật Tổ chức chính quyền địa phương ngày 19 tháng 6 năm 2015;",
        "Căn cứ Quyết định số 749/QĐ-TTg ngày 03/6/2020 của Thủ tướng Chính phủ phê duyệt Chương trình Chuyển đổi "
        "số quốc gia đến năm 2025, định hướng đến năm 2030;",
        "Theo đề nghị của Giám đốc Sở Thông tin và Truyền thông tại Tờ trình số 52/TTr-STTTT ngày 25/5/2021.",
    ]
    assert [(a.number, a.anchor) for a in decision.articles] == [("1", "dieu-1"), ("2", "dieu-2"), ("3", "dieu-3")]
    assert decision.articles[0].text == (
        "Ban hành kèm theo Quyết định này Kế hoạch chuyển đổi số tỉnh Bình Thuận năm 2021."
    )
    assert decision.articles[2].text.startswith("Chánh Văn phòng UBND tỉnh")
    assert decision.signer is not None and decision.signer.name == "Nguyễn Văn An"
    paragraphs = official_paragraphs(plan)
    assert paragraphs[:3] == ["QUYẾT ĐỊNH", decision.title, decision.authority]
    enacting = paragraphs.index("QUYẾT ĐỊNH:")
    assert paragraphs[enacting + 1].startswith("Điều 1. Ban hành kèm theo Quyết định này")
    assert paragraphs[enacting + 4 : enacting + 7] == ["KT. CHỦ TỊCH\nPHÓ CHỦ TỊCH", "Nguyễn Văn An", "KẾ HOẠCH"]
    proposed = yaml.safe_load(imported.proposals_yaml or "")
    documents = {d["id"]: d for d in proposed["documents"]}
    assert documents["qd-1425-ubnd-2021"]["relations"] == [{"type": "phe-chuan", "target": "2021-chuyen-doi-so"}]
    assert documents["qd-1425-ubnd-2021"]["title"] == "Ban hành Kế hoạch chuyển đổi số tỉnh Bình Thuận năm 2021"
    assert documents["qd-749-ttg-2020"]["issuer"] == "Thủ tướng Chính phủ"
    assert documents["qd-749-ttg-2020"]["date"] == "03/06/2020"
    assert documents["qd-749-ttg-2020"]["verification"] == "chi-theo-van-ban"

    clauses = _clauses(plan)
    assert [c.label for c in clauses["I.1"].children] == ["a)", "b)"]
    # "Văn phòng UBND tỉnh" is a standard body of the province (data/standard-bodies.yaml), not a proposal
    assert _roles(clauses["II.1.1"]) == {
        "chu-tri": ["so-thong-tin-truyen-thong"],
        # "các sở, ngành": a group the data lacks, named by the id proposed for it
        "phoi-hop": ["van-phong-ubnd-tinh-binh-thuan", "cac-so-nganh-binh-thuan"],
    }
    assert clauses["II.1.1"].deadline is not None
    assert (clauses["II.1.1"].deadline.text, clauses["II.1.1"].deadline.normalized) == ("Quý III/2021", "2021-Q3")
    assert [c.number for c in clauses["II.1.2"].children] == ["-", "-"]
    assert [c.number for c in clauses["II.1.2.-2"].children] == ["+", "+"]
    assert _roles(clauses["II.1.2.-2"]) == {"thuc-hien": ["cac-so-nganh-dia-phuong"]}
    assert _roles(clauses["II.2"]) == {
        "chu-tri": ["so-ke-hoach-dau-tu"],
        "phoi-hop": ["so-cong-thuong-binh-thuan"],
        "nhan-bao-cao": ["ubnd-tinh"],
    }
    assert _roles(clauses["II.3.c"]) == {"phoi-hop": ["so-thong-tin-truyen-thong"], "thuc-hien": ["tinh-doan"]}
    # headings in TỔ CHỨC THỰC HIỆN name the actor of the items under them
    assert _roles(clauses["III.1.-1"]) == {
        "chu-tri": ["so-thong-tin-truyen-thong"],
        "nhan-bao-cao": ["ubnd-tinh", "bo-thong-tin-truyen-thong"],  # the ministry of 2021, a standard national body
    }
    assert "Bộ Thông tin và Truyền thông theo quy định" in (clauses["III.1.-1"].text or "")
    assert "nối lại" in (clauses["III.1.-1"].check or "")
    assert _roles(clauses["III.1.-2"]) == {"thuc-hien": ["so-thong-tin-truyen-thong"], "duoc-tham-muu": ["ubnd-tinh"]}
    assert _roles(clauses["III.2"]) == {"thuc-hien": ["so-tai-chinh"], "duoc-tham-muu": ["ubnd-tinh"]}
    assert [b.document_id for b in clauses["III.2"].basis] == ["luat-nsnn-2015"]
    assert "chỉ theo số hiệu" in (clauses["III.2"].check or "")
    assert _roles(clauses["III.3"]) == {
        "chu-tri": ["cong-an-tinh-binh-thuan"],
        "phoi-hop": ["so-thong-tin-truyen-thong"],
    }
    assert plan.closing is not None and (plan.closing.text or "").endswith("giải quyết./.")


def test_plan_exported_without_its_decision(data: ReferenceData, tmp_path: Path) -> None:
    """Only the attached plan: "(Ban hành kèm theo Quyết định số … ngày …)" gives its date and its Quyết định."""
    text = (FIXTURES / "qd-ke-hoach-chuyen-doi-so.txt").read_text(encoding="utf-8")
    imported = import_text(text[text.index("KẾ HOẠCH\n") :], "ke-hoach.txt", data, "2021-chuyen-doi-so")
    plan = _load_with(tmp_path, imported)
    raw = imported.result.plan
    assert raw["number"]["unknown"].endswith("kèm theo Quyết định số 1425/QĐ-UBND ngày 08/06/2021.")
    assert raw["date"] == "08/06/2021"
    assert (plan.issuer_id, plan.issuer_editorial) == ("ubnd-tinh", True)  # "Ủy ban nhân dân tỉnh ban hành …"
    assert plan.note == "Văn bản được ban hành kèm theo Quyết định số 1425/QĐ-UBND ngày 08/06/2021."
    assert plan.signer.name == "Chưa rõ người ký"
    assert "KIỂM TRA: bản văn bản không ghi tên người ký" in imported.yaml
    decision = next(
        d for d in yaml.safe_load(imported.proposals_yaml or "")["documents"] if d["id"] == "qd-1425-ubnd-2021"
    )
    assert decision["issuer"] == "Chủ tịch UBND tỉnh Bình Thuận"
    assert decision["relations"] == [{"type": "phe-chuan", "target": "2021-chuyen-doi-so"}]


def test_plan_with_task_blocks(data: ReferenceData, tmp_path: Path) -> None:
    imported = _import("ke-hoach-khoi-nhiem-vu", data)
    plan = _load_with(tmp_path, imported)
    raw = imported.result.plan
    assert (raw["number"], raw["date"], plan.issuer_id) == ("2150/KH-UBND", "15/04/2022", "ubnd-tinh")
    assert plan.title == (
        "Tiếp tục thực hiện Kết luận số 93-KL/TW, ngày 20/11/2020 của Ban Bí thư Trung ương Đảng trong năm 2022"
    )
    assert [r.document_id for r in plan.implements] == ["kl-93-tw-2020"]
    assert plan.opening is not None
    assert [b.document_id for b in plan.opening.basis] == ["kl-93-tw-2020", "nq-45-hdnd-2021"]  # the second proposed
    assert "nq-45-hdnd-2021" in (plan.opening.check or "")
    assert (plan.signer.authority, plan.signer.position, plan.signer.name) == (
        "TM. ỦY BAN NHÂN DÂN",
        "CHỦ TỊCH",
        "Trần Minh Quang",
    )
    clauses = _clauses(plan)
    task = clauses["II.1"]
    assert (task.text or "").splitlines() == [
        "Tổ chức quán triệt, tuyên truyền các nội dung của Kế hoạch",
        "- Cơ quan chủ trì: Sở Thông tin và Truyền thông.",
        "- Cơ quan phối hợp: Báo Bình Thuận, Đài Phát thanh - Truyền hình tỉnh, UBND các huyện, thị xã, thành phố.",
        "- Thời gian thực hiện: Quý II/2022.",
    ]
    assert _roles(task) == {
        "chu-tri": ["so-thong-tin-truyen-thong"],
        "phoi-hop": ["bao-binh-thuan", "dai-phat-thanh-truyen-hinh", "ubnd-cac-huyen-thi-xa-thanh-pho-binh-thuan"],
    }
    assert "ubnd-cac-huyen-thi-xa-thanh-pho-binh-thuan" in (task.check or "")  # proposed: the editor checks it
    deadlines = {ref: (c.deadline.text, c.deadline.normalized) for ref, c in clauses.items() if c.deadline}
    assert deadlines["II.1"] == ("Quý II/2022", "2022-Q2")
    assert deadlines["II.2"] == ("trước ngày 30/6/2022", "2022-06-30")
    assert deadlines["II.3"] == ("Thường xuyên", "thuong-xuyen")
    assert deadlines["II.4"] == ("Quý III và Quý IV/2022", "2022-Q4")
    assert clauses["II.2"].check is None  # every reading of a full task block is stated in the text
    assert _roles(clauses["II.2"]) == {
        "chu-tri": ["so-noi-vu"],
        "phoi-hop": ["lien-hiep-hoi-khkt-tinh", "so-tai-chinh"],
    }
    assert _roles(clauses["II.3"]) == {
        "chu-tri": ["lien-hiep-hoi-khkt-tinh"],
        "phoi-hop": ["so-khoa-hoc-cong-nghe", "so-y-te-binh-thuan"],
    }
    assert "Sở Y tế" not in (clauses["II.3"].check or "")  # a standard body of the province, not a proposal
    assert _roles(clauses["II.4"])["phoi-hop"] == ["so-khoa-hoc-cong-nghe", "so-giao-duc-dao-tao", "tinh-doan"]
    assert clauses["III"].title == "KINH PHÍ THỰC HIỆN" and clauses["III"].text
    assert _roles(clauses["IV.1"])["thuc-hien"] == ["cac-so-ban-nganh-doan-the-dia-phuong"]
    assert _roles(clauses["IV.2"]) == {"thuc-hien": ["so-noi-vu"], "nhan-bao-cao": ["ubnd-tinh"]}
    assert plan.closing is not None and (plan.closing.text or "").startswith("Trên đây là Kế hoạch")
    assert plan.recipients[0].agency_ids == ("bo-noi-vu",)


def test_plan_with_an_appendix_table(data: ReferenceData, tmp_path: Path) -> None:
    imported = _import("ke-hoach-phu-luc-bang", data)
    plan = _load_with(tmp_path, imported)
    raw = imported.result.plan
    assert raw["number"] == "845/KH-SNV"
    assert raw["date"] == {
        "unknown": "Bản văn bản để trống ngày ban hành (chỉ ghi tháng 9 năm 2022).",
        "not_before": "01/09/2022",
    }
    assert plan.issuer_id == "so-noi-vu"  # the last header line under "UBND TỈNH BÌNH THUẬN"
    assert (plan.signer.authority, plan.signer.position, plan.signer.name) == (None, "GIÁM ĐỐC", "Lê Thị Hồng Nhung")
    clauses = _clauses(plan)
    section = clauses["II"]
    assert "Phụ lục" in (section.text or "")
    assert section.children == () and section.check is None  # the body keeps the structure of the text
    (appendix,) = plan.appendices
    assert appendix.title == "PHỤ LỤC\nDANH MỤC NHIỆM VỤ CẢI CÁCH HÀNH CHÍNH NĂM 2023"
    assert appendix.caption == "(Kèm theo Kế hoạch số 845/KH-SNV ngày tháng 9 năm 2022 của Sở Nội vụ)"
    assert [(c.ref, c.title) for c in appendix.items] == [
        ("PL1.I", "CẢI CÁCH THỂ CHẾ"),
        ("PL1.II", "CẢI CÁCH THỦ TỤC HÀNH CHÍNH"),
    ]
    # rows keep the table's TT numbers, which go on counting across the group rows
    assert [[c.number for c in group.children] for group in appendix.items] == [["1", "2"], ["3", "4"]]
    first, second = clauses["PL1.I.1"], clauses["PL1.I.2"]
    assert (first.label, first.anchor) == ("1.", "muc-pl1-i-1")
    assert (first.text or "").splitlines()[1:] == [
        "Cơ quan chủ trì: Sở Nội vụ",
        "Cơ quan phối hợp: Sở Tư pháp",
        "Thời gian hoàn thành: Quý I/2023",
    ]
    assert first.note is None
    assert _roles(first) == {"chu-tri": ["so-noi-vu"], "phoi-hop": ["so-tu-phap-binh-thuan"]}
    assert _roles(second) == {
        "chu-tri": ["so-noi-vu"],
        "phoi-hop": ["van-phong-ubnd-tinh-binh-thuan"],
        "duoc-tham-muu": ["ubnd-tinh"],
    }
    assert second.deadline is not None and second.deadline.normalized == "2023-06-30"
    continued = clauses["PL1.II.3"]
    assert (continued.text or "").startswith(
        "Công khai, cập nhật thủ tục hành chính lĩnh vực nội vụ trên Cổng Dịch vụ công của tỉnh\n"
    )
    assert _roles(continued) == {"chu-tri": ["so-noi-vu"], "phoi-hop": ["so-thong-tin-truyen-thong"]}
    assert continued.deadline is not None and continued.deadline.normalized == "thuong-xuyen"
    # document order: the appendix follows the signature, in the full text as in the clause list
    refs = [c.ref for c in plan.clauses()]
    assert refs.index("III.2") < refs.index("PL1.I") and refs[-1] == "PL1.II.4"
    paragraphs = official_paragraphs(plan)
    assert paragraphs[paragraphs.index("Lê Thị Hồng Nhung") + 1 :][:4] == [
        appendix.title,
        appendix.caption,
        "I. CẢI CÁCH THỂ CHẾ",
        first.label + " " + (first.text or ""),
    ]


# --- the command line ----------------------------------------------------------------------------


def _run(*args: str, lang: str = "en") -> subprocess.CompletedProcess[str]:
    """``scripts/import`` with its messages in English (``lang="vi"``: the editors' default)."""
    language = ["--lang", lang] if lang else []
    return subprocess.run([sys.executable, str(IMPORT), *language, *args], capture_output=True, text=True, check=False)


def test_cli_writes_a_plan_that_scripts_validate_accepts(tmp_path: Path) -> None:
    copy = _data_copy(tmp_path)
    proposals = tmp_path / "proposals.yaml"
    done = _run(
        str(FIXTURES / "ke-hoach-khoi-nhiem-vu.txt"),
        "--id",
        "2022-khkt-nhiem-vu",
        "--data",
        str(copy),
        "--proposals",
        str(proposals),
    )
    assert done.returncode == 0, done.stderr
    written = copy / "plans" / "2022-khkt-nhiem-vu.yaml"
    assert written.read_text(encoding="utf-8").splitlines()[0] == (
        "# yaml-language-server: $schema=../../schemas/plan.schema.json"
    )
    assert "validation with the proposals accepted: 0 errors" in done.stderr
    proposed = yaml.safe_load(proposals.read_text(encoding="utf-8"))
    accept_proposals(copy, proposed)  # the editor accepts them as they are: the data validates
    assert (proposed["groups"][0]["id"], proposed["groups"][0]["jurisdiction"]) == (
        "ubnd-cac-huyen-thi-xa-thanh-pho-binh-thuan",
        "binh-thuan",
    )
    validate = subprocess.run(
        [sys.executable, str(REPO_ROOT / "scripts" / "validate"), str(copy)],
        capture_output=True,
        text=True,
        check=False,
    )
    assert validate.returncode == 0, validate.stdout + validate.stderr
    again = _run(str(FIXTURES / "ke-hoach-khoi-nhiem-vu.txt"), "--id", "2022-khkt-nhiem-vu", "--data", str(copy))
    assert again.returncode == 2
    assert again.stderr == f"error: {written}: the file exists; pass --force to overwrite it\n"


def test_cli_writes_to_stdout(tmp_path: Path) -> None:
    done = _run(str(FIXTURES / "ke-hoach-phu-luc-bang.txt"), "--id", "2023-cai-cach-hanh-chinh-so-noi-vu", "-o", "-")
    assert done.returncode == 0, done.stderr
    assert yaml.safe_load(done.stdout)["issuer"] == {"agency": "so-noi-vu"}


_QD_ONLY = "QUYẾT ĐỊNH\nVề việc khen thưởng\n\nQUYẾT ĐỊNH:\nĐiều 1. Khen thưởng.\nĐiều 2. Hiệu lực.\n"
_CV_ONLY = (
    "V/v họp\nKính gửi:\n- Sở Nội vụ.\nĐề nghị Sở Nội vụ dự họp./.\nTM. ỦY BAN NHÂN DÂN\nCHỦ TỊCH\nNguyễn Văn A\n"
)


@pytest.mark.parametrize(
    ("content", "message"),
    [
        (b"", "the file is empty; export the plan's text into it first"),
        (b"  \n\n\t\n", "the file is empty; export the plan's text into it first"),
        (b"\x7fELF\x02\x01\x01\x00\x00\x00" * 50, "this is a binary file, not plain text"),
        (b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n", "this is a binary file, not plain text"),
        (
            "Hôm nay trời đẹp.\nChúng tôi đi chơi.\n".encode(),
            "this does not look like a plan: there is no document type line",
        ),
        ("KẾ HOẠCH\nTriển khai năm 2022\n\nUBND tỉnh ban hành kế hoạch.\n".encode(), "no numbered sections were found"),
        # "KẾ HOẠCH / Triển khai năm 2022 / I. MỤC ĐÍCH …" saved in Windows-1258 (iconv -t cp1258)
        (
            b"K\xca\xec HOA\xf2CH\nTri\xea\xd2n khai n\xe3m 2022\n\nI. MU\xf2C \xd0\xcdCH\n1. N\xe2ng cao nh\xe2\xf2n.\n",
            ":1: the file is not UTF-8 text",
        ),
        (_QD_ONLY.encode(), "this is a Quyết định with no plan attached to it"),
        (_QD_ONLY.replace("QUYẾT ĐỊNH", "NGHỊ QUYẾT", 1).encode(), "this is a Nghị quyết with no plan attached to it"),
        (_CV_ONLY.encode(), "this is a Công văn (it has 'Kính gửi') with no plan attached to it"),
    ],
    ids=[
        "empty",
        "blank",
        "binary",
        "pdf",
        "not-a-plan",
        "no-numbered-sections",
        "windows-1258",
        "decision-only",
        "resolution-only",
        "letter-only",
    ],
)
def test_cli_refuses_malformed_input_with_one_clear_message(content: bytes, message: str, tmp_path: Path) -> None:
    source = tmp_path / "input.txt"
    source.write_bytes(content)
    output = tmp_path / "out" / "2022-x.yaml"
    done = _run(str(source), "-o", str(output))
    assert done.returncode == 2
    assert done.stderr.startswith(f"error: {source}")
    assert message in done.stderr
    assert done.stderr.count("\n") == 1 and "Traceback" not in done.stderr
    assert not output.exists()


def test_cli_refuses_a_missing_file_and_a_bad_id(tmp_path: Path) -> None:
    missing = _run(str(tmp_path / "nope.txt"), "-o", "-")
    assert missing.returncode == 2
    assert (
        missing.stderr == f"error: {tmp_path / 'nope.txt'}: there is no such file; check the path and the file name\n"
    )
    folder = _run(str(tmp_path), "-o", "-")
    assert folder.returncode == 2
    assert folder.stderr == f"error: {tmp_path}: this is a folder; give the plan's text file (.txt)\n"
    bad = _run(str(SEED_SOURCE), "--id", "Kế hoạch 1")
    assert bad.returncode == 2 and "is not a valid plan id" in bad.stderr


def test_cli_speaks_vietnamese_by_default(tmp_path: Path) -> None:
    env = {k: v for k, v in os.environ.items() if k != "VNPLANS_LANG"}
    command = [sys.executable, str(IMPORT), str(FIXTURES / "ke-hoach-phu-luc-bang.txt"), "--id", "2023-x", "-o", "-"]
    done = subprocess.run(command, capture_output=True, text=True, check=False, env=env)
    assert done.returncode == 0, done.stderr
    assert done.stderr.splitlines() == [
        "đã ghi đầu ra chuẩn (stdout): 13 mục, 11 vai trò, 5 điểm đánh dấu 'check:'",
        "đề xuất 0 địa bàn, 1 cơ quan, 2 nhóm cơ quan, 1 văn bản (kế hoạch đã dùng mã của chúng); "
        "thêm --proposals TỆP để ghi các đề xuất",
        "kiểm tra khi đã chấp nhận các đề xuất: 0 lỗi, 4 cảnh báo",
    ]
    missing = tmp_path / "nope.txt"
    refused = subprocess.run(
        [*command[:2], str(missing), "-o", "-"], capture_output=True, text=True, check=False, env=env
    )
    assert (refused.returncode, refused.stderr) == (
        2,
        f"lỗi: {missing}: không có tệp này; hãy kiểm tra lại đường dẫn và tên tệp\n",
    )


def test_source_error_names_the_file() -> None:
    from vnplans.importer.source import decode_source

    with pytest.raises(SourceError) as refused:
        decode_source("\u200b\n".encode(), "x.txt")
    assert refused.value.message.render("en") == "x.txt: the file has no text, only blank space"
    assert refused.value.message.render("vi") == "x.txt: tệp không có chữ, chỉ có khoảng trắng"


# --- the rules, on sentences that are not in the fixtures ----------------------------------------


def _finder(data: ReferenceData) -> NameFinder:
    """Names as a plan of tỉnh Bình Thuận reads them."""
    return NameFinder(Places(data, "binh-thuan"))


def _roles_of(text: str, data: ReferenceData, heading: str = "") -> dict[str, list[str]]:
    index = _finder(data)
    masked = [(r.start, r.end) for r in find_references(text)]
    heading_mentions = index.find(heading) if heading else []
    settled, _ = settle(find_roles(text, index.find(text, masked), heading_mentions))
    out: dict[str, list[str]] = {}
    for item in settled:
        out.setdefault(item.role, []).append(item.mention.actor_id or f"?{item.mention.name}")
    return out


@pytest.mark.parametrize(
    ("text", "roles"),
    [
        (
            "Giao Sở Nội vụ chủ trì, phối hợp với Sở Tài chính tham mưu UBND tỉnh kiện toàn Ban Chỉ đạo.",
            {"chu-tri": ["so-noi-vu"], "phoi-hop": ["so-tai-chinh"], "duoc-tham-muu": ["ubnd-tinh"]},
        ),
        ("UBND tỉnh giao Sở Tài chính chủ trì thẩm định dự toán.", {"chu-tri": ["so-tai-chinh"]}),
        (
            "Sở Giáo dục và Đào tạo phối hợp chặt chẽ với tổ chức đoàn các trường triển khai.",
            {"thuc-hien": ["so-giao-duc-dao-tao"]},
        ),
        (
            "Định kỳ 6 tháng, Tỉnh đoàn tổng hợp kết quả, báo cáo Ban Tuyên giáo Tỉnh ủy và UBND tỉnh.",
            {"thuc-hien": ["tinh-doan"], "nhan-bao-cao": ["ban-tuyen-giao-tinh-uy", "ubnd-tinh"]},
        ),
        ("Uỷ ban Mặt trận Tổ quốc Việt Nam tỉnh chủ trì vận động Nhân dân.", {"chu-tri": ["uy-ban-mttq-tinh"]}),
        ("Căn cứ Chỉ thị số 42-CT/TW của Bộ Chính trị, Sở Nội vụ hướng dẫn.", {"thuc-hien": ["so-noi-vu"]}),
    ],
    ids=[
        "giao-chu-tri",
        "assigner-is-not-actor",
        "no-agency-after-phoi-hop",
        "opening-phrase",
        "old-tone-marks",
        "issuer-of-a-reference-is-no-actor",
    ],
)
def test_role_rules(text: str, roles: dict[str, list[str]], data: ReferenceData) -> None:
    assert _roles_of(text, data) == roles


def test_heading_agency_leads_when_the_item_says_chu_tri(data: ReferenceData) -> None:
    assert _roles_of("Chủ trì, phối hợp với Sở Tài chính rà soát.", data, heading="Sở Nội vụ") == {
        "chu-tri": ["so-noi-vu"],
        "phoi-hop": ["so-tai-chinh"],
    }
    assert _roles_of("Phối hợp với Sở Tài chính rà soát.", data, heading="Sở Nội vụ") == {
        "thuc-hien": ["so-noi-vu"],
        "phoi-hop": ["so-tai-chinh"],
    }


def test_one_role_per_agency_in_a_clause(data: ReferenceData) -> None:
    index = _finder(data)
    text = "Sở Nội vụ tham mưu UBND tỉnh; báo cáo UBND tỉnh kết quả."
    settled, checks = settle(find_roles(text, index.find(text)))
    assert [(f.role, f.mention.actor_id) for f in settled] == [
        ("thuc-hien", "so-noi-vu"),
        ("duoc-tham-muu", "ubnd-tinh"),
    ]
    assert checks == [
        "«Ủy ban nhân dân tỉnh Bình Thuận» được đọc là được tham mưu; lời văn cũng có thể hiểu là nhận báo cáo "
        "(mỗi cơ quan chỉ một vai trò trong một mục)"
    ]


def test_references() -> None:
    text = (
        "Căn cứ Luật Ngân sách nhà nước số 83/2015/QH13 ngày 25 tháng 6 năm 2015; Kế hoạch giai đoạn 2021-2025; "
        "các Quyết định số 12/QĐ-UBND, số 13/QĐ-UBND ngày 01/02/2021 của UBND tỉnh; Kế hoạch thực hiện "
        "Chỉ thị số 05-CT/TW"
    )
    found = [(r.type, r.number, r.date.isoformat() if r.date else None, r.issuer) for r in find_references(text)]
    assert found == [
        ("luat", "83/2015/QH13", "2015-06-25", None),
        ("quyet-dinh", "12/QĐ-UBND", None, "UBND tỉnh"),
        ("quyet-dinh", "13/QĐ-UBND", "2021-02-01", "UBND tỉnh"),
        ("chi-thi", "05-CT/TW", None, None),
    ]


def test_deadlines() -> None:
    labelled = find_deadline("Xây dựng kế hoạch.\nThời gian hoàn thành: trước ngày 30/6/2021.", has_roles=False)
    assert labelled is not None and (labelled.text, labelled.check) == ("trước ngày 30/6/2021", None)
    inferred = find_deadline("Sở Nội vụ thường xuyên kiểm tra.", has_roles=True)
    assert inferred is not None and inferred.text == "thường xuyên" and inferred.check
    assert find_deadline("Thường xuyên làm tốt công tác.", has_roles=False) is None


def test_old_and_new_tone_placement_name_one_body(data: ReferenceData) -> None:
    """ "Uỷ"/"Ủy", "hoá"/"hóa" are one spelling; "đoàn" is left as it is ("Liên đoàn Lao động")."""
    finder = _finder(data)
    old = finder.find("Uỷ ban Mặt trận Tổ quốc Việt Nam tỉnh và Sở Văn hoá, Thể thao và Du lịch")
    new = finder.find("Ủy ban Mặt trận Tổ quốc Việt Nam tỉnh và Sở Văn hóa, Thể thao và Du lịch")
    assert (
        [m.actor_id for m in old]
        == [m.actor_id for m in new]
        == [
            "uy-ban-mttq-tinh",
            "so-van-hoa-the-thao-du-lich-binh-thuan",
        ]
    )
    (union,) = finder.find("Liên đoàn Lao động tỉnh")
    assert union.actor_id == "lien-doan-lao-dong-tinh-binh-thuan"


@pytest.mark.parametrize(
    "value",
    [
        'say "yes"',
        "back\\slash",
        "- starts like a list",
        "# not a comment",
        "key: value",
        "yes",
        "1",
        "I",
        "~",
        "line one\n\nline three",
        " leading space\nsecond",
        "tab\there",
        "trailing \nspace",
    ],
)
def test_emitted_yaml_reads_back_as_written(value: str) -> None:
    data: dict[str, Any] = {"id": "x", "text": value, "roles": {"thuc-hien": ["so-noi-vu"]}}
    assert yaml.safe_load(dump_yaml(data, [])) == data


# --- a district's plan: the province's bodies and groups ----------------------------------------


def _district_finder(data: ReferenceData) -> NameFinder:
    """Names as a plan of huyện Hàm Thuận Bắc (a district of the seed's province) reads them."""
    return NameFinder(Places(data, "binh-thuan-ham-thuan-bac"))


def test_a_district_plans_group_is_its_own_not_the_provinces_of_that_name(data: ReferenceData) -> None:
    text = "Phối hợp với các cơ quan, đơn vị liên quan."
    (province,) = _finder(data).find(text)
    assert (province.actor_id, province.jurisdiction) == ("cac-co-quan-lien-quan", "binh-thuan")
    (district,) = _district_finder(data).find(text)
    assert (district.actor_id, district.name, district.jurisdiction) == (
        None,
        "Các cơ quan, đơn vị liên quan",
        "binh-thuan-ham-thuan-bac",
    )
    # worded with the province's level, a group stays the province's
    (sectors,) = _district_finder(data).find("các sở, ban, ngành tỉnh thực hiện")
    assert sectors.jurisdiction == "binh-thuan"


def test_a_district_plans_group_is_proposed_under_the_name_the_text_writes(data: ReferenceData) -> None:
    """The province's group of the same name does not make the district's proposal take a suffix: in the
    district's texts, the district's own group is found first."""
    text = (
        "ỦY BAN NHÂN DÂN\tCỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM\nHUYỆN HÀM THUẬN BẮC\tĐộc lập - Tự do - Hạnh phúc\n"
        "Số: 12/KH-UBND\tHàm Thuận Bắc, ngày 03 tháng 3 năm 2022\n\nKẾ HOẠCH\nThử nghiệm\n\n"
        "I. TỔ CHỨC THỰC HIỆN\n1. Phòng Nội vụ chủ trì, phối hợp với các cơ quan, đơn vị liên quan rà soát.\n"
    )
    imported = import_text(text, "x.txt", data, "2022-thu-nghiem")
    groups = (yaml.safe_load(imported.proposals_yaml or "") or {}).get("groups", [])
    assert [(g["name"], g["jurisdiction"]) for g in groups] == [
        ("Các cơ quan, đơn vị liên quan", "binh-thuan-ham-thuan-bac")
    ]


def test_a_provincial_party_body_named_in_a_district_plan_is_the_provinces(data: ReferenceData) -> None:
    (board,) = _district_finder(data).find("Ban Nội chính Tỉnh ủy phối hợp.")
    assert (board.name, board.jurisdiction) == ("Ban Nội chính Tỉnh ủy Bình Thuận", "binh-thuan")


def test_a_forest_ranger_station_is_a_body(data: ReferenceData) -> None:
    (station,) = _district_finder(data).find("Hạt Kiểm lâm huyện chủ trì tuần tra.")
    assert (station.name, station.jurisdiction) == ("Hạt Kiểm lâm huyện Hàm Thuận Bắc", "binh-thuan-ham-thuan-bac")


def test_a_district_party_committees_province_is_the_header_line_above_it(data: ReferenceData) -> None:
    """ "ĐẢNG BỘ TỈNH HÀ TĨNH" / "HUYỆN ỦY CẨM XUYÊN": the text itself need not name the province."""
    text = (
        "ĐẢNG BỘ TỈNH HÀ TĨNH\nHUYỆN ỦY CẨM XUYÊN\n*\nSố 5-KH/HU\nĐẢNG CỘNG SẢN VIỆT NAM\n"
        "Cẩm Xuyên, ngày 03 tháng 3 năm 2023\nKẾ HOẠCH\nthử nghiệm\n-----\n"
        "I- TỔ CHỨC THỰC HIỆN\n1- Văn phòng Huyện ủy theo dõi, báo cáo Ban Thường vụ Tỉnh ủy.\n"
        "T/M BAN THƯỜNG VỤ\nBÍ THƯ\nNguyễn Văn A\n"
    )
    imported = import_text(text, "x.txt", data, "2023-thu-nghiem")
    proposed = yaml.safe_load(imported.proposals_yaml or "") or {}
    places = {j["id"]: (j["name"], j.get("parent")) for j in proposed["jurisdictions"]}
    assert places == {"ha-tinh": ("tỉnh Hà Tĩnh", None), "ha-tinh-cam-xuyen": ("huyện Cẩm Xuyên", "ha-tinh")}
    # the issuer is the committee's board, as the signature says, under its proper name
    issuer = imported.result.plan["issuer"]["agency"]
    (entry,) = [a for a in proposed["agencies"] if a["id"] == issuer]
    assert (entry["name"], entry["jurisdiction"]) == ("Ban Thường vụ Huyện ủy Cẩm Xuyên", "ha-tinh-cam-xuyen")
