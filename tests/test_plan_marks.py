"""What a plan file may say about its own official text: numbers printed out of order, footnotes.

The golden cases (71-73) pin the validator's messages; these tests pin what the model makes of a
valid file: the refs and anchors of a number the text repeats, the counting that goes on after a
skipped number, and the footnotes kept on their clause.
"""

from __future__ import annotations

import shutil
from pathlib import Path

from conftest import REPO_ROOT

from vnplans.data.fulltext import official_paragraphs
from vnplans.data.load import load_portfolio

GOLDEN = REPO_ROOT / "tests" / "golden"


def _load(tmp_path: Path, case: str):  # type: ignore[no-untyped-def]
    shutil.copytree(GOLDEN / "base" / "data", tmp_path / "data")
    shutil.copytree(GOLDEN / "cases" / case / "data", tmp_path / "data", dirs_exist_ok=True)
    result = load_portfolio(tmp_path / "data", tmp_path)
    assert not result.report.errors, result.report.format_text()
    assert result.portfolio is not None
    return result.portfolio.plan("p")


def test_marked_numbers_keep_unique_refs_and_counting_goes_on(tmp_path: Path) -> None:
    plan = _load(tmp_path, "119-numbering-marked-as-printed")
    clauses = {c.ref: c for c in plan.clauses()}
    assert [c.ref for c in clauses["II.1"].children] == ["II.1.1", "II.1.4", "II.1.5", "II.1.5~2"]
    repeated = clauses["II.1.5~2"]
    assert (repeated.label, repeated.anchor, repeated.numbering) == ("1.5.", "muc-ii-1-5-lan-2", "lap-so")
    assert clauses["II.1.4"].numbering == "bo-so" and clauses["II.1.5"].numbering is None


def test_footnotes_stay_on_their_clause_and_in_the_full_text(tmp_path: Path) -> None:
    plan = _load(tmp_path, "119-numbering-marked-as-printed")
    clause = next(c for c in plan.clauses() if c.ref == "II.1.5~2")
    assert [(f.marker, f.text) for f in clause.footnotes] == [("¹", "Theo mẫu của Bộ Nội vụ.")]
    paragraphs = official_paragraphs(plan)
    assert "1.5. Sở Nội vụ tổng hợp¹." in paragraphs
    assert "¹ Theo mẫu của Bộ Nội vụ." in paragraphs


def test_a_plans_label_keeps_the_capitals_it_needs() -> None:
    """The short name of a plan without a number: the type line's suffix comes with it, and a title in
    capitals or one that starts with a document's name keeps its case ("tRIỂN KHAI" never appears)."""
    import dataclasses

    from vnplans.data.model import Unknown
    from vnplans.site.routes import plan_label

    shipped = load_portfolio(REPO_ROOT / "data", REPO_ROOT).portfolio
    assert shipped is not None
    base = dataclasses.replace(shipped.plans[0], number=Unknown("chưa rõ"))

    def label(title: str, type_line: str | None = None, doc_type: str = "ke-hoach") -> str:
        return plan_label(dataclasses.replace(base, title=title, type_line=type_line, type=doc_type))

    assert label("Chuyển đổi số năm 2022") == "Kế hoạch chuyển đổi số năm 2022"
    assert label("TRIỂN KHAI CÔNG TÁC CẢI CÁCH HÀNH CHÍNH") == "Kế hoạch TRIỂN KHAI CÔNG TÁC CẢI CÁCH HÀNH CHÍNH"
    assert label("Nghị định số 212/2025/NĐ-CP ngày 28 tháng 7 năm 2025", "KẾ HOẠCH TRIỂN KHAI") == (
        "Kế hoạch triển khai Nghị định số 212/2025/NĐ-CP ngày 28 tháng 7 năm 2025"
    )
    assert label(
        "Thực hiện Kết luận số 44-KL/TW", "CHƯƠNG TRÌNH HÀNH ĐỘNG CỦA CHÍNH PHỦ", "chuong-trinh-hanh-dong"
    ) == ("Chương trình hành động thực hiện Kết luận số 44-KL/TW")
