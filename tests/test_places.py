"""Agencies in place and time: jurisdictions, standard bodies, names in context, and who holds a duty today.

The seed's facts come from the team's notes on the 2025 reorganisation (data/succession.yaml cites
them); the fixtures in tests/fixtures/places/ add a second province and a ministry's plan.
"""

from __future__ import annotations

import datetime as dt
import shutil
from pathlib import Path

import pytest
from conftest import REPO_ROOT

from vnplans.data.load import load_portfolio
from vnplans.data.model import Certainty, ChangeKind, Portfolio
from vnplans.data.names import NameIndex
from vnplans.data.succession import Succession
from vnplans.data.values import canonical_tones, tone_variants

FIXTURES = REPO_ROOT / "tests" / "fixtures" / "places"


def with_fixtures(root: Path) -> Path:
    """A copy of data/ with the second province and the ministry's plan added; returns its data folder."""
    data = root / "data"
    shutil.copytree(REPO_ROOT / "data", data)
    jurisdictions = data / "jurisdictions.yaml"
    text = jurisdictions.read_text(encoding="utf-8")
    extra = (FIXTURES / "jurisdictions.yaml").read_text(encoding="utf-8")
    jurisdictions.write_text(text.replace("\nchanges:\n", "\n" + extra + "\nchanges:\n", 1), encoding="utf-8")
    for plan in (FIXTURES / "plans").glob("*.yaml"):
        shutil.copy(plan, data / "plans" / plan.name)
    return data


@pytest.fixture(scope="module")
def places(tmp_path_factory: pytest.TempPathFactory) -> Portfolio:
    root = tmp_path_factory.mktemp("places")
    result = load_portfolio(with_fixtures(root), root)
    assert result.portfolio is not None, result.report.format_text()
    assert result.report.diagnostics == [], result.report.format_text()
    return result.portfolio


def test_every_agency_lives_in_a_jurisdiction(portfolio: Portfolio) -> None:
    known = {j.id for j in portfolio.jurisdictions}
    assert {a.jurisdiction_id for a in portfolio.agencies} <= known
    assert portfolio.agency("so-noi-vu").jurisdiction_id == "binh-thuan"
    assert portfolio.agency("so-noi-vu").name == "Sở Nội vụ tỉnh Bình Thuận"
    assert portfolio.agency("bo-noi-vu").jurisdiction_id == "trung-uong"
    assert portfolio.agency("ubnd-huyen-tuy-phong").jurisdiction_id == "binh-thuan-tuy-phong"


def test_standard_bodies_are_made_for_each_jurisdiction(portfolio: Portfolio) -> None:
    lam_dong = portfolio.agency("so-tai-chinh-lam-dong")
    assert (lam_dong.name, lam_dong.kind, lam_dong.generated) == ("Sở Tài chính tỉnh Lâm Đồng", "so", True)
    assert lam_dong.spellings == ("Sở Tài chính",)
    # an entry of data/agencies.yaml stands for the standard body and keeps its published id
    assert not portfolio.has_agency("so-tai-chinh-binh-thuan")
    assert portfolio.agency("so-tai-chinh").standard_key == "so-tai-chinh"
    # the bodies of a set end when the jurisdiction stops using the set
    assert portfolio.agency("so-ke-hoach-dau-tu").period.ended_by(dt.date(2025, 3, 2))
    assert not portfolio.agency("so-ke-hoach-dau-tu").period.ended_by(dt.date(2025, 2, 1))
    assert portfolio.agency("so-nong-nghiep-moi-truong-lam-dong").period.contains(dt.date(2026, 1, 1))


def test_the_seed_bodies_that_no_longer_exist_have_successors_with_date_and_basis(portfolio: Portfolio) -> None:
    succession = Succession(portfolio)
    assert portfolio.as_of == dt.date(2026, 12, 1)
    kh = succession.ending_event("so-ke-hoach-dau-tu")
    assert kh is not None and kh.kind is ChangeKind.MERGED_INTO
    assert [s.agency_id for s in kh.successors] == ["so-tai-chinh"]
    assert [b.document_id for b in kh.basis] == ["nd-45-2025"] and kh.certainty is Certainty.VERIFIED
    tttt = succession.ending_event("so-thong-tin-truyen-thong")
    assert tttt is not None and tttt.kind is ChangeKind.SPLIT
    assert {s.agency_id: s.functions for s in tttt.successors} == {
        "so-khoa-hoc-cong-nghe": ("cong-nghe-thong-tin",),
        "so-van-hoa-the-thao-du-lich-binh-thuan": ("bao-chi-xuat-ban",),
    }
    bao = succession.ending_event("bao-binh-thuan")
    assert bao is not None and bao.date == dt.date(2025, 7, 1)
    assert [s.agency_id for s in bao.successors] == ["bao-phat-thanh-truyen-hinh-lam-dong"]
    assert succession.ending_event("so-lao-dong-thuong-binh-xa-hoi") is not None


def test_chains_resolve_to_the_body_that_carries_the_duty_today(portfolio: Portfolio) -> None:
    succession = Succession(portfolio)
    (holder,) = succession.present_holders("so-ke-hoach-dau-tu")
    assert holder.agency.id == "so-tai-chinh-lam-dong"
    assert [s.successor.agency_id for s in holder.steps] == ["so-tai-chinh", "so-tai-chinh-lam-dong"]
    assert holder.verified and not holder.candidate
    # a body that still exists carries its own duties
    (itself,) = succession.present_holders("bo-noi-vu")
    assert (itself.agency.id, itself.steps) == ("bo-noi-vu", ())


def test_a_split_follows_the_dutys_function_and_lists_candidates_when_it_is_unknown(portfolio: Portfolio) -> None:
    succession = Succession(portfolio)
    (press,) = succession.present_holders("so-thong-tin-truyen-thong", ["bao-chi-xuat-ban"])
    assert press.agency.id == "so-van-hoa-the-thao-du-lich-lam-dong"
    assert not press.candidate and not press.verified  # the press branch is a national pattern
    unknown = succession.present_holders("so-thong-tin-truyen-thong")
    assert {h.agency.id for h in unknown} == {"so-khoa-hoc-cong-nghe-lam-dong", "so-van-hoa-the-thao-du-lich-lam-dong"}
    assert all(h.candidate for h in unknown)
    labour = succession.present_holders("so-lao-dong-thuong-binh-xa-hoi")
    assert {h.agency.id for h in labour} == {
        "so-noi-vu-lam-dong",
        "so-giao-duc-dao-tao-lam-dong",
        "so-y-te-lam-dong",
        "so-nong-nghiep-moi-truong-lam-dong",
        "cong-an-tinh-lam-dong",
    }
    assert all(h.candidate for h in labour)


def test_a_district_dissolved_gives_candidates_not_a_guess(portfolio: Portfolio) -> None:
    holders = Succession(portfolio).present_holders("ubnd-huyen-phu-quy")
    assert {h.agency.id for h in holders} == {"ubnd-dac-khu-phu-quy", "ubnd-tinh-lam-dong"}
    assert all(h.candidate and not h.verified for h in holders)


def test_names_resolve_in_the_plans_jurisdiction(places: Portfolio) -> None:
    names = NameIndex(places)
    son_mau = places.home_jurisdiction(places.plan("2024-son-mau-cai-cach-hanh-chinh")).id
    seed = places.home_jurisdiction(places.plan("2021-lien-hiep-hoi-khkt")).id
    national = places.home_jurisdiction(places.plan("2023-bo-khdt-du-lieu-mo")).id
    assert (son_mau, seed, national) == ("son-mau", "binh-thuan", "trung-uong")

    def resolved(text: str, where: str) -> str | None:
        actor = names.resolve(text, where)
        return actor.id if actor else None

    assert resolved("Sở Nội vụ", son_mau) == "so-noi-vu-son-mau"
    assert resolved("UBND tỉnh", son_mau) == "ubnd-tinh-son-mau"
    assert resolved("Tỉnh ủy", son_mau) == "tinh-uy-son-mau"
    assert resolved("Sở Nội vụ", seed) == "so-noi-vu"
    assert resolved("Tỉnh ủy", seed) == "tinh-uy"
    assert resolved("Bộ Kế hoạch và Đầu tư", national) == "bo-ke-hoach-dau-tu"
    assert resolved("Kế hoạch và Đầu tư", national) is None  # Bình Thuận's short spelling stays in Bình Thuận
    assert resolved("Bộ Nội vụ", son_mau) == "bo-noi-vu"  # national names everywhere
    assert resolved("Sở Nội vụ tỉnh Sơn Mẫu", seed) == "so-noi-vu-son-mau"  # a full name from anywhere
    assert resolved("Uỷ ban nhân dân tỉnh", son_mau) == "ubnd-tinh-son-mau"  # either tone placement


def test_groups_stay_in_their_jurisdiction(places: Portfolio) -> None:
    group = places.group("cac-so-nganh-dia-phuong")
    assert "so-noi-vu" in group.members
    assert not [
        m
        for m in group.members
        if places.agency(m).jurisdiction_id not in ("binh-thuan",) and not m.startswith("ubnd-")
    ]
    assert "so-noi-vu-son-mau" not in group.members and "so-noi-vu-lam-dong" not in group.members


def test_the_second_provinces_bodies_get_the_standard_successions_as_unverified(places: Portfolio) -> None:
    (holder,) = Succession(places).present_holders("so-ke-hoach-dau-tu-son-mau")
    assert holder.agency.id == "so-tai-chinh-son-mau"
    assert [s.event.generated for s in holder.steps] == [True]
    assert not holder.verified and holder.steps[0].successor.certainty is Certainty.PATTERN


@pytest.mark.parametrize(
    ("written", "canonical"),
    [
        ("Uỷ ban", "Ủy ban"),
        ("hoà bình", "hòa bình"),
        ("khoẻ", "khỏe"),
        ("đoàn", "đoàn"),
        ("quý", "quý"),
        ("HOÀ", "HÒA"),
        ("Luật", "Luật"),  # the circumflex after the dot below: "uậ" keeps its tone on "â"
        ("tỉnh Bình Thuận", "tỉnh Bình Thuận"),
        ("Huệ", "Huệ"),
    ],
)
def test_tone_placement_is_compared_in_one_form(written: str, canonical: str) -> None:
    assert canonical_tones(written) == canonical
    assert len(canonical_tones(written)) == len(written)
    assert written in tone_variants(canonical)
