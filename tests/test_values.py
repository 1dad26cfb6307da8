"""Value forms with one implementation each: the official numbering, the id form, slug folding,
deadlines and dates. The validator, the site and the importer all use these; so do the tests."""

from __future__ import annotations

import datetime as dt
import json

import pytest
from conftest import REPO_ROOT

from vnplans.data.numbering import LETTERS, clause_ref, is_roman
from vnplans.data.values import ID_PATTERN, is_id, normalize_deadline, parse_date, slugify
from vnplans.importer.agencies import slug as proposed_id

# -- numbering ---------------------------------------------------------------------------------------


def test_items_are_lettered_in_the_vietnamese_alphabet() -> None:
    """a b c d đ e: "đ" is a letter of its own between d and e; f, j, w and z are not used."""
    assert LETTERS[:8] == ("a", "b", "c", "d", "đ", "e", "g", "h")
    assert not {"f", "j", "w", "z"} & set(LETTERS)


@pytest.mark.parametrize(
    ("number", "parent", "dash", "ref"),
    [
        ("II", None, 0, "II"),
        ("2", ("II", "II"), 0, "II.2"),
        ("2.4", ("II.2", "2"), 0, "II.2.4"),
        ("a", ("II.2.4", "2.4"), 0, "II.2.4.a"),
        ("đ", ("II.2.4", "2.4"), 0, "II.2.4.đ"),
        ("-", ("II.2.4.đ", "đ"), 2, "II.2.4.đ.-2"),
        ("-", None, 1, "-1"),
        ("3", None, 0, "3"),  # a plan numbered 1, 2, 3 at the top
        ("3.1", ("3", "3"), 0, "3.1"),
        ("PL1", None, 0, "PL1"),
    ],
)
def test_clause_refs(number: str, parent: tuple[str, str] | None, dash: int, ref: str) -> None:
    assert clause_ref(number, parent, dash) == ref


def test_roman_numerals() -> None:
    assert all(is_roman(n) for n in ("I", "IV", "IX", "XIV", "XL"))
    assert not any(is_roman(n) for n in ("1", "a", "i", "II.2", "-"))


# -- ids and slugs -----------------------------------------------------------------------------------


def test_the_schema_states_the_id_form_of_the_code() -> None:
    common = json.loads((REPO_ROOT / "schemas" / "common.schema.json").read_text(encoding="utf-8"))
    patterns = {name: d.get("pattern") for name, d in common["$defs"].items() if "id" in name.lower()}
    assert patterns and set(patterns.values()) == {ID_PATTERN}, patterns


@pytest.mark.parametrize("text", ["so-noi-vu", "2021-lien-hiep-hoi-khkt", "ct-42-tw-2010", "a", "x1"])
def test_ids(text: str) -> None:
    assert is_id(text)


@pytest.mark.parametrize("text", ["", "So-noi-vu", "sở-nội-vụ", "so--noi-vu", "-so", "so-", "so_noi_vu", "so noi vu"])
def test_not_ids(text: str) -> None:
    assert not is_id(text)


@pytest.mark.parametrize(
    ("text", "slug"),
    [
        ("Hướng dẫn biên tập", "huong-dan-bien-tap"),
        ("Đồng Đội – ĐOÀN", "dong-doi-doan"),
        ("  II. Nhiệm vụ, giải pháp  ", "ii-nhiem-vu-giai-phap"),
        ("Sở Tài chính", "so-tai-chinh"),
    ],
)
def test_slugs_fold_to_the_id_form(text: str, slug: str) -> None:
    assert slugify(text) == slug
    assert is_id(slug)


def test_the_importer_proposes_ids_by_the_same_folding() -> None:
    assert proposed_id("Ủy ban nhân dân huyện Đức Linh") == "uy-ban-nhan-dan-huyen-duc-linh"
    assert proposed_id("Sở Văn hóa, Thể thao & Du lịch") == slugify("Sở Văn hóa, Thể thao & Du lịch")


# -- deadlines and dates -------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "normalized"),
    [
        ("Quý II/2021", "2021-Q2"),
        ("trong Quý IV năm 2022", "2022-Q4"),
        ("trước ngày 30/6/2021", "2021-06-30"),
        ("năm 2022", "2022"),
        ("thường xuyên", "thuong-xuyen"),
        ("định kỳ và đột xuất", "dinh-ky"),
        ("hằng năm", "hang-nam"),
        ("khi có yêu cầu", None),
    ],
)
def test_deadlines(text: str, normalized: str | None) -> None:
    assert normalize_deadline(text) == normalized


def test_dates_are_day_month_year() -> None:
    assert parse_date("05/04/2021") == dt.date(2021, 4, 5)
    assert parse_date("2021-04-05") == dt.date(2021, 4, 5)
    assert not isinstance(parse_date("31/02/2021"), dt.date)
