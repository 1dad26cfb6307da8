"""The full text published on the site is the official text, word for word.

Each plan names the text file it was typed from (``source.text_file``). The plan's text fields, laid
out in document order by :func:`vnplans.data.fulltext.official_text`, must give that file's words exactly,
after the two documented normalisations of :func:`vnplans.data.fulltext.source_text_normalized`.
"""

from __future__ import annotations

import dataclasses
import difflib
import os
from pathlib import Path

import pytest
from conftest import REPO_ROOT

from vnplans.data.fulltext import (
    body_of,
    document_heading,
    normalize_for_comparison,
    official_paragraphs,
    official_text,
    source_text_normalized,
)
from vnplans.data.model import Clause, Plan, Portfolio

#: Source texts are named relative to the repository root (``source.text_file: sources/x.txt``).
SOURCE_DIR = Path(os.environ.get("VNPLANS_SOURCE_DIR", REPO_ROOT))

CONTEXT_WORDS = 8


def first_divergence(source: str, model: str) -> str | None:
    """``None`` when both texts have the same words in the same order; else a report of the first
    place they differ: the word position, a few words of context, and a word-level diff of that spot.
    """
    src = normalize_for_comparison(source).split(" ")
    got = normalize_for_comparison(model).split(" ")
    matcher = difflib.SequenceMatcher(a=src, b=got, autojunk=False)
    for tag, i1, i2, j1, j2 in matcher.get_opcodes():
        if tag == "equal":
            continue
        before = " ".join(src[max(0, i1 - CONTEXT_WORDS) : i1])
        lost = " ".join(src[i1:i2]) or "(nothing)"
        added = " ".join(got[j1:j2]) or "(nothing)"
        after = " ".join(src[i2 : i2 + CONTEXT_WORDS])
        paragraph = _paragraph_at(source, i1)
        window = difflib.ndiff(src[max(0, i1 - 3) : i2 + 3], got[max(0, j1 - 3) : j2 + 3])
        return (
            f"first divergence at word {i1 + 1} of the source ({len(src)} words; the YAML gives {len(got)}):\n"
            f"  in the paragraph: {paragraph}\n"
            f"  …{before} [{lost}] {after}…\n"
            f"  source: {lost!r}\n"
            f"  YAML:   {added!r}\n"
            "word diff (- source, + YAML):\n" + "\n".join(f"  {line}" for line in window if line[0] != "?")
        )
    return None


def _paragraph_at(text: str, word_index: int) -> str:
    """The start of the paragraph of ``text`` holding word number ``word_index`` (0-based)."""
    seen = 0
    for paragraph in text.split("\n\n"):
        seen += len(paragraph.split())
        if seen > word_index:
            words = paragraph.split()
            return " ".join(words[:12]) + (" …" if len(words) > 12 else "")
    return "(after the end of the source)"


def source_of(plan: Plan) -> str:
    assert plan.source_file, f"{plan.file}: 'source.text_file' names no source text"
    path = SOURCE_DIR / plan.source_file
    assert path.is_file(), f"{plan.file}: the source text {path} is missing (set VNPLANS_SOURCE_DIR)"
    return body_of(source_text_normalized(path.read_text(encoding="utf-8")), document_heading(plan))


def plans_with_source(portfolio: Portfolio) -> list[Plan]:
    plans = [p for p in portfolio.plans if p.source_file]
    assert plans, "no plan names its source text"
    return plans


def test_official_text_reproduces_the_source_word_for_word(portfolio: Portfolio) -> None:
    for plan in plans_with_source(portfolio):
        divergence = first_divergence(source_of(plan), official_text(plan))
        assert divergence is None, f"{plan.file}: the text differs from {plan.source_file}\n{divergence}"


def test_nothing_is_added_or_lost(portfolio: Portfolio) -> None:
    for plan in plans_with_source(portfolio):
        source_words = normalize_for_comparison(source_of(plan)).split(" ")
        model_words = normalize_for_comparison(official_text(plan)).split(" ")
        assert len(model_words) == len(source_words), plan.file


def test_paragraphs_follow_the_source_layout(portfolio: Portfolio) -> None:
    """Titles and texts are separate paragraphs exactly where the official document breaks them."""
    for plan in plans_with_source(portfolio):
        source = source_of(plan).split("\n\n")
        model = official_paragraphs(plan)
        diff = "\n".join(difflib.unified_diff(source, model, "source", "YAML", lineterm="", n=1))
        assert model == source, f"{plan.file}: paragraphs differ\n{diff}"


def test_the_seed_plan_starts_and_ends_as_the_document_does(portfolio: Portfolio) -> None:
    paragraphs = official_paragraphs(portfolio.plan("2021-lien-hiep-hoi-khkt"))
    assert paragraphs[0] == "KẾ HOẠCH"
    assert paragraphs[1].startswith("Thực hiện Kế hoạch số 15-KH/TU")
    assert "I. MỤC ĐÍCH, YÊU CẦU" in paragraphs
    assert "3. Sở Tài chính" in paragraphs  # a title, then its text as the next paragraph
    assert paragraphs[paragraphs.index("3. Sở Tài chính") + 1].startswith("Trên cơ sở đề nghị")
    assert paragraphs[-4] == "Nơi nhận:"
    assert paragraphs[-3].split("\n")[0] == "- Bộ Nội vụ;"
    assert paragraphs[-2:] == ["KT. CHỦ TỊCH\nPHÓ CHỦ TỊCH", "Nguyễn Đức Hòa"]


# --- the check itself can fail -------------------------------------------------------------------


def _replace_text(plan: Plan, ref: str, text: str) -> Plan:
    """A copy of ``plan`` where the clause ``ref`` has ``text``: records are frozen, so rebuild the path."""

    def rebuild(clause: Clause) -> Clause:
        if clause.ref == ref:
            return dataclasses.replace(clause, text=text)
        return dataclasses.replace(clause, children=tuple(rebuild(c) for c in clause.children))

    return dataclasses.replace(plan, sections=tuple(rebuild(s) for s in plan.sections))


def test_a_changed_word_is_caught_and_named(portfolio: Portfolio) -> None:
    plan = portfolio.plan("2021-lien-hiep-hoi-khkt")
    clause = next(c for c in plan.clauses() if c.ref == "II.2.4")
    assert clause.text is not None and "giám định xã hội" in clause.text
    changed = _replace_text(plan, "II.2.4", clause.text.replace("giám định", "thẩm định"))

    divergence = first_divergence(source_of(plan), official_text(changed))

    assert divergence is not None
    assert "source: 'giám'" in divergence
    assert "YAML:   'thẩm'" in divergence
    assert "- giám" in divergence and "+ thẩm" in divergence
    # one word for one word: the counts alone would not see it, the word comparison does
    assert len(normalize_for_comparison(official_text(changed)).split()) == len(
        normalize_for_comparison(source_of(plan)).split()
    )


def test_a_lost_word_changes_the_word_count(portfolio: Portfolio) -> None:
    plan = portfolio.plan("2021-lien-hiep-hoi-khkt")
    changed = dataclasses.replace(plan, title=plan.title.replace(" của Tỉnh ủy", " của"))

    divergence = first_divergence(source_of(plan), official_text(changed))

    assert divergence is not None and "source: 'Tỉnh ủy'" in divergence
    assert "YAML:   '(nothing)'" in divergence
    source_words = normalize_for_comparison(source_of(plan)).split()
    assert len(normalize_for_comparison(official_text(changed)).split()) == len(source_words) - 2


def test_a_modified_yaml_copy_fails_the_check(tmp_path: Path) -> None:
    """The same check driven from the YAML file, as an editor's typo would reach it."""
    import shutil

    from vnplans.data.load import load_portfolio

    data = tmp_path / "data"
    shutil.copytree(REPO_ROOT / "data", data)
    plan_file = data / "plans" / "2021-lien-hiep-hoi-khkt.yaml"
    text = plan_file.read_text(encoding="utf-8")
    assert text.count("hỗ trợ các đối tượng dễ bị tổn thương") == 1
    plan_file.write_text(text.replace("hỗ trợ các đối tượng dễ bị", "hỗ trợ các nhóm dễ bị"), encoding="utf-8")

    result = load_portfolio(data, tmp_path)
    assert result.portfolio is not None, result.report.format_text()
    plan = result.portfolio.plan("2021-lien-hiep-hoi-khkt")
    divergence = first_divergence(source_of(plan), official_text(plan))

    assert divergence is not None
    assert "source: 'đối tượng'" in divergence and "YAML:   'nhóm'" in divergence


# --- the two normalisations ----------------------------------------------------------------------


def test_source_normalisation_joins_page_breaks_and_drops_bold_markers() -> None:
    raw = (
        "\n\nKẾ HOẠCH\n\n1.1. Nội dung của Chỉ\n\nthị số 42-CT/TW.\n\n1.2. Tiếp\n\n"
        "**KT. CHỦ TỊCH\nPHÓ CHỦ TỊCH**\n\nTên"
    )
    assert source_text_normalized(raw).split("\n\n") == [
        "KẾ HOẠCH",
        "1.1. Nội dung của Chỉ thị số 42-CT/TW.",
        "1.2. Tiếp",
        "KT. CHỦ TỊCH\nPHÓ CHỦ TỊCH",
        "Tên",
    ]


def test_source_normalisation_keeps_paragraphs_that_start_otherwise() -> None:
    raw = "Một.\n\nĐoạn hai.\n\n- gạch đầu dòng\n\n2. Số\n\nđ) chữ đ là một mục\n\ntiếp theo"
    assert source_text_normalized(raw).split("\n\n") == [
        "Một.",
        "Đoạn hai.",
        "- gạch đầu dòng",
        "2. Số",
        "đ) chữ đ là một mục tiếp theo",
    ]


def test_normalize_for_comparison_collapses_all_whitespace() -> None:
    assert normalize_for_comparison("  a\tb\n\n c \u00a0d\r\n") == "a b c d"


@pytest.mark.parametrize(
    ("source", "model"),
    [("a b c", "a b c"), ("a  b\nc", "a b c")],
)
def test_first_divergence_is_none_for_equal_words(source: str, model: str) -> None:
    assert first_divergence(source, model) is None


def test_a_header_before_the_type_line_is_metadata_not_text() -> None:
    raw = "ỦY BAN NHÂN DÂN\nTỈNH BÌNH THUẬN\n\nSố: 12/KH-UBND\n\nKẾ HOẠCH\n\nVề việc X\n\nI. MỤC ĐÍCH"
    assert body_of(source_text_normalized(raw), "Kế hoạch").split("\n\n") == ["KẾ HOẠCH", "Về việc X", "I. MỤC ĐÍCH"]
    assert body_of("Về việc X", "Kế hoạch") == "Về việc X"
